//! The explanation every result carries: ordered steps with sources.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::parameters::SourceLabel;
use crate::Date;

/// Text that is usually a literal in the code but may be owned after a round trip.
pub type Text = Cow<'static, str>;

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
        /// How sure the value is.
        label: SourceLabel,
    },
    /// A method this tool uses where the policy names no formula.
    Method {
        /// What the method is and why.
        note: Text,
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

    /// A method note.
    ///
    /// ```
    /// let s = fee_core::Source::method("straight-line depreciation");
    /// assert!(s.to_string().contains("straight-line"));
    /// ```
    pub fn method(note: &'static str) -> Self {
        Source::Method { note: Cow::Borrowed(note) }
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
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Clause { document, clause } => write!(f, "{document} {clause}"),
            Source::Parameter { name, from, reference, label } => {
                write!(f, "parameter {name} (from {from}, {label}): {reference}")
            }
            Source::Method { note } => write!(f, "method: {note}"),
            Source::Input { field } => write!(f, "input {field}"),
        }
    }
}

/// One named value a step used.
///
/// ```
/// use fee_core::TraceValue;
/// let v = TraceValue::new("ratio", "0.20".parse().unwrap());
/// assert_eq!(v.name, "ratio");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TraceValue {
    /// The name in the step's formula.
    pub name: Text,
    /// Its exact value.
    pub value: Decimal,
}

impl TraceValue {
    /// A named value.
    ///
    /// ```
    /// let v = fee_core::TraceValue::new("n", rust_decimal::Decimal::ONE);
    /// assert_eq!(v.value, rust_decimal::Decimal::ONE);
    /// ```
    pub fn new(name: impl Into<Text>, value: Decimal) -> Self {
        TraceValue { name: name.into(), value }
    }
}

/// One step of a computation: what was computed, how, from what, and on whose authority.
///
/// ```
/// use fee_core::{Source, Step};
/// let s = Step::new("cap", "收费上限", "Fee cap", "cap = ratio × income")
///     .input("ratio", "0.2".parse().unwrap())
///     .input("income", "15655".parse().unwrap())
///     .source(Source::clause("二(二)1"))
///     .result("3131.00".parse().unwrap(), "yuan/month");
/// assert_eq!(s.inputs.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Step {
    /// A stable identifier, such as `cap.amount`.
    pub id: Text,
    /// What the step computes, in Chinese.
    pub label_zh: Text,
    /// What the step computes, in English.
    pub label_en: Text,
    /// The formula, in the names of `inputs`.
    pub formula: Text,
    /// The values the formula used.
    // Held inline up to five (the most any step of `evaluate` has), so building a trace allocates little.
    pub inputs: SmallVec<[TraceValue; 5]>,
    /// The value the step produced.
    pub result: Decimal,
    /// The unit of `result`, such as `yuan/month`.
    pub unit: Text,
    /// Clauses and parameters the step rests on.
    // Held inline up to three; only a carers step citing several class ratios has more.
    pub sources: SmallVec<[Source; 3]>,
}

impl Step {
    /// Starts a step; finish it with [`Step::result`].
    ///
    /// ```
    /// let s = fee_core::Step::new("x", "甲", "X", "x = 1");
    /// assert_eq!(s.id, "x");
    /// ```
    #[inline]
    pub fn new(id: &'static str, label_zh: &'static str, label_en: &'static str, formula: &'static str) -> Self {
        Step {
            id: Cow::Borrowed(id),
            label_zh: Cow::Borrowed(label_zh),
            label_en: Cow::Borrowed(label_en),
            formula: Cow::Borrowed(formula),
            inputs: SmallVec::new(),
            result: Decimal::ZERO,
            unit: Cow::Borrowed(""),
            sources: SmallVec::new(),
        }
    }

    /// Adds a named input value.
    ///
    /// ```
    /// let s = fee_core::Step::new("x", "甲", "X", "x = a").input("a", rust_decimal::Decimal::TWO);
    /// assert_eq!(s.inputs[0].name, "a");
    /// ```
    #[must_use]
    #[inline]
    pub fn input(mut self, name: impl Into<Text>, value: Decimal) -> Self {
        self.add_input(name, value);
        self
    }

    /// Adds a source.
    ///
    /// ```
    /// let s = fee_core::Step::new("x", "甲", "X", "x").source(fee_core::Source::clause("一"));
    /// assert_eq!(s.sources.len(), 1);
    /// ```
    #[must_use]
    #[inline]
    pub fn source(mut self, source: Source) -> Self {
        self.add_source(source);
        self
    }

    /// Sets the result and its unit.
    ///
    /// ```
    /// let s = fee_core::Step::new("x", "甲", "X", "x").result(rust_decimal::Decimal::ONE, "yuan");
    /// assert_eq!(s.unit, "yuan");
    /// ```
    #[must_use]
    #[inline]
    pub fn result(mut self, value: Decimal, unit: &'static str) -> Self {
        self.set_result(value, unit);
        self
    }
}

