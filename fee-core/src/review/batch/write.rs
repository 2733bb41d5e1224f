//! Writing findings as CSV and xlsx.

use std::borrow::Cow;

use rust_decimal::Decimal;

#[cfg(feature = "xlsx")]
use crate::foundations::error::reason;
use crate::foundations::error::FeeError;
use crate::foundations::trace::Language;

#[cfg(feature = "xlsx")]
use super::BatchSummary;
use super::{BatchLine, RowOutcome};

/// The header of the findings CSV.
pub const FINDINGS_COLUMNS: [&str; 11] = [
    "row",
    "institution",
    "item",
    "outcome",
    "severity",
    "code",
    "message_zh",
    "message_en",
    "clause",
    "column",
    "reason",
];

/// The findings columns as a reader of `lang` sees them, in [`FINDINGS_COLUMNS`] order: the
/// header of a findings file written for a person (the app's downloads, the xlsx workbook),
/// where [`FINDINGS_COLUMNS`] is the stable header a pipeline reads.
///
/// ```
/// use fee_core::{findings_column_names, Language};
/// assert_eq!(findings_column_names(Language::Zh)[3], "结果");
/// assert_eq!(findings_column_names(Language::En)[0], "Row");
/// ```
pub fn findings_column_names(lang: Language) -> [&'static str; 11] {
    match lang {
        Language::Zh => {
            ["行号", "机构", "项目", "结果", "严重程度", "代码", "说明（中文）", "说明（英文）", "依据", "列", "原因"]
        }
        Language::En => [
            "Row",
            "Institution",
            "Item",
            "Outcome",
            "Severity",
            "Code",
            "Message (Chinese)",
            "Message (English)",
            "Source",
            "Column",
            "Reason",
        ],
    }
}

/// The fields of one findings line as [`findings_fields`] gives them, with the outcome and the
/// severity named in `lang` when it is given (a file for a person), or by their stable keys
/// when not (a file for a pipeline).
///
/// ```
/// use fee_core::{findings_fields_in, BatchLine, Language, RowOutcome};
/// let line = BatchLine { row: 2, institution: "甲".into(), item: "保育费".into(),
///     outcome: RowOutcome::Passed, finding: None, column: None, reason: None };
/// assert_eq!(findings_fields_in(&line, Some(Language::Zh))[3], "通过");
/// assert_eq!(findings_fields_in(&line, None)[3], "passed");
/// ```
pub fn findings_fields_in(l: &BatchLine, lang: Option<Language>) -> [Cow<'_, str>; 11] {
    let mut fields = findings_fields(l);
    if let Some(lang) = lang {
        let zh = lang == Language::Zh;
        let outcome = match (l.outcome, zh) {
            (RowOutcome::Passed, true) => "通过",
            (RowOutcome::Findings, true) => "有问题",
            (RowOutcome::Rejected, true) => "无法读取",
            (RowOutcome::Passed, false) => "passed",
            (RowOutcome::Findings, false) => "finding",
            (RowOutcome::Rejected, false) => "rejected",
        };
        fields[3] = Cow::Borrowed(outcome);
        if let Some(f) = &l.finding {
            fields[4] = Cow::Borrowed(if zh { f.severity.name_zh() } else { f.severity.name_en() });
        }
        if let Some(r) = &l.reason {
            fields[10] = Cow::Owned(if zh { r.zh() } else { r.en() });
        }
    }
    fields
}

