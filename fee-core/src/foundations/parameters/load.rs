//! Making a parameter set: the built-in sets, reading JSON, TOML and YAML, and the checks a set passes when it is made.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use crate::foundations::error::{reason, FeeError};
use crate::foundations::money::RoundingMode;

use super::known::KnownIndex;
use super::lookup::not_exact;
use super::{Parameter, ParameterSet, ParameterSetData};

pub(super) static BUILTIN: OnceLock<Result<Vec<ParameterSet>, FeeError>> = OnceLock::new();
pub(super) const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin_parameter_sets.json"));

/// The units whose values are not decimals.
pub(super) const TEXT_UNITS: &[&str] = &["rounding_mode"];

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
        let data: ParameterSetData = serde_json::from_str(crate::foundations::input::without_bom(text))
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
        bounded(text)?;
        let data: ParameterSetData = toml::from_str(crate::foundations::input::without_bom(text))
            .map_err(|e| FeeError::invalid("parameter_set", "", unreadable(&e)))?;
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
        bounded(text)?;
        let data: ParameterSetData = serde_norway::from_str(crate::foundations::input::without_bom(text))
            .map_err(|e| FeeError::invalid("parameter_set", "", unreadable(&e)))?;
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
    ///         value: value.into(), label: SourceLabel::Example, reference: "test".into(), reference_en: None }],
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
    pub(super) fn validate(&self) -> Result<(), FeeError> {
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
}

/// The largest parameter file read: a district's whole set is some tens of kilobytes.
#[cfg(any(feature = "toml", feature = "yaml"))]
const MAX_TEXT: usize = 1024 * 1024;

/// The deepest nesting of brackets and braces a parameter file may have (a set nests four deep).
#[cfg(any(feature = "toml", feature = "yaml"))]
const MAX_DEPTH: usize = 32;

/// Checks a TOML or YAML text's size and nesting before a parser sees it: a YAML reader takes
/// time that grows with the square of the depth of nested flow maps, and a TOML reader
/// echoes a deeply nested document in its error.
#[cfg(any(feature = "toml", feature = "yaml"))]
fn bounded(text: &str) -> Result<(), FeeError> {
    if text.len() > MAX_TEXT {
        return Err(FeeError::invalid(
            "parameter_set",
            "",
            reason::fill(reason::FILE_TOO_LARGE, &[&(MAX_TEXT / 1024)]),
        ));
    }
    // Brackets inside strings count too: a set's texts hold none nested deep, and a reader of
    // quotes could be led astray by a hostile file.
    let (mut depth, mut deepest) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > MAX_DEPTH {
        return Err(FeeError::invalid("parameter_set", "", reason::fill(reason::TOO_DEEP, &[&MAX_DEPTH])));
    }
    Ok(())
}

/// Why a TOML or YAML set cannot be read: an unknown field named with the nearest known one,
/// or the reader's own words.
#[cfg(any(feature = "toml", feature = "yaml"))]
pub(super) fn unreadable(e: &dyn std::fmt::Display) -> String {
    let message = e.to_string();
    // A reader may quote much of the input; a short excerpt says where.
    let excerpt: String = message.chars().take(300).collect();
    let excerpt = if excerpt.len() < message.len() { format!("{excerpt}…") } else { excerpt };
    crate::foundations::input::unknown_field(&message)
        .or_else(|| crate::foundations::input::reader_reason(&message))
        .or_else(|| toml_syntax(&message))
        .unwrap_or_else(|| reason::fill(reason::UNREADABLE, &[&excerpt]))
}

/// A TOML reader's syntax error ("TOML parse error at line 2, column 11 …") as the place to
/// look, in plain words.
#[cfg(any(feature = "toml", feature = "yaml"))]
fn toml_syntax(message: &str) -> Option<String> {
    let rest = message.strip_prefix("TOML parse error at line ")?;
    let (line, rest) = rest.split_once(", column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let (line, column) = (line.parse::<usize>().ok()?, column.parse::<usize>().ok()?);
    Some(reason::fill(reason::TOML_SYNTAX, &[&line, &column]))
}
