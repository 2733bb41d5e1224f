//! Proposal files as CSV bytes: every row must get an outcome, the counts must add up, and
//! reading on a second thread must give the same lines as reading on one.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(set) = fee_core::ParameterSet::chaoyang() else { return };
    let date = "2024-06-01".parse().unwrap_or_else(|_| unreachable!());
    let income = fee_core::IncomeBasis::District { year: 2022 };
    let (mut one, mut two) = (Vec::new(), Vec::new());
    let a = fee_core::check_csv_single_threaded(data, set, date, &income, &mut |l| one.push(l), &mut |_| {});
    let b = fee_core::check_csv(data, set, date, &income, &mut |l| two.push(l), &mut |_| {});
    if let Ok(s) = &a {
        assert_eq!(s.rows_read, s.rows_passed + s.rows_with_findings + s.rows_rejected);
    }
    assert_eq!(a.map_err(|e| e.to_string()), b.map_err(|e| e.to_string()));
    assert_eq!(one, two);
});
