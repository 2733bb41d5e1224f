//! Reading amounts as people type them.

use rust_decimal::Decimal;

use crate::error::reason;
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
        return text.parse::<Decimal>().map_err(|_| FeeError::invalid(field, text, reason::NOT_A_NUMBER));
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
        return Err(FeeError::invalid(field, text, reason::NUMBER_NEEDED));
    }
    if clean.contains(['e', 'E']) {
        return Err(FeeError::invalid(field, text, reason::WRITE_IN_FULL));
    }
    clean.parse::<Decimal>().map_err(|_| FeeError::invalid(field, text, reason::NOT_A_NUMBER))
}

/// `str::trim`, looking first at the edge bytes and characters: most fields have no white
/// space around them, and for those nothing more is read. (`str::trim` runs a general pattern
/// search from both ends, which costs more than the rest of a field's checks when it finds
/// nothing.)
#[inline(always)]
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&first), Some(_)) if may_start_space(first) || may_end_space(s.as_bytes()) => trim_edges(s),
        _ => s,
    }
}

/// Whether a first byte may begin a white space character: ASCII white space (and the other
/// control bytes, which the slow path then sees are not), or the lead bytes of U+0085,
/// U+00A0, U+1680, U+2000–U+205F and U+3000.
#[inline(always)]
fn may_start_space(b: u8) -> bool {
    b <= b' ' || matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3)
}

/// Whether text may end in a white space character: an ASCII one (or another control byte),
/// or the last byte of a non-ASCII one listed at [`may_start_space`] with its lead byte
/// where that character's would be.
#[inline(always)]
fn may_end_space(b: &[u8]) -> bool {
    let at = |back: usize| b.len().checked_sub(back).and_then(|i| b.get(i)).copied();
    match at(1) {
        Some(last) if last <= b' ' => true,
        Some(0x80..=0x8a | 0x9f | 0xa0 | 0xa8 | 0xa9 | 0xaf) => {
            at(2) == Some(0xc2) || matches!(at(3), Some(0xe1..=0xe3))
        }
        _ => false,
    }
}

/// The slow path of [`trim`]: looks at the edge characters, and trims only if one is white space.
#[cold]
#[inline(never)]
fn trim_edges(s: &str) -> &str {
    let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    if space(s.chars().next()) || space(s.chars().next_back()) {
        s.trim()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::trim;

    /// The edge-character shortcut agrees with `str::trim` for every white space character of
    /// Unicode and every other character up to U+FFFF, at either end.
    #[test]
    fn trim_agrees_with_str_trim() {
        for c in (0..=0xffff_u32).filter_map(char::from_u32) {
            for s in [format!("{c}"), format!("{c}x"), format!("x{c}"), format!("{c}托{c}"), format!("a{c}b")] {
                assert_eq!(trim(&s), s.trim(), "{:?}", s);
            }
        }
        assert_eq!(trim(""), "");
        assert_eq!(trim("\u{3000}保育费\u{3000}"), "保育费");
    }
}
