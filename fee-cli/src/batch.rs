//! `fee check`: batch review of a proposals file.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fee_core::{BatchLine, BatchSummary, Date, IncomeBasis, Language, ParameterSet, RowOutcome, Severity};

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
    /// The least serious kind of row that makes the run exit with status 1.
    pub fail_on: Option<FailOn>,
}

/// The least serious kind of row that fails a run: each includes those after it. (The
/// variants are explained in the argument's help, in the run's language, not here: clap would
/// show these comments in English.)
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum FailOn {
    Warning,
    Violation,
    Rejected,
}

impl FailOn {
    /// How serious `line` is, on the same scale (`None` for a row that passed or a note).
    fn of(line: &BatchLine) -> Option<FailOn> {
        match (line.outcome, line.finding.as_ref().map(|f| f.severity)) {
            (RowOutcome::Rejected, _) => Some(FailOn::Rejected),
            (_, Some(Severity::Violation)) => Some(FailOn::Violation),
            (_, Some(Severity::Warning)) => Some(FailOn::Warning),
            _ => None,
        }
    }
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
    /// The workbook written as the lines come, and the lines given (more than a sheet holds
    /// once it is full: the rest are counted, not written).
    Xlsx(Box<fee_core::FindingsWorkbook>, usize),
}

impl Sink {
    fn start(&mut self) -> Result<(), String> {
        match self {
            Sink::Csv(w) => w.write_record(fee_core::FINDINGS_COLUMNS).map_err(|e| e.to_string()),
            Sink::Json(w, _) => w.write_all(b"{\"lines\": [").map_err(|e| e.to_string()),
            Sink::Xlsx(..) => Ok(()),
        }
    }

