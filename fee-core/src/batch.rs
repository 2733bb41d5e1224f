//! Batch review: many proposals from CSV (or xlsx), every check run, every row given an outcome.
//!
//! The layout is one row per fee item; the columns are documented in `docs/batch-format.md`
//! and shown in `samples/proposals.csv`. Rows of one institution are consecutive; its
//! institution-level columns are read from its first row. Rows stream through: memory does
//! not grow with the number of rows, only with the rows of one institution.

use std::collections::HashSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{
    parse_amount, CheckContext, ClassType, Date, Disclosures, FeeError, FeeItem, FeeItemKind, FeeRange, FeeSchedule,
    FeeUnit, Finding, IncomeBasis, Institution, InstitutionType, Negotiated, ParameterSet, ServiceForm, Severity,
    StandardKind,
};

/// The columns, in the order of the sample file. Their meaning is in `docs/batch-format.md`.
pub const COLUMNS: [&str; 18] = [
    "institution",
    "institution_type",
    "inclusive",
    "item",
    "class_type",
    "service_form",
    "amount",
    "unit",
    "standard",
    "items_published",
    "service_content",
    "refund_rules",
    "agreement_signed",
    "displayed_at_premises",
    "reference_low",
    "reference_high",
    "approved_net_cost",
    "meal_cost",
];

/// Columns that may be left empty.
const OPTIONAL: [&str; 4] = ["reference_low", "reference_high", "approved_net_cost", "meal_cost"];

/// What happened to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    /// Read and checked; nothing more serious than a note.
    Passed,
    /// Read and checked; warnings or violations.
    Findings,
    /// Could not be read.
    Rejected,
}

/// One line of the findings output: a row and one thing about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BatchLine {
    /// Row number in the file (the header is row 1).
    pub row: usize,
    /// Institution name as given.
    pub institution: String,
    /// Fee item as given.
    pub item: String,
    /// The row's outcome.
    pub outcome: RowOutcome,
    /// The finding (for rows with findings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<Finding>,
    /// For a rejected row: the column at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// For a rejected row: the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The counts of a batch. `rows_read = rows_passed + rows_with_findings + rows_rejected` always.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BatchSummary {
    /// Data rows read.
    pub rows_read: usize,
    /// Rows that passed.
    pub rows_passed: usize,
    /// Rows with warnings or violations.
    pub rows_with_findings: usize,
    /// Rows that could not be read.
    pub rows_rejected: usize,
    /// Institutions checked.
    pub institutions: usize,
}

/// A row that could be read, waiting for the rest of its institution.
struct PendingRow {
    row: usize,
    item_text: String,
}

struct Group {
    name: String,
    first_row: usize,
    schedule: FeeSchedule,
    rows: Vec<PendingRow>,
}

/// Checks rows one at a time; call [`BatchChecker::finish`] at the end.
///
/// ```
/// use fee_core::{BatchChecker, IncomeBasis, ParameterSet};
/// let set = ParameterSet::chaoyang()?;
/// let csv = "institution,institution_type,inclusive,item,class_type,service_form,amount,unit,standard,items_published,service_content,refund_rules,agreement_signed,displayed_at_premises,reference_low,reference_high,approved_net_cost,meal_cost\n\
///            公办甲园,public_nursery,yes,保育费,托大班,全日托,3200,元/月,inclusive,yes,yes,yes,yes,yes,,,,\n";
/// let mut lines = Vec::new();
/// let summary = fee_core::check_csv(csv.as_bytes(), set, "2024-06-01".parse()?, &IncomeBasis::District { year: 2022 },
///     &mut |l| lines.push(l), &mut |_| {})?;
/// assert_eq!(summary.rows_with_findings, 1);
/// assert_eq!(lines[0].finding.as_ref().unwrap().code, "fee.over_cap");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub struct BatchChecker {
    context: CheckContext,
    index: [usize; COLUMNS.len()],
    width: usize,
    group: Option<Group>,
    seen: HashSet<String>,
    summary: BatchSummary,
}

