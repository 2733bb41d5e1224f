//! Tests of exact arithmetic and rounding, with properties over random amounts.

use super::*;
use proptest::prelude::*;

use super::rounding::{grouped, Rounding, RoundingMode};
use super::{add, compare, div, exact_product, exact_sum, mul, non_negative, pow10, sub};

/// Grouping written out by hand: four whole digits or more, threes from the point.
#[test]
fn figures_of_four_digits_or_more_are_grouped() {
    let g = |s: &str| grouped(s.parse().unwrap());
    assert_eq!(g("999.99"), "999.99");
    assert_eq!(g("9999.99"), "9,999.99");
    assert_eq!(g("-1000"), "-1,000");
    assert_eq!(g("10000"), "10,000");
    assert_eq!(g("100000.5"), "100,000.5");
    assert_eq!(g("1697280.00"), "1,697,280.00");
    assert_eq!(g("-1234567.891"), "-1,234,567.891");
    assert_eq!(g("0.123456"), "0.123456");
    assert_eq!(g("-0.5"), "-0.5");
    assert_eq!(g("79228162514264337593543950335"), "79,228,162,514,264,337,593,543,950,335");
}

proptest! {
    /// Without its commas a grouped figure is the figure's own text, and every group but
    /// the first has three digits.
    #[test]
    fn grouping_only_adds_commas(m in any::<i64>(), scale in 0u32..8) {
        let v = Decimal::new(m, scale);
        let text = grouped(v);
        prop_assert_eq!(text.replace(',', ""), v.to_string());
        let whole = text.trim_start_matches('-').split('.').next().unwrap_or("");
        let groups: Vec<&str> = whole.split(',').collect();
        prop_assert!(groups.iter().skip(1).all(|g| g.len() == 3));
        let widest_first = if groups.len() > 1 { 3 } else { 4 };
        prop_assert!(!groups[0].is_empty() && groups[0].len() <= widest_first);
    }
}

/// The bitwise shortcut agrees with `Ord`: same bits, same amount written at another
/// scale, and plainly different amounts of either sign.
#[test]
fn compare_agrees_with_ord() {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let cases = [("1.50", "1.50"), ("1.5", "1.50"), ("0", "-0"), ("-2", "1"), ("3.001", "3.01"), ("12", "12.0")];
    for (a, b) in cases {
        assert_eq!(compare(d(a), d(b)), d(a).cmp(&d(b)), "{a} vs {b}");
        assert_eq!(compare(d(b), d(a)), d(b).cmp(&d(a)), "{b} vs {a}");
    }
    assert_eq!(compare(d("1.5"), d("1.50")), std::cmp::Ordering::Equal);
    assert_eq!(compare(d("-2"), d("1")), std::cmp::Ordering::Less);
}

/// Zeros of either sign, sums that cancel, and products at the edges of the integer paths
/// come out as `rust_decimal` makes them, bit for bit.
#[test]
fn exact_operations_at_their_edges() {
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let neg_zero = Decimal::from_parts(0, 0, 0, true, 2);
    let max = Decimal::MAX;
    let values = [
        d("0"),
        neg_zero,
        d("1.50"),
        d("-1.5"),
        d("0.000000000000000000000000001"),
        max,
        -max,
        d("18446744073709551615"),
        d("18446744073709551616"),
        d("79228162514264337593543950335"),
        d("0.1"),
        d("-0.10"),
        d("12"),
    ];
    for a in values {
        for b in values {
            let bits = |r: Result<Decimal, FeeError>| r.ok().map(|v| v.serialize());
            assert_eq!(bits(add(a, b, "x")), a.checked_add(b).map(|v| v.serialize()), "{a} + {b}");
            assert_eq!(bits(sub(a, b, "x")), a.checked_sub(b).map(|v| v.serialize()), "{a} - {b}");
            assert_eq!(bits(mul(a, b, "x")), a.checked_mul(b).map(|v| v.serialize()), "{a} × {b}");
        }
    }
    // The integer paths are taken for everyday amounts (so the comparisons above test them).
    assert!(exact_sum(d("1.50"), d("-1.5")).is_none(), "a zero sum is left to rust_decimal");
    assert!(exact_sum(d("0.00"), d("-1.5")).is_none(), "so is a zero operand");
    assert_eq!(exact_sum(d("1.50"), d("2")), Some(d("3.50")));
    assert_eq!(exact_product(d("6000"), d("0.25")).map(|v| v.to_string()), Some("1500.00".into()));
    assert!(exact_product(max, d("1")).is_none(), "a 96-bit mantissa is left to rust_decimal");
    assert!(exact_product(d("4294967296"), d("4294967296")).is_none(), "so is a product past 64 bits");
    assert_eq!(exact_sum(d("-1.5"), d("0.25")), Some(d("-1.25")));
}