    fn line(&mut self, l: BatchLine) -> Result<(), String> {
        match self {
            Sink::Csv(w) => w
                .write_record(fee_core::findings_csv_fields(&l).iter().map(|f| f.as_bytes()))
                .map_err(|e| e.to_string()),
            Sink::Json(w, n) => {
                // One array element per text line, so the file streams and reads well.
                w.write_all(if *n == 0 { b"\n" } else { b",\n" }).map_err(|e| e.to_string())?;
                *n += 1;
                serde_json::to_writer(w, &l).map_err(|e| e.to_string())
            }
            Sink::Xlsx(book, given) => {
                *given += 1;
                if book.lines() < *given - 1 {
                    return Ok(());
                }
                match book.push(&l) {
                    // A full sheet: the lines are counted, and the run refused at its end.
                    Err(e) if e.field() == "output.rows" => Ok(()),
                    other => other.map_err(|e| e.to_string()),
                }
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
            Sink::Xlsx(..) => Ok(()),
        }
    }
}

/// Runs the batch; the summary goes to standard error, the findings to --out or standard output.
pub fn run(o: &Options) -> Result<ExitCode, Failure> {
    let out_ext = o.out.as_ref().and_then(|p| p.extension()).map(|e| e.to_string_lossy().to_ascii_lowercase());
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
    // The findings would replace the proposals they were read from.
    if let Some(out) = &o.out {
        let same =
            std::fs::canonicalize(out).ok().zip(std::fs::canonicalize(&o.proposals).ok()).is_some_and(|(a, b)| a == b);
        if same {
            return Err(Failure::at(
                out,
                crate::Cause::Text {
                    zh: "--out 指向申报文件本身：审核结果会覆盖申报，请另选文件".into(),
                    en: "--out names the proposals file itself: the findings would overwrite the proposals; choose another file".into(),
                },
            ));
        }
    }
    // Findings are written to a temporary file of a unique name beside `--out` and moved into
    // its place only when the whole check succeeded: a failed run leaves an earlier findings
    // file as it was, two runs writing the same `--out` each put one whole file there, and a
    // file left by a killed run never has the name of an output.
    let temporary = o.out.as_deref().map(crate::temporary_beside).transpose()?;
    let result = check_into(o, kind, temporary.as_ref().map(|t| t.path()));
    let (summary, worst) = match (result, temporary, &o.out) {
        (Ok(done), Some(temporary), Some(out)) => {
            temporary.persist(out).map_err(|e| Failure::at(out, crate::Cause::writing(e.error)))?;
            done
        }
        (Ok(done), _, _) => done,
        // The temporary file is removed as it is dropped.
        (Err(failure), _, _) => return Err(failure),
    };
    let s = &summary;
    eprintln!(
        "{}",
        match o.lang {
            Language::Zh => format!(
                "读取 {} 行 = 通过 {} + 有问题 {} + 无法读取 {}（{} 家机构）",
                s.rows_read, s.rows_passed, s.rows_with_findings, s.rows_rejected, s.institutions
            ),
            Language::En => format!(
                "rows read {} = passed {} + with findings {} + rejected {} ({} institution{})",
                s.rows_read,
                s.rows_passed,
                s.rows_with_findings,
                s.rows_rejected,
                s.institutions,
                if s.institutions == 1 { "" } else { "s" }
            ),
        }
    );
    // Status 1 when a row is at least as serious as `--fail-on` asks; 2 stays for a check that
    // could not be made.
    Ok(match o.fail_on {
        Some(level) if worst >= Some(level) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}

/// Checks the proposals, writing the findings to `target` (standard output when `None`) as
/// `kind`; nothing is written before the first line is checked, so a file that cannot be
/// read at all leaves no output.
fn check_into(o: &Options, kind: OutKind, target: Option<&Path>) -> Result<(BatchSummary, Option<FailOn>), Failure> {
    let is_xlsx = o.proposals.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    // A CSV file of more rows than a sheet holds cannot become a workbook (every row gives at
    // least one line): said before the check, from a count of its lines.
    if kind == OutKind::Xlsx && !is_xlsx && !crate::is_stdin(&o.proposals) && o.proposals.is_file() {
        let file = std::fs::File::open(&o.proposals).map_err(|e| Failure::at(&o.proposals, e))?;
        let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
        let mut lines = 0usize;
        loop {
            let buf = reader.fill_buf().map_err(|e| Failure::at(&o.proposals, e))?;
            if buf.is_empty() {
                break;
            }
            lines += buf.iter().filter(|b| **b == b'\n').count();
            let n = buf.len();
            reader.consume(n);
        }
        fee_core::xlsx_room(lines.saturating_sub(1)).map_err(|e| Failure::at(&o.proposals, e))?;
    }
    let tty = std::io::stderr().is_terminal();
    let mut progress = |n: usize| {
        if tty && n > 0 {
            eprint!("\r{}{n}", pick(o.lang, "已读行数：", "rows read: "));
        }
    };
    let open = || -> Result<Box<dyn Write>, Failure> {
        Ok(match target {
            // Named as the user named it (`--out`), not by the file written beside it.
            Some(p) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(p)
                    .map_err(|e| Failure::at(o.out.as_deref().unwrap_or(p), crate::Cause::writing(e)))?,
            )),
            None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        })
    };
    // The file is made now, so a place that cannot be written to fails before a long check.
    let mut sink = match kind {
        OutKind::Csv => Sink::Csv(Box::new(csv::Writer::from_writer(open()?))),
        OutKind::Json => Sink::Json(open()?, 0),
        OutKind::Xlsx => Sink::Xlsx(Box::new(fee_core::FindingsWorkbook::new(o.lang)?), 0),
    };
    let mut write_err: Option<String> = None;
    let mut started = false;
    // The most serious row seen.
    let mut worst: Option<FailOn> = None;
    let mut out = |l: BatchLine| {
        worst = worst.max(FailOn::of(&l));
        if write_err.is_none() && !started {
            started = true;
            write_err = sink.start().err();
        }
        if write_err.is_none() {
            write_err = sink.line(l).err();
        }
    };
    let at = |e| Failure::at(&o.proposals, e);
    let summary: BatchSummary = if crate::is_stdin(&o.proposals) {
        // Standard input has no name to tell the form by: a workbook is a zip archive, which
        // starts "PK\x03\x04"; anything else is read as CSV, streaming.
        let mut input = std::io::BufReader::with_capacity(1 << 16, std::io::stdin());
        let is_zip = input.fill_buf().map_err(at)?.starts_with(b"PK\x03\x04");
        if is_zip {
            let mut bytes = Vec::new();
            input.read_to_end(&mut bytes).map_err(at)?;
            fee_core::check_xlsx(&bytes, o.params, o.date, &o.income, &mut out, &mut progress)
        } else {
            fee_core::check_csv(input, o.params, o.date, &o.income, &mut out, &mut progress)
        }
    } else if is_xlsx {
        let bytes = std::fs::read(&o.proposals).map_err(at)?;
        fee_core::check_xlsx(&bytes, o.params, o.date, &o.income, &mut out, &mut progress)
    } else {
        // A folder opens on Linux but fails at its first read: named as a folder before that.
        if o.proposals.is_dir() {
            return Err(at(std::io::Error::from(std::io::ErrorKind::IsADirectory)));
        }
        let file = std::fs::File::open(&o.proposals).map_err(at)?;
        fee_core::check_csv(std::io::BufReader::new(file), o.params, o.date, &o.income, &mut out, &mut progress)
    }
    .map_err(|e| Failure::at(&o.proposals, e))?;
    if tty {
        eprintln!();
    }
    let writing = |e: String| Failure::text(format!("写出核查结果时出错：{e}"), format!("writing findings: {e}"));
    if !started {
        write_err = write_err.or(sink.start().err());
    }
    if let Some(e) = write_err {
        return Err(writing(e));
    }
    match sink {
        Sink::Xlsx(book, given) => {
            fee_core::xlsx_room(given).map_err(|e| Failure::at(&o.proposals, e))?;
            if let Some(path) = target {
                // The workbook records the program, the set and the proposals file it came from
                // (standard input, read once, has no digest).
                let stdin = crate::is_stdin(&o.proposals);
                let input = if stdin { Vec::new() } else { std::fs::read(&o.proposals).map_err(at)? };
                let mut about = fee_core::batch_provenance(o.params, &input)?;
                if stdin {
                    about.retain(|(k, _)| *k != "input_sha256");
                }
                std::fs::write(path, book.finish(&summary, &about)?)
                    .map_err(|e| Failure::at(o.out.as_deref().unwrap_or(path), crate::Cause::writing(e)))?;
            }
        }
        other => other.finish(&summary).map_err(writing)?,
    }
    Ok((summary, worst))
}
