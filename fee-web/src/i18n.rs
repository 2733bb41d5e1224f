//! Labels in zh-CN (default) and English.

use fee_core::{Language, SourceLabel};

/// Picks the label for the language.
pub fn tr(lang: Language, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Language::Zh => zh,
        Language::En => en,
    }
}

/// Picks between two owned strings.
pub fn pick<'a>(lang: Language, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Language::Zh => zh,
        Language::En => en,
    }
}

/// How many findings there are, as a headline says it.
pub fn findings_count(n: usize, lang: Language) -> String {
    match lang {
        Language::Zh => format!("{n} 项发现"),
        Language::En => format!("{n} finding(s)"),
    }
}

/// How sure a parameter value is, as a reader of the language says it (as a trace's sources do).
pub fn source_label(label: SourceLabel, lang: Language) -> &'static str {
    tr(lang, label.name_zh(), label.name_en())
}
