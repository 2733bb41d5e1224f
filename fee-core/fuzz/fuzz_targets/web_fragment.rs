//! The browser app's URL fragment (`#/page?s=…`), read by the app's own router: any text
//! names a page (an unknown one is the cap page) and a page's link names it again; a shared
//! scenario, as the browser hands it over once it has decoded the fragment, is read and
//! evaluated. Nothing may panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../../fee-web/src/i18n.rs"]
#[allow(dead_code)]
mod i18n;
#[path = "../../../fee-web/src/route.rs"]
#[allow(dead_code)]
mod route;

use route::Route;

fuzz_target!(|data: &[u8]| {
    let Ok(hash) = std::str::from_utf8(data) else { return };
    let (page, query) = Route::parse(hash);
    assert_eq!(Route::parse(&page.href()), (page, None));
    let Some(shared) = query.as_deref().and_then(|q| q.strip_prefix("s=")) else { return };
    if let Ok(s) = fee_core::read_json::<fee_core::Scenario>(shared) {
        if let Ok(set) = fee_core::ParameterSet::chaoyang() {
            let _ = fee_core::evaluate(&s, set);
        }
    }
});
