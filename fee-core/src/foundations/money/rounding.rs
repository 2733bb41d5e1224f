//! The named rounding rule: a mode by name (never banker's rounding by accident), decimal places, and thousands grouping for display.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::foundations::error::FeeError;

use super::{div, from_64, magnitude_64, pow10, pow10_64, Path};

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
    /// Every mode.
    ///
    /// ```
    /// assert_eq!(fee_core::RoundingMode::ALL.len(), 7);
    /// ```
    pub const ALL: [RoundingMode; 7] = [
        RoundingMode::MidpointNearestEven,
        RoundingMode::MidpointAwayFromZero,
        RoundingMode::MidpointTowardZero,
        RoundingMode::ToZero,
        RoundingMode::AwayFromZero,
        RoundingMode::ToNegativeInfinity,
        RoundingMode::ToPositiveInfinity,
    ];

    /// The mode in words, as a printed report names it.
    ///
    /// ```
    /// use fee_core::{Language, RoundingMode};
    /// assert_eq!(RoundingMode::MidpointAwayFromZero.in_words(Language::Zh), "四舍五入");
    /// assert_eq!(RoundingMode::MidpointAwayFromZero.in_words(Language::En), "round half away from zero");
    /// ```
    pub fn in_words(self, lang: crate::foundations::trace::Language) -> &'static str {
        let (zh, en) = match self {
            RoundingMode::MidpointNearestEven => ("四舍六入五成双", "round half to even"),
            RoundingMode::MidpointAwayFromZero => ("四舍五入", "round half away from zero"),
            RoundingMode::MidpointTowardZero => ("五舍六入", "round half toward zero"),
            RoundingMode::ToZero => ("舍去（截尾）", "truncate toward zero"),
            RoundingMode::AwayFromZero => ("进一", "round away from zero"),
            RoundingMode::ToNegativeInfinity => ("向下取整", "round down"),
            RoundingMode::ToPositiveInfinity => ("向上取整", "round up"),
        };
        match lang {
            crate::foundations::trace::Language::Zh => zh,
            crate::foundations::trace::Language::En => en,
        }
    }

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
            _ => return Err(FeeError::invalid("rounding.mode", s, crate::foundations::error::reason::ROUNDING_NAME)),
        })
    }
}

