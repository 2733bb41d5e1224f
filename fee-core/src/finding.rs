//! Findings: what a check found, how serious it is, and the clause it rests on.

use serde::{Deserialize, Serialize};

use crate::{Source, TraceValue};

/// How serious a finding is.
///
/// ```
/// use fee_core::Severity;
/// assert!(Severity::Violation > Severity::Warning);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Note,
    /// Probably wrong or worth a second look.
    Warning,
    /// Breaks a rule.
    Violation,
}

impl Severity {
    /// The name used in files: `note`, `warning`, `violation`.
    ///
    /// ```
    /// assert_eq!(fee_core::Severity::Warning.as_str(), "warning");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Violation => "violation",
        }
    }
}

/// One thing a check found.
///
/// ```
/// use fee_core::{Finding, Severity, Source};
/// let f = Finding::new("class.over_size", Severity::Violation, "班额超标", "Class over its maximum size",
///     Source::document("国卫人口发〔2019〕58号", "班级规模"));
/// assert_eq!(f.severity, Severity::Violation);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Finding {
    /// A stable code, such as `cap.exceeded`.
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// The message in Chinese.
    pub message_zh: String,
    /// The message in English.
    pub message_en: String,
    /// The clause or parameter it rests on.
    pub source: Source,
    /// The input field it is about, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The numbers compared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<TraceValue>,
}

impl Finding {
    /// A finding with no field and no values yet.
    ///
    /// ```
    /// let f = fee_core::Finding::new("x", fee_core::Severity::Note, "甲", "A", fee_core::Source::clause("一"));
    /// assert!(f.values.is_empty());
    /// ```
    pub fn new(
        code: &str,
        severity: Severity,
        message_zh: impl Into<String>,
        message_en: impl Into<String>,
        source: Source,
    ) -> Self {
        Finding {
            code: code.to_string(),
            severity,
            message_zh: message_zh.into(),
            message_en: message_en.into(),
            source,
            field: None,
            values: Vec::new(),
        }
    }

    /// Sets the field the finding is about.
    ///
    /// ```
    /// let f = fee_core::Finding::new("x", fee_core::Severity::Note, "甲", "A", fee_core::Source::clause("一"))
    ///     .field("cost.classes[0]");
    /// assert_eq!(f.field.as_deref(), Some("cost.classes[0]"));
    /// ```
    #[must_use]
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Adds a compared number.
    ///
    /// ```
    /// let f = fee_core::Finding::new("x", fee_core::Severity::Note, "甲", "A", fee_core::Source::clause("一"))
    ///     .value("fee", rust_decimal::Decimal::ONE);
    /// assert_eq!(f.values.len(), 1);
    /// ```
    #[must_use]
    pub fn value(mut self, name: &'static str, value: rust_decimal::Decimal) -> Self {
        self.values.push(TraceValue::new(name, value));
        self
    }
}
