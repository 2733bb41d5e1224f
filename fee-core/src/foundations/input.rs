//! Reading amounts as people type them.

use rust_decimal::Decimal;

use crate::foundations::error::{reason, FeeError};

/// Reads an amount as a person types it: thousands separators (`,` `，`, a space) between
/// groups of three digits, full-width digits and a trailing 元 are accepted; a separator
/// anywhere else (`2800,50`, `3,1`) and anything else is an error naming `field`.
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
/// assert!(parse_amount("2800,50", "fee").unwrap_err().to_string().contains("decimal point"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn parse_amount(text: &str, field: &str) -> Result<Decimal, FeeError> {
    // Plain ASCII digits with at most a sign and a point need no cleaning (the usual case in files).
    let plain = text.bytes().enumerate().all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && b == b'-'));
    if plain && text.bytes().any(|b| b.is_ascii_digit()) {
        return exact(text, text, field);
    }
    let mut clean = String::with_capacity(text.len());
    // Where a separator stood: between the digits written so far and the next.
    let mut separators: Vec<usize> = Vec::new();
    for c in text.trim().trim_end_matches('元').trim().chars() {
        match c {
            ',' | '，' | ' ' | '\u{3000}' | '_' => separators.push(clean.len()),
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
    if !separators.is_empty() && !grouped_by_threes(&clean, &separators) {
        return Err(FeeError::invalid(field, text, reason::GROUPING));
    }
    exact(&clean, text, field)
}

/// Whether separators at `at` (byte offsets into `clean`, which holds no separator) stand
/// only between groups of three digits of the whole part: `15,655` and `1 000 000.5`, never
/// `2800,50`, `3,1` or `1,2,3`, where the separator was meant as a decimal point or a typo.
fn grouped_by_threes(clean: &str, at: &[usize]) -> bool {
    let sign = usize::from(clean.starts_with('-'));
    let whole_end = clean.find('.').unwrap_or(clean.len());
    let whole = &clean[sign..whole_end];
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut previous = sign;
    for &position in at {
        let group = position.saturating_sub(previous);
        let first = previous == sign;
        if position > whole_end || (first && !(1..=3).contains(&group)) || (!first && group != 3) {
            return false;
        }
        previous = position;
    }
    whole_end - previous == 3
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

/// Reads JSON into `T` keeping every amount to its last digit.
///
/// An amount, written as a number or as a string, with more significant digits than a
/// decimal holds (28) would be rounded by the usual reader; here it is refused, quoting it.
/// Numbers are read from their digits, never through binary floating point. With the
/// `json-paths` feature (on by default) an error of shape names the field's path.
///
/// # Errors
///
/// [`FeeError::Invalid`]: text that is not JSON or a value of the wrong shape for `T`
/// (field `json`, or the path), or an amount that would be rounded (field `json`, the amount
/// as written).
///
/// ```
/// use fee_core::{read_json, Scenario};
/// let mut s = Scenario::example();
/// let text = serde_json::to_string(&s)?.replace(r#""rent_monthly":"30000""#, r#""rent_monthly":30000.000000000000000001"#);
/// s.cost.rent_monthly = "30000.000000000000000001".parse()?;
/// assert_eq!(read_json::<Scenario>(&text)?, s);
/// let rounded = text.replace("30000.000000000000000001", "30000.0000000000000000000000000001");
/// assert!(read_json::<Scenario>(&rounded).unwrap_err().to_string().contains("28 significant digits"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_json<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> Result<T, FeeError> {
    // A byte-order mark, as Windows Notepad writes, is not part of the text.
    let text = without_bom(text);
    let read: T = deserialize(text)?;
    // An amount the reader rounded is missing from what was read, written back; text that
    // only looks like a number (a name) is written back as it was. Nearly every file has no
    // such long number, and is not written back at all.
    let mut written_back = None;
    for token in long_numbers(text) {
        let back = match &written_back {
            Some(back) => back,
            None => written_back
                .insert(serde_json::to_string(&read).map_err(|e| FeeError::invalid("json", "", json_reason(&e)))?),
        };
        // Written back, an amount and a name are JSON strings: look for the whole string.
        if !back.contains(&format!("\"{token}\"")) {
            return Err(FeeError::invalid("json", token, reason::TOO_PRECISE));
        }
    }
    Ok(read)
}

/// Checks an xlsx workbook's size once inflated, from its zip directory, before anything is
/// inflated: a 2 MB file that inflates to 2 GB (a zip bomb) is refused at once instead of
/// taking the memory. Allowed: up to 20 times the file's size, at least 32 MB, never over
/// 1 GB, and at most 10,000 parts.
///
/// # Errors
///
/// [`FeeError::Invalid`] naming `file`: not a zip archive, or too large once inflated.
#[cfg(feature = "xlsx")]
pub(crate) fn workbook_bounds(bytes: &[u8]) -> Result<(), FeeError> {
    const MB: u64 = 1024 * 1024;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| FeeError::invalid("file", "", reason::NOT_ZIP))?;
    let parts = archive.len();
    let limit = (u64::try_from(bytes.len()).unwrap_or(u64::MAX).saturating_mul(20)).clamp(32 * MB, 1024 * MB);
    let mut total = 0u64;
    for i in 0..parts.min(10_001) {
        let size = archive.by_index_raw(i).map(|f| f.size()).unwrap_or(u64::MAX);
        total = total.saturating_add(size);
    }
    if parts > 10_000 || total > limit {
        let inflated = format!("{}", total / MB);
        return Err(FeeError::invalid("file", "", reason::fill(reason::INFLATES, &[&inflated, &(limit / MB)])));
    }
    Ok(())
}

