//! Proposal files as CSV bytes: every row must get an outcome and the counts must add up.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(set) = fee_core::ParameterSet::chaoyang() else { return };
    let date = "2024-06-01".parse().unwrap_or_else(|_| unreachable!());
    let income = fee_core::IncomeBasis::District { year: 2022 };
    if let Ok(s) = fee_core::check_csv(data, set, date, &income, &mut |_| {}, &mut |_| {}) {
        assert_eq!(s.rows_read, s.rows_passed + s.rows_with_findings + s.rows_rejected);
    }
});
