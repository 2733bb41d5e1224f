//! Files the user picks or drops, read in the page (nothing is uploaded), and files offered back.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::TargetCast;

/// The reading task in progress; dropping it cancels the read, so callers keep it.
pub type ReadTask = Rc<RefCell<Option<FileReader>>>;

/// Why a chosen file could not be read, in Chinese and English.
pub type ReadFailure = (String, String);

/// Reads the file chosen in an `<input type=file>` as UTF-8 text (a file in another encoding
/// is named by what it seems to be, with how to save it as UTF-8), then clears the input so
/// the same file can be chosen again.
pub fn read_chosen_text(e: web_sys::Event, task: &ReadTask, done: impl FnOnce(Result<String, ReadFailure>) + 'static) {
    read_text(e, task, Box::new(done));
}

/// [`read_chosen_text`] compiled once, not once for every caller's `done`.
fn read_text(e: web_sys::Event, task: &ReadTask, done: Box<dyn FnOnce(Result<String, ReadFailure>)>) {
    let input: HtmlInputElement = e.target_unchecked_into();
    let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
    let reader = gloo::file::callbacks::read_as_bytes(&file.into(), move |res| {
        done(match res {
            Err(e) => Err((e.to_string(), e.to_string())),
            Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
                let why = fee_core::TextEncoding::not_utf8(e.as_bytes(), "");
                (why.reason(fee_core::Language::Zh), why.reason(fee_core::Language::En))
            }),
        })
    });
    *task.borrow_mut() = Some(reader);
    input.set_value("");
}

/// Offers `bytes` to the user as a file called `name`: a Blob, an object URL and a click.
pub fn download(name: &str, mime: &str, bytes: &[u8]) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let array = js_sys::Array::new();
    array.push(&js_sys::Uint8Array::from(bytes));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&array, &props) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = doc.create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        a.set_href(&url);
        a.set_download(name);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// What a chosen file holds, as `parse` reads it, or why not in both languages (zh, en): the
/// file could not be read, or what it holds cannot be used.
pub fn parse_chosen<T>(
    read: Result<String, ReadFailure>,
    parse: impl FnOnce(&str) -> Result<T, fee_core::FeeError>,
) -> Result<T, (String, String)> {
    let text = read?;
    parse(&text).map_err(|e| (e.message_zh(), e.to_string()))
}