/// The fields of one findings line, in [`FINDINGS_COLUMNS`] order.
///
/// ```
/// let line = fee_core::BatchLine { row: 2, institution: "甲".into(), item: "保育费".into(),
///     outcome: fee_core::RowOutcome::Passed, finding: None, column: None, reason: None };
/// assert_eq!(fee_core::findings_fields(&line)[3], "passed");
/// ```
pub fn findings_fields(l: &BatchLine) -> [Cow<'_, str>; 11] {
    let outcome = match l.outcome {
        RowOutcome::Passed => "passed",
        RowOutcome::Findings => "finding",
        RowOutcome::Rejected => "rejected",
    };
    // A rejected row's reason is its message too, so a reader of either language column sees why.
    let (sev, code, zh, en, clause): (&str, &str, Cow<'_, str>, Cow<'_, str>, Cow<'_, str>) =
        match (&l.finding, &l.reason) {
            (Some(f), _) => (
                f.severity.as_str(),
                &f.code,
                Cow::Owned(f.message.zh()),
                Cow::Owned(f.message.en()),
                Cow::Owned(f.source.to_string()),
            ),
            (None, Some(r)) => ("", "", Cow::Owned(r.zh()), Cow::Owned(r.en()), Cow::Borrowed("")),
            (None, None) => ("", "", Cow::Borrowed(""), Cow::Borrowed(""), Cow::Borrowed("")),
        };
    let reason = l.reason.as_ref().map_or(Cow::Borrowed(""), |r| Cow::Owned(r.en()));
    [
        Cow::Owned(l.row.to_string()),
        Cow::Borrowed(&l.institution),
        Cow::Borrowed(&l.item),
        Cow::Borrowed(outcome),
        Cow::Borrowed(sev),
        Cow::Borrowed(code),
        zh,
        en,
        clause,
        Cow::Borrowed(l.column.as_deref().unwrap_or_default()),
        reason,
    ]
}
/// A CSV cell a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`, as OWASP advises against CSV injection; a plain number
/// (such as `-5`) is left as it is.
///
/// ```
/// assert_eq!(fee_core::csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(fee_core::csv_cell("\tTAB=1"), "'\tTAB=1");
/// assert_eq!(fee_core::csv_cell("-5"), "-5");
/// assert_eq!(fee_core::csv_cell("公办甲园"), "公办甲园");
/// ```
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = text.parse::<Decimal>().is_ok();
    if risky && !number {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// [`findings_fields`] as CSV cells: each made safe by [`csv_cell`].
///
/// ```
/// let line = fee_core::BatchLine { row: 2, institution: "=1+1".into(), item: "@x".into(),
///     outcome: fee_core::RowOutcome::Passed, finding: None, reason: None, column: None };
/// let f = fee_core::findings_csv_fields(&line);
/// assert_eq!((f[1].as_ref(), f[2].as_ref()), ("'=1+1", "'@x"));
/// ```
pub fn findings_csv_fields(l: &BatchLine) -> [Cow<'_, str>; 11] {
    safe_cells(findings_fields(l))
}

fn safe_cells(fields: [Cow<'_, str>; 11]) -> [Cow<'_, str>; 11] {
    fields.map(|f| match csv_cell(&f) {
        Cow::Borrowed(_) => f,
        Cow::Owned(safe) => Cow::Owned(safe),
    })
}

/// Writes findings lines as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese):
/// with the stable header [`FINDINGS_COLUMNS`] and keys for the outcome and severity (`lang`
/// `None`: a file for a pipeline), or with the header and those values in `lang` (a file for
/// a person, as the app's download). A file for a person ends, after a blank line, with
/// `about`'s rows (such as [`batch_provenance`](crate::batch_provenance)'s: the program, the
/// set with its SHA-256 and the SHA-256 of the proposals file), each labelled in `lang`, as the
/// workbook's summary sheet has them; a file for a pipeline stays one table.
///
/// # Errors
///
/// [`FeeError::Invalid`] if the writer fails.
///
/// ```
/// use fee_core::{write_findings_csv, Language};
/// let mut out = Vec::new();
/// write_findings_csv(&mut out, &[], None, &[])?;
/// assert!(String::from_utf8(out).unwrap().starts_with("\u{feff}row,institution"));
/// let mut out = Vec::new();
/// write_findings_csv(&mut out, &[], Some(Language::Zh), &[("program", fee_core::PROGRAM.to_string())])?;
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("\u{feff}行号,机构"));
/// assert!(text.ends_with("\n\n程序,fee-core 0.1.0,program\n"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn write_findings_csv<W: std::io::Write>(
    mut w: W,
    lines: &[BatchLine],
    lang: Option<Language>,
    about: &[(&str, String)],
) -> Result<(), FeeError> {
    let io = |e: std::io::Error| FeeError::invalid("output", "", e.to_string());
    w.write_all("\u{feff}".as_bytes()).map_err(io)?;
    let mut wr = csv::Writer::from_writer(w);
    let cerr = |e: csv::Error| FeeError::invalid("output", "", e.to_string());
    wr.write_record(lang.map_or(FINDINGS_COLUMNS, findings_column_names)).map_err(cerr)?;
    for l in lines {
        wr.write_record(safe_cells(findings_fields_in(l, lang)).iter().map(|f| f.as_bytes())).map_err(cerr)?;
    }
    if let (Some(lang), false) = (lang, about.is_empty()) {
        let mut w = wr.into_inner().map_err(|e| FeeError::invalid("output", "", e.to_string()))?;
        w.write_all(b"\n").map_err(io)?;
        let mut wr = csv::WriterBuilder::new().flexible(true).from_writer(w);
        for (k, v) in about {
            let label = about_label(k, lang);
            wr.write_record([csv_cell(if label.is_empty() { k } else { label }).as_ref(), csv_cell(v).as_ref(), k])
                .map_err(cerr)?;
        }
        return wr.flush().map_err(io);
    }
    wr.flush().map_err(io)
}

/// Whether `lines` findings lines fit one xlsx sheet (1,048,576 rows, the header's one of
/// them). A caller that knows how many rows a file has (every row gives at least one line)
/// can say so before any work.
///
/// # Errors
///
/// [`FeeError::OutOfRange`] naming `output.rows`, pointing to CSV or JSON.
///
/// ```
/// assert!(fee_core::xlsx_room(1_048_575).is_ok());
/// assert!(fee_core::xlsx_room(1_048_576).unwrap_err().to_string().contains("write the findings as CSV or JSON"));
/// ```
pub fn xlsx_room(lines: usize) -> Result<(), FeeError> {
    if lines > XLSX_MAX_LINES {
        return Err(FeeError::out_of_range("output.rows", lines, reason::XLSX_ROWS_CSV));
    }
    Ok(())
}

/// Writes findings lines and the summary as an xlsx workbook for a person, in `lang`: the
/// sheets' names, the header, the outcome and severity and the summary's labels; `about` (such
/// as [`batch_provenance`](crate::batch_provenance)'s rows) goes on the summary sheet below the
/// counts. The summary's second column holds each label's stable key, for a program reading it.
///
/// # Errors
///
/// [`FeeError::Invalid`] if the workbook cannot be written.
///
/// ```
/// let book = fee_core::findings_xlsx(&[], &fee_core::BatchSummary::default(), &[], fee_core::Language::Zh)?;
/// assert_eq!(&book[..2], b"PK");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[cfg(feature = "xlsx")]
pub fn findings_xlsx(
    lines: &[BatchLine],
    summary: &BatchSummary,
    about: &[(&str, String)],
    lang: Language,
) -> Result<Vec<u8>, FeeError> {
    xlsx_room(lines.len())?;
    let mut book = FindingsWorkbook::new(lang)?;
    for l in lines {
        book.push(l)?;
    }
    book.finish(summary, about)
}

#[cfg(feature = "xlsx")]
fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> FeeError {
    FeeError::invalid("output", "", e.to_string())
}

/// A findings workbook written as the lines come, as [`findings_xlsx`] writes it whole: with
/// the `xlsx-constant-memory` feature each row goes to the sheet's file at once, so a large
/// review needs no more memory than a small one.
///
/// ```
/// let mut book = fee_core::FindingsWorkbook::new(fee_core::Language::En)?;
/// assert_eq!(book.lines(), 0);
/// let bytes = book.finish(&fee_core::BatchSummary::default(), &[])?;
/// assert_eq!(&bytes[..2], b"PK");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[cfg(feature = "xlsx")]
pub struct FindingsWorkbook {
    book: rust_xlsxwriter::Workbook,
    lang: Language,
    lines: usize,
    cut_rows: Vec<usize>,
}

#[cfg(feature = "xlsx")]
impl std::fmt::Debug for FindingsWorkbook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FindingsWorkbook").field("lines", &self.lines).finish_non_exhaustive()
    }
}

