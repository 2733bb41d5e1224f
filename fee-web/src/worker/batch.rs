//! The batch page (批量审核), drawn by the worker: a proposals file (CSV or xlsx) checked row
//! by row, the lines kept here, one page of them shown at a time (a filter, a search and a
//! place), and the findings written as CSV or xlsx from the kept lines.

use std::cell::RefCell;
use std::fmt::Write;

use fee_core::{escape_html as esc, BatchLine, BatchSummary, Language, RowOutcome, Severity};

use crate::batch_protocol::Response;

/// Lines on one page of the table.
const PAGE_LINES: usize = 100;

/// Which lines the table shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LineFilter {
    #[default]
    All,
    /// Lines whose finding is a violation.
    Violation,
    Findings,
    Rejected,
    Passed,
}

impl LineFilter {
    /// Every filter with the name the page's select uses, and its label.
    const ALL: [(LineFilter, &'static str, &'static str, &'static str); 5] = [
        (LineFilter::All, "all", "全部", "all"),
        (LineFilter::Violation, "violation", "违规", "violations"),
        (LineFilter::Findings, "findings", "有问题", "with findings"),
        (LineFilter::Rejected, "rejected", "无法读取", "rejected"),
        (LineFilter::Passed, "passed", "通过", "passed"),
    ];

    /// The filter named `name`; unknown names show all lines.
    pub fn named(name: &str) -> Self {
        Self::ALL.iter().find(|f| f.1 == name).map(|f| f.0).unwrap_or_default()
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
/// matching lines to skip, and how many to show at most.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    pub filter: LineFilter,
    pub query: String,
    pub offset: usize,
    pub limit: usize,
}

/// The lines of a view, in file order, where they start among the matching lines, and how
/// many lines match in all.
pub struct Page<'a> {
    pub offset: usize,
    pub matching: usize,
    pub lines: Vec<&'a BatchLine>,
}

impl View {
    /// Whether `line` is in this view.
    pub fn keeps(&self, line: &BatchLine) -> bool {
        self.filter.keeps(line)
            && (self.query.is_empty() || line.institution.contains(&self.query) || line.item.contains(&self.query))
    }

    /// Up to `limit` lines of `lines` in this view after the first `offset`, and the count of
    /// all that are in it. An offset past the end gives the last page.
    pub fn page<'a>(&self, lines: &'a [BatchLine]) -> Page<'a> {
        let matching = lines.iter().filter(|l| self.keeps(l)).count();
        let limit = self.limit.max(1);
        let offset = if self.offset < matching { self.offset } else { matching.saturating_sub(1) / limit * limit };
        let lines = lines.iter().filter(|l| self.keeps(l)).skip(offset).take(limit).collect();
        Page { offset, matching, lines }
    }
}

/// A line's detail (its finding's message, or for a rejected row the column at fault, as the
/// file's header names it, and why) and its finding's source, in `lang`.
fn detail(line: &BatchLine, lang: Language) -> (String, String) {
    let detail = match (&line.finding, &line.reason) {
        (Some(f), _) => f.message.text(lang),
        (None, Some(r)) => match (line.column.as_deref(), lang) {
            (Some(c), Language::Zh) => format!("{c}：{}", r.zh()),
            (Some(c), Language::En) => format!("{c}: {}", r.en()),
            (None, _) => r.text(lang),
        },
        _ => String::new(),
    };
    (detail, line.finding.as_ref().map(|f| f.source.text(lang)).unwrap_or_default())
}

