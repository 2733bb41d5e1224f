//! Placeholder.

use yew::prelude::*;

#[function_component(FiscalPage)]
pub fn page() -> Html {
    html! { <p>{ "…" }</p> }
}
