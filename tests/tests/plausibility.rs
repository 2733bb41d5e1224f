//! Plausibility bounds: a figure past the set's bound (fee-core/parameters/example-district/
//! plausibility.toml, example values) is a typing error and is refused, naming the field, the
//! value and the bound's parameter; at the bound it is priced. A set without the bounds holds
//! nobody to them.

use fee_core::{evaluate, IncomeBasis, Language, ParameterSet, Scenario};
use rust_decimal::Decimal;

fn set() -> &'static ParameterSet {
    ParameterSet::chaoyang().unwrap()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn a_carer_wage_past_100000_a_month_is_refused_and_one_at_it_is_priced() {
    let mut s = Scenario::example();
    // At the bound: 9 carers × 100,000 × 12 = 10,800,000 a year, priced.
    s.cost.carer_monthly_wage = d("100000");
    let e = evaluate(&s, set()).unwrap();
    assert_eq!(e.cost.lines[0].approved_annual, d("10800000"));
    // A fen past it: refused, in both languages, naming the field and the bound.
    s.cost.carer_monthly_wage = d("100000.01");
    let err = evaluate(&s, set()).unwrap_err();
    assert_eq!(err.field(), "cost.carer_monthly_wage");
    assert!(
        err.message(Language::En).contains("at most bounds.monthly_wage = 100000"),
        "{}",
        err.message(Language::En)
    );
    assert!(err.message(Language::Zh).contains("100000.01"), "{}", err.message(Language::Zh));
    assert!(err.message(Language::Zh).contains("不超过 bounds.monthly_wage = 100000"), "{}", err.message(Language::Zh));
    // The 10^26: refused the same way.
    s.cost.carer_monthly_wage = d("100000000000000000000000000");
    assert_eq!(evaluate(&s, set()).unwrap_err().field(), "cost.carer_monthly_wage");
    // Other staff are held to it too.
    let mut s = Scenario::example();
    s.cost.staff[1].monthly_wage = d("250000");
    assert_eq!(evaluate(&s, set()).unwrap_err().field(), "cost.staff[1].monthly_wage");
}

#[test]
fn more_than_100_classes_of_one_type_is_refused() {
    let mut s = Scenario::example();
    s.cost.classes[0].classes = 100;
    assert!(evaluate(&s, set()).is_ok());
    s.cost.classes[0].classes = 101;
    let err = evaluate(&s, set()).unwrap_err();
    assert_eq!(err.field(), "cost.classes[0].classes");
    assert!(err.message(Language::En).contains("at most bounds.classes_per_group = 100"), "{err}");
    // The 4,000,000,000 classes.
    s.cost.classes[0].classes = 4_000_000_000;
    assert_eq!(evaluate(&s, set()).unwrap_err().field(), "cost.classes[0].classes");
}

#[test]
fn an_entered_income_below_1000_a_month_is_refused_the_districts_own_is_not_held_to_it() {
    let mut s = Scenario::example();
    // 1,000 a month: the cap is 20% of it, 200.00.
    s.income = IncomeBasis::HouseholdMonthly { amount: d("1000") };
    assert_eq!(evaluate(&s, set()).unwrap().cap.cap, d("200.00"));
    // The 1.5 yuan.
    s.income = IncomeBasis::HouseholdMonthly { amount: d("1.5") };
    let err = evaluate(&s, set()).unwrap_err();
    assert_eq!(err.field(), "income.amount");
    assert!(err.message(Language::En).contains("at least bounds.household_monthly_income = 1000"), "{err}");
    // A per-capita income that gives a household 0.3 a month (1.2 × 3 ÷ 12): once a cap of 0.00, now refused.
    s.income = IncomeBasis::PerCapitaAnnual { per_capita_annual: d("1.2"), household_size: d("3") };
    assert_eq!(evaluate(&s, set()).unwrap_err().field(), "income");
    // The district's figure comes from the set itself.
    s.income = IncomeBasis::District { year: 2022 };
    assert_eq!(evaluate(&s, set()).unwrap().cap.cap, d("3131.00"));
}

#[test]
fn a_set_without_the_bounds_holds_nobody_to_them() {
    let mut json: serde_json::Value = serde_json::to_value(set()).unwrap();
    for name in ["bounds.monthly_wage", "bounds.classes_per_group", "bounds.household_monthly_income"] {
        json["parameters"].as_object_mut().unwrap().remove(name).unwrap();
    }
    let bare: ParameterSet = serde_json::from_value(json).unwrap();
    let mut s = Scenario::example();
    s.cost.carer_monthly_wage = d("250000");
    s.income = IncomeBasis::HouseholdMonthly { amount: d("900") };
    let e = evaluate(&s, &bare).unwrap();
    // 9 × 250,000 × 12 = 27,000,000; 20% of 900 = 180.00.
    assert_eq!(e.cost.lines[0].approved_annual, d("27000000"));
    assert_eq!(e.cap.cap, d("180.00"));
}
