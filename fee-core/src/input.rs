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
        return exact(text, text, field);
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
    exact(&clean, text, field)
}

/// `clean` as an exact decimal, or why not (naming `text` as the person wrote it): a number
/// with more significant digits than a decimal holds is refused, not rounded.
fn exact(clean: &str, text: &str, field: &str) -> Result<Decimal, FeeError> {
    Decimal::from_str_exact(clean).map_err(|e| {
        let digits_only = clean.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let reason = match e {
            rust_decimal::Error::Underflow => reason::TOO_PRECISE,
            _ if digits_only && clean.bytes().filter(|b| *b == b'.').count() <= 1 => reason::TOO_LARGE,
            _ => reason::NOT_A_NUMBER,
        };
        FeeError::invalid(field, text, reason)
    })
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

    /// An amount is exact or refused: 29 significant digits are more than a decimal holds, and
    /// 79,228,162,514,264,337,593,543,950,336 is one more than the largest decimal.
    #[test]
    fn an_amount_beyond_a_decimal_is_refused_not_rounded() {
        use super::parse_amount;
        let e = parse_amount("0.12345678901234567890123456789", "fee").unwrap_err();
        assert!(e.to_string().contains("28 significant digits"), "{e}");
        assert!(e.message_zh().contains("28 位有效数字"), "{}", e.message_zh());
        let e = parse_amount("79228162514264337593543950336", "fee").unwrap_err();
        assert!(e.to_string().contains("too large"), "{e}");
        assert!(parse_amount("79,228,162,514,264,337,593,543,950,335", "fee").is_ok());
        assert_eq!(
            parse_amount("0.1234567890123456789012345678", "fee").unwrap().to_string(),
            "0.1234567890123456789012345678"
        );
        assert!(parse_amount("1.2.3", "fee").unwrap_err().to_string().contains("not a number"));
    }

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