impl BatchChecker {
    /// A checker for a file with this header.
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] naming the column when a required column is missing; any
    /// error of the cap for `income` on `date` (checked once, up front).
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let header = vec!["institution".to_string()];
    /// let e = fee_core::BatchChecker::new(&header, set, "2024-06-01".parse()?, fee_core::IncomeBasis::District { year: 2022 });
    /// assert_eq!(e.err().unwrap().field(), "header.institution_type");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn new(header: &[String], params: &ParameterSet, date: Date, income: IncomeBasis) -> Result<Self, FeeError> {
        let context = CheckContext::new(params, date, &income)?;
        let clean: Vec<String> =
            header.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase()).collect();
        if clean.iter().all(|h| h.is_empty()) {
            return Err(FeeError::invalid("header", "", "the file has no header row"));
        }
        let mut index = [0usize; COLUMNS.len()];
        for (k, col) in COLUMNS.iter().enumerate() {
            index[k] = clean.iter().position(|h| h == col).ok_or_else(|| {
                FeeError::invalid(
                    format!("header.{col}"),
                    clean.join(","),
                    format!("the column {col} is missing; see docs/batch-format.md"),
                )
            })?;
        }
        Ok(BatchChecker {
            context,
            index,
            width: header.len(),
            group: None,
            seen: HashSet::new(),
            summary: BatchSummary::default(),
        })
    }

    /// A field of a row whose fields are already trimmed.
    fn get<'r>(&self, record: &[&'r str], col: usize) -> &'r str {
        record.get(self.index[col]).copied().unwrap_or("")
    }

    /// Takes one data row (`row` is its number in the file); a row that cannot be read
    /// is reported at once, the others when their institution is complete.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let header: Vec<String> = fee_core::COLUMNS.iter().map(|c| c.to_string()).collect();
    /// let mut c = fee_core::BatchChecker::new(&header, set, "2024-06-01".parse()?, fee_core::IncomeBasis::District { year: 2022 })?;
    /// let mut lines = Vec::new();
    /// c.push(2, Err("not UTF-8".into()), &mut |l| lines.push(l));
    /// assert_eq!(c.finish(&mut |l| lines.push(l)).rows_rejected, 1);
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn push(&mut self, row: usize, record: Result<Vec<String>, String>, out: &mut dyn FnMut(BatchLine)) {
        match record {
            Ok(fields) => {
                let strs: Vec<&str> = fields.iter().map(String::as_str).collect();
                self.push_fields(row, Ok(&strs), out);
            }
            Err(reason) => self.push_fields(row, Err(reason), out),
        }
    }

    /// As [`BatchChecker::push`], for fields borrowed from a reader's buffer.
    pub(crate) fn push_fields(&mut self, row: usize, record: Result<&[&str], String>, out: &mut dyn FnMut(BatchLine)) {
        self.summary.rows_read += 1;
        let trimmed: Vec<&str> = match record {
            Ok(r) => r.iter().map(|f| f.trim()).collect(),
            Err(reason) => return self.reject(row, "", "", "", &reason, out),
        };
        let record = trimmed.as_slice();
        if record.len() != self.width {
            let name = record.first().map(|n| n.trim().to_string()).unwrap_or_default();
            if self.group.as_ref().is_some_and(|g| g.name != name) {
                self.flush(out);
            }
            let reason = format!("expected {} columns, found {}", self.width, record.len());
            return self.reject(row, &name, "", "", &reason, out);
        }
        let name = self.get(record, 0).to_string();
        let item_text = self.get(record, 3).to_string();
        // A new name closes the institution before it, so output stays in row order.
        if self.group.as_ref().is_some_and(|g| g.name != name) {
            self.flush(out);
        }
        if name.is_empty() {
            return self.reject(row, &name, &item_text, "institution", "the institution name is empty", out);
        }
        match self.parse_row(record) {
            Err((col, reason)) => self.reject(row, &name, &item_text, col, &reason, out),
            Ok((institution, item, disclosures, negotiated, meal_cost)) => {
                if self.group.is_none() {
                    if !self.seen.insert(name.clone()) {
                        return self.reject(
                            row,
                            &name,
                            &item_text,
                            "institution",
                            "rows of one institution must be consecutive; this name appeared earlier",
                            out,
                        );
                    }
                    self.group = Some(Group {
                        name: name.clone(),
                        first_row: row,
                        schedule: FeeSchedule {
                            institution,
                            items: Vec::new(),
                            disclosures,
                            refund_rule: None,
                            negotiated,
                            meal_cost_per_child_month: meal_cost,
                        },
                        rows: Vec::new(),
                    });
                } else if let Some(g) = &self.group {
                    if g.schedule.institution.kind != institution.kind
                        || g.schedule.institution.inclusive != institution.inclusive
                    {
                        let reason = format!(
                            "institution_type/inclusive differ from the institution's first row ({})",
                            g.first_row
                        );
                        return self.reject(row, &name, &item_text, "institution_type", &reason, out);
                    }
                }
                if let Some(g) = &mut self.group {
                    g.schedule.items.push(item);
                    g.rows.push(PendingRow { row, item_text });
                }
            }
        }
    }

    #[allow(clippy::type_complexity)]
    fn parse_row(
        &self,
        r: &[&str],
    ) -> Result<(Institution, FeeItem, Disclosures, Negotiated, Option<Decimal>), (&'static str, String)> {
        let col = |k: usize| self.get(r, k);
        let err = |k: usize, e: FeeError| {
            let reason = match e {
                FeeError::Invalid { reason, .. } => format!("{:?}: {reason}", col(k)),
                FeeError::OutOfRange { limit, .. } => format!("{:?}: {limit}", col(k)),
                other => other.to_string(),
            };
            (COLUMNS[k], reason)
        };
        let flag = |k: usize| -> Result<bool, (&'static str, String)> {
            let t = col(k);
            let is = |words: &[&str]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
            if is(&["yes", "y", "true", "1", "是"]) {
                Ok(true)
            } else if is(&["no", "n", "false", "0", "否"]) {
                Ok(false)
            } else {
                Err((COLUMNS[k], format!("{t:?}: expected yes/no (是/否)")))
            }
        };
        let amount = |k: usize| -> Result<Option<Decimal>, (&'static str, String)> {
            let t = col(k);
            if t.is_empty() {
                if OPTIONAL.contains(&COLUMNS[k]) {
                    return Ok(None);
                }
                return Err((COLUMNS[k], "empty: a number is needed".into()));
            }
            let v = parse_amount(t, COLUMNS[k]).map_err(|e| err(k, e))?;
            if v.is_sign_negative() && !v.is_zero() {
                return Err((COLUMNS[k], format!("{t:?}: must not be negative")));
            }
            Ok(Some(v))
        };
        let kind: InstitutionType = col(1).parse().map_err(|e| err(1, e))?;
        let inclusive = flag(2)?;
        let item_kind: FeeItemKind = col(3).parse().map_err(|e| err(3, e))?;
        let class_type: ClassType = col(4).parse().map_err(|e| err(4, e))?;
        let form: ServiceForm = col(5).parse().map_err(|e| err(5, e))?;
        let value = amount(6)?.unwrap_or_default();
        let unit: FeeUnit = col(7).parse().map_err(|e| err(7, e))?;
        let standard = match col(8).to_ascii_lowercase().as_str() {
            "" | "inclusive" | "普惠" => StandardKind::Inclusive,
            "non_inclusive" | "非普惠" => StandardKind::NonInclusive,
            other => return Err((COLUMNS[8], format!("{other:?}: expected inclusive/non_inclusive (普惠/非普惠)"))),
        };
        let disclosures = Disclosures {
            items_published: flag(9)?,
            service_content: flag(10)?,
            refund_rules: flag(11)?,
            agreement_signed: flag(12)?,
            displayed_at_premises: flag(13)?,
        };
        let reference_range = match (amount(14)?, amount(15)?) {
            (Some(low), Some(high)) if low <= high => Some(FeeRange { low, high }),
            (Some(_), Some(_)) => return Err((COLUMNS[15], "reference_high is below reference_low".into())),
            (None, None) => None,
            _ => return Err((COLUMNS[14], "give both reference_low and reference_high, or neither".into())),
        };
        let negotiated = Negotiated { reference_range, approved_net_cost: amount(16)? };
        let institution = Institution { name: col(0).to_string(), kind, inclusive, quality_tier: None };
        let item = FeeItem { item: item_kind, class_type, form, amount: value, unit, standard };
        Ok((institution, item, disclosures, negotiated, amount(17)?))
    }

    fn reject(
        &mut self,
        row: usize,
        name: &str,
        item: &str,
        column: &str,
        reason: &str,
        out: &mut dyn FnMut(BatchLine),
    ) {
        self.summary.rows_rejected += 1;
        out(BatchLine {
            row,
            institution: name.to_string(),
            item: item.to_string(),
            outcome: RowOutcome::Rejected,
            finding: None,
            column: (!column.is_empty()).then(|| column.to_string()),
            reason: Some(reason.to_string()),
        });
    }

    /// Checks the institution gathered so far and reports its rows.
    fn flush(&mut self, out: &mut dyn FnMut(BatchLine)) {
        let Some(g) = self.group.take() else { return };
        self.summary.institutions += 1;
        match self.context.check(&g.schedule) {
            Ok(report) => {
                for (i, r) in g.rows.iter().enumerate() {
                    let mine: Vec<&Finding> = report
                        .findings
                        .iter()
                        .filter(|f| f.item.is_none_or(|x| x == i))
                        .filter(|f| f.finding.severity > Severity::Note)
                        .map(|f| &f.finding)
                        .collect();
                    let base = BatchLine {
                        row: r.row,
                        institution: g.name.clone(),
                        item: r.item_text.clone(),
                        outcome: RowOutcome::Passed,
                        finding: None,
                        column: None,
                        reason: None,
                    };
                    if mine.is_empty() {
                        self.summary.rows_passed += 1;
                        out(base);
                    } else {
                        self.summary.rows_with_findings += 1;
                        for f in mine {
                            out(BatchLine { outcome: RowOutcome::Findings, finding: Some(f.clone()), ..base.clone() });
                        }
                    }
                }
            }
            Err(e) => {
                let reason = e.to_string();
                for r in &g.rows {
                    self.reject(r.row, &g.name, &r.item_text.clone(), e.field(), &reason, out);
                }
            }
        }
    }

    /// The counts so far (the open institution is not yet counted).
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let header: Vec<String> = fee_core::COLUMNS.iter().map(|c| c.to_string()).collect();
    /// let c = fee_core::BatchChecker::new(&header, set, "2024-06-01".parse()?, fee_core::IncomeBasis::District { year: 2022 })?;
    /// assert_eq!(c.summary().rows_read, 0);
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn summary(&self) -> BatchSummary {
        self.summary
    }

    /// Checks the last institution and returns the counts.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let header: Vec<String> = fee_core::COLUMNS.iter().map(|c| c.to_string()).collect();
    /// let c = fee_core::BatchChecker::new(&header, set, "2024-06-01".parse()?, fee_core::IncomeBasis::District { year: 2022 })?;
    /// assert_eq!(c.finish(&mut |_| {}).institutions, 0);
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn finish(mut self, out: &mut dyn FnMut(BatchLine)) -> BatchSummary {
        self.flush(out);
        self.summary
    }
}

