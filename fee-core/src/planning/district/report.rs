//! The filing output of a district sample: the cost-audit report (成本监审报告) with each
//! institution's cost statement (经营者成本核定表), as a self-contained HTML page for print
//! and as an xlsx workbook.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::foundations::money::grouped;
use crate::foundations::parameters::ParameterSet;
use crate::foundations::report::{self, escape_html, pick, Report};
use crate::foundations::trace::Language;

use super::{DistrictResult, InstitutionCost};

/// The clause the report's contents follow, for the clause map.
pub(crate) const REPORT_CLAUSE: (&str, &str) = ("安徽省政府制定价格成本监审实施细则", "第二十一条");

/// The report's sections, as a provincial rule lists a cost-audit report's contents
/// (安徽省发展和改革委员会《安徽省政府制定价格成本监审实施细则》第二十一条).
const SECTIONS: [(&str, &str); 8] = [
    ("一、成本监审项目", "1. The audit's subject"),
    ("二、成本监审依据", "2. Its grounds"),
    ("三、成本监审程序", "3. Its procedure"),
    ("四、主要内容", "4. Main content"),
    ("五、经营者成本核增核减情况及其理由", "5. Costs added or cut (核增 / 核减) and why"),
    ("六、经营者成本核定表", "6. The operators' cost statements"),
    ("七、定价成本", "7. The pricing cost"),
    ("八、其他事项", "8. Other matters"),
];

fn esc(text: &str) -> String {
    escape_html(text)
}

/// The figures as a reader sees them (the report layout's), with the result they come from.
struct Figures<'a> {
    shown: report::Figures<'a>,
    result: &'a DistrictResult,
}

impl<'a> Figures<'a> {
    fn new(set: &'a ParameterSet, result: &'a DistrictResult) -> Self {
        Figures { shown: report::Figures { set, date: result.date }, result }
    }
    fn money(&self, v: Decimal) -> String {
        self.shown.money(v)
    }
    fn fee(&self, v: Decimal) -> String {
        self.shown.fee(v)
    }
    fn percent(&self, v: Decimal) -> String {
        self.shown.percent(v)
    }
}

