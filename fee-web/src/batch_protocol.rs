//! Messages between the page and the batch worker. The worker holds the CSV and xlsx
//! readers and writers (csv, calamine, rust_xlsxwriter) and the TOML and YAML readers of
//! parameter files, so the page's first load stays small and a large file never blocks the
//! page; it starts on the first batch or the first such parameter file.
//!
//! The worker keeps the lines of the last file it checked. The page asks for one page of
//! them at a time (a filter, a search and a limit), and a findings file is written from the
//! kept lines, so a file of 100,000 rows never crosses between the two in full.

use fee_core::{BatchLine, BatchSummary, Date, IncomeBasis, Language, ParameterSet, RowOutcome, Severity};
use serde::{Deserialize, Serialize};

/// Output formats of the findings.
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingsFormat {
    Csv,
    Xlsx,
}

/// Which lines the table shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineFilter {
    #[default]
    All,
    /// Lines whose finding is a violation.
    Violation,
    Findings,
    Rejected,
    Passed,
}

// This file is compiled into the page and into the worker; each uses a part of it.
#[allow(dead_code)]
impl LineFilter {
    /// Every filter with the name the page's select uses.
    pub const ALL: [(LineFilter, &'static str); 5] = [
        (LineFilter::All, "all"),
        (LineFilter::Violation, "violation"),
        (LineFilter::Findings, "findings"),
        (LineFilter::Rejected, "rejected"),
        (LineFilter::Passed, "passed"),
    ];

    /// The filter named `name`; unknown names show all lines.
    pub fn named(name: &str) -> Self {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(f, _)| *f).unwrap_or_default()
    }

    fn keeps(self, line: &BatchLine) -> bool {
        match self {
            LineFilter::All => true,
            LineFilter::Violation => line.finding.as_ref().is_some_and(|f| f.severity == Severity::Violation),
            LineFilter::Findings => line.outcome == RowOutcome::Findings,
            LineFilter::Rejected => line.outcome == RowOutcome::Rejected,
            LineFilter::Passed => line.outcome == RowOutcome::Passed,
        }
    }
}

/// One page of the kept lines: a filter, a search in institution and item names, how many
/// matching lines to skip, and how many to send at most.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    pub filter: LineFilter,
    pub query: String,
    pub offset: usize,
    pub limit: usize,
}

/// The lines of a view, in file order, where they start among the matching lines, and how
/// many lines match in all.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub offset: usize,
    pub matching: usize,
    pub lines: Vec<ShownLine>,
}

/// A kept line as the page's table shows it, in both languages: the worker writes out the
/// finding's message and source, so the page needs no reader of findings (9 KB of its gzipped
/// first load: 349.0 → 339.9 KB).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownLine {
    pub row: usize,
    pub institution: String,
    pub item: String,
    pub outcome: RowOutcome,
    /// The finding's severity, message and source, for rows with findings.
    pub severity: Option<Severity>,
    pub detail_zh: String,
    pub detail_en: String,
    pub source_zh: String,
    pub source_en: String,
}

#[allow(dead_code)]
impl ShownLine {
    fn of(line: &BatchLine) -> Self {
        let (detail_zh, detail_en) = match (&line.finding, &line.reason) {
            (Some(f), _) => (f.message.zh(), f.message.en()),
            // A rejected row: the column at fault (as the file's header names it) and why.
            (None, Some(r)) => match line.column.as_deref() {
                Some(c) => (format!("{c}：{}", r.zh()), format!("{c}: {}", r.en())),
                None => (r.zh(), r.en()),
            },
            _ => Default::default(),
        };
        let source = |lang| line.finding.as_ref().map(|f| f.source.text(lang)).unwrap_or_default();
        ShownLine {
            row: line.row,
            institution: line.institution.to_string(),
            item: line.item.to_string(),
            outcome: line.outcome,
            severity: line.finding.as_ref().map(|f| f.severity),
            detail_zh,
            detail_en,
            source_zh: source(Language::Zh),
            source_en: source(Language::En),
        }
    }
}

#[allow(dead_code)]
impl View {
    /// Whether `line` is in this view.
    pub fn keeps(&self, line: &BatchLine) -> bool {
        self.filter.keeps(line)
            && (self.query.is_empty() || line.institution.contains(&self.query) || line.item.contains(&self.query))
    }

    /// Up to `limit` lines of `lines` in this view after the first `offset`, and the count of
    /// all that are in it. An offset past the end gives the last page.
    pub fn page(&self, lines: &[BatchLine]) -> Page {
        let matching = lines.iter().filter(|l| self.keeps(l)).count();
        let limit = self.limit.max(1);
        let offset = if self.offset < matching { self.offset } else { matching.saturating_sub(1) / limit * limit };
        let lines = lines.iter().filter(|l| self.keeps(l)).skip(offset).take(limit).map(ShownLine::of).collect();
        Page { offset, matching, lines }
    }
}

