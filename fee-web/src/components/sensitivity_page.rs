//! 敏感性: tornado of the net cost to each input ±x%, a two-input grid against the cap,
//! and the exact value of each input at which the net cost reaches the cap.

use fee_core::{grid, threshold, tornado, GridAxis, InputKind, Language, SensitivityInput};
use std::rc::Rc;

use yew::prelude::*;

use crate::components::charts::{TornadoChart, TornadoRow};
use crate::components::edit::edit_form;
use crate::components::error_note::ErrorNote;
use crate::components::field::{CountField, NumberField, SelectField};
use crate::components::grid_table::GridTable;
use crate::context::use_app;
use crate::format;
use crate::forms::{input_key, input_of_key, SensitivityForm};
use crate::hooks::use_grid_warm_up;
use crate::i18n::{pick, tr};
use crate::store::form;
use fee_core::unit_name as unit;

fn label(i: SensitivityInput, lang: Language) -> String {
    pick(lang, i.label_zh(), i.label_en()).to_string()
}

#[function_component(SensitivityPage)]
pub fn sensitivity_page() -> Html {
    let state = use_app();
    let lang = state.lang;
    let form: SensitivityForm = form(&state.forms);
    let params = state.params.clone();
    let draft = state.draft.clone();
    let date = state.draft.date;
    use_grid_warm_up(state.clone());

    let tornado_result = {
        let (d, p) = (draft.clone(), params.clone());
        use_memo((form.tornado_change, d, p), |(c, d, p)| tornado(d, p, *c))
    };
    let thresholds = {
        let (d, p) = (draft.clone(), params.clone());
        use_memo((d, p), |(d, p)| SensitivityInput::ALL.iter().map(|i| threshold(d, p, *i)).collect::<Vec<_>>())
    };
    let grid_result = {
        let (d, p) = (draft.clone(), params.clone());
        use_memo((d, p, form.x_in, form.y_in, form.steps, form.spread), |(d, p, x, y, n, sp)| {
            let now = || web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0);
            let t0 = now();
            let result = GridAxis::spread(*x, *sp, *n)
                .and_then(|ax| Ok((ax, GridAxis::spread(*y, *sp, *n)?)))
                .and_then(|(ax, ay)| grid(d, p, &ax, &ay))
                .map(Rc::new);
            // Whole microseconds, shown as milliseconds without float formatting code.
            let micros = ((now() - t0) * 1000.0) as u64;
            (result, micros)
        })
    };
    // Net costs are shown in whole yuan by the set's fee rule.
    let fee_rounding = state.params.rounding("rounding.fee", state.draft.date).map(|(r, _)| r);
    let options: Vec<(AttrValue, AttrValue)> = SensitivityInput::ALL
        .iter()
        .filter(|i| **i != SensitivityInput::CarerRatio)
        .map(|i| (AttrValue::from(input_key(*i)), AttrValue::from(label(*i, lang))))
        .collect();
    let pick_input = |f: fn(&mut SensitivityForm, SensitivityInput)| {
        let set = edit_form(&state, f);
        Callback::from(move |v: String| {
            if let Some(i) = input_of_key(&v) {
                set.emit(i)
            }
        })
    };

    html! {
        <div class="page sensitivity">
            <section aria-labelledby="tornado-h">
                <h3 id="tornado-h">{ tr(lang, "龙卷风图：各因素变动时的保本收费", "Tornado: break-even fee as each input moves") }</h3>
                <NumberField id="change" label={tr(lang, "变动幅度（0–1）", "Change (0–1)")} value={form.tornado_change} on_change={edit_form(&state, |f: &mut SensitivityForm, v| f.tornado_change = v)} />
                { match &*tornado_result {
                    Ok(t) => html! { <>
                        <p>{ tr(lang, "基准保本收费：", "Base break-even fee: ") }<span data-testid="tornado-base">{ format::money(&params, date, t.base_net, lang) }</span>{ tr(lang, " 元/月；上限：", " yuan/month; cap: ") }{ format::amount(t.cap) }{ tr(lang, " 元/月", " yuan/month") }</p>
                        <TornadoChart rows={t.bars.iter().map(|b| TornadoRow {
                            label: label(b.input, lang),
                            low: b.net_low,
                            high: b.net_high,
                            text: format!("{} – {}", format::fee(&params, date, b.net_low, lang), format::fee(&params, date, b.net_high, lang)),
                        }).collect::<Vec<_>>()}
                            base={t.base_net} cap={t.cap} title={tr(lang, "龙卷风图", "Tornado chart")} />
                    </> },
                    Err(e) => html! { <ErrorNote error={e.clone()} {lang} testid="tornado-error" /> },
                } }
            </section>
            <section aria-labelledby="thr-h">
                <h3 id="thr-h">{ tr(lang, "达到上限的临界值", "Where the break-even fee reaches the cap") }</h3>
                <table class="lines" data-testid="thresholds">
                    <thead><tr><th scope="col">{ tr(lang, "因素", "Input") }</th><th scope="col" class="num">{ tr(lang, "临界值", "Value at the cap") }</th><th scope="col" class="num">{ tr(lang, "相对当前倍数", "× current") }</th></tr></thead>
                    <tbody>{ for thresholds.iter().zip(SensitivityInput::ALL).map(|(t, i)| html! {
                        <tr><td>{ label(i, lang) }</td>
                        { match t {
                            Ok(t) => html! { <>
                                <td class="num">{ match (t.value, t.factor) {
                                    // An amount to the fen with its unit; a rate or a count as it is entered.
                                    (Some(v), _) => match i.kind() {
                                        InputKind::Amount => format!("{} {}", format::money(&params, date, v, lang), unit(i.unit(), lang)),
                                        InputKind::Children => format!("{} {}", format::share(&params, date, v, lang), unit(i.unit(), lang)),
                                        InputKind::Ratio | InputKind::Quantity => format::share(&params, date, v, lang),
                                    },
                                    // Several lines move together (all other staff, every utility): only the multiple is one number.
                                    (None, Some(_)) => tr(lang, "多项合计，见倍数", "several lines: see ×").into(),
                                    (None, None) => tr(lang, "无法达到", "not reached").into(),
                                } }</td>
                                <td class="num">{ t.factor.map(|v| format::share(&params, date, v, lang)).unwrap_or_default() }</td>
                            </> },
                            Err(e) => html! { <td colspan="2" class="error">{ e.message(lang) }</td> },
                        } }</tr>
                    }) }</tbody>
                </table>
            </section>
            <section aria-labelledby="grid-h">
                <h3 id="grid-h">{ tr(lang, "双因素网格（绿色 = 不超上限）", "Two-input grid (green = within the cap)") }</h3>
                <div class="row">
                    <SelectField id="grid.x.input" label={tr(lang, "行因素", "Rows")} value={input_key(form.x_in)} options={options.clone()} on_change={pick_input(|f, i| f.x_in = i)} />
                    <SelectField id="grid.y.input" label={tr(lang, "列因素", "Columns")} value={input_key(form.y_in)} options={options} on_change={pick_input(|f, i| f.y_in = i)} />
                    <CountField id="steps" label={tr(lang, "每轴点数", "Points per axis")} value={form.steps} on_change={edit_form(&state, |f: &mut SensitivityForm, v| f.steps = v)} />
                    <NumberField id="spread" label={tr(lang, "范围（±）", "Range (±)")} value={form.spread} on_change={edit_form(&state, |f: &mut SensitivityForm, v| f.spread = v)} />
                </div>
                <p>{ tr(lang, "网格计算用时：", "Grid computed in ") }<span data-testid="grid-ms">{ format!("{}.{:03}", grid_result.1 / 1000, grid_result.1 % 1000) }</span>{ " ms" }</p>
                { match (&grid_result.0, &fee_rounding) {
                    (Ok(g), Ok(rounding)) => html! { <GridTable grid={g.clone()} rounding={*rounding} {lang} /> },
                    (Err(e), _) | (_, Err(e)) => html! { <ErrorNote error={e.clone()} {lang} testid="grid-error" /> },
                } }
            </section>
        </div>
    }
}