/// The cost-audit report of a district sample as a self-contained HTML page, in one language,
/// laid out for A4 print: a cover block (with the print date `printed`, when given), the report's eight sections, each institution's cost
/// statement, the findings, the trace, and signature and seal blocks. Every figure is rounded
/// by the set's rules and grouped by thousands; every text from the input is escaped.
///
/// ```
/// use fee_core::{district_report_html, evaluate_district, DistrictSample, Language, ParameterSet};
/// let sample: DistrictSample = serde_json::from_str(include_str!("../../../../samples/district/sample.json")).unwrap();
/// let set = ParameterSet::chaoyang()?;
/// let html = district_report_html(&evaluate_district(&sample, set)?, set, Language::Zh, Some("2024-07-01".parse()?));
/// assert!(html.contains("<th>打印日期</th><td>2024-07-01</td>"));
/// assert!(html.contains("成本监审报告") && html.contains("经营者成本核定表") && html.contains("审核人"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn district_report_html(
    result: &DistrictResult,
    set: &ParameterSet,
    lang: Language,
    printed: Option<crate::foundations::date::Date>,
) -> String {
    let f = Figures::new(set, result);
    let t = |zh: &'static str, en: &'static str| pick(lang, zh, en);
    let count = result.institutions.len().to_string();
    let cover = [
        (t("定价区域", "District"), result.district.clone()),
        (t("定价日期", "Pricing date"), result.date.to_string()),
        (t("样本机构", "Institutions in the sample"), count),
    ];
    let title = t("普惠托育服务定价成本监审报告", "Cost-audit report for the inclusive childcare fee");
    let mut report = Report::begin(lang, title, &cover, f.shown, printed, result);
    let mut h = String::new();
    let section = |h: &mut String, k: usize| {
        let _ = write!(h, "<h2>{}</h2>", pick(lang, SECTIONS[k].0, SECTIONS[k].1));
    };
    section(&mut h, 0);
    let _ = write!(
        h,
        "<p>{}</p>",
        esc(&match lang {
            Language::Zh => format!(
                "{}普惠托育服务（全日托）定价成本监审，样本机构{}家。",
                result.district,
                result.institutions.len()
            ),
            Language::En => format!(
                "Pricing cost audit of the inclusive full-day childcare service of {}, {} in the sample.",
                result.district,
                match result.institutions.len() {
                    1 => "1 institution".to_string(),
                    n => format!("{n} institutions"),
                }
            ),
        })
    );
    section(&mut h, 1);
    let _ = write!(
        h,
        "<ul><li>{}</li><li>{}</li><li>{}</li></ul>",
        t(
            "《朝阳区托育服务体系建设工作方案（2023年-2025年）》（朝政办字〔2024〕1号）二(二)1：公办托育收费实行政府指导价，不超过上年度全区家庭月均可支配收入的20%。",
            "Chaoyang plan 朝政办字〔2024〕1号 §二(二)1: the public childcare fee is a government-guided price within 20% of the previous year's district household monthly disposable income."
        ),
        t(
            "北京市发展和改革委员会《北京市〈政府制定价格成本监审办法〉实施细则》（京发改〔2006〕1893号）第四条：定价成本为辖区内经营者提供同种服务的社会平均合理费用支出。",
            "Beijing Development and Reform Commission, rules implementing the cost-audit measures (京发改〔2006〕1893号), art. 4: the pricing cost is the social average reasonable expenditure of the operators in the district providing the same service."
        ),
        t(
            "《政府制定价格成本监审办法》（国家发展改革委令2017年第8号）：计入定价成本的费用应合法、相关、合理。",
            "NDRC Order 2017 No. 8, cost-audit measures for government pricing: costs entered must be lawful, relevant and reasonable."
        ),
    );
    section(&mut h, 2);
    let _ = write!(
        h,
        "<p>{}</p><p class=\"note\">{}</p>",
        t(
            "收集样本机构成本调查表，逐项审核并核定成本，剔除不合理费用，按人月数加权计算社会平均成本。",
            "Cost-survey workbooks were collected from the sample, each line reviewed and approved, unreasonable costs removed, and the social average cost weighted by child-months."
        ),
        t(
            "期限（参考）：成本监审报告自监审开始之日起20个工作日内完成，最长不超过30个工作日；经营者可自收到监审结论之日起5个工作日内提出异议（《安徽省政府制定价格成本监审实施细则》第二十条及多地规定，二级来源，北京未见同类规定）。",
            "Deadlines (for reference): the report within 20 working days of the start of the audit, 30 at most; an operator may object within 5 working days of receiving the conclusion (Anhui rules on cost audits, art. 20, and several provincial rules; secondary, no Beijing rule found)."
        ),
    );
    section(&mut h, 3);
    figures_table(&mut h, &f, lang);
    section(&mut h, 4);
    let _ = write!(
        h,
        "<table><thead><tr><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>",
        t("机构", "Institution"),
        t("项目", "Line"),
        t("申报（元/年）", "Reported (yuan/year)"),
        t("核定（元/年）", "Approved (yuan/year)"),
        t("理由", "Reason")
    );
    let mut any = false;
    for c in &result.institutions {
        for s in &c.statements {
            for l in s.lines.iter().filter(|l| l.adjustment.is_some()) {
                any = true;
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}{}{}{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                    esc(&c.name),
                    esc(pick(lang, &l.label_zh, &l.label_en)),
                    t("（", " ("),
                    l.adjustment.map(|a| pick(lang, a.name_zh(), a.name_en())).unwrap_or(""),
                    t("）", ")"),
                    f.money(l.reported_annual),
                    f.money(l.approved_annual),
                    esc(l.reason.as_deref().unwrap_or(""))
                );
            }
        }
    }
    if !any {
        let _ = write!(h, "<tr><td colspan=\"5\">{}</td></tr>", t("无核增核减。", "No line was changed."));
    }
    let _ = write!(h, "</tbody></table>");
    section(&mut h, 5);
    for c in &result.institutions {
        statement(&mut h, c, &f, lang);
    }
    section(&mut h, 6);
    let p = &result.pooled;
    let _ = write!(
        h,
        "<table><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>",
        t("机构", "Institution"),
        t("年数", "Years"),
        t("核定成本（元/年）", "Approved (yuan/year)"),
        t("人月数", "Child-months"),
        t("生均月成本（元）", "Per child-month (yuan)"),
        t("偏离加权平均", "Deviation"),
        t("状态", "Status")
    );
    for c in &result.institutions {
        let status = match (&c.excluded, c.outlier) {
            (Some(why), _) => format!("{}：{}", t("已剔除", "excluded"), esc(why)),
            (None, true) => t("偏离较大，已计入", "far from the average, pooled").to_string(),
            (None, false) => t("计入", "pooled").to_string(),
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&c.name),
            c.years,
            f.money(c.approved_annual),
            f.money(c.child_months),
            grouped(c.cost_per_child_month_rounded),
            f.percent(c.deviation),
            status
        );
    }
    let _ = write!(
        h,
        "<tr class=\"total\"><th>{}</th><td></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td></td><td></td></tr></tbody></table>",
        t("定价成本（计入机构）", "Pricing cost (pooled institutions)"),
        f.money(p.total_approved_annual),
        f.money(p.total_child_months),
        grouped(p.weighted_average_rounded)
    );
    h.push_str(&district_chart_svg(result, set, lang));
    section(&mut h, 7);
    findings_list(&mut h, result, lang);
    report.markup(&h);
    report.trace(result.trace.steps(), f.shown);
    report.finish()
}

