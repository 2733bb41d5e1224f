//! Reading the command line's numbers: amounts as fee-core reads them, whole numbers too.

use rust_decimal::Decimal;

use crate::{render, requested_language, Language};

/// An amount or rate given on the command line, read as fee-core reads what people type:
/// exactly (a digit past what a decimal holds is refused, never rounded), with thousands
/// separators, full-width digits or a trailing 元.
pub fn amount(text: &str) -> Result<Decimal, String> {
    fee_core::parse_amount(text, "value").map_err(|e| e.reason(requested_language()))
}

/// A whole-number flag, read as amounts are (full-width digits, groups of three) and then
/// held to whole numbers in the range of `T`, in plain words.
pub fn whole<T: TryFrom<i128> + Bounded>(text: &str) -> Result<T, String> {
    let lang = requested_language();
    let d = amount(text)?;
    if !d.fract().is_zero() {
        return Err(render::pick(lang, "须为整数", "a whole number is needed").to_string());
    }
    let range = || match lang {
        Language::Zh => format!("须在 {} 至 {} 之间", T::LOW, fee_core::grouped(Decimal::from(T::HIGH))),
        Language::En => format!("must be from {} to {}", T::LOW, fee_core::grouped(Decimal::from(T::HIGH))),
    };
    let n = i128::try_from(d.trunc()).map_err(|_| range())?;
    T::try_from(n).map_err(|_| range())
}

/// The range of a whole-number flag's type, for its message.
pub trait Bounded {
    const LOW: i64;
    const HIGH: i64;
}

impl Bounded for i32 {
    const LOW: i64 = i32::MIN as i64;
    const HIGH: i64 = i32::MAX as i64;
}

impl Bounded for u32 {
    const LOW: i64 = 0;
    const HIGH: i64 = u32::MAX as i64;
}

impl Bounded for u64 {
    const LOW: i64 = 0;
    const HIGH: i64 = i64::MAX;
}

impl Bounded for usize {
    const LOW: i64 = 0;
    const HIGH: i64 = i64::MAX;
}
