//! Talks to the batch worker, starting it on first use. The worker answers requests in the
//! order they were sent, so the callbacks wait in a queue in that order.

use std::cell::RefCell;
use std::collections::VecDeque;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::batch_protocol::{Request, Response};

type Done = Box<dyn FnOnce(Response, Vec<u8>)>;
type Progress = Box<dyn Fn(usize, usize)>;

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    static PENDING: RefCell<VecDeque<(Progress, Done)>> = const { RefCell::new(VecDeque::new()) };
    /// A message waiting for the worker to say it is ready; `None` once it has.
    static QUEUED: RefCell<Option<Vec<js_sys::Array>>> = const { RefCell::new(Some(Vec::new())) };
}

fn on_message(e: MessageEvent) {
    let msg: js_sys::Array = e.data().unchecked_into();
    let response = msg
        .get(0)
        .as_string()
        .and_then(|s| serde_json::from_str::<Response>(&s).ok())
        .unwrap_or_else(|| Response::failed("批量审核的回复无法读取", "unreadable answer from the batch worker"));
    if let Response::Ready = response {
        let queued = QUEUED.with(|q| q.borrow_mut().take()).unwrap_or_default();
        if let Some(w) = WORKER.with(|w| w.borrow().clone()) {
            for msg in queued {
                let _ = w.post_message(&msg);
            }
        }
        return;
    }
    if let Response::Progress { done, total } = response {
        PENDING.with(|p| {
            if let Some((progress, _)) = p.borrow().front() {
                progress(done, total)
            }
        });
        return;
    }
    let bytes = js_sys::Uint8Array::new(&msg.get(1)).to_vec();
    if let Some((_, done)) = PENDING.with(|p| p.borrow_mut().pop_front()) {
        done(response, bytes);
    }
}

fn worker() -> Result<Worker, String> {
    WORKER.with(|w| {
        if let Some(w) = w.borrow().as_ref() {
            return Ok(w.clone());
        }
        let worker = Worker::new("./batch-worker_loader.js").map_err(|e| format!("{e:?}"))?;
        let onmessage = Closure::<dyn Fn(MessageEvent)>::new(on_message);
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        *w.borrow_mut() = Some(worker.clone());
        Ok(worker)
    })
}

/// Sends a request with attached bytes; `progress` hears of rows checked, `done` gets the answer.
pub fn send(
    request: &Request,
    bytes: &[u8],
    progress: impl Fn(usize, usize) + 'static,
    done: impl FnOnce(Response, Vec<u8>) + 'static,
) {
    send_boxed(request, bytes, Box::new(progress), Box::new(done));
}

/// [`send`] compiled once, not once for every caller's callbacks.
fn send_boxed(request: &Request, bytes: &[u8], progress: Progress, done: Done) {
    let fail = |reason: String| Response::failed(reason.clone(), reason);
    let json = match serde_json::to_string(request) {
        Ok(j) => j,
        Err(e) => return done(fail(e.to_string()), Vec::new()),
    };
    let w = match worker() {
        Ok(w) => w,
        Err(e) => return done(fail(e), Vec::new()),
    };
    PENDING.with(|p| p.borrow_mut().push_back((progress, done)));
    let msg = js_sys::Array::new();
    msg.push(&JsValue::from_str(&json));
    msg.push(&js_sys::Uint8Array::from(bytes));
    // Until the worker is ready, keep the message; it is sent when the worker says so.
    let kept = QUEUED.with(|q| match q.borrow_mut().as_mut() {
        Some(queue) => {
            queue.push(msg.clone());
            true
        }
        None => false,
    });
    if kept {
        return;
    }
    if let Err(e) = w.post_message(&msg) {
        if let Some((_, done)) = PENDING.with(|p| p.borrow_mut().pop_back()) {
            done(fail(format!("{e:?}")), Vec::new());
        }
    }
}
