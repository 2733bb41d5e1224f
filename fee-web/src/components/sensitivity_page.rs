//! Placeholder.

use yew::prelude::*;

#[function_component(SensitivityPage)]
pub fn page() -> Html {
    html! { <p>{ "…" }</p> }
}