/// The table holds 10ⁿ for n = 0 to 38, as `checked_pow` gives it, and nothing past.
#[test]
fn powers_of_ten_are_those_of_checked_pow() {
    for n in 0..45 {
        assert_eq!(pow10(n), 10_i128.checked_pow(n), "10^{n}");
    }
    assert_eq!(pow10(u32::MAX), None);
}

/// What `apply` did before its fast path: `rust_decimal`'s own rounding, then the scale set.
fn reference(rule: Rounding, value: Decimal) -> Decimal {
    let mut r = value.round_dp_with_strategy(rule.decimal_places, rule.mode.strategy());
    r.rescale(rule.decimal_places);
    r
}

proptest! {
    /// The one-division rounding gives what `rust_decimal` gives, sign of zero and scale
    /// included, for every mode, any mantissa up to 96 bits and any scale.
    #[test]
    fn fast_rounding_matches_rust_decimal(lo in any::<u64>(), hi in any::<u32>(), negative in any::<bool>(),
                                          scale in 0u32..=28, dp in 0u32..=4, mode in 0usize..7) {
        let value = Decimal::from_parts(lo as u32, (lo >> 32) as u32, hi, negative, scale);
        let rule = Rounding::new(dp, RoundingMode::ALL[mode]);
        let (fast, slow) = (rule.apply(value), reference(rule, value));
        prop_assert_eq!(fast, slow);
        prop_assert_eq!(fast.to_string(), slow.to_string());
        prop_assert_eq!(fast.is_sign_negative(), slow.is_sign_negative());
    }

    /// The integer sum, difference and product are `rust_decimal`'s, bit for bit (sign of
    /// zero and scale included), or an overflow exactly where `rust_decimal` overflows,
    /// for mantissas up to 96 bits and every pair of scales.
    #[test]
    fn exact_operations_match_rust_decimal(a_lo in any::<u64>(), a_hi in prop_oneof![Just(0u32), any::<u32>()],
                                           b_lo in any::<u64>(), b_hi in prop_oneof![Just(0u32), any::<u32>()],
                                           na in any::<bool>(), nb in any::<bool>(),
                                           sa in 0u32..=28, sb in 0u32..=28, small in any::<bool>()) {
        // Half the cases use amounts of everyday size, where the integer paths apply.
        let (a_lo, b_lo, a_hi, b_hi) = if small { (a_lo % 10_000_000_000, b_lo % 10_000_000_000, 0, 0) } else { (a_lo, b_lo, a_hi, b_hi) };
        let a = Decimal::from_parts(a_lo as u32, (a_lo >> 32) as u32, a_hi, na, sa);
        let b = Decimal::from_parts(b_lo as u32, (b_lo >> 32) as u32, b_hi, nb, sb);
        let bits = |r: Result<Decimal, FeeError>| r.ok().map(|d| d.serialize());
        prop_assert_eq!(bits(add(a, b, "x")), a.checked_add(b).map(|d| d.serialize()), "{} + {}", a, b);
        prop_assert_eq!(bits(sub(a, b, "x")), a.checked_sub(b).map(|d| d.serialize()), "{} - {}", a, b);
        prop_assert_eq!(bits(mul(a, b, "x")), a.checked_mul(b).map(|d| d.serialize()), "{} × {}", a, b);
    }

    /// Rounded division in integers agrees with dividing and then rounding, for operands
    /// whose quotient cannot sit within 10⁻²⁴ of a midpoint (so the 28-digit quotient of
    /// the second is not itself rounded onto one).
    #[test]
    fn rounded_division_matches_divide_then_round(a in any::<i64>(), b in -999_999_999_999i64..1_000_000_000_000,
                                                  sa in 0u32..=8, sb in 0u32..=8, dp in 0u32..=4, mode in 0usize..7) {
        prop_assume!(b != 0);
        let (a, b) = (Decimal::new(a, sa), Decimal::new(b, sb));
        let rule = Rounding::new(dp, RoundingMode::ALL[mode]);
        let fast = rule.div(a, b, "x").unwrap();
        let slow = rule.apply(div(a, b, "x").unwrap());
        prop_assert_eq!(fast.to_string(), slow.to_string());
    }

    /// The 64-bit division gives the 128-bit path's result bit for bit wherever it applies.
    #[test]
    fn division_in_64_bits_matches_128(a in any::<u64>(), b in any::<u64>(), na in any::<bool>(), nb in any::<bool>(),
                                       small in any::<bool>(), sa in 0u32..=12, sb in 0u32..=12, dp in prop_oneof![0u32..=4, 0u32..=40], mode in 0usize..7) {
        let (a, b) = if small { (a % 1_000_000_000, b % 1_000_000_000 + 1) } else { (a, b.max(1)) };
        let a = Decimal::from_parts(a as u32, (a >> 32) as u32, 0, na, sa);
        let b = Decimal::from_parts(b as u32, (b >> 32) as u32, 0, nb, sb);
        let rule = Rounding::new(dp, RoundingMode::ALL[mode]);
        // Past 28 places neither path applies, and the division still returns.
        let _ = rule.div(a, b, "x");
        if let Some(fast) = rule.div_64(a, b) {
            prop_assert_eq!(Some(fast.serialize()), rule.div_128(a, b, "x").ok().map(|v| v.serialize()), "{} ÷ {}", a, b);
        }
    }

    /// The same at exact midpoints and their neighbours, where the modes differ.
    #[test]
    fn fast_rounding_matches_at_midpoints(whole in -100_000i64..100_000, digit in 0i64..10, tail in -1i64..=1,
                                          mode in 0usize..7) {
        // whole.digit5 ± one unit in the 8th place: at and either side of the midpoint.
        let m = i128::from(whole) * 1_000_000_000 + i128::from(digit) * 100_000_000 + 50_000_000 + i128::from(tail);
        let value = Decimal::from_i128_with_scale(m, 9);
        let rule = Rounding::new(1, RoundingMode::ALL[mode]);
        prop_assert_eq!(rule.apply(value).to_string(), reference(rule, value).to_string());
    }
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn rounded_division_at_exact_midpoints() {
    // 1 ÷ 8 = 0.125 exactly: half to even keeps 0.12, half away from zero gives 0.13 (−0.13 for −1 ÷ 8).
    let even = Rounding::new(2, RoundingMode::MidpointNearestEven);
    let up = Rounding::new(2, RoundingMode::MidpointAwayFromZero);
    assert_eq!(even.div(d("1"), d("8"), "x").unwrap().to_string(), "0.12");
    assert_eq!(up.div(d("1"), d("8"), "x").unwrap().to_string(), "0.13");
    assert_eq!(up.div(d("-1"), d("8"), "x").unwrap().to_string(), "-0.13");
    // 2 ÷ 3 = 0.666…: whole yuan, half up, is 1; truncated it is 0, and 0 carries no sign.
    assert_eq!(Rounding::new(0, RoundingMode::MidpointAwayFromZero).div(d("2"), d("3"), "x").unwrap().to_string(), "1");
    assert_eq!(Rounding::new(0, RoundingMode::ToZero).div(d("-2"), d("3"), "x").unwrap().to_string(), "0");
    // 2,056 ÷ 15,655 to 4 places (a share of income): 0.131331…, so 0.1313.
    assert_eq!(
        Rounding::new(4, RoundingMode::MidpointAwayFromZero).div(d("2056"), d("15655"), "x").unwrap().to_string(),
        "0.1313"
    );
    assert!(up.div(d("1"), Decimal::ZERO, "x").is_err());
    // Negative zero in, unsigned zero out, as rust_decimal does; with nothing to drop it stays as it is.
    assert_eq!(up.apply(Decimal::from_parts(0, 0, 0, true, 5)).to_string(), "0.00");
    assert_eq!(
        up.apply(Decimal::from_parts(0, 0, 0, true, 2)).to_string(),
        reference(up, Decimal::from_parts(0, 0, 0, true, 2)).to_string()
    );
}

#[test]
fn half_up_differs_from_bankers_rounding_at_the_midpoint() {
    // 0.125 to 2 places: half away from zero gives 0.13, half to even gives 0.12.
    assert_eq!(Rounding::new(2, RoundingMode::MidpointAwayFromZero).apply(d("0.125")), d("0.13"));
    assert_eq!(Rounding::new(2, RoundingMode::MidpointNearestEven).apply(d("0.125")), d("0.12"));
}

#[test]
fn checked_helpers_name_the_field() {
    assert_eq!(div(d("1"), Decimal::ZERO, "x").unwrap_err().field(), "x");
    assert_eq!(add(Decimal::MAX, Decimal::MAX, "y").unwrap_err().field(), "y");
    assert!(non_negative(d("-0.01"), "z").is_err());
    assert!(non_negative(d("0"), "z").is_ok());
}
