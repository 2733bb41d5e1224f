//! Placeholder.

use yew::prelude::*;

#[function_component(CostPage)]
pub fn page() -> Html {
    html! { <p>{ "…" }</p> }
}
