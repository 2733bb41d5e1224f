//! Policy numbers as dated data: parameter sets, their values and sources.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::{reason, FeeError};
use crate::foundations::money::{Rounding, RoundingMode, SHARE_PLACES};
use crate::foundations::trace::Source;

/// How sure a parameter value is, as labelled in `FACTS.md`.
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
/// };
/// assert!(v.in_force("2024-02-22".parse()?));
/// assert!(!v.in_force("2024-02-21".parse()?));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The document and clause it comes from.
    // Shared, so citing it in a trace costs no copy.
    pub reference: Arc<str>,
}

impl DatedValue {
    /// Whether the value is in force on `date`, ignoring later values of the same parameter.
    ///
    /// ```
    /// # use fee_core::{DatedValue, SourceLabel};
    /// let v = DatedValue { from: "2022-01-01".parse()?, until: Some("2022-12-31".parse()?),
    ///     value: "1".into(), label: SourceLabel::Example, reference: "".into() };
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
    Source::Parameter { name: name.clone(), from: dated.from, reference: dated.reference.clone(), label: dated.label }
}

/// A change between two parameter sets, for showing what moved under a saved scenario.
///
/// ```
/// let a = fee_core::ParameterSet::chaoyang()?;
/// assert!(a.diff(a).is_empty());
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ParameterChange {
    /// Parameter name.
    pub name: String,
    /// Its values in the older set (empty if it was added).
    pub before: Vec<DatedValue>,
    /// Its values in the newer set (empty if it was removed).
    pub after: Vec<DatedValue>,
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

/// The parameters the engine itself reads. Each is found in a set once, when the set is
/// made, so evaluating a scenario looks none of them up by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Known {
    CapRatio,
    CapPublishedAmount,
    IncomeHouseholdMonthly,
    RoundingMoneyPlaces,
    RoundingMoneyMode,
    RoundingFeePlaces,
    RoundingFeeMode,
    InfantMaxSize,
    InfantChildrenPerCarer,
    ToddlerMaxSize,
    ToddlerChildrenPerCarer,
    OlderToddlerMaxSize,
    OlderToddlerChildrenPerCarer,
    MixedMaxSize,
    MixedChildrenPerCarer,
    QuotaTier1,
    QuotaTier2,
    AuditStartWeight,
    AuditEndWeight,
    ResidentialTariff,
    HalfDayShare,
    HourlyShare,
    WorkingDaysPerMonth,
}

impl Known {
    const ALL: [Known; 23] = [
        Known::CapRatio,
        Known::CapPublishedAmount,
        Known::IncomeHouseholdMonthly,
        Known::RoundingMoneyPlaces,
        Known::RoundingMoneyMode,
        Known::RoundingFeePlaces,
        Known::RoundingFeeMode,
        Known::InfantMaxSize,
        Known::InfantChildrenPerCarer,
        Known::ToddlerMaxSize,
        Known::ToddlerChildrenPerCarer,
        Known::OlderToddlerMaxSize,
        Known::OlderToddlerChildrenPerCarer,
        Known::MixedMaxSize,
        Known::MixedChildrenPerCarer,
        Known::QuotaTier1,
        Known::QuotaTier2,
        Known::AuditStartWeight,
        Known::AuditEndWeight,
        Known::ResidentialTariff,
        Known::HalfDayShare,
        Known::HourlyShare,
        Known::WorkingDaysPerMonth,
    ];