/// The distribution chart of a district sample as SVG markup: each institution's approved
/// cost per child-month as a bar (pooled, far from the average, or excluded), against the
/// pricing cost, the cap and the tested fee drawn as lines across. The page and the printed
/// report draw the same chart; every name is escaped and every figure rounded by the set's rules.
///
/// ```
/// use fee_core::{district_chart_svg, evaluate_district, DistrictSample, Language, ParameterSet};
/// let sample: DistrictSample = serde_json::from_str(include_str!("../../../../samples/district/sample.json")).unwrap();
/// let set = ParameterSet::chaoyang()?;
/// let svg = district_chart_svg(&evaluate_district(&sample, set)?, set, Language::En);
/// assert!(svg.starts_with("<svg") && svg.contains("Pricing cost") && svg.contains("Cap 3,131"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn district_chart_svg(result: &DistrictResult, set: &ParameterSet, lang: Language) -> String {
    use rust_decimal::RoundingStrategy;
    const LEFT: u32 = 150;
    const WIDTH: u32 = 440;
    const ROW: u32 = 22;
    const TOP: u32 = 34;
    let f = Figures::new(set, result);
    let t = |zh: &'static str, en: &'static str| pick(lang, zh, en);
    let p = &result.pooled;
    let fee = set.round_fee(result.tested_fee, result.date).unwrap_or(result.tested_fee);
    // The scale's end: a tenth beyond the largest figure drawn.
    let largest = result
        .institutions
        .iter()
        .map(|c| c.cost_per_child_month_rounded)
        .chain([p.weighted_average_rounded, result.fee.cap, fee])
        .max()
        .unwrap_or(Decimal::ONE)
        .max(Decimal::ONE);
    let end = largest.checked_mul(Decimal::new(11, 1)).unwrap_or(largest);
    // A figure's place across the plot, in whole tenths of a pixel.
    let x = |v: Decimal| -> Decimal {
        let share = v.max(Decimal::ZERO).checked_div(end).unwrap_or(Decimal::ZERO).min(Decimal::ONE);
        (Decimal::from(LEFT) + share * Decimal::from(WIDTH))
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
    };
    let rows = u32::try_from(result.institutions.len()).unwrap_or(u32::MAX).min(500);
    let height = TOP + rows * ROW + 30;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"district-chart\" viewBox=\"0 0 {} {height}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        LEFT + WIDTH + 20,
        esc(t("各机构生均月成本与定价成本、上限、收费", "Each institution's cost per child-month against the pricing cost, the cap and the fee")),
        esc(t("成本分布", "Cost distribution")),
    );
    for (i, c) in result.institutions.iter().take(500).enumerate() {
        let y = TOP + u32::try_from(i).unwrap_or(0) * ROW;
        let class = match (&c.excluded, c.outlier) {
            (Some(_), _) => "excluded",
            (None, true) => "outlier",
            (None, false) => "pooled",
        };
        let fill = match class {
            "excluded" => "#bbbbbb",
            "outlier" => "#e69f00",
            _ => "#5b8bd0",
        };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\" data-name>{}</text><rect class=\"{class}\" x=\"{LEFT}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"><title>{}</title></rect><text x=\"{}\" y=\"{}\" font-size=\"10\">{}</text>",
            LEFT - 6,
            y + 15,
            esc(&c.name.chars().take(14).collect::<String>()),
            y + 4,
            x(c.cost_per_child_month_rounded) - Decimal::from(LEFT),
            ROW - 8,
            esc(&format!("{} {} {}", c.name, grouped(c.cost_per_child_month_rounded), t("元/生·月", "yuan per child-month"))),
            x(c.cost_per_child_month_rounded) + Decimal::from(4),
            y + 15,
            grouped(c.cost_per_child_month_rounded),
        );
    }
    let bottom = TOP + rows * ROW;
    let lines = [
        (p.weighted_average_rounded, "#1f4e9c", "6 3", t("定价成本", "Pricing cost")),
        (result.fee.cap, "#c0392b", "", t("上限", "Cap")),
        (fee, "#2e8b57", "2 2", t("收费", "Fee")),
    ];
    for (k, (v, colour, dash, label)) in lines.into_iter().enumerate() {
        let at = x(v);
        let _ = write!(
            s,
            "<line x1=\"{at}\" x2=\"{at}\" y1=\"{}\" y2=\"{bottom}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"{dash}\"/><text x=\"{at}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{colour}\">{} {}</text>",
            TOP - 2,
            10 + 10 * u32::try_from(k).unwrap_or(0),
            esc(label),
            if k == 0 { grouped(v) } else { f.fee(v) },
        );
    }
    let _ = write!(
        s,
        "<text x=\"{LEFT}\" y=\"{}\" font-size=\"10\">{}</text></svg>",
        bottom + 20,
        esc(t(
            "蓝：计入平均；橙：偏离较大；灰：已剔除。单位：元/生·月",
            "Blue: pooled; orange: far from the average; grey: excluded. Yuan per child-month"
        )),
    );
    s
}

