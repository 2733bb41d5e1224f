//! The batch worker's side of the district page (定价测算): survey workbooks read into the
//! sample, the user's edits applied, the sample evaluated and shown, the reports written. The
//! page holds the sample only as JSON text; every reading and every figure is made here.

use fee_core::{
    escape_html as esc, evaluate_district, grouped, parse_amount, Adjustment, DistrictResult, DistrictSample, FeeError,
    Language, ParameterSet, ParameterSetRef, QuotaSubsidy,
};
use rust_decimal::Decimal;

use std::fmt::Write;

use crate::batch_protocol::Response;

/// A change the user makes to the district sample; amounts travel as the user typed them.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum DistrictEdit {
    /// No change: evaluate the sample as it is.
    #[default]
    Nothing,
    /// Leave an institution out of the average, with the auditor's reason.
    Exclude { institution: String, reason: String },
    /// Take an excluded institution back into the average.
    Include { institution: String },
    /// Remove an institution from the sample.
    Remove { institution: String },
    /// The fee to test the institutions against (empty: the guided fee).
    Fee { fee: String },
    /// The quota subsidy per child-month every institution receives.
    Quota { amount: String },
    /// The district's name.
    Name { name: String },
    /// The year of the plan's slot target to scale the fiscal cost to (empty: none).
    TargetYear { year: String },
    /// The float band's upward and downward ends, per cent of the guided fee (empty: none).
    Band { up: String, down: String },
    /// An auditor's change (核增 / 核减) to a line of an institution's latest year; an empty
    /// amount removes the change.
    Adjust { institution: String, line: String, approved: String, reason: String },
    /// Start a new, empty sample.
    Clear,
}

impl DistrictEdit {
    /// The edit an element of the markup asked for: its `data-edit`, its `data-id`, then the
    /// values of the fields (see [`crate::batch_protocol::Request::Page`]); anything else is no change.
    fn of(parts: &[String]) -> Self {
        let part = |k: usize| parts.get(k).cloned().unwrap_or_default();
        let id = part(1);
        match parts.first().map(String::as_str).unwrap_or("") {
            "exclude" => DistrictEdit::Exclude { institution: id, reason: part(2) },
            "include" => DistrictEdit::Include { institution: id },
            "remove" => DistrictEdit::Remove { institution: id },
            "fee" => DistrictEdit::Fee { fee: part(2) },
            "quota" => DistrictEdit::Quota { amount: part(2) },
            "name" => DistrictEdit::Name { name: part(2) },
            "target" => DistrictEdit::TargetYear { year: part(2) },
            "band" => DistrictEdit::Band { up: part(2), down: part(3) },
            "adjust" => DistrictEdit::Adjust { institution: id, line: part(2), approved: part(3), reason: part(4) },
            "clear" => DistrictEdit::Clear,
            _ => DistrictEdit::Nothing,
        }
    }
}