/// `text` without a leading UTF-8 byte-order mark.
pub(crate) fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// `T` from JSON text, naming the field's path on error.
#[cfg(feature = "json-paths")]
fn deserialize<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, FeeError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let read = serde_path_to_error::deserialize(&mut *de).map_err(|e| {
        // With exact numbers (serde_json's arbitrary_precision) a number's path ends in this
        // private marker; the field is the part before it.
        let path = e.path().to_string();
        let field = path.trim_end_matches(".$serde_json::private::Number").trim_end_matches(".?");
        let field = if matches!(field, "." | "?" | "") { "json" } else { field };
        FeeError::invalid(field, "", json_reason(&e.into_inner()))
    })?;
    de.end().map_err(|e| FeeError::invalid("json", "", json_reason(&e)))?;
    Ok(read)
}

/// `T` from JSON text (the error names a line and column).
#[cfg(not(feature = "json-paths"))]
fn deserialize<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, FeeError> {
    serde_json::from_str(text).map_err(|e| FeeError::invalid("json", "", json_reason(&e)))
}

/// Why JSON could not be read, as a reason that reads in Chinese too: not JSON at all, or
/// not in the form expected (a missing field, a wrong type), with the reader's detail.
pub(crate) fn json_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    if let Some(unknown) = unknown_field(&text) {
        return unknown;
    }
    let (line, column) = (e.line(), e.column());
    // The reader's message without its position, which the reasons give in the reader's words.
    let bare = text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m);
    match e.classify() {
        serde_json::error::Category::Data => data_reason(bare, line, column),
        serde_json::error::Category::Eof => reason::fill(reason::CUT_SHORT, &[&line, &column]),
        serde_json::error::Category::Syntax => reason::fill(reason::SYNTAX, &[&line, &column]),
        serde_json::error::Category::Io => reason::fill(reason::NOT_JSON, &[&bare]),
    }
}

/// A TOML or YAML reader's message in plain words, where it is one of serde's about a value of
/// the wrong shape ("… unknown variant `x`, expected one of …"): its position ("at line 9,
/// column 57" as TOML writes it, "at line 11 column 50" as YAML does) and the value found.
pub(crate) fn reader_reason(message: &str) -> Option<String> {
    const SHAPES: [&str; 5] =
        ["invalid type: ", "invalid value: ", "missing field `", "duplicate field `", "unknown variant `"];
    let start = SHAPES.iter().filter_map(|p| message.find(p)).min()?;
    let (mut said, mut line, mut column) = (&message[start..], 0, 0);
    let position = |text: &str| -> Option<(usize, usize)> {
        let rest = text.split_once("at line ")?.1;
        let digits = |t: &str| t.chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok();
        let l = digits(rest)?;
        let c = digits(rest.split_once("column ")?.1)?;
        Some((l, c))
    };
    if let Some((l, c)) = position(message) {
        (line, column) = (l, c);
    }
    // YAML puts the position after the message; TOML before it, on the first line.
    if let Some((m, _)) = said.rsplit_once(" at line ") {
        said = m;
    }
    Some(data_reason(said.lines().next().unwrap_or(said).trim(), line, column))
}

