//! Exact arithmetic helpers and the named rounding rule.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::foundations::error::FeeError;

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
    fn div_64(self, a: Decimal, b: Decimal) -> Option<Decimal> {
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
    fn div_128(self, a: Decimal, b: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
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

/// A figure as text with its whole part grouped in threes by commas, when it has five whole
/// digits or more (four-digit figures such as the fees read best as the plan writes them,
/// "3131元/月"). The text only: the digits and places are the value's own, so round first.
///
/// ```
/// use rust_decimal::Decimal;
/// let n = |s: &str| s.parse::<Decimal>().unwrap();
/// assert_eq!(fee_core::grouped(n("27577200.00")), "27,577,200.00");
/// assert_eq!(fee_core::grouped(n("3131.00")), "3131.00");
/// assert_eq!(fee_core::grouped(n("-12345")), "-12,345");
/// ```
pub fn grouped(value: Decimal) -> String {
    let text = value.to_string();
    let (sign, unsigned) = text.split_at(usize::from(text.starts_with('-')));
    let (whole, places) = unsigned.split_at(unsigned.find('.').unwrap_or(unsigned.len()));
    if whole.len() < 5 {
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

/// 10ⁿ for every n whose power fits an `i128` (n ≤ 38), read from a table.
const POW10: [i128; 39] = {
    let mut t = [1_i128; 39];
    let mut n = 1;
    while n < 39 {
        t[n] = t[n - 1] * 10;
        n += 1;
    }
    t
};

/// 10ⁿ, or `None` past what an `i128` holds.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
#[cfg_attr(target_arch = "wasm32", inline)]
fn pow10(n: u32) -> Option<i128> {
    POW10.get(usize::try_from(n).ok()?).copied()
}

/// The overflow error naming `field`, made out of line: the helpers below are inlined where
/// they are used, and only their success path belongs there. (Natively, that is; the browser
/// build optimizes for size and is left to choose, since inlining every checked operation
/// grew the app by 40 KB gzipped.)
#[cold]
#[inline(never)]
fn overflow(field: impl Path) -> FeeError {
    FeeError::overflow(field.path())
}

/// 10ⁿ as a `u64`, or `None` past 10¹⁹: read from the same table, with no 128-bit arithmetic.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
#[cfg_attr(target_arch = "wasm32", inline)]
fn pow10_64(n: u32) -> Option<u64> {
    u64::try_from(pow10(n)?).ok()
}

/// The size of `d`'s mantissa, if it fits 64 bits.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
#[cfg_attr(target_arch = "wasm32", inline)]
fn magnitude_64(d: Decimal) -> Option<u64> {
    u64::try_from(d.mantissa().unsigned_abs()).ok()
}

/// The decimal of a 64-bit mantissa; `scale` is at most 28 wherever this is called.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
#[cfg_attr(target_arch = "wasm32", inline)]
fn from_64(m: u64, negative: bool, scale: u32) -> Decimal {
    // The casts take the mantissa's two 32-bit words.
    #[allow(clippy::cast_possible_truncation)]
    Decimal::from_parts(m as u32, (m >> 32) as u32, 0, negative, scale)
}

/// `a + b` in 64-bit integers where neither is zero, both mantissas (aligned to the larger
/// scale) fit 64 bits, and the exact sum does too and is not zero: what `checked_add` gives
/// then (a test compares them bit for bit), without its general path, which dominated the
/// sums of cost lines. `None` leaves it to `rust_decimal`. Native only: in the browser's
/// wasm the checks cost more than they save (a sensitivity grid measured in the page took
/// 10.7–12.1 ms with them, 9.5–9.7 ms without).
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn exact_sum(a: Decimal, b: Decimal) -> Option<Decimal> {
    // A zero operand, like a zero sum, keeps `rust_decimal`'s own sign and scale.
    if a.is_zero() || b.is_zero() {
        return None;
    }
    let (sa, sb) = (a.scale(), b.scale());
    let (mut ma, mut mb) = (magnitude_64(a)?, magnitude_64(b)?);
    if sa < sb {
        ma = ma.checked_mul(pow10_64(sb - sa)?)?;
    } else if sb < sa {
        mb = mb.checked_mul(pow10_64(sa - sb)?)?;
    }
    let (na, nb) = (a.is_sign_negative(), b.is_sign_negative());
    let (m, negative) = match ma.cmp(&mb) {
        _ if na == nb => (ma.checked_add(mb)?, na),
        std::cmp::Ordering::Greater => (ma - mb, na),
        std::cmp::Ordering::Less => (mb - ma, nb),
        std::cmp::Ordering::Equal => return None,
    };
    Some(from_64(m, negative, sa.max(sb)))
}

/// `a × b` in 64-bit integers where the exact product's mantissa fits 64 bits, is not zero,
/// and its scale `sa + sb` is at most 28: what `checked_mul` gives then (a test compares
/// them bit for bit). `None` leaves it to `rust_decimal`.
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn exact_product(a: Decimal, b: Decimal) -> Option<Decimal> {
    let scale = a.scale() + b.scale();
    let m = magnitude_64(a)?.checked_mul(magnitude_64(b)?)?;
    if scale > 28 || m == 0 {
        return None;
    }
    Some(from_64(m, a.is_sign_negative() != b.is_sign_negative(), scale))
}

/// `a + b`, or an overflow error naming `field`.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
#[cfg_attr(target_arch = "wasm32", inline)]
pub(crate) fn add(a: Decimal, b: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(v) = exact_sum(a, b) {
        return Ok(v);
    }
    match a.checked_add(b) {
        Some(v) => Ok(v),
        None => Err(overflow(field)),
    }
}

/// `a - b`, or an overflow error naming `field`.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
#[cfg_attr(target_arch = "wasm32", inline)]
pub(crate) fn sub(a: Decimal, b: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(v) = exact_sum(a, -b) {
        return Ok(v);
    }
    match a.checked_sub(b) {
        Some(v) => Ok(v),
        None => Err(overflow(field)),
    }
}

/// `a × b`, or an overflow error naming `field`.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
#[cfg_attr(target_arch = "wasm32", inline)]
pub(crate) fn mul(a: Decimal, b: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(v) = exact_product(a, b) {
        return Ok(v);
    }
    match a.checked_mul(b) {
        Some(v) => Ok(v),
        None => Err(overflow(field)),
    }
}

/// `a ÷ b`; a zero divisor is an invalid-input error naming `field`.
pub(crate) fn div(a: Decimal, b: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
    if b.is_zero() {
        return Err(FeeError::invalid(field.path(), "0", crate::foundations::error::reason::DIVISION_BY_ZERO));
    }
    a.checked_div(b).ok_or_else(|| FeeError::overflow(field.path()))
}

/// Sum of an iterator of amounts, checked.
#[inline]
pub(crate) fn sum<I: IntoIterator<Item = Decimal>>(items: I, field: impl Path) -> Result<Decimal, FeeError> {
    items.into_iter().try_fold(Decimal::ZERO, |acc, x| add(acc, x, field))
}

/// The out-of-range error naming `field`, made out of line (see [`overflow`]).
#[cold]
#[inline(never)]
fn out_of_range(field: impl Path, value: Decimal, limit: impl Into<String>) -> FeeError {
    FeeError::out_of_range(field.path(), value, limit)
}

/// Refuses a negative amount.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
#[cfg_attr(target_arch = "wasm32", inline)]
pub(crate) fn non_negative(value: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(out_of_range(field, value, crate::foundations::error::reason::NOT_NEGATIVE));
    }
    Ok(value)
}

/// Orders two amounts, looking first at their bits: the same bits are the same amount, so
/// a line left as reported compares without rescaling.
#[inline]
pub(crate) fn compare(a: Decimal, b: Decimal) -> std::cmp::Ordering {
    if a.serialize() == b.serialize() {
        std::cmp::Ordering::Equal
    } else {
        a.cmp(&b)
    }
}

/// Refuses a value outside `[lo, hi]`.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
#[cfg_attr(target_arch = "wasm32", inline)]
pub(crate) fn within(value: Decimal, lo: Decimal, hi: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
    if value < lo || value > hi {
        return Err(out_of_range(field, value, crate::foundations::error::reason::range(lo, hi)));
    }
    Ok(value)
}

/// Refuses zero or a negative value.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
#[cfg_attr(target_arch = "wasm32", inline)]
pub(crate) fn positive(value: Decimal, field: impl Path) -> Result<Decimal, FeeError> {
    if value <= Decimal::ZERO {
        return Err(out_of_range(field, value, crate::foundations::error::reason::POSITIVE));
    }
    Ok(value)
}

/// The ceiling of `a ÷ b` as a count (carers a class needs), of the exact quotient (see
/// [`Rounding::div`]); an overflow error naming `field` past what a `u32` holds.
pub(crate) fn ceil_count(a: Decimal, b: Decimal, field: impl Path) -> Result<u32, FeeError> {
    let whole = Rounding::new(0, RoundingMode::ToPositiveInfinity).div(a, b, field)?;
    u32::try_from(whole.mantissa()).map_err(|_| overflow(field))
}

/// Rounds `value` up (toward positive infinity) to the places of `rule`.
pub(crate) fn ceil_to(value: Decimal, rule: Rounding) -> Decimal {
    Rounding::new(rule.decimal_places, RoundingMode::ToPositiveInfinity).apply(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Grouping written out by hand: five whole digits or more, threes from the point.
    #[test]
    fn figures_of_five_digits_or_more_are_grouped() {
        let g = |s: &str| grouped(s.parse().unwrap());
        assert_eq!(g("9999.99"), "9999.99");
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
        assert_eq!(
            Rounding::new(0, RoundingMode::MidpointAwayFromZero).div(d("2"), d("3"), "x").unwrap().to_string(),
            "1"
        );
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
}
