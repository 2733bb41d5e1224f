//! The batch worker: draws the batch review and district pricing pages (proposal files
//! checked, findings written, survey workbooks pooled, reports written) and reads parameter
//! files written in TOML or YAML, off the page's thread and first load. Each message
//! `[request JSON, bytes]` is answered by progress messages and one final
//! `[response JSON, bytes]`. What a page read stays here between its requests.

#[path = "../batch_protocol.rs"]
mod batch_protocol;
// The check page's and the fiscal page's stored inputs, read back to print a report and draw
// the fiscal results; the rest of the store and the forms is the page's.
#[allow(dead_code)]
#[path = "../forms.rs"]
mod forms;
#[allow(dead_code)]
#[path = "../store.rs"]
mod store;
#[path = "../worker/mod.rs"]
mod worker;

use batch_protocol::{Request, Response, WorkerPage};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn post(scope: &DedicatedWorkerGlobalScope, response: &Response, bytes: &[u8]) {
    let reply = js_sys::Array::new();
    reply.push(&JsValue::from_str(&serde_json::to_string(response).unwrap_or_default()));
    reply.push(&js_sys::Uint8Array::from(bytes));
    let _ = scope.post_message(&reply);
}

/// The attached bytes cut into the files named, at their lengths.
fn files<'a>(names: &'a [String], lengths: &[usize], bytes: &'a [u8]) -> Vec<(&'a str, &'a [u8])> {
    let mut files = Vec::new();
    let mut at = 0usize;
    for (name, len) in names.iter().zip(lengths) {
        let end = at.saturating_add(*len).min(bytes.len());
        files.push((name.as_str(), &bytes[at..end]));
        at = end;
    }
    files
}

fn handle(scope: &DedicatedWorkerGlobalScope, request: &str, bytes: &[u8]) -> (Response, Vec<u8>) {
    match serde_json::from_str::<Request>(request) {
        Err(e) => (Response::failed(format!("请求无法读取：{e}"), format!("bad request: {e}")), Vec::new()),
        Ok(Request::Page { page: WorkerPage::Batch, names, lengths, edit, params, date, income, lang, .. }) => {
            if let Some((name, bytes)) = files(&names, &lengths, bytes).first() {
                let mut progress = |done, total| post(scope, &Response::Progress { done, total }, &[]);
                worker::batch::check(name, bytes, &params, date, &income, &mut progress);
            }
            if let Some(file) = worker::batch::edit(&edit, lang) {
                return file;
            }
            (Response::Page { sample: String::new(), html: worker::batch::markup(lang) }, Vec::new())
        }
        Ok(Request::Page { page: WorkerPage::District, sample, names, lengths, edit, params, date, income, lang }) => {
            let mut progress = |done, total| post(scope, &Response::Progress { done, total }, &[]);
            let files = files(&names, &lengths, bytes);
            worker::district::district(&sample, files, &edit, &params, date, income, lang, &mut progress)
        }
        Ok(Request::Page { page: WorkerPage::Fiscal, sample, edit, params, date, lang, .. }) => {
            worker::fiscal::fiscal(&sample, &edit, &params, date, lang)
        }
        Ok(Request::Page { page: WorkerPage::Sensitivity, sample, params, lang, .. }) => {
            worker::sensitivity::sensitivity(&sample, &params, lang)
        }
        Ok(Request::Page { page: WorkerPage::Print, sample, params, date, income, lang, .. }) => {
            worker::audit::report_file(&sample, &params, date, &income, lang)
        }
        Ok(Request::Page {
            page: page @ (WorkerPage::Audit | WorkerPage::Solve),
            sample,
            names,
            lengths,
            edit,
            params,
            date,
            lang,
            ..
        }) => {
            let files = files(&names, &lengths, bytes);
            worker::audit::audit(page == WorkerPage::Solve, &sample, files, &edit, &params, date, lang)
        }
        Ok(Request::Record { input, params, name }) => worker::audit::record_file(&input, &params, &name),
        Ok(Request::SaveWork { saved, draft, forms, params }) => worker::saved::export(&saved, &draft, &forms, &params),
        Ok(Request::Import { params }) => worker::saved::import(&String::from_utf8_lossy(bytes), &params),
        Ok(Request::ReadParameters { yaml }) => {
            let text = String::from_utf8_lossy(bytes);
            // A file of the shipped layout (a set's manifest or one rule file) is not a set alone:
            // say which file is expected.
            if !yaml {
                let kind = fee_core::ParameterSet::toml_file_kind(&text);
                if let (Some(zh), Some(en)) = (
                    kind.hint("所选文件", fee_core::Language::Zh),
                    kind.hint("The file chosen", fee_core::Language::En),
                ) {
                    return (Response::failed(zh, en), Vec::new());
                }
            }
            let set =
                if yaml { fee_core::ParameterSet::from_yaml(&text) } else { fee_core::ParameterSet::from_toml(&text) };
            match set.map(|s| serde_json::to_string(&s)) {
                Ok(Ok(json)) => (Response::Parameters { json }, Vec::new()),
                Ok(Err(e)) => {
                    (Response::failed(format!("无法写出 JSON：{e}"), format!("cannot write JSON: {e}")), Vec::new())
                }
                Err(e) => (Response::failed_with(&e), Vec::new()),
            }
        }
    }
}

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let msg: js_sys::Array = e.data().unchecked_into();
        let request = msg.get(0).as_string().unwrap_or_default();
        let bytes = js_sys::Uint8Array::new(&msg.get(1)).to_vec();
        let (response, out) = handle(&reply_to, &request, &bytes);
        post(&reply_to, &response, &out);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    post(&scope, &Response::Ready, &[]);
}