/// The pooled figures, the fee and the fiscal cost as a table, and the rounding in words.
fn figures_table(h: &mut String, f: &Figures<'_>, lang: Language) {
    let t = |zh: &'static str, en: &'static str| pick(lang, zh, en);
    let result = f.result;
    let per_cm = t("元/生·月", "yuan per child-month");
    let per_year = t("元/年", "yuan a year");
    let p = &result.pooled;
    let _ = write!(h, "<table class=\"figures\"><tbody>");
    let row = |h: &mut String, label: &str, value: String, unit: &str| {
        let _ = write!(h, "<tr><th>{}</th><td class=\"n\">{}</td><td>{}</td></tr>", esc(label), value, esc(unit));
    };
    row(h, t("计入平均的机构", "Institutions pooled"), p.institutions.to_string(), t("家", "institutions"));
    row(h, t("核定成本合计", "Approved cost, total"), f.money(p.total_approved_annual), per_year);
    row(h, t("人月数合计", "Child-months, total"), f.money(p.total_child_months), t("人月", "child-months"));
    row(h, t("定价成本（加权平均）", "Pricing cost (weighted average)"), grouped(p.weighted_average_rounded), per_cm);
    row(h, t("简单平均", "Simple mean"), grouped(p.simple_mean), per_cm);
    row(h, t("中位数", "Median"), grouped(p.median), per_cm);
    row(h, t("最低", "Lowest"), grouped(p.min), per_cm);
    row(h, t("最高", "Highest"), grouped(p.max), per_cm);
    row(h, t("变异系数", "Coefficient of variation"), f.percent(p.coefficient_of_variation), "");
    row(h, t("收费上限", "Fee cap"), grouped(result.fee.cap), t("元/月", "yuan a month"));
    row(h, t("生均定额补助", "Quota subsidy"), f.money(result.offsets.quota_per_child_month), per_cm);
    if let Some(g) = result.fee.guided_fee {
        row(h, t("基准收费（指导价）", "Guided base fee"), f.fee(g), t("元/月", "yuan a month"));
    }
    if let Some(b) = &result.fee.float_band {
        row(
            h,
            t("浮动区间", "Float band"),
            format!("{} – {}", f.fee(b.low), f.fee(b.high)),
            t("元/月", "yuan a month"),
        );
    }
    row(h, t("测试收费", "Tested fee"), f.fee(result.tested_fee), t("元/月", "yuan a month"));
    row(h, t("样本年度收支差", "The sample's annual balance"), f.money(result.pooled_gap_annual), per_year);
    row(h, t("样本年度财政投入", "The sample's annual fiscal cost"), f.money(result.fiscal_cost_annual), per_year);
    if let (Some(target), Some(scaled)) = (result.target_slots, result.fiscal_cost_at_target_annual) {
        row(h, t("规划普惠托位目标", "Plan's inclusive slot target"), grouped(target), t("个", "slots"));
        row(h, t("按目标放大的年度财政投入", "Annual fiscal cost at the target"), f.money(scaled), per_year);
    }
    let _ = write!(h, "</tbody></table>");
    class_types_tables(h, f, lang);
    let _ = write!(
        h,
        "<p class=\"note\">{}</p>",
        t(
            "舍入：金额保留至分、收费取整至元，均四舍五入。",
            "Rounding: amounts to the fen, fees to the yuan, both rounded half away from zero."
        )
    );
}

