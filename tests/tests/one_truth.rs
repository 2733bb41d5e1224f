//! One truth across the pages: a bureau's set whose income no longer gives the cap it
//! publishes is flagged wherever the set prices.

use fee_core::{evaluate, IncomeBasis, ParameterSet, Scenario};

/// The Chaoyang set with the 2022 income changed to `income`, as a bureau's own set would be.
fn with_income(income: &str) -> ParameterSet {
    let mut v = serde_json::to_value(ParameterSet::chaoyang().unwrap()).unwrap();
    v["id"] = "cn-bj-chaoyang".into();
    v["version"] = "2024.1-bureau".into();
    v["parameters"]["income.household_monthly"]["values"][0]["value"] = income.into();
    ParameterSet::from_json(&v.to_string()).unwrap()
}

#[test]
fn a_published_cap_the_sets_own_income_no_longer_gives_is_flagged() {
    let mut s = Scenario::example();
    s.income = IncomeBasis::District { year: 2022 };
    // The plan's own figures agree: 20% × 15,655 = 3,131.00, as published.
    let e = evaluate(&s, ParameterSet::chaoyang().unwrap()).unwrap();
    assert!(!e.findings.iter().any(|f| f.code == "cap.published_differs"));
    // A bureau's income of 16,500: 20% × 16,500 = 3,300.00, but the set still publishes 3,131.
    let bureau = with_income("16500");
    let e = evaluate(&s, &bureau).unwrap();
    assert_eq!(e.cap.cap.to_string(), "3300.00");
    let f = e.findings.iter().find(|f| f.code == "cap.published_differs").expect("flagged");
    assert_eq!(
        f.message.zh(),
        "参数集所载2022年测算上限3,131元/月，与按其收入算得的上限3,300.00元/月不一致：请核对参数集"
    );
}
