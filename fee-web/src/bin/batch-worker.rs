//! The batch worker: checks proposal files (CSV or xlsx) and writes findings files, and reads
//! parameter files written in TOML or YAML, off the page's thread and first load. Each message `[request JSON, bytes]` is answered by
//! progress messages and one final `[response JSON, bytes]`. The lines of the last file
//! checked stay here; the page asks for pages of them and for files written from them.

#[path = "../batch_protocol.rs"]
mod batch_protocol;

use std::cell::RefCell;

use batch_protocol::{FindingsFormat, Request, Response, View};
use fee_core::{BatchLine, BatchSummary};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    /// The lines and summary of the last file checked.
    static KEPT: RefCell<(Vec<BatchLine>, BatchSummary)> = RefCell::new((Vec::new(), BatchSummary::default()));
}

fn post(scope: &DedicatedWorkerGlobalScope, response: &Response, bytes: &[u8]) {
    let reply = js_sys::Array::new();
    reply.push(&JsValue::from_str(&serde_json::to_string(response).unwrap_or_default()));
    reply.push(&js_sys::Uint8Array::from(bytes));
    let _ = scope.post_message(&reply);
}

fn check(
    scope: &DedicatedWorkerGlobalScope,
    xlsx: bool,
    params: &fee_core::ParameterSet,
    date: fee_core::Date,
    income: fee_core::IncomeBasis,
    bytes: &[u8],
    view: &View,
) -> Result<Response, fee_core::FeeError> {
    // The previous file's lines go first, so two files are never held at once.
    KEPT.with(|k| *k.borrow_mut() = Default::default());
    let mut lines = Vec::new();
    let summary = if xlsx {
        fee_core::check_xlsx(bytes, params, date, &income, &mut |l| lines.push(l), &mut |_| {})?
    } else {
        check_csv(scope, params, date, &income, bytes, &mut lines)?
    };
    let page = view.page(&lines);
    KEPT.with(|k| *k.borrow_mut() = (lines, summary));
    Ok(Response::Checked { summary, page })
}

fn check_csv(
    scope: &DedicatedWorkerGlobalScope,
    params: &fee_core::ParameterSet,
    date: fee_core::Date,
    income: &fee_core::IncomeBasis,
    bytes: &[u8],
    lines: &mut Vec<BatchLine>,
) -> Result<BatchSummary, fee_core::FeeError> {
    // Rows stream through the checker (fields borrowed from the reader); the total for the
    // progress bar is the number of line breaks, less the header.
    let total = bytes.iter().filter(|b| **b == b'\n').count().saturating_sub(1).max(1);
    // A progress message at most every 5,000 rows.
    let mut posted = 0;
    let mut report = |done: usize| {
        if done >= posted + 5000 {
            posted = done;
            post(scope, &Response::Progress { done, total: total.max(done) }, &[]);
        }
    };
    fee_core::check_csv(bytes, params, date, income, &mut |l| lines.push(l), &mut report)
}

fn handle(scope: &DedicatedWorkerGlobalScope, request: &str, bytes: &[u8]) -> (Response, Vec<u8>) {
    let failed = |e: &fee_core::FeeError| (Response::failed_with(e), Vec::new());
    match serde_json::from_str::<Request>(request) {
        Err(e) => (Response::failed(format!("请求无法读取：{e}"), format!("bad request: {e}")), Vec::new()),
        Ok(Request::Check { xlsx, params, date, income, view }) => {
            match check(scope, xlsx, &params, date, income, bytes, &view) {
                Ok(r) => (r, Vec::new()),
                Err(e) => failed(&e),
            }
        }
        Ok(Request::Lines { view }) => (Response::Lines { page: KEPT.with(|k| view.page(&k.borrow().0)) }, Vec::new()),
        Ok(Request::Write { format }) => {
            let written = KEPT.with(|k| {
                let (lines, summary) = &*k.borrow();
                match format {
                    FindingsFormat::Xlsx => fee_core::findings_xlsx(lines, summary),
                    FindingsFormat::Csv => {
                        let mut buf = Vec::new();
                        fee_core::write_findings_csv(&mut buf, lines).map(|()| buf)
                    }
                }
            });
            match written {
                Ok(file) => (Response::Written, file),
                Err(e) => failed(&e),
            }
        }
        Ok(Request::ReadParameters { yaml }) => {
            let text = String::from_utf8_lossy(bytes);
            let set =
                if yaml { fee_core::ParameterSet::from_yaml(&text) } else { fee_core::ParameterSet::from_toml(&text) };
            match set.map(|s| serde_json::to_string(&s)) {
                Ok(Ok(json)) => (Response::Parameters { json }, Vec::new()),
                Ok(Err(e)) => {
                    (Response::failed(format!("无法写出 JSON：{e}"), format!("cannot write JSON: {e}")), Vec::new())
                }
                Err(e) => failed(&e),
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