/// The pricing cost of each class type with its spread, and its fees by service form.
fn class_types_tables(h: &mut String, f: &Figures<'_>, lang: Language) {
    let t = |zh: &'static str, en: &'static str| pick(lang, zh, en);
    let types = &f.result.class_types;
    if types.is_empty() {
        return;
    }
    let head = |h: &mut String, caption: &str, cols: &[&str]| {
        let _ = write!(h, "<table class=\"class-types\"><caption>{}</caption><thead><tr>", esc(caption));
        for (k, c) in cols.iter().enumerate() {
            let _ = write!(h, "<th{}>{}</th>", if k == 0 { "" } else { " class=\"n\"" }, esc(c));
        }
        let _ = write!(h, "</tr></thead><tbody>");
    };
    head(
        h,
        t("分班型定价成本（元/生·月）", "Pricing cost by class type (yuan per child-month)"),
        &[
            t("班型", "Class type"),
            t("机构（家）", "Institutions"),
            t("人月数", "Child-months"),
            t("定价成本（加权平均）", "Pricing cost (weighted)"),
            t("简单平均", "Simple mean"),
            t("中位数", "Median"),
            t("最低 – 最高", "Lowest – highest"),
            t("变异系数", "CV"),
        ],
    );
    for c in types {
        let p = &c.pooled;
        let _ = write!(
            h,
            "<tr><th>{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{} – {}</td><td class=\"n\">{}</td></tr>",
            pick(lang, c.class_type.name_zh(), c.class_type.name_en()),
            p.institutions,
            f.money(p.total_child_months),
            grouped(p.weighted_average_rounded),
            grouped(p.simple_mean),
            grouped(p.median),
            grouped(p.min),
            grouped(p.max),
            f.percent(p.coefficient_of_variation),
        );
    }
    let _ = write!(h, "</tbody></table>");
    head(
        h,
        t("分班型、服务形式的收费", "Fees by class type and service form"),
        &[
            t("班型", "Class type"),
            t("全日托指导价（元/月）", "Full day, guided (yuan a month)"),
            t("浮动区间（元/月）", "Float band (yuan a month)"),
            t("半日托（元/月）", "Half day (yuan a month)"),
            t("计时托（元/小时）", "Hourly (yuan an hour)"),
        ],
    );
    let none = t("—（参数集未设限额）", "— (no limit in the set)");
    for c in types {
        let full = c.fee.guided_fee.unwrap_or(c.fee.cost_based_fee);
        let capped = if c.fee.capped { t("（按上限）", " (held at the cap)") } else { "" };
        let band = c
            .fee
            .float_band
            .as_ref()
            .map_or_else(|| "—".to_string(), |b| format!("{} – {}", f.fee(b.low), f.fee(b.high)));
        let _ = write!(
            h,
            "<tr><th>{}</th><td class=\"n\">{}{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            pick(lang, c.class_type.name_zh(), c.class_type.name_en()),
            f.fee(full),
            capped,
            band,
            c.service_forms.half_day.map_or_else(|| none.to_string(), |v| f.fee(v)),
            c.service_forms.hourly.map_or_else(|| none.to_string(), |v| f.money(v)),
        );
    }
    let _ = write!(h, "</tbody></table>");
}

