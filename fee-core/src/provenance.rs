//! Reproducible records: an evaluation, a district result or a dossier check saved with its
//! input and SHA-256 digests of the parameter set's content, the input, the result and the
//! program version, so that months later the filed figures can be shown to come from a given
//! rule set, or each figure that differs listed with why.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::foundations::digest::{parameter_set_digest, sha256, PROGRAM};
use crate::foundations::error::FeeError;
use crate::foundations::parameters::{ParameterSet, ParameterSetRef};

/// What a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A scenario and its evaluation.
    Evaluation,
    /// A district sample and its result.
    District,
    /// A pricing dossier and its check.
    Dossier,
}

/// Where a record's figures come from, as digests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The program and its version, such as `fee-core 0.1.0`.
    pub program: String,
    /// The parameter set's id and version.
    pub parameter_set: ParameterSetRef,
    /// SHA-256 of the parameter set's content (its JSON), hexadecimal.
    pub parameter_set_sha256: String,
    /// SHA-256 of the input (its JSON).
    pub input_sha256: String,
    /// SHA-256 of the result (its JSON).
    pub result_sha256: String,
}

/// A saved result with its input and provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// What it holds.
    pub record: RecordKind,
    /// The digests.
    pub provenance: Provenance,
    /// The input as evaluated.
    pub input: Value,
    /// The result.
    pub result: Value,
}

/// One figure that is not what the record says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RecordDifference {
    /// Where in the result (a JSON pointer).
    pub pointer: String,
    /// What the record says.
    pub recorded: String,
    /// What the rules give now.
    pub now: String,
}

/// What a verification found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Verification {
    /// Everything matches: the input and result are as recorded and the rules give the same result.
    pub reproduced: bool,
    /// The input no longer matches its digest: it was changed after the record was made.
    pub input_changed: bool,
    /// The result no longer matches its digest: it was edited after the record was made.
    pub result_changed: bool,
    /// The parameter set used now is not the recorded one (its content differs).
    pub parameter_set_changed: bool,
    /// The program now is another version than the recorded one.
    pub program_changed: bool,
    /// The figures (outside the trace) that differ between the record and a new evaluation, at
    /// most 100.
    pub differences: Vec<RecordDifference>,
}

fn json<T: Serialize>(v: &T) -> Result<Value, FeeError> {
    serde_json::to_value(v).map_err(|e| FeeError::invalid("record", "", e.to_string()))
}

/// Evaluates what `input` holds (a scenario, a district sample or a dossier, told apart by their
/// fields) under `set`, as JSON.
fn evaluate_kind(kind: RecordKind, input: &Value, set: &ParameterSet) -> Result<Value, FeeError> {
    let text = input.to_string();
    match kind {
        RecordKind::Evaluation => {
            let s: crate::rules::scenario::Scenario = crate::foundations::input::read_json(&text)?;
            json(&crate::rules::scenario::evaluate(&s, set)?)
        }
        RecordKind::District => {
            let s: crate::planning::district::DistrictSample = crate::foundations::input::read_json(&text)?;
            json(&crate::planning::district::evaluate_district(&s, set)?)
        }
        RecordKind::Dossier => {
            let d: crate::review::dossier::Dossier = crate::foundations::input::read_json(&text)?;
            json(&crate::review::dossier::check_dossier(&d, set)?)
        }
    }
}

/// Which kind of input `text` is: a scenario, a district sample or a dossier (each refuses the
/// others' fields).
///
/// # Errors
///
/// [`FeeError::Invalid`] naming `record` when it is none of them.
pub fn record_kind(text: &str) -> Result<RecordKind, FeeError> {
    if crate::foundations::input::read_json::<crate::rules::scenario::Scenario>(text).is_ok() {
        Ok(RecordKind::Evaluation)
    } else if crate::foundations::input::read_json::<crate::planning::district::DistrictSample>(text).is_ok() {
        Ok(RecordKind::District)
    } else if crate::foundations::input::read_json::<crate::review::dossier::Dossier>(text).is_ok() {
        Ok(RecordKind::Dossier)
    } else {
        Err(FeeError::invalid("record", "", crate::foundations::error::reason::RECORD_INPUT))
    }
}

/// Evaluates `input` (a scenario, district sample or dossier as JSON text) under `set` and keeps
/// the result with its input and digests.
///
/// # Errors
///
/// As [`record_kind`], and any error of the evaluation.
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let text = include_str!("../../samples/public-nursery.json");
/// let record = fee_core::make_record(text, set)?;
/// assert!(fee_core::verify_record(&record, set)?.reproduced);
/// // A figure edited after the record was made is caught.
/// let mut forged = record.clone();
/// forged.result["fee"]["guided_fee"] = "1800".into();
/// assert!(fee_core::verify_record(&forged, set)?.result_changed);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn make_record(input: &str, set: &ParameterSet) -> Result<Record, FeeError> {
    let kind = record_kind(input)?;
    let input: Value = serde_json::from_str(crate::foundations::input::without_bom(input))
        .map_err(|e| FeeError::invalid("record", "", e.to_string()))?;
    let result = evaluate_kind(kind, &input, set)?;
    Ok(Record {
        record: kind,
        provenance: Provenance {
            program: PROGRAM.to_string(),
            parameter_set: ParameterSetRef::of(set),
            parameter_set_sha256: parameter_set_digest(set)?,
            input_sha256: sha256(&input)?,
            result_sha256: sha256(&result)?,
        },
        input,
        result,
    })
}

