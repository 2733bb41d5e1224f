//! 参数: the parameter set in use with every value's source and label; load another set; what changed.

use fee_core::{Language, ParameterSet, SourceLabel};
use yew::prelude::*;

use crate::batch_client;
use crate::batch_protocol::{Request, Response};
use crate::components::field::SelectField;
use crate::context::use_app;
use crate::files::{parse_chosen, read_chosen_text, ReadTask};
use crate::i18n::{pick, source_label, tr};
use crate::state::{Action, Notice};

fn label_class(l: SourceLabel) -> &'static str {
    match l {
        SourceLabel::Primary => "label primary",
        SourceLabel::Secondary => "label secondary",
        SourceLabel::Example => "label example",
    }
}

/// How a chosen parameter file is written, by its name's ending (JSON unless it says otherwise).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ParameterFile {
    Json,
    Toml,
    Yaml,
}

impl ParameterFile {
    fn of(e: &Event) -> Self {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        let name = input.files().and_then(|f| f.get(0)).map(|f| f.name().to_ascii_lowercase()).unwrap_or_default();
        if name.ends_with(".toml") {
            ParameterFile::Toml
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            ParameterFile::Yaml
        } else {
            ParameterFile::Json
        }
    }
}

#[function_component(ParamsPage)]
pub fn params_page() -> Html {
    let state = use_app();
    let lang = state.lang;
    let reader: ReadTask = use_mut_ref(|| None);
    let p = state.params.clone();

    let on_file = {
        let st = state.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let st = st.clone();
            // TOML and YAML are read by the batch worker, which holds their readers; JSON here.
            let kind = ParameterFile::of(&e);
            read_chosen_text(e, &reader, move |res| {
                let take_set = move |set: Result<ParameterSet, (String, String)>| match set {
                    Ok(set) => {
                        let msg = format!("{} {}", set.id, set.version);
                        st.dispatch(Action::UseParams(set));
                        st.dispatch(Action::Notify(Some(Notice::ok(
                            format!("已载入参数集 {msg}。"),
                            format!("Parameter set {msg} loaded."),
                        ))));
                    }
                    Err((zh, en)) => st.dispatch(Action::Notify(Some(Notice::error(
                        format!("参数文件无法使用，未作任何改动：{zh}"),
                        format!("The parameter file cannot be used; nothing changed: {en}"),
                    )))),
                };
                match (kind, res) {
                    (ParameterFile::Json, res) => take_set(parse_chosen(res, ParameterSet::from_json)),
                    (_, Err(why)) => take_set(Err(why)),
                    (ParameterFile::Toml | ParameterFile::Yaml, Ok(text)) => {
                        let request = Request::ReadParameters { yaml: kind == ParameterFile::Yaml };
                        batch_client::send(
                            &request,
                            text.as_bytes(),
                            |_, _| {},
                            move |response, _| {
                                take_set(match response {
                                    Response::Parameters { json } => parse_chosen(Ok(json), ParameterSet::from_json),
                                    Response::Failed { reason_zh, reason_en } => Err((reason_zh, reason_en)),
                                    _ => Err(("参数文件未能读取".into(), "the parameter file was not read".into())),
                                })
                            },
                        );
                    }
                }
            });
        })
    };
    let mut builtin: Vec<(AttrValue, AttrValue)> = ParameterSet::builtin()
        .map(|s| {
            s.iter()
                .map(|x| (AttrValue::from(x.id.clone()), AttrValue::from(format!("{} {}", x.id, x.version))))
                .collect()
        })
        .unwrap_or_default();
    // A set loaded from a file is in use: the selector says so instead of naming a built-in one.
    if state.params_loaded {
        let loaded = format!("{}{} {}", tr(lang, "（已载入的参数集）", "(loaded set) "), p.id, p.version);
        builtin.insert(0, (AttrValue::from(""), AttrValue::from(loaded)));
    }
    let on_builtin = {
        let st = state.clone();
        Callback::from(move |id: String| {
            if let Ok(set) = ParameterSet::builtin_by_id(&id) {
                st.dispatch(Action::UseParams(set.clone()));
            }
        })
    };
    // What changed between the set the draft was made with (if built in) and the set in use.
    let baseline = ParameterSet::builtin_by_id(&state.draft.parameter_set.id)
        .ok()
        .filter(|b| b.version != p.version || state.params_loaded);
    let changes = baseline.map(|b| b.diff(&p)).unwrap_or_default();

    html! {
        <div class="page params">
            <p>{ format!("{} {} — {}", p.id, p.version, pick(lang, &p.title_zh, &p.title_en)) }</p>
            <div class="row">
                <SelectField id="builtin-set" label={tr(lang, "内置参数集", "Built-in set")} value={if state.params_loaded { String::new() } else { p.id.clone() }} options={builtin} on_change={on_builtin} />
                <div class="field"><label for="param-file">{ tr(lang, "从文件载入参数集（JSON、TOML 或 YAML）", "Load a parameter set from a file (JSON, TOML or YAML)") }</label>
                    <input id="param-file" type="file" accept=".json,.toml,.yaml,.yml,application/json" onchange={on_file} /></div>
            </div>
            if !changes.is_empty() {
                <section aria-labelledby="chg-h">
                    <h3 id="chg-h">{ tr(lang, "与情景制作时参数的差异", "Changes since the scenario's parameter set") }</h3>
                    <ul>{ for changes.iter().map(|c| html! {
                        <li><code>{ &c.name }</code>{ " " }{ p.parameter(&c.name).map(|par| format!("{}（{}）", pick(lang, &par.title_zh, &par.title_en), fee_core::unit_name(&par.unit, lang))).unwrap_or_default() }{ tr(lang, "：", ": ") }
                            { c.before.iter().map(|v| format!("{} ({})", v.value, v.from)).collect::<Vec<_>>().join(", ") }{ " → " }
                            { c.after.iter().map(|v| format!("{} ({})", v.value, v.from)).collect::<Vec<_>>().join(", ") }</li>
                    }) }</ul>
                </section>
            }
            // A wrapper of its own, so a phone scrolls the table and not the page.
            <div>
            <table class="lines params-table">
                <thead><tr>
                    <th scope="col">{ tr(lang, "参数", "Parameter") }</th><th scope="col">{ tr(lang, "值", "Value") }</th>
                    <th scope="col">{ tr(lang, "起止", "In force") }</th><th scope="col">{ tr(lang, "可靠性", "Label") }</th><th scope="col">{ tr(lang, "来源", "Source") }</th>
                </tr></thead>
                <tbody>{ for p.parameters().iter().flat_map(|(name, par)| par.values.iter().map(move |v| (name, par, v))).map(|(name, par, v)| html! {
                    <tr>
                        <td><code>{ name }</code><br />{ pick(lang, &par.title_zh, &par.title_en) }</td>
                        <td class="num">{ shown_value(&v.value, &par.unit, lang) }</td>
                        <td>{ format!("{} – {}", v.from, v.until.map(|u| u.to_string()).unwrap_or_default()) }</td>
                        <td><span class={label_class(v.label)}>{ source_label(v.label, lang) }</span></td>
                        <td>{ v.reference_in(lang) }</td>
                    </tr>
                }) }</tbody>
            </table>
            </div>
        </div>
    }
}

/// A parameter's value as a reader sees it: a number grouped by thousands with its unit, a
/// rounding mode in words.
fn shown_value(value: &fee_core::ValueText, unit: &str, lang: Language) -> String {
    if unit == "rounding_mode" {
        if let Ok(mode) = value.as_str().parse::<fee_core::RoundingMode>() {
            return mode.in_words(lang).to_string();
        }
    }
    match value.decimal() {
        // A share reads as a percentage: 0.20 as 20%, 0.5 as 50%.
        Some(d) if unit == "ratio" => {
            format!("{}%", fee_core::grouped((d * rust_decimal::Decimal::ONE_HUNDRED).normalize()))
        }
        Some(d) if unit == "flag" => {
            tr(lang, if d.is_zero() { "否" } else { "是" }, if d.is_zero() { "no" } else { "yes" }).into()
        }
        Some(d) => format!("{} {}", fee_core::grouped(d), fee_core::unit_name(unit, lang)),
        None => format!("{} {}", value.as_str(), fee_core::unit_name(unit, lang)),
    }
}
