//! Placeholder.

use yew::prelude::*;

#[function_component(ParamsPage)]
pub fn page() -> Html {
    html! { <p>{ "…" }</p> }
}