const NOT_UTF8: &str = "not UTF-8 text (GBK? save the file as UTF-8 CSV)";

/// A data row as read: its fields, or why it could not be read.
pub type RowRecord = Result<Vec<String>, String>;

/// Decodes one CSV record as UTF-8 fields.
fn decode(rec: Result<csv::ByteRecord, csv::Error>) -> RowRecord {
    match rec {
        Err(e) => Err(format!("unreadable CSV: {e}")),
        Ok(r) => r
            .iter()
            .map(|f| String::from_utf8(f.to_vec()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| NOT_UTF8.to_string()),
    }
}

/// Opens a CSV reader and reads its header row.
fn csv_header<R: std::io::Read>(reader: R) -> Result<(Vec<String>, csv::ByteRecordsIntoIter<R>), FeeError> {
    let rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(reader);
    let mut records = rdr.into_byte_records();
    let header = match records.next() {
        None => return Err(FeeError::invalid("file", "", "the file is empty: no header row")),
        Some(h) => decode(h).map_err(|reason| FeeError::invalid("header", "", reason))?,
    };
    Ok((header, records))
}

/// Reads a whole CSV file into its header and rows, for callers that check in slices
/// (the browser checks a few thousand rows per frame to show progress).
///
/// # Errors
///
/// As [`check_csv`] for the header.
///
/// ```
/// let (h, rows) = fee_core::read_csv_rows(b"a,b\n1,2\n")?;
/// assert_eq!(h, vec!["a", "b"]);
/// assert_eq!(rows.len(), 1);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn read_csv_rows(bytes: &[u8]) -> Result<(Vec<String>, Vec<RowRecord>), FeeError> {
    let (header, records) = csv_header(bytes)?;
    Ok((header, records.map(decode).collect()))
}

