//! The batch checker: rows in, one outcome per row out, each institution's schedule checked when its rows end.

use std::collections::HashSet;
use std::sync::Arc;

use crate::foundations::date::Date;
use crate::foundations::error::reason::{self};
use crate::foundations::error::FeeError;
use crate::foundations::finding::{Finding, Message, MessageArg, Severity};
use crate::foundations::input::trim;
use crate::foundations::parameters::ParameterSet;
use crate::review::checks::CheckContext;
use crate::review::schedule::{FeeSchedule, Institution};
use crate::rules::cap::IncomeBasis;

use super::columns::{parse_institution, parse_item, RowFields, INSTITUTION_COLUMNS, ROW_COLUMNS};
use super::{BatchLine, BatchSummary, RowOutcome, COLUMNS};

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
    /// Lines refused while an institution is open, held so that every line comes out in input
    /// order when the institution is reported.
    held: Vec<BatchLine>,
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
            held: Vec::new(),
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
        let line = BatchLine {
            row,
            institution: Arc::from(name),
            item: Arc::from(item),
            outcome: RowOutcome::Rejected,
            finding: None,
            column: (!column.is_empty()).then(|| column.to_string()),
            reason: Some(Box::new(reason)),
        };
        // Rows after it belong to the open institution: the line waits for its report.
        if self.group.is_some() {
            self.held.push(line);
        } else {
            out(line);
        }
    }

    /// Checks the institution gathered so far and reports its rows.
    fn flush(&mut self, out: &mut dyn FnMut(BatchLine)) {
        let Some(g) = self.group.take() else { return };
        // The institution's lines and those refused while it was open, in row order.
        let mut held = std::mem::take(&mut self.held).into_iter().peekable();
        {
            let mut merged = |l: BatchLine| {
                while let Some(h) = held.next_if(|h| h.row < l.row) {
                    out(h);
                }
                out(l);
            };
            self.flush_group(g, &mut merged);
        }
        held.for_each(out);
    }

    fn flush_group(&mut self, g: Group, out: &mut dyn FnMut(BatchLine)) {
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