#[cfg(feature = "xlsx")]
impl FindingsWorkbook {
    /// A workbook with its findings sheet and header row in `lang`.
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] naming `output` when the workbook cannot be made.
    pub fn new(lang: Language) -> Result<Self, FeeError> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let bold = rust_xlsxwriter::Format::new().set_bold();
        #[cfg(feature = "xlsx-constant-memory")]
        let sheet = book.add_worksheet_with_constant_memory().map_err(xlsx_error)?;
        #[cfg(not(feature = "xlsx-constant-memory"))]
        let sheet = book.add_worksheet();
        sheet.set_name(if lang == Language::Zh { "审核结果" } else { "findings" }).map_err(xlsx_error)?;
        for (c, h) in findings_column_names(lang).iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(xlsx_error)?;
        }
        Ok(FindingsWorkbook { book, lang, lines: 0, cut_rows: Vec::new() })
    }

    /// The lines written so far.
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// Writes the next line; a text longer than a cell holds is cut with a marker.
    ///
    /// # Errors
    ///
    /// [`FeeError::OutOfRange`] naming `output.rows` once the sheet is full (see
    /// [`xlsx_room`]); [`FeeError::Invalid`] naming `output` for a writer's error.
    pub fn push(&mut self, l: &BatchLine) -> Result<(), FeeError> {
        xlsx_room(self.lines + 1)?;
        let row = u32::try_from(self.lines + 1)
            .map_err(|_| FeeError::out_of_range("output.rows", self.lines + 1, reason::XLSX_ROWS))?;
        let sheet = self.book.worksheet_from_index(0).map_err(xlsx_error)?;
        for (c, v) in findings_fields_in(l, Some(self.lang)).iter().enumerate() {
            if c == 0 {
                sheet.write_number(row, 0, u32::try_from(l.row).unwrap_or(u32::MAX)).map_err(xlsx_error)?;
            } else {
                let text: &str = v.as_ref();
                match cut_cell(text) {
                    Some(cut) => {
                        if self.cut_rows.last() != Some(&l.row) {
                            self.cut_rows.push(l.row);
                        }
                        sheet.write_string(row, c as u16, cut).map_err(xlsx_error)?
                    }
                    None => sheet.write_string(row, c as u16, text).map_err(xlsx_error)?,
                };
            }
        }
        self.lines += 1;
        Ok(())
    }

    /// The workbook's bytes, with its summary sheet: the counts of `summary`, the rows whose
    /// cells were cut, and `about` (where the findings came from).
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] naming `output` for a writer's error.
    pub fn finish(mut self, summary: &BatchSummary, about: &[(&str, String)]) -> Result<Vec<u8>, FeeError> {
        let x = xlsx_error;
        let lang = self.lang;
        let zh = lang == Language::Zh;
        let last = u32::try_from(self.lines).unwrap_or(u32::MAX).min(1_048_575);
        self.book
            .worksheet_from_index(0)
            .map_err(x)?
            .autofilter(0, 0, last, (FINDINGS_COLUMNS.len() - 1) as u16)
            .map_err(x)?;
        let s = self.book.add_worksheet();
        s.set_name(if zh { "汇总" } else { "summary" }).map_err(x)?;
        // Each row: the label in the reader's language, the value, the stable key.
        let label = |key: &str| about_label(key, lang);
        let rows = [
            ("rows_read", summary.rows_read),
            ("rows_passed", summary.rows_passed),
            ("rows_with_findings", summary.rows_with_findings),
            ("rows_rejected", summary.rows_rejected),
            ("institutions", summary.institutions),
        ];
        let mut r = 0u32;
        let mut put = |k: &str, v: Result<u32, &str>| -> Result<(), FeeError> {
            let shown = label(k);
            s.write_string(r, 0, if shown.is_empty() { k } else { shown }).map_err(x)?;
            match v {
                Ok(n) => s.write_number(r, 1, n).map_err(x)?,
                Err(t) => s.write_string(r, 1, t).map_err(x)?,
            };
            s.write_string(r, 2, k).map_err(x)?;
            r += 1;
            Ok(())
        };
        for (k, v) in rows {
            put(k, Ok(u32::try_from(v).unwrap_or(u32::MAX)))?;
        }
        if !self.cut_rows.is_empty() {
            // The input rows whose text was longer than a cell holds, each cut with a marker.
            let list: Vec<String> = self.cut_rows.iter().map(usize::to_string).collect();
            put("cells_cut_in_rows", Err(&list.join(", ")))?;
        }
        for (k, v) in about {
            put(k, Err(v))?;
        }
        self.book.save_to_buffer().map_err(x)
    }
}

