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
    let en = match label {
        SourceLabel::Primary => "primary",
        SourceLabel::Secondary => "secondary",
        SourceLabel::Example => "example",
    };
    tr(lang, label.name_zh(), en)
}

/// A parameter file's unit (`yuan_per_month`) as a reader of the language writes it; a unit
/// not listed here is shown as the file writes it.
pub fn parameter_unit(unit: &str, lang: Language) -> &str {
    let (zh, en) = match unit {
        "yuan_per_month" => ("元/月", "yuan/month"),
        "yuan_per_child_month" => ("元/生/月", "yuan/child-month"),
        "yuan_per_place" => ("元/托位", "yuan/place"),
        "children" => ("人", "children"),
        "slots" => ("个托位", "slots"),
        "months" => ("个月", "months"),
        "days" => ("天", "days"),
        "ratio" => ("比例", "ratio"),
        "decimal_places" => ("位小数", "decimal places"),
        "rounding_mode" => ("取整方式", "rounding mode"),
        "flag" => ("是/否（1 = 是）", "flag (1 = yes)"),
        _ => return unit,
    };
    tr(lang, zh, en)
}