thread_local! {
    /// The institution whose cost statement is open (an `open` element sets it).
    static OPEN: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    /// What became of the files of the last import, as markup, shown until the next import
    /// or a new sample.
    static IMPORTED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// An optional amount as typed: empty is none.
fn amount(text: &str, field: &str) -> Result<Option<Decimal>, FeeError> {
    match text.trim() {
        "" => Ok(None),
        t => parse_amount(t, field).map(Some),
    }
}

/// A share typed per cent ("10" is 0.1), empty is none.
fn per_cent(text: &str, field: &str) -> Result<Option<Decimal>, FeeError> {
    Ok(amount(text, field)?.map(|p| p / Decimal::ONE_HUNDRED))
}

/// Applies `edit` to `sample`.
fn apply(sample: &mut DistrictSample, edit: &DistrictEdit) -> Result<(), FeeError> {
    match edit {
        DistrictEdit::Nothing => {}
        DistrictEdit::Exclude { institution, reason } => sample.exclude(institution, reason)?,
        DistrictEdit::Include { institution } => sample.include(institution),
        DistrictEdit::Remove { institution } => sample.remove(institution),
        DistrictEdit::Fee { fee } => sample.fee = amount(fee, "fee")?,
        DistrictEdit::Quota { amount: a } => {
            sample.offsets.quota_subsidy =
                amount(a, "quota_subsidy")?.map(|per_child_month| QuotaSubsidy::Amount { per_child_month })
        }
        DistrictEdit::Name { name } => sample.district = name.trim().to_string(),
        // The page offers only the years the set has a target for; anything else is none.
        DistrictEdit::TargetYear { year } => sample.target_year = year.trim().parse().ok(),
        DistrictEdit::Band { up, down } => {
            (sample.float_up, sample.float_down) = (per_cent(up, "float_up")?, per_cent(down, "float_down")?)
        }
        DistrictEdit::Adjust { institution, line, approved, reason } => {
            let change = amount(approved, "approved_annual")?.map(|approved_annual| Adjustment {
                line: line.clone(),
                approved_annual,
                reason: reason.trim().to_string(),
            });
            sample.adjust(institution, line, change)?
        }
        DistrictEdit::Clear => {
            sample.institutions.clear();
            sample.exclusions.clear();
        }
    }
    Ok(())
}

/// An input field `district-{name}` that the page turns into the edit `edit` when it changes;
/// `fields` names the fields whose values the edit takes (empty: its own).
fn field(h: &mut String, name: &str, edit: &str, fields: &str, label: &str, value: &str) {
    let _ = write!(
        h,
        "<div class=\"field\"><label for=\"district-{name}\">{}</label><input id=\"district-{name}\" type=\"text\" data-edit=\"{edit}\" data-fields=\"{fields}\" value=\"{}\"></div>",
        esc(label),
        esc(value)
    );
}

/// What the page shows first: what it does, the drop zone, the template and the samples.
fn intro(h: &mut String, lang: Language) {
    let t = |zh: &'static str, en: &'static str| if lang == Language::Zh { zh } else { en };
    let _ = write!(
        h,
        "<p class=\"hint\">{}</p><div class=\"drop\"><label for=\"district-files\">{}</label><input id=\"district-files\" type=\"file\" multiple accept=\".xlsx,.csv,.json\" data-edit=\"files\"><p class=\"hint\">{}</p><p class=\"row\"><button data-edit=\"template\">{}</button><button data-edit=\"template\" data-id=\"csv\">{}</button><span class=\"hint\">{}",
        t(
            "区级定价：收集各园所的成本调查表，逐家核定成本，按人月数加权得出社会平均成本（定价成本），在上限内确定指导价与浮动区间，并生成成本监审报告。",
            "District pricing: collect each nursery's cost survey, approve each one's costs, weight them by child-months into the social average cost (the pricing cost), set the guided fee and band within the cap, and file the cost-audit report."
        ),
        t(
            "选择或拖入成本调查表（xlsx 或 CSV，可多选；或机构 JSON）",
            "Choose or drop cost surveys (xlsx or CSV, several at once; or institutions as JSON)"
        ),
        t("文件只在本页处理，不会上传。", "The files are processed in this page and never uploaded."),
        t("下载调查表模板（xlsx）", "Download the survey template (xlsx)"),
        t("下载调查表模板（CSV）", "Download the survey template (CSV)"),
        t("示例调查表（数据为虚构）：", "Sample workbooks (illustrative figures):"),
    );
    for n in ["园所A-2022", "园所A-2023", "园所B", "园所C", "园所D", "园所E", "园所F", "园所G-有错误"]
    {
        let _ = write!(h, " <a href=\"district/{n}.xlsx\" download=\"{n}.xlsx\" data-name>{n}</a>");
    }
    h.push_str("</span></p></div>");
}

/// What the page shows of `sample`, evaluated as `result` (or why it could not be), as markup:
/// the fields, the pricing cost, the institutions with their controls, the open institution's
/// cost statement, the figures, the chart, the findings and the report buttons. Buttons and
/// fields carry `data-edit` (and `data-id`), which the page's one handler reads.
fn view(
    sample: &DistrictSample,
    result: Result<&DistrictResult, &FeeError>,
    set: &ParameterSet,
    open: &str,
    lang: Language,
) -> String {
    let t = |zh: &'static str, en: &'static str| if lang == Language::Zh { zh } else { en };
    let money = |v| grouped(set.round_money(v, sample.date).unwrap_or(v));
    let percent =
        |v: Decimal| set.round_percent(v, sample.date).map_or_else(|_| v.to_string(), |p| p.normalize().to_string());
    let per_cm = t(" 元/生·月", " yuan/child-month");
    let mut h = String::new();
    intro(&mut h, lang);
    IMPORTED.with(|i| h.push_str(&i.borrow()));
    if sample.institutions.is_empty() {
        return h;
    }
    // The fields.
    h.push_str("<div class=\"row\">");
    field(&mut h, "name", "name", "", t("定价区域", "District"), &sample.district);
    let fee = sample.fee.map(|f| f.normalize().to_string()).unwrap_or_default();
    let label = t("测试收费（元/月，空为指导价）", "Tested fee (yuan a month; empty: the guided fee)");
    field(&mut h, "fee", "fee", "", label, &fee);
    let quota = result.map(|r| r.offsets.quota_per_child_month.normalize().to_string()).unwrap_or_default();
    field(&mut h, "quota", "quota", "", t("生均定额补助（元/生·月）", "Quota subsidy (yuan per child-month)"), &quota);
    let band = "district-up district-down";
    let (up, down) = (sample.float_up.map(percent), sample.float_down.map(percent));
    field(&mut h, "up", "band", band, t("上浮（%）", "Float up (%)"), &up.unwrap_or_default());
    field(&mut h, "down", "band", band, t("下浮（%）", "Float down (%)"), &down.unwrap_or_default());
    let _ = write!(
        h,
        "<div class=\"field\"><label for=\"district-target\">{}</label><select id=\"district-target\" data-edit=\"target\"><option value=\"\">{}</option>",
        t("按规划托位目标放大（年度）", "Scale to the plan's slot target (year)"),
        t("不放大", "none")
    );
    let years = set.parameter("slots.inclusive").map(|p| p.values.iter().map(|v| v.from.year()).collect::<Vec<_>>());
    for y in years.unwrap_or_default() {
        let selected = if sample.target_year == Some(y) { " selected" } else { "" };
        let _ = write!(h, "<option value=\"{y}\"{selected}>{y}</option>");
    }
    h.push_str("</select></div></div>");
    let r = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = write!(h, "<p class=\"error\" role=\"alert\">{}</p>", esc(&e.message(lang)));
            if !sample.institutions.is_empty() {
                h.push_str("<ul>");
                for i in &sample.institutions {
                    let _ = write!(
                        h,
                        "<li>{} · {} · {}<button data-edit=\"remove\" data-id=\"{}\">{}</button></li>",
                        esc(&i.name),
                        esc(&i.id),
                        esc(&i.source),
                        esc(&i.id),
                        t("移除", "Remove")
                    );
                }
                h.push_str("</ul>");
            }
            clear_button(&mut h, t);
            return h;
        }
    };
    let _ = write!(
        h,
        "<p class=\"headline\">{}<strong data-testid=\"district-average\">{}{per_cm}</strong></p>",
        t("定价成本（加权平均）：", "Pricing cost (weighted average): "),
        grouped(r.pooled.weighted_average_rounded)
    );
    // The institutions.
    let _ = write!(
        h,
        "<table class=\"lines\" data-testid=\"district-table\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        t("机构", "Institution"),
        t("年数", "Years"),
        t("生均月成本（元）", "Cost per child-month (yuan)"),
        t("偏离加权平均", "Deviation"),
        t("状态", "Status"),
        t("年度收支差（元）", "Annual balance (yuan)"),
        t("需额外补助（元/年）", "Extra subsidy needed (yuan a year)"),
        t("操作", "Actions"),
    );
    for (k, c) in r.institutions.iter().enumerate() {
        let source = sample.institutions.iter().find(|i| i.id == c.id).map(|i| i.source.as_str()).unwrap_or("");
        let (class, status) = match (&c.excluded, c.outlier) {
            (Some(why), _) => ("excluded", format!("{}{}", t("已剔除：", "excluded: "), esc(why))),
            (None, true) => ("outlier", t("偏离较大，已计入", "far from the average, pooled").to_string()),
            (None, false) => ("pooled", t("计入", "pooled").to_string()),
        };
        let id = esc(&c.id);
        let action = if c.excluded.is_some() {
            format!("<button data-edit=\"include\" data-id=\"{id}\">{}</button>", t("恢复计入", "Take back"))
        } else {
            format!(
                "<label class=\"sr-only\" for=\"reason-{k}\">{0}</label><input id=\"reason-{k}\" type=\"text\" placeholder=\"{0}\"><button data-edit=\"exclude\" data-id=\"{id}\" data-fields=\"reason-{k}\">{1}</button>",
                t("剔除理由", "reason to exclude"),
                t("剔除", "Exclude")
            )
        };
        let opened = c.id == open;
        let _ = write!(
            h,
            "<tr class=\"{class}\"><td><span data-name>{}</span><br><span class=\"hint\" data-name>{id} · {}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}%</td><td>{status}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{action}<button data-edit=\"open\" data-id=\"{}\" aria-expanded=\"{opened}\">{}</button><button data-edit=\"remove\" data-id=\"{id}\">{}</button></td></tr>",
            esc(&c.name),
            esc(source),
            c.years,
            grouped(c.cost_per_child_month_rounded),
            percent(c.deviation),
            money(c.surplus_annual),
            money(c.subsidy_needed_annual),
            if opened { String::new() } else { id.clone() },
            t("核定表", "Statement"),
            t("移除", "Remove"),
        );
    }
    h.push_str("</tbody></table>");
    if let Some((c, s)) = r.institutions.iter().find(|c| c.id == open).and_then(|c| c.statements.last().map(|s| (c, s)))
    {
        statement(&mut h, c, s, &money, lang);
    }
    h.push_str("<section class=\"results\">");
    h.push_str(&fee_core::district_summary_html(r, set, lang));
    let _ = write!(
        h,
        "</section><div class=\"row\"><button data-edit=\"report\" data-id=\"html\">{}</button><button data-edit=\"report\" data-id=\"xlsx\">{}</button>",
        t("下载成本监审报告（HTML，可打印）", "Download the cost-audit report (HTML, print-ready)"),
        t("下载成本监审报告（xlsx）", "Download the cost-audit report (xlsx)"),
    );
    clear_button(&mut h, t);
    h.push_str("</div>");
    h
}