/// A summary or provenance key as a reader of `lang` sees it (empty for a key without a label).
fn about_label(key: &str, lang: Language) -> &'static str {
    let (zh, en) = match key {
        "rows_read" => ("读取行数", "Rows read"),
        "rows_passed" => ("通过", "Passed"),
        "rows_with_findings" => ("有问题", "With findings"),
        "rows_rejected" => ("无法读取", "Rejected"),
        "institutions" => ("机构数", "Institutions"),
        "cells_cut_in_rows" => ("单元格被截断的行", "Rows with a cell cut"),
        "program" => ("程序", "Program"),
        "parameter_set" => ("参数集", "Parameter set"),
        "parameter_set_sha256" => ("参数集 SHA-256", "Parameter set SHA-256"),
        "input_sha256" => ("输入文件 SHA-256", "Input file SHA-256"),
        _ => ("", ""),
    };
    if lang == Language::Zh {
        zh
    } else {
        en
    }
}

/// The data rows a findings sheet holds below its header.
#[cfg(feature = "xlsx")]
pub(crate) const XLSX_MAX_LINES: usize = 1_048_575;

/// The most characters an xlsx cell holds.
#[cfg(feature = "xlsx")]
const XLSX_CELL_CHARS: usize = 32_767;

/// A text longer than a cell holds, cut with a marker that says so and how long it was.
#[cfg(feature = "xlsx")]
pub(super) fn cut_cell(text: &str) -> Option<String> {
    // Counted in UTF-16 units, as Excel counts; a text of bytes under the limit always fits.
    if text.len() <= XLSX_CELL_CHARS || text.encode_utf16().count() <= XLSX_CELL_CHARS {
        return None;
    }
    let n = crate::foundations::money::grouped(rust_decimal::Decimal::from(text.chars().count()));
    let marker = format!(
        " …［已截断：原文 {n} 个字符，见 CSV 或 JSON 输出 / cut: {n} characters in all, see the CSV or JSON output］"
    );
    let room = XLSX_CELL_CHARS - marker.encode_utf16().count();
    let mut kept = String::new();
    let mut units = 0;
    for ch in text.chars() {
        units += ch.len_utf16();
        if units > room {
            break;
        }
        kept.push(ch);
    }
    Some(kept + &marker)
}
