//! Policy numbers as dated data: parameter sets, their values and sources.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{Date, FeeError, Rounding, RoundingMode, Source};

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

impl std::fmt::Display for SourceLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SourceLabel::Primary => "primary",
            SourceLabel::Secondary => "secondary",
            SourceLabel::Example => "example",
        })
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
        let decimal = text.parse().ok();
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
        Source::Parameter {
            name: self.name.clone(),
            from: self.dated.from,
            reference: self.dated.reference.clone(),
            label: self.dated.label,
        }
    }
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
pub struct ParameterSet {
    /// Stable identifier, such as `cn-bj-chaoyang`.
    pub id: String,
    /// Version of the set; a scenario records it.
    pub version: String,
    /// Title in Chinese.
    pub title_zh: String,
    /// Title in English.
    pub title_en: String,
    /// Parameters by name.
    pub parameters: BTreeMap<Arc<str>, Parameter>,
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
            let sets: Vec<ParameterSet> =
                serde_json::from_str(BUILTIN_JSON).map_err(|e| FeeError::parameter("builtin", e.to_string()))?;
            for s in &sets {
                s.validate()?;
            }
            Ok(sets)
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
            .ok_or_else(|| FeeError::invalid("parameter_set.id", id, "no built-in parameter set has this id"))
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
    /// line and column; any error of [`ParameterSet::validate`].
    ///
    /// ```
    /// let json = serde_json::to_string(fee_core::ParameterSet::chaoyang()?).unwrap();
    /// let set = fee_core::ParameterSet::from_json(&json)?;
    /// assert_eq!(set.id, "cn-bj-chaoyang");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, FeeError> {
        let set: ParameterSet =
            serde_json::from_str(text).map_err(|e| FeeError::invalid("parameter_set", "", e.to_string()))?;
        set.validate()?;
        Ok(set)
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
        let set: ParameterSet =
            toml::from_str(text).map_err(|e| FeeError::invalid("parameter_set", "", e.to_string()))?;
        set.validate()?;
        Ok(set)
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
        let set: ParameterSet =
            serde_norway::from_str(text).map_err(|e| FeeError::invalid("parameter_set", "", e.to_string()))?;
        set.validate()?;
        Ok(set)
    }

    /// Checks the set's invariants.
    ///
    /// # Errors
    ///
    /// [`FeeError::Parameter`] naming the parameter when a value does not parse for
    /// its unit, a value ends before it starts, values are out of date order or overlap,
    /// or the id or version is empty.
    ///
    /// ```
    /// let mut set = fee_core::ParameterSet::chaoyang()?.clone();
    /// set.parameters.get_mut("cap.ratio").unwrap().values[0].value = "twenty".into();
    /// assert!(set.validate().is_err());
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn validate(&self) -> Result<(), FeeError> {
        if self.id.trim().is_empty() {
            return Err(FeeError::invalid("parameter_set.id", "", "the id must not be empty"));
        }
        if self.version.trim().is_empty() {
            return Err(FeeError::invalid("parameter_set.version", "", "the version must not be empty"));
        }
        for (name, p) in &self.parameters {
            let name: &str = name;
            if p.values.is_empty() {
                return Err(FeeError::parameter(name, "has no values"));
            }
            for v in &p.values {
                if let Some(until) = v.until {
                    if until < v.from {
                        return Err(FeeError::parameter(
                            name,
                            format!("value from {} ends before it starts ({until})", v.from),
                        ));
                    }
                }
                if TEXT_UNITS.contains(&p.unit.as_str()) {
                    v.value.parse::<RoundingMode>().map_err(|e| FeeError::parameter(name, e.to_string()))?;
                } else {
                    v.value.decimal().ok_or_else(|| {
                        FeeError::parameter(name, format!("value {:?} is not a decimal number", v.value))
                    })?;
                }
            }
            for pair in p.values.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                if b.from <= a.from || a.until.is_some_and(|u| u >= b.from) {
                    return Err(FeeError::parameter(
                        name,
                        format!("values from {} and {} overlap or are out of order", a.from, b.from),
                    ));
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
        self.parameters
            .get(name)
            .ok_or_else(|| FeeError::parameter(name, format!("not in parameter set {} {}", self.id, self.version)))
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
        self.lookup(name, date).map(|(_, v)| v)
    }

    /// The parameter's stored name and its value in force on `date`.
    fn lookup(&self, name: &str, date: Date) -> Result<(&Arc<str>, &DatedValue), FeeError> {
        let (key, p) = self
            .parameters
            .get_key_value(name)
            .ok_or_else(|| FeeError::parameter(name, format!("not in parameter set {} {}", self.id, self.version)))?;
        p.values.iter().rev().find(|v| v.from <= date).filter(|v| v.in_force(date)).map(|v| (key, v)).ok_or_else(|| {
            let first = p.values.first().map(|v| v.from.to_string()).unwrap_or_default();
            FeeError::parameter(name, format!("no value in force on {date} (values start {first})"))
        })
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
        let (key, v) = self.lookup(name, date)?;
        let value = v
            .value
            .decimal()
            .ok_or_else(|| FeeError::parameter(name, format!("value {:?} is not a decimal number", v.value)))?;
        Ok(ParamValue { value, name: key, dated: v })
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
        self.rounding_of(&format!("{prefix}.decimal_places"), &format!("{prefix}.mode"), date)
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
        Ok(self.rounding("rounding.money", date)?.0.apply(value))
    }

    /// The rounding rule of two named parameters; returns the mode's value to cite.
    pub(crate) fn rounding_of(
        &self,
        places_name: &str,
        mode_name: &str,
        date: Date,
    ) -> Result<(Rounding, ParamValue<'_>), FeeError> {
        let places = self.decimal(places_name, date)?;
        let dp = u32::try_from(places.value.mantissa())
            .ok()
            .filter(|dp| places.value.scale() == 0 && *dp <= 10)
            .ok_or_else(|| FeeError::parameter(places_name, "decimal places must be a whole number from 0 to 10"))?;
        let (key, mode_value) = self.lookup(mode_name, date)?;
        let mode =
            mode_value.value.parse::<RoundingMode>().map_err(|e| FeeError::parameter(mode_name, e.to_string()))?;
        Ok((Rounding::new(dp, mode), ParamValue { value: places.value, name: key, dated: mode_value }))
    }

    /// The parameters whose values differ between `self` (older) and `newer`.
    ///
    /// ```
    /// let old = fee_core::ParameterSet::chaoyang()?;
    /// let mut new = old.clone();
    /// new.parameters.get_mut("cap.ratio").unwrap().values[0].value = "0.25".into();
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

    #[test]
    fn a_value_with_an_end_is_not_in_force_after_it() {
        let set = ParameterSet::chaoyang().unwrap();
        // The 2022 income is dated to 2022 only: before, at both boundaries, and after.
        assert!(set.decimal("income.household_monthly", date("2021-12-31")).is_err());
        assert_eq!(set.decimal("income.household_monthly", date("2022-01-01")).unwrap().value, Decimal::from(15655));
        assert_eq!(set.decimal("income.household_monthly", date("2022-12-31")).unwrap().value, Decimal::from(15655));
        assert!(set.decimal("income.household_monthly", date("2023-01-01")).is_err());
    }

    #[test]
    fn overlapping_values_are_refused() {
        let mut set = ParameterSet::chaoyang().unwrap().clone();
        let p = set.parameters.get_mut("slots.total").unwrap();
        p.values[1].from = date("2023-06-01");
        assert!(matches!(set.validate(), Err(FeeError::Parameter { .. })));
    }
}
