//! Exact arithmetic helpers and the named rounding rule.

use rust_decimal::Decimal;

use crate::foundations::error::FeeError;

mod rounding;
#[cfg(test)]
mod tests;
pub use rounding::{grouped, Rounding, RoundingMode, SHARE_PLACES};

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
