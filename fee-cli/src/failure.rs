//! A failure the command line reports: the file it concerns and why, in both languages.

use std::path::{Path, PathBuf};

use fee_core::{FeeError, Language};

use crate::{is_stdin, render};

/// A failure to report on one line, in the reader's language.
pub(crate) struct Failure {
    /// The file it concerns, if any.
    pub(crate) file: Option<PathBuf>,
    pub(crate) cause: Cause,
}

/// What went wrong.
pub(crate) enum Cause {
    /// fee-core's error, which writes itself in either language.
    Fee(FeeError),
    /// Anything else, written in both languages.
    Text { zh: String, en: String },
}

impl Failure {
    /// A failure concerning the file at `path`.
    pub(crate) fn at(path: &Path, cause: impl Into<Cause>) -> Self {
        Failure { file: Some(path.to_path_buf()), cause: cause.into() }
    }

    /// A failure of the command itself, in Chinese and in English.
    pub(crate) fn text(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Failure { file: None, cause: Cause::Text { zh: zh.into(), en: en.into() } }
    }

    /// The one line to print.
    pub(crate) fn message(&self, lang: Language) -> String {
        let cause = match &self.cause {
            Cause::Fee(e) => e.message(lang),
            Cause::Text { zh, en } => render::pick(lang, zh, en).to_string(),
        };
        match &self.file {
            Some(path) if is_stdin(path) => format!("{}{cause}", render::pick(lang, "标准输入：", "standard input: ")),
            Some(path) => format!("{}{}{cause}", path.display(), render::pick(lang, "：", ": ")),
            None => cause,
        }
    }
}

impl From<FeeError> for Cause {
    fn from(e: FeeError) -> Self {
        Cause::Fee(e)
    }
}

impl From<fee_core::LineError> for Cause {
    fn from(e: fee_core::LineError) -> Self {
        Cause::Text { zh: e.message(Language::Zh), en: e.message(Language::En) }
    }
}

impl Cause {
    /// A failure to write a file, in words for writing (the system's `NotFound` means the
    /// folder is missing, not the file).
    pub(crate) fn writing(e: std::io::Error) -> Self {
        use std::io::ErrorKind;
        let (zh, en) = match e.kind() {
            ErrorKind::NotFound => {
                ("无法写入：所在文件夹不存在".to_string(), "cannot write: its folder does not exist".to_string())
            }
            ErrorKind::PermissionDenied => {
                ("没有写入该文件的权限".to_string(), "no permission to write the file".to_string())
            }
            _ => (format!("写入失败（{e}）"), format!("cannot write: {e}")),
        };
        Cause::Text { zh, en }
    }
}

impl From<std::io::Error> for Cause {
    /// What the failure means in plain words, in both languages, for the kinds a person meets;
    /// the system's own words only for the rare rest, after a plain lead.
    fn from(e: std::io::Error) -> Self {
        use std::io::ErrorKind;
        let (zh, en) = match e.kind() {
            ErrorKind::NotFound => ("找不到该文件：请检查路径和文件名", "no such file: check the path and the name"),
            ErrorKind::PermissionDenied => ("没有读取该文件的权限", "no permission to read the file"),
            ErrorKind::InvalidData => ("不是 UTF-8 编码的文本：请另存为 UTF-8", "not UTF-8 text: save it as UTF-8"),
            ErrorKind::IsADirectory => {
                ("这是一个文件夹，不是文件：请给出文件的路径", "this is a folder, not a file: give the path of a file")
            }
            ErrorKind::UnexpectedEof => {
                ("文件在读取中途结束：文件可能不完整", "the file ended while it was read: it may be incomplete")
            }
            _ => {
                return Cause::Text {
                    zh: format!("无法读取该文件（系统信息：{e}）"),
                    en: format!("cannot read the file (the system says: {e})"),
                }
            }
        };
        Cause::Text { zh: zh.into(), en: en.into() }
    }
}

impl From<FeeError> for Failure {
    fn from(e: FeeError) -> Self {
        Failure { file: None, cause: Cause::Fee(e) }
    }
}
