//! 财政测算: subsidy budgets for the plan's inclusive slot targets, the 街乡 split, and the
//! fee-versus-budget curve. The page holds the inputs, stored as the fiscal form's texts; the
//! worker draws the results from them (`worker/fiscal.rs`), so the first load carries none of
//! the fiscal plan, the split, the curve or their markup.

use rust_decimal::Decimal;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::batch_protocol::WorkerPage;
use crate::components::edit::edit_form;
use crate::components::field::{NumberField, TextField};
use crate::components::worker_page::WorkerPageView;
use crate::context::use_app;
use crate::forms::FiscalForm;
use crate::i18n::tr;
use crate::store::form;

#[function_component(FiscalPage)]
pub fn fiscal_page() -> Html {
    let state = use_app();
    let lang = state.lang;
    let form: FiscalForm = form(&state.forms);
    let on_weights = edit_form(&state, |f: &mut FiscalForm, text: String| f.weights = text)
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let yuan = tr(lang, "元/生/月", "yuan/child-month");
    html! {
        <div class="page fiscal">
            <section class="inputs" aria-labelledby="budget-h">
                <h3 id="budget-h">{ tr(lang, "普惠托位补助预算（方案一、托位目标）", "Subsidy budget for the inclusive slot targets (plan §一)") }</h3>
                <div class="row">
                    <NumberField id="subsidy.amount" label={tr(lang, "生均月补助", "Subsidy per child-month")} unit={yuan} value={form.subsidy_in(&state.params, state.draft.date)} on_change={edit_form(&state, |f: &mut FiscalForm, v| f.subsidy = Some(v))} />
                    <NumberField id="months_per_year" label={tr(lang, "每年补助月数", "Months a year")} unit={tr(lang, "个月", "months")} value={form.months} on_change={edit_form(&state, |f: &mut FiscalForm, v| f.months = v)} />
                    <NumberField id="occupancy" label={tr(lang, "入托率", "Occupancy")} unit={tr(lang, "（0 至 1）", "(0 to 1)")} value={form.occupancy} on_change={edit_form(&state, |f: &mut FiscalForm, v| f.occupancy = v)} />
                </div>
                <h3>{ tr(lang, "目标分解到街乡（最大余数法，合计等于目标）", "Split of a target across subdistricts and towns (largest remainder, sums to the target)") }</h3>
                <TextField id="split-target" label={tr(lang, "目标托位数", "Target slots")} value={form.target.map(|t| t.to_string()).unwrap_or_default()}
                    on_change={edit_form(&state, |f: &mut FiscalForm, v: String| f.target = v.trim().parse().ok())} />
                <div class="field">
                    <label for="split-weights">{ tr(lang, "街乡与权重（每行：名称,权重，如出生数或0–3岁人口；预填的是示例）", "Subdistricts and towns with weights (one per line: name,weight — births or population aged 0–3; the prefilled lines are an example)") }</label>
                    <textarea id="split-weights" rows="6" value={form.weights.clone()} oninput={on_weights} />
                </div>
                <h3>{ tr(lang, "收费与财政预算", "Fee versus budget") }</h3>
                <NumberField id="curve-cost" label={tr(lang, "生均月成本", "Cost per child-month")} unit={yuan} value={form.cost} on_change={edit_form(&state, |f: &mut FiscalForm, v: Decimal| f.cost = v)} />
            </section>
            <WorkerPageView page={WorkerPage::Fiscal} />
        </div>
    }
}