/// Checks a record: its input and result against their digests, the parameter set and program
/// against the recorded ones, and the result against a new evaluation under `set` (replaying a
/// record under a newer set lists the figures that change).
///
/// # Errors
///
/// Any error of evaluating the recorded input under `set`.
pub fn verify_record(record: &Record, set: &ParameterSet) -> Result<Verification, FeeError> {
    let input_changed = sha256(&record.input)? != record.provenance.input_sha256;
    let result_changed = sha256(&record.result)? != record.provenance.result_sha256;
    let parameter_set_changed = parameter_set_digest(set)? != record.provenance.parameter_set_sha256;
    let program_changed = record.provenance.program != PROGRAM;
    let now = evaluate_kind(record.record, &record.input, set)?;
    let mut differences = Vec::new();
    diff("", &record.result, &now, &mut differences);
    Ok(Verification {
        reproduced: !input_changed && !result_changed && differences.is_empty(),
        input_changed,
        result_changed,
        parameter_set_changed,
        program_changed,
        differences,
    })
}

/// Which part of saved work a record in a [`RecordBook`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordRole {
    /// A scenario saved under its name.
    Saved,
    /// The scenario being worked on, with its pricing-procedure records (a dossier).
    Draft,
}

/// One record of a [`RecordBook`], with the name it was saved under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NamedRecord {
    /// The name it was saved under.
    pub name: String,
    /// Which part of the work it is.
    pub role: RecordRole,
    /// The record, with its digests.
    pub record: Record,
}

/// Saved work as one file: each saved scenario and the draft dossier as a [`Record`] (so each
/// carries the digests of the set, its input, its result and the program), and what a program's
/// other forms held as entered (the app's check page), with their SHA-256.
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let text = include_str!("../../samples/public-nursery.json");
/// let book = fee_core::make_record_book(&[("方案A", fee_core::RecordRole::Saved, text)], serde_json::Map::new(), set)?;
/// let checked = fee_core::verify_record_book(&book, set)?;
/// assert!(checked.reproduced());
/// let mut forged = book.clone();
/// forged.records[0].record.input["cost"]["rent_monthly"] = "1".into();
/// assert!(!fee_core::verify_record_book(&forged, set)?.reproduced());
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RecordBook {
    /// The records, saved scenarios first.
    pub records: Vec<NamedRecord>,
    /// Other forms as entered, by name; not evaluated, kept so that loading the file restores them.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub forms: serde_json::Map<String, Value>,
    /// SHA-256 of `forms` (its JSON), hexadecimal.
    pub forms_sha256: String,
}

/// What checking a [`RecordBook`] found: each record's verification, and whether the forms
/// still match their digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BookVerification {
    /// Each record's name and verification, in the book's order.
    pub records: Vec<(String, Verification)>,
    /// The forms no longer match their digest.
    pub forms_changed: bool,
}

impl BookVerification {
    /// Every record reproduced and the forms unchanged.
    pub fn reproduced(&self) -> bool {
        !self.forms_changed && self.records.iter().all(|(_, v)| v.reproduced)
    }
}

/// Records each `(name, role, input)` (a scenario or a dossier as JSON text, as
/// [`make_record`] reads it) under `set`, with `forms` kept beside.
///
/// # Errors
///
/// As [`make_record`], for the first input that fails.
pub fn make_record_book(
    inputs: &[(&str, RecordRole, &str)],
    forms: serde_json::Map<String, Value>,
    set: &ParameterSet,
) -> Result<RecordBook, FeeError> {
    let records = inputs
        .iter()
        .map(|(name, role, text)| {
            make_record(text, set).map(|record| NamedRecord { name: (*name).to_string(), role: *role, record })
        })
        .collect::<Result<Vec<_>, _>>()?;
    RecordBook::new(records, forms)
}

impl RecordBook {
    /// A book of `records` already made, with `forms` and their digest.
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] naming `record` when the forms cannot be written as JSON.
    ///
    /// ```
    /// let book = fee_core::RecordBook::new(Vec::new(), serde_json::Map::new())?;
    /// assert_eq!(book.forms_sha256.len(), 64);
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn new(records: Vec<NamedRecord>, forms: serde_json::Map<String, Value>) -> Result<Self, FeeError> {
        let forms_sha256 = sha256(&Value::Object(forms.clone()))?;
        Ok(RecordBook { records, forms, forms_sha256 })
    }
}

/// Checks every record of `book` as [`verify_record`] does, and its forms against their digest.
///
/// # Errors
///
/// Any error of evaluating a recorded input under `set`.
pub fn verify_record_book(book: &RecordBook, set: &ParameterSet) -> Result<BookVerification, FeeError> {
    let records = book
        .records
        .iter()
        .map(|r| verify_record(&r.record, set).map(|v| (r.name.clone(), v)))
        .collect::<Result<Vec<_>, _>>()?;
    let forms_changed = sha256(&Value::Object(book.forms.clone()))? != book.forms_sha256;
    Ok(BookVerification { records, forms_changed })
}

/// The leaves where `a` and `b` differ, outside the trace (whose steps follow the figures).
fn diff(at: &str, a: &Value, b: &Value, out: &mut Vec<RecordDifference>) {
    if out.len() >= 100 || at == "/trace" {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let pointer = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                diff(&pointer, v, y.get(k).unwrap_or(&Value::Null), out);
            }
            for (k, v) in y.iter().filter(|(k, _)| !x.contains_key(*k)) {
                diff(&format!("{at}/{k}"), &Value::Null, v, out);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                diff(&format!("{at}/{i}"), v, w, out);
            }
        }
        _ => {
            let same_decimal = match (a.as_str(), b.as_str()) {
                (Some(p), Some(q)) => {
                    p.parse::<rust_decimal::Decimal>().ok().zip(q.parse().ok()).is_some_and(|(p, q)| p == q)
                }
                _ => false,
            };
            if a != b && !same_decimal {
                out.push(RecordDifference { pointer: at.to_string(), recorded: a.to_string(), now: b.to_string() });
            }
        }
    }
}
