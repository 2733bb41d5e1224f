//! Exact arithmetic helpers and the named rounding rule.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::FeeError;

/// How a rounding step breaks ties and which way it goes, by name.
///
/// This mirrors [`rust_decimal::RoundingStrategy`] so that a parameter file can
/// name it. Nothing in the crate rounds without one.
///
/// ```
/// use fee_core::RoundingMode;
/// let m: RoundingMode = "MidpointAwayFromZero".parse()?;
/// assert_eq!(m, RoundingMode::MidpointAwayFromZero);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum RoundingMode {
    /// Half to even (banker's rounding).
    MidpointNearestEven,
    /// Half away from zero (四舍五入).
    MidpointAwayFromZero,
    /// Half toward zero.
    MidpointTowardZero,
    /// Truncate (always toward zero).
    ToZero,
    /// Always away from zero.
    AwayFromZero,
    /// Floor.
    ToNegativeInfinity,
    /// Ceiling.
    ToPositiveInfinity,
}

impl RoundingMode {
    /// The `rust_decimal` strategy this names.
    ///
    /// ```
    /// use fee_core::RoundingMode;
    /// use rust_decimal::RoundingStrategy;
    /// assert_eq!(RoundingMode::ToZero.strategy(), RoundingStrategy::ToZero);
    /// ```
    pub fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::MidpointNearestEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::MidpointAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::MidpointTowardZero => RoundingStrategy::MidpointTowardZero,
            RoundingMode::ToZero => RoundingStrategy::ToZero,
            RoundingMode::AwayFromZero => RoundingStrategy::AwayFromZero,
            RoundingMode::ToNegativeInfinity => RoundingStrategy::ToNegativeInfinity,
            RoundingMode::ToPositiveInfinity => RoundingStrategy::ToPositiveInfinity,
        }
    }
}

impl std::str::FromStr for RoundingMode {
    type Err = FeeError;

    fn from_str(s: &str) -> Result<Self, FeeError> {
        Ok(match s {
            "MidpointNearestEven" => RoundingMode::MidpointNearestEven,
            "MidpointAwayFromZero" => RoundingMode::MidpointAwayFromZero,
            "MidpointTowardZero" => RoundingMode::MidpointTowardZero,
            "ToZero" => RoundingMode::ToZero,
            "AwayFromZero" => RoundingMode::AwayFromZero,
            "ToNegativeInfinity" => RoundingMode::ToNegativeInfinity,
            "ToPositiveInfinity" => RoundingMode::ToPositiveInfinity,
            _ => return Err(FeeError::invalid("rounding.mode", s, "not a rounding strategy name")),
        })
    }
}

/// A rounding rule: a number of decimal places and a [`RoundingMode`].
///
/// ```
/// use fee_core::{Rounding, RoundingMode};
/// use rust_decimal::Decimal;
/// let fen = Rounding::new(2, RoundingMode::MidpointAwayFromZero);
/// assert_eq!(fen.apply("2980.4775".parse().unwrap()), "2980.48".parse::<Decimal>().unwrap());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Rounding {
    /// Decimal places kept: 2 is fen (分), 0 is whole yuan.
    pub decimal_places: u32,
    /// How the dropped digits are resolved.
    pub mode: RoundingMode,
}

impl Rounding {
    /// A rule that keeps `decimal_places` places using `mode`.
    ///
    /// ```
    /// let r = fee_core::Rounding::new(0, fee_core::RoundingMode::ToZero);
    /// assert_eq!(r.decimal_places, 0);
    /// ```
    pub const fn new(decimal_places: u32, mode: RoundingMode) -> Self {
        Rounding { decimal_places, mode }
    }

    /// Rounds `value` by this rule. The result keeps exactly `decimal_places` places.
    ///
    /// ```
    /// use fee_core::{Rounding, RoundingMode};
    /// let yuan = Rounding::new(0, RoundingMode::MidpointAwayFromZero);
    /// assert_eq!(yuan.apply("2.5".parse().unwrap()).to_string(), "3");
    /// ```
    pub fn apply(self, value: Decimal) -> Decimal {
        let mut r = value.round_dp_with_strategy(self.decimal_places, self.mode.strategy());
        r.rescale(self.decimal_places);
        r
    }

