//! Placeholder.

use yew::prelude::*;

#[function_component(ScenariosPage)]
pub fn page() -> Html {
    html! { <p>{ "…" }</p> }
}
