//! Batch review: many proposals from CSV (or xlsx), every check run, every row given an outcome.
//!
//! The layout is one row per fee item; the columns are documented in `docs/batch-format.md`
//! and shown in `samples/proposals.csv`. Rows of one institution are consecutive; its
//! institution-level columns are read from its first row. Rows stream through: memory grows
//! with the rows of one institution and by a 16-byte fingerprint per institution already
//! checked, not with the number of rows.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::reason::{self, NOT_UTF8};
use crate::foundations::error::FeeError;
use crate::foundations::finding::{Finding, Message, MessageArg, Severity};
use crate::foundations::input::{parse_amount, trim};
use crate::foundations::parameters::ParameterSet;
use crate::review::checks::CheckContext;
use crate::review::schedule::{
    Disclosures, FeeItem, FeeItemKind, FeeSchedule, FeeUnit, Institution, InstitutionType, Negotiated, ServiceForm,
    StandardKind,
};
use crate::rules::cap::IncomeBasis;
use crate::rules::classes::ClassType;
use crate::rules::fee::FeeRange;

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
    pub institution: Arc<str>,
    /// Fee item as given.
    pub item: Arc<str>,
    /// The row's outcome.
    pub outcome: RowOutcome,
    /// The finding (for rows with findings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<Arc<Finding>>,
    /// For a rejected row: the column at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// For a rejected row: the reason, in Chinese and in English (boxed: most lines have none,
    /// and every line is moved to the output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Box<Message>>,
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
    item_text: Arc<str>,
}

struct Group {
    name: Arc<str>,
    first_row: usize,
    schedule: FeeSchedule,
    rows: Vec<PendingRow>,
}

/// The columns read once per institution, from its first row; the others are read on every row.
const INSTITUTION_COLUMNS: [usize; 11] = [1, 2, 9, 10, 11, 12, 13, 14, 15, 16, 17];

/// The columns read on every row: the name and the item's.
const ROW_COLUMNS: [usize; 7] = [0, 3, 4, 5, 6, 7, 8];

/// A row's fields, however the reader holds them.
pub(crate) trait RowFields {
    /// The number of fields.
    fn count(&self) -> usize;
    /// Field `i`, or `""` past the end.
    fn field(&self, i: usize) -> &str;
}

impl RowFields for [String] {
    fn count(&self) -> usize {
        self.len()
    }
    fn field(&self, i: usize) -> &str {
        self.get(i).map_or("", String::as_str)
    }
}

impl RowFields for csv::StringRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn field(&self, i: usize) -> &str {
        self.get(i).unwrap_or("")
    }
}

/// A yes/no column: yes/y/true/1/是 or no/n/false/0/否, in any ASCII case.
fn yes_no(t: &str) -> Option<bool> {
    let is = |words: &[&str]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
    if is(&["yes", "y", "true", "1", "是"]) {
        Some(true)
    } else if is(&["no", "n", "false", "0", "否"]) {
        Some(false)
    } else {
        None
    }
}

/// What a row says of its institution.
struct InstitutionColumns {
    kind: InstitutionType,
    inclusive: bool,
    disclosures: Disclosures,
    negotiated: Negotiated,
    meal_cost: Option<Decimal>,
}

/// A column that could not be read: its index in [`COLUMNS`] and why (boxed: the rare case
/// stays out of the way of the common one).
type ColumnError = (usize, Box<Message>);

/// Why field `k` cannot be used, in both languages, quoting it as written:
/// "“-5”：不能为负数" and "\"-5\": must not be negative".
fn quoted(f: &[&str; COLUMNS.len()], k: usize, zh: impl Into<MessageArg>, en: impl Into<MessageArg>) -> ColumnError {
    let message =
        Message::new("“{0}”：{1}", "{2}: {3}").with(f[k].to_string()).with(zh).with(format!("{:?}", f[k])).with(en);
    (k, Box::new(message))
}

/// The reason for a field that did not parse, quoting the field.
fn column_error(f: &[&str; COLUMNS.len()], k: usize, e: FeeError) -> ColumnError {
    match e {
        FeeError::Invalid { reason: r, .. } | FeeError::OutOfRange { limit: r, .. } => {
            quoted(f, k, reason::zh(&r).to_string(), r)
        }
        other => (k, Box::new(Message::from(&other))),
    }
}