/// The findings as a numbered list ("None." when there are none).
fn findings_list(h: &mut String, result: &DistrictResult, lang: Language) {
    let t = |zh: &'static str, en: &'static str| pick(lang, zh, en);
    if result.findings.is_empty() {
        let _ = write!(h, "<p>{}</p>", t("无。", "None."));
    } else {
        let _ = write!(h, "<ol class=\"findings\">");
        for finding in &result.findings {
            let _ = write!(
                h,
                "<li>[{}] {}{}</li>",
                pick(lang, finding.severity.name_zh(), finding.severity.name_en()),
                esc(&finding.message.text(lang)),
                crate::foundations::report::cited(&finding.source, lang)
            );
        }
        let _ = write!(h, "</ol>");
    }
}

/// What the district page shows of a result: the figures, the distribution chart and the
/// findings, as markup (every text from the input escaped), the same parts the report prints.
///
/// ```
/// use fee_core::{district_summary_html, evaluate_district, DistrictSample, Language, ParameterSet};
/// let sample: DistrictSample = serde_json::from_str(include_str!("../../../../samples/district/sample.json")).unwrap();
/// let set = ParameterSet::chaoyang()?;
/// let html = district_summary_html(&evaluate_district(&sample, set)?, set, Language::Zh);
/// assert!(html.contains("定价成本（加权平均）") && html.contains("<svg") && html.contains("未计入社会平均成本"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn district_summary_html(result: &DistrictResult, set: &ParameterSet, lang: Language) -> String {
    let f = Figures::new(set, result);
    let mut h = String::new();
    figures_table(&mut h, &f, lang);
    h.push_str(&district_chart_svg(result, set, lang));
    findings_list(&mut h, result, lang);
    h
}

/// One institution's cost statement (经营者成本核定表): every line reported, adjusted and approved.
fn statement(h: &mut String, c: &InstitutionCost, f: &Figures<'_>, lang: Language) {
    let t = |zh: &'static str, en: &'static str| pick(lang, zh, en);
    for s in &c.statements {
        let _ = write!(
            h,
            "<h3>{}</h3><table class=\"statement\"><thead><tr><th>{}</th><th class=\"n\">{}</th><th>{}</th><th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>",
            esc(&format!("{} · {}", c.name, t("经营者成本核定表", "operator cost statement"))),
            t("项目", "Line"),
            t("申报（元/年）", "Reported (yuan/year)"),
            t("核增/核减", "Adjustment"),
            t("核定（元/年）", "Approved (yuan/year)"),
            t("理由", "Reason")
        );
        for l in &s.lines {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                esc(pick(lang, &l.label_zh, &l.label_en)),
                f.money(l.reported_annual),
                l.adjustment.map(|a| pick(lang, a.name_zh(), a.name_en())).unwrap_or(""),
                f.money(l.approved_annual),
                esc(l.reason.as_deref().unwrap_or(""))
            );
        }
        let _ = write!(
            h,
            "<tr class=\"total\"><th>{}</th><td class=\"n\">{}</td><td></td><td class=\"n\">{}</td><td>{}</td></tr></tbody></table>",
            t("合计", "Total"),
            f.money(s.total_reported),
            f.money(s.total_approved),
            esc(&format!(
                "{} {} {}",
                t("生均月成本", "per child-month"),
                grouped(s.cost_per_child_month_rounded),
                t("元", "yuan")
            ))
        );
    }
}

