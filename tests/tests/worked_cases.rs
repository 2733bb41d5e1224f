//! Runs every worked case under `tests/cases/` through `check()`.

use std::path::Path;

#[test]
fn worked_cases_match_the_hand_derivations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    for f in files.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        failures.extend(fee_tests::check(f));
        checked += 1;
    }
    assert!(checked >= 2, "the case files were not found in {}", dir.display());
    assert!(failures.is_empty(), "{} failing cases:\n{}", failures.len(), failures.join("\n"));
}