fn clear_button(h: &mut String, t: impl Fn(&'static str, &'static str) -> &'static str) {
    let _ = write!(h, "<button data-edit=\"clear\">{}</button>", t("清空样本", "Clear the sample"));
}

/// The open institution's latest cost statement, with the fields to change a line (核增 / 核减).
fn statement(
    h: &mut String,
    c: &fee_core::InstitutionCost,
    s: &fee_core::CostResult,
    money: &dyn Fn(Decimal) -> String,
    lang: Language,
) {
    let t = |zh: &'static str, en: &'static str| if lang == Language::Zh { zh } else { en };
    let _ = write!(
        h,
        "<section class=\"statement\"><h3><span data-name>{}</span> · {}</h3><table class=\"lines\" data-testid=\"district-statement\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        esc(&c.name),
        t("经营者成本核定表（最近年度）", "operator cost statement (latest year)"),
        t("项目", "Line"),
        t("申报（元/年）", "Reported (yuan a year)"),
        t("核增/核减", "Adjustment"),
        t("核定（元/年）", "Approved (yuan a year)"),
        t("理由", "Reason"),
    );
    let mut options = String::new();
    for l in &s.lines {
        let label = if lang == Language::Zh { &l.label_zh } else { &l.label_en };
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(label),
            money(l.reported_annual),
            l.adjustment.map(|a| if lang == Language::Zh { a.name_zh() } else { a.name_en() }).unwrap_or(""),
            money(l.approved_annual),
            esc(l.reason.as_deref().unwrap_or("")),
        );
        let _ = write!(options, "<option value=\"{}\">{}</option>", esc(&l.id), esc(label));
    }
    let _ = write!(
        h,
        "<tr class=\"total\"><th>{}</th><td class=\"num\">{}</td><td></td><td class=\"num\">{}</td><td></td></tr></tbody></table><div class=\"row\"><div class=\"field\"><label for=\"adjust-line\">{}</label><select id=\"adjust-line\">{options}</select></div><div class=\"field\"><label for=\"adjust-approved\">{}</label><input id=\"adjust-approved\" type=\"text\" inputmode=\"decimal\"></div><div class=\"field\"><label for=\"adjust-reason\">{}</label><input id=\"adjust-reason\" type=\"text\"></div><button data-edit=\"adjust\" data-id=\"{}\" data-fields=\"adjust-line adjust-approved adjust-reason\">{}</button></div></section>",
        t("合计", "Total"),
        money(s.total_reported),
        money(s.total_approved),
        t("成本项目", "Cost line"),
        t("核定年金额（元/年；空为取消调整）", "Approved a year (yuan; empty: no change)"),
        t("理由", "Reason"),
        esc(&c.id),
        t("保存核定", "Save the change"),
    );
}

