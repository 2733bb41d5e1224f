//! Naming the encoding of a file that is not UTF-8, so a clerk knows how to save it again.

/// What a file that is not UTF-8 seems to be, and how to save it as UTF-8: UTF-16 (by its byte
/// order mark, or the zero bytes of Latin text), GBK (Windows' Chinese default: every byte past
/// ASCII in lead-and-trail pairs of its ranges), or neither.
pub fn hint(bytes: &[u8]) -> (String, String) {
    let sample = &bytes[..bytes.len().min(1 << 16)];
    let zeros = sample.iter().filter(|b| **b == 0).count();
    let utf16 = sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]) || zeros * 4 > sample.len();
    let gbk = || {
        let mut i = 0;
        let mut pairs = 0;
        while i < sample.len() {
            let b = sample[i];
            if b < 0x80 {
                i += 1;
                continue;
            }
            match sample.get(i + 1) {
                Some(&t) if (0x81..=0xFE).contains(&b) && (0x40..=0xFE).contains(&t) && t != 0x7F => {
                    pairs += 1;
                    i += 2;
                }
                // A pair cut at the sample's end.
                None if i + 1 == sample.len() && sample.len() < bytes.len() => break,
                _ => return false,
            }
        }
        pairs > 0
    };
    let save = (
        "请用记事本或 WPS“另存为”，编码选 UTF-8 后再试",
        "save it again as UTF-8 (Notepad or WPS: Save As, encoding UTF-8) and try again",
    );
    if utf16 {
        (format!("文件是 UTF-16 编码，不是 UTF-8：{}", save.0), format!("the file is UTF-16, not UTF-8: {}", save.1))
    } else if gbk() {
        (
            format!("文件似乎是 GBK（GB 18030）编码，即 Windows 中文版的默认编码，不是 UTF-8：{}", save.0),
            format!("the file looks like GBK (GB 18030), the default of Chinese Windows, not UTF-8: {}", save.1),
        )
    } else {
        (format!("文件不是 UTF-8 编码的文本：{}", save.0), format!("the file is not UTF-8 text: {}", save.1))
    }
}
