//! The browser app's stored data (localStorage, both keys), read by the app's own loader.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../../fee-web/src/store.rs"]
#[allow(dead_code)]
mod store;

#[path = "../../../fee-web/src/forms.rs"]
#[allow(dead_code)]
mod forms;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The same text as the saved scenarios' key: read, or kept aside whole.
    let saved = store::load(None, Some(text));
    match &saved.saved_set_aside {
        Some((raw, _)) => assert_eq!(raw, text),
        None => {
            let again = store::dump_saved(&saved.store.saved).map(|t| store::load(None, Some(&t)).store.saved);
            assert_eq!(again.as_ref(), Some(&saved.store.saved));
        }
    }
    let loaded = store::load(Some(text), None);
    // What cannot be read is kept aside whole, never dropped.
    if let Some((raw, _)) = &loaded.set_aside {
        assert_eq!(raw, text);
    }
    // The check page's inputs restore or are dropped, and what restores is stored again as read.
    if let Some((schedule, month)) = loaded.store.check.and_then(store::StoredCheck::restore) {
        let again = store::StoredCheck::of(&schedule, &month).restore();
        assert_eq!(again, Some((schedule, month)));
    }
    // A stored parameter set reads again, or is taken out whole to be kept aside.
    match (&loaded.params, &loaded.params_set_aside, &loaded.store.params) {
        (Some(_), None, Some(_)) | (None, None, None) => {}
        (None, Some(_), None) => assert!(loaded.set_aside.is_none()),
        other => panic!("a stored parameter set neither read nor kept aside: {other:?}"),
    }
    // So do the other pages' inputs, each value read or defaulted on its own.
    let forms = &loaded.store.forms;
    same_again::<forms::CapForm>(forms);
    same_again::<forms::SensitivityForm>(forms);
    same_again::<forms::FiscalForm>(forms);
    same_again::<forms::ProcedureForm>(forms);
});

/// A page's inputs as restored from `forms` restore the same once stored again.
fn same_again<F: store::StoredForm + PartialEq + std::fmt::Debug>(forms: &[Vec<String>]) {
    let restored: F = store::form(forms);
    let mut again = Vec::new();
    store::put_form(&mut again, &restored);
    assert_eq!(store::form::<F>(&again), restored);
}