/// The file checked last: its name, its counts, or why it could not be checked.
#[derive(Default)]
struct Outcome {
    file: String,
    summary: BatchSummary,
    error: Option<(String, String)>,
    /// The program, the set and the file's digest, for the findings workbook.
    about: Vec<(&'static str, String)>,
}

thread_local! {
    /// The lines of the last file checked, what became of it, and the view of its lines.
    static KEPT: RefCell<(Vec<BatchLine>, Outcome, View)> =
        RefCell::new((Vec::new(), Outcome::default(), View { limit: PAGE_LINES, ..View::default() }));
}

/// Checks the proposals in `bytes` (a workbook when `name` ends in `.xlsx`, else CSV), keeps
/// the lines and starts the view again from its first line; `progress` hears of rows checked.
pub fn check(
    name: &str,
    bytes: &[u8],
    params: &fee_core::ParameterSet,
    date: fee_core::Date,
    income: &fee_core::IncomeBasis,
    progress: &mut dyn FnMut(usize, usize),
) {
    // The previous file's lines go first, so two files are never held at once.
    KEPT.with(|k| k.borrow_mut().0 = Vec::new());
    let mut lines = Vec::new();
    let checked = if name.to_ascii_lowercase().ends_with(".xlsx") {
        fee_core::check_xlsx(bytes, params, date, income, &mut |l| lines.push(l), &mut |_| {})
    } else {
        // Rows stream through the checker; the total for the progress bar is the number of
        // line breaks, less the header. A progress message at most every 5,000 rows.
        let total = bytes.iter().filter(|b| **b == b'\n').count().saturating_sub(1).max(1);
        let mut posted = 0;
        let mut report = |done: usize| {
            if done >= posted + 5000 {
                posted = done;
                progress(done, total.max(done));
            }
        };
        fee_core::check_csv(bytes, params, date, income, &mut |l| lines.push(l), &mut report)
    };
    let outcome = match checked {
        Ok(summary) => Outcome {
            file: name.to_string(),
            summary,
            error: None,
            about: fee_core::batch_provenance(params, bytes).unwrap_or_default(),
        },
        Err(e) => {
            lines.clear();
            Outcome { file: name.to_string(), error: Some((e.message_zh(), e.to_string())), ..Default::default() }
        }
    };
    KEPT.with(|k| {
        let k = &mut *k.borrow_mut();
        (k.0, k.1, k.2.offset) = (lines, outcome, 0);
    });
}

/// Applies an edit of the view (`show`, `query`, `page`) or answers a download (`download`).
pub fn edit(edit: &[String], lang: fee_core::Language) -> Option<(Response, Vec<u8>)> {
    let part = |k: usize| edit.get(k).map(String::as_str).unwrap_or("");
    match part(0) {
        "show" => KEPT.with(|k| {
            let v = &mut k.borrow_mut().2;
            (v.filter, v.offset) = (LineFilter::named(part(2)), 0);
        }),
        "query" => KEPT.with(|k| {
            let v = &mut k.borrow_mut().2;
            (v.query, v.offset) = (part(2).to_string(), 0);
        }),
        "page" => KEPT.with(|k| k.borrow_mut().2.offset = part(1).parse().unwrap_or(0)),
        "download" => {
            let xlsx = part(1) == "xlsx";
            let written = KEPT.with(|k| {
                let (lines, outcome, _) = &*k.borrow();
                if xlsx {
                    fee_core::findings_xlsx(lines, &outcome.summary, &outcome.about, lang)
                } else {
                    let mut buf = Vec::new();
                    fee_core::write_findings_csv(&mut buf, lines, Some(lang), &outcome.about).map(|()| buf)
                }
            });
            let (name, mime) = if xlsx {
                ("findings.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            } else {
                ("findings.csv", "text/csv;charset=utf-8")
            };
            return Some(match written {
                Ok(file) => (Response::File { name: name.into(), mime: mime.into() }, file),
                Err(e) => (Response::failed_with(&e), Vec::new()),
            });
        }
        _ => {}
    }
    None
}

/// The page's markup in `lang`: the drop zone, then what became of the file checked last,
/// the view's controls, one page of its lines and the pager.
pub fn markup(lang: Language) -> String {
    let t = |zh: &'static str, en: &'static str| if lang == Language::Zh { zh } else { en };
    let mut h = String::new();
    let _ = write!(
        h,
        "<div class=\"drop\"><label for=\"batch-file\">{}</label><input id=\"batch-file\" type=\"file\" accept=\".csv,.xlsx,text/csv\" data-edit=\"files\"><p class=\"hint\">{}</p><p class=\"hint\"><a href=\"batch-format.html\" target=\"_blank\" rel=\"noopener\">{}</a>{}<a href=\"proposals.csv\" download=\"proposals.csv\">CSV</a> · <a href=\"proposals.xlsx\" download=\"proposals.xlsx\">xlsx</a></p></div>",
        t("选择或拖入收费方案文件（CSV 或 xlsx）", "Choose or drop a proposals file (CSV or xlsx)"),
        t("文件只在本页处理，不会上传。", "The file is processed in this page and never uploaded."),
        t("文件格式说明（各列含义与取值）", "File layout (each column and its values)"),
        t(" · 示例文件：", " · Sample files: "),
    );
    KEPT.with(|k| {
        let (lines, o, view) = &*k.borrow();
        if let Some((zh, en)) = &o.error {
            let _ = write!(
                h,
                "<p class=\"error\" role=\"alert\">{}{}{}</p>",
                esc(&o.file),
                t("：", ": "),
                esc(if lang == Language::Zh { zh } else { en })
            );
        }
        let s = &o.summary;
        if s.rows_read == 0 {
            return;
        }
        let _ = write!(
            h,
            "<p data-testid=\"batch-summary\">{}{}{} {} = {} {} + {} {} + {} {}</p>",
            esc(&o.file),
            t("：", ": "),
            t("读取行数", "rows read"),
            s.rows_read,
            t("通过", "passed"),
            s.rows_passed,
            t("有问题", "with findings"),
            s.rows_with_findings,
            t("无法读取", "rejected"),
            s.rows_rejected,
        );
        let _ = write!(
            h,
            "<div class=\"row\"><div class=\"field\"><label for=\"batch-show\">{}</label><select id=\"batch-show\" data-edit=\"show\">",
            t("显示", "Show")
        );
        for (f, name, zh, en) in LineFilter::ALL {
            let selected = if f == view.filter { " selected" } else { "" };
            let _ = write!(h, "<option value=\"{name}\"{selected}>{}</option>", if lang == Language::Zh { zh } else { en });
        }
        let _ = write!(
            h,
            "</select></div><div class=\"field\"><label for=\"batch-query\">{}</label><input id=\"batch-query\" type=\"text\" data-edit=\"query\" data-live value=\"{}\"></div><button data-edit=\"download\" data-id=\"csv\">{}</button><button data-edit=\"download\" data-id=\"xlsx\">{}</button></div>",
            t("搜索机构或项目", "Search institution or item"),
            esc(&view.query),
            t("下载 CSV", "Download CSV"),
            t("下载 xlsx", "Download xlsx"),
        );
        let _ = write!(
            h,
            "<table class=\"lines\" data-testid=\"batch-table\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            t("行", "Row"),
            t("机构", "Institution"),
            t("项目", "Item"),
            t("结果", "Outcome"),
            t("说明", "Detail"),
            t("依据", "Clause"),
        );
        let page = view.page(lines);
        for l in &page.lines {
            let (class, outcome) = match l.outcome {
                RowOutcome::Passed => ("pass", t("通过", "passed")),
                RowOutcome::Findings => ("finding", t("有问题", "finding")),
                RowOutcome::Rejected => ("rejected", t("无法读取", "rejected")),
            };
            let severity = l
                .finding
                .as_ref()
                .map(|f| format!(" · {}", if lang == Language::Zh { f.severity.name_zh() } else { f.severity.name_en() }))
                .unwrap_or_default();
            let (detail, source) = detail(l, lang);
            // A catalogue item in the page's language; any other as the file names it.
            let item = match l.item.parse::<fee_core::FeeItemKind>() {
                Ok(k) if !matches!(k, fee_core::FeeItemKind::Unlisted(_)) => {
                    format!("<td>{}</td>", esc(if lang == Language::Zh { k.name_zh() } else { k.name_en() }))
                }
                _ => format!("<td data-name>{}</td>", esc(&l.item)),
            };
            // A clause is cited as its document writes it: in Chinese, and marked so.
            let cited = l.finding.as_ref().is_some_and(|f| matches!(f.source, fee_core::Source::Clause { .. }));
            let _ = write!(
                h,
                "<tr class=\"{class}\"><td class=\"num\">{}</td><td data-name>{}</td>{item}<td>{outcome}{severity}</td><td>{}</td><td{}>{}</td></tr>",
                l.row,
                esc(&l.institution),
                esc(&detail),
                if cited { " lang=\"zh-CN\"" } else { "" },
                esc(&source)
            );
        }
        let shown = if page.lines.is_empty() {
            t("没有符合条件的行", "No lines match").to_string()
        } else {
            format!("{}–{} / {}", page.offset + 1, page.offset + page.lines.len(), page.matching)
        };
        let disabled = |b: bool| if b { " disabled" } else { "" };
        let _ = write!(
            h,
            "</tbody></table><nav class=\"row pager\" aria-label=\"{}\"><button data-edit=\"page\" data-id=\"{}\"{}>{}</button><span data-testid=\"batch-pager\" role=\"status\">{shown}</span><button data-edit=\"page\" data-id=\"{}\"{}>{}</button></nav>",
            t("翻页", "Pages"),
            page.offset.saturating_sub(PAGE_LINES),
            disabled(page.offset == 0),
            t("上一页", "Previous"),
            page.offset + PAGE_LINES,
            disabled(page.offset + page.lines.len() >= page.matching),
            t("下一页", "Next"),
        );
    });
    h
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
    fn a_line_is_shown_in_either_language() {
        use fee_core::{Finding, Message, Source, PLAN_DOCUMENT};
        let mut l = line(5, "甲园", RowOutcome::Findings);
        l.finding = Some(std::sync::Arc::new(Finding::new(
            "cap.exceeded",
            Severity::Violation,
            Message::new("高于上限", "Above the cap"),
            Source::clause("二(二)1"),
        )));
        let clause = format!("{PLAN_DOCUMENT} 二(二)1");
        assert_eq!(detail(&l, Language::Zh), ("高于上限".to_string(), clause.clone()));
        assert_eq!(detail(&l, Language::En), ("Above the cap".to_string(), clause));
        // A rejected row names its column and why, in each language.
        let mut r = line(6, "乙园", RowOutcome::Rejected);
        (r.column, r.reason) = (Some("amount".into()), Some(Box::new(Message::new("不是数字", "not a number"))));
        assert_eq!(detail(&r, Language::Zh), ("amount：不是数字".to_string(), String::new()));
        assert_eq!(detail(&r, Language::En).0, "amount: not a number");
    }

    #[test]
    fn a_page_counts_every_match_and_holds_at_most_the_limit() {
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
