//! Property tests of the pricing rules.

use fee_core::{evaluate, ParameterSet, QuotaSubsidy, Scenario};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A scenario with costs, enrolment and income drawn from wide but realistic ranges.
fn scenario() -> impl Strategy<Value = Scenario> {
    (
        1_000u32..40_000,      // carer wage
        0u32..200_000,         // rent
        1u32..=100,            // occupancy percent
        800_000u64..4_000_000, // household income in fen: 8,000 to 40,000 yuan
        0u32..3_000,           // quota subsidy
        1u32..=12,             // months charged
        0u32..=3,              // extra classes
    )
        .prop_map(|(wage, rent, occ, income_fen, quota, months, extra)| {
            let mut s = Scenario::example();
            s.cost.carer_monthly_wage = Decimal::from(wage);
            s.cost.rent_monthly = Decimal::from(rent);
            s.cost.enrolment = fee_core::Enrolment::Occupancy { rate: Decimal::new(i64::from(occ), 2) };
            s.cost.months_charged = Decimal::from(months);
            s.cost.classes[1].classes += extra;
            s.income = fee_core::IncomeBasis::HouseholdMonthly { amount: Decimal::new(income_fen as i64, 2) };
            s.offsets.quota_subsidy = Some(QuotaSubsidy::Amount { per_child_month: Decimal::from(quota) });
            s
        })
}

