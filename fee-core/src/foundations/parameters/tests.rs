//! Tests of parameter sets: loading, lookup by date, rounding rules and diffs.

use super::*;

use super::known::Known;
use super::ParameterSet;

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn builtin_sets_load_and_validate() {
    let sets = ParameterSet::builtin().unwrap();
    assert!(!sets.is_empty());
    for s in sets {
        s.validate().unwrap();
    }
}

/// Display rules worked by hand from `rounding.toml` (half away from zero; fee to the yuan,
/// money to the fen) and `SHARE_PLACES` (four places in the money mode).
#[test]
fn figures_are_shown_by_the_sets_rules() {
    let set = ParameterSet::chaoyang().unwrap();
    let d = date("2024-06-01");
    let n = |s: &str| s.parse::<Decimal>().unwrap();
    // 2,857.4999 is below the half: 2,857; 2,857.5 is the half, away from zero: 2,858.
    assert_eq!(set.round_fee(n("2857.4999"), d).unwrap(), n("2857"));
    assert_eq!(set.round_fee(n("2857.5"), d).unwrap(), n("2858"));
    assert_eq!(set.round_fee(n("-2.5"), d).unwrap(), n("-3"));
    // 1,000.005 yuan is half a fen: 1,000.01.
    assert_eq!(set.round_money(n("1000.005"), d).unwrap().to_string(), "1000.01");
    // 0.81875 is half of the fifth place: 0.8188; 0.818749 stays 0.8187; 1.5 shows as 1.5000.
    assert_eq!(set.round_share(n("0.81875"), d).unwrap().to_string(), "0.8188");
    assert_eq!(set.round_share(n("0.818749"), d).unwrap().to_string(), "0.8187");
    assert_eq!(set.round_share(n("1.5"), d).unwrap().to_string(), "1.5000");
    // As a percentage the same four places: 0.81875 is 81.88%, 1.5 is 150.00%, 0.000049 is 0.00%.
    assert_eq!(set.round_percent(n("0.81875"), d).unwrap().to_string(), "81.88");
    assert_eq!(set.round_percent(n("1.5"), d).unwrap().to_string(), "150.00");
    assert_eq!(set.round_percent(n("0.000049"), d).unwrap().to_string(), "0.00");
    assert!(set.round_percent(Decimal::MAX, d).is_err());
    // Before any rounding rule is in force (they start 2019-01-01) there is nothing to show by.
    assert!(set.round_fee(n("1"), date("2018-12-31")).is_err());
    assert!(set.round_share(n("1"), date("2018-12-31")).is_err());
}

#[test]
fn a_value_with_an_end_is_not_in_force_after_it() {
    let set = ParameterSet::chaoyang().unwrap();
    // The 2022 income is dated to 2022 only: before, at both boundaries, and after.
    assert!(set.decimal("income.household_monthly", date("2021-12-31")).is_err());
    assert_eq!(set.decimal("income.household_monthly", date("2022-01-01")).unwrap().value, Decimal::from(15655));
    assert_eq!(set.decimal("income.household_monthly", date("2022-12-31")).unwrap().value, Decimal::from(15655));
    assert!(set.decimal("income.household_monthly", date("2023-01-01")).is_err());
}

/// Every parameter the engine reads is found the same way by its place as by its name,
/// in every built-in set, before, at and after the dates its values start.
#[test]
fn known_parameters_read_as_by_name() {
    let names: std::collections::BTreeSet<&str> = Known::ALL.iter().map(|k| k.name()).collect();
    assert_eq!(names.len(), Known::ALL.len(), "two known parameters share a name");
    for (i, k) in Known::ALL.iter().enumerate() {
        assert_eq!(*k as usize, i, "Known::ALL is not in declaration order");
    }
    for set in ParameterSet::builtin().unwrap() {
        for k in Known::ALL {
            let mut dates = vec![date("2000-01-01"), date("2099-12-31")];
            for v in set.parameters().get(k.name()).map(|p| p.values.as_slice()).unwrap_or_default() {
                let before = Date::new(v.from.year(), v.from.month(), v.from.day() - 1).unwrap_or(v.from);
                dates.extend([v.from, before]);
                dates.extend(v.until);
            }
            for d in dates {
                let by_name = set.decimal(k.name(), d).map(|v| (v.value, v.dated.clone()));
                let by_place = set.known_decimal(k, d).map(|v| (v.value, v.dated.clone()));
                match (by_name, by_place) {
                    (Ok(a), Ok(b)) => assert_eq!(a, b, "{} {} on {d}", set.id, k.name()),
                    (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                    (a, b) => panic!("{} {} on {d}: {a:?} vs {b:?}", set.id, k.name()),
                }
            }
        }
    }
}

/// A set made with a parameter replaced reads the new value by place too.
#[test]
fn a_replaced_parameter_is_read_by_place() {
    let set = ParameterSet::chaoyang().unwrap();
    let mut ratio = set.parameter("cap.ratio").unwrap().clone();
    ratio.values[0].value = "0.25".into();
    let new = set.with_parameter("cap.ratio", ratio).unwrap();
    assert_eq!(new.known_decimal(Known::CapRatio, date("2024-06-01")).unwrap().value, Decimal::new(25, 2));
    assert_eq!(set.known_decimal(Known::CapRatio, date("2024-06-01")).unwrap().value, Decimal::new(20, 2));
}

#[test]
fn overlapping_values_are_refused() {
    let mut set = ParameterSet::chaoyang().unwrap().clone();
    let p = set.parameters.get_mut("slots.total").unwrap();
    p.values[1].from = date("2023-06-01");
    assert!(matches!(set.validate(), Err(FeeError::Parameter { .. })));
}

/// A value is read exactly or refused: 28 significant digits are kept, the 29th after the
/// point would be rounded away, so the set is refused naming the parameter.
#[test]
fn a_value_beyond_a_decimal_is_refused_not_rounded() {
    let set = ParameterSet::chaoyang().unwrap();
    let with_ratio = |text: &str| {
        let mut ratio = set.parameter("cap.ratio").unwrap().clone();
        ratio.values[0].value = text.into();
        set.with_parameter("cap.ratio", ratio)
    };
    let kept = with_ratio("0.2000000000000000000000000001").unwrap();
    assert_eq!(
        kept.known_decimal(Known::CapRatio, date("2024-06-01")).unwrap().value.to_string(),
        "0.2000000000000000000000000001"
    );
    let e = with_ratio("0.20000000000000000000000000001").unwrap_err();
    assert_eq!(e.field(), "cap.ratio");
    assert!(e.to_string().contains("28 significant digits"), "{e}");
}
