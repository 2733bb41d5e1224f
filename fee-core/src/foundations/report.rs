//! The one layout every printed report shares: the pricing report of a scenario or a dossier,
//! the cost-audit report of a district sample, and any later one.
//!
//! A report is a self-contained HTML page for A4 portrait with a binding margin: a cover
//! block (title, the institution or district, the parameter set with its version and date,
//! the scenario, the print date), numbered sections of read-only tables, the trace as an
//! annex (formula and names in the report's language, inputs rounded, sources), and a block
//! for 经办人 / 审核人 / 负责人 with dates and seal space. Page numbers ("第 2 页 共 5 页") come
//! from the page's margin boxes; table headers repeat on every page; no row, heading or chart
//! is left alone at a break. Every text from the input is escaped.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::foundations::date::Date;
use crate::foundations::finding::Finding;
use crate::foundations::money::grouped;
use crate::foundations::parameters::ParameterSet;
use crate::foundations::trace::{formula_text, unit_name, value_name, Language, Step};

/// Text made safe for HTML: every character with a meaning in markup is escaped, and control
/// characters other than a line break are left out.
///
/// ```
/// assert_eq!(fee_core::escape_html("<b>园所\"A\"</b> & 'B'"), "&lt;b&gt;园所&quot;A&quot;&lt;/b&gt; &amp; &#39;B&#39;");
/// ```
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// `zh` or `en` by the report's language.
pub(crate) fn pick<'a>(lang: Language, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Language::Zh => zh,
        Language::En => en,
    }
}

/// The figures as a reader sees them: rounded by the set's rules on the report's date,
/// grouped by thousands.
#[derive(Clone, Copy)]
pub(crate) struct Figures<'a> {
    pub(crate) set: &'a ParameterSet,
    pub(crate) date: Date,
}

impl Figures<'_> {
    /// An amount to the fen (the set's money rule).
    pub(crate) fn money(&self, v: Decimal) -> String {
        grouped(self.set.round_money(v, self.date).unwrap_or(v))
    }
    /// A fee-sized amount to the set's fee rule (whole yuan).
    pub(crate) fn fee(&self, v: Decimal) -> String {
        grouped(self.set.round_fee(v, self.date).unwrap_or(v))
    }
    /// A share as a percentage with its sign.
    pub(crate) fn percent(&self, v: Decimal) -> String {
        self.set.round_percent(v, self.date).map_or_else(|_| v.to_string(), |p| format!("{p}%"))
    }
    /// A count: whole numbers without places, anything else to the fen.
    pub(crate) fn count(&self, v: Decimal) -> String {
        if v.fract().is_zero() {
            grouped(v.trunc())
        } else {
            self.money(v)
        }
    }
    /// A trace figure by its unit and name: see [`trace_figure`].
    pub(crate) fn shown(&self, v: Decimal, unit: &str) -> String {
        trace_figure(self.set, self.date, v, unit, "")
    }
    /// A figure with its unit in the report's language.
    pub(crate) fn with_unit(&self, v: Decimal, unit: &str, lang: Language) -> String {
        let shown = self.shown(v, unit);
        match unit {
            "" => shown,
            "ratio" => shown,
            u => format!("{shown} {}", unit_name(u, lang)),
        }
    }
}

/// What a table's column holds, which sets how it is aligned and broken.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    /// Text, left and wrapped.
    Text,
    /// Figures, right and never wrapped.
    Figure,
    /// A date, a step's name or a short code: left, never wrapped.
    Short,
}

impl Column {
    fn class(self) -> &'static str {
        match self {
            Column::Text => "",
            Column::Figure => " class=\"n\"",
            Column::Short => " class=\"d\"",
        }
    }
}

/// A report being written: one language, one stylesheet, one cover, then sections.
pub(crate) struct Report {
    html: String,
    lang: Language,
}

/// One row of the cover block: a label and its text (escaped when written).
pub(crate) type CoverRow<'a> = (&'a str, String);

