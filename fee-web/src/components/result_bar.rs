//! On a narrow window the results come after a long form: a bar at the bottom of the window
//! keeps the headline result in sight while typing, and a button goes to the full results.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultBarProps {
    /// The headline result as text (a fee, a count of findings), already formatted.
    pub text: AttrValue,
    /// Whether the headline is bad news (over the cap, a finding, no result).
    pub bad: bool,
    /// The id of the results section the button goes to.
    pub target: AttrValue,
    /// The button's label.
    pub go: AttrValue,
}

/// Shown only on narrow windows (see `style.css`); on wide ones the results sit beside the form.
#[function_component(ResultBar)]
pub fn result_bar(p: &ResultBarProps) -> Html {
    let target = p.target.clone();
    // The results take the focus, so the keyboard and a screen reader continue from there.
    let go = Callback::from(move |_: MouseEvent| crate::dom::go_to(&target));
    html! {
        <div class="result-bar" data-testid="result-bar">
            <span class={classes!("headline", if p.bad { "bad" } else { "ok" })}>{ &p.text }</span>
            <button type="button" onclick={go}>{ &p.go }</button>
        </div>
    }
}