/// An amount column: empty is `None` where the column is optional; negative is an error.
fn amount(f: &[&str; COLUMNS.len()], k: usize) -> Result<Option<Decimal>, ColumnError> {
    let t = f[k];
    if t.is_empty() {
        if OPTIONAL.contains(&COLUMNS[k]) {
            return Ok(None);
        }
        return Err((k, Box::new(Message::new("空白：需要填写数字", "empty: a number is needed"))));
    }
    let v = parse_amount(t, COLUMNS[k]).map_err(|e| column_error(f, k, e))?;
    if v.is_sign_negative() && !v.is_zero() {
        return Err(quoted(f, k, reason::zh(reason::NOT_NEGATIVE).into_owned(), reason::NOT_NEGATIVE));
    }
    Ok(Some(v))
}

/// A yes/no column.
fn flag(f: &[&str; COLUMNS.len()], k: usize) -> Result<bool, ColumnError> {
    yes_no(f[k]).ok_or_else(|| quoted(f, k, "应为 是/否", "expected yes/no (是/否)"))
}

/// The fee item of a row (columns read on every row).
fn parse_item(f: &[&str; COLUMNS.len()]) -> Result<FeeItem, ColumnError> {
    let item: FeeItemKind = f[3].parse().map_err(|e| column_error(f, 3, e))?;
    let class_type: ClassType = f[4].parse().map_err(|e| column_error(f, 4, e))?;
    let form: ServiceForm = f[5].parse().map_err(|e| column_error(f, 5, e))?;
    let amount = amount(f, 6)?.unwrap_or_default();
    let unit: FeeUnit = f[7].parse().map_err(|e| column_error(f, 7, e))?;
    let standard = match f[8] {
        "" | "inclusive" | "普惠" => StandardKind::Inclusive,
        "non_inclusive" | "非普惠" => StandardKind::NonInclusive,
        other if other.eq_ignore_ascii_case("inclusive") => StandardKind::Inclusive,
        other if other.eq_ignore_ascii_case("non_inclusive") => StandardKind::NonInclusive,
        _ => return Err(quoted(f, 8, "应为 普惠/非普惠", "expected inclusive/non_inclusive (普惠/非普惠)")),
    };
    Ok(FeeItem { item, class_type, form, amount, unit, standard })
}