/// Places a share, rate or factor is rounded to: four, a hundredth of a percent (a cost
/// line's share, a threshold's multiple). The mode is the set's money mode; the places are the
/// tool's convention for shares, not a policy number.
///
/// ```
/// assert_eq!(fee_core::SHARE_PLACES, 4);
/// ```
pub const SHARE_PLACES: u32 = 4;

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

    /// The rule in words: its places and its mode.
    ///
    /// ```
    /// use fee_core::{Language, Rounding, RoundingMode};
    /// let fen = Rounding::new(2, RoundingMode::MidpointAwayFromZero);
    /// assert_eq!(fen.in_words(Language::Zh), "保留 2 位小数，四舍五入");
    /// assert_eq!(Rounding::new(0, RoundingMode::MidpointAwayFromZero).in_words(Language::En), "to whole units, round half away from zero");
    /// ```
    pub fn in_words(self, lang: crate::foundations::trace::Language) -> String {
        use crate::foundations::trace::Language;
        match (lang, self.decimal_places) {
            (Language::Zh, 0) => format!("取整到个位，{}", self.mode.in_words(lang)),
            (Language::Zh, n) => format!("保留 {n} 位小数，{}", self.mode.in_words(lang)),
            (Language::En, 0) => format!("to whole units, {}", self.mode.in_words(lang)),
            (Language::En, n) => format!("to {n} decimal places, {}", self.mode.in_words(lang)),
        }
    }

    /// Rounds `value` by this rule. The result keeps exactly `decimal_places` places.
    ///
    /// ```
    /// use fee_core::{Rounding, RoundingMode};
    /// let yuan = Rounding::new(0, RoundingMode::MidpointAwayFromZero);
    /// assert_eq!(yuan.apply("2.5".parse().unwrap()).to_string(), "3");
    /// ```
    pub fn apply(self, value: Decimal) -> Decimal {
        if let Some(r) = self.round_mantissa(value) {
            return r;
        }
        // Out of the integer path's range.
        let mut r = value.round_dp_with_strategy(self.decimal_places, self.mode.strategy());
        r.rescale(self.decimal_places);
        r
    }

    /// Rounds by one integer division of the mantissa: the same result as
    /// `round_dp_with_strategy` (a test compares them), without its digit-by-digit loop,
    /// which dominated the cost of an evaluation. `None` where it does not apply.
    fn round_mantissa(self, value: Decimal) -> Option<Decimal> {
        let dp = self.decimal_places;
        let Some(dropped) = value.scale().checked_sub(dp).filter(|k| *k > 0) else {
            // Nothing to drop: only the scale is set.
            let mut r = value;
            r.rescale(dp);
            return Some(r);
        };
        let p = pow10(dropped)?;
        let q = self.round_quotient(value.mantissa(), p)?;
        Decimal::try_from_i128_with_scale(q, dp).ok()
    }

    /// `n ÷ d` rounded to a whole number by this rule's mode, in integers: one division,
    /// 64-bit where both fit (native on every target, wasm included). `None` if `d` is 0.
    fn round_quotient(self, n: i128, d: i128) -> Option<i128> {
        let negative = (n < 0) != (d < 0);
        // The truncated quotient and the remainder's size.
        let (q, r) = match (u64::try_from(n.unsigned_abs()), u64::try_from(d.unsigned_abs())) {
            (Ok(a), Ok(b)) if b != 0 => {
                let q = i128::from(a / b);
                (if negative { -q } else { q }, u128::from(a % b))
            }
            _ => (n.checked_div(d)?, n.checked_rem(d)?.unsigned_abs()),
        };
        let d = d.unsigned_abs();
        // r < d, so d − r does not underflow (and 2r, which might overflow, is not formed).
        let away = self.rounds_away(q % 2 != 0, r.cmp(&(d - r)), r == 0, negative);
        match (away, negative) {
            (false, _) => Some(q),
            (true, false) => q.checked_add(1),
            (true, true) => q.checked_sub(1),
        }
    }

    /// Whether a quotient truncated toward zero (`odd` when it is odd) rounds away from zero
    /// by this rule's mode, given how its remainder `r` compares with `d − r` (`half`: below,
    /// at or above the midpoint) and whether it is `exact` (r = 0).
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn rounds_away(self, odd: bool, half: std::cmp::Ordering, exact: bool, negative: bool) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self.mode {
            RoundingMode::ToZero => false,
            RoundingMode::AwayFromZero => !exact,
            RoundingMode::ToNegativeInfinity => !exact && negative,
            RoundingMode::ToPositiveInfinity => !exact && !negative,
            RoundingMode::MidpointAwayFromZero => half != Less,
            RoundingMode::MidpointTowardZero => half == Greater,
            RoundingMode::MidpointNearestEven => half == Greater || (half == Equal && odd),
        }
    }

    /// `a ÷ b` rounded by this rule where both mantissas and the scaled dividend fit 64 bits
    /// (shares of a total, amounts per child-month): one 64-bit division, native in the
    /// browser's wasm too, and the same result as the 128-bit path of [`Rounding::div`] (a test
    /// compares them). `None` otherwise.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    pub(super) fn div_64(self, a: Decimal, b: Decimal) -> Option<Decimal> {
        if self.decimal_places > 28 {
            return None;
        }
        // a ÷ b × 10^dp = a.mantissa × 10^(dp + b.scale − a.scale) ÷ b.mantissa.
        let shift = (self.decimal_places + b.scale()).checked_sub(a.scale())?;
        let n = magnitude_64(a)?.checked_mul(pow10_64(shift)?)?;
        let d = magnitude_64(b).filter(|d| *d != 0)?;
        let negative = a.is_sign_negative() != b.is_sign_negative();
        let (q, r) = (n / d, n % d);
        let q = if self.rounds_away(q % 2 != 0, r.cmp(&(d - r)), r == 0, negative) { q + 1 } else { q };
        // As the 128-bit path builds it: a zero quotient is a positive zero.
        Some(from_64(q, negative && q != 0, self.decimal_places))
    }

    /// `a ÷ b` rounded by this rule, computed exactly in integers where the operands allow
    /// (no intermediate rounding to 28 digits), otherwise as `apply(a ÷ b)`.
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] naming `field` when `b` is zero; overflow.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    pub(crate) fn div(self, a: Decimal, b: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
        match self.div_64(a, b) {
            Some(v) => Ok(v),
            None => self.div_128(a, b, field),
        }
    }

    /// [`Rounding::div`] beyond 64 bits.
    #[inline(never)]
    pub(super) fn div_128(self, a: Decimal, b: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
        if b.is_zero() {
            return Err(FeeError::invalid(field.path(), "0", crate::foundations::error::reason::DIVISION_BY_ZERO));
        }
        // a ÷ b × 10^dp = a.mantissa × 10^(dp + b.scale − a.scale) ÷ b.mantissa.
        let shift = i64::from(self.decimal_places) + i64::from(b.scale()) - i64::from(a.scale());
        let pow = |k: i64| u32::try_from(k).ok().and_then(pow10);
        let exact = if shift >= 0 {
            pow(shift).and_then(|p| a.mantissa().checked_mul(p)).map(|n| (n, b.mantissa()))
        } else {
            pow(-shift).and_then(|p| b.mantissa().checked_mul(p)).map(|d| (a.mantissa(), d))
        };
        if let Some(q) = exact.and_then(|(n, d)| self.round_quotient(n, d)) {
            if let Ok(v) = Decimal::try_from_i128_with_scale(q, self.decimal_places) {
                return Ok(v);
            }
        }
        Ok(self.apply(div(a, b, field)?))
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

/// A figure as text with its whole part grouped in threes by commas, every figure of four
/// whole digits or more alike, so a fee of 3,131.00 and a budget of 1,697,280.00 read the same
/// way side by side. The text only: the digits and places are the value's own, so round first.
///
/// ```
/// use rust_decimal::Decimal;
/// let n = |s: &str| s.parse::<Decimal>().unwrap();
/// assert_eq!(fee_core::grouped(n("27577200.00")), "27,577,200.00");
/// assert_eq!(fee_core::grouped(n("3131.00")), "3,131.00");
/// assert_eq!(fee_core::grouped(n("-12345")), "-12,345");
/// assert_eq!(fee_core::grouped(n("999.5")), "999.5");
/// ```
pub fn grouped(value: Decimal) -> String {
    let text = value.to_string();
    let (sign, unsigned) = text.split_at(usize::from(text.starts_with('-')));
    let (whole, places) = unsigned.split_at(unsigned.find('.').unwrap_or(unsigned.len()));
    if whole.len() < 4 {
        return text;
    }
    let mut out = String::with_capacity(text.len() + whole.len() / 3);
    out.push_str(sign);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out.push_str(places);
    out
}
