//! A step written out: what was computed, how, from what, and on whose authority.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use super::source::Source;
use super::Text;

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
        self.inputs.push(TraceValue::new(name, value));
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
        self.sources.push(source);
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
        self.result = value;
        self.unit = Cow::Borrowed(unit);
        self
    }
}
