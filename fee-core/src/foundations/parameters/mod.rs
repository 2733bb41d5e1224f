//! Policy numbers as dated data: parameter sets, their values and sources.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::trace::Source;

mod diff;
mod known;
mod load;
mod lookup;
#[cfg(feature = "toml")]
mod manifest;
#[cfg(test)]
mod tests;
pub use diff::ParameterChange;
pub(crate) use known::{Known, KnownIndex};
#[cfg(feature = "toml")]
pub use manifest::ParameterFileKind;

/// How sure a parameter value is, as labelled in `docs/sources.md`: the document itself, a
/// republished or quoted official text, or one locality's figure or the project's own choice.
///
/// ```
/// assert_eq!(fee_core::SourceLabel::Primary.to_string(), "primary");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum SourceLabel {
    /// From the Chaoyang plan itself.
    Primary,
    /// From a republished official text or a report quoting one.
    Secondary,
    /// One locality's figure or a convention of this tool: a preset, never a Beijing default.
    Example,
}

impl SourceLabel {
    /// The label in Chinese: 方案原文 (the plan itself), 二手来源 (a text quoting one), 示例.
    ///
    /// ```
    /// assert_eq!(fee_core::SourceLabel::Primary.name_zh(), "方案原文");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            SourceLabel::Primary => "方案原文",
            SourceLabel::Secondary => "二手来源",
            SourceLabel::Example => "示例",
        }
    }

    /// The label in English, as files write it: `primary`, `secondary`, `example`.
    ///
    /// ```
    /// assert_eq!(fee_core::SourceLabel::Secondary.name_en(), "secondary");
    /// ```
    pub fn name_en(self) -> &'static str {
        match self {
            SourceLabel::Primary => "primary",
            SourceLabel::Secondary => "secondary",
            SourceLabel::Example => "example",
        }
    }
}

impl std::fmt::Display for SourceLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name_en())
    }
}

/// A parameter value as written in its file, read as a decimal once, when it is made.
///
/// ```
/// use fee_core::ValueText;
/// let v = ValueText::from("0.20");
/// assert_eq!(v.as_str(), "0.20");
/// assert_eq!(v.decimal(), Some("0.20".parse().unwrap()));
/// assert_eq!(ValueText::from("half_up").decimal(), None);
/// ```
#[derive(Clone)]
pub struct ValueText {
    text: String,
    decimal: Option<Decimal>,
}

impl ValueText {
    /// The value as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The value as a decimal, if it reads as one.
    pub fn decimal(&self) -> Option<Decimal> {
        self.decimal
    }
}

impl From<String> for ValueText {
    fn from(text: String) -> Self {
        // Exact or not a decimal at all: a value with more digits than a decimal holds is
        // refused when the set is checked, never rounded.
        let decimal = Decimal::from_str_exact(&text).ok();
        ValueText { text, decimal }
    }
}

impl From<&str> for ValueText {
    fn from(text: &str) -> Self {
        ValueText::from(text.to_string())
    }
}

impl std::ops::Deref for ValueText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for ValueText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(&self.text)
    }
}

impl std::fmt::Debug for ValueText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text.fmt(f)
    }
}

/// Two values are equal when they are written the same.
impl PartialEq for ValueText {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for ValueText {}

impl PartialEq<str> for ValueText {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for ValueText {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl Serialize for ValueText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for ValueText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(ValueText::from)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for ValueText {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ValueText".into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(g)
    }
}

/// One value of a parameter, in force from `from` until `until` (inclusive) or until the next value.
///
/// ```
/// use fee_core::{DatedValue, SourceLabel};
/// let v = DatedValue {
///     from: "2024-02-22".parse()?,
///     until: None,
///     value: "0.20".into(),
///     label: SourceLabel::Primary,
///     reference: "二(二)1".into(),
///     reference_en: None,
/// };
/// assert!(v.in_force("2024-02-22".parse()?));
/// assert!(!v.in_force("2024-02-21".parse()?));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DatedValue {
    /// First day in force.
    pub from: Date,
    /// Last day in force, if the value has an end of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// The value as text: a decimal, or a rounding-mode name for unit `rounding_mode`.
    pub value: ValueText,
    /// How sure the value is.
    pub label: SourceLabel,
    /// The document and clause it comes from, in Chinese as the document is written.
    // Shared, so citing it in a trace costs no copy.
    pub reference: Arc<str>,
    /// The same reference in English, for readers of the English pages and reports (the
    /// document numbers stay as written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_en: Option<Arc<str>>,
}

impl DatedValue {
    /// The reference in `lang`: the English one where the file gives it, else as written.
    ///
    /// ```
    /// # use fee_core::{DatedValue, Language, SourceLabel};
    /// let v = DatedValue { from: "2022-01-01".parse()?, until: None, value: "1".into(),
    ///     label: SourceLabel::Example, reference: "示例".into(), reference_en: Some("example".into()) };
    /// assert_eq!(v.reference_in(Language::En), "example");
    /// assert_eq!(v.reference_in(Language::Zh), "示例");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn reference_in(&self, lang: crate::foundations::trace::Language) -> &str {
        match (&self.reference_en, lang) {
            (Some(en), crate::foundations::trace::Language::En) => en,
            _ => &self.reference,
        }
    }

