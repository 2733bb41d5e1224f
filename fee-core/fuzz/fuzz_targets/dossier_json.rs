//! A pricing dossier given to `fee dossier`: any text is read into a dossier or refused, and
//! a dossier that is read is checked or refused naming why. A decision is lawful only when
//! no step is missing. Nothing may panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(dossier) = fee_core::read_json::<fee_core::Dossier>(text) else { return };
    let Ok(set) = fee_core::ParameterSet::builtin_by_id(&dossier.scenario.parameter_set.id) else { return };
    match fee_core::check_dossier(&dossier, set) {
        Ok(report) => assert!(!report.decision_lawful || report.missing.is_empty(), "{report:?}"),
        Err(e) => {
            let _ = (e.message(fee_core::Language::Zh), e.message(fee_core::Language::En));
        }
    }
});
