//! The pricing report of one scenario, or of a dossier with its procedure, as a report a
//! clerk can file: the report layout every print shares (`foundations::report`), with the
//! inputs as a read-only table, the cost table with its total, the offsets, the fee with its
//! unit and the cap, the findings, the procedure, the trace and the signature block.

use rust_decimal::Decimal;

use crate::foundations::date::Date;
use crate::foundations::parameters::ParameterSet;
use crate::foundations::report::{pick, Column, Figures, Report};
use crate::foundations::trace::Language;
use crate::review::checks::CheckReport;
use crate::review::dossier::{Dossier, DossierReport, ProcedureStep};
use crate::review::schedule::{FeeSchedule, FeeUnit, StandardKind};
use crate::rules::cap::IncomeBasis;
use crate::rules::cost::{CostMethod, Enrolment};
use crate::rules::fee::FeeBasis;
use crate::rules::offsets::{QualityTier, QuotaSubsidy, RentSubsidy};
use crate::rules::scenario::{Evaluation, Scenario};

/// The pricing report of a scenario (the cost page's print) as a self-contained HTML page in
/// one language, laid out for A4: a cover block (with the print date `printed`, when given),
/// the inputs, the cost table with its total row, the offsets, the fee and the cap, the
/// findings, the trace and the signature block. Every figure is rounded by the set's rules
/// with its unit and grouped by thousands; every text from the input is escaped.
///
/// ```
/// use fee_core::{evaluate, scenario_report_html, Language, ParameterSet, Scenario};
/// let set = ParameterSet::chaoyang()?;
/// let s = Scenario::example();
/// let html = scenario_report_html(&s, &evaluate(&s, set)?, set, Language::Zh, Some("2024-07-01".parse()?));
/// assert!(html.contains("<th>打印日期</th><td>2024-07-01</td>") && html.contains("成本构成") && html.contains("审核人"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn scenario_report_html(
    scenario: &Scenario,
    evaluation: &Evaluation,
    set: &ParameterSet,
    lang: Language,
    printed: Option<Date>,
) -> String {
    pricing_report(scenario, evaluation, None, set, lang, printed)
}

/// The report of a pricing dossier (the scenarios page's print, `fee dossier --format html`):
/// the scenario's report as [`scenario_report_html`] writes it, with the pricing procedure —
/// each step's date, document and outcome, or "尚未开始" for a step not yet taken — and the
/// procedure's findings.
///
/// ```
/// use fee_core::{check_dossier, dossier_report_html, Dossier, Language, ParameterSet, Scenario};
/// let set = ParameterSet::chaoyang()?;
/// let d = Dossier { scenario: Scenario::example(), records: vec![] };
/// let html = dossier_report_html(&d, &check_dossier(&d, set)?, set, Language::En, None);
/// assert!(html.contains("Pricing procedure") && html.contains("not yet started"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn dossier_report_html(
    dossier: &Dossier,
    report: &DossierReport,
    set: &ParameterSet,
    lang: Language,
    printed: Option<Date>,
) -> String {
    pricing_report(&dossier.scenario, &report.evaluation, Some((dossier, report)), set, lang, printed)
}

