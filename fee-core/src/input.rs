//! Reading amounts as people type them.

use rust_decimal::Decimal;

use crate::FeeError;

/// Reads an amount as a person types it: spaces, thousands separators (`,` `，`),
/// full-width digits and a trailing 元 are accepted; anything else is an error naming `field`.
///
/// # Errors
///
/// [`FeeError::Invalid`] when the text is empty or not a number.
///
/// ```
/// use fee_core::parse_amount;
/// assert_eq!(parse_amount("15,655", "income")?.to_string(), "15655");
/// assert_eq!(parse_amount("３１３１元", "fee")?.to_string(), "3131");
/// assert!(parse_amount("三千", "fee").is_err());
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn parse_amount(text: &str, field: &str) -> Result<Decimal, FeeError> {
    // Plain ASCII digits with at most a sign and a point need no cleaning (the usual case in files).
    let plain = text.bytes().enumerate().all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && b == b'-'));
    if plain && text.bytes().any(|b| b.is_ascii_digit()) {
        return text.parse::<Decimal>().map_err(|_| FeeError::invalid(field, text, "not a number"));
    }
    let mut clean = String::with_capacity(text.len());
    for c in text.trim().trim_end_matches('元').chars() {
        match c {
            ',' | '，' | ' ' | '\u{3000}' | '_' => {}
            '０'..='９' => clean.push(char::from(b'0' + (u32::from(c) - u32::from('０')) as u8)),
            '．' | '。' => clean.push('.'),
            '－' => clean.push('-'),
            _ => clean.push(c),
        }
    }
    if clean.is_empty() {
        return Err(FeeError::invalid(field, text, "a number is needed"));
    }
    if clean.contains(['e', 'E']) {
        return Err(FeeError::invalid(field, text, "write the number out in full"));
    }
    clean.parse::<Decimal>().map_err(|_| FeeError::invalid(field, text, "not a number"))
}
