//! Labelled inputs that keep what the user typed and say what is wrong with it.

use fee_core::parse_amount;
use rust_decimal::Decimal;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NumberProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: Decimal,
    pub on_change: Callback<Decimal>,
    #[prop_or_default]
    pub unit: AttrValue,
}

/// A decimal input: accepts "15,655", full-width digits and a trailing 元; a value that
/// does not parse stays on screen with its error and changes nothing.
#[function_component(NumberField)]
pub fn number_field(p: &NumberProps) -> Html {
    let text = use_state(|| p.value.to_string());
    let error = use_state(|| None::<String>);
    // The last value this field sent up; a different incoming value is an outside change.
    let sent = use_mut_ref(|| p.value);
    {
        let text = text.clone();
        let error = error.clone();
        let sent = sent.clone();
        use_effect_with(p.value, move |v| {
            if *sent.borrow() != *v {
                *sent.borrow_mut() = *v;
                text.set(v.to_string());
                error.set(None);
            }
        });
    }
    let oninput = {
        let text = text.clone();
        let error = error.clone();
        let sent = sent.clone();
        let cb = p.on_change.clone();
        let label = p.label.to_string();
        let lang = use_context::<crate::state::AppState>().map(|s| s.lang).unwrap_or_default();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            match parse_amount(&v, &label) {
                Ok(d) => {
                    error.set(None);
                    *sent.borrow_mut() = d;
                    cb.emit(d);
                }
                Err(err) => error.set(Some(err.message(lang))),
            }
            text.set(v);
        })
    };
    let err_id = format!("{}-err", p.id);
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={p.id.clone()}>{ &p.label }</label>
            <span class="control">
                <input id={p.id.clone()} type="text" inputmode="decimal" value={(*text).clone()} {oninput}
                    aria-invalid={error.is_some().to_string()}
                    aria-describedby={error.is_some().then(|| err_id.clone())} />
                if !p.unit.is_empty() { <span class="unit">{ &p.unit }</span> }
            </span>
            if let Some(e) = &*error { <span class="error" id={err_id} role="status">{ e }</span> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CountProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: u32,
    pub on_change: Callback<u32>,
}

/// A whole-number input.
#[function_component(CountField)]
pub fn count_field(p: &CountProps) -> Html {
    let cb = p.on_change.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let v = e.target_unchecked_into::<HtmlInputElement>().value();
        if let Ok(n) = v.trim().parse::<u32>() {
            cb.emit(n);
        }
    });
    html! {
        <div class="field">
            <label for={p.id.clone()}>{ &p.label }</label>
            <input id={p.id.clone()} type="number" min="0" step="1" value={p.value.to_string()} {oninput} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_change: Callback<String>,
}

/// A text input.
#[function_component(TextField)]
pub fn text_field(p: &TextProps) -> Html {
    let cb = p.on_change.clone();
    let oninput = Callback::from(move |e: InputEvent| cb.emit(e.target_unchecked_into::<HtmlInputElement>().value()));
    html! {
        <div class="field">
            <label for={p.id.clone()}>{ &p.label }</label>
            <input id={p.id.clone()} type="text" value={p.value.clone()} {oninput} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// (value, label) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub value: AttrValue,
    pub on_change: Callback<String>,
}

/// A labelled select.
#[function_component(SelectField)]
pub fn select_field(p: &SelectProps) -> Html {
    let cb = p.on_change.clone();
    let onchange = Callback::from(move |e: Event| cb.emit(e.target_unchecked_into::<HtmlSelectElement>().value()));
    html! {
        <div class="field">
            <label for={p.id.clone()}>{ &p.label }</label>
            <select id={p.id.clone()} {onchange}>
                { for p.options.iter().map(|(v, l)| html! { <option value={v.clone()} selected={*v == p.value}>{ l }</option> }) }
            </select>
        </div>
    }
}
