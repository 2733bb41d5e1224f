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

/// The Chaoyang set with the 2022 district income proposed as 16,500 a month instead of 15,655.
fn proposed_set(dir: &std::path::Path) -> std::path::PathBuf {
    let o = fee(&["params", "cn-bj-chaoyang", "--format", "json"]);
    let mut set: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    set["version"] = "2025.1-proposal".into();
    let value = &mut set["parameters"]["income.household_monthly"]["values"][0];
    value["value"] = "16500".into();
    value["label"] = "example".into();
    value["reference"] = "本工具约定（示例）：拟议的收入".into();
    let path = dir.join("proposal.json");
    std::fs::write(&path, set.to_string()).unwrap();
    path
}

#[test]
fn a_reform_shows_each_figure_under_both_sets_with_its_change() {
    let dir = scratch("reform");
    let proposal = proposed_set(&dir);
    // The cap: 15,655 × 20% = 3,131.00 now, 16,500 × 20% = 3,300.00 proposed: +169.00, and
    // 169 ÷ 3,131 = 5.3976…% → 5.40%. The sample nursery's fee, 2,056 (its net cost 2,056.36),
    // is under both caps, so it does not move.
    let o = fee(&[
        "evaluate",
        "samples/public-nursery.json",
        "--format",
        "text",
        "--compare-set",
        proposal.to_str().unwrap(),
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let row = |label: &str| out.lines().find(|l| l.trim_start().starts_with(label)).unwrap_or_default().to_string();
    let cap_row = row("收费上限");
    let cap: Vec<&str> = cap_row.split_whitespace().collect();
    assert_eq!(cap, ["收费上限", "3,131.00", "3,300.00", "+169.00", "5.40%", "元/月"], "{out}");
    let fee_row = row("收费 ");
    assert!(fee_row.contains("2,056") && fee_row.contains(" 0 "), "{out}");
    // The district sample: its 乳儿班, whose net cost 4,695.57 − 700 = 3,995.57 is over either
    // cap, is held at the cap, so its fee moves with it: 3,131 → 3,300.
    let o = fee(&[
        "district",
        "evaluate",
        "samples/district/sample.json",
        "--compare-set",
        proposal.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let c: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let figure = |key: &str| c["figures"].as_array().unwrap().iter().find(|f| f["key"] == key).unwrap().clone();
    assert_eq!(
        (figure("class_types.infant.fee")["base"].as_str(), figure("class_types.infant.fee")["reform"].as_str()),
        (Some("3131"), Some("3300"))
    );
    assert_eq!(figure("class_types.older_toddler.fee")["delta"], "0");
}

#[test]
fn a_lever_solved_backwards_meets_the_target_when_evaluated_forward() {
    // The sample nursery: approved 1,697,280 a year over 55 places × 90% × 12 = 594 child-months;
    // quota 700 × 594 = 415,800 and rent subsidy 5,000 × 12 = 60,000 deducted (tests/cases/evaluate.json).
    let solve = |lever: &str, target: &str| {
        let o =
            fee(&["solve", "samples/public-nursery.json", "--lever", lever, "--target", target, "--format", "json"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    // Quota q for 1,800: (1,697,280 − 60,000) ÷ 594 − q = 2,756.3636… − q = 1,800 → q = 956.3636…,
    // rounded up to the fen so the target still holds: 956.37; forward 2,756.3636… − 956.37 = 1,799.99.
    let q = solve("quota-subsidy", "1800");
    assert_eq!(q["value"], "956.37");
    assert!(q["net_at_value"].as_str().unwrap().starts_with("1799.99"), "{q}");
    // Rent subsidy r a month: (1,697,280 − 415,800 − 12 r) ÷ 594 = 1,800 → 12 r = 212,280 → 17,690.00.
    assert_eq!(solve("rent-subsidy", "1800")["value"], "17690.00");
    // Carer wage W: 9 carers × 12 × 1.37 = 147.96 W of the cost, the rest 809,520:
    // (809,520 + 147.96 W − 475,800) ÷ 594 = 1,800 → W = 735,480 ÷ 147.96 = 4,970.8029… → down to 4,970.80.
    let w = solve("carer-wage", "1800");
    assert_eq!(w["value"], "4970.80");
    let net: rust_decimal::Decimal = w["net_at_value"].as_str().unwrap().parse().unwrap();
    assert!(net <= rust_decimal::Decimal::from(1800) && net > rust_decimal::Decimal::new(179999, 2), "{w}");
    // 500 would need a negative wage: (297,000 − 333,720) ÷ 147.96 < 0. No value, and it says so.
    let none = solve("carer-wage", "500");
    assert!(none.get("value").is_none(), "{none}");
    let o = fee(&["solve", "samples/public-nursery.json", "--lever", "carer-wage", "--target", "500"]);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("保育人员月工资在允许范围内取任何值都达不到目标500元"));
    // Both classes are at their licensed maximum already (托小班 15 of 15, 托大班 20 of 20): no room.
    assert!(solve("class-size", "2000").get("value").is_none());
    // A lever the tool does not know is refused with the list.
    let o = fee(&["solve", "samples/public-nursery.json", "--lever", "rent"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("quota_subsidy（生均定额补助）"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_record_is_reproduced_and_a_tampered_one_is_rejected() {
    let dir = scratch("record");
    let rec = dir.join("dossier-record.json");
    let o = fee(&["record", "samples/dossier.json", "--out", rec.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = fee(&["verify", rec.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("已复现"));
    // The record's digests: 64 hexadecimal digits each, and the program that made it.
    let record: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&rec).unwrap()).unwrap();
    let digest = record["provenance"]["parameter_set_sha256"].as_str().unwrap();
    assert!(digest.len() == 64 && digest.chars().all(|c| c.is_ascii_hexdigit()), "{digest}");
    assert!(record["provenance"]["program"].as_str().unwrap().starts_with("fee-core "));
    // The dossier's guided fee edited in the filed record: its digest no longer matches, and the
    // figure is named with what the rules give (2,056: net 1,221,480 ÷ 594 = 2,056.36 rounded).
    let mut forged = record.clone();
    let pointer = "/evaluation/fee/guided_fee";
    assert_eq!(forged["result"].pointer(pointer).and_then(|v| v.as_str()), Some("2056"), "{}", forged["result"]);
    *forged["result"].pointer_mut(pointer).unwrap() = "1800".into();
    let path = dir.join("forged.json");
    std::fs::write(&path, forged.to_string()).unwrap();
    let o = fee(&["verify", path.to_str().unwrap(), "--lang", "en"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("the result was edited after the record was made"), "{out}");
    assert!(out.contains("/evaluation/fee/guided_fee: recorded \"1800\", now \"2056\""), "{out}");
}

#[test]
fn the_clause_map_lists_each_clause_with_what_encodes_it_and_takes_a_bureaus_cases() {
    let o = fee(&["clauses", "samples/cases/bureau-example.yaml"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}{}", String::from_utf8_lossy(&o.stderr));
    // The cap's clause: its rule, its parameters and the cases of both files.
    let cap = out.split("\n  二(二)1 ").nth(1).unwrap().split("\n  二(二)2 ").next().unwrap();
    assert!(cap.contains("cap.amount（收费上限）"), "{cap}");
    assert!(cap.contains("cap.ratio"), "{cap}");
    assert!(cap.contains("samples/cases/bureau-example.yaml "), "{cap}");
    assert!(cap.contains("tests/cases/cap.json 7 个"), "{cap}");
    // A clause nothing encodes says why.
    assert!(out.contains("  二(六)14  提升从业人员职业能力\n      未编码：不涉及收费标准或补助金额的测算\n"), "{out}");
    assert!(!out.contains("目录中没有的条款"), "{out}");
    // JSON for tools: every clause, none unknown.
    let o = fee(&["clauses", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["unknown"], serde_json::json!([]));
    assert!(json["clauses"].as_array().unwrap().iter().any(|c| c["clause"] == "二(二)4"));
}

#[test]
fn a_book_of_records_is_verified_record_by_record_and_its_forms_by_their_digest() {
    // The app's saved work: a saved scenario and the draft dossier as records, and a form as typed.
    let dir = scratch("book");
    let record = |input: &str| -> serde_json::Value {
        let o = fee(&["record", input]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let forms = serde_json::json!({ "check/1": ["向阳托育园"] });
    let book = serde_json::json!({
        "records": [
            { "name": "方案A", "role": "saved", "record": record("samples/public-nursery.json") },
            { "name": "草稿", "role": "draft", "record": record("samples/dossier.json") },
        ],
        "forms": forms,
        "forms_sha256": fee_core::sha256_hex(&serde_json::to_vec(&forms).unwrap()),
    });
    let verify = |book: &serde_json::Value, name: &str| {
        let path = dir.join(name);
        std::fs::write(&path, book.to_string()).unwrap();
        fee(&["verify", path.to_str().unwrap()])
    };
    let o = verify(&book, "book.json");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.starts_with("【方案A】\n已复现") && out.ends_with("全部2条记录已复现。\n"), "{out}");
    // A form changed after saving is caught by its digest.
    let mut forged = book.clone();
    forged["forms"]["check/1"][0] = "别的名字".into();
    let o = verify(&forged, "forms.json");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("其他表单内容在保存之后被改动"));
    // The saved scenario's rent edited: that record is not reproduced, the draft still is.
    let mut forged = book.clone();
    forged["records"][0]["record"]["input"]["cost"]["rent_monthly"] = "1".into();
    let o = verify(&forged, "rent.json");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("输入在记录之后被改动") && out.contains("【草稿】\n已复现"), "{out}");
}
