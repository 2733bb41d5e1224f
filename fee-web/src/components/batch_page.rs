//! Placeholder.

use yew::prelude::*;

#[function_component(BatchPage)]
pub fn page() -> Html {
    html! { <p>{ "…" }</p> }
}
