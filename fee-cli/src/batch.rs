//! `fee check`: batch review of a proposals file.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use fee_core::{BatchLine, BatchSummary, Date, IncomeBasis, Language, ParameterSet};

use crate::render::pick;
use crate::Failure;

pub struct Options {
    pub proposals: PathBuf,
    pub out: Option<PathBuf>,
    pub income: IncomeBasis,
    pub date: Date,
    pub params: &'static ParameterSet,
    /// The language of the progress and the summary.
    pub lang: Language,
}

/// The form of the findings output, from the extension of `--out`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OutKind {
    Csv,
    Json,
    Xlsx,
}

/// Where the findings lines go as they come.
enum Sink {
    Csv(Box<csv::Writer<Box<dyn Write>>>),
    /// The writer and the lines written so far.
    Json(Box<dyn Write>, usize),
    Xlsx(Vec<BatchLine>),
}

impl Sink {
    fn start(&mut self) -> Result<(), String> {
        match self {
            Sink::Csv(w) => w.write_record(fee_core::FINDINGS_COLUMNS).map_err(|e| e.to_string()),
            Sink::Json(w, _) => w.write_all(b"{\"lines\": [").map_err(|e| e.to_string()),
            Sink::Xlsx(_) => Ok(()),
        }
    }

    fn line(&mut self, l: BatchLine) -> Result<(), String> {
        match self {
            Sink::Csv(w) => {
                w.write_record(fee_core::findings_fields(&l).iter().map(|f| f.as_bytes())).map_err(|e| e.to_string())
            }
            Sink::Json(w, n) => {
                // One array element per text line, so the file streams and reads well.
                w.write_all(if *n == 0 { b"\n" } else { b",\n" }).map_err(|e| e.to_string())?;
                *n += 1;
                serde_json::to_writer(w, &l).map_err(|e| e.to_string())
            }
            Sink::Xlsx(lines) => {
                lines.push(l);
                Ok(())
            }
        }
    }

    fn finish(self, summary: &BatchSummary) -> Result<(), String> {
        match self {
            Sink::Csv(mut w) => w.flush().map_err(|e| e.to_string()),
            Sink::Json(mut w, _) => {
                let summary = serde_json::to_string(summary).map_err(|e| e.to_string())?;
                w.write_all(format!("\n],\n\"summary\": {summary}}}\n").as_bytes()).map_err(|e| e.to_string())?;
                w.flush().map_err(|e| e.to_string())
            }
            Sink::Xlsx(_) => Ok(()),
        }
    }
}

/// Runs the batch; the summary goes to standard error, the findings to --out or standard output.
pub fn run(o: &Options) -> Result<String, Failure> {
    let is_xlsx = o.proposals.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let out_ext = o.out.as_ref().and_then(|p| p.extension()).map(|e| e.to_string_lossy().to_ascii_lowercase());
    let tty = std::io::stderr().is_terminal();
    let mut progress = |n: usize| {
        if tty && n > 0 {
            eprint!("\r{}{n}", pick(o.lang, "已读行数：", "rows read: "));
        }
    };
    // CSV and JSON output stream line by line; xlsx gathers the lines (a workbook is written whole).
    let kind = match out_ext.as_deref() {
        None | Some("csv") => OutKind::Csv,
        Some("json") => OutKind::Json,
        Some("xlsx") => OutKind::Xlsx,
        Some(other) => {
            let path = o.out.as_deref().unwrap_or(o.proposals.as_path());
            return Err(Failure::at(
                path,
                crate::Cause::Text {
                    zh: format!("未知的输出类型“{other}”：请用 .csv、.json 或 .xlsx"),
                    en: format!("unknown output type {other:?}: use .csv, .json or .xlsx"),
                },
            ));
        }
    };
    let open = || -> Result<Box<dyn Write>, Failure> {
        Ok(match &o.out {
            Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p).map_err(|e| Failure::at(p, e))?)),
            None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        })
    };
    let mut sink = match kind {
        OutKind::Csv => Sink::Csv(Box::new(csv::Writer::from_writer(open()?))),
        OutKind::Json => Sink::Json(open()?, 0),
        OutKind::Xlsx => Sink::Xlsx(Vec::new()),
    };
    let mut write_err: Option<String> = sink.start().err();
    let mut out = |l: BatchLine| {
        if write_err.is_none() {
            write_err = sink.line(l).err();
        }
    };
    let summary: BatchSummary = if is_xlsx {
        let bytes = std::fs::read(&o.proposals).map_err(|e| Failure::at(&o.proposals, e))?;
        fee_core::check_xlsx(&bytes, o.params, o.date, &o.income, &mut out, &mut progress)
    } else {
        let file = std::fs::File::open(&o.proposals).map_err(|e| Failure::at(&o.proposals, e))?;
        fee_core::check_csv(std::io::BufReader::new(file), o.params, o.date, &o.income, &mut out, &mut progress)
    }
    .map_err(|e| Failure::at(&o.proposals, e))?;
    if tty {
        eprintln!();
    }
    let writing = |e: String| Failure::text(format!("写出核查结果时出错：{e}"), format!("writing findings: {e}"));
    if let Some(e) = write_err {
        return Err(writing(e));
    }
    match sink {
        Sink::Xlsx(gathered) => {
            if let Some(path) = &o.out {
                std::fs::write(path, fee_core::findings_xlsx(&gathered, &summary)?)
                    .map_err(|e| Failure::at(path, e))?;
            }
        }
        other => other.finish(&summary).map_err(writing)?,
    }
    let s = &summary;
    eprintln!(
        "{}",
        match o.lang {
            Language::Zh => format!(
                "读取 {} 行 = 通过 {} + 有问题 {} + 无法读取 {}（{} 家机构）",
                s.rows_read, s.rows_passed, s.rows_with_findings, s.rows_rejected, s.institutions
            ),
            Language::En => format!(
                "rows read {} = passed {} + with findings {} + rejected {} ({} institutions)",
                s.rows_read, s.rows_passed, s.rows_with_findings, s.rows_rejected, s.institutions
            ),
        }
    );
    Ok(String::new())
}