impl Report {
    /// Starts a report: the document, its stylesheet, and the cover block with `title` and
    /// `rows` (each text escaped), then the line naming the program, the parameter set's
    /// digest, the digest of `result` (as `fee record` writes a result's, so a filed report and
    /// a record of the same input match) and the rounding rules in words.
    pub(crate) fn begin(
        lang: Language,
        title: &str,
        rows: &[CoverRow<'_>],
        figures: Figures<'_>,
        printed: Option<Date>,
        result: &impl serde::Serialize,
    ) -> Report {
        let mut r = Report { html: String::new(), lang };
        let t = |zh, en| pick(lang, zh, en);
        let _ = write!(
            r.html,
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{}{}</style></head><body>",
            t("zh-CN", "en"),
            escape_html(title),
            STYLE,
            pick(lang, PAGE_NUMBERS_ZH, PAGE_NUMBERS_EN),
        );
        let _ = write!(r.html, "<header class=\"cover\"><h1>{}</h1><table class=\"meta\">", escape_html(title));
        for (label, text) in rows {
            let _ = write!(r.html, "<tr><th>{}</th><td>{}</td></tr>", escape_html(label), escape_html(text));
        }
        let set = figures.set;
        let _ = write!(
            r.html,
            "<tr><th>{}</th><td>{} {} · {}</td></tr>",
            t("参数集", "Parameter set"),
            escape_html(&set.id),
            escape_html(&set.version),
            escape_html(pick(lang, &set.title_zh, &set.title_en)),
        );
        if let Some(d) = printed {
            let _ = write!(r.html, "<tr><th>{}</th><td>{d}</td></tr>", t("打印日期", "Printed on"));
        }
        let _ = write!(r.html, "</table></header>");
        // The digest of the rule set and the program, so a filed report can be traced to them
        // (`fee record` and `fee verify` check a saved result against them).
        let digest = crate::foundations::digest::parameter_set_digest(set).unwrap_or_default();
        let result_digest = serde_json::to_value(result)
            .ok()
            .and_then(|v| crate::foundations::digest::sha256(&v).ok())
            .unwrap_or_default();
        let rounding =
            |prefix: &str| set.rounding(prefix, figures.date).map(|(rule, _)| rule.in_words(lang)).unwrap_or_default();
        let _ = write!(
            r.html,
            "<p class=\"note\">{}：{} · {} SHA-256 {}<br>{} SHA-256 {}<br>{}：{}{}；{}{}</p>",
            t("程序与参数集", "Program and parameter set"),
            crate::foundations::digest::PROGRAM,
            escape_html(&set.id),
            digest,
            t("测算结果", "Result"),
            result_digest,
            t("取整规则", "Rounding"),
            t("金额", "amounts "),
            escape_html(&rounding("rounding.money")),
            t("收费", "fees "),
            escape_html(&rounding("rounding.fee")),
        );
        r
    }

    /// `zh` or `en` by the report's language.
    pub(crate) fn t<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        pick(self.lang, zh, en)
    }

    /// A section heading.
    pub(crate) fn section(&mut self, title: &str) {
        let _ = write!(self.html, "<h2>{}</h2>", escape_html(title));
    }

    /// A note in small type (escaped).
    pub(crate) fn note(&mut self, text: &str) {
        let _ = write!(self.html, "<p class=\"note\">{}</p>", escape_html(text));
    }

    /// Markup the caller wrote (every text in it already escaped).
    pub(crate) fn markup(&mut self, markup: &str) {
        self.html.push_str(markup);
    }

    /// A table: its header (a label and the kind of its column), its rows and an optional
    /// total row, every cell escaped. A row shorter than the header is padded.
    pub(crate) fn table(&mut self, head: &[(&str, Column)], rows: &[Vec<String>], total: Option<&[String]>) {
        let _ = write!(self.html, "<table><thead><tr>");
        for (label, column) in head {
            let _ = write!(self.html, "<th{}>{}</th>", column.class(), escape_html(label));
        }
        let _ = write!(self.html, "</tr></thead><tbody>");
        let cells = |h: &mut String, row: &[String], total: bool| {
            for (i, (_, column)) in head.iter().enumerate() {
                let text = row.get(i).map(String::as_str).unwrap_or("");
                let tag = if total && i == 0 { "th" } else { "td" };
                let _ = write!(h, "<{tag}{}>{}</{tag}>", column.class(), escape_html(text));
            }
        };
        for row in rows {
            self.html.push_str("<tr>");
            cells(&mut self.html, row, false);
            self.html.push_str("</tr>");
        }
        if let Some(row) = total {
            self.html.push_str("<tr class=\"total\">");
            cells(&mut self.html, row, true);
            self.html.push_str("</tr>");
        }
        if rows.is_empty() && total.is_none() {
            // Nothing to list: one line says so.
            let _ =
                write!(self.html, "<tr><td colspan=\"{}\">{}</td></tr>", head.len().max(1), self.t("无。", "None."));
        }
        self.html.push_str("</tbody></table>");
    }

