//! Scenario JSON as it arrives from a file, an import, a share link (after the browser
//! decodes the fragment) or the stored draft: parse it and evaluate it. Nothing may panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = serde_json::from_slice::<fee_core::Scenario>(data) {
        if let Ok(set) = fee_core::ParameterSet::chaoyang() {
            let _ = fee_core::evaluate(&s, set);
            let _ = fee_core::threshold(&s, set, fee_core::SensitivityInput::Occupancy);
        }
    }
});
