//! Printing a report: the worker writes it (fee-core's one report layout, so the page's first
//! load carries none of it); the page puts it in a frame out of sight and opens the browser's print
//! dialog on that frame, so what is printed is the report alone, never the form.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::batch_client;
use crate::batch_protocol::{Request, Response};
use crate::state::{Action, AppState, Notice};

/// Asks the worker for the report of `input` (a scenario or a dossier, as JSON) under the
/// active parameter set, in the page's language, and prints it; says why when it cannot.
pub fn print_report(state: &AppState, input: String) {
    let request = Request::Report { input, params: (*state.params).clone(), lang: state.lang };
    let st = state.clone();
    batch_client::send(
        &request,
        &[],
        |_, _| {},
        move |response, bytes| match response {
            Response::File { .. } => print_html(&String::from_utf8_lossy(&bytes)),
            Response::Failed { reason_zh, reason_en } => st.dispatch(Action::Notify(Some(Notice::error(
                format!("报告未能生成：{reason_zh}"),
                format!("The report could not be made: {reason_en}"),
            )))),
            _ => {}
        },
    );
}

/// Shows `html` in the page's print frame (in index.html, out of sight) and prints the frame.
fn print_html(html: &str) {
    let Some(frame) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("print-frame"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlIFrameElement>().ok())
    else {
        return;
    };
    let printed = frame.clone();
    let onload = Closure::once_into_js(move || {
        if let Some(w) = printed.content_window() {
            let _ = w.print();
        }
    });
    frame.set_onload(Some(onload.unchecked_ref()));
    frame.set_srcdoc(html);
}
