//! Naming the encoding of a file that is not UTF-8, so a clerk knows how to save it again.

/// What a file that is not UTF-8 seems to be (UTF-16, GBK or neither, as fee-core judges it),
/// and how to save it as UTF-8, in Chinese and English.
pub fn hint(bytes: &[u8]) -> (String, String) {
    let sample = &bytes[..bytes.len().min(1 << 16)];
    // UTF-8 at its start: the error is further on, and the file is named as not UTF-8.
    let e = fee_core::TextEncoding::check(sample, sample.len() == bytes.len(), "")
        .and_then(|()| fee_core::TextEncoding::check(&[0xFF], true, ""))
        .err();
    // The error names no field here: the caller names the file.
    let bare = |m: String| m.trim_start_matches(['：', ':', ' ']).to_string();
    e.map(|e| (bare(e.message_zh()), bare(e.to_string()))).unwrap_or_default()
}
