//! Files the worker writes for the page, and printing a report: the worker writes it (fee-core's one report layout, so the page's first
//! load carries none of it); the page puts it in a frame out of sight and opens the browser's print
//! dialog on that frame, so what is printed is the report alone, never the form.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::batch_client;
use crate::batch_protocol::{Request, Response, WorkerPage};
use crate::state::{Action, AppState, Notice};

/// Asks the worker for the report of `input` (a scenario, a dossier, or the check page's
/// stored inputs, as JSON) under the active parameter set, in the page's language, and prints
/// it; says why when it cannot.
pub fn print_report(state: &AppState, input: String) {
    let request = Request::Page {
        page: WorkerPage::Print,
        sample: input,
        names: Vec::new(),
        lengths: Vec::new(),
        edit: Vec::new(),
        params: (*state.params).clone(),
        date: state.draft.date,
        income: state.draft.income.clone(),
        lang: state.lang,
    };
    ask_file(
        state,
        &request,
        ["报告未能生成：", "The report could not be made: "],
        Box::new(|_, _, bytes| print_html(&String::from_utf8_lossy(bytes))),
    );
}

/// What to do with a file the worker wrote: its name, type and bytes.
pub type FileDone = Box<dyn FnOnce(&str, &str, &[u8])>;

/// Sends `request`, whose answer is a file, to the worker; `done` gets the file's name, type
/// and bytes, or the page says why not after the lead `failed` (in Chinese and English).
pub fn ask_file(state: &AppState, request: &Request, failed: [&'static str; 2], done: FileDone) {
    let st = state.clone();
    batch_client::send(
        request,
        &[],
        |_, _| {},
        move |response, bytes| match response {
            Response::File { name, mime } => done(&name, &mime, &bytes),
            Response::Failed { reason_zh, reason_en } => st.dispatch(Action::Notify(Some(Notice::error(
                format!("{}{reason_zh}", failed[0]),
                format!("{}{reason_en}", failed[1]),
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