    /// The parameter's name in a set.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Known::CapRatio => "cap.ratio",
            Known::CapPublishedAmount => "cap.published_amount",
            Known::IncomeHouseholdMonthly => "income.household_monthly",
            Known::RoundingMoneyPlaces => "rounding.money.decimal_places",
            Known::RoundingMoneyMode => "rounding.money.mode",
            Known::RoundingFeePlaces => "rounding.fee.decimal_places",
            Known::RoundingFeeMode => "rounding.fee.mode",
            Known::InfantMaxSize => "class.infant.max_size",
            Known::InfantChildrenPerCarer => "class.infant.children_per_carer",
            Known::ToddlerMaxSize => "class.toddler.max_size",
            Known::ToddlerChildrenPerCarer => "class.toddler.children_per_carer",
            Known::OlderToddlerMaxSize => "class.older_toddler.max_size",
            Known::OlderToddlerChildrenPerCarer => "class.older_toddler.children_per_carer",
            Known::MixedMaxSize => "class.mixed.max_size",
            Known::MixedChildrenPerCarer => "class.mixed.children_per_carer",
            Known::QuotaTier1 => "subsidy.quota.tier_1",
            Known::QuotaTier2 => "subsidy.quota.tier_2",
            Known::AuditStartWeight => "audit.enrolment.start_weight",
            Known::AuditEndWeight => "audit.enrolment.end_weight",
            Known::ResidentialTariff => "utilities.residential_tariff",
            Known::HalfDayShare => "limits.half_day_share",
            Known::HourlyShare => "limits.hourly_share",
            Known::WorkingDaysPerMonth => "limits.working_days_per_month",
        }
    }
}

/// Each [`Known`] parameter's stored name and dated values, in the order of `Known::ALL`
/// (`None`, or no entry at all in the empty default, where the set lacks it). Made from the
/// set's own parameters, never changed apart.
#[derive(Debug, Clone, Default)]
pub(crate) struct KnownIndex(Vec<Option<(Arc<str>, Vec<DatedValue>)>>);

/// Derived from the parameters, which sets compare: two sets with the same parameters are
/// equal however their index was made.
impl PartialEq for KnownIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for KnownIndex {}

impl KnownIndex {
    fn of(parameters: &BTreeMap<Arc<str>, Parameter>) -> Self {
        KnownIndex(
            Known::ALL
                .iter()
                .map(|k| parameters.get_key_value(k.name()).map(|(name, p)| (name.clone(), p.values.clone())))
                .collect(),
        )
    }

    #[inline]
    fn get(&self, k: Known) -> Option<(&Arc<str>, &[DatedValue])> {
        self.0.get(k as usize).and_then(Option::as_ref).map(|(name, values)| (name, values.as_slice()))
    }

    /// The source citing value `at` of `k`, if the index has it.
    pub(crate) fn citation(&self, k: Known, at: usize) -> Option<Source> {
        let (name, values) = self.get(k)?;
        values.get(at).map(|dated| citation(name, dated))
    }
}

static BUILTIN: OnceLock<Result<Vec<ParameterSet>, FeeError>> = OnceLock::new();
const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin_parameter_sets.json"));

/// The units whose values are not decimals.
const TEXT_UNITS: &[&str] = &["rounding_mode"];

