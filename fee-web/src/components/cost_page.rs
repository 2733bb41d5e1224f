//! 成本测算: the cost survey form, government offsets, and the guided fee with its trace.

use fee_core::{
    evaluate, Adjustment, Asset, ClassGroup, ClassType, CostBasis, Date, Enrolment, Evaluation, FeeBasis, Grant,
    IncomeBasis, Language, OtherCost, ParameterSet, QualityTier, QuotaSubsidy, RentSubsidy, StaffLine, StaffRole,
    Tariff, UtilityKind, UtilityLine,
};
use rust_decimal::Decimal;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::charts::{px, Waterfall, WaterfallBar};
use crate::components::edit::{act, at, checked, edit, remove_at};
use crate::components::error_note::ErrorNote;
use crate::components::field::{CountField, NumberField, SelectField, TextField};
use crate::components::findings::Findings;
use crate::components::result_bar::ResultBar;
use crate::components::solve_section::SolveSection;
use crate::components::why::Why;
use crate::context::use_app;
use crate::format;
use crate::i18n::{findings_count, pick, source_label, tr};

/// Options of a select as (value, Chinese label, English label), in the page's language.
fn opts(lang: Language, list: &[(&'static str, &'static str, &'static str)]) -> Vec<(AttrValue, AttrValue)> {
    list.iter().map(|(v, zh, en)| (AttrValue::from(*v), AttrValue::from(pick(lang, zh, en)))).collect()
}

/// A quota tier's option: its amount and how sure it is, read from the parameter set (the
/// amounts are policy numbers and live there), or that the set has none on the date.
fn tier_option(params: &ParameterSet, date: Date, tier: QualityTier, lang: Language) -> (AttrValue, AttrValue) {
    let (value, zh, en) = match tier {
        QualityTier::ModelOrFirst => ("tier_1", "示范/一级", "model or first level"),
        QualityTier::SecondOrThird => ("tier_2", "二、三级", "second or third level"),
    };
    let amount = match params.decimal(tier.parameter(), date) {
        Ok(p) => {
            let label = source_label(p.dated.label, lang);
            match lang {
                Language::Zh => format!("{} 元/生/月（{label}）", format::amount(p.value)),
                Language::En => format!("{} yuan per child-month ({label} source)", format::amount(p.value)),
            }
        }
        Err(_) => tr(lang, "（参数集中无此项）", "(not in the parameter set)").to_string(),
    };
    (AttrValue::from(value), AttrValue::from(format!("{} {amount}", pick(lang, zh, en))))
}

fn class_options(lang: Language) -> Vec<(AttrValue, AttrValue)> {
    ClassType::ALL
        .iter()
        .map(|c| (AttrValue::from(c.key()), AttrValue::from(pick(lang, c.name_zh(), c.name_en()).to_string())))
        .collect()
}

fn steps_with(e: &Evaluation, prefixes: &[&str]) -> Vec<fee_core::Step> {
    e.trace.steps().iter().filter(|s| prefixes.iter().any(|p| s.id.starts_with(p))).cloned().collect()
}

#[function_component(CostPage)]
pub fn cost_page() -> Html {
    let state = use_app();
    let lang = state.lang;
    let s = &state.draft;
    let c = &s.cost;
    let result = evaluate(s, &state.params);
    let d = Decimal::from;

    // Classes.
    let classes = html! {
        <fieldset>
            <legend>{ tr(lang, "班级（保育人员按配比推算）", "Classes (carers derived from ratios)") }</legend>
            { for c.classes.iter().enumerate().map(|(i, g)| html! {
                <div class="row entry">
                    <SelectField id={format!("cost.classes[{i}].class_type")} label={tr(lang, "班型", "Class type")} value={g.class_type.key()}
                        options={class_options(lang)} on_change={edit(&state, move |s, v: String| if let Ok(t) = v.parse() { at(&mut s.cost.classes, i, |x| x.class_type = t) })} />
                    <CountField id={format!("cost.classes[{i}].classes")} label={tr(lang, "班数", "Classes")} value={g.classes}
                        on_change={edit(&state, move |s, v| at(&mut s.cost.classes, i, |x| x.classes = v))} />
                    <CountField id={format!("cost.classes[{i}].children_per_class")} label={tr(lang, "每班托位", "Places per class")} value={g.children_per_class}
                        on_change={edit(&state, move |s, v| at(&mut s.cost.classes, i, |x| x.children_per_class = v))} />
                    <CountField id={format!("cost.classes[{i}].carers_per_class")} label={tr(lang, "每班保育人员（0=按配比）", "Carers per class (0 = by ratio)")}
                        value={g.carers_per_class.unwrap_or(0)}
                        on_change={edit(&state, move |s, v: u32| at(&mut s.cost.classes, i, |x| x.carers_per_class = (v > 0).then_some(v)))} />
                    <button class="remove" aria-label={format!("{} {}", tr(lang, "删除班级", "Remove class"), i + 1)}
                        onclick={act(&state, move |s| { if s.cost.classes.len() > 1 { remove_at(&mut s.cost.classes, i); } })}>{ "×" }</button>
                </div>
            }) }
            <button onclick={act(&state, |s| s.cost.classes.push(ClassGroup { class_type: ClassType::OlderToddler, classes: 1, children_per_class: 20, carers_per_class: None }))}>
                { tr(lang, "添加班级", "Add class") }</button>
        </fieldset>
    };

    let staff_roles = [StaffRole::Teacher, StaffRole::Health, StaffRole::Cook, StaffRole::Admin, StaffRole::Other];
    let staff = html! {
        <fieldset>
            <legend>{ tr(lang, "人员与工资", "Staff and wages") }</legend>
            <NumberField id="cost.carer_monthly_wage" label={tr(lang, "保育人员月工资", "Carer monthly wage")} unit={tr(lang, "元", "yuan")} value={c.carer_monthly_wage}
                on_change={edit(&state, |s, v| s.cost.carer_monthly_wage = v)} />
            { for c.staff.iter().enumerate().map(|(i, st)| html! {
                <div class="row entry">
                    <SelectField id={format!("cost.staff[{i}].role")} label={tr(lang, "岗位", "Role")} value={st.role.key()}
                        options={staff_roles.iter().map(|r| (AttrValue::from(r.key()), AttrValue::from(pick(lang, r.name_zh(), r.name_en()).to_string()))).collect::<Vec<_>>()}
                        on_change={edit(&state, move |s, v: String| {
                            if let Some(r) = [StaffRole::Teacher, StaffRole::Health, StaffRole::Cook, StaffRole::Admin, StaffRole::Other].into_iter().find(|r| r.key() == v) { at(&mut s.cost.staff, i, |x| x.role = r) }
                        })} />
                    <NumberField id={format!("cost.staff[{i}].count")} label={tr(lang, "人数", "Count")} value={st.count} on_change={edit(&state, move |s, v| at(&mut s.cost.staff, i, |x| x.count = v))} />
                    <NumberField id={format!("cost.staff[{i}].monthly_wage")} label={tr(lang, "月工资", "Monthly wage")} unit={tr(lang, "元", "yuan")} value={st.monthly_wage} on_change={edit(&state, move |s, v| at(&mut s.cost.staff, i, |x| x.monthly_wage = v))} />
                    <button class="remove" aria-label={format!("{} {}", tr(lang, "删除人员", "Remove staff line"), i + 1)} onclick={act(&state, move |s| { remove_at(&mut s.cost.staff, i); })}>{ "×" }</button>
                </div>
            }) }
            <button onclick={act(&state, move |s| s.cost.staff.push(StaffLine { role: StaffRole::Teacher, count: d(1), monthly_wage: d(6000) }))}>{ tr(lang, "添加人员", "Add staff") }</button>
            <NumberField id="cost.social_insurance_rate" label={tr(lang, "社会保险单位费率", "Employer social insurance rate")} unit={tr(lang, "（0 至 1）", "(0 to 1)")} value={c.social_insurance_rate} on_change={edit(&state, |s, v| s.cost.social_insurance_rate = v)} />
            <NumberField id="cost.housing_fund_rate" label={tr(lang, "住房公积金单位费率", "Employer housing fund rate")} unit={tr(lang, "（0 至 1）", "(0 to 1)")} value={c.housing_fund_rate} on_change={edit(&state, |s, v| s.cost.housing_fund_rate = v)} />
        </fieldset>
    };

    let premises = html! {
        <fieldset>
            <legend>{ tr(lang, "场地与资产", "Premises and assets") }</legend>
            <NumberField id="cost.rent_monthly" label={tr(lang, "月租金", "Monthly rent")} unit={tr(lang, "元", "yuan")} value={c.rent_monthly} on_change={edit(&state, |s, v| s.cost.rent_monthly = v)} />
            { for c.assets.iter().enumerate().map(|(i, a)| {
                let gov_id = format!("cost.assets[{i}].government_funded");
                let on_gov = edit(&state, move |s, v: bool| at(&mut s.cost.assets, i, |x| x.government_funded = v)).reform(checked);
                html! {
                <div class="row entry">
                    <TextField id={format!("cost.assets[{i}].name")} label={tr(lang, "资产", "Asset")} value={a.name.clone()} on_change={edit(&state, move |s, v| at(&mut s.cost.assets, i, |x| x.name = v))} />
                    <NumberField id={format!("cost.assets[{i}].cost")} label={tr(lang, "原值", "Cost")} unit={tr(lang, "元", "yuan")} value={a.cost} on_change={edit(&state, move |s, v| at(&mut s.cost.assets, i, |x| x.cost = v))} />
                    <CountField id={format!("cost.assets[{i}].years")} label={tr(lang, "折旧年限", "Years")} value={a.years} on_change={edit(&state, move |s, v| at(&mut s.cost.assets, i, |x| x.years = v))} />
                    <div class="field check"><input id={gov_id.clone()} type="checkbox" checked={a.government_funded} onchange={on_gov} />
                        <label for={gov_id}>{ tr(lang, "政府投入购置（不计折旧）", "Government-funded (excluded)") }</label></div>
                    <button class="remove" aria-label={format!("{} {}", tr(lang, "删除资产", "Remove asset"), i + 1)} onclick={act(&state, move |s| { remove_at(&mut s.cost.assets, i); })}>{ "×" }</button>
                </div> }
            }) }
            <button onclick={act(&state, move |s| s.cost.assets.push(Asset { name: "设备".into(), cost: d(50000), years: 5, government_funded: false }))}>{ tr(lang, "添加资产", "Add asset") }</button>
        </fieldset>
    };

    let kinds = [UtilityKind::Water, UtilityKind::Electricity, UtilityKind::Gas, UtilityKind::Heating];
    let utilities = html! {
        <fieldset>
            <legend>{ tr(lang, "水电气热（托育机构执行居民价格，二(五)10）", "Utilities (nurseries pay residential prices, 二(五)10)") }</legend>
            { for c.utilities.iter().enumerate().map(|(i, u)| html! {
                <div class="row entry">
                    <SelectField id={format!("cost.utilities[{i}].kind")} label={tr(lang, "类别", "Kind")} value={u.kind.key()}
                        options={opts(lang, &[("water", "水", "water"), ("electricity", "电", "electricity"), ("gas", "气", "gas"), ("heating", "热", "heating")])}
                        on_change={edit(&state, move |s, v: String| if let Some(k) = kinds.into_iter().find(|k| k.key() == v) { at(&mut s.cost.utilities, i, |x| x.kind = k) })} />
                    <NumberField id={format!("cost.utilities[{i}].monthly_quantity")} label={tr(lang, "月用量", "Monthly use")} value={u.monthly_quantity} on_change={edit(&state, move |s, v| at(&mut s.cost.utilities, i, |x| x.monthly_quantity = v))} />
                    <NumberField id={format!("cost.utilities[{i}].residential_price")} label={tr(lang, "居民价", "Residential price")} value={u.residential_price} on_change={edit(&state, move |s, v| at(&mut s.cost.utilities, i, |x| x.residential_price = v))} />
                    <NumberField id={format!("cost.utilities[{i}].commercial_price")} label={tr(lang, "商业价", "Commercial price")} value={u.commercial_price.unwrap_or_default()} on_change={edit(&state, move |s, v| at(&mut s.cost.utilities, i, |x| x.commercial_price = Some(v)))} />
                    <SelectField id={format!("cost.utilities[{i}].tariff")} label={tr(lang, "实际计费", "Billed at")} value={if u.tariff == Tariff::Commercial { "commercial" } else { "residential" }}
                        options={opts(lang, &[("residential", "居民", "residential"), ("commercial", "商业", "commercial")])}
                        on_change={edit(&state, move |s, v: String| at(&mut s.cost.utilities, i, |x| x.tariff = if v == "commercial" { Tariff::Commercial } else { Tariff::Residential }))} />
                    <button class="remove" aria-label={format!("{} {}", tr(lang, "删除能源项", "Remove utility"), i + 1)} onclick={act(&state, move |s| { remove_at(&mut s.cost.utilities, i); })}>{ "×" }</button>
                </div>
            }) }
            <button onclick={act(&state, move |s| s.cost.utilities.push(UtilityLine { kind: UtilityKind::Water, monthly_quantity: d(100), residential_price: d(5), commercial_price: Some(d(9)), tariff: Tariff::Residential }))}>{ tr(lang, "添加水电气热", "Add utility") }</button>
        </fieldset>
    };

    let bases = [CostBasis::PerChild, CostBasis::PerClass, CostBasis::PerSite];
    let others = html! {
        <fieldset>
            <legend>{ tr(lang, "其他运营成本与伙食", "Other operating costs and meals") }</legend>
            { for c.other_costs.iter().enumerate().map(|(i, o)| html! {
                <div class="row entry">
                    <TextField id={format!("cost.other_costs[{i}].name")} label={tr(lang, "项目", "Item")} value={o.name.clone()} on_change={edit(&state, move |s, v| at(&mut s.cost.other_costs, i, |x| x.name = v))} />
                    <SelectField id={format!("cost.other_costs[{i}].basis")} label={tr(lang, "计量", "Per")} value={o.basis.key()}
                        options={opts(lang, &[("per_child", "每生", "per child"), ("per_class", "每班", "per class"), ("per_site", "每园", "per site")])}
                        on_change={edit(&state, move |s, v: String| if let Some(b) = bases.into_iter().find(|b| b.key() == v) { at(&mut s.cost.other_costs, i, |x| x.basis = b) })} />
                    <NumberField id={format!("cost.other_costs[{i}].monthly_amount")} label={tr(lang, "月金额", "Monthly amount")} unit={tr(lang, "元", "yuan")} value={o.monthly_amount} on_change={edit(&state, move |s, v| at(&mut s.cost.other_costs, i, |x| x.monthly_amount = v))} />
                    <button class="remove" aria-label={format!("{} {}", tr(lang, "删除费用项", "Remove cost"), i + 1)} onclick={act(&state, move |s| { remove_at(&mut s.cost.other_costs, i); })}>{ "×" }</button>
                </div>
            }) }
            <button onclick={act(&state, move |s| s.cost.other_costs.push(OtherCost { name: "其他".into(), basis: CostBasis::PerSite, monthly_amount: d(1000) }))}>{ tr(lang, "添加成本", "Add cost") }</button>
            <NumberField id="cost.food_per_child_month" label={tr(lang, "伙食成本（生均月，单列为伙食费）", "Food cost per child-month (meal fee, apart)")} unit={tr(lang, "元", "yuan")} value={c.food_per_child_month} on_change={edit(&state, |s, v| s.cost.food_per_child_month = v)} />
        </fieldset>
    };

    let enrol_kind = match &c.enrolment {
        Enrolment::Occupancy { .. } => "occupancy",
        Enrolment::AuditAverage { .. } => "audit_average",
        Enrolment::Children { .. } => "children",
    };
    let enrolment = html! {
        <fieldset>
            <legend>{ tr(lang, "入托人数与收费月数", "Enrolment and months charged") }</legend>
            <SelectField id="cost.enrolment/kind" label={tr(lang, "入托人数口径", "Enrolment basis")} value={enrol_kind}
                options={opts(lang, &[("occupancy", "托位 × 入托率", "places × occupancy"), ("audit_average", "监审平均 (年初×8+年末×4)/12", "audit average (start × 8 + end × 4) / 12"), ("children", "直接输入", "entered")])}
                on_change={edit(&state, |s, v: String| s.cost.enrolment = match v.as_str() {
                    "audit_average" => Enrolment::AuditAverage { start_of_year: Decimal::from(40), end_of_year: Decimal::from(50) },
                    "children" => Enrolment::Children { count: Decimal::from(45) },
                    _ => Enrolment::Occupancy { rate: Decimal::new(9, 1) },
                })} />
            { match &c.enrolment {
                Enrolment::Occupancy { rate } => html! { <NumberField id="cost.enrolment.rate" label={tr(lang, "入托率（0–1）", "Occupancy (0–1)")} value={*rate}
                    on_change={edit(&state, |s, v| s.cost.enrolment = Enrolment::Occupancy { rate: v })} /> },
                Enrolment::AuditAverage { start_of_year, end_of_year } => { let (a, b) = (*start_of_year, *end_of_year); html! { <>
                    <NumberField id="cost.enrolment.start_of_year" label={tr(lang, "年初在托人数", "Start-of-year enrolment")} unit={tr(lang, "人", "children")} value={a} on_change={edit(&state, move |s, v| s.cost.enrolment = Enrolment::AuditAverage { start_of_year: v, end_of_year: b })} />
                    <NumberField id="cost.enrolment.end_of_year" label={tr(lang, "年末在托人数", "End-of-year enrolment")} unit={tr(lang, "人", "children")} value={b} on_change={edit(&state, move |s, v| s.cost.enrolment = Enrolment::AuditAverage { start_of_year: a, end_of_year: v })} />
                </> } }
                Enrolment::Children { count } => html! { <NumberField id="cost.enrolment.count" label={tr(lang, "平均在托人数", "Average enrolment")} unit={tr(lang, "人", "children")} value={*count}
                    on_change={edit(&state, |s, v| s.cost.enrolment = Enrolment::Children { count: v })} /> },
            } }
            <NumberField id="cost.months_charged" label={tr(lang, "每年收费月数", "Months charged a year")} unit={tr(lang, "个月", "months")} value={c.months_charged} on_change={edit(&state, |s, v| s.cost.months_charged = v)} />
        </fieldset>
    };

    let line_ids: Vec<(AttrValue, AttrValue)> = match &result {
        Ok(e) => e
            .cost
            .lines
            .iter()
            .map(|l| (AttrValue::from(l.id.clone()), AttrValue::from(pick(lang, &l.label_zh, &l.label_en).to_string())))
            .collect(),
        Err(_) => Vec::new(),
    };
    let adjustments = html! {
        <fieldset>
            <legend>{ tr(lang, "核增核减（监审）", "Auditor's adjustments") }</legend>
            { for c.adjustments.iter().enumerate().map(|(i, a)| html! {
                <div class="row entry">
                    <SelectField id={format!("cost.adjustments[{i}].line")} label={tr(lang, "成本项目", "Cost line")} value={a.line.clone()} options={line_ids.clone()}
                        on_change={edit(&state, move |s, v: String| at(&mut s.cost.adjustments, i, |x| x.line = v))} />
                    <NumberField id={format!("cost.adjustments[{i}].approved_annual")} label={tr(lang, "核定年额", "Approved a year")} unit={tr(lang, "元", "yuan")} value={a.approved_annual} on_change={edit(&state, move |s, v| at(&mut s.cost.adjustments, i, |x| x.approved_annual = v))} />
                    <TextField id={format!("cost.adjustments[{i}].reason")} label={tr(lang, "理由", "Reason")} value={a.reason.clone()} on_change={edit(&state, move |s, v| at(&mut s.cost.adjustments, i, |x| x.reason = v))} />
                    <button class="remove" aria-label={format!("{} {}", tr(lang, "删除调整", "Remove adjustment"), i + 1)} onclick={act(&state, move |s| { remove_at(&mut s.cost.adjustments, i); })}>{ "×" }</button>
                </div>
            }) }
            <button onclick={act(&state, move |s| s.cost.adjustments.push(Adjustment { line: "premises.rent".into(), approved_annual: d(300000), reason: "按市场租金核减".into() }))}>{ tr(lang, "添加核增核减", "Add adjustment") }</button>
        </fieldset>
    };

    let o = &s.offsets;
    let quota_kind = match &o.quota_subsidy {
        None => "none",
        Some(QuotaSubsidy::Tier { tier: QualityTier::ModelOrFirst }) => "tier_1",
        Some(QuotaSubsidy::Tier { tier: QualityTier::SecondOrThird }) => "tier_2",
        Some(QuotaSubsidy::Amount { .. }) => "amount",
    };
    let rent_kind = match &o.rent_subsidy {
        None => "none",
        Some(RentSubsidy::PerMonth { .. }) => "per_month",
        Some(RentSubsidy::PerSquareMetreDay { .. }) => "per_m2_day",
    };
    // A custom quota subsidy starts at the amount of the tier chosen before (the second tier's
    // when none was), as the set has it on the date, not at a made-up figure.
    let custom_start = {
        let key = match &o.quota_subsidy {
            Some(QuotaSubsidy::Tier { tier: QualityTier::ModelOrFirst }) => "subsidy.quota.tier_1",
            _ => "subsidy.quota.tier_2",
        };
        state.params.decimal(key, s.date).map(|p| p.value).unwrap_or_default()
    };
    let offsets = html! {
        <fieldset>
            <legend>{ tr(lang, "政府投入与捐赠（扣减）", "Government input and donations (deducted)") }</legend>
            <SelectField id="offsets.quota_subsidy/kind" label={tr(lang, "生均定额补助", "Per-child quota subsidy")} value={quota_kind}
                options={[(AttrValue::from("none"), AttrValue::from(tr(lang, "无", "none")))].into_iter()
                    .chain([QualityTier::ModelOrFirst, QualityTier::SecondOrThird].map(|t| tier_option(&state.params, s.date, t, lang)))
                    .chain([(AttrValue::from("amount"), AttrValue::from(tr(lang, "自定", "custom")))]).collect::<Vec<_>>()}
                on_change={edit(&state, move |s, v: String| s.offsets.quota_subsidy = match v.as_str() {
                    "tier_1" => Some(QuotaSubsidy::Tier { tier: QualityTier::ModelOrFirst }),
                    "tier_2" => Some(QuotaSubsidy::Tier { tier: QualityTier::SecondOrThird }),
                    "amount" => Some(QuotaSubsidy::Amount { per_child_month: custom_start }),
                    _ => None,
                })} />
            if let Some(QuotaSubsidy::Amount { per_child_month }) = &o.quota_subsidy {
                <NumberField id="offsets.quota_subsidy.per_child_month" label={tr(lang, "补助（元/生/月）", "Subsidy (yuan per child-month)")} value={*per_child_month}
                    on_change={edit(&state, |s, v| s.offsets.quota_subsidy = Some(QuotaSubsidy::Amount { per_child_month: v }))} />
            }
            <SelectField id="offsets.rent_subsidy/kind" label={tr(lang, "租金补贴", "Rent subsidy")} value={rent_kind}
                options={opts(lang, &[("none", "无", "none"), ("per_month", "按月", "per month"), ("per_m2_day", "按平方米每天", "per m² per day")])}
                on_change={edit(&state, |s, v: String| s.offsets.rent_subsidy = match v.as_str() {
                    "per_month" => Some(RentSubsidy::PerMonth { amount: Decimal::from(5000) }),
                    "per_m2_day" => Some(RentSubsidy::PerSquareMetreDay { area_m2: Decimal::from(500), yuan_per_m2_day: Decimal::ONE, days_per_year: Decimal::from(365) }),
                    _ => None,
                })} />
            { match &o.rent_subsidy {
                Some(RentSubsidy::PerMonth { amount }) => html! { <NumberField id="offsets.rent_subsidy.amount" label={tr(lang, "每月补贴", "Per month")} unit={tr(lang, "元", "yuan")} value={*amount}
                    on_change={edit(&state, |s, v| s.offsets.rent_subsidy = Some(RentSubsidy::PerMonth { amount: v }))} /> },
                Some(RentSubsidy::PerSquareMetreDay { area_m2, yuan_per_m2_day, days_per_year }) => { let (a, r, dd) = (*area_m2, *yuan_per_m2_day, *days_per_year); html! { <>
                    <NumberField id="offsets.rent_subsidy.area_m2" label={tr(lang, "面积（m²）", "Area (m²)")} value={a} on_change={edit(&state, move |s, v| s.offsets.rent_subsidy = Some(RentSubsidy::PerSquareMetreDay { area_m2: v, yuan_per_m2_day: r, days_per_year: dd }))} />
                    <NumberField id="offsets.rent_subsidy.yuan_per_m2_day" label={tr(lang, "元/m²/天", "Yuan per m² per day")} value={r} on_change={edit(&state, move |s, v| s.offsets.rent_subsidy = Some(RentSubsidy::PerSquareMetreDay { area_m2: a, yuan_per_m2_day: v, days_per_year: dd }))} />
                </> } }
                None => html! {},
            } }
            { for o.grants.iter().enumerate().map(|(i, g)| html! {
                <div class="row entry">
                    <TextField id={format!("offsets.grants[{i}].name")} label={tr(lang, "一次性补助", "One-off grant")} value={g.name.clone()} on_change={edit(&state, move |s, v| at(&mut s.offsets.grants, i, |x| x.name = v))} />
                    <NumberField id={format!("offsets.grants[{i}].amount")} label={tr(lang, "金额", "Amount")} unit={tr(lang, "元", "yuan")} value={g.amount} on_change={edit(&state, move |s, v| at(&mut s.offsets.grants, i, |x| x.amount = v))} />
                    <CountField id={format!("offsets.grants[{i}].years")} label={tr(lang, "摊销年数", "Years")} value={g.years} on_change={edit(&state, move |s, v| at(&mut s.offsets.grants, i, |x| x.years = v))} />
                    <button class="remove" aria-label={format!("{} {}", tr(lang, "删除补助", "Remove grant"), i + 1)} onclick={act(&state, move |s| { remove_at(&mut s.offsets.grants, i); })}>{ "×" }</button>
                </div>
            }) }
            <button onclick={act(&state, move |s| s.offsets.grants.push(Grant { name: "扩学位补助".into(), amount: d(100000), years: 5 }))}>{ tr(lang, "添加一次性补助", "Add grant") }</button>
            <NumberField id="offsets.donations_annual" label={tr(lang, "社会无偿捐赠（年）", "Free donations (a year)")} unit={tr(lang, "元", "yuan")} value={o.donations_annual} on_change={edit(&state, |s, v| s.offsets.donations_annual = v)} />
            <NumberField id="offsets.utility_savings_annual" label={tr(lang, "水电气热优惠（年）", "Utility savings (a year)")} unit={tr(lang, "元", "yuan")} value={o.utility_savings_annual} on_change={edit(&state, |s, v| s.offsets.utility_savings_annual = v)} />
        </fieldset>
    };

    let (fee_kind, base, up, down) = match &s.fee {
        FeeBasis::Public { base_price, float_up, float_down } => ("public", *base_price, *float_up, *float_down),
        FeeBasis::PrivateInclusive => ("private_inclusive", None, None, None),
    };
    let income_year = match &s.income {
        IncomeBasis::District { year } => Some(*year),
        _ => None,
    };
    let basics = html! {
        <fieldset>
            <legend>{ tr(lang, "定价方式与收入", "Pricing and income") }</legend>
            <TextField id="name" label={tr(lang, "情景名称", "Scenario name")} value={s.name.clone()} on_change={edit(&state, |s, v| s.name = v)} />
            // The day whose parameter values the scenario uses (a date picker gives a whole date or none).
            <div class="field">
                <label for="date">{ tr(lang, "测算日期（参数按此日取值）", "Pricing date (parameters in force on it)") }</label>
                <span class="control"><input id="date" type="date" value={s.date.to_string()}
                    onchange={{ let set = edit(&state, |s, d: Date| s.date = d);
                        Callback::from(move |e: Event| if let Ok(d) = e.target_unchecked_into::<HtmlInputElement>().value().parse() { set.emit(d) }) }} /></span>
            </div>
            <SelectField id="fee/kind" label={tr(lang, "机构性质", "Institution")} value={fee_kind}
                options={opts(lang, &[("public", "公办：政府指导价", "public: guided price"), ("private_inclusive", "民办普惠：协商定价", "private inclusive: negotiated")])}
                on_change={edit(&state, |s, v: String| s.fee = if v == "public" { FeeBasis::Public { base_price: None, float_up: None, float_down: None } } else { FeeBasis::PrivateInclusive })} />
            if fee_kind == "public" {
                <NumberField id="fee.base_price" label={tr(lang, "基准价（0 = 按成本）", "Base price (0 = from cost)")} unit={tr(lang, "元/月", "yuan/month")} value={base.unwrap_or_default()}
                    on_change={edit(&state, move |s, v: Decimal| if let FeeBasis::Public { base_price, .. } = &mut s.fee { *base_price = (!v.is_zero()).then_some(v) })} />
                <NumberField id="fee.float_up" label={tr(lang, "上浮幅度（0–1）", "Upward float (0–1)")} value={up.unwrap_or_default()}
                    on_change={edit(&state, move |s, v: Decimal| if let FeeBasis::Public { float_up, .. } = &mut s.fee { *float_up = (!v.is_zero()).then_some(v) })} />
                <NumberField id="fee.float_down" label={tr(lang, "下浮幅度（0–1）", "Downward float (0–1)")} value={down.unwrap_or_default()}
                    on_change={edit(&state, move |s, v: Decimal| if let FeeBasis::Public { float_down, .. } = &mut s.fee { *float_down = (!v.is_zero()).then_some(v) })} />
            }
            <SelectField id="income/kind" label={tr(lang, "上限所用收入", "Income for the cap")} value={if income_year.is_some() { "district" } else { "direct" }}
                options={opts(lang, &[("district", "区级数据（参数）", "district figure (parameters)"), ("direct", "直接输入", "entered")])}
                on_change={edit(&state, |s, v: String| s.income = if v == "district" { IncomeBasis::District { year: 2022 } } else { IncomeBasis::HouseholdMonthly { amount: Decimal::from(15655) } })} />
            { match &s.income {
                IncomeBasis::HouseholdMonthly { amount } => html! { <NumberField id="income.amount" label={tr(lang, "家庭月均可支配收入", "Household monthly income")} unit={tr(lang, "元/月", "yuan/month")} value={*amount}
                    on_change={edit(&state, |s, v| s.income = IncomeBasis::HouseholdMonthly { amount: v })} /> },
                _ => html! {},
            } }
        </fieldset>
    };

    let results = match &result {
        Err(e) => {
            html! { <ErrorNote error={e.clone()} {lang} lead={tr(lang, "无法计算：", "Cannot compute: ")} testid="cost-error" /> }
        }
        Ok(e) => results_view(e, &state.params, lang),
    };
    let (headline, bad) = match &result {
        Err(_) => (tr(lang, "无法计算", "Cannot compute").to_string(), true),
        Ok(e) => headline(e, lang),
    };
    let on_print = {
        let st = state.clone();
        Callback::from(move |_: MouseEvent| {
            crate::print::print_report(&st, serde_json::to_string(&st.draft).unwrap_or_default())
        })
    };
    html! {
        <div class="page cost">
            <section class="inputs" aria-label={tr(lang, "成本调查表", "Cost survey form")}>
                { basics }{ classes }{ staff }{ premises }{ utilities }{ others }{ enrolment }{ adjustments }{ offsets }
            </section>
            <section id="cost-results" class="results" tabindex="-1" aria-label={tr(lang, "测算结果", "Result")} aria-live="polite">{ results }
                <button class="print" onclick={on_print}>{ tr(lang, "打印测算报告", "Print the report") }</button><SolveSection /></section>
            <ResultBar text={headline} {bad} target="cost-results" go={tr(lang, "查看结果", "See the result")} />
        </div>
    }
}

/// The result in one line, for the bar on narrow windows: the fee or range, whether it is held
/// at the cap, and how many findings there are. Bad news if either.
fn headline(e: &Evaluation, lang: Language) -> (String, bool) {
    let mut text = match e.fee.reference_range {
        Some(r) => format!(
            "{} {} – {}",
            tr(lang, "协商参考区间", "Reference range"),
            format::amount(r.low),
            format::amount(r.high)
        ),
        None => format!("{} {}", tr(lang, "政府指导价", "Guided fee"), format::amount(e.final_fee())),
    };
    text.push_str(tr(lang, " 元/月", " yuan/month"));
    if e.fee.capped {
        text.push_str(tr(lang, "（按上限）", " (held at the cap)"));
    }
    if !e.findings.is_empty() {
        text.push_str(" · ");
        text.push_str(&findings_count(e.findings.len(), lang));
    }
    (text, e.fee.capped || !e.findings.is_empty())
}

fn results_view(e: &Evaluation, params: &ParameterSet, lang: Language) -> Html {
    let fee = e.final_fee();
    // Chart labels in whole yuan, other amounts to the fen, by the set's rules.
    let yuan = |v| format::fee(params, e.date, v, lang);
    let money = |v| format::money(params, e.date, v, lang);
    let percent = |v| format::percent(params, e.date, v, lang);
    let per_month = tr(lang, " 元/月", " yuan/month");
    let mut bars = vec![WaterfallBar {
        label: tr(lang, "生均月成本", "Cost/child-month").into(),
        // From the exact figure, as the bar's height is: the fen-rounded one rounded again to the
        // yuan would be rounded twice (2,857.495 → 2,857.50 → 2,858 instead of 2,857).
        text: yuan(e.cost.cost_per_child_month),
        from: 0.0,
        to: px(e.cost.cost_per_child_month),
        total: true,
    }];
    let mut level = px(e.cost.cost_per_child_month);
    for l in &e.offsets.lines {
        let next = level - px(l.per_child_month);
        bars.push(WaterfallBar {
            label: format!("−{}", pick(lang, &l.label_zh, &l.label_en)),
            text: yuan(l.per_child_month),
            from: next,
            to: level,
            total: false,
        });
        level = next;
    }
    bars.push(WaterfallBar {
        label: tr(lang, "保本收费", "Break-even").into(),
        text: yuan(e.fee.break_even_fee),
        from: 0.0,
        to: px(e.fee.break_even_fee),
        total: true,
    });
    bars.push(WaterfallBar {
        label: tr(lang, "收费", "Fee").into(),
        text: yuan(fee),
        from: 0.0,
        to: px(fee),
        total: true,
    });
    let licensing: Vec<_> = e.findings.clone();
    html! { <>
        <dl class="figures">
            <dt>{ tr(lang, "收费上限", "Fee cap") }</dt>
            <dd><span data-testid="cost-cap">{ format::amount(e.cap.cap) }</span>{ per_month }<Why steps={steps_with(e, &["income.", "cap."])} {lang} /></dd>
            <dt>{ tr(lang, "核定年度总成本", "Approved annual cost") }</dt>
            <dd><span data-testid="total-cost">{ money(e.cost.total_approved) }</span>{ tr(lang, " 元", " yuan") }<Why steps={steps_with(e, &["cost.carers", "cost.enrolment", "cost.depreciation", "cost.total"])} {lang} /></dd>
            <dt>{ tr(lang, "生均月成本", "Cost per child-month") }</dt>
            <dd><span data-testid="cost-pcm">{ format::amount(e.cost.cost_per_child_month_rounded) }</span>{ per_month }<Why steps={steps_with(e, &["cost.child_months", "cost.per_child_month"])} {lang} /></dd>
            <dt>{ tr(lang, "扣除政府投入后保本收费", "Break-even fee after government input") }</dt>
            <dd><span data-testid="net-pcm">{ money(e.fee.break_even_fee) }</span>{ per_month }<Why steps={steps_with(e, &["offset."])} {lang} /></dd>
            <dt>{ if e.fee.guided_fee.is_some() { tr(lang, "政府指导价", "Guided fee") } else { tr(lang, "协商参考区间", "Reference range") } }</dt>
            <dd><span class="big" data-testid="fee">{
                match e.fee.reference_range { Some(r) => format!("{} – {}", format::amount(r.low), format::amount(r.high)), None => format::amount(fee) }
            }</span>{ per_month }
                if e.fee.capped { <span class="bad">{ tr(lang, "（按上限）", " (held at the cap)") }</span> }
                <Why steps={steps_with(e, &["fee."])} {lang} /></dd>
            if let Some(b) = e.fee.float_band {
                <dt>{ tr(lang, "浮动区间", "Float band") }</dt><dd>{ format!("{} – {}", format::amount(b.low), format::amount(b.high)) }{ per_month }</dd>
            }
            <dt>{ tr(lang, "伙食费（单列）", "Meal fee (apart)") }</dt><dd>{ format::amount(e.fee.meal_fee) }{ per_month }</dd>
            <dt>{ tr(lang, "占家庭收入比例", "Share of household income") }</dt><dd data-testid="income-share">{ percent(e.indicators.share_of_income) }</dd>
            if let Some(o) = e.indicators.break_even_occupancy {
                <dt>{ tr(lang, "保本入托率", "Break-even occupancy") }</dt><dd data-testid="break-even-occupancy">{ percent(o) }</dd>
            }
        </dl>
        <Waterfall {bars} cap={e.cap.cap} cap_label={tr(lang, "上限", "cap")} title={tr(lang, "从生均月成本到收费的瀑布图", "Waterfall from cost per child-month to the fee")} />
        <h3>{ tr(lang, "检查发现", "Findings") }</h3>
        <Findings findings={licensing} {lang} />
        <h3>{ tr(lang, "成本构成", "Cost lines") }</h3>
        <table class="lines">
            <thead><tr><th scope="col">{ tr(lang, "项目", "Line") }</th><th scope="col" class="num">{ tr(lang, "申报（年）", "Reported") }</th><th scope="col" class="num">{ tr(lang, "核定（年）", "Approved") }</th><th scope="col" class="num">{ tr(lang, "占比", "Share") }</th><th scope="col">{ tr(lang, "核增/核减", "Adjusted") }</th></tr></thead>
            <tbody>{ for e.cost.lines.iter().map(|l| html! {
                <tr><td data-name={l.id.starts_with("other.").then_some("")}>{ pick(lang, &l.label_zh, &l.label_en) }</td><td class="num">{ money(l.reported_annual) }</td>
                    <td class="num">{ money(l.approved_annual) }</td><td class="num">{ percent(l.share) }</td>
                    <td>{ l.adjustment.map(|a| a.name_zh()).unwrap_or("") }{ " " }{ l.reason.clone().unwrap_or_default() }</td></tr>
            }) }</tbody>
        </table>
    </> }
}
