//! Writes the store to localStorage whenever what it holds changes.

use std::sync::atomic::{AtomicBool, Ordering};

use yew::prelude::*;

use crate::state::{Action, AppState, Notice};
use crate::store;

static SAVING_DISABLED: AtomicBool = AtomicBool::new(false);

/// Stops all saving: used when a damaged store could not be kept aside.
pub fn disable_saving() {
    SAVING_DISABLED.store(true, Ordering::Relaxed);
}

#[hook]
pub fn use_persist(state: AppState) {
    let snapshot = state.store();
    use_effect_with(snapshot, move |s| {
        if SAVING_DISABLED.load(Ordering::Relaxed) {
            return;
        }
        let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
            return;
        };
        if storage.set_item(store::KEY, &store::dump(s)).is_err() {
            state.dispatch(Action::Notify(Some(Notice {
                error: true,
                zh: "浏览器存储已满或不可用，改动未能保存；请导出情景备份。".into(),
                en: "Browser storage is full or unavailable; changes were not saved. Export your scenarios.".into(),
            })));
        }
    });
}