/// The report as an xlsx workbook: a summary sheet, the institutions, and one cost statement
/// per institution and year (经营者成本核定表). Every text from the input is written as a
/// string, never as a formula.
///
/// # Errors
///
/// [`crate::FeeError::Invalid`] naming `report` if the workbook cannot be written.
///
/// ```
/// use fee_core::{district_report_xlsx, evaluate_district, DistrictSample, Language, ParameterSet};
/// let sample: DistrictSample = serde_json::from_str(include_str!("../../../../samples/district/sample.json")).unwrap();
/// let set = ParameterSet::chaoyang()?;
/// let bytes = district_report_xlsx(&evaluate_district(&sample, set)?, set, Language::En)?;
/// assert_eq!(&bytes[..2], b"PK");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[cfg(feature = "xlsx")]
pub fn district_report_xlsx(
    result: &DistrictResult,
    set: &ParameterSet,
    lang: Language,
) -> Result<Vec<u8>, crate::foundations::error::FeeError> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| {
        crate::foundations::error::FeeError::invalid(
            "report",
            "",
            crate::foundations::error::reason::fill(crate::foundations::error::reason::UNREADABLE, &[&e]),
        )
    };
    let f = Figures::new(set, result);
    let t = |zh: &'static str, en: &'static str| pick(lang, zh, en);
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let right = Format::new().set_align(rust_xlsxwriter::FormatAlign::Right);
    let summary = book.add_worksheet().set_name(t("汇总", "Summary")).map_err(fail)?;
    summary.set_column_width(0, 36).map_err(fail)?;
    summary.set_column_width(1, 18).map_err(fail)?;
    summary
        .write_string_with_format(0, 0, t("普惠托育服务定价成本监审报告", "Cost-audit report"), &bold)
        .map_err(fail)?;
    let p = &result.pooled;
    let rows: Vec<(&str, String)> = vec![
        (t("计入平均的机构（家）", "Institutions pooled"), p.institutions.to_string()),
        (t("核定成本合计（元/年）", "Approved cost, total (yuan/year)"), f.money(p.total_approved_annual)),
        (t("人月数合计", "Child-months, total"), f.money(p.total_child_months)),
        (t("定价成本（元/生·月）", "Pricing cost (yuan per child-month)"), grouped(p.weighted_average_rounded)),
        (t("简单平均（元/生·月）", "Simple mean (yuan per child-month)"), grouped(p.simple_mean)),
        (t("中位数（元/生·月）", "Median (yuan per child-month)"), grouped(p.median)),
        (t("最低（元/生·月）", "Lowest (yuan per child-month)"), grouped(p.min)),
        (t("最高（元/生·月）", "Highest (yuan per child-month)"), grouped(p.max)),
        (t("变异系数", "Coefficient of variation"), f.percent(p.coefficient_of_variation)),
        (t("收费上限（元/月）", "Fee cap (yuan a month)"), grouped(result.fee.cap)),
        (t("测试收费（元/月）", "Tested fee (yuan a month)"), f.fee(result.tested_fee)),
        (t("样本年度收支差（元/年）", "Annual balance (yuan/year)"), f.money(result.pooled_gap_annual)),
        (t("样本年度财政投入（元/年）", "Annual fiscal cost (yuan/year)"), f.money(result.fiscal_cost_annual)),
    ];
    summary.write_string(1, 0, result.district.as_str()).map_err(fail)?;
    for (i, (label, value)) in rows.into_iter().enumerate() {
        let r = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(3);
        summary.write_string(r, 0, label).map_err(fail)?;
        summary.write_string_with_format(r, 1, value, &right).map_err(fail)?;
    }
    if !result.class_types.is_empty() {
        let sheet = book.add_worksheet().set_name(t("班型", "Class types")).map_err(fail)?;
        sheet.set_column_width(0, 16).map_err(fail)?;
        let heads = [
            t("班型", "Class type"),
            t("机构（家）", "Institutions"),
            t("人月数", "Child-months"),
            t("定价成本（元/生·月）", "Pricing cost (yuan per child-month)"),
            t("简单平均", "Simple mean"),
            t("中位数", "Median"),
            t("最低", "Lowest"),
            t("最高", "Highest"),
            t("变异系数", "CV"),
            t("全日托指导价（元/月）", "Full day, guided (yuan a month)"),
            t("浮动下限", "Band low"),
            t("浮动上限", "Band high"),
            t("半日托（元/月）", "Half day (yuan a month)"),
            t("计时托（元/小时）", "Hourly (yuan an hour)"),
        ];
        for (k, head) in heads.iter().enumerate() {
            sheet.write_string_with_format(0, u16::try_from(k).unwrap_or(0), *head, &bold).map_err(fail)?;
        }
        for (i, c) in result.class_types.iter().enumerate() {
            let r = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1);
            let p = &c.pooled;
            sheet.write_string(r, 0, pick(lang, c.class_type.name_zh(), c.class_type.name_en())).map_err(fail)?;
            let band = c.fee.float_band.as_ref();
            for (k, v) in [
                (1, p.institutions.to_string()),
                (2, f.money(p.total_child_months)),
                (3, grouped(p.weighted_average_rounded)),
                (4, grouped(p.simple_mean)),
                (5, grouped(p.median)),
                (6, grouped(p.min)),
                (7, grouped(p.max)),
                (8, f.percent(p.coefficient_of_variation)),
                (9, f.fee(c.fee.guided_fee.unwrap_or(c.fee.cost_based_fee))),
                (10, band.map_or_else(String::new, |b| f.fee(b.low))),
                (11, band.map_or_else(String::new, |b| f.fee(b.high))),
                (12, c.service_forms.half_day.map_or_else(String::new, |v| f.fee(v))),
                (13, c.service_forms.hourly.map_or_else(String::new, |v| f.money(v))),
            ] {
                sheet.write_string_with_format(r, k, v, &right).map_err(fail)?;
            }
        }
    }
    let list = book.add_worksheet().set_name(t("机构", "Institutions")).map_err(fail)?;
    let heads = [
        t("编号", "Id"),
        t("机构", "Institution"),
        t("年数", "Years"),
        t("申报成本（元/年）", "Reported (yuan/year)"),
        t("核定成本（元/年）", "Approved (yuan/year)"),
        t("人月数", "Child-months"),
        t("生均月成本（元）", "Per child-month (yuan)"),
        t("偏离加权平均", "Deviation"),
        t("剔除理由", "Excluded because"),
        t("年度收支差（元）", "Annual balance (yuan)"),
        t("所需补助（元/年）", "Subsidy needed (yuan/year)"),
    ];
    for (k, head) in heads.iter().enumerate() {
        list.write_string_with_format(0, u16::try_from(k).unwrap_or(0), *head, &bold).map_err(fail)?;
    }
    for (i, c) in result.institutions.iter().enumerate() {
        let r = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1);
        list.write_string(r, 0, c.id.as_str()).map_err(fail)?;
        list.write_string(r, 1, c.name.as_str()).map_err(fail)?;
        list.write_string_with_format(r, 2, c.years.to_string(), &right).map_err(fail)?;
        for (k, v) in [
            (3, f.money(c.reported_annual)),
            (4, f.money(c.approved_annual)),
            (5, f.money(c.child_months)),
            (6, grouped(c.cost_per_child_month_rounded)),
            (7, f.percent(c.deviation)),
            (9, grouped(c.surplus_annual)),
            (10, grouped(c.subsidy_needed_annual)),
        ] {
            list.write_string_with_format(r, k, v, &right).map_err(fail)?;
        }
        list.write_string(r, 8, c.excluded.as_deref().unwrap_or("")).map_err(fail)?;
    }
    for (i, c) in result.institutions.iter().enumerate() {
        for (j, s) in c.statements.iter().enumerate() {
            let sheet = book.add_worksheet().set_name(format!("{}-{}", i + 1, j + 1)).map_err(fail)?;
            sheet.set_column_width(0, 28).map_err(fail)?;
            sheet
                .write_string_with_format(
                    0,
                    0,
                    format!("{} · {}", c.name, t("经营者成本核定表", "cost statement")),
                    &bold,
                )
                .map_err(fail)?;
            for (k, head) in [
                t("项目", "Line"),
                t("申报（元/年）", "Reported"),
                t("核增/核减", "Adjustment"),
                t("核定（元/年）", "Approved"),
                t("理由", "Reason"),
            ]
            .iter()
            .enumerate()
            {
                sheet.write_string_with_format(1, u16::try_from(k).unwrap_or(0), *head, &bold).map_err(fail)?;
            }
            let mut r = 2u32;
            for l in &s.lines {
                sheet.write_string(r, 0, pick(lang, &l.label_zh, &l.label_en)).map_err(fail)?;
                sheet.write_string_with_format(r, 1, f.money(l.reported_annual), &right).map_err(fail)?;
                sheet
                    .write_string(r, 2, l.adjustment.map(|a| pick(lang, a.name_zh(), a.name_en())).unwrap_or(""))
                    .map_err(fail)?;
                sheet.write_string_with_format(r, 3, f.money(l.approved_annual), &right).map_err(fail)?;
                sheet.write_string(r, 4, l.reason.as_deref().unwrap_or("")).map_err(fail)?;
                r = r.saturating_add(1);
            }
            sheet.write_string_with_format(r, 0, t("合计", "Total"), &bold).map_err(fail)?;
            sheet.write_string_with_format(r, 1, f.money(s.total_reported), &right).map_err(fail)?;
            sheet.write_string_with_format(r, 3, f.money(s.total_approved), &right).map_err(fail)?;
        }
    }
    book.save_to_buffer().map_err(fail)
}