/// In-place forms of the builder methods (which use them), for [`Trace::record`].
impl Step {
    /// As [`Step::input`], in place.
    #[inline]
    pub(crate) fn add_input(&mut self, name: impl Into<Text>, value: Decimal) -> &mut Self {
        self.inputs.push(TraceValue::new(name, value));
        self
    }

    /// As [`Step::source`], in place.
    #[inline]
    pub(crate) fn add_source(&mut self, source: Source) -> &mut Self {
        self.sources.push(source);
        self
    }

    /// As [`Step::result`], in place.
    #[inline]
    pub(crate) fn set_result(&mut self, value: Decimal, unit: &'static str) -> &mut Self {
        self.result = value;
        self.unit = Cow::Borrowed(unit);
        self
    }
}

/// The ordered steps behind a result.
///
/// ```
/// use fee_core::{Step, Trace};
/// let mut t = Trace::default();
/// t.push(Step::new("a", "甲", "A", "a = 1").result(rust_decimal::Decimal::ONE, ""));
/// assert_eq!(t.find("a").map(|s| s.result), Some(rust_decimal::Decimal::ONE));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Trace {
    /// Steps in the order they were computed.
    pub steps: Vec<Step>,
    /// When set, steps are not built at all (sensitivity grids, batch checks).
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    quiet: bool,
}

impl Trace {
    /// Appends a step.
    ///
    /// ```
    /// let mut t = fee_core::Trace::default();
    /// t.push(fee_core::Step::new("a", "甲", "A", "a"));
    /// assert_eq!(t.steps.len(), 1);
    /// ```
    pub fn push(&mut self, step: Step) {
        if !self.quiet {
            self.steps.push(step);
        }
    }

    /// A trace that records nothing: for callers that only want the numbers.
    ///
    /// ```
    /// let mut t = fee_core::Trace::quiet();
    /// t.push(fee_core::Step::new("a", "甲", "A", "a"));
    /// assert!(t.steps.is_empty());
    /// ```
    pub fn quiet() -> Self {
        Trace { steps: Vec::new(), quiet: true }
    }

    /// A recording trace with room for `steps` steps.
    pub(crate) fn with_capacity(steps: usize) -> Self {
        Trace { steps: Vec::with_capacity(steps), quiet: false }
    }

    /// Whether the trace records nothing.
    pub(crate) fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// Appends a step and fills it in place with `fill`, only when the trace records: steps
    /// are large, and filling one where it is kept copies nothing.
    #[inline]
    pub(crate) fn record(
        &mut self,
        id: &'static str,
        label_zh: &'static str,
        label_en: &'static str,
        formula: &'static str,
        fill: impl FnOnce(&mut Step),
    ) {
        if !self.quiet {
            self.steps.push(Step::new(id, label_zh, label_en, formula));
            if let Some(step) = self.steps.last_mut() {
                fill(step);
            }
        }
    }

    /// Appends all steps of another trace.
    ///
    /// ```
    /// let mut a = fee_core::Trace::default();
    /// let mut b = fee_core::Trace::default();
    /// b.push(fee_core::Step::new("b", "乙", "B", "b"));
    /// a.extend(b);
    /// assert_eq!(a.steps.len(), 1);
    /// ```
    pub fn extend(&mut self, other: Trace) {
        self.steps.extend(other.steps);
    }

    /// The first step with this id.
    ///
    /// ```
    /// let t = fee_core::Trace::default();
    /// assert!(t.find("missing").is_none());
    /// ```
    pub fn find(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// A plain-text rendering, one step per block, in the chosen language.
    ///
    /// ```
    /// use fee_core::{Language, Step, Trace};
    /// let mut t = Trace::default();
    /// t.push(Step::new("a", "甲", "A", "a = 1").result(rust_decimal::Decimal::ONE, "yuan"));
    /// assert!(t.to_text(Language::En).contains("A"));
    /// ```
    pub fn to_text(&self, lang: Language) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for (i, s) in self.steps.iter().enumerate() {
            let label = match lang {
                Language::Zh => &s.label_zh,
                Language::En => &s.label_en,
            };
            let _ = writeln!(out, "{:>2}. {label} = {} {}", i + 1, s.result, s.unit);
            let _ = writeln!(out, "    {}", s.formula);
            if !s.inputs.is_empty() {
                let inputs: Vec<String> = s.inputs.iter().map(|v| format!("{} = {}", v.name, v.value)).collect();
                let _ = writeln!(out, "    {}", inputs.join(", "));
            }
            for src in &s.sources {
                let _ = writeln!(out, "    ← {src}");
            }
        }
        out
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