/// What became of each file of an import, as markup: the summary, then every error.
fn import_view(outcome: &[fee_core::FileImport], institutions: usize, lang: Language) -> String {
    let mut h = format!(
        "<p data-testid=\"district-import\">{}</p><ul class=\"files\">",
        esc(&fee_core::import_summary(outcome, institutions, lang))
    );
    for e in outcome.iter().flat_map(|f| f.errors(lang)) {
        let _ = write!(h, "<li class=\"error\">{}</li>", esc(e));
    }
    h.push_str("</ul>");
    h
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file answer.
fn file(name: &str, mime: &str, bytes: Result<Vec<u8>, FeeError>) -> (Response, Vec<u8>) {
    match bytes {
        Ok(bytes) => (Response::File { name: name.into(), mime: mime.into() }, bytes),
        Err(e) => (Response::failed_with(&e), Vec::new()),
    }
}

/// The district page after reading `files` into `sample` (JSON text; empty for a new sample
/// made on `date` with `income`) and applying `edit`. An edit the sample refuses (an exclusion
/// without a reason, an amount that does not read, one that leaves the sample unpriceable)
/// changes nothing and says why; a sample that cannot be evaluated yet (empty, no enrolment)
/// after an import, a removal or a new start is kept and shown with why. `template` and
/// `report` edits answer with a file. `progress` hears how many files of how many are read.
#[allow(clippy::too_many_arguments)]
pub fn district(
    sample: &str,
    files: Vec<(&str, &[u8])>,
    edit: &[String],
    params: &ParameterSet,
    date: fee_core::Date,
    income: fee_core::IncomeBasis,
    lang: Language,
    progress: &mut dyn FnMut(usize, usize),
) -> (Response, Vec<u8>) {
    let failed = |e: &FeeError| (Response::failed_with(e), Vec::new());
    let kind = edit.first().map(String::as_str).unwrap_or("");
    if kind == "template" && edit.get(1).is_some_and(|f| f == "csv") {
        return file("survey-template.csv", "text/csv;charset=utf-8", Ok(fee_core::survey_template_csv().into_bytes()));
    }
    if kind == "template" {
        return file("survey-template.xlsx", XLSX, fee_core::survey_template(params, date));
    }
    if kind == "open" {
        OPEN.with(|o| *o.borrow_mut() = edit.get(1).cloned().unwrap_or_default());
    }
    let open = OPEN.with(|o| o.borrow().clone());
    let read = if sample.trim().is_empty() {
        Ok(DistrictSample::new("", params, date, income))
    } else {
        fee_core::read_json::<DistrictSample>(sample)
    };
    let mut sample = match read {
        Ok(s) => s,
        Err(e) => return failed(&e),
    };
    if kind == "report" {
        let result = evaluate_district(&sample, params);
        return match (result, edit.get(1).map(String::as_str)) {
            (Err(e), _) => failed(&e),
            (Ok(r), Some("xlsx")) => {
                file("district-report.xlsx", XLSX, fee_core::district_report_xlsx(&r, params, lang))
            }
            (Ok(r), _) => file(
                "district-report.html",
                "text/html;charset=utf-8",
                Ok(fee_core::district_report_html(&r, params, lang, today()).into_bytes()),
            ),
        };
    }
    let importing = !files.is_empty();
    let total = files.len();
    // Progress every ten files and at the last, so a large import shows it moves.
    let files = files.into_iter().enumerate().map(|(k, f)| {
        if k % 10 == 0 || k + 1 == total {
            progress(k + 1, total);
        }
        f
    });
    let outcome = fee_core::import_surveys(&mut sample.institutions, files);
    let edit = DistrictEdit::of(edit);
    if let Err(e) = apply(&mut sample, &edit) {
        return failed(&e);
    }
    sample.parameter_set = ParameterSetRef::of(params);
    let result = evaluate_district(&sample, params);
    let refused_on_error =
        !importing && !matches!(edit, DistrictEdit::Nothing | DistrictEdit::Clear | DistrictEdit::Remove { .. });
    if let (Err(e), true) = (&result, refused_on_error) {
        return failed(e);
    }
    if importing {
        IMPORTED.with(|i| *i.borrow_mut() = import_view(&outcome, sample.institutions.len(), lang));
    } else if edit == DistrictEdit::Clear {
        IMPORTED.with(|i| i.borrow_mut().clear());
    }
    let html = view(&sample, result.as_ref(), params, &open, lang);
    match serde_json::to_string(&sample) {
        Ok(sample) => (Response::Page { sample, html }, Vec::new()),
        Err(e) => (Response::failed(format!("无法写出样本：{e}"), format!("cannot write the sample: {e}")), Vec::new()),
    }
}

/// Today's date by the browser's clock, local time, for the report's print date.
pub(crate) fn today() -> Option<fee_core::Date> {
    let now = js_sys::Date::new_0();
    let year = i32::try_from(now.get_full_year()).ok()?;
    fee_core::Date::new(year, now.get_month() + 1, now.get_date()).ok()
}
