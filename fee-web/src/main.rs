//! The browser app: every number comes from fee-core, nothing leaves the page.

mod app;
mod batch_client;
mod batch_protocol;
mod components;
mod context;
mod dom;
mod files;
mod format;
mod forms;
mod hooks;
mod i18n;
mod print;
mod route;
mod state;
mod store;

use state::{Notice, State};

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    install_panic_banner();
    let mut loaded = store::load(None, None);
    let mut notices = Vec::new();
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let raw = storage.get_item(store::KEY).ok().flatten();
        let raw_saved = storage.get_item(store::SAVED_KEY).ok().flatten();
        loaded = store::load(raw.as_deref(), raw_saved.as_deref());
        if loaded.saved_to_move {
            hooks::move_saved_first();
        }
        // Each key is read, or kept aside and reported, on its own.
        if let Some((raw, why)) = &loaded.set_aside {
            notices.push(hooks::keep_aside(
                raw,
                [format!("保存的数据无法读取（{why}）。"), format!("The saved data could not be read ({why}). ")],
                ["已用默认数据启动。", "Started with defaults."],
            ));
        }
        if let Some((raw, why)) = &loaded.saved_set_aside {
            notices.push(hooks::keep_aside(
                raw,
                [format!("保存的情景无法读取（{why}）。"), format!("The saved scenarios could not be read ({why}). ")],
                ["", ""],
            ));
        }
        if let Some((raw, e)) = &loaded.params_set_aside {
            notices.push(hooks::keep_aside(
                raw,
                [
                    format!("此前载入的参数集无法再次读取（{}）。", e.message_zh()),
                    format!("The parameter set loaded earlier could not be read again ({e}). "),
                ],
                ["已改用内置参数集。", "Using a built-in set."],
            ));
        }
    }
    let route = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| route::Route::parse(&h).0)
        .unwrap_or(route::Route::Cap);
    let mut state = State::new(loaded.store, loaded.params, route);
    // One notice for all that was kept aside.
    state.notice =
        notices.into_iter().reduce(|a, b| Notice::error(format!("{} {}", a.zh, b.zh), format!("{} {}", a.en, b.en)));
    // The app mounts in its own element, so the panic banner and the print frame beside it stay.
    let props = app::AppProps { initial: std::rc::Rc::new(state) };
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app")) else {
        return;
    };
    yew::Renderer::<app::App>::with_root_and_props(root, props).render();
}

/// A panic must not leave a blank page: show a banner; inputs are already in localStorage.
fn install_panic_banner() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("panic-banner"))
        {
            el.set_text_content(Some(&format!(
                "程序出错，请刷新页面；您输入的数据已保存。 Something went wrong; reload the page — your inputs are saved. ({msg})"
            )));
            let _ = el.remove_attribute("hidden");
        }
        web_sys::console::error_1(&msg.into());
    }));
}

/// The banner with a real panic, in headless Chromium: `wasm-bindgen-test-runner` (see
/// `scripts/test.sh`).
#[cfg(all(test, target_arch = "wasm32"))]
mod in_the_browser {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    /// A panic in a handler the browser calls (as every event handler of the app is called)
    /// shows the banner, in both languages with the panic's message, instead of a blank page.
    #[wasm_bindgen_test]
    fn a_panic_shows_the_banner() {
        let doc = web_sys::window().and_then(|w| w.document()).expect("a document");
        let banner = doc.create_element("div").expect("an element");
        banner.set_id("panic-banner");
        banner.set_attribute("hidden", "").expect("hidden");
        doc.body().expect("a body").append_child(&banner).expect("appended");
        super::install_panic_banner();
        let handler = Closure::<dyn Fn()>::new(|| panic!("a test panic"));
        let call: &js_sys::Function = handler.as_ref().unchecked_ref();
        // The panic ends the handler (panic = abort: a trap, which the browser sees as an exception).
        assert!(call.call0(&JsValue::NULL).is_err());
        assert!(!banner.has_attribute("hidden"));
        let text = banner.text_content().unwrap_or_default();
        assert!(text.starts_with("程序出错，请刷新页面；您输入的数据已保存。 Something went wrong"), "{text}");
        assert!(text.contains("a test panic"), "{text}");
    }
}
