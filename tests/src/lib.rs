//! Shared helpers of the integration tests: the one `check()` that runs worked cases.
//!
//! A case file holds a `rule` and a list of `cases`. Each case has a `name`, the
//! `source` of its expectation, the hand `working` that derives it, a `kind`
//! (which entry point to call), the `input`, and either `expected` (JSON pointers
//! into the result with the values a person derived) or `error` (the field and a
//! phrase the error must name).

pub mod survey;

use std::path::Path;

use serde_json::Value;

/// Runs every case of a file with fee-core's case runner ([`fee_core::CaseFile::run`], the one
/// `fee test` uses) and returns the failures, one line each; the project's own cases also write
/// down their source and hand working.
pub fn check(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file = fee_core::CaseFile::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(!file.rule.is_empty(), "{}: a case file names its rule", path.display());
    assert!(!file.cases.is_empty(), "{}: no cases", path.display());
    let mut failures = Vec::new();
    for (case, outcome) in file.cases.iter().zip(file.run(None)) {
        let mut fail = |msg: String| failures.push(format!("{} / {}: {msg}", path.display(), case.name));
        let working_written = match &case.working {
            Value::String(s) => !s.trim().is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => false,
        };
        if !working_written || case.source.trim().is_empty() {
            fail("every case writes down its source and hand working".into());
        }
        if case.expected.is_empty() == case.error.is_none() {
            fail("a case expects either values or an error".into());
        }
        for m in outcome.mismatches {
            fail(format!("{}: expected {}, got {}", m.pointer, m.expected, m.got));
        }
    }
    failures
}