impl ParameterSet {
    /// The parameter sets shipped with the crate (gathered from `fee-core/parameters/`).
    ///
    /// # Errors
    ///
    /// Only if the embedded data were corrupt, which the crate's tests rule out.
    ///
    /// ```
    /// let sets = fee_core::ParameterSet::builtin()?;
    /// assert!(sets.iter().any(|s| s.id == "cn-bj-chaoyang"));
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn builtin() -> Result<&'static [ParameterSet], FeeError> {
        let sets = BUILTIN.get_or_init(|| {
            let sets: Vec<ParameterSetData> =
                serde_json::from_str(BUILTIN_JSON).map_err(|e| FeeError::parameter("builtin", e.to_string()))?;
            sets.into_iter().map(ParameterSet::try_from).collect()
        });
        match sets {
            Ok(v) => Ok(v.as_slice()),
            Err(e) => Err(e.clone()),
        }
    }

    /// A built-in set by id.
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] naming `parameter_set.id` when no built-in set has that id.
    ///
    /// ```
    /// assert!(fee_core::ParameterSet::builtin_by_id("cn-bj-chaoyang").is_ok());
    /// assert!(fee_core::ParameterSet::builtin_by_id("nowhere").is_err());
    /// ```
    pub fn builtin_by_id(id: &str) -> Result<&'static ParameterSet, FeeError> {
        Self::builtin()?
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| FeeError::invalid("parameter_set.id", id, reason::NO_BUILTIN_SET))
    }

    /// The Chaoyang district set.
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::builtin`].
    ///
    /// ```
    /// assert_eq!(fee_core::ParameterSet::chaoyang()?.version, "2024.1");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn chaoyang() -> Result<&'static ParameterSet, FeeError> {
        Self::builtin_by_id("cn-bj-chaoyang")
    }

    /// Reads a set from JSON text and checks it.
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] for text that is not a parameter set, with the parser's
    /// line and column; any error of [`ParameterSet::new`].
    ///
    /// ```
    /// let json = serde_json::to_string(fee_core::ParameterSet::chaoyang()?).unwrap();
    /// let set = fee_core::ParameterSet::from_json(&json)?;
    /// assert_eq!(set.id, "cn-bj-chaoyang");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, FeeError> {
        let data: ParameterSetData = serde_json::from_str(text)
            .map_err(|e| FeeError::invalid("parameter_set", "", crate::foundations::input::json_reason(&e)))?;
        ParameterSet::try_from(data)
    }

    /// Reads a set from TOML text (the whole set in one document) and checks it.
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::from_json`].
    ///
    /// ```
    /// let toml = r#"
    /// id = "x"
    /// version = "1"
    /// title_zh = "例"
    /// title_en = "Example"
    /// [parameters."cap.ratio"]
    /// title_zh = "比例"
    /// title_en = "Ratio"
    /// unit = "ratio"
    /// values = [{ from = "2024-01-01", value = "0.25", label = "example", reference = "test" }]
    /// "#;
    /// let set = fee_core::ParameterSet::from_toml(toml)?;
    /// assert_eq!(set.decimal("cap.ratio", "2024-05-01".parse()?)?.value.to_string(), "0.25");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str) -> Result<Self, FeeError> {
        let data: ParameterSetData = toml::from_str(text)
            .map_err(|e| FeeError::invalid("parameter_set", "", reason::fill(reason::UNREADABLE, &[&e])))?;
        ParameterSet::try_from(data)
    }

    /// Reads a set from YAML text and checks it.
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::from_json`].
    ///
    /// ```
    /// let yaml = "id: x\nversion: '1'\ntitle_zh: 例\ntitle_en: Example\nparameters: {}\n";
    /// assert_eq!(fee_core::ParameterSet::from_yaml(yaml)?.id, "x");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    #[cfg(feature = "yaml")]
    pub fn from_yaml(text: &str) -> Result<Self, FeeError> {
        let data: ParameterSetData = serde_norway::from_str(text)
            .map_err(|e| FeeError::invalid("parameter_set", "", reason::fill(reason::UNREADABLE, &[&e])))?;
        ParameterSet::try_from(data)
    }

    /// A set from its parts, checked.
    ///
    /// # Errors
    ///
    /// [`FeeError::Parameter`] naming the parameter when it has no values, a value does not
    /// parse for its unit, a value ends before it starts, or values are out of date order or
    /// overlap; [`FeeError::Invalid`] when the id or version is empty.
    ///
    /// ```
    /// use fee_core::{DatedValue, Parameter, ParameterSet, SourceLabel};
    /// let ratio = |value: &str| Parameter {
    ///     title_zh: "比例".into(), title_en: "Ratio".into(), unit: "ratio".into(),
    ///     values: vec![DatedValue { from: "2024-01-01".parse().unwrap(), until: None,
    ///         value: value.into(), label: SourceLabel::Example, reference: "test".into() }],
    /// };
    /// let make = |value| ParameterSet::new("x", "1", "例", "Example", [("cap.ratio".into(), ratio(value))].into());
    /// assert_eq!(make("0.25")?.decimal("cap.ratio", "2024-05-01".parse()?)?.value.to_string(), "0.25");
    /// assert!(make("twenty").is_err());
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn new(
        id: impl Into<String>,
        version: impl Into<String>,
        title_zh: impl Into<String>,
        title_en: impl Into<String>,
        parameters: BTreeMap<Arc<str>, Parameter>,
    ) -> Result<Self, FeeError> {
        let mut set = ParameterSet {
            id: id.into(),
            version: version.into(),
            title_zh: title_zh.into(),
            title_en: title_en.into(),
            parameters,
            known: Arc::default(),
        };
        set.validate()?;
        set.known = Arc::new(KnownIndex::of(&set.parameters));
        Ok(set)
    }

    /// The parameters by name.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// assert!(set.parameters().contains_key("cap.ratio"));
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn parameters(&self) -> &BTreeMap<Arc<str>, Parameter> {
        &self.parameters
    }

    /// The same set with `parameter` added under `name`, or in place of the one there: for
    /// asking "what if this number were different?".
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::new`]; `self` is unchanged then.
    ///
    /// ```
    /// let old = fee_core::ParameterSet::chaoyang()?;
    /// let mut ratio = old.parameter("cap.ratio")?.clone();
    /// ratio.values[0].value = "0.25".into();
    /// let new = old.with_parameter("cap.ratio", ratio.clone())?;
    /// assert_eq!(new.decimal("cap.ratio", "2024-06-01".parse()?)?.value.to_string(), "0.25");
    /// ratio.values[0].value = "twenty".into();
    /// assert!(old.with_parameter("cap.ratio", ratio).is_err());
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn with_parameter(&self, name: &str, parameter: Parameter) -> Result<Self, FeeError> {
        let mut parameters = self.parameters.clone();
        parameters.insert(Arc::from(name), parameter);
        ParameterSet::new(
            self.id.clone(),
            self.version.clone(),
            self.title_zh.clone(),
            self.title_en.clone(),
            parameters,
        )
    }

    /// Checks the set's invariants (see [`ParameterSet::new`]).
    fn validate(&self) -> Result<(), FeeError> {
        if self.id.trim().is_empty() {
            return Err(FeeError::invalid("parameter_set.id", "", reason::ID_EMPTY));
        }
        if self.version.trim().is_empty() {
            return Err(FeeError::invalid("parameter_set.version", "", reason::VERSION_EMPTY));
        }
        for (name, p) in &self.parameters {
            let name: &str = name;
            if p.values.is_empty() {
                return Err(FeeError::parameter(name, reason::HAS_NO_VALUES));
            }
            for v in &p.values {
                if let Some(until) = v.until {
                    if until < v.from {
                        return Err(FeeError::parameter(name, reason::fill(reason::ENDS_BEFORE, &[&v.from, &until])));
                    }
                }
                if TEXT_UNITS.contains(&p.unit.as_str()) {
                    v.value.parse::<RoundingMode>().map_err(|e| FeeError::parameter(name, e.to_string()))?;
                } else {
                    v.value.decimal().ok_or_else(|| not_exact(name, &v.value))?;
                }
            }
            for pair in p.values.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                if b.from <= a.from || a.until.is_some_and(|u| u >= b.from) {
                    return Err(FeeError::parameter(name, reason::fill(reason::VALUES_OVERLAP, &[&a.from, &b.from])));
                }
            }
        }
        Ok(())
    }

    /// A parameter by name.
    ///
    /// # Errors
    ///
    /// [`FeeError::Parameter`] when the set has no such parameter.
    ///
    /// ```
    /// assert!(fee_core::ParameterSet::chaoyang()?.parameter("no.such").is_err());
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn parameter(&self, name: &str) -> Result<&Parameter, FeeError> {
        self.parameters.get(name).ok_or_else(|| self.not_in_set(name))
    }

    /// The value of a parameter in force on `date`.
    ///
    /// # Errors
    ///
    /// [`FeeError::Parameter`] when the parameter is absent or has no value in force
    /// on that date (before the rule started, or after it ended).
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// assert!(set.value_at("cap.ratio", "2024-02-21".parse()?).is_err());
    /// assert!(set.value_at("cap.ratio", "2024-02-22".parse()?).is_ok());
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn value_at(&self, name: &str, date: Date) -> Result<&DatedValue, FeeError> {
        self.lookup(name, date).map(|f| f.dated)
    }

    /// The parameter's stored name and its value in force on `date`.
    fn lookup(&self, name: &str, date: Date) -> Result<Found<'_>, FeeError> {
        let (key, p) = self.parameters.get_key_value(name).ok_or_else(|| self.not_in_set(name))?;
        let (_, dated) = in_force_on(key, &p.values, date)?;
        Ok(Found { name: key, dated, origin: None })
    }

    /// As [`ParameterSet::lookup`] for a parameter the engine reads, without a search by name.
    #[inline]
    fn lookup_known(&self, k: Known, date: Date) -> Result<Found<'_>, FeeError> {
        let (key, values) = self.known.get(k).ok_or_else(|| self.not_in_set(k.name()))?;
        let (at, dated) = in_force_on(key, values, date)?;
        Ok(Found { name: key, dated, origin: Some(Origin { index: &self.known, known: k, at }) })
    }

    /// The error for a parameter this set does not have.
    fn not_in_set(&self, name: &str) -> FeeError {
        FeeError::parameter(name, reason::fill(reason::NOT_IN_SET, &[&self.id, &self.version]))
    }

    /// A decimal parameter the engine reads (see [`ParameterSet::decimal`]).
    #[inline]
    pub(crate) fn known_decimal(&self, k: Known, date: Date) -> Result<ParamValue<'_>, FeeError> {
        decimal_value(self.lookup_known(k, date)?)
    }

    /// Like [`ParameterSet::known_decimal`] but `None` when the set does not have the parameter.
    #[inline]
    pub(crate) fn optional_known_decimal(&self, k: Known, date: Date) -> Result<Option<ParamValue<'_>>, FeeError> {
        match self.known.get(k) {
            Some(_) => self.known_decimal(k, date).map(Some),
            None => Ok(None),
        }
    }

    /// A decimal parameter on `date`, with its source for a trace.
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::value_at`], and [`FeeError::Parameter`] if the value is not a decimal.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let v = set.decimal("class.infant.children_per_carer", "2025-01-01".parse()?)?;
    /// assert_eq!(v.value.to_string(), "3");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn decimal(&self, name: &str, date: Date) -> Result<ParamValue<'_>, FeeError> {
        decimal_value(self.lookup(name, date)?)
    }

    /// Like [`ParameterSet::decimal`] but `None` when the set does not have the parameter at all.
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::decimal`] when the parameter exists.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// assert!(set.optional_decimal("limits.half_day_share", "2025-01-01".parse()?)?.is_none());
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn optional_decimal(&self, name: &str, date: Date) -> Result<Option<ParamValue<'_>>, FeeError> {
        if self.parameters.contains_key(name) {
            self.decimal(name, date).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The rounding rule `prefix.decimal_places` + `prefix.mode` on `date`.
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::value_at`] for either part; [`FeeError::Parameter`] when the
    /// places are not a whole number from 0 to 10 or the mode is not a known name.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let (r, _) = set.rounding("rounding.money", "2025-01-01".parse()?)?;
    /// assert_eq!(r.decimal_places, 2);
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn rounding(&self, prefix: &str, date: Date) -> Result<(Rounding, ParamValue<'_>), FeeError> {
        let places = self.lookup(&format!("{prefix}.decimal_places"), date)?;
        rounding_rule(places, self.lookup(&format!("{prefix}.mode"), date)?)
    }

    /// `value` rounded by the set's money rule (`rounding.money.*`) on `date`: how an amount
    /// that is not itself a rounded result (a break-even fee, an annual budget) is shown.
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::rounding`].
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// // 2,055.555… is shown as 2,055.56 (half away from zero, to the fen).
    /// let v = set.round_money("2055.5555".parse().unwrap(), "2024-06-01".parse()?)?;
    /// assert_eq!(v.to_string(), "2055.56");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn round_money(&self, value: Decimal, date: Date) -> Result<Decimal, FeeError> {
        Ok(self.money_rounding(date)?.0.apply(value))
    }

    /// `value` rounded by the set's fee rule (`rounding.fee.*`) on `date`: how a fee-sized
    /// amount is shown where whole units read best (a chart's labels, a grid's cells).
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::rounding`].
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// // 2,857.5 is shown as 2,858 (whole yuan, half away from zero).
    /// let v = set.round_fee("2857.5".parse().unwrap(), "2024-06-01".parse()?)?;
    /// assert_eq!(v.to_string(), "2858");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn round_fee(&self, value: Decimal, date: Date) -> Result<Decimal, FeeError> {
        Ok(self.fee_rounding(date)?.0.apply(value))
    }

    /// `value` rounded as a share, rate or factor is shown: to [`SHARE_PLACES`] places by the
    /// set's money mode on `date`, as the cost lines' shares are (a threshold, a multiple).
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::rounding`].
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// // 0.81875 is shown as 0.8188 (four places, half away from zero).
    /// let v = set.round_share("0.81875".parse().unwrap(), "2024-06-01".parse()?)?;
    /// assert_eq!(v.to_string(), "0.8188");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn round_share(&self, value: Decimal, date: Date) -> Result<Decimal, FeeError> {
        Ok(Rounding::new(SHARE_PLACES, self.money_rounding(date)?.0.mode).apply(value))
    }

    /// A share as a percentage: [`ParameterSet::round_share`] written per hundred (0.18254
    /// is 18.25), so a share and its percentage never disagree in the last place.
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::rounding`]; [`FeeError::OutOfRange`] for a share too large to
    /// write per hundred (beyond 10²⁶).
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let v = set.round_percent("0.182545".parse().unwrap(), "2024-06-01".parse()?)?;
    /// assert_eq!(v.to_string(), "18.25");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn round_percent(&self, value: Decimal, date: Date) -> Result<Decimal, FeeError> {
        let mode = self.money_rounding(date)?.0.mode;
        let share = Rounding::new(SHARE_PLACES, mode).apply(value);
        let per_hundred = share
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or_else(|| FeeError::out_of_range("share", share, reason::SHARE_TOO_LARGE))?;
        // Four places of a share are two of its percentage: this only drops the zeros.
        Ok(Rounding::new(SHARE_PLACES - 2, mode).apply(per_hundred))
    }

    /// The rounding rule of two parameters the engine reads; returns the mode's value to cite.
    #[inline]
    pub(crate) fn known_rounding(
        &self,
        places: Known,
        mode: Known,
        date: Date,
    ) -> Result<(Rounding, ParamValue<'_>), FeeError> {
        rounding_rule(self.lookup_known(places, date)?, self.lookup_known(mode, date)?)
    }

    /// The money rounding rule (`rounding.money.*`) on `date`.
    #[inline]
    pub(crate) fn money_rounding(&self, date: Date) -> Result<(Rounding, ParamValue<'_>), FeeError> {
        self.known_rounding(Known::RoundingMoneyPlaces, Known::RoundingMoneyMode, date)
    }

    /// The fee rounding rule (`rounding.fee.*`) on `date`.
    #[inline]
    pub(crate) fn fee_rounding(&self, date: Date) -> Result<(Rounding, ParamValue<'_>), FeeError> {
        self.known_rounding(Known::RoundingFeePlaces, Known::RoundingFeeMode, date)
    }

    /// The parameters whose values differ between `self` (older) and `newer`.
    ///
    /// ```
    /// let old = fee_core::ParameterSet::chaoyang()?;
    /// let mut ratio = old.parameter("cap.ratio")?.clone();
    /// ratio.values[0].value = "0.25".into();
    /// let new = old.with_parameter("cap.ratio", ratio)?;
    /// let changes = old.diff(&new);
    /// assert_eq!(changes.len(), 1);
    /// assert_eq!(changes[0].name, "cap.ratio");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn diff(&self, newer: &ParameterSet) -> Vec<ParameterChange> {
        let mut names: Vec<&Arc<str>> = self.parameters.keys().chain(newer.parameters.keys()).collect();
        names.sort();
        names.dedup();
        names
            .into_iter()
            .filter_map(|name| {
                let before = self.parameters.get(name).map(|p| p.values.clone()).unwrap_or_default();
                let after = newer.parameters.get(name).map(|p| p.values.clone()).unwrap_or_default();
                (before != after).then(|| ParameterChange { name: name.to_string(), before, after })
            })
            .collect()
    }
}

