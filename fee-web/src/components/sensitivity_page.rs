//! 敏感性: tornado of the net cost to each input ±x%, a two-input grid against the cap,
//! and the exact value of each input at which the net cost reaches the cap. The page holds
//! the inputs; the worker draws the results (`worker/sensitivity.rs`), so the first load
//! carries none of the sensitivity code or its markup.

use fee_core::{Language, SensitivityInput};

use yew::prelude::*;

use crate::batch_protocol::WorkerPage;
use crate::components::edit::edit_form;
use crate::components::field::{CountField, NumberField, SelectField};
use crate::components::worker_page::WorkerPageView;
use crate::context::use_app;
use crate::forms::{input_key, input_of_key, SensitivityForm};
use crate::i18n::{pick, tr};
use crate::store::form;

fn label(i: SensitivityInput, lang: Language) -> String {
    pick(lang, i.label_zh(), i.label_en()).to_string()
}

#[function_component(SensitivityPage)]
pub fn sensitivity_page() -> Html {
    let state = use_app();
    let lang = state.lang;
    let form: SensitivityForm = form(&state.forms);
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
            <section class="inputs" aria-labelledby="tornado-h">
                <h3 id="tornado-h">{ tr(lang, "龙卷风图：各因素变动时的保本收费", "Tornado: break-even fee as each input moves") }</h3>
                <NumberField id="change" label={tr(lang, "变动幅度（0–1）", "Change (0–1)")} value={form.tornado_change} on_change={edit_form(&state, |f: &mut SensitivityForm, v| f.tornado_change = v)} />
                <h3 id="grid-h">{ tr(lang, "双因素网格（绿色 = 不超上限）", "Two-input grid (green = within the cap)") }</h3>
                <div class="row">
                    <SelectField id="grid.x.input" label={tr(lang, "行因素", "Rows")} value={input_key(form.x_in)} options={options.clone()} on_change={pick_input(|f, i| f.x_in = i)} />
                    <SelectField id="grid.y.input" label={tr(lang, "列因素", "Columns")} value={input_key(form.y_in)} options={options} on_change={pick_input(|f, i| f.y_in = i)} />
                    <CountField id="steps" label={tr(lang, "每轴点数", "Points per axis")} value={form.steps} on_change={edit_form(&state, |f: &mut SensitivityForm, v| f.steps = v)} />
                    <NumberField id="spread" label={tr(lang, "范围（±）", "Range (±)")} value={form.spread} on_change={edit_form(&state, |f: &mut SensitivityForm, v| f.spread = v)} />
                </div>
            </section>
            <WorkerPageView page={WorkerPage::Sensitivity} />
        </div>
    }
}