/// Checks a CSV file of proposals, streaming: `out` receives every output line, `progress` the rows read so far (every 1,000 rows).
///
/// # Errors
///
/// [`FeeError::Invalid`] when the file is empty, its header is not UTF-8, or a column is missing.
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let e = fee_core::check_csv(&b""[..], set, "2024-06-01".parse()?, &fee_core::IncomeBasis::District { year: 2022 }, &mut |_| {}, &mut |_| {});
/// assert!(e.unwrap_err().to_string().contains("empty"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn check_csv<R: std::io::Read>(
    reader: R,
    params: &ParameterSet,
    date: Date,
    income: &IncomeBasis,
    out: &mut dyn FnMut(BatchLine),
    progress: &mut dyn FnMut(usize),
) -> Result<BatchSummary, FeeError> {
    let (header, records) = csv_header(reader)?;
    let mut checker = BatchChecker::new(&header, params, date, income.clone())?;
    let mut row = 1;
    for rec in records {
        row += 1;
        // Fields are borrowed from the record: no string is copied for a row that reads.
        match rec {
            Err(e) => checker.push_fields(row, Err(format!("unreadable CSV: {e}")), out),
            Ok(r) => match r.iter().map(std::str::from_utf8).collect::<Result<Vec<&str>, _>>() {
                Ok(fields) => checker.push_fields(row, Ok(&fields), out),
                Err(_) => checker.push_fields(row, Err(NOT_UTF8.to_string()), out),
            },
        }
        if row % 1000 == 0 {
            progress(row - 1);
        }
    }
    let summary = checker.finish(out);
    progress(summary.rows_read);
    Ok(summary)
}

