//! Keeps the page in step with the URL fragment, and reads a shared scenario from it.

use gloo::events::EventListener;
use yew::prelude::*;

use crate::route::Route;
use crate::state::{Action, AppState, Notice};

/// Reads `#/page?s=…`: navigates, and loads a shared scenario when one is present.
pub fn apply_hash(state: &AppState) {
    let Some(hash) = web_sys::window().and_then(|w| w.location().hash().ok()) else { return };
    let (route, query) = Route::parse(&hash);
    if route != state.route {
        state.dispatch(Action::Navigate(route));
    }
    let Some(q) = query else { return };
    let Some(encoded) = q.strip_prefix("s=") else { return };
    let decoded = js_sys::decode_uri_component(encoded).ok().and_then(|s| s.as_string());
    match decoded.map(|d| fee_core::read_json::<fee_core::Scenario>(&d)) {
        Some(Ok(s)) => {
            state.dispatch(Action::ReplaceDraft(Box::new(s)));
            state.dispatch(Action::Notify(Some(Notice {
                error: false,
                zh: "已从链接载入情景。".into(),
                en: "Scenario loaded from the link.".into(),
            })));
        }
        Some(Err(e)) => state.dispatch(Action::Notify(Some(Notice {
            error: true,
            zh: format!("链接中的情景无法读取，未作任何改动：{}", e.message_zh()),
            en: format!("The scenario in the link could not be read; nothing changed: {e}"),
        }))),
        None => {}
    }
    // Drop the payload from the address bar so a reload does not load it again over later edits.
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&route.href());
    }
}

#[hook]
pub fn use_hash_route(state: AppState) {
    use_effect_with((), move |_| {
        apply_hash(&state);
        let listener = web_sys::window().map(|w| {
            let state = state.clone();
            EventListener::new(&w, "hashchange", move |_| apply_hash(&state))
        });
        move || drop(listener)
    });
}
