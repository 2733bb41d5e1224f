//! 收费核查: an operator's fee schedule and disclosures checked against the rules, and the refund calculator.

use fee_core::{
    check_schedule, refund, ClassType, Disclosures, FeeItem, FeeItemKind, FeeRange, FeeSchedule, FeeUnit,
    InstitutionType, Language, RefundInput, RefundRule, ServiceForm, StandardKind,
};
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::components::edit::{at, checked, edit_month, edit_schedule, remove_at};
use crate::components::error_note::ErrorNote;
use crate::components::field::{CountField, NumberField, SelectField, TextField};
use crate::components::findings::Findings;
use crate::components::result_bar::ResultBar;
use crate::components::why::Why;
use crate::context::use_app;
use crate::format;
use crate::i18n::{findings_count, pick, tr};
use crate::store::unit_key;

fn opt<T: Copy>(list: &[T], key: impl Fn(T) -> String, name: impl Fn(T) -> String) -> Vec<(AttrValue, AttrValue)> {
    list.iter().map(|t| (AttrValue::from(key(*t)), AttrValue::from(name(*t)))).collect()
}

#[function_component(CheckPage)]
pub fn check_page() -> Html {
    let state = use_app();
    let lang = state.lang;
    let on = |f: fn(&mut FeeSchedule, Decimal)| edit_schedule(&state, f);
    let on_item = |i: usize, f: fn(&mut FeeItem, String)| {
        edit_schedule(&state, move |s, v: String| at(&mut s.items, i, |it| f(it, v)))
    };
    let sc = &state.check.schedule;
    let report = check_schedule(sc, &state.params, state.draft.date, &state.draft.income);
    // The result in one line, for the bar on narrow windows.
    let (headline, bad) = match &report {
        Ok(r) if r.findings.is_empty() => (tr(lang, "未发现问题", "No findings").to_string(), false),
        // Notes alone (a check the set cannot run) are said, but nothing failed.
        Ok(r) => (findings_count(r.findings.len(), lang), !r.passes()),
        Err(e) => (e.message(lang), true),
    };
    let kinds = opt(&InstitutionType::ALL, |k| k.key().into(), |k| pick(lang, k.name_zh(), k.name_en()).into());
    let classes = opt(&ClassType::ALL, |k| k.key().into(), |k| pick(lang, k.name_zh(), k.name_en()).into());
    let forms = opt(
        &[ServiceForm::FullDay, ServiceForm::HalfDay, ServiceForm::Hourly, ServiceForm::Temporary],
        |k| k.name_zh().into(),
        |k| pick(lang, k.name_zh(), k.name_en()).into(),
    );
    let units: Vec<(AttrValue, AttrValue)> = vec![
        ("元/月".into(), tr(lang, "元/月", "yuan/month").into()),
        ("元/天".into(), tr(lang, "元/天", "yuan/day").into()),
        ("元/小时".into(), tr(lang, "元/小时", "yuan/hour").into()),
    ];

    let checkbox = |id: &'static str,
                    zh: &'static str,
                    en: &'static str,
                    value: bool,
                    f: fn(&mut Disclosures, bool)| {
        let onchange = edit_schedule(&state, move |s, v: bool| f(&mut s.disclosures, v)).reform(checked);
        html! { <div class="field check"><input {id} type="checkbox" checked={value} {onchange} /><label for={id}>{ tr(lang, zh, en) }</label></div> }
    };
    let inclusive_cb = edit_schedule(&state, |s, v: bool| s.institution.inclusive = v).reform(checked);
    let range = sc.negotiated.reference_range.unwrap_or(FeeRange { low: Decimal::ZERO, high: Decimal::ZERO });
    // The printed report: the worker checks the stored inputs again and writes it.
    let on_print = {
        let st = state.clone();
        Callback::from(move |_: MouseEvent| {
            let stored = crate::store::StoredCheck::of(&st.check.schedule, &st.check.month);
            crate::print::print_report(&st, serde_json::to_string(&stored).unwrap_or_default())
        })
    };

    html! {
        <div class="page check">
            <section class="inputs" aria-labelledby="sched-h">
                <h3 id="sched-h">{ tr(lang, "收费方案", "Fee schedule") }</h3>
                <fieldset><legend>{ tr(lang, "机构", "Institution") }</legend>
                    <TextField id="institution.name" label={tr(lang, "机构名称", "Name")} value={sc.institution.name.clone()}
                        on_change={edit_schedule(&state, |s, v: String| s.institution.name = v)} />
                    <SelectField id="institution.kind" label={tr(lang, "机构类型", "Type")} value={sc.institution.kind.key()} options={kinds}
                        on_change={edit_schedule(&state, |s, v: String| if let Ok(k) = v.parse() { s.institution.kind = k })} />
                    <div class="field check"><input id="institution.inclusive" type="checkbox" checked={sc.institution.inclusive} onchange={inclusive_cb} />
                        <label for="institution.inclusive">{ tr(lang, "普惠性机构", "Inclusive institution") }</label></div>
                </fieldset>
                <fieldset><legend>{ tr(lang, "收费项目", "Fee items") }</legend>
                    { for sc.items.iter().enumerate().map(|(i, it)| html! {
                        <div class="row entry">
                            <TextField id={format!("items[{i}].item")} label={tr(lang, "项目", "Item")} value={pick(lang, it.item.name_zh(), it.item.name_en()).to_string()}
                                on_change={on_item(i, |it, v| if let Ok(k) = v.parse() { it.item = k })} />
                            <SelectField id={format!("items[{i}].class_type")} label={tr(lang, "班型", "Class")} value={it.class_type.key()} options={classes.clone()}
                                on_change={on_item(i, |it, v| if let Ok(k) = v.parse() { it.class_type = k })} />
                            <SelectField id={format!("items[{i}].form")} label={tr(lang, "形式", "Form")} value={it.form.name_zh()} options={forms.clone()}
                                on_change={on_item(i, |it, v| if let Ok(k) = v.parse() { it.form = k })} />
                            <NumberField id={format!("items[{i}].amount")} label={tr(lang, "金额", "Amount")} value={it.amount}
                                on_change={edit_schedule(&state, move |s, v: Decimal| at(&mut s.items, i, |x| x.amount = v))} />
                            <SelectField id={format!("items[{i}].unit")} label={tr(lang, "单位", "Unit")} value={unit_key(it.unit)} options={units.clone()}
                                on_change={on_item(i, |it, v| if let Ok(k) = v.parse() { it.unit = k })} />
                            <SelectField id={format!("items[{i}].standard")} label={tr(lang, "标准", "Standard")} value={if it.standard == StandardKind::Inclusive { "inclusive" } else { "non_inclusive" }}
                                options={vec![("inclusive".into(), tr(lang, "普惠", "inclusive").into()), ("non_inclusive".into(), tr(lang, "非普惠", "non-inclusive").into())]}
                                on_change={on_item(i, |it, v| it.standard = if v == "inclusive" { StandardKind::Inclusive } else { StandardKind::NonInclusive })} />
                            <button class="remove" aria-label={format!("{} {}", tr(lang, "删除项目", "Remove item"), i + 1)}
                                onclick={edit_schedule(&state, move |s, _: MouseEvent| remove_at(&mut s.items, i))}>{ "×" }</button>
                        </div>
                    }) }
                    <button onclick={edit_schedule(&state, |s, _: MouseEvent|
                        s.items.push(FeeItem { item: FeeItemKind::Care, class_type: ClassType::Toddler, form: ServiceForm::FullDay, amount: Decimal::from(2800), unit: FeeUnit::PerMonth, standard: StandardKind::Inclusive }))}>
                        { tr(lang, "添加项目", "Add item") }</button>
                </fieldset>
                <fieldset><legend>{ tr(lang, "公示与告知（二(二)2、二(二)4）", "Disclosures (二(二)2, 二(二)4)") }</legend>
                    { checkbox("d-items", "已公示收费项目和标准", "Fee items and standards published", sc.disclosures.items_published, |d, v| d.items_published = v) }
                    { checkbox("d-service", "已告知服务内容", "Service content published", sc.disclosures.service_content, |d, v| d.service_content = v) }
                    { checkbox("d-refund", "已告知收退费规则", "Refund rules published", sc.disclosures.refund_rules, |d, v| d.refund_rules = v) }
                    { checkbox("d-agreement", "已与家长签订服务协议", "Service agreement signed", sc.disclosures.agreement_signed, |d, v| d.agreement_signed = v) }
                    { checkbox("d-premises", "收费在营业场所显著位置公示", "Fees displayed at the premises", sc.disclosures.displayed_at_premises, |d, v| d.displayed_at_premises = v) }
                </fieldset>
                <fieldset><legend>{ tr(lang, "协商与成本（民办普惠）", "Negotiated range and costs (private inclusive)") }</legend>
                    <NumberField id="negotiated.reference_range.low" label={tr(lang, "参考区间下限", "Range low")} unit={tr(lang, "元/月", "yuan/month")} value={range.low} on_change={on(|s, v| { let hi = s.negotiated.reference_range.map(|r| r.high).unwrap_or(v); s.negotiated.reference_range = Some(FeeRange { low: v, high: hi }); })} />
                    <NumberField id="negotiated.reference_range.high" label={tr(lang, "参考区间上限", "Range high")} unit={tr(lang, "元/月", "yuan/month")} value={range.high} on_change={on(|s, v| { let lo = s.negotiated.reference_range.map(|r| r.low).unwrap_or(v); s.negotiated.reference_range = Some(FeeRange { low: lo, high: v }); })} />
                    <NumberField id="negotiated.approved_net_cost" label={tr(lang, "核定扣除补助后成本", "Approved net cost")} unit={tr(lang, "元/月", "yuan/month")} value={sc.negotiated.approved_net_cost.unwrap_or_default()} on_change={on(|s, v| s.negotiated.approved_net_cost = Some(v))} />
                    <NumberField id="meal_cost_per_child_month" label={tr(lang, "伙食成本（生均月）", "Food cost per child-month")} unit={tr(lang, "元/月", "yuan/month")} value={sc.meal_cost_per_child_month.unwrap_or_default()} on_change={on(|s, v| s.meal_cost_per_child_month = Some(v))} />
                </fieldset>
            </section>
            <section id="check-results" class="results" tabindex="-1" aria-labelledby="find-h" aria-live="polite">
                <h3 id="find-h">{ tr(lang, "核查结果", "Findings") }</h3>
                { match &report {
                    Ok(r) => html! { <>
                        <p>{ tr(lang, "公办收费上限：", "Public fee cap: ") }{ format::amount(r.cap) }{ tr(lang, " 元/月", " yuan/month") }{ tr(lang, "（参数集 ", " (parameter set ") }{ state.params.id.clone() }{ tr(lang, "）", ")") }</p>
                        <div data-testid="check-findings"><Findings findings={r.findings.iter().map(|f| f.finding.clone()).collect::<Vec<_>>()} {lang} /></div>
                        <button class="print" onclick={on_print}>{ tr(lang, "打印核查报告", "Print the report") }</button>
                    </> },
                    Err(e) => html! { <ErrorNote error={e.clone()} {lang} testid="check-error" /> },
                } }
                <RefundCalculator {lang} rule={sc.refund_rule.clone()}
                    on_rule={edit_schedule(&state, |s, r: RefundRule| s.refund_rule = Some(r))} />
            </section>
            <ResultBar text={headline} {bad} target="check-results" go={tr(lang, "查看结果", "See the result")} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RefundProps {
    lang: Language,
    /// The rule the institution discloses; the calculator uses it.
    rule: Option<RefundRule>,
    on_rule: Callback<RefundRule>,
}

#[function_component(RefundCalculator)]
fn refund_calculator(p: &RefundProps) -> Html {
    let state = use_app();
    let lang = p.lang;
    let rules = RefundRule::examples().unwrap_or_default();
    let rule = p.rule.clone();
    let rule_id = rule.as_ref().map(|r| r.id.clone()).unwrap_or_default();
    let m = &state.check.month;
    let result = rule.as_ref().map(|r| refund(r, m, &state.params, state.draft.date));
    let dec = |f: fn(&mut RefundInput, Decimal)| edit_month(&state, f);
    let cnt = |f: fn(&mut RefundInput, u32)| edit_month(&state, f);
    let on_wd = edit_month(&state, |m, v: bool| m.withdrawn = v).reform(checked);
    html! {
        <section class="refund" aria-labelledby="refund-h">
            <h3 id="refund-h">{ tr(lang, "退费计算", "Refund calculator") }</h3>
            <SelectField id="refund-rule" label={tr(lang, "本机构公示的退费规则（示例规则，非北京规定）", "The refund rule the institution discloses (example rules, not Beijing rules)")} value={rule_id}
                options={std::iter::once((AttrValue::from(""), AttrValue::from(tr(lang, "（未录入）", "(not on record)"))))
                    .chain(rules.iter().map(|r| (AttrValue::from(r.id.clone()), AttrValue::from(pick(lang, &r.name_zh, &r.name_en).to_string())))).collect::<Vec<_>>()}
                on_change={{ let on = p.on_rule.clone(); let rules = rules.clone(); Callback::from(move |v: String| if let Some(r) = rules.iter().find(|r| r.id == v) { on.emit(r.clone()) }) }} />
            <div class="row">
                <NumberField id="care_fee" label={tr(lang, "月保育费", "Monthly care fee")} unit={tr(lang, "元/月", "yuan/month")} value={m.care_fee} on_change={dec(|m, v| m.care_fee = v)} />
                <NumberField id="meal_fee" label={tr(lang, "月伙食费", "Monthly meal fee")} unit={tr(lang, "元/月", "yuan/month")} value={m.meal_fee} on_change={dec(|m, v| m.meal_fee = v)} />
                <CountField id="working_days" label={tr(lang, "当月工作日", "Working days")} value={m.working_days} on_change={cnt(|m, v| m.working_days = v)} />
                <CountField id="days_attended" label={tr(lang, "实际入托天数", "Days attended")} value={m.days_attended} on_change={cnt(|m, v| m.days_attended = v)} />
                <div class="field check"><input id="refund-withdrawn" type="checkbox" checked={m.withdrawn} onchange={on_wd} /><label for="refund-withdrawn">{ tr(lang, "当月退园", "Withdrew this month") }</label></div>
            </div>
            { match result {
                Some(Ok(r)) => html! { <>
                    <dl class="figures">
                        <dt>{ tr(lang, "退保育费", "Care refund") }</dt><dd><span data-testid="refund-care">{ format::amount(r.care_refund) }</span>{ tr(lang, " 元", " yuan") }</dd>
                        <dt>{ tr(lang, "退伙食费", "Meal refund") }</dt><dd><span data-testid="refund-meals">{ format::amount(r.meal_refund) }</span>{ tr(lang, " 元", " yuan") }</dd>
                        <dt>{ tr(lang, "合计", "Total") }</dt><dd><span data-testid="refund-total">{ format::amount(r.total) }</span>{ tr(lang, " 元", " yuan") }</dd>
                    </dl>
                    <Why steps={r.trace.steps().to_vec()} {lang} />
                </> },
                Some(Err(e)) => html! { <ErrorNote error={e} {lang} testid="refund-error" /> },
                None => html! {},
            } }
        </section>
    }
}
