//! "Why this number": the trace steps behind a figure, with formula, inputs and sources.

use fee_core::{Language, Step};
use yew::prelude::*;

use crate::i18n::{pick, tr};

#[derive(Properties, PartialEq)]
pub struct WhyProps {
    pub steps: Vec<Step>,
    pub lang: Language,
}

/// A disclosure with the steps; keyboard users open it with Enter or Space.
#[function_component(Why)]
pub fn why(p: &WhyProps) -> Html {
    let state = crate::context::use_app();
    if p.steps.is_empty() {
        return html! {};
    }
    let shown = Shown { params: &state.params, date: state.draft.date, lang: p.lang };
    html! {
        <details class="why">
            <summary>{ tr(p.lang, "为什么是这个数？", "Why this number?") }</summary>
            <ol>{ for p.steps.iter().map(|s| step(s, &shown)) }</ol>
        </details>
    }
}

/// How a trace's figures are shown: by the set's rules on the pricing date, in the page's language.
struct Shown<'a> {
    params: &'a fee_core::ParameterSet,
    date: fee_core::Date,
    lang: Language,
}

impl Shown<'_> {
    /// A figure by fee-core's one rule for trace figures (`fee_core::trace_figure`).
    fn figure(&self, v: rust_decimal::Decimal, unit: &str, name: &str) -> String {
        fee_core::trace_figure(self.params, self.date, v, unit, name)
    }
}

/// One step: its label and result with its unit, the formula and names in the page's language,
/// the inputs, the sources.
fn step(s: &Step, shown: &Shown<'_>) -> Html {
    let lang = shown.lang;
    let formula = fee_core::formula_text(&s.formula, lang).unwrap_or(&s.formula).to_string();
    let inputs: Vec<String> = s
        .inputs
        .iter()
        .map(|v| {
            let name = fee_core::value_name(&v.name, lang).map_or_else(|| v.name.to_string(), |n| n.into_owned());
            format!("{name} = {}", shown.figure(v.value, "", &v.name))
        })
        .collect();
    html! {
        <li class="step">
            <div><strong>{ pick(lang, &s.label_zh, &s.label_en) }</strong>{" = "}<span class="num">{ shown.figure(s.result, &s.unit, "") }</span>{" "}{ fee_core::unit_name(&s.unit, lang) }</div>
            <div class="formula"><code>{ formula }</code></div>
            if !inputs.is_empty() {
                <div class="inputs">{ inputs.join(tr(lang, "， ", ", ")) }</div>
            }
            <ul class="sources">{ for s.sources.iter().map(|src| source(src, lang)) }</ul>
        </li>
    }
}

/// A step's source; a document or a parameter's reference links to its entry on the audit page.
fn source(src: &fee_core::Source, lang: Language) -> Html {
    // A clause is cited as its document writes it: in Chinese, and marked so.
    let (cite, zh) = match src {
        fee_core::Source::Clause { document, clause } => (format!("{document} {clause}"), Some("zh-CN")),
        fee_core::Source::Parameter { reference, .. } => (reference.to_string(), None),
        _ => return html! { <li>{ src.text(lang) }</li> },
    };
    let href = format!("#/audit?cite={}", String::from(js_sys::encode_uri_component(&cite)));
    html! { <li><a href={href} lang={zh}>{ src.text(lang) }</a></li> }
}