    /// Label-and-value pairs as a compact two-column table (every text escaped).
    pub(crate) fn pairs(&mut self, rows: &[(String, String)]) {
        let _ = write!(self.html, "<table class=\"pairs\"><tbody>");
        for (label, value) in rows {
            let _ = write!(self.html, "<tr><th>{}</th><td>{}</td></tr>", escape_html(label), escape_html(value));
        }
        self.html.push_str("</tbody></table>");
    }

    /// The findings as a numbered list, each with its severity and source ("无。" when none).
    pub(crate) fn findings(&mut self, findings: &[Finding]) {
        self.findings_of(findings.iter().map(|f| (String::new(), f)));
    }

    /// The findings as [`Report::findings`] lists them, each after its own lead (such as the
    /// item it concerns; empty for none).
    pub(crate) fn findings_of<'f>(&mut self, findings: impl IntoIterator<Item = (String, &'f Finding)>) {
        let lang = self.lang;
        let mut any = false;
        for (lead, f) in findings {
            if !any {
                self.html.push_str("<ol class=\"findings\">");
                any = true;
            }
            let _ = write!(
                self.html,
                "<li>[{}] {}{}{}</li>",
                pick(lang, f.severity.name_zh(), f.severity.name_en()),
                escape_html(&lead),
                escape_html(&f.message.text(lang)),
                cited(&f.source, lang)
            );
        }
        if any {
            self.html.push_str("</ol>");
        } else {
            let none = self.t("无。", "None.");
            let _ = write!(self.html, "<p>{none}</p>");
        }
    }

    /// The trace as the report's annex: each step's label and result with its unit, its
    /// formula and the names of its inputs in the report's language, the inputs rounded, and
    /// its sources.
    pub(crate) fn trace(&mut self, steps: &[Step], figures: Figures<'_>) {
        let lang = self.lang;
        let _ = write!(
            self.html,
            "<h2 class=\"trace-head\">{}</h2><ol class=\"trace\">",
            self.t("附：计算过程", "Annex: the computation")
        );
        for step in steps {
            let inputs: Vec<String> = step
                .inputs
                .iter()
                .map(|i| {
                    let name = value_name(&i.name, lang).unwrap_or(std::borrow::Cow::Borrowed(&i.name));
                    format!("{name} = {}", trace_figure(figures.set, figures.date, i.value, "", &i.name))
                })
                .collect();
            let sources: Vec<String> = step.sources.iter().map(|s| s.text(lang)).collect();
            let formula = formula_text(&step.formula, lang).unwrap_or(&step.formula);
            let _ = write!(
                self.html,
                "<li><strong>{}</strong>：{}<br><span class=\"formula\">{}</span><br>{}<br><span class=\"src\">{}</span></li>",
                escape_html(pick(lang, &step.label_zh, &step.label_en)),
                escape_html(&figures.with_unit(step.result, &step.unit, lang)),
                escape_html(formula),
                escape_html(&inputs.join(pick(lang, "；", "; "))),
                escape_html(&sources.join(pick(lang, "；", "; ")))
            );
        }
        self.html.push_str("</ol>");
    }

    /// Ends the report with the signature block (经办人 / 审核人 / 负责人, dates, seal space).
    pub(crate) fn finish(mut self) -> String {
        let t = |zh, en| pick(self.lang, zh, en);
        let _ = write!(
            self.html,
            "<section class=\"sign\"><table><tr><th>{}</th><td></td><th>{}</th><td></td></tr><tr><th>{}</th><td></td><th>{}</th><td></td></tr><tr><th>{}</th><td></td><th>{}</th><td></td></tr><tr><th>{}</th><td colspan=\"3\" class=\"seal\"></td></tr></table></section></body></html>",
            t("经办人", "Prepared by"),
            t("日期", "Date"),
            t("审核人", "Reviewed by"),
            t("日期", "Date"),
            t("负责人", "Approved by"),
            t("日期", "Date"),
            t("（盖章）", "(Seal)")
        );
        self.html
    }
}

