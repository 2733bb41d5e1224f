//! 上限测算: the cap for an income, a fee's headroom and the lowest income at which it passes.

use fee_core::{cap_for, IncomeBasis};
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::components::edit::edit_form;
use crate::components::error_note::ErrorNote;
use crate::components::field::{NumberField, SelectField};
use crate::components::why::Why;
use crate::context::use_app;
use crate::format;
use crate::forms::CapForm;
use crate::i18n::tr;
use crate::store::form;

#[function_component(CapPage)]
pub fn cap_page() -> Html {
    let state = use_app();
    let lang = state.lang;
    let form: CapForm = form(&state.forms);
    let set = |f: fn(&mut CapForm, Decimal)| edit_form(&state, f);
    let on_mode = edit_form(&state, |f: &mut CapForm, m: String| f.mode = m);
    let basis = match form.mode.as_str() {
        "per_capita" => {
            IncomeBasis::PerCapitaAnnual { per_capita_annual: form.per_capita, household_size: form.household_size }
        }
        "district" => IncomeBasis::District { year: i32::try_from(form.year.trunc().mantissa()).unwrap_or(0) },
        _ => IncomeBasis::HouseholdMonthly { amount: form.amount },
    };
    let result = cap_for(&basis, Some(form.fee), &state.params, state.draft.date);
    html! {
        <div class="page cap">
            <section class="inputs" aria-labelledby="cap-in">
                <h3 id="cap-in">{ tr(lang, "输入", "Inputs") }</h3>
                <SelectField id="cap-mode" label={tr(lang, "收入口径", "Income basis")} value={form.mode.clone()} on_change={on_mode}
                    options={vec![
                        ("household_monthly".into(), tr(lang, "家庭月均可支配收入（直接输入）", "Household monthly income (direct)").into()),
                        ("per_capita".into(), tr(lang, "人均年可支配收入 × 户均人数", "Per-capita annual income × household size").into()),
                        ("district".into(), tr(lang, "参数中的区级数据（按年度）", "District figure from the parameters (by year)").into()),
                    ]} />
                {
                    match form.mode.as_str() {
                        "per_capita" => html! { <>
                            <NumberField key="cap-per-capita" id="income.per_capita_annual" label={tr(lang, "人均年可支配收入", "Per-capita annual income")} unit={tr(lang, "元/年", "yuan/year")}
                                value={form.per_capita} on_change={set(|f, v| f.per_capita = v)} />
                            <NumberField key="cap-household" id="income.household_size" label={tr(lang, "户均人数", "Persons per household")}
                                value={form.household_size} on_change={set(|f, v| f.household_size = v)} />
                        </> },
                        "district" => html! {
                            <NumberField key="cap-year" id="income.year" label={tr(lang, "收入年度", "Income year")} value={form.year} on_change={set(|f, v| f.year = v)} />
                        },
                        _ => html! {
                            <NumberField key="cap-income" id="income.amount" label={tr(lang, "上年度家庭月均可支配收入", "Previous-year household monthly income")} unit={tr(lang, "元/月", "yuan/month")}
                                value={form.amount} on_change={set(|f, v| f.amount = v)} />
                        },
                    }
                }
                // Where the income comes from: the active set, or a figure typed over it.
                <p class="hint" data-testid="income-source">{ match form.mode.as_str() {
                    "district" => format!("{}{} {}", tr(lang, "收入取自当前参数集 ", "Income from the active parameter set "), state.params.id, state.params.version),
                    _ => format!("{}{} {}", tr(lang, "用户输入的收入，不随参数集变化；当前参数集为 ", "An income typed by the user, not the active set's: the active set is "), state.params.id, state.params.version),
                } }</p>
                <NumberField key="cap-fee" id="fee" label={tr(lang, "拟定收费", "Fee to test")} unit={tr(lang, "元/月", "yuan/month")} value={form.fee} on_change={set(|f, v| f.fee = v)} />
            </section>
            <section class="results" aria-labelledby="cap-out" aria-live="polite">
                <h3 id="cap-out">{ tr(lang, "结果", "Result") }</h3>
                {
                    match result {
                        Ok(r) => {
                            let v = &r.value;
                            let passes = v.passes.unwrap_or(true);
                            html! { <>
                                <dl class="figures">
                                    <dt>{ tr(lang, "收费上限", "Fee cap") }</dt>
                                    <dd><span class="big" data-testid="cap">{ format::amount(v.cap) }</span>{ tr(lang, " 元/月", " yuan/month") }</dd>
                                    <dt>{ tr(lang, "距上限空间", "Headroom") }</dt>
                                    <dd class={if passes { "ok" } else { "bad" }}>
                                        <span data-testid="headroom">{ v.headroom.map(format::amount).unwrap_or_default() }</span>
                                        { if passes { tr(lang, "（未超上限）", " (within the cap)") } else { tr(lang, "（超过上限）", " (over the cap)") } }
                                    </dd>
                                    <dt>{ tr(lang, "不超上限所需最低收入", "Lowest income at which it passes") }</dt>
                                    <dd><span data-testid="lowest">{ v.lowest_passing_income.map(format::amount).unwrap_or_default() }</span>{ tr(lang, " 元/月", " yuan/month") }</dd>
                                </dl>
                                <Why steps={r.trace.steps().to_vec()} {lang} />
                            </> }
                        }
                        Err(e) => html! { <ErrorNote error={e} {lang} testid="cap-error" /> },
                    }
                }
            </section>
        </div>
    }
}