/// A parameter's stored name and the dated value found for a date.
#[derive(Clone, Copy)]
struct Found<'a> {
    name: &'a Arc<str>,
    dated: &'a DatedValue,
    origin: Option<Origin<'a>>,
}

/// The value of `values` (a parameter's, oldest first) in force on `date`, with its place.
#[inline]
fn in_force_on<'a>(name: &Arc<str>, values: &'a [DatedValue], date: Date) -> Result<(usize, &'a DatedValue), FeeError> {
    values.iter().enumerate().rev().find(|(_, v)| v.from <= date).filter(|(_, v)| v.in_force(date)).ok_or_else(|| {
        let first = values.first().map(|v| v.from.to_string()).unwrap_or_default();
        FeeError::parameter(&**name, reason::fill(reason::NOT_IN_FORCE, &[&date, &first]))
    })
}

/// The error for a value of parameter `name` that is not an exact decimal.
fn not_exact(name: &str, value: &ValueText) -> FeeError {
    FeeError::parameter(name, reason::fill(reason::NOT_EXACT, &[&format_args!("{:?}", value.as_str())]))
}

/// A dated value read as a decimal, with its source.
#[inline]
fn decimal_value(found: Found<'_>) -> Result<ParamValue<'_>, FeeError> {
    let Found { name, dated, origin } = found;
    let value = dated.value.decimal().ok_or_else(|| not_exact(name, &dated.value))?;
    Ok(ParamValue { value, name, dated, origin })
}

/// A rounding rule from its places and mode values; returns the mode's value to cite.
fn rounding_rule<'a>(places: Found<'a>, mode: Found<'a>) -> Result<(Rounding, ParamValue<'a>), FeeError> {
    let places_name = places.name;
    let places = decimal_value(places)?;
    let dp = u32::try_from(places.value.mantissa())
        .ok()
        .filter(|dp| places.value.scale() == 0 && *dp <= 10)
        .ok_or_else(|| FeeError::parameter(&**places_name, reason::PLACES))?;
    let rounding_mode =
        mode.dated.value.parse::<RoundingMode>().map_err(|e| FeeError::parameter(&**mode.name, e.to_string()))?;
    let cited = ParamValue { value: places.value, name: mode.name, dated: mode.dated, origin: mode.origin };
    Ok((Rounding::new(dp, rounding_mode), cited))
}