/// A trace figure (a step's result, with its unit, or an input, by its name) as a reader sees
/// it, by the set's rules on `date`: a year as it is; a count whole when it is whole; a ratio or
/// a share (between 0 and 1) to four places; anything else to the fen, grouped by thousands.
/// One rule for the printed reports, the page's "why" views and the worker's pages.
///
/// ```
/// use fee_core::{trace_figure, ParameterSet};
/// let (set, date) = (ParameterSet::chaoyang()?, "2024-06-01".parse()?);
/// let v = |t: &str| t.parse::<rust_decimal::Decimal>().unwrap();
/// assert_eq!(trace_figure(set, date, v("2022"), "", "year"), "2022");
/// assert_eq!(trace_figure(set, date, v("594.0"), "child-months", ""), "594");
/// assert_eq!(trace_figure(set, date, v("0.18254"), "", "share"), "0.1825");
/// assert_eq!(trace_figure(set, date, v("2857.373737"), "yuan/child-month", ""), "2,857.37");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn trace_figure(set: &ParameterSet, date: Date, v: Decimal, unit: &str, name: &str) -> String {
    let counted = matches!(
        unit,
        "children" | "persons" | "slots" | "months" | "days" | "child-months" | "decimal_places" | "flag"
    ) || COUNTS.contains(&name)
        || name.ends_with(".years")
        || name.ends_with(".child_months");
    if name == "year" || name.ends_with(".year") {
        v.normalize().to_string()
    } else if counted && v.fract().is_zero() {
        grouped(v.trunc())
    } else if unit == "ratio" || (v.abs() < Decimal::ONE && !v.is_zero()) {
        set.round_share(v, date).unwrap_or(v).normalize().to_string()
    } else {
        grouped(set.round_money(v, date).unwrap_or(v))
    }
}

/// The names of trace values that count things (classes, places, days, months): shown whole
/// when they are whole, never to the fen.
const COUNTS: &[&str] = &[
    "child_months",
    "total_child_months",
    "classes",
    "slots",
    "count",
    "months",
    "months_charged",
    "working_days",
    "days_absent",
    "days_attended",
    "carers_required",
    "n",
    "start",
    "end",
    "pooled_slots",
];

/// Page numbers in the bottom margin, in each language.
const PAGE_NUMBERS_ZH: &str =
    "@page{@bottom-center{content:'第 ' counter(page) ' 页 共 ' counter(pages) ' 页';font-size:9pt}}";
const PAGE_NUMBERS_EN: &str =
    "@page{@bottom-center{content:'Page ' counter(page) ' of ' counter(pages);font-size:9pt}}";

/// The print stylesheet: A4 portrait with a 25 mm binding margin on the left, table headers
/// repeated on every page, no row, heading, list item or chart cut or left alone at a break,
/// list numbers kept clear of the margin.
const STYLE: &str = "@page{size:A4 portrait;margin:20mm 15mm 20mm 25mm}\
body{font-family:'Noto Serif CJK SC','Noto Sans CJK SC','Source Han Serif SC','SimSun',serif;font-size:10.5pt;line-height:1.5;color:#000;max-width:170mm;margin:auto}\
h1{font-size:18pt;text-align:center;margin:0 0 .6em}h2{font-size:13pt;margin-top:1.2em;break-after:avoid}h3{font-size:11pt;break-after:avoid}\
table{border-collapse:collapse;width:100%;margin:.4em 0}th,td{border:1px solid #555;padding:2px 5px;text-align:left;vertical-align:top}\
thead{display:table-header-group}tr{break-inside:avoid}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.d,th.d{white-space:nowrap}\
tr.total th,tr.total td{font-weight:bold;border-top:2px solid #000}table.meta th,table.pairs th{width:32%;font-weight:normal;background:#f3f3f3}\
.cover{break-after:avoid}.note{font-size:9pt;color:#333}ol{padding-left:3.2em}li{break-inside:avoid;margin:.2em 0}\
.formula{font-family:'Noto Sans Mono CJK SC','Noto Sans CJK SC',monospace}.src{font-size:9pt;color:#333}svg{break-inside:avoid;max-width:100%}\
caption{text-align:left;font-weight:bold;padding:.3em 0}.sign{margin-top:2em;break-inside:avoid}.sign th{width:18%;white-space:nowrap}.sign td{height:3em;width:36%}.sign td.seal{height:6em}\
@media screen{body{padding:1em}}";

/// A finding's source in brackets of the report's language: a clause as its document writes
/// it, in Chinese and marked so (`lang="zh-CN"`) on an English page.
pub(crate) fn cited(source: &crate::foundations::trace::Source, lang: Language) -> String {
    let text = escape_html(&source.text(lang));
    match (lang, source) {
        (Language::Zh, _) => format!("（{text}）"),
        (Language::En, crate::foundations::trace::Source::Clause { .. }) => {
            format!(" (<span lang=\"zh-CN\">{text}</span>)")
        }
        (Language::En, _) => format!(" ({text})"),
    }
}