fn pricing_report(
    scenario: &Scenario,
    e: &Evaluation,
    procedure: Option<(&Dossier, &DossierReport)>,
    set: &ParameterSet,
    lang: Language,
    printed: Option<Date>,
) -> String {
    let f = Figures { set, date: e.date };
    let t = |zh: &'static str, en: &'static str| pick(lang, zh, en);
    let title = match procedure {
        Some(_) => t("托育服务收费定价报告", "Childcare fee: pricing dossier"),
        None => t("托育服务收费测算报告", "Childcare fee: pricing report"),
    };
    let cover = [
        (t("机构或情景", "Institution or scenario"), e.scenario.clone()),
        (t("定价日期", "Pricing date"), e.date.to_string()),
        (
            t("参数取值", "Parameter values"),
            match lang {
                Language::Zh => format!("按 {} 有效的取值", e.date),
                Language::En => format!("as in force on {}", e.date),
            },
        ),
        (
            t("收费类型", "Fee type"),
            match scenario.fee {
                FeeBasis::Public { .. } => t("公办（政府指导价）", "public (government-guided price)"),
                FeeBasis::PrivateInclusive => t("民办普惠（协商定价）", "private inclusive (negotiated)"),
            }
            .to_string(),
        ),
    ];
    let mut r = match procedure {
        Some((_, report)) => Report::begin(lang, title, &cover, f, printed, report),
        None => Report::begin(lang, title, &cover, f, printed, e),
    };
    let money = |v: Decimal| f.money(v);
    let yuan = |v: Decimal, unit_zh: &str, unit_en: &str| format!("{} {}", f.money(v), pick(lang, unit_zh, unit_en));

    r.section(t("一、测算输入", "1. Inputs"));
    r.pairs(&inputs(scenario, &f, lang));

    r.section(t("二、成本构成", "2. Cost"));
    let rows: Vec<Vec<String>> = e
        .cost
        .lines
        .iter()
        .map(|l| {
            vec![
                pick(lang, &l.label_zh, &l.label_en).to_string(),
                money(l.reported_annual),
                l.adjustment.map(|a| pick(lang, a.name_zh(), a.name_en())).unwrap_or("").to_string(),
                money(l.approved_annual),
                f.percent(l.share),
                l.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let total = vec![
        t("合计", "Total").to_string(),
        money(e.cost.total_reported),
        String::new(),
        money(e.cost.total_approved),
        String::new(),
        String::new(),
    ];
    r.table(
        &[
            (t("项目", "Line"), Column::Text),
            (t("申报（元/年）", "Reported (yuan/year)"), Column::Figure),
            (t("核增/核减", "Adjustment"), Column::Text),
            (t("核定（元/年）", "Approved (yuan/year)"), Column::Figure),
            (t("占比", "Share"), Column::Figure),
            (t("理由", "Reason"), Column::Text),
        ],
        &rows,
        Some(&total),
    );
    r.pairs(&[
        (t("人月数", "Child-months").into(), format!("{} {}", f.count(e.cost.child_months), t("人月", "child-months"))),
        (
            t("生均月成本", "Cost per child-month").into(),
            yuan(e.cost.cost_per_child_month_rounded, "元/生/月", "yuan/child-month"),
        ),
        (
            t("生均月伙食成本（单列，不计入保育费）", "Food per child-month (apart, not in the care fee)").into(),
            yuan(e.cost.meal_fee_per_child_month, "元/生/月", "yuan/child-month"),
        ),
    ]);

    r.section(t("三、政府投入抵减", "3. Government inputs offset"));
    let rows: Vec<Vec<String>> = e
        .offsets
        .lines
        .iter()
        .map(|l| vec![pick(lang, &l.label_zh, &l.label_en).to_string(), money(l.annual), money(l.per_child_month)])
        .collect();
    let total = vec![t("合计", "Total").to_string(), money(e.offsets.total_annual), String::new()];
    let total = (!rows.is_empty()).then_some(total);
    r.table(
        &[
            (t("项目", "Input"), Column::Text),
            (t("年额（元/年）", "Annual (yuan/year)"), Column::Figure),
            (t("生均月（元/生/月）", "Per child-month (yuan)"), Column::Figure),
        ],
        &rows,
        total.as_deref(),
    );
    r.pairs(&[(
        t("扣除政府投入后生均月成本", "Net cost per child-month").into(),
        yuan(e.offsets.net_per_child_month, "元/生/月", "yuan/child-month"),
    )]);

    r.section(t("四、收费与上限", "4. The fee and the cap"));
    let fee = &e.fee;
    let mut rows = vec![
        (t("收费上限", "Fee cap").to_string(), yuan(e.cap.cap, "元/月", "yuan/month")),
        (t("按成本收费", "Cost-based fee").to_string(), yuan(fee.cost_based_fee, "元/月", "yuan/month")),
        (t("保本收费", "Break-even fee").to_string(), yuan(fee.break_even_fee, "元/月", "yuan/month")),
    ];
    if let Some(g) = fee.guided_fee {
        rows.push((t("政府指导价", "Government-guided fee").into(), yuan(g, "元/月", "yuan/month")));
    }
    if let Some(b) = fee.float_band {
        rows.push((
            t("浮动区间", "Float band").into(),
            format!("{} – {} {}", money(b.low), money(b.high), t("元/月", "yuan/month")),
        ));
    }
    if let Some(b) = fee.reference_range {
        rows.push((
            t("协商参考区间", "Reference range").into(),
            format!("{} – {} {}", money(b.low), money(b.high), t("元/月", "yuan/month")),
        ));
    }
    rows.push((t("测算收费（保育费）", "The fee (care)").into(), yuan(e.final_fee(), "元/月", "yuan/month")));
    rows.push((t("伙食费（单列）", "Meal fee (apart)").into(), yuan(fee.meal_fee, "元/月", "yuan/month")));
    rows.push((t("占家庭月均可支配收入", "Share of household income").into(), f.percent(e.indicators.share_of_income)));
    rows.push((
        t("是否超过上限", "Above the cap").into(),
        if fee.capped {
            t("测算值超过上限，按上限取", "the cost-based value was above the cap and was capped")
        } else {
            t("未超过", "no")
        }
        .into(),
    ));
    r.pairs(&rows);

    r.section(t("五、审查意见", "5. Findings"));
    r.findings(&e.findings);

    if let Some((dossier, report)) = procedure {
        r.section(t("六、定价程序", "6. Pricing procedure"));
        let rows: Vec<Vec<String>> = ProcedureStep::ALL
            .iter()
            .map(|step| {
                let name = pick(lang, step.name_zh(), step.name_en()).to_string();
                match dossier.records.iter().find(|rec| rec.step == *step) {
                    Some(rec) => vec![name, rec.date.to_string(), rec.document.clone(), rec.outcome.clone()],
                    None => vec![name, t("尚未开始", "not yet started").into()],
                }
            })
            .collect();
        r.table(
            &[
                (t("程序", "Step"), Column::Short),
                (t("日期", "Date"), Column::Short),
                (t("文件", "Document"), Column::Text),
                (t("结果", "Outcome"), Column::Text),
            ],
            &rows,
            None,
        );
        r.findings(&report.findings);
        r.note(if report.decision_lawful {
            t("作出决定前的各项程序均已按序完成。", "Every step before the decision is recorded, in order.")
        } else {
            t("作出决定前的程序尚未全部完成。", "Not every step before the decision is recorded yet.")
        });
    }
    r.trace(e.trace.steps(), f);
    r.finish()
}

/// The scenario's inputs as label-and-value rows, each figure with its unit.
fn inputs(s: &Scenario, f: &Figures<'_>, lang: Language) -> Vec<(String, String)> {
    let t = |zh: &'static str, en: &'static str| pick(lang, zh, en).to_string();
    let yuan = |v: Decimal, zh: &str, en: &str| format!("{} {}", f.money(v), pick(lang, zh, en));
    let c = &s.cost;
    let mut rows = vec![(
        t("成本方法", "Cost method"),
        match c.method {
            CostMethod::Survey => t("成本调查", "cost survey"),
            CostMethod::Audit => t("成本监审", "cost audit"),
        },
    )];
    rows.push((
        t("收入依据", "Income basis"),
        match &s.income {
            IncomeBasis::HouseholdMonthly { amount } => {
                yuan(*amount, "元/户/月（录入）", "yuan a household a month (entered)")
            }
            IncomeBasis::PerCapitaAnnual { per_capita_annual, household_size } => format!(
                "{} × {} ÷ 12",
                yuan(*per_capita_annual, "元/人/年", "yuan a person a year"),
                f.shown(*household_size, "")
            ),
            IncomeBasis::District { year } => match lang {
                Language::Zh => format!("参数集所载 {year} 年全区家庭月均可支配收入"),
                Language::En => format!("the district's household income for {year} in the parameter set"),
            },
        },
    ));
    for g in &c.classes {
        rows.push((
            format!("{}（{}）", t("班级", "Classes"), pick(lang, g.class_type.name_zh(), g.class_type.name_en())),
            match lang {
                Language::Zh => format!("{} 个班 × 每班 {} 人", g.classes, g.children_per_class),
                Language::En => format!("{} classes × {} places each", g.classes, g.children_per_class),
            },
        ));
    }
    rows.push((
        t("保育人员月工资", "Carer's monthly wage"),
        yuan(c.carer_monthly_wage, "元/人/月", "yuan a person a month"),
    ));
    for st in &c.staff {
        rows.push((
            pick(lang, st.role.name_zh(), st.role.name_en()).to_string(),
            match lang {
                Language::Zh => format!("{} 人 × {} 元/月", f.count(st.count), f.money(st.monthly_wage)),
                Language::En => format!("{} × {} yuan/month", f.count(st.count), f.money(st.monthly_wage)),
            },
        ));
    }
    rows.push((t("社会保险费率", "Social insurance rate"), f.percent(c.social_insurance_rate)));
    rows.push((t("住房公积金费率", "Housing fund rate"), f.percent(c.housing_fund_rate)));
    rows.push((t("月房租", "Rent a month"), yuan(c.rent_monthly, "元/月", "yuan/month")));
    rows.push((
        t("生均月伙食成本", "Food per child-month"),
        yuan(c.food_per_child_month, "元/生/月", "yuan/child-month"),
    ));
    rows.push((
        t("在托人数", "Enrolment"),
        match &c.enrolment {
            Enrolment::Occupancy { rate } => format!("{} {}", t("入托率", "occupancy"), f.percent(*rate)),
            Enrolment::AuditAverage { start_of_year, end_of_year } => match lang {
                Language::Zh => format!("年初 {} 人，年末 {} 人", f.count(*start_of_year), f.count(*end_of_year)),
                Language::En => format!(
                    "{} at the start of the year, {} at the end",
                    f.count(*start_of_year),
                    f.count(*end_of_year)
                ),
            },
            Enrolment::Children { count } => format!("{} {}", f.count(*count), t("人", "children")),
        },
    ));
    rows.push((
        t("每年收费月数", "Months charged a year"),
        format!("{} {}", f.count(c.months_charged), t("个月", "months")),
    ));
    let o = &s.offsets;
    rows.push((
        t("定额补助", "Quota subsidy"),
        match &o.quota_subsidy {
            None => t("无", "none"),
            Some(QuotaSubsidy::Tier { tier }) => match tier {
                QualityTier::ModelOrFirst => {
                    t("市级示范、一级机构的定额", "the quota of a model or first-grade institution")
                }
                QualityTier::SecondOrThird => {
                    t("二级、三级机构的定额", "the quota of a second or third-grade institution")
                }
            },
            Some(QuotaSubsidy::Amount { per_child_month }) => yuan(*per_child_month, "元/生/月", "yuan/child-month"),
        },
    ));
    rows.push((
        t("房租补贴", "Rent subsidy"),
        match &o.rent_subsidy {
            None => t("无", "none"),
            Some(RentSubsidy::PerMonth { amount }) => yuan(*amount, "元/月", "yuan/month"),
            Some(RentSubsidy::PerSquareMetreDay { area_m2, yuan_per_m2_day, days_per_year }) => match lang {
                Language::Zh => format!(
                    "{} 平方米 × {} 元/平方米/天 × {} 天",
                    f.count(*area_m2),
                    f.money(*yuan_per_m2_day),
                    f.count(*days_per_year)
                ),
                Language::En => format!(
                    "{} m² × {} yuan/m²/day × {} days",
                    f.count(*area_m2),
                    f.money(*yuan_per_m2_day),
                    f.count(*days_per_year)
                ),
            },
        },
    ));
    if let FeeBasis::Public { base_price, float_up, float_down } = &s.fee {
        if let Some(b) = base_price {
            rows.push((t("基准价", "Base price"), yuan(*b, "元/月", "yuan/month")));
        }
        if let Some(u) = float_up {
            rows.push((t("上浮幅度", "Upward float"), f.percent(*u)));
        }
        if let Some(d) = float_down {
            rows.push((t("下浮幅度", "Downward float"), f.percent(*d)));
        }
    }
    rows.push((t("核增核减", "Adjustments"), format!("{} {}", c.adjustments.len(), t("项", "lines"))));
    rows
}

/// The report of a fee schedule checked (the check page's print): the institution, each fee
/// item with its unit, the disclosures, the negotiated range and costs, the cap used, and each
/// finding with the item it concerns, then the signature block; in one language, every figure
/// rounded by the set's rules and grouped by thousands.
///
/// ```
/// use fee_core::{check_report_html, check_schedule, FeeSchedule, IncomeBasis, Language, ParameterSet};
/// let set = ParameterSet::chaoyang()?;
/// let s = FeeSchedule::example();
/// let date = "2024-06-01".parse()?;
/// let r = check_schedule(&s, set, date, &IncomeBasis::District { year: 2022 })?;
/// let html = check_report_html(&s, &r, set, date, Language::Zh, None);
/// assert!(html.contains("收费核查报告") && html.contains("3,131.00 元/月") && html.contains("负责人"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn check_report_html(
    schedule: &FeeSchedule,
    report: &CheckReport,
    set: &ParameterSet,
    date: Date,
    lang: Language,
    printed: Option<Date>,
) -> String {
    let f = Figures { set, date };
    let t = |zh: &'static str, en: &'static str| pick(lang, zh, en);
    let yes = |b: bool| if b { t("是", "yes") } else { t("否", "no") }.to_string();
    let inst = &schedule.institution;
    let cover = [
        (t("机构", "Institution"), inst.name.clone()),
        (t("核查日期", "Checked as of"), date.to_string()),
        (t("机构类型", "Type"), pick(lang, inst.kind.name_zh(), inst.kind.name_en()).to_string()),
        (t("普惠性机构", "Inclusive"), yes(inst.inclusive)),
    ];
    let mut r =
        Report::begin(lang, t("托育服务收费核查报告", "Childcare fee check report"), &cover, f, printed, report);
    r.section(t("一、收费项目", "1. Fee items"));
    let unit = |u: FeeUnit| match u {
        FeeUnit::PerMonth => t("元/月", "yuan/month"),
        FeeUnit::PerDay => t("元/天", "yuan/day"),
        FeeUnit::PerHour => t("元/小时", "yuan/hour"),
    };
    let rows: Vec<Vec<String>> = schedule
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            vec![
                (i + 1).to_string(),
                pick(lang, it.item.name_zh(), it.item.name_en()).to_string(),
                pick(lang, it.class_type.name_zh(), it.class_type.name_en()).to_string(),
                pick(lang, it.form.name_zh(), it.form.name_en()).to_string(),
                format!("{} {}", f.money(it.amount), unit(it.unit)),
                match it.standard {
                    StandardKind::Inclusive => t("普惠", "inclusive"),
                    StandardKind::NonInclusive => t("非普惠", "non-inclusive"),
                }
                .to_string(),
                report.findings.iter().filter(|c| c.item == Some(i)).count().to_string(),
            ]
        })
        .collect();
    r.table(
        &[
            (t("序号", "No."), Column::Short),
            (t("项目", "Item"), Column::Text),
            (t("班型", "Class"), Column::Short),
            (t("形式", "Form"), Column::Short),
            (t("金额", "Amount"), Column::Figure),
            (t("标准", "Standard"), Column::Short),
            (t("发现", "Findings"), Column::Figure),
        ],
        &rows,
        None,
    );
    r.section(t("二、公示与告知", "2. Disclosures"));
    let d = &schedule.disclosures;
    r.pairs(&[
        (t("已公示收费项目和标准", "Fee items and standards published").into(), yes(d.items_published)),
        (t("已告知服务内容", "Service content published").into(), yes(d.service_content)),
        (t("已告知收退费规则", "Refund rules published").into(), yes(d.refund_rules)),
        (t("已与家长签订服务协议", "Service agreement signed").into(), yes(d.agreement_signed)),
        (t("收费在营业场所显著位置公示", "Fees displayed at the premises").into(), yes(d.displayed_at_premises)),
        (
            t("公示的退费规则", "Refund rule disclosed").into(),
            schedule.refund_rule.as_ref().map_or_else(
                || t("未录入", "not on record").into(),
                |x| pick(lang, &x.name_zh, &x.name_en).to_string(),
            ),
        ),
    ]);
    r.section(t("三、协商与成本", "3. Negotiated range and costs"));
    let or_none = |v: Option<Decimal>| {
        v.map_or_else(
            || t("未录入", "not on record").into(),
            |v| format!("{} {}", f.money(v), t("元/月", "yuan/month")),
        )
    };
    let n = &schedule.negotiated;
    r.pairs(&[
        (
            t("协商参考区间", "Reference range").into(),
            n.reference_range.map_or_else(
                || t("未录入", "not on record").into(),
                |x| format!("{} – {} {}", f.money(x.low), f.money(x.high), t("元/月", "yuan/month")),
            ),
        ),
        (t("核定扣除补助后成本", "Approved net cost").into(), or_none(n.approved_net_cost)),
        (t("伙食成本（生均月）", "Food cost per child-month").into(), or_none(schedule.meal_cost_per_child_month)),
        (t("公办收费上限", "Public fee cap").into(), format!("{} {}", f.money(report.cap), t("元/月", "yuan/month"))),
    ]);
    r.section(t("四、核查意见", "4. Findings"));
    r.findings_of(report.findings.iter().map(|c| {
        let lead = match (c.item, lang) {
            (Some(i), Language::Zh) => format!("第 {} 项：", i + 1),
            (Some(i), Language::En) => format!("item {}: ", i + 1),
            (None, _) => String::new(),
        };
        (lead, &c.finding)
    }));
    r.note(if report.passes() {
        t("结论：未发现违规。", "Conclusion: no violation found.")
    } else {
        t("结论：存在违规，须整改。", "Conclusion: violations found; to be corrected.")
    });
    r.finish()
}