/// Checks the first sheet of an xlsx workbook of proposals.
///
/// # Errors
///
/// [`FeeError::Invalid`] when the bytes are not an xlsx workbook, it has no sheet, or a column is missing.
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let e = fee_core::check_xlsx(b"not a zip", set, "2024-06-01".parse()?, &fee_core::IncomeBasis::District { year: 2022 }, &mut |_| {}, &mut |_| {});
/// assert!(e.unwrap_err().to_string().contains("not an xlsx workbook"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[cfg(feature = "xlsx")]
pub fn check_xlsx(
    bytes: &[u8],
    params: &ParameterSet,
    date: Date,
    income: &IncomeBasis,
    out: &mut dyn FnMut(BatchLine),
    progress: &mut dyn FnMut(usize),
) -> Result<BatchSummary, FeeError> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| FeeError::invalid("file", "", format!("not an xlsx workbook: {e}")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| FeeError::invalid("file", "", "the workbook has no sheet"))?
        .map_err(|e| FeeError::invalid("file", "", e.to_string()))?;
    let mut rows = range.rows();
    let header: Vec<String> = match rows.next() {
        Some(h) => h.iter().map(|c| c.to_string()).collect(),
        None => return Err(FeeError::invalid("file", "", "the sheet is empty: no header row")),
    };
    let mut checker = BatchChecker::new(&header, params, date, income.clone())?;
    for (i, r) in rows.enumerate() {
        let mut fields: Vec<String> = r.iter().map(|c| c.to_string()).collect();
        while fields.len() > header.len() && fields.last().is_some_and(String::is_empty) {
            fields.pop();
        }
        checker.push(i + 2, Ok(fields), out);
        if (i + 1) % 1000 == 0 {
            progress(i + 1);
        }
    }
    let summary = checker.finish(out);
    progress(summary.rows_read);
    Ok(summary)
}

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

