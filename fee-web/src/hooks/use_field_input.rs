//! Finds the form input an error names, once the page shows it.

use fee_core::Language;
use yew::prelude::*;

use crate::dom::{field_input, FieldInput};

/// The input (and its label as shown) that an error's `field` path names, looked up after
/// each render in which the field or the language changed; `None` until then, or when no
/// input holds the quantity.
#[hook]
pub fn use_field_input(field: String, lang: Language) -> Option<FieldInput> {
    let found = use_state(|| None);
    {
        let found = found.clone();
        use_effect_with((field, lang), move |(field, lang)| {
            let lang = *lang;
            let row = move |n: usize| match lang {
                Language::Zh => format!("（第 {n} 行）"),
                Language::En => format!(" (row {n})"),
            };
            found.set(field_input(field, row));
        });
    }
    (*found).clone()
}
