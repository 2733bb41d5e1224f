//! Writes the store to localStorage whenever what it holds changes: the saved scenarios under
//! their own key when they change, the rest on every change.

use std::sync::atomic::{AtomicBool, Ordering};

use yew::prelude::*;

use crate::state::{Action, AppState, Notice};
use crate::store;

static SAVING_DISABLED: AtomicBool = AtomicBool::new(false);
static SAVED_TO_MOVE: AtomicBool = AtomicBool::new(false);

/// Stops all saving: used when a damaged store could not be kept aside.
pub fn disable_saving() {
    SAVING_DISABLED.store(true, Ordering::Relaxed);
}

/// Holds the store back until the saved scenarios have been written under their own key: a
/// version 2 store still holds them, and must not be written without them before.
pub fn move_saved_first() {
    SAVED_TO_MOVE.store(true, Ordering::Relaxed);
}

#[hook]
pub fn use_persist(state: AppState) {
    // The saved scenarios first (effects run in order), so a store read as version 2 is
    // replaced only once they are safe under their own key.
    {
        let state = state.clone();
        use_effect_with(state.saved.clone(), move |saved| {
            if SAVING_DISABLED.load(Ordering::Relaxed) {
                return;
            }
            if write(store::SAVED_KEY, store::dump_saved(saved)) {
                SAVED_TO_MOVE.store(false, Ordering::Relaxed);
            } else {
                state.dispatch(Action::Notify(Some(not_saved())));
            }
        });
    }
    let snapshot = state.store();
    use_effect_with(snapshot, move |s| {
        if SAVING_DISABLED.load(Ordering::Relaxed) || SAVED_TO_MOVE.load(Ordering::Relaxed) {
            return;
        }
        if !write(store::KEY, store::dump(s)) {
            state.dispatch(Action::Notify(Some(not_saved())));
        }
    });
}

/// Writes `text` under `key`; whether it was written (nothing is written for no text).
fn write(key: &str, text: Option<String>) -> bool {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    match (storage, text) {
        (Some(storage), Some(text)) => storage.set_item(key, &text).is_ok(),
        // No storage at all (a private window that refuses it): nothing to report each time.
        (None, _) => true,
        (Some(_), None) => false,
    }
}

/// The notice when a write failed.
fn not_saved() -> Notice {
    Notice::error(
        "浏览器存储已满或不可用，改动未能保存；请导出情景备份。".into(),
        "Browser storage is full or unavailable; changes were not saved. Export your scenarios.".into(),
    )
}

/// Copies `raw` to a new backup key and reports it: `what` could not be read, where it went,
/// then what the app did instead, in Chinese and English. When the copy fails, all saving
/// stops, so what could not be kept aside is never overwritten.
pub fn keep_aside(raw: &str, what: [String; 2], then: [&str; 2]) -> Notice {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        disable_saving();
        let [zh, en] = what;
        return Notice::error(zh, en);
    };
    // A key of its own, even for two texts kept aside in the same millisecond.
    let now = js_sys::Date::now() as u64;
    let taken = |k: &String| storage.get_item(k).ok().flatten().is_some();
    let key = (0..)
        .map(|n| {
            if n == 0 {
                format!("{}{now}", store::BACKUP_PREFIX)
            } else {
                format!("{}{now}-{n}", store::BACKUP_PREFIX)
            }
        })
        .find(|k| !taken(k))
        .unwrap_or_default();
    let [zh, en] = if storage.set_item(&key, raw).is_ok() {
        [format!("原数据已另存为 {key}，未被覆盖。"), format!("It was kept aside under {key}, not overwritten. ")]
    } else {
        disable_saving();
        ["原数据未能另存，仍保留在原位。".into(), "It could not be copied and stays in place. ".into()]
    };
    let [what_zh, what_en] = what;
    Notice::error(format!("{what_zh}{zh}{}", then[0]), format!("{what_en}{en}{}", then[1]))
}

/// The district sample as stored (JSON text), empty when none is.
pub fn stored_district() -> String {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(store::DISTRICT_KEY).ok().flatten())
        .unwrap_or_default()
}

/// Stores the district sample; whether it was stored (nothing is, once saving has stopped).
pub fn save_district(sample: &str) -> bool {
    SAVING_DISABLED.load(Ordering::Relaxed) || write(store::DISTRICT_KEY, Some(sample.to_string()))
}