/// The fields of one findings line, in [`FINDINGS_COLUMNS`] order.
///
/// ```
/// let line = fee_core::BatchLine { row: 2, institution: "甲".into(), item: "保育费".into(),
///     outcome: fee_core::RowOutcome::Passed, finding: None, column: None, reason: None };
/// assert_eq!(fee_core::findings_fields(&line)[3], "passed");
/// ```
pub fn findings_fields(l: &BatchLine) -> [String; 11] {
    let outcome = match l.outcome {
        RowOutcome::Passed => "passed",
        RowOutcome::Findings => "finding",
        RowOutcome::Rejected => "rejected",
    };
    let (sev, code, zh, en, clause) = match &l.finding {
        Some(f) => (
            f.severity.as_str().to_string(),
            f.code.clone(),
            f.message_zh.clone(),
            f.message_en.clone(),
            f.source.to_string(),
        ),
        None => Default::default(),
    };
    [
        l.row.to_string(),
        l.institution.clone(),
        l.item.clone(),
        outcome.to_string(),
        sev,
        code,
        zh,
        en,
        clause,
        l.column.clone().unwrap_or_default(),
        l.reason.clone().unwrap_or_default(),
    ]
}

/// Writes findings lines as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese).
///
/// # Errors
///
/// [`FeeError::Invalid`] if the writer fails.
///
/// ```
/// let mut out = Vec::new();
/// fee_core::write_findings_csv(&mut out, &[])?;
/// assert!(String::from_utf8(out).unwrap().starts_with("\u{feff}row,institution"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn write_findings_csv<W: std::io::Write>(mut w: W, lines: &[BatchLine]) -> Result<(), FeeError> {
    let io = |e: std::io::Error| FeeError::invalid("output", "", e.to_string());
    w.write_all("\u{feff}".as_bytes()).map_err(io)?;
    let mut wr = csv::Writer::from_writer(w);
    let cerr = |e: csv::Error| FeeError::invalid("output", "", e.to_string());
    wr.write_record(FINDINGS_COLUMNS).map_err(cerr)?;
    for l in lines {
        wr.write_record(findings_fields(l)).map_err(cerr)?;
    }
    wr.flush().map_err(io)
}

/// Writes findings lines and the summary as an xlsx workbook.
///
/// # Errors
///
/// [`FeeError::Invalid`] if the workbook cannot be written.
///
/// ```
/// let book = fee_core::findings_xlsx(&[], &fee_core::BatchSummary::default())?;
/// assert_eq!(&book[..2], b"PK");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[cfg(feature = "xlsx")]
pub fn findings_xlsx(lines: &[BatchLine], summary: &BatchSummary) -> Result<Vec<u8>, FeeError> {
    let x = |e: rust_xlsxwriter::XlsxError| FeeError::invalid("output", "", e.to_string());
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("findings").map_err(x)?;
    for (c, h) in FINDINGS_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(x)?;
    }
    for (r, l) in lines.iter().enumerate() {
        let row = u32::try_from(r + 1)
            .map_err(|_| FeeError::out_of_range("output.rows", r + 1, "at most 1,048,575 rows in xlsx"))?;
        for (c, v) in findings_fields(l).iter().enumerate() {
            if c == 0 {
                sheet.write_number(row, 0, u32::try_from(l.row).unwrap_or(u32::MAX)).map_err(x)?;
            } else {
                sheet.write_string(row, c as u16, v).map_err(x)?;
            }
        }
    }
    sheet
        .autofilter(
            0,
            0,
            u32::try_from(lines.len()).unwrap_or(u32::MAX).min(1_048_575),
            (FINDINGS_COLUMNS.len() - 1) as u16,
        )
        .map_err(x)?;
    let s = book.add_worksheet();
    s.set_name("summary").map_err(x)?;
    let rows = [
        ("rows_read", summary.rows_read),
        ("rows_passed", summary.rows_passed),
        ("rows_with_findings", summary.rows_with_findings),
        ("rows_rejected", summary.rows_rejected),
        ("institutions", summary.institutions),
    ];
    for (r, (k, v)) in rows.iter().enumerate() {
        s.write_string(r as u32, 0, *k).map_err(x)?;
        s.write_number(r as u32, 1, u32::try_from(*v).unwrap_or(u32::MAX)).map_err(x)?;
    }
    book.save_to_buffer().map_err(x)
}
