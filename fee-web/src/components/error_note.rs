//! An error a page cannot compute past, naming the input it is about by that input's label
//! and offering to go to it.

use fee_core::{FeeError, Language};
use yew::prelude::*;

use crate::hooks::use_field_input;
use crate::i18n::tr;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct ErrorNoteProps {
    pub error: FeeError,
    pub lang: Language,
    /// Words before the message, such as "无法计算：".
    #[prop_or_default]
    pub lead: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// The message names the field by its path until the page's input for it is found (after the
/// first render), then by its label, with a button that goes to the input.
#[function_component(ErrorNote)]
pub fn error_note(p: &ErrorNoteProps) -> Html {
    let lang = p.lang;
    let input = use_field_input(p.error.field().to_string(), lang);
    let (message, go) = match &input {
        Some(input) => {
            let id = input.id.clone();
            let go = Callback::from(move |_: MouseEvent| crate::dom::go_to(&id));
            (p.error.message_naming(lang, &input.label), Some(go))
        }
        None => (p.error.message(lang), None),
    };
    // A draft made under a set the page does not hold (a shared link, an import): no input on
    // the page names it, and the remedy is on the parameters page, where a set is loaded or chosen.
    let other_set = p.error.field() == "parameter_set.id";
    html! {
        <p class="error" role="alert" data-testid={p.testid.clone()}>
            { &p.lead }{ message }
            if let Some(go) = go {
                <button type="button" class="link" onclick={go}>{ tr(lang, "转到此项", "Go to the field") }</button>
            }
            if other_set {
                { " " }<a href={Route::Params.href()}>{ tr(lang, "到“参数”页载入或选用参数集", "Load or choose a parameter set on the Parameters page") }</a>
            }
        </p>
    }
}
