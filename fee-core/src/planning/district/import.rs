//! Many survey files in at once: each filled workbook (or institution file in JSON) becomes
//! an institution of the sample or a list of errors located by file, sheet and cell. No file is
//! dropped silently; a second year of an institution already read joins it, and the same year
//! read twice is refused.

use serde::{Deserialize, Serialize};

use super::workbook::{read_survey_csv, read_survey_xlsx};
use super::SampleInstitution;
use crate::foundations::trace::Language;

/// What became of one file of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FileImport {
    /// The file's name.
    pub file: String,
    /// The id of the institution it was read into; absent when it had errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution: Option<String>,
    /// Its errors, located by file, sheet and cell, in Chinese.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors_zh: Vec<String>,
    /// The same errors in English.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors_en: Vec<String>,
}

impl FileImport {
    /// Its errors in `lang`.
    pub fn errors(&self, lang: Language) -> &[String] {
        match lang {
            Language::Zh => &self.errors_zh,
            Language::En => &self.errors_en,
        }
    }
}

/// Reads `files` (name and bytes; a name ending in `.json` is an institution in JSON, one in
/// `.csv` a survey as `sheet,cell,value` rows ([`read_survey_csv`]), any other a survey workbook) into `institutions`: a new institution is added, another year of
/// one already there joins it. Returns what became of each file, in the order given.
///
/// ```
/// let mut institutions = Vec::new();
/// let outcome = fee_core::import_surveys(&mut institutions, [("园所B.xlsx", &b"not a workbook"[..])]);
/// assert!(institutions.is_empty());
/// assert!(outcome[0].errors_zh[0].starts_with("园所B.xlsx"));
/// assert_eq!(fee_core::import_summary(&outcome, 0, fee_core::Language::En), "1 file: 0 read, 1 with errors left out; 0 institutions.");
/// ```
pub fn import_surveys<'a>(
    institutions: &mut Vec<SampleInstitution>,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Vec<FileImport> {
    let mut outcome = Vec::new();
    for (name, bytes) in files {
        let mut file = FileImport { file: name.to_string(), institution: None, errors_zh: vec![], errors_en: vec![] };
        let read = if name.to_ascii_lowercase().ends_with(".json") {
            let text = String::from_utf8_lossy(bytes);
            crate::foundations::input::read_json::<SampleInstitution>(&text).map_err(|e| {
                // A whole district sample is not one institution: say where it goes.
                if serde_json::from_str::<super::DistrictSample>(&text).is_ok() {
                    (
                        vec![format!("{name}：这是区级样本文件，不是一家机构；请直接打开它（fee district evaluate），或只导入其中的机构")],
                        vec![format!("{name}: this is a district sample, not one institution; open it as it is (fee district evaluate), or import its institutions")],
                    )
                } else {
                    (vec![format!("{name}：{}", e.message_zh())], vec![format!("{name}: {e}")])
                }
            })
        } else {
            let csv = name.to_ascii_lowercase().ends_with(".csv");
            if csv { read_survey_csv(bytes) } else { read_survey_xlsx(bytes) }.map_err(|errors| {
                (
                    errors.iter().map(|e| e.located(name, Language::Zh)).collect(),
                    errors.iter().map(|e| e.located(name, Language::En)).collect(),
                )
            })
        };
        match read {
            Ok(mut inst) => {
                inst.source = name.to_string();
                file.institution = Some(inst.id.clone());
                if let Some(same) = institutions.iter_mut().find(|i| i.id == inst.id) {
                    if let Some(y) = inst.years.iter().find(|y| same.years.iter().any(|s| s.year == y.year)) {
                        file.institution = None;
                        file.errors_zh.push(format!(
                            "{name}：机构 {} 的 {} 年度已由 {} 读入，未重复计入",
                            inst.id, y.year, same.source
                        ));
                        file.errors_en.push(format!(
                            "{name}: year {} of institution {} was already read from {}; not counted twice",
                            y.year, inst.id, same.source
                        ));
                    } else {
                        same.source = format!("{}, {name}", same.source);
                        same.years.append(&mut inst.years);
                    }
                } else {
                    institutions.push(inst);
                }
            }
            Err((zh, en)) => (file.errors_zh, file.errors_en) = (zh, en),
        }
        outcome.push(file);
    }
    outcome
}

/// One line saying how many files were read, how many had errors, and how many institutions
/// the sample now holds.
///
/// ```
/// use fee_core::{import_summary, FileImport, Language};
/// let read = FileImport { file: "园所A.xlsx".into(), institution: Some("A".into()), errors_zh: vec![], errors_en: vec![] };
/// assert_eq!(import_summary(&[read], 1, Language::Zh), "共 1 个文件：读入 1 个，0 个有错误未读入；机构 1 家。");
/// ```
pub fn import_summary(files: &[FileImport], institutions: usize, lang: Language) -> String {
    let failed = files.iter().filter(|f| f.institution.is_none()).count();
    let read = files.len() - failed;
    match lang {
        Language::Zh => {
            format!("共 {} 个文件：读入 {read} 个，{failed} 个有错误未读入；机构 {institutions} 家。", files.len())
        }
        Language::En => format!(
            "{} file{}: {read} read, {failed} with errors left out; {institutions} institution{}.",
            files.len(),
            if files.len() == 1 { "" } else { "s" },
            if institutions == 1 { "" } else { "s" }
        ),
    }
}
