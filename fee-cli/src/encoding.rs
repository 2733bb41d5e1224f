//! Naming the encoding of a file that is not UTF-8, so a clerk knows how to save it again.

/// What a file that is not UTF-8 seems to be (UTF-16, GBK or neither, as fee-core judges it),
/// and how to save it as UTF-8, in Chinese and English; the caller names the file.
pub fn hint(bytes: &[u8]) -> (String, String) {
    let e = fee_core::TextEncoding::not_utf8(bytes, "");
    (e.reason(fee_core::Language::Zh), e.reason(fee_core::Language::En))
}
