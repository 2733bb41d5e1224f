//! Where a step's rule or number comes from, units in the reader's language, and the language itself.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::parameters::SourceLabel;

use super::Text;

/// Where a step's rule or number comes from.
///
/// ```
/// use fee_core::Source;
/// let s = Source::clause("二(二)1");
/// assert!(s.to_string().contains("二(二)1"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// A clause of the Chaoyang plan (朝政办字〔2024〕1号) or another named document.
    Clause {
        /// The document, such as 朝政办字〔2024〕1号.
        document: Text,
        /// The clause, such as 二(二)1.
        clause: Text,
    },
    /// A dated value of the parameter set in use.
    Parameter {
        /// Parameter name, such as `cap.ratio`.
        // Shared with the parameter set, so citing it costs no copy.
        name: std::sync::Arc<str>,
        /// The first day the value is in force.
        from: Date,
        /// Its reference, as written in the parameter file.
        reference: std::sync::Arc<str>,
        /// The reference in English, where the parameter file gives one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference_en: Option<std::sync::Arc<str>>,
        /// How sure the value is.
        label: SourceLabel,
    },
    /// A method this tool uses where the policy names no formula.
    Method {
        /// What the method is and why.
        note: Text,
        /// The same in Chinese (files written before it was kept may lack it: then the note).
        #[serde(default, skip_serializing_if = "str::is_empty")]
        note_zh: Text,
    },
    /// A value the user entered.
    Input {
        /// Dotted path of the input field.
        field: Text,
    },
}

/// The plan's document number, used by [`Source::clause`].
pub const PLAN_DOCUMENT: &str = "朝政办字〔2024〕1号";

impl Source {
    /// A clause of the Chaoyang plan.
    ///
    /// ```
    /// let s = fee_core::Source::clause("二(二)4");
    /// assert!(matches!(s, fee_core::Source::Clause { .. }));
    /// ```
    pub fn clause(clause: &'static str) -> Self {
        Source::Clause { document: Cow::Borrowed(PLAN_DOCUMENT), clause: Cow::Borrowed(clause) }
    }

    /// A clause of another document.
    ///
    /// ```
    /// let s = fee_core::Source::document("发改价格〔2024〕1477号", "基本服务费");
    /// assert!(s.to_string().starts_with("发改价格"));
    /// ```
    pub fn document(document: &'static str, clause: &'static str) -> Self {
        Source::Clause { document: Cow::Borrowed(document), clause: Cow::Borrowed(clause) }
    }

    /// A method note, in English and in Chinese.
    ///
    /// ```
    /// use fee_core::{Language, Source};
    /// let s = Source::method("straight-line depreciation", "直线法折旧");
    /// assert!(s.to_string().contains("straight-line"));
    /// assert_eq!(s.text(Language::Zh), "计算方法：直线法折旧");
    /// ```
    pub fn method(note: &'static str, note_zh: &'static str) -> Self {
        Source::Method { note: Cow::Borrowed(note), note_zh: Cow::Borrowed(note_zh) }
    }

    /// A user input.
    ///
    /// ```
    /// let s = fee_core::Source::input("income.monthly");
    /// assert!(s.to_string().contains("income.monthly"));
    /// ```
    pub fn input(field: &'static str) -> Self {
        Source::Input { field: Cow::Borrowed(field) }
    }

    /// The source as a reader sees it in `lang`: in English as [`Display`](std::fmt::Display)
    /// writes it, in Chinese with the parameter's label as the plan's text, a secondary source
    /// or an example.
    ///
    /// ```
    /// use fee_core::{Language, Source};
    /// let s = Source::input("income.monthly");
    /// assert_eq!(s.text(Language::Zh), "用户输入 income.monthly");
    /// assert_eq!(s.text(Language::En), "input income.monthly");
    /// ```
    pub fn text(&self, lang: Language) -> String {
        if lang == Language::En {
            return self.to_string();
        }
        match self {
            Source::Clause { document, clause } => format!("{document} {clause}"),
            Source::Parameter { name, from, reference, label, .. } => {
                format!("参数 {name}（{from}起，{}）：{reference}", label.name_zh())
            }
            Source::Method { note, note_zh } => {
                format!("计算方法：{}", if note_zh.is_empty() { note } else { note_zh })
            }
            Source::Input { field } => format!("用户输入 {field}"),
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Clause { document, clause } => write!(f, "{document} {clause}"),
            Source::Parameter { name, from, reference, reference_en, label } => {
                write!(f, "parameter {name} (from {from}, {label}): {}", reference_en.as_ref().unwrap_or(reference))
            }
            Source::Method { note, .. } => write!(f, "method: {note}"),
            Source::Input { field } => write!(f, "input {field}"),
        }
    }
}

/// A unit in the reader's language: a step's unit (as steps record it, `yuan/child-month`) or
/// a parameter's (as parameter files write it, `yuan_per_child_month`). A unit it does not know
/// is left as it is.
///
/// ```
/// use fee_core::{unit_name, Language};
/// assert_eq!(unit_name("yuan/child-month", Language::Zh), "元/生/月");
/// assert_eq!(unit_name("yuan/child-month", Language::En), "yuan/child-month");
/// assert_eq!(unit_name("yuan_per_child_month", Language::En), "yuan/child-month");
/// assert_eq!(unit_name("ratio", Language::Zh), "比例");
/// assert_eq!(unit_name("furlongs", Language::Zh), "furlongs");
/// ```
pub fn unit_name(unit: &str, lang: Language) -> &str {
    let (zh, en) = match unit {
        "yuan/month" | "yuan_per_month" => ("元/月", "yuan/month"),
        "yuan/year" => ("元/年", "yuan/year"),
        "yuan/child-month" | "yuan_per_child_month" => ("元/生/月", "yuan/child-month"),
        "yuan_per_place" => ("元/托位", "yuan/place"),
        "yuan" => ("元", "yuan"),
        "children" => ("人", "children"),
        "persons" => ("人", "persons"),
        "child-months" => ("人月", "child-months"),
        "slots" => ("个托位", "slots"),
        "classes" => ("个班", "classes"),
        "months" => ("个月", "months"),
        "days" => ("天", "days"),
        "ratio" => ("比例", "ratio"),
        "decimal_places" => ("位小数", "decimal places"),
        "rounding_mode" => ("取整方式", "rounding mode"),
        "flag" => ("是/否（1 = 是）", "flag (1 = yes)"),
        _ => return unit,
    };
    match lang {
        Language::Zh => zh,
        Language::En => en,
    }
}

/// The language of labels and messages.
///
/// ```
/// assert_eq!(fee_core::Language::default(), fee_core::Language::Zh);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Simplified Chinese (zh-CN), the default.
    #[default]
    Zh,
    /// English.
    En,
}