    /// Rounds `value` down (toward negative infinity) at this rule's places:
    /// the largest representable amount not above `value`.
    ///
    /// ```
    /// use fee_core::{Rounding, RoundingMode};
    /// let yuan = Rounding::new(0, RoundingMode::MidpointAwayFromZero);
    /// assert_eq!(yuan.floor("3130.5".parse().unwrap()).to_string(), "3130");
    /// ```
    pub fn floor(self, value: Decimal) -> Decimal {
        Rounding::new(self.decimal_places, RoundingMode::ToNegativeInfinity).apply(value)
    }

    /// The smallest step at this rule's places (0.01 for fen).
    ///
    /// ```
    /// let fen = fee_core::Rounding::new(2, fee_core::RoundingMode::ToZero);
    /// assert_eq!(fen.unit().to_string(), "0.01");
    /// ```
    pub fn unit(self) -> Decimal {
        Decimal::new(1, self.decimal_places.min(28))
    }
}

/// A field path for an error message, formatted only when an error needs it.
pub(crate) trait Path: Copy {
    fn path(self) -> String;
}

impl Path for &str {
    fn path(self) -> String {
        self.to_string()
    }
}

impl Path for &String {
    fn path(self) -> String {
        self.clone()
    }
}

/// An item of a list input: `At("cost.staff", 2, ".count")` is `cost.staff[2].count`.
#[derive(Clone, Copy)]
pub(crate) struct At(pub &'static str, pub usize, pub &'static str);

impl Path for &At {
    fn path(self) -> String {
        (*self).path()
    }
}

impl Path for At {
    fn path(self) -> String {
        format!("{}[{}]{}", self.0, self.1, self.2)
    }
}

/// `a + b`, or an overflow error naming `field`.
pub(crate) fn add(a: Decimal, b: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
    a.checked_add(b).ok_or_else(|| FeeError::overflow(field.path()))
}

/// `a - b`, or an overflow error naming `field`.
pub(crate) fn sub(a: Decimal, b: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
    a.checked_sub(b).ok_or_else(|| FeeError::overflow(field.path()))
}

/// `a × b`, or an overflow error naming `field`.
pub(crate) fn mul(a: Decimal, b: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
    a.checked_mul(b).ok_or_else(|| FeeError::overflow(field.path()))
}

/// `a ÷ b`; a zero divisor is an invalid-input error naming `field`.
pub(crate) fn div(a: Decimal, b: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
    if b.is_zero() {
        return Err(FeeError::invalid(field.path(), "0", "division by zero"));
    }
    a.checked_div(b).ok_or_else(|| FeeError::overflow(field.path()))
}

/// Sum of an iterator of amounts, checked.
pub(crate) fn sum<I: IntoIterator<Item = Decimal>>(items: I, field: impl Path) -> Result<Decimal, FeeError> {
    items.into_iter().try_fold(Decimal::ZERO, |acc, x| add(acc, x, field))
}

/// Refuses a negative amount.
pub(crate) fn non_negative(value: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(FeeError::out_of_range(field.path(), value, "must not be negative"));
    }
    Ok(value)
}

/// Refuses a value outside `[lo, hi]`.
pub(crate) fn within(value: Decimal, lo: Decimal, hi: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
    if value < lo || value > hi {
        return Err(FeeError::out_of_range(field.path(), value, format!("{lo} to {hi}")));
    }
    Ok(value)
}

/// Refuses zero or a negative value.
pub(crate) fn positive(value: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
    if value <= Decimal::ZERO {
        return Err(FeeError::out_of_range(field.path(), value, "must be greater than 0"));
    }
    Ok(value)
}

/// The ceiling of `value` as a whole number.
pub(crate) fn ceil_whole(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(0, RoundingStrategy::ToPositiveInfinity)
}

/// Rounds `value` up (toward positive infinity) to the places of `rule`.
pub(crate) fn ceil_to(value: Decimal, rule: Rounding) -> Decimal {
    Rounding::new(rule.decimal_places, RoundingMode::ToPositiveInfinity).apply(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
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
}