/// Which parameter set (and version) a scenario was computed with.
///
/// ```
/// let r = fee_core::ParameterSetRef::of(fee_core::ParameterSet::chaoyang()?);
/// assert_eq!(r.id, "cn-bj-chaoyang");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn builtin_sets_load_and_validate() {
        let sets = ParameterSet::builtin().unwrap();
        assert!(!sets.is_empty());
        for s in sets {
            s.validate().unwrap();
        }
    }

    /// Display rules worked by hand from `rounding.toml` (half away from zero; fee to the yuan,
    /// money to the fen) and `SHARE_PLACES` (four places in the money mode).
    #[test]
    fn figures_are_shown_by_the_sets_rules() {
        let set = ParameterSet::chaoyang().unwrap();
        let d = date("2024-06-01");
        let n = |s: &str| s.parse::<Decimal>().unwrap();
        // 2,857.4999 is below the half: 2,857; 2,857.5 is the half, away from zero: 2,858.
        assert_eq!(set.round_fee(n("2857.4999"), d).unwrap(), n("2857"));
        assert_eq!(set.round_fee(n("2857.5"), d).unwrap(), n("2858"));
        assert_eq!(set.round_fee(n("-2.5"), d).unwrap(), n("-3"));
        // 1,000.005 yuan is half a fen: 1,000.01.
        assert_eq!(set.round_money(n("1000.005"), d).unwrap().to_string(), "1000.01");
        // 0.81875 is half of the fifth place: 0.8188; 0.818749 stays 0.8187; 1.5 shows as 1.5000.
        assert_eq!(set.round_share(n("0.81875"), d).unwrap().to_string(), "0.8188");
        assert_eq!(set.round_share(n("0.818749"), d).unwrap().to_string(), "0.8187");
        assert_eq!(set.round_share(n("1.5"), d).unwrap().to_string(), "1.5000");
        // As a percentage the same four places: 0.81875 is 81.88%, 1.5 is 150.00%, 0.000049 is 0.00%.
        assert_eq!(set.round_percent(n("0.81875"), d).unwrap().to_string(), "81.88");
        assert_eq!(set.round_percent(n("1.5"), d).unwrap().to_string(), "150.00");
        assert_eq!(set.round_percent(n("0.000049"), d).unwrap().to_string(), "0.00");
        assert!(set.round_percent(Decimal::MAX, d).is_err());
        // Before any rounding rule is in force (they start 2019-01-01) there is nothing to show by.
        assert!(set.round_fee(n("1"), date("2018-12-31")).is_err());
        assert!(set.round_share(n("1"), date("2018-12-31")).is_err());
    }

    #[test]
    fn a_value_with_an_end_is_not_in_force_after_it() {
        let set = ParameterSet::chaoyang().unwrap();
        // The 2022 income is dated to 2022 only: before, at both boundaries, and after.
        assert!(set.decimal("income.household_monthly", date("2021-12-31")).is_err());
        assert_eq!(set.decimal("income.household_monthly", date("2022-01-01")).unwrap().value, Decimal::from(15655));
        assert_eq!(set.decimal("income.household_monthly", date("2022-12-31")).unwrap().value, Decimal::from(15655));
        assert!(set.decimal("income.household_monthly", date("2023-01-01")).is_err());
    }

    /// Every parameter the engine reads is found the same way by its place as by its name,
    /// in every built-in set, before, at and after the dates its values start.
    #[test]
    fn known_parameters_read_as_by_name() {
        let names: std::collections::BTreeSet<&str> = Known::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names.len(), Known::ALL.len(), "two known parameters share a name");
        for (i, k) in Known::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i, "Known::ALL is not in declaration order");
        }
        for set in ParameterSet::builtin().unwrap() {
            for k in Known::ALL {
                let mut dates = vec![date("2000-01-01"), date("2099-12-31")];
                for v in set.parameters().get(k.name()).map(|p| p.values.as_slice()).unwrap_or_default() {
                    let before = Date::new(v.from.year(), v.from.month(), v.from.day() - 1).unwrap_or(v.from);
                    dates.extend([v.from, before]);
                    dates.extend(v.until);
                }
                for d in dates {
                    let by_name = set.decimal(k.name(), d).map(|v| (v.value, v.dated.clone()));
                    let by_place = set.known_decimal(k, d).map(|v| (v.value, v.dated.clone()));
                    match (by_name, by_place) {
                        (Ok(a), Ok(b)) => assert_eq!(a, b, "{} {} on {d}", set.id, k.name()),
                        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                        (a, b) => panic!("{} {} on {d}: {a:?} vs {b:?}", set.id, k.name()),
                    }
                }
            }
        }
    }

    /// A set made with a parameter replaced reads the new value by place too.
    #[test]
    fn a_replaced_parameter_is_read_by_place() {
        let set = ParameterSet::chaoyang().unwrap();
        let mut ratio = set.parameter("cap.ratio").unwrap().clone();
        ratio.values[0].value = "0.25".into();
        let new = set.with_parameter("cap.ratio", ratio).unwrap();
        assert_eq!(new.known_decimal(Known::CapRatio, date("2024-06-01")).unwrap().value, Decimal::new(25, 2));
        assert_eq!(set.known_decimal(Known::CapRatio, date("2024-06-01")).unwrap().value, Decimal::new(20, 2));
    }

    #[test]
    fn overlapping_values_are_refused() {
        let mut set = ParameterSet::chaoyang().unwrap().clone();
        let p = set.parameters.get_mut("slots.total").unwrap();
        p.values[1].from = date("2023-06-01");
        assert!(matches!(set.validate(), Err(FeeError::Parameter { .. })));
    }

    /// A value is read exactly or refused: 28 significant digits are kept, the 29th after the
    /// point would be rounded away, so the set is refused naming the parameter.
    #[test]
    fn a_value_beyond_a_decimal_is_refused_not_rounded() {
        let set = ParameterSet::chaoyang().unwrap();
        let with_ratio = |text: &str| {
            let mut ratio = set.parameter("cap.ratio").unwrap().clone();
            ratio.values[0].value = text.into();
            set.with_parameter("cap.ratio", ratio)
        };
        let kept = with_ratio("0.2000000000000000000000000001").unwrap();
        assert_eq!(
            kept.known_decimal(Known::CapRatio, date("2024-06-01")).unwrap().value.to_string(),
            "0.2000000000000000000000000001"
        );
        let e = with_ratio("0.20000000000000000000000000001").unwrap_err();
        assert_eq!(e.field(), "cap.ratio");
        assert!(e.to_string().contains("28 significant digits"), "{e}");
    }
}