fn set() -> &'static ParameterSet {
    ParameterSet::chaoyang().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn public_fee_never_exceeds_the_cap(s in scenario()) {
        let e = evaluate(&s, set()).unwrap();
        let fee = e.fee.guided_fee.unwrap();
        prop_assert!(fee <= e.cap.cap, "fee {} over cap {}", fee, e.cap.cap);
        // Rounding never pushes it over either: the fee is whole yuan at or below the cap.
        prop_assert_eq!(fee, fee.trunc());
    }

    #[test]
    fn fee_rises_with_cost(s in scenario(), extra_rent in 1u32..100_000) {
        let base = evaluate(&s, set()).unwrap();
        let mut dearer = s.clone();
        dearer.cost.rent_monthly += Decimal::from(extra_rent);
        let more = evaluate(&dearer, set()).unwrap();
        prop_assert!(more.fee.break_even_fee >= base.fee.break_even_fee);
        prop_assert!(more.fee.cost_based_fee >= base.fee.cost_based_fee);
        prop_assert!(more.fee.guided_fee >= base.fee.guided_fee);
    }

    #[test]
    fn fee_falls_with_subsidy(s in scenario(), extra in 1u32..2_000) {
        let base = evaluate(&s, set()).unwrap();
        let mut helped = s.clone();
        let Some(QuotaSubsidy::Amount { per_child_month }) = s.offsets.quota_subsidy else { unreachable!() };
        helped.offsets.quota_subsidy = Some(QuotaSubsidy::Amount { per_child_month: per_child_month + Decimal::from(extra) });
        let less = evaluate(&helped, set()).unwrap();
        prop_assert!(less.fee.break_even_fee <= base.fee.break_even_fee);
        prop_assert!(less.fee.guided_fee <= base.fee.guided_fee);
    }

    #[test]
    fn scenario_and_evaluation_survive_a_json_round_trip(s in scenario()) {
        let json = serde_json::to_string(&s).unwrap();
        let back: Scenario = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &s);
        let e = evaluate(&s, set()).unwrap();
        let ejson = serde_json::to_string(&e).unwrap();
        let eback: fee_core::Evaluation = serde_json::from_str(&ejson).unwrap();
        prop_assert_eq!(eback, e);
    }

    #[test]
    fn split_adds_up_exactly(target in 0u64..100_000, weights in proptest::collection::vec(0u32..10_000, 1..40)) {
        prop_assume!(weights.iter().any(|w| *w > 0));
        let ws: Vec<_> = weights.iter().enumerate()
            .map(|(i, w)| fee_core::Weight { name: format!("街乡{i}"), weight: Decimal::from(*w) }).collect();
        let parts = fee_core::split_target(target, &ws).unwrap();
        prop_assert_eq!(parts.iter().map(|p| p.slots).sum::<u64>(), target);
        for p in &parts {
            // Largest remainder: every share is its exact share rounded down or up.
            prop_assert!(Decimal::from(p.slots) >= p.exact.floor() && Decimal::from(p.slots) <= p.exact.ceil());
        }
    }

    /// Weights written out one `name,weight` a line, with any of the separators people paste
    /// (comma, full-width comma, tab) and blank lines between, read back as they were: every
    /// name and every digit of every weight.
    #[test]
    fn weights_read_back_as_written(
        rows in proptest::collection::vec(("[甲乙丙丁a-z 街道乡镇]{1,8}", 0u64..u64::MAX, 0u32..29, 0usize..3, any::<bool>()), 0..30)
    ) {
        let mut text = String::new();
        let mut expected = Vec::new();
        for (name, mantissa, scale, sep, blank) in &rows {
            let name = name.trim();
            prop_assume!(!name.is_empty() && !["name", "名称", "街乡"].contains(&name));
            let weight = Decimal::from_i128_with_scale(i128::from(*mantissa), *scale);
            text += &format!("{name}{}{weight}\n", [",", "，", "\t"][*sep]);
            if *blank {
                text += "\n";
            }
            expected.push((name.to_string(), weight));
        }
        let read: Vec<_> = fee_core::read_weights(&text).unwrap().into_iter().map(|w| (w.name, w.weight)).collect();
        prop_assert_eq!(read.len(), expected.len());
        for ((name, w), (want_name, want)) in read.iter().zip(&expected) {
            prop_assert_eq!(name, want_name);
            // The same number and the same digits (scale) as written.
            prop_assert_eq!(w.to_string(), want.to_string());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// The closed-form occupancy grid equals evaluating every cell in full.
    #[test]
    fn occupancy_grid_matches_full_evaluation(s in scenario(), wage_pct in 50u32..150, occ_pct in 50u32..150) {
        use fee_core::{grid, scaled, GridAxis, SensitivityInput};
        let set = set();
        let x = GridAxis { input: SensitivityInput::Occupancy, factors: vec![Decimal::new(i64::from(occ_pct), 2)] };
        let y = GridAxis { input: SensitivityInput::CarerWage, factors: vec![Decimal::new(i64::from(wage_pct), 2)] };
        let g = grid(&s, set, &x, &y).unwrap();
        let full = scaled(&scaled(&s, set, SensitivityInput::CarerWage, y.factors[0]).unwrap(), set, SensitivityInput::Occupancy, x.factors[0]).unwrap();
        let e = evaluate(&full, set).unwrap();
        let diff = (g.net[0][0] - e.offsets.net_per_child_month).abs();
        prop_assert!(diff < Decimal::new(1, 20), "grid {} vs full {}", g.net[0][0], e.offsets.net_per_child_month);
    }
}

/// `digits` (an unsigned whole number) with a comma before every group of three from the right.
fn grouped_by_hand(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

proptest! {
    /// Every amount written with proper thousands groups, in Western or full-width commas,
    /// reads back as itself.
    #[test]
    fn grouped_amounts_read_back_exactly(whole in 0u64..10_000_000_000_000, fen in 0u32..100, negative: bool, full_width: bool) {
        let digits = whole.to_string();
        let mut text = format!("{}{}.{fen:02}", if negative { "-" } else { "" }, grouped_by_hand(&digits));
        if full_width {
            text = text.replace(',', "，");
        }
        let expected: Decimal = format!("{}{whole}.{fen:02}", if negative { "-" } else { "" }).parse().unwrap();
        prop_assert_eq!(fee_core::parse_amount(&text, "x").unwrap(), expected);
    }

    /// A comma anywhere but between groups of three is refused, never read as another number
    /// (`2800,50` is not 280,050; `3,1` is not 31).
    #[test]
    fn a_comma_out_of_its_place_is_refused(whole in 10u64..10_000_000_000, at in 1usize..20, fraction: bool) {
        let digits = whole.to_string();
        let at = at % digits.len();
        prop_assume!(at > 0 && !(digits.len() - at).is_multiple_of(3));
        let text = format!("{},{}{}", &digits[..at], &digits[at..], if fraction { ".5" } else { "" });
        let e = fee_core::parse_amount(&text, "x").unwrap_err();
        prop_assert!(e.to_string().contains("groups of three"), "{}", e);
        // After the decimal point a separator is refused too.
        let e = fee_core::parse_amount(&format!("{digits}.1,5"), "x");
        prop_assert!(e.is_err());
    }
}
