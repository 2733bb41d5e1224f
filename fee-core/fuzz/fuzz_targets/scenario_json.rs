//! Scenario JSON as it arrives from a file, an import, a share link (after the browser
//! decodes the fragment) or the stored draft: parse it and evaluate it. Nothing may panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(s) = fee_core::read_json::<fee_core::Scenario>(text) {
        if let Ok(set) = fee_core::ParameterSet::chaoyang() {
            let _ = fee_core::evaluate(&s, set);
            let _ = fee_core::threshold(&s, set, fee_core::SensitivityInput::Occupancy);
        }
    }
});