/// What a row says of its institution (columns read from an institution's first row).
fn parse_institution(f: &[&str; COLUMNS.len()]) -> Result<InstitutionColumns, ColumnError> {
    let kind: InstitutionType = f[1].parse().map_err(|e| column_error(f, 1, e))?;
    let inclusive = flag(f, 2)?;
    let disclosures = Disclosures {
        items_published: flag(f, 9)?,
        service_content: flag(f, 10)?,
        refund_rules: flag(f, 11)?,
        agreement_signed: flag(f, 12)?,
        displayed_at_premises: flag(f, 13)?,
    };
    let reference_range = match (amount(f, 14)?, amount(f, 15)?) {
        (Some(low), Some(high)) if low <= high => Some(FeeRange { low, high }),
        (Some(_), Some(_)) => {
            return Err((15, Box::new(Message::new("参考区间上限低于下限", "reference_high is below reference_low"))))
        }
        (None, None) => None,
        _ => {
            let both = Message::new(
                "参考区间上下限须同时填写或同时留空",
                "give both reference_low and reference_high, or neither",
            );
            return Err((14, Box::new(both)));
        }
    };
    let negotiated = Negotiated { reference_range, approved_net_cost: amount(f, 16)? };
    Ok(InstitutionColumns { kind, inclusive, disclosures, negotiated, meal_cost: amount(f, 17)? })
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
    /// The institution columns of the open group's first row, one after another; later
    /// rows with the same text are not parsed again.
    first_text: String,
    first_ends: [usize; INSTITUTION_COLUMNS.len()],
    /// Item texts seen lately, shared by the lines that name them.
    items: Vec<Arc<str>>,
    /// Institutions already closed, by a 128-bit fingerprint of their name: 16 bytes each
    /// instead of the name, so memory grows slowly with the number of institutions. Two
    /// names share a fingerprint with probability about n² ÷ 2¹²⁹ (for a million names, 10⁻²⁷).
    seen: HashSet<u128>,
    fingerprint: (std::collections::hash_map::RandomState, std::collections::hash_map::RandomState),
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
            return Err(FeeError::invalid("header", "", reason::NO_HEADER));
        }
        let mut index = [0usize; COLUMNS.len()];
        for (k, col) in COLUMNS.iter().enumerate() {
            index[k] = clean
                .iter()
                .position(|h| h == col)
                .ok_or_else(|| FeeError::invalid(format!("header.{col}"), clean.join(","), reason::COLUMN_MISSING))?;
        }
        Ok(BatchChecker {
            context,
            index,
            width: header.len(),
            group: None,
            first_text: String::new(),
            first_ends: [0; INSTITUTION_COLUMNS.len()],
            items: Vec::new(),
            seen: HashSet::new(),
            fingerprint: Default::default(),
            summary: BatchSummary::default(),
        })
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
            Ok(fields) => self.push_fields(row, Ok(fields.as_slice()), out),
            Err(reason) => self.push_fields::<[String]>(row, Err(Message::new(reason.clone(), reason)), out),
        }
    }

    /// The shared text of an item name: the same few names recur on most rows.
    fn item_text(&mut self, text: &str) -> Arc<str> {
        if let Some(t) = self.items.iter().find(|t| ***t == *text) {
            return t.clone();
        }
        if self.items.len() >= 16 {
            self.items.clear();
        }
        let t: Arc<str> = Arc::from(text);
        self.items.push(t.clone());
        t
    }

    /// Whether this row's institution columns read exactly as the open group's first row.
    fn same_institution_text(&self, f: &[&str; COLUMNS.len()]) -> bool {
        let mut start = 0;
        INSTITUTION_COLUMNS.iter().zip(self.first_ends).all(|(&k, end)| {
            let same = self.first_text.get(start..end) == Some(f[k]);
            start = end;
            same
        })
    }

    fn remember_institution_text(&mut self, f: &[&str; COLUMNS.len()]) {
        self.first_text.clear();
        for (n, &k) in INSTITUTION_COLUMNS.iter().enumerate() {
            self.first_text.push_str(f[k]);
            self.first_ends[n] = self.first_text.len();
        }
    }

    /// As [`BatchChecker::push`], for fields however the reader holds them.
    pub(crate) fn push_fields<F: RowFields + ?Sized>(
        &mut self,
        row: usize,
        record: Result<&F, Message>,
        out: &mut dyn FnMut(BatchLine),
    ) {
        self.summary.rows_read += 1;
        let record = match record {
            Ok(r) => r,
            Err(reason) => return self.reject(row, "", "", "", reason, out),
        };
        if record.count() != self.width {
            let name = trim(record.field(0));
            if self.group.as_ref().is_some_and(|g| *g.name != *name) {
                self.flush(out);
            }
            let reason = Message::new("应有{0}列，实有{1}列", "expected {0} columns, found {1}")
                .with(MessageArg::Whole(self.width as u64))
                .with(MessageArg::Whole(record.count() as u64));
            return self.reject(row, name, "", "", reason, out);
        }
        // Fields as written; the row's own columns trimmed now, the institution's only when
        // they are parsed (their text is compared as written).
        let mut f: [&str; COLUMNS.len()] = std::array::from_fn(|k| record.field(self.index[k]));
        for k in ROW_COLUMNS {
            f[k] = trim(f[k]);
        }
        let name = f[0];
        // A new name closes the institution before it, so output stays in row order.
        if self.group.as_ref().is_some_and(|g| *g.name != *name) {
            self.flush(out);
        }
        if name.is_empty() {
            let reason = Message::new("机构名称为空", "the institution name is empty");
            return self.reject(row, name, f[3], "institution", reason, out);
        }
        let item = parse_item(&f);
        // Institution columns are parsed on an institution's first row, and again only
        // when a later row writes them differently.
        let institution = match &self.group {
            Some(_) if self.same_institution_text(&f) => None,
            _ => {
                let mut trimmed = f;
                for k in INSTITUTION_COLUMNS {
                    trimmed[k] = trim(trimmed[k]);
                }
                Some(parse_institution(&trimmed))
            }
        };
        let (item, institution) = match (item, institution) {
            (Ok(item), Some(Ok(inst))) => (item, Some(inst)),
            (Ok(item), None) => (item, None),
            (Err(a), Some(Err(b))) => {
                let (k, reason) = if a.0 < b.0 { a } else { b };
                return self.reject(row, name, f[3], COLUMNS[k], *reason, out);
            }
            (Err((k, reason)), _) | (_, Some(Err((k, reason)))) => {
                return self.reject(row, name, f[3], COLUMNS[k], *reason, out)
            }
        };
        match (&mut self.group, institution) {
            (None, Some(inst)) => {
                use std::hash::BuildHasher;
                let print = (u128::from(self.fingerprint.0.hash_one(name)) << 64)
                    | u128::from(self.fingerprint.1.hash_one(name));
                if !self.seen.insert(print) {
                    let reason = Message::new(
                        "同一机构的行须相邻；此名称在前面已出现",
                        "rows of one institution must be consecutive; this name appeared earlier",
                    );
                    return self.reject(row, name, f[3], "institution", reason, out);
                }
                self.remember_institution_text(&f);
                self.group = Some(Group {
                    name: Arc::from(name),
                    first_row: row,
                    schedule: FeeSchedule {
                        institution: Institution {
                            name: name.to_string(),
                            kind: inst.kind,
                            inclusive: inst.inclusive,
                            quality_tier: None,
                        },
                        items: Vec::new(),
                        disclosures: inst.disclosures,
                        refund_rule: None,
                        negotiated: inst.negotiated,
                        meal_cost_per_child_month: inst.meal_cost,
                    },
                    rows: Vec::new(),
                });
            }
            (Some(g), Some(inst))
                if g.schedule.institution.kind != inst.kind || g.schedule.institution.inclusive != inst.inclusive =>
            {
                let reason = Message::new(
                    "机构类型或是否普惠与该机构第一行（第{0}行）不同",
                    "institution_type/inclusive differ from the institution's first row ({0})",
                )
                .with(MessageArg::Whole(g.first_row as u64));
                return self.reject(row, name, f[3], "institution_type", reason, out);
            }
            _ => {}
        }
        let item_text = self.item_text(f[3]);
        if let Some(g) = &mut self.group {
            g.schedule.items.push(item);
            g.rows.push(PendingRow { row, item_text });
        }
    }

    fn reject(
        &mut self,
        row: usize,
        name: &str,
        item: &str,
        column: &str,
        reason: Message,
        out: &mut dyn FnMut(BatchLine),
    ) {
        self.summary.rows_rejected += 1;
        out(BatchLine {
            row,
            institution: Arc::from(name),
            item: Arc::from(item),
            outcome: RowOutcome::Rejected,
            finding: None,
            column: (!column.is_empty()).then(|| column.to_string()),
            reason: Some(Box::new(reason)),
        });
    }

    /// Checks the institution gathered so far and reports its rows.
    fn flush(&mut self, out: &mut dyn FnMut(BatchLine)) {
        let Some(g) = self.group.take() else { return };
        self.summary.institutions += 1;
        match self.context.check(&g.schedule) {
            Ok(report) => {
                // Each finding is shared by the lines that report it.
                let findings: Vec<(Option<usize>, Arc<Finding>)> = report
                    .findings
                    .into_iter()
                    .filter(|f| f.finding.severity > Severity::Note)
                    .map(|f| (f.item, Arc::new(f.finding)))
                    .collect();
                for (i, r) in g.rows.iter().enumerate() {
                    let line = |outcome, finding: Option<&Arc<Finding>>| BatchLine {
                        row: r.row,
                        institution: g.name.clone(),
                        item: r.item_text.clone(),
                        outcome,
                        finding: finding.cloned(),
                        column: None,
                        reason: None,
                    };
                    let mut any = false;
                    for (_, f) in findings.iter().filter(|(item, _)| item.is_none_or(|x| x == i)) {
                        any = true;
                        out(line(RowOutcome::Findings, Some(f)));
                    }
                    if any {
                        self.summary.rows_with_findings += 1;
                    } else {
                        self.summary.rows_passed += 1;
                        out(line(RowOutcome::Passed, None));
                    }
                }
            }
            Err(e) => {
                let reason = Message::from(&e);
                for r in &g.rows {
                    self.reject(r.row, &g.name, &r.item_text, e.field(), reason.clone(), out);
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

/// Why a row that is not UTF-8 was not read, in both languages.
fn not_utf8() -> Message {
    Message::new(reason::zh(NOT_UTF8).into_owned(), NOT_UTF8)
}

/// Opens a CSV reader and reads its header row.
fn csv_header<R: std::io::Read>(reader: R) -> Result<(Vec<String>, csv::Reader<R>), FeeError> {
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(reader);
    let mut first = csv::ByteRecord::new();
    let header = match rdr.read_byte_record(&mut first) {
        Ok(false) => return Err(FeeError::invalid("file", "", reason::FILE_EMPTY)),
        Ok(true) => first
            .iter()
            .map(|f| String::from_utf8(f.to_vec()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| NOT_UTF8.to_string()),
        Err(e) => Err(reason::fill(reason::UNREADABLE_CSV, &[&e])),
    }
    .map_err(|reason| FeeError::invalid("header", "", reason))?;
    Ok((header, rdr))
}

/// Checks a CSV file of proposals, streaming: `out` receives every output line, `progress` the rows read so far (every 1,000 rows).
///
/// Where the machine has more than one core, the file is read and parsed on a second thread
/// while this one checks, a few hundred rows apart: output, errors and memory are as if it
/// were read here (a bounded number of rows is in flight).
///
/// # Errors
///
/// [`FeeError::Invalid`] when the file is empty, its header is not UTF-8, a column is missing,
/// or the reader fails (an I/O error).
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let e = fee_core::check_csv(&b""[..], set, "2024-06-01".parse()?, &fee_core::IncomeBasis::District { year: 2022 }, &mut |_| {}, &mut |_| {});
/// assert!(e.unwrap_err().to_string().contains("empty"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn check_csv<R: std::io::Read + Send>(
    reader: R,
    params: &ParameterSet,
    date: Date,
    income: &IncomeBasis,
    out: &mut dyn FnMut(BatchLine),
    progress: &mut dyn FnMut(usize),
) -> Result<BatchSummary, FeeError> {
    let second_thread = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    check_csv_reading(reader, params, date, income, out, progress, second_thread)
}

/// [`check_csv`] on the calling thread only: for embedders that keep to one thread (a
/// server with its own pool, say). In the browser this is what `check_csv` does anyway.
///
/// # Errors
///
/// As [`check_csv`].
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let csv = "institution,institution_type,inclusive,item,class_type,service_form,amount,unit,standard,items_published,service_content,refund_rules,agreement_signed,displayed_at_premises,reference_low,reference_high,approved_net_cost,meal_cost\n\
///            公办甲园,public_nursery,yes,保育费,托大班,全日托,3000,元/月,inclusive,yes,yes,yes,yes,yes,,,,\n";
/// let s = fee_core::check_csv_single_threaded(csv.as_bytes(), set, "2024-06-01".parse()?,
///     &fee_core::IncomeBasis::District { year: 2022 }, &mut |_| {}, &mut |_| {})?;
/// assert_eq!(s.rows_passed, 1);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn check_csv_single_threaded<R: std::io::Read>(
    reader: R,
    params: &ParameterSet,
    date: Date,
    income: &IncomeBasis,
    out: &mut dyn FnMut(BatchLine),
    progress: &mut dyn FnMut(usize),
) -> Result<BatchSummary, FeeError> {
    let (mut rdr, rows) = RowCounter::start(reader, params, date, income)?;
    rows.check_here(&mut rdr, out, progress)
}

/// [`check_csv`], reading on a second thread if `second_thread` (and the target has threads).
fn check_csv_reading<R: std::io::Read + Send>(
    reader: R,
    params: &ParameterSet,
    date: Date,
    income: &IncomeBasis,
    out: &mut dyn FnMut(BatchLine),
    progress: &mut dyn FnMut(usize),
    second_thread: bool,
) -> Result<BatchSummary, FeeError> {
    // Without threads (the browser) only the reading below uses these.
    #[cfg_attr(target_arch = "wasm32", allow(unused_mut))]
    let (mut rdr, mut rows) = RowCounter::start(reader, params, date, income)?;
    #[cfg(not(target_arch = "wasm32"))]
    if second_thread {
        if let Some(done) = pipelined::check_rows(&mut rdr, &mut rows, out, progress) {
            done?;
            return Ok(rows.finish(out, progress));
        }
    }
    #[cfg(target_arch = "wasm32")]
    let _ = second_thread;
    rows.check_here(&mut rdr, out, progress)
}

/// Reads the next record into `record`: `None` at the end, `Some(None)` for a record that
/// reads, `Some(Some(reason))` for one that does not (the reading goes on after it).
fn read_row<R: std::io::Read>(
    rdr: &mut csv::Reader<R>,
    record: &mut csv::StringRecord,
) -> Result<Option<Option<Message>>, FeeError> {
    match rdr.read_record(record) {
        Ok(false) => Ok(None),
        Ok(true) => Ok(Some(None)),
        Err(e) if e.is_io_error() => Err(FeeError::invalid("file", "", reason::fill(reason::UNREADABLE, &[&e]))),
        Err(e) if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) => Ok(Some(Some(not_utf8()))),
        Err(e) => {
            let why = reason::fill(reason::UNREADABLE_CSV, &[&e]);
            Ok(Some(Some(Message::new(reason::zh(&why).into_owned(), why))))
        }
    }
}

/// The checker with the row number (the header is row 1) and the progress reports.
struct RowCounter {
    checker: BatchChecker,
    row: usize,
}

impl RowCounter {
    /// Reads the header and makes the checker for it.
    fn start<R: std::io::Read>(
        reader: R,
        params: &ParameterSet,
        date: Date,
        income: &IncomeBasis,
    ) -> Result<(csv::Reader<R>, RowCounter), FeeError> {
        let (header, rdr) = csv_header(reader)?;
        Ok((rdr, RowCounter { checker: BatchChecker::new(&header, params, date, income.clone())?, row: 1 }))
    }

    /// Reads and checks the rest of the file on this thread.
    fn check_here<R: std::io::Read>(
        mut self,
        rdr: &mut csv::Reader<R>,
        out: &mut dyn FnMut(BatchLine),
        progress: &mut dyn FnMut(usize),
    ) -> Result<BatchSummary, FeeError> {
        // One record is read into again and again: no string is copied for a row that reads.
        let mut record = csv::StringRecord::new();
        while let Some(reason) = read_row(rdr, &mut record)? {
            self.push(&record, reason, out, progress);
        }
        Ok(self.finish(out, progress))
    }

    /// Checks the next record, or rejects it for `unreadable`'s reason.
    #[inline]
    fn push(
        &mut self,
        record: &csv::StringRecord,
        unreadable: Option<Message>,
        out: &mut dyn FnMut(BatchLine),
        progress: &mut dyn FnMut(usize),
    ) {
        self.row += 1;
        match unreadable {
            None => self.checker.push_fields(self.row, Ok(record), out),
            Some(reason) => self.checker.push_fields::<[String]>(self.row, Err(reason), out),
        }
        if self.row.is_multiple_of(1000) {
            progress(self.row - 1);
        }
    }

    fn finish(self, out: &mut dyn FnMut(BatchLine), progress: &mut dyn FnMut(usize)) -> BatchSummary {
        let summary = self.checker.finish(out);
        progress(summary.rows_read);
        summary
    }
}

/// Reading on a second thread while this one checks.
#[cfg(not(target_arch = "wasm32"))]
mod pipelined {
    use std::sync::mpsc;

    use super::{read_row, BatchLine, RowCounter};
    use crate::foundations::error::FeeError;

    /// Rows handed over at a time: enough to make the hand-over cheap, few enough to keep
    /// memory flat (at most four chunks exist).
    const CHUNK: usize = 256;

    /// Rows read by the reading thread: each record with the reason it did not read, if any.
    #[derive(Default)]
    struct Chunk {
        rows: Vec<(csv::StringRecord, Option<crate::foundations::finding::Message>)>,
        len: usize,
    }

    /// Reads the rest of `rdr` on a second thread and checks the rows here, in order.
    /// `None` if the thread could not be started (nothing has been read then).
    pub(super) fn check_rows<R: std::io::Read + Send>(
        rdr: &mut csv::Reader<R>,
        rows: &mut RowCounter,
        out: &mut dyn FnMut(BatchLine),
        progress: &mut dyn FnMut(usize),
    ) -> Option<Result<(), FeeError>> {
        let (full_tx, full_rx) = mpsc::sync_channel::<Chunk>(2);
        let (empty_tx, empty_rx) = mpsc::channel::<Chunk>();
        std::thread::scope(|scope| {
            let reader = std::thread::Builder::new()
                .name("fee-csv-reader".into())
                .spawn_scoped(scope, move || read_chunks(rdr, &full_tx, &empty_rx))
                .ok()?;
            for mut chunk in full_rx {
                for (record, unreadable) in chunk.rows.iter_mut().take(chunk.len) {
                    rows.push(record, unreadable.take(), out, progress);
                }
                // The reader may have finished; then the chunk is simply dropped.
                let _ = empty_tx.send(chunk);
            }
            Some(reader.join().unwrap_or_else(|_| {
                Err(FeeError::invalid("file", "", crate::foundations::error::reason::READER_STOPPED))
            }))
        })
    }

    /// The reading thread: fills chunks (reusing those handed back) until the file ends.
    fn read_chunks<R: std::io::Read>(
        rdr: &mut csv::Reader<R>,
        full: &mpsc::SyncSender<Chunk>,
        empty: &mpsc::Receiver<Chunk>,
    ) -> Result<(), FeeError> {
        loop {
            let mut chunk = empty.try_recv().unwrap_or_default();
            chunk.len = 0;
            let mut ended = false;
            while chunk.len < CHUNK {
                if chunk.rows.len() == chunk.len {
                    chunk.rows.push(Default::default());
                }
                let Some((record, unreadable)) = chunk.rows.get_mut(chunk.len) else { break };
                match read_row(rdr, record) {
                    Ok(Some(reason)) => *unreadable = reason,
                    Ok(None) => {
                        ended = true;
                        break;
                    }
                    Err(e) => {
                        // Rows read before the failure are still checked, as when reading in one thread.
                        let _ = full.send(chunk);
                        return Err(e);
                    }
                }
                chunk.len += 1;
            }
            // A send fails only when the checking side has stopped: nothing more to do.
            if (chunk.len > 0 && full.send(chunk).is_err()) || ended {
                return Ok(());
            }
        }
    }
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
        .map_err(|e| FeeError::invalid("file", "", reason::fill(reason::NOT_XLSX, &[&e])))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| FeeError::invalid("file", "", reason::NO_SHEET))?
        .map_err(|e| FeeError::invalid("file", "", e.to_string()))?;
    let mut rows = range.rows();
    let header: Vec<String> = match rows.next() {
        Some(h) => h.iter().map(|c| c.to_string()).collect(),
        None => return Err(FeeError::invalid("file", "", reason::SHEET_EMPTY)),
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
        wr.write_record(findings_fields(l).iter().map(|f| f.as_bytes())).map_err(cerr)?;
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
        let row = u32::try_from(r + 1).map_err(|_| FeeError::out_of_range("output.rows", r + 1, reason::XLSX_ROWS))?;
        for (c, v) in findings_fields(l).iter().enumerate() {
            if c == 0 {
                sheet.write_number(row, 0, u32::try_from(l.row).unwrap_or(u32::MAX)).map_err(x)?;
            } else {
                sheet.write_string(row, c as u16, v.as_ref()).map_err(x)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A header and `n` rows, four per institution; rows in `bad` are not UTF-8: every other one
    /// carries GBK bytes, the rest a character split across two fields (the name ends in the
    /// first byte of 机, E6 9C BA, and the type starts with the other two: UTF-8 only when the
    /// fields are put together).
    fn file(n: usize, bad: &[usize]) -> Vec<u8> {
        let mut out = COLUMNS.join(",").into_bytes();
        out.push(b'\n');
        for i in 0..n {
            let amount = 2900 + (i % 5) * 100;
            let rest = format!("public_nursery,yes,保育费,托大班,全日托,{amount},元/月,普惠,是,是,是,是,是,,,,\n");
            match bad.iter().position(|b| *b == i) {
                Some(k) if k % 2 == 0 => out.extend_from_slice(b"\xbb\xfa\xb9\xb9,"),
                Some(_) => out.extend_from_slice(b"\xe6\x9c\xba\xe6,\x9c\xba"),
                None => out.extend_from_slice(format!("机构{},", i / 4).as_bytes()),
            }
            out.extend_from_slice(rest.as_bytes());
        }
        out
    }

    /// Every way a row can be rejected says why in Chinese too: the Chinese reason is not the
    /// English one, and has Chinese outside the text it quotes.
    #[test]
    fn every_rejection_reads_in_both_languages() {
        let ok = "public_nursery,yes,保育费,托大班,全日托,2800,元/月,普惠,是,是,是,是,是,,,,";
        let rows = [
            "public_nursery,yes".to_string(),                            // 3 columns of 18
            ok.replacen("2800", "两千", 1),                              // not a number
            ok.replacen("2800", "-5", 1),                                // negative
            ok.replacen("2800", "", 1),                                  // empty amount
            ok.replacen("2800", "1e3", 1),                               // exponent
            ok.replacen("托大班", "大大班", 1),                          // class type
            ok.replacen("全日托", "整日托", 1),                          // service form
            ok.replacen("元/月", "元/周", 1),                            // unit
            ok.replacen("普惠,是", "半普惠,是", 1),                      // standard
            ok.replacen("public_nursery,yes", "public_nursery,也许", 1), // yes/no
            ok.replacen("public_nursery", "kindergarten_maybe", 1),      // institution type
            ok.replacen("保育费", "", 1),                                // empty item
            ok.replacen(",,,,", ",2400,,,", 1),                          // half a range
            ok.replacen(",,,,", ",3000,2400,,", 1),                      // range upside down
        ];
        let mut csv = COLUMNS.join(",");
        for (i, r) in rows.iter().enumerate() {
            csv.push_str(&format!("\n园{i},{r}"));
        }
        // An empty name, a type unlike the institution's first row's, and a name met again after another.
        let other_type = ok.replacen("public_nursery", "community_site", 1);
        csv.push_str(&format!("\n,{ok}\n新园,{ok}\n新园,{other_type}\n旧园,{ok}\n新园,{ok}\n"));
        let set = ParameterSet::chaoyang().unwrap();
        let mut lines = Vec::new();
        let summary = check_csv_single_threaded(
            csv.as_bytes(),
            set,
            "2024-06-01".parse().unwrap(),
            &IncomeBasis::District { year: 2022 },
            &mut |l| lines.push(l),
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(summary.rows_rejected, rows.len() + 3, "{lines:#?}");
        let chinese = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for l in lines.iter().filter(|l| l.outcome == RowOutcome::Rejected) {
            let reason = l.reason.as_ref().unwrap();
            let (zh, en) = (reason.zh(), reason.en());
            let outside_quotes = zh.rsplit('”').next().unwrap_or_default();
            assert!(zh != en && chinese(outside_quotes), "row {}: {zh} / {en}", l.row);
        }
    }

    /// A reader that fails after `left` bytes.
    struct Failing<'a> {
        data: &'a [u8],
        left: usize,
    }

    impl std::io::Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return Err(std::io::Error::other("disk gone"));
            }
            let n = buf.len().min(self.left).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            self.left -= n;
            Ok(n)
        }
    }

    fn run<R: std::io::Read + Send>(
        reader: R,
        second_thread: bool,
    ) -> (Result<BatchSummary, FeeError>, Vec<BatchLine>, Vec<usize>) {
        let set = ParameterSet::chaoyang().unwrap();
        let (mut lines, mut progress) = (Vec::new(), Vec::new());
        let r = check_csv_reading(
            reader,
            set,
            "2024-06-01".parse().unwrap(),
            &IncomeBasis::District { year: 2022 },
            &mut |l| lines.push(l),
            &mut |n| progress.push(n),
            second_thread,
        );
        (r, lines, progress)
    }

    /// Reading on a second thread gives the same lines, counts and progress as reading here,
    /// with rows that are not UTF-8 on both sides of the hand-over boundaries (every 256 rows).
    #[test]
    fn reading_on_a_second_thread_changes_nothing() {
        let bad = [0, 255, 256, 257, 511, 1000, 1001, 1999];
        let data = file(2000, &bad);
        let (a, lines_a, progress_a) = run(data.as_slice(), false);
        let (b, lines_b, progress_b) = run(data.as_slice(), true);
        let (a, b) = (a.unwrap(), b.unwrap());
        // 2,000 rows read, the eight that are not UTF-8 rejected (as such), the rest passed or
        // with findings.
        assert_eq!(a.rows_read, 2000);
        assert_eq!(a.rows_rejected, 8);
        let rejected = lines_a.iter().filter(|l| l.outcome == RowOutcome::Rejected);
        assert!(rejected.clone().all(|l| l.reason.as_deref().map(Message::en).as_deref() == Some(NOT_UTF8)));
        assert_eq!(rejected.map(|l| l.row).collect::<Vec<_>>(), bad.map(|i| i + 2));
        assert_eq!(a, b);
        assert_eq!(lines_a, lines_b);
        // Progress at rows 999 and 1,999 (row numbers count the header), then the total.
        assert_eq!(progress_a, vec![999, 1999, 2000]);
        assert_eq!(progress_a, progress_b);
    }

    /// A reader that fails part-way: both ways report the error after the same lines.
    #[test]
    fn a_failing_reader_stops_both_ways_alike() {
        let data = file(2000, &[]);
        let (a, lines_a, _) = run(Failing { data: &data, left: 60_000 }, false);
        let (b, lines_b, _) = run(Failing { data: &data, left: 60_000 }, true);
        assert!(a.unwrap_err().to_string().contains("disk gone"));
        assert!(b.unwrap_err().to_string().contains("disk gone"));
        assert!(!lines_a.is_empty());
        assert_eq!(lines_a, lines_b);
    }
}
