//! Placeholder.

use yew::prelude::*;

#[function_component(CheckPage)]
pub fn page() -> Html {
    html! { <p>{ "…" }</p> }
}
