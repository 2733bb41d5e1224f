//! The batch worker: checks proposal files (CSV or xlsx) and writes findings files, off
//! the page's thread and first load. Each message `[request JSON, bytes]` is answered by
//! progress messages and one final `[response JSON, bytes]`.

#[path = "../batch_protocol.rs"]
mod batch_protocol;

use batch_protocol::{FindingsFormat, Request, Response};
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

fn check(
    scope: &DedicatedWorkerGlobalScope,
    xlsx: bool,
    params: &fee_core::ParameterSet,
    date: fee_core::Date,
    income: fee_core::IncomeBasis,
    bytes: &[u8],
) -> Result<Response, fee_core::FeeError> {
    let mut lines = Vec::new();
    if xlsx {
        let summary = fee_core::check_xlsx(bytes, params, date, &income, &mut |l| lines.push(l), &mut |_| {})?;
        return Ok(Response::Checked { lines, summary });
    }
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
    let summary = fee_core::check_csv(bytes, params, date, &income, &mut |l| lines.push(l), &mut report)?;
    Ok(Response::Checked { lines, summary })
}

fn handle(scope: &DedicatedWorkerGlobalScope, request: &str, bytes: &[u8]) -> (Response, Vec<u8>) {
    let failed = |reason: String| (Response::Failed { reason }, Vec::new());
    match serde_json::from_str::<Request>(request) {
        Err(e) => failed(format!("bad request: {e}")),
        Ok(Request::Check { xlsx, params, date, income }) => match check(scope, xlsx, &params, date, income, bytes) {
            Ok(r) => (r, Vec::new()),
            Err(e) => failed(e.to_string()),
        },
        Ok(Request::Write { format, lines, summary }) => {
            let written = match format {
                FindingsFormat::Xlsx => fee_core::findings_xlsx(&lines, &summary),
                FindingsFormat::Csv => {
                    let mut buf = Vec::new();
                    fee_core::write_findings_csv(&mut buf, &lines).map(|()| buf)
                }
            };
            match written {
                Ok(file) => (Response::Written, file),
                Err(e) => failed(e.to_string()),
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