    /// Whether the value is in force on `date`, ignoring later values of the same parameter.
    ///
    /// ```
    /// # use fee_core::{DatedValue, SourceLabel};
    /// let v = DatedValue { from: "2022-01-01".parse()?, until: Some("2022-12-31".parse()?),
    ///     value: "1".into(), label: SourceLabel::Example, reference: "".into(), reference_en: None };
    /// assert!(!v.in_force("2023-01-01".parse()?));
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn in_force(&self, date: Date) -> bool {
        self.from <= date && self.until.is_none_or(|u| date <= u)
    }
}

/// A named policy number with its history of dated values.
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let p = set.parameter("cap.ratio")?;
/// assert_eq!(p.unit, "ratio");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Parameter {
    /// What the number is, in Chinese.
    pub title_zh: String,
    /// What the number is, in English.
    pub title_en: String,
    /// Its unit: `ratio`, `yuan_per_month`, `children`, `rounding_mode`, …
    pub unit: String,
    /// Its values, oldest first.
    pub values: Vec<DatedValue>,
}

/// A value looked up for a date, with the source to cite in a trace.
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let r = set.decimal("cap.ratio", "2024-06-01".parse()?)?;
/// assert_eq!(r.value.to_string(), "0.20");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamValue<'a> {
    /// The value.
    pub value: Decimal,
    /// The parameter's name.
    pub name: &'a Arc<str>,
    /// The dated value in force.
    pub dated: &'a DatedValue,
    /// Where a known parameter's value sits in its set's index, so a trace can cite it by place.
    origin: Option<Origin<'a>>,
}

/// A dated value's place among a set's known parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Origin<'a> {
    index: &'a Arc<KnownIndex>,
    known: Known,
    at: usize,
}

impl ParamValue<'_> {
    /// Where the value comes from, to cite in a trace or finding.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let v = set.decimal("cap.ratio", "2024-06-01".parse()?)?;
    /// assert!(v.source().to_string().contains("二(二)1"));
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn source(&self) -> Source {
        citation(self.name, self.dated)
    }

    /// The set's index of known parameters, which parameter this is and which of its values.
    pub(crate) fn origin(&self) -> Option<(&Arc<KnownIndex>, Known, usize)> {
        self.origin.map(|o| (o.index, o.known, o.at))
    }
}

/// The source citing a parameter's dated value.
fn citation(name: &Arc<str>, dated: &DatedValue) -> Source {
    Source::Parameter {
        name: name.clone(),
        from: dated.from,
        reference: dated.reference.clone(),
        reference_en: dated.reference_en.clone(),
        label: dated.label,
    }
}

/// A versioned set of parameters for one jurisdiction.
///
/// The set is checked when it is made: every value parses for its unit and the
/// dated values of each parameter are in order and do not overlap.
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// assert_eq!(set.id, "cn-bj-chaoyang");
/// let cap = set.decimal("cap.published_amount", "2022-06-30".parse()?)?;
/// assert_eq!(cap.value.to_string(), "3131");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "ParameterSetData")]
pub struct ParameterSet {
    /// Stable identifier, such as `cn-bj-chaoyang`.
    pub id: String,
    /// Version of the set; a scenario records it.
    pub version: String,
    /// Title in Chinese.
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
    /// Parameters by name; private, so a set stays as checked (see [`ParameterSet::parameters`]).
    parameters: BTreeMap<Arc<str>, Parameter>,
    /// The parameters the engine reads, found once when the set is made: see [`Known`].
    /// Shared with the traces that cite them.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    known: Arc<KnownIndex>,
}

/// An empty set named `none`, version `0`: every lookup in it fails with a clear error. A
/// placeholder where no set could be read.
///
/// ```
/// let set = fee_core::ParameterSet::default();
/// assert_eq!(set.id, "none");
/// assert!(set.decimal("cap.ratio", "2024-06-01".parse()?).is_err());
/// # Ok::<(), fee_core::FeeError>(())
/// ```
impl Default for ParameterSet {
    fn default() -> Self {
        ParameterSet {
            id: "none".into(),
            version: "0".into(),
            title_zh: String::new(),
            title_en: String::new(),
            parameters: BTreeMap::new(),
            known: Arc::default(),
        }
    }
}

/// A parameter set as written in a file, before it is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "ParameterSet"))]
struct ParameterSetData {
    /// Stable identifier, such as `cn-bj-chaoyang`.
    id: String,
    /// Version of the set; a scenario records it.
    version: String,
    /// Title in Chinese.
    title_zh: String,
    /// Title in English.
    title_en: String,
    /// Parameters by name.
    parameters: BTreeMap<Arc<str>, Parameter>,
}

impl TryFrom<ParameterSetData> for ParameterSet {
    type Error = FeeError;

    fn try_from(d: ParameterSetData) -> Result<Self, FeeError> {
        ParameterSet::new(d.id, d.version, d.title_zh, d.title_en, d.parameters)
    }
}

/// Which parameter set (and version) a scenario was computed with.
///
/// ```
/// let r = fee_core::ParameterSetRef::of(fee_core::ParameterSet::chaoyang()?);
/// assert_eq!(r.id, "cn-bj-chaoyang");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ParameterSetRef {
    /// The set's id.
    pub id: String,
    /// The set's version.
    pub version: String,
}

impl ParameterSetRef {
    /// The reference to `set`.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// assert_eq!(fee_core::ParameterSetRef::of(set).version, set.version);
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn of(set: &ParameterSet) -> Self {
        ParameterSetRef { id: set.id.clone(), version: set.version.clone() }
    }
}

impl Default for ParameterSetRef {
    fn default() -> Self {
        ParameterSetRef { id: "cn-bj-chaoyang".into(), version: "2024.1".into() }
    }
}