/// A value of the wrong shape, in plain words (serde's messages are the same for every format:
/// "invalid type: string \"one\", expected u32", "duplicate field `x`", "missing field `x`",
/// "unknown variant `x`, expected one of `a`, `b`"), at `line` and `column`.
pub(crate) fn data_reason(message: &str, line: usize, column: usize) -> String {
    let at: [&dyn std::fmt::Display; 2] = [&line, &column];
    let between = |start: &str| message.strip_prefix(start).and_then(|r| r.split_once('`')).map(|(v, _)| v);
    if let Some(field) = between("duplicate field `") {
        return reason::fill(reason::FIELD_TWICE, &[&field, at[0], at[1]]);
    }
    if let Some(field) = between("missing field `") {
        return reason::fill(reason::FIELD_MISSING, &[&field, at[0], at[1]]);
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, rest) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        return reason::fill(reason::NOT_ALLOWED_VALUE, &[&value, &allowed.join(", "), at[0], at[1]]);
    }
    let shape = message.strip_prefix("invalid type: ").or_else(|| message.strip_prefix("invalid value: "));
    let Some((got, expected)) = shape.and_then(|s| s.split_once(", expected ")) else {
        return reason::fill(reason::NOT_AS_EXPECTED, &[&message]);
    };
    // What was found, as the reader wrote it: a string's text, a number, or the kind of value.
    let found = match (got.split_once(' '), got.split_once('`')) {
        (Some(("string", s)), _) => s.trim_matches('"').to_string(),
        (_, Some((_, v))) => v.trim_end_matches('`').to_string(),
        _ => match got {
            "map" => "{ }".to_string(),
            "sequence" => "[ ]".to_string(),
            other => other.to_string(),
        },
    };
    let pattern = if expected.contains("Decimal") {
        reason::NOT_DECIMAL
    } else if matches!(expected, "u8" | "u16" | "u32" | "u64" | "usize") {
        reason::NOT_WHOLE
    } else if expected == "a boolean" {
        reason::NOT_BOOL
    } else if expected == "a sequence" || expected.starts_with("a list") {
        reason::LIST_EXPECTED
    } else if expected == "a string" {
        reason::TEXT_EXPECTED
    } else if expected.starts_with("struct ") || expected.starts_with("a map") || expected == "map" {
        reason::OBJECT_EXPECTED
    } else {
        reason::OTHER_KIND
    };
    reason::fill(pattern, &[&found, at[0], at[1]])
}

/// The reason for a field no type has, from a reader's message ("unknown field `rent_monthy`,
/// expected one of `method`, `rent_monthly`, …", as serde writes it for JSON, TOML and YAML
/// alike): the field and the nearest known name, or the names allowed where none is near.
pub(crate) fn unknown_field(message: &str) -> Option<String> {
    let rest = message.split_once("unknown field `")?.1;
    let (name, rest) = rest.split_once('`')?;
    let known: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let nearest =
        known.iter().map(|k| (edit_distance(name, k), *k)).min().filter(|(d, k)| *d <= (k.chars().count() / 3).max(2));
    Some(match nearest {
        Some((_, k)) => reason::fill(reason::UNKNOWN_FIELD_NEAR, &[&name, &k]),
        None if known.is_empty() => reason::fill(reason::UNKNOWN_FIELD_NONE, &[&name]),
        None => reason::fill(reason::UNKNOWN_FIELD, &[&name, &known.join(", ")]),
    })
}

/// The number of single-character edits between two names (Levenshtein).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The numbers, and strings that read as numbers, in valid JSON `text` that a decimal holds
/// only by rounding: the lenient reader (rust_decimal's serde) takes them, the exact one
/// refuses their digits before any exponent.
fn long_numbers(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let start = i;
            let token = if bytes[i] == b'"' {
                // A string: up to the closing quote, past any escaped character.
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                text.get(start + 1..i - 1)
            } else if bytes[i] == b'-' || bytes[i].is_ascii_digit() {
                while i < bytes.len() && matches!(bytes[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') {
                    i += 1;
                }
                text.get(start..i)
            } else {
                i += 1;
                None
            };
            if let Some(t) = token.filter(|t| t.len() > 28 && rounded(t)) {
                return Some(t);
            }
        }
        None
    })
}

