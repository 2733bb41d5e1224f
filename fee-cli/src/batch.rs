//! `fee check`: batch review of a proposals file.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use fee_core::{BatchLine, BatchSummary, Date, IncomeBasis, ParameterSet};

use crate::Failure;

pub struct Options {
    pub proposals: PathBuf,
    pub out: Option<PathBuf>,
    pub income: IncomeBasis,
    pub date: Date,
    pub params: &'static ParameterSet,
}

/// Runs the batch; the summary goes to standard error, the findings to --out or standard output.
pub fn run(o: &Options) -> Result<String, Failure> {
    let is_xlsx = o.proposals.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let out_ext = o.out.as_ref().and_then(|p| p.extension()).map(|e| e.to_string_lossy().to_ascii_lowercase());
    let tty = std::io::stderr().is_terminal();
    let mut progress = |n: usize| {
        if tty && n > 0 {
            eprint!("\rrows read: {n}");
        }
    };
    // CSV output streams line by line; JSON and xlsx gather the lines first.
    let streaming = matches!(out_ext.as_deref(), None | Some("csv"));
    let mut gathered: Vec<BatchLine> = Vec::new();
    let sink: Box<dyn Write> = match (&o.out, streaming) {
        (Some(p), true) => Box::new(std::io::BufWriter::new(std::fs::File::create(p).map_err(|e| Failure::at(p, e))?)),
        (None, _) => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        (Some(_), false) => Box::new(std::io::sink()),
    };
    let mut writer = csv::Writer::from_writer(sink);
    let mut write_err: Option<String> = None;
    if streaming {
        if let Err(e) = writer.write_record(fee_core::FINDINGS_COLUMNS) {
            write_err = Some(e.to_string());
        }
    }
    let mut out = |l: BatchLine| {
        if streaming {
            if write_err.is_none() {
                if let Err(e) = writer.write_record(fee_core::findings_fields(&l).iter().map(|f| f.as_bytes())) {
                    write_err = Some(e.to_string());
                }
            }
        } else {
            gathered.push(l);
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
    writer.flush().map_err(|e| Failure(e.to_string()))?;
    if let Some(e) = write_err {
        return Err(Failure(format!("writing findings: {e}")));
    }
    if let (Some(path), false) = (&o.out, streaming) {
        let bytes = match out_ext.as_deref() {
            Some("json") => serde_json::to_vec_pretty(&serde_json::json!({ "summary": summary, "lines": gathered }))
                .map_err(|e| Failure(e.to_string()))?,
            Some("xlsx") => fee_core::findings_xlsx(&gathered, &summary)?,
            other => {
                return Err(Failure::at(
                    path,
                    format!("unknown output type {:?}: use .csv, .json or .xlsx", other.unwrap_or("")),
                ))
            }
        };
        std::fs::write(path, bytes).map_err(|e| Failure::at(path, e))?;
    }
    eprintln!(
        "rows read {} = passed {} + with findings {} + rejected {} ({} institutions)",
        summary.rows_read, summary.rows_passed, summary.rows_with_findings, summary.rows_rejected, summary.institutions
    );
    Ok(String::new())
}
