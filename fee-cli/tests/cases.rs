//! `fee test`: a bureau's worked cases pass, a wrong expectation fails with its difference.

mod common;

use common::{fee, scratch};

#[test]
fn the_bureau_example_passes_and_the_project_cases_too() {
    let o = fee(&["test", "samples/cases/bureau-example.yaml"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.ends_with("共 4 个案例：通过 4 个，未通过 0 个。\n"), "{out}");
    // The project's own cases are files of the same format.
    let o = fee(&["test", "--lang", "en", "tests/cases"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}");
    assert!(out.contains(" passed, 0 failed."), "{out}");
}

#[test]
fn a_wrong_expectation_fails_with_exit_1_and_the_difference() {
    let dir = scratch("cases");
    let text = std::fs::read_to_string(common::root().join("samples/cases/bureau-example.yaml")).unwrap();
    // The cap is 3,131.00 (15,655 × 20%); a clerk who wrote 3,130 is 1 yuan short.
    let wrong = text.replacen("/value/cap: \"3131.00\"", "/value/cap: \"3130\"", 1);
    assert_ne!(wrong, text);
    let path = dir.join("wrong.yaml");
    std::fs::write(&path, wrong).unwrap();
    let o = fee(&["test", path.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("未通过 2022 年朝阳区收费上限"), "{out}");
    assert!(out.contains("/value/cap：应为 \"3130\"，实为 \"3131.00\"；差额 +1"), "{out}");
    assert!(out.ends_with("共 4 个案例：通过 3 个，未通过 1 个。\n"), "{out}");
    // JSON for pipelines: the same outcome with the difference as an exact decimal.
    let o = fee(&["test", "--format", "json", path.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json[0]["cases"][0]["passed"], false);
    assert_eq!(json[0]["cases"][0]["mismatches"][0]["difference"], "1.00");
}

#[test]
fn a_case_file_that_does_not_read_is_one_line_naming_the_field() {
    let dir = scratch("cases-bad");
    let path = dir.join("bad.json");
    std::fs::write(&path, r#"{"rule": "x", "cases": [{"name": "a", "kind": "cap", "inputs": {}}]}"#).unwrap();
    let o = fee(&["test", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("inputs") && err.contains("input"), "{err}");
}

#[test]
fn the_income_history_gives_each_cap_and_a_projection_marked_as_an_assumption() {
    // 2022: 15,655 a month (3,131 ÷ 20%, 朝政办字〔2024〕1号 二(二)1) → cap 15,655 × 20% = 3,131.00.
    // Assumed 5% a year: 15,655 × 1.05 = 16,437.75 → cap 3,287.55 (16,437.75 × 0.2 = 3,287.55).
    let o = fee(&["params", "history", "income.household_monthly", "--uprate", "0.05"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("  2022-01-01 – 2022-12-31  15,655 元/月  → 上限 3,131.00 元/月  [方案原文]"), "{out}");
    assert!(
        out.contains(
            "2023-01-01 起（假设：按用户输入的年增长率 5% 推算，非公布数）  16,437.75 元/月  → 上限 3,287.55 元/月"
        ),
        "{out}"
    );
    let o = fee(&["params", "history", "income.household_monthly", "--uprate", "2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("uprate"));
}