/// Whether the lenient reader takes `t` only by rounding it.
fn rounded(t: &str) -> bool {
    use std::str::FromStr;
    let lenient = Decimal::from_str(t).is_ok() || Decimal::from_scientific(t).is_ok();
    let digits = t.split_once(['e', 'E']).map_or(t, |(m, _)| m);
    lenient && matches!(Decimal::from_str_exact(digits), Err(rust_decimal::Error::Underflow))
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

    /// JSON read for a scenario keeps 28 significant digits and refuses the 29th, whether the
    /// amount is written as a number, as a string or with an exponent; text that only looks
    /// like a number (a name) and numbers a decimal cannot take at all are left to the reader.
    #[test]
    fn json_refuses_a_number_it_would_round() {
        use super::read_json;
        use rust_decimal::Decimal;
        #[derive(serde::Deserialize, serde::Serialize, Debug)]
        struct Doc {
            items: Vec<Item>,
        }
        #[derive(serde::Deserialize, serde::Serialize, Debug)]
        struct Item {
            name: String,
            fee: Decimal,
        }
        let read = |fee: &str| {
            read_json::<Doc>(&format!(r#"{{"items": [{{"name": "a", "fee": 1}}, {{"name": "b", "fee": {fee}}}]}}"#))
        };
        // 28 significant digits: kept to the last one, as a number, a string or with an exponent.
        assert_eq!(
            read("0.1234567890123456789012345678").unwrap().items[1].fee.to_string(),
            "0.1234567890123456789012345678"
        );
        assert_eq!(
            read(r#""0.1234567890123456789012345678""#).unwrap().items[1].fee.to_string(),
            "0.1234567890123456789012345678"
        );
        assert_eq!(
            read("1.234567890123456789012345678e3").unwrap().items[1].fee.to_string(),
            "1234.567890123456789012345678"
        );
        // 29: refused, naming the field and the value as written.
        for fee in [
            "0.12345678901234567890123456789",
            r#""0.12345678901234567890123456789""#,
            "1.23456789012345678901234567891e3",
        ] {
            let e = read(fee).unwrap_err();
            assert_eq!(e.field(), "json", "{fee}");
            assert!(e.to_string().contains("28 significant digits"), "{e}");
            // (serde_json writes an exponent with its sign: e3 is quoted as e+3.)
            assert!(e.to_string().contains(fee.trim_matches('"').split('e').next().unwrap()), "{e}");
        }
        // A name of many digits is a name; a number too large is the reader's error, not a rounding.
        let named = read_json::<Doc>(r#"{"items": [{"name": "3.14159265358979323846264338327", "fee": 1}]}"#);
        assert_eq!(named.unwrap().items[0].name, "3.14159265358979323846264338327");
        // Nor does a name that holds a rounded amount's digits hide the rounding.
        let hidden = read_json::<Doc>(
            r#"{"items": [{"name": "0.123456789012345678901234567891", "fee": 0.12345678901234567890123456789}]}"#,
        );
        assert_eq!(hidden.unwrap_err().field(), "json");
        let e = read("79228162514264337593543950336").unwrap_err();
        assert_eq!(e.field(), if cfg!(feature = "json-paths") { "items[1].fee" } else { "json" });
        assert_eq!(read_json::<Doc>("{").unwrap_err().field(), "json");
        // Why, in both languages: not JSON at all, or JSON of another form.
        let e = read_json::<Doc>("{").unwrap_err();
        assert!(e.message_zh().starts_with("json：文本在第 1 行第 1 列提前结束"), "{}", e.message_zh());
        let e = read_json::<Doc>(r#"{"things": []}"#).unwrap_err();
        assert!(e.message_zh().contains("缺少字段“items”：请补上（第 1 行第 "), "{}", e.message_zh());
        assert!(e.to_string().contains("field `items` is missing: add it (line 1, column "), "{e}");
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

/// What a text file seems to be encoded in, judged from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 (ASCII included), as every reader here expects.
    Utf8,
    /// UTF-16, by its byte-order mark or the zero bytes of Latin text.
    Utf16,
    /// GBK (GB 18030), Windows' Chinese default: every byte past ASCII in lead-and-trail pairs
    /// of its ranges.
    Gbk,
    /// Neither: not UTF-8, and nothing else recognised.
    Other,
}

impl TextEncoding {
    /// The encoding of `head`, the first bytes of a file (`whole`: all of it, so a character
    /// cut at the end is an error, not the sample's edge).
    ///
    /// ```
    /// use fee_core::TextEncoding;
    /// assert_eq!(TextEncoding::of("机构,金额".as_bytes(), true), TextEncoding::Utf8);
    /// // 机构 in GBK.
    /// assert_eq!(TextEncoding::of(&[0xBB, 0xFA, 0xB9, 0xB9, b','], true), TextEncoding::Gbk);
    /// assert_eq!(TextEncoding::of(&[0xFF, 0xFE, b'a', 0], true), TextEncoding::Utf16);
    /// ```
    pub fn of(head: &[u8], whole: bool) -> Self {
        match std::str::from_utf8(head) {
            Ok(_) => return TextEncoding::Utf8,
            // A character cut where the sample ends is still UTF-8.
            Err(e) if !whole && e.error_len().is_none() => return TextEncoding::Utf8,
            Err(_) => {}
        }
        let zeros = head.iter().filter(|b| **b == 0).count();
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || zeros * 4 > head.len() {
            return TextEncoding::Utf16;
        }
        // Chinese in UTF-8 beside the bytes that are not: a file mostly right, not another encoding.
        if String::from_utf8_lossy(head)
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
        {
            return TextEncoding::Other;
        }
        let mut i = 0;
        let mut pairs = 0;
        while i < head.len() {
            let b = head[i];
            if b < 0x80 {
                i += 1;
                continue;
            }
            match head.get(i + 1) {
                Some(&t) if (0x81..=0xFE).contains(&b) && (0x40..=0xFE).contains(&t) && t != 0x7F => {
                    pairs += 1;
                    i += 2;
                }
                None if !whole => break,
                _ => return TextEncoding::Other,
            }
        }
        if pairs > 0 {
            TextEncoding::Gbk
        } else {
            TextEncoding::Other
        }
    }

    /// Refuses a file that is not UTF-8, naming `field` and saying what the file seems to be
    /// and how to save it as UTF-8, in both languages.
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] naming `field` when `head` is not UTF-8.
    ///
    /// ```
    /// use fee_core::{Language, TextEncoding};
    /// let e = TextEncoding::check(&[0xBB, 0xFA, 0xB9, 0xB9], true, "file").unwrap_err();
    /// assert!(e.message(Language::Zh).contains("GBK"));
    /// assert!(TextEncoding::check(b"ok", true, "file").is_ok());
    /// ```
    pub fn check(head: &[u8], whole: bool, field: &str) -> Result<(), FeeError> {
        match TextEncoding::of(head, whole) {
            TextEncoding::Utf8 => Ok(()),
            other => Err(other.refusal(field)),
        }
    }

    /// Why `bytes`, a whole file already found not to be UTF-8, cannot be read, naming `field`:
    /// what its first 64 KB seem to be (or plainly not UTF-8, when they are and the fault is
    /// further on), and how to save it as UTF-8.
    ///
    /// ```
    /// use fee_core::{Language, TextEncoding};
    /// let e = TextEncoding::not_utf8(&[0xFF, 0xFE, b'a', 0], "file");
    /// assert!(e.reason(Language::En).starts_with("the file is UTF-16"));
    /// let late = [vec![b'a'; 70_000], vec![0xFF]].concat();
    /// assert!(TextEncoding::not_utf8(&late, "file").reason(Language::En).starts_with("the file is not UTF-8 text"));
    /// ```
    pub fn not_utf8(bytes: &[u8], field: &str) -> FeeError {
        let head = &bytes[..bytes.len().min(1 << 16)];
        TextEncoding::of(head, head.len() == bytes.len()).refusal(field)
    }

    /// The refusal of a file in this encoding (plainly not UTF-8 for UTF-8 itself, whose
    /// fault lies past what was judged).
    fn refusal(self, field: &str) -> FeeError {
        let reason = match self {
            TextEncoding::Utf16 => reason::UTF16,
            TextEncoding::Gbk => reason::GBK,
            TextEncoding::Utf8 | TextEncoding::Other => reason::NOT_UTF8_FILE,
        };
        FeeError::invalid(field, "", reason)
    }
}
