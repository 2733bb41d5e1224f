//! 财政测算: subsidy budgets for the plan's inclusive slot targets, the 街乡 split, and the fee-versus-budget curve.

use fee_core::{budget_curve, curve_step, fiscal_plan, split_target, FiscalInput, SubsidyLevel};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::charts::Curve;
use crate::components::edit::edit_form;
use crate::components::error_note::ErrorNote;
use crate::components::field::{CountField, NumberField, SelectField};
use crate::components::why::Why;
use crate::context::use_app;
use crate::forms::FiscalForm;
use crate::i18n::{pick, tr};
use crate::store::form;

#[function_component(FiscalPage)]
pub fn fiscal_page() -> Html {
    let state = use_app();
    let lang = state.lang;
    let d = Decimal::from;
    let form: FiscalForm = form(&state.forms);

    let input = FiscalInput {
        subsidy: SubsidyLevel::PerChildMonth { amount: form.subsidy },
        months_per_year: form.months,
        occupancy: form.occupancy,
        date: state.draft.date,
    };
    let plan = fiscal_plan(&input, &state.params);
    let years: &[fee_core::FiscalYear] = plan.as_ref().map_or(&[], |p| p.years.as_slice());
    let first_target = years.first().and_then(|y| y.inclusive_slots.to_u32());
    let target_slots = form.target.or(first_target).unwrap_or(0);
    let curve_target = years.get(form.curve_year).or(years.first());
    let parsed = fee_core::read_weights(&form.weights).map_err(|e| e.message(lang));
    let split = parsed.and_then(|w| {
        split_target(u64::from(target_slots), &w).map_err(|e| e.message_naming(lang, tr(lang, "权重", "Weights")))
    });
    let curve = curve_target.map(|y| {
        curve_step(form.cost, 30).and_then(|step| {
            budget_curve(form.cost, d(0), form.cost, step, y.inclusive_slots, form.months, form.occupancy)
        })
    });
    // Amounts that are not rounded results are shown by the set's money rule.
    let money = |v| crate::format::money(&state.params, state.draft.date, v, lang);
    // The curve's axis ends, in whole yuan as the fees are.
    let money_whole = |v: Option<Decimal>| {
        AttrValue::from(v.map(|v| crate::format::fee(&state.params, state.draft.date, v, lang)).unwrap_or_default())
    };
    let on_weights = edit_form(&state, |f: &mut FiscalForm, text: String| f.weights = text)
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());

    html! {
        <div class="page fiscal">
            <section aria-labelledby="budget-h">
                <h3 id="budget-h">{ tr(lang, "普惠托位补助预算（方案一、托位目标）", "Subsidy budget for the inclusive slot targets (plan §一)") }</h3>
                <div class="row">
                    <NumberField id="subsidy.amount" label={tr(lang, "生均月补助", "Subsidy per child-month")} unit={tr(lang, "元", "yuan")} value={form.subsidy} on_change={edit_form(&state, |f: &mut FiscalForm, v| f.subsidy = v)} />
                    <NumberField id="months_per_year" label={tr(lang, "每年补助月数", "Months a year")} value={form.months} on_change={edit_form(&state, |f: &mut FiscalForm, v| f.months = v)} />
                    <NumberField id="occupancy" label={tr(lang, "入托率", "Occupancy")} value={form.occupancy} on_change={edit_form(&state, |f: &mut FiscalForm, v| f.occupancy = v)} />
                </div>
                { match &plan {
                    Ok(p) => html! { <>
                        <table class="lines" data-testid="budget">
                            <thead><tr><th scope="col">{ tr(lang, "目标", "Target") }</th><th scope="col" class="num">{ tr(lang, "普惠托位", "Inclusive slots") }</th><th scope="col" class="num">{ tr(lang, "年度预算（元）", "Annual budget (yuan)") }</th></tr></thead>
                            <tbody>{ for p.years.iter().map(|y| html! {
                                <tr><td>{ pick(lang, &y.label_zh, &y.label_en) }</td><td class="num">{ y.inclusive_slots.to_string() }</td><td class="num">{ money(y.annual_budget) }</td></tr>
                            }) }</tbody>
                        </table>
                        <Why steps={p.trace.steps().to_vec()} {lang} />
                    </> },
                    Err(e) => html! { <ErrorNote error={e.clone()} {lang} testid="budget-error" /> },
                } }
            </section>
            <section aria-labelledby="split-h">
                <h3 id="split-h">{ tr(lang, "目标分解到街乡（最大余数法，合计等于目标）", "Split of a target across subdistricts and towns (街乡; largest remainder, sums to the target)") }</h3>
                <CountField id="split-target" label={tr(lang, "目标托位数", "Target slots")} value={target_slots} on_change={edit_form(&state, |f: &mut FiscalForm, v| f.target = Some(v))} />
                <div class="field">
                    <label for="split-weights">{ tr(lang, "街乡与权重（每行：名称,权重，如出生数或0–3岁人口；预填的是示例）", "Subdistricts and towns with weights (one per line: name,weight — births or population aged 0–3; the prefilled lines are an example)") }</label>
                    <textarea id="split-weights" rows="6" value={form.weights.clone()} oninput={on_weights} />
                </div>
                { match &split {
                    Ok(parts) => html! {
                        <table class="lines" data-testid="split">
                            <thead><tr><th scope="col">{ tr(lang, "街乡", "Subdistrict or town") }</th><th scope="col" class="num">{ tr(lang, "权重", "Weight") }</th><th scope="col" class="num">{ tr(lang, "精确份额", "Exact share") }</th><th scope="col" class="num">{ tr(lang, "分配托位", "Slots") }</th></tr></thead>
                            <tbody>{ for parts.iter().map(|a| html! {
                                <tr><td>{ &a.name }</td><td class="num">{ a.weight.to_string() }</td><td class="num">{ money(a.exact) }</td><td class="num">{ fee_core::grouped(Decimal::from(a.slots)) }</td></tr>
                            }) }
                            <tr><th scope="row">{ tr(lang, "合计", "Total") }</th><td /><td /><td class="num" data-testid="split-total">{ fee_core::grouped(Decimal::from(parts.iter().map(|a| a.slots).sum::<u64>())) }</td></tr>
                            </tbody>
                        </table>
                    },
                    Err(e) => html! { <p class="error" role="alert" data-testid="split-error">{ e }</p> },
                } }
            </section>
            <section aria-labelledby="curve-h">
                <h3 id="curve-h">{ tr(lang, "收费与财政预算", "Fee versus budget") }</h3>
                <div class="row">
                    <SelectField id="curve-target" label={tr(lang, "托位目标", "Slot target")} value={form.curve_year.to_string()}
                        options={years.iter().enumerate().map(|(i, y)| (AttrValue::from(i.to_string()), AttrValue::from(format!("{}（{}）", pick(lang, &y.label_zh, &y.label_en), y.inclusive_slots)))).collect::<Vec<_>>()}
                        on_change={edit_form(&state, |f: &mut FiscalForm, v: String| f.curve_year = v.parse().unwrap_or(0))} />
                    <NumberField id="curve-cost" label={tr(lang, "生均月成本", "Cost per child-month")} unit={tr(lang, "元", "yuan")} value={form.cost} on_change={edit_form(&state, |f: &mut FiscalForm, v| f.cost = v)} />
                </div>
                { match &curve {
                    Some(Ok(pts)) => html! { <Curve points={pts.iter().map(|p| (p.fee, p.annual_budget)).collect::<Vec<_>>()}
                        x_first={money_whole(pts.first().map(|p| p.fee))} x_last={money_whole(pts.last().map(|p| p.fee))}
                        y_top={money_whole(pts.iter().map(|p| p.annual_budget).max())}
                        x_label={tr(lang, "家庭承担收费（元/月）", "Fee paid by families (yuan/month)")} y_label={tr(lang, "年度预算（元）", "Annual budget (yuan)")}
                        title={tr(lang, "收费与预算曲线", "Fee versus budget curve")} /> },
                    Some(Err(e)) => html! { <ErrorNote error={e.clone()} {lang} testid="curve-error" /> },
                    None => html! {},
                } }
            </section>
        </div>
    }
}