/// What the page asks; file bytes travel beside the JSON, not inside it.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Check the proposals in the attached bytes (`xlsx` for a workbook, else CSV), keep the
    /// lines, and answer with the summary and the first page of `view`.
    Check { xlsx: bool, params: ParameterSet, date: Date, income: IncomeBasis, view: View },
    /// A page of the kept lines.
    Lines { view: View },
    /// Write the kept findings as a file.
    Write { format: FindingsFormat },
    /// Read the parameter set in the attached text (TOML, or YAML when `yaml`), check it, and
    /// answer with it as JSON, which the page reads as it reads a JSON parameter file.
    ReadParameters { yaml: bool },
}

/// What the worker answers; a written file travels beside the JSON.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// The worker has started and listens; requests sent before this would be lost.
    Ready,
    /// Rows checked so far, of the total.
    Progress {
        done: usize,
        total: usize,
    },
    Checked {
        summary: BatchSummary,
        page: Page,
    },
    Lines {
        page: Page,
    },
    Written,
    /// A parameter set read from TOML or YAML, as JSON.
    Parameters {
        json: String,
    },
    /// The file could not be checked (or the worker could not answer): why, in both languages.
    Failed {
        reason_zh: String,
        reason_en: String,
    },
}

#[allow(dead_code)]
impl Response {
    /// A failure in both languages.
    pub fn failed(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Response::Failed { reason_zh: zh.into(), reason_en: en.into() }
    }

    /// A failure for fee-core's error, in both languages.
    pub fn failed_with(e: &fee_core::FeeError) -> Self {
        Response::failed(e.message_zh(), e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(row: usize, institution: &str, outcome: RowOutcome) -> BatchLine {
        let mut l: BatchLine = serde_json::from_value(serde_json::json!({
            "row": row, "institution": institution, "item": "保育费", "outcome": "passed"
        }))
        .unwrap();
        l.outcome = outcome;
        l
    }

    #[test]
    fn a_line_is_shown_in_both_languages_without_its_finding() {
        use fee_core::{Finding, Message, Source, PLAN_DOCUMENT};
        let mut l = line(5, "甲园", RowOutcome::Findings);
        l.finding = Some(std::sync::Arc::new(Finding::new(
            "cap.exceeded",
            Severity::Violation,
            Message::new("高于上限", "Above the cap"),
            Source::clause("二(二)1"),
        )));
        let shown = ShownLine::of(&l);
        assert_eq!((shown.row, shown.severity), (5, Some(Severity::Violation)));
        assert_eq!((shown.detail_zh.as_str(), shown.detail_en.as_str()), ("高于上限", "Above the cap"));
        let clause = format!("{PLAN_DOCUMENT} 二(二)1");
        assert_eq!((&shown.source_zh, &shown.source_en), (&clause, &clause));
        // A rejected row names its column and why, in each language.
        let mut r = line(6, "乙园", RowOutcome::Rejected);
        (r.column, r.reason) = (Some("amount".into()), Some(Box::new(Message::new("不是数字", "not a number"))));
        let shown = ShownLine::of(&r);
        assert_eq!((shown.severity, shown.detail_zh.as_str()), (None, "amount：不是数字"));
        assert_eq!((shown.detail_en.as_str(), shown.source_zh.as_str()), ("amount: not a number", ""));
    }

    #[test]
    fn a_page_counts_every_match_and_sends_at_most_the_limit() {
        let lines: Vec<BatchLine> = (0..10)
            .map(|i| {
                line(
                    i + 2,
                    if i < 6 { "甲园" } else { "乙园" },
                    if i % 2 == 0 { RowOutcome::Passed } else { RowOutcome::Rejected },
                )
            })
            .collect();
        // 甲园 has rows 2..=7; of them the rejected are i = 1, 3, 5 (rows 3, 5, 7).
        let mut view = View { filter: LineFilter::Rejected, query: "甲".into(), offset: 0, limit: 2 };
        let rows = |p: &Page| p.lines.iter().map(|l| l.row).collect::<Vec<_>>();
        let page = view.page(&lines);
        assert_eq!((page.offset, page.matching, rows(&page)), (0, 3, vec![3, 5]));
        view.offset = 2;
        assert_eq!(rows(&view.page(&lines)), vec![7]);
        // Past the end (the lines changed under the page): the last page.
        view.offset = 40;
        let page = view.page(&lines);
        assert_eq!((page.offset, rows(&page)), (2, vec![7]));
        assert_eq!(LineFilter::named("passed"), LineFilter::Passed);
        assert_eq!(LineFilter::named("nonsense"), LineFilter::All);
    }
}
