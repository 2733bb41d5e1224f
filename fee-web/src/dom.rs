//! Looking up and moving to elements of the page, for event handlers and effects.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Scrolls to the element with this id and gives it the focus, so the keyboard and a screen
/// reader continue from there.
pub fn go_to(id: &str) {
    let element = gloo::utils::document().get_element_by_id(id);
    if let Some(el) = element.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        el.scroll_into_view();
        let _ = el.focus();
    }
}

/// A form input an error names, and its label as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldInput {
    /// The input's id (the scenario path of what it edits, such as `cost.rent_monthly`).
    pub id: String,
    /// Its label, with the row for an input in a list ("每班托位（第 2 行）").
    pub label: String,
}

/// The input whose id is the error's `field` path or, for a path that names a choice (such
/// as `cost.enrolment`), the first input under it; `None` for a quantity no input holds.
pub fn field_input(field: &str, row: impl Fn(usize) -> String) -> Option<FieldInput> {
    if field.is_empty() || field.contains(['"', '\\']) {
        return None;
    }
    let doc = gloo::utils::document();
    let element = doc
        .get_element_by_id(field)
        .or_else(|| doc.query_selector(&format!(r#"[id^="{field}."], [id^="{field}["]"#)).ok().flatten())?;
    let id = element.id();
    let label = doc.query_selector(&format!(r#"label[for="{id}"]"#)).ok().flatten()?.text_content()?;
    // The row of a list entry: the first index in the path, counted from 1.
    let index =
        id.split_once('[').and_then(|(_, rest)| rest.split_once(']')).and_then(|(n, _)| n.parse::<usize>().ok());
    let label = match index {
        Some(i) => format!("{label}{}", row(i + 1)),
        None => label,
    };
    Some(FieldInput { id, label })
}
