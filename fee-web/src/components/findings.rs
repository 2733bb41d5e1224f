//! Findings with severity, message and clause.

use fee_core::{Finding, Language};
use yew::prelude::*;

use crate::i18n::tr;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub findings: Vec<Finding>,
    pub lang: Language,
}

#[function_component(Findings)]
pub fn findings(p: &FindingsProps) -> Html {
    if p.findings.is_empty() {
        return html! { <p class="ok" role="status">{ tr(p.lang, "未发现问题。", "No findings.") }</p> };
    }
    html! {
        <ul class="findings" aria-live="polite">
            { for p.findings.iter().map(|f| html! {
                <li class={classes!("finding", f.severity.as_str())}>
                    <span class="sev">{ severity_label(f.severity, p.lang) }</span>
                    <span class="msg">{ f.message.text(p.lang) }</span>
                    <span class="src">{ f.source.text(p.lang) }</span>
                </li>
            }) }
        </ul>
    }
}

pub fn severity_label(s: fee_core::Severity, lang: Language) -> &'static str {
    tr(lang, s.name_zh(), s.name_en())
}
