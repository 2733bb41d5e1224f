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
    if p.steps.is_empty() {
        return html! {};
    }
    html! {
        <details class="why">
            <summary>{ tr(p.lang, "为什么是这个数？", "Why this number?") }</summary>
            <ol>{ for p.steps.iter().map(|s| step(s, p.lang)) }</ol>
        </details>
    }
}

/// One step.
fn step(s: &Step, lang: Language) -> Html {
    html! {
        <li class="step">
            <div><strong>{ pick(lang, &s.label_zh, &s.label_en) }</strong>{" = "}<span class="num">{ crate::format::amount(s.result) }</span>{" "}{ fee_core::unit_name(&s.unit, lang) }</div>
            <div class="formula"><code>{ s.formula.to_string() }</code></div>
            if !s.inputs.is_empty() {
                <div class="inputs">{ s.inputs.iter().map(|v| format!("{} = {}", v.name, crate::format::amount(v.value))).collect::<Vec<_>>().join(crate::i18n::tr(lang, "， ", ", ")) }</div>
            }
            <ul class="sources">{ for s.sources.iter().map(|src| source(src, lang)) }</ul>
        </li>
    }
}

/// A step's source; a document or a parameter's reference links to its entry on the audit page.
fn source(src: &fee_core::Source, lang: Language) -> Html {
    let cite = match src {
        fee_core::Source::Clause { document, clause } => format!("{document} {clause}"),
        fee_core::Source::Parameter { reference, .. } => reference.to_string(),
        _ => return html! { <li>{ src.text(lang) }</li> },
    };
    let href = format!("#/audit?cite={}", String::from(js_sys::encode_uri_component(&cite)));
    html! { <li><a href={href}>{ src.text(lang) }</a></li> }
}
