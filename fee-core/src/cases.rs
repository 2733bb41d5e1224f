//! Worked cases as data: a bureau's own examples (inputs, the parameter set, the figures it
//! derived by hand) run against the rules, each passing or failing with the difference. The
//! project's own `tests/cases/` are files of this format, run by this runner.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::foundations::error::FeeError;
use crate::foundations::parameters::ParameterSet;

/// The largest case file read: the project's largest is about 60 KB.
const MAX_CASE_BYTES: usize = 4 * 1024 * 1024;

/// A file of worked cases.
///
/// ```
/// let file = fee_core::CaseFile::from_json(r#"{"rule": "cap", "cases": []}"#)?;
/// assert_eq!(file.rule, "cap");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// The rule the cases exercise, in words.
    pub rule: String,
    /// The cases.
    pub cases: Vec<Case>,
}

/// One worked case: what it shows, where its figures come from, the hand working, which entry
/// point it calls with what input, and the figures (or the error) expected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What the case shows.
    pub name: String,
    /// Where the expected figures come from (a document and article, a worked example).
    #[serde(default)]
    pub source: String,
    /// The hand derivation: one string or a list of lines.
    #[serde(default)]
    pub working: Value,
    /// The entry point: `cap`, `evaluate`, `check`, `refund`, `district` or `batch_csv`.
    pub kind: String,
    /// The input of that entry point, as its JSON file holds it.
    pub input: Value,
    /// Expected values by JSON pointer into the result (`/fee/guided_fee`); amounts as strings
    /// compare exactly as decimals, so "3131" equals "3131.00".
    #[serde(default)]
    pub expected: serde_json::Map<String, Value>,
    /// The error expected instead of a result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ExpectedError>,
}

/// What an expected error must name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExpectedError {
    /// The field (or parameter) the error names.
    pub field: String,
    /// A phrase its message contains.
    pub contains: String,
}

/// One difference between what a case expected and what the rules gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseMismatch {
    /// The JSON pointer, or `error` for an error that was or was not expected.
    pub pointer: String,
    /// What the case expected, as JSON.
    pub expected: String,
    /// What the rules gave, as JSON (or the error's message).
    pub got: String,
    /// got − expected, for two amounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difference: Option<Decimal>,
}

/// What became of one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CaseOutcome {
    /// The case's name.
    pub name: String,
    /// Whether every expectation held.
    pub passed: bool,
    /// Each expectation that did not hold.
    pub mismatches: Vec<CaseMismatch>,
}

impl CaseFile {
    /// Reads a case file from JSON, unknown fields refused.
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] naming the field that does not read.
    pub fn from_json(text: &str) -> Result<Self, FeeError> {
        if text.len() > MAX_CASE_BYTES {
            return Err(FeeError::out_of_range(
                "cases",
                text.len(),
                crate::foundations::error::reason::CASES_TOO_LARGE,
            ));
        }
        crate::foundations::input::read_json(text)
    }

    /// Reads a case file from YAML (a clerk's file may be written by hand in either).
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] naming `cases` when the text does not read as a case file.
    ///
    /// ```
    /// let yaml = "rule: the cap\ncases:\n  - name: 2022\n    kind: cap\n    input: {income: {basis: district, year: 2022}, date: 2024-06-01}\n    expected: {/value/cap: '3131.00'}\n";
    /// let file = fee_core::CaseFile::from_yaml(yaml)?;
    /// assert!(file.run(None)[0].passed);
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    #[cfg(feature = "yaml")]
    pub fn from_yaml(text: &str) -> Result<Self, FeeError> {
        if text.len() > MAX_CASE_BYTES {
            return Err(FeeError::out_of_range(
                "cases",
                text.len(),
                crate::foundations::error::reason::CASES_TOO_LARGE,
            ));
        }
        serde_norway::from_str(crate::foundations::input::without_bom(text)).map_err(|e| {
            let message = e.to_string();
            let cut: String = message.chars().take(200).collect();
            FeeError::invalid("cases", "", cut)
        })
    }

    /// Runs every case: under `params` when given (a bureau's own set), else under the built-in
    /// set the case's input names (`cn-bj-chaoyang` when it names none).
    ///
    /// ```
    /// let json = r#"{"rule": "the cap", "cases": [{"name": "2022", "kind": "cap",
    ///   "input": {"income": {"basis": "district", "year": 2022}, "date": "2024-06-01"},
    ///   "expected": {"/value/cap": "3130"}}]}"#;
    /// let outcome = &fee_core::CaseFile::from_json(json)?.run(None)[0];
    /// assert!(!outcome.passed);
    /// assert_eq!(outcome.mismatches[0].difference, Some("1".parse().unwrap()));
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn run(&self, params: Option<&ParameterSet>) -> Vec<CaseOutcome> {
        self.cases.iter().map(|case| case.run(params)).collect()
    }
}

impl Case {
    /// The result of the case's entry point on its input, as JSON (the figures its
    /// expectations point into), under `params` or the set its input names.
    ///
    /// # Errors
    ///
    /// The entry point's [`FeeError`], or one naming `case.input` when the input does not read.
    pub fn result(&self, params: Option<&ParameterSet>) -> Result<Value, FeeError> {
        run_kind(&self.kind, &self.input, params)
    }

    /// Runs the case (see [`CaseFile::run`]).
    pub fn run(&self, params: Option<&ParameterSet>) -> CaseOutcome {
        let mut mismatches = Vec::new();
        match (self.result(params), &self.error) {
            (Ok(out), None) => {
                for (pointer, want) in &self.expected {
                    match out.pointer(pointer) {
                        None => mismatches.push(CaseMismatch {
                            pointer: pointer.clone(),
                            expected: want.to_string(),
                            got: "(missing)".into(),
                            difference: None,
                        }),
                        Some(got) if !same(got, want) => mismatches.push(CaseMismatch {
                            pointer: pointer.clone(),
                            expected: want.to_string(),
                            got: got.to_string(),
                            difference: difference(got, want),
                        }),
                        Some(_) => {}
                    }
                }
            }
            (Ok(_), Some(e)) => mismatches.push(CaseMismatch {
                pointer: "error".into(),
                expected: format!("an error on {} containing {:?}", e.field, e.contains),
                got: "a result".into(),
                difference: None,
            }),
            (Err(err), None) => mismatches.push(CaseMismatch {
                pointer: "error".into(),
                expected: "a result".into(),
                got: err.to_string(),
                difference: None,
            }),
            (Err(err), Some(e)) => {
                if err.field() != e.field || !err.to_string().contains(&e.contains) {
                    mismatches.push(CaseMismatch {
                        pointer: "error".into(),
                        expected: format!("an error on {} containing {:?}", e.field, e.contains),
                        got: err.to_string(),
                        difference: None,
                    });
                }
            }
        }
        CaseOutcome { name: self.name.clone(), passed: mismatches.is_empty(), mismatches }
    }
}

fn decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.to_string().parse().ok(),
        _ => None,
    }
}

/// Equal as JSON, or as decimals when both are decimal strings (so "3131" = "3131.00").
fn same(got: &Value, want: &Value) -> bool {
    if let (Value::String(_), Value::String(_)) = (got, want) {
        if let (Some(g), Some(w)) = (decimal(got), decimal(want)) {
            return g == w;
        }
    }
    got == want
}

fn difference(got: &Value, want: &Value) -> Option<Decimal> {
    decimal(got)?.checked_sub(decimal(want)?)
}

/// The set a case runs under.
fn set_for<'a>(params: Option<&'a ParameterSet>, id: Option<&str>) -> Result<&'a ParameterSet, FeeError> {
    match (params, id) {
        (Some(p), _) => Ok(p),
        (None, Some(id)) if !id.is_empty() => ParameterSet::builtin_by_id(id),
        (None, _) => ParameterSet::chaoyang(),
    }
}

fn run_kind(kind: &str, input: &Value, params: Option<&ParameterSet>) -> Result<Value, FeeError> {
    let bad = |e: serde_json::Error| FeeError::invalid("case.input", "", e.to_string());
    let read = |v: &Value| -> Result<String, FeeError> { serde_json::to_string(v).map_err(bad) };
    let set_id = |v: &Value| v.pointer("/parameter_set/id").and_then(Value::as_str).map(str::to_string);
    match kind {
        "cap" => {
            #[derive(Deserialize, Serialize)]
            #[serde(deny_unknown_fields)]
            struct CapCase {
                income: crate::rules::cap::IncomeBasis,
                #[serde(default)]
                fee: Option<Decimal>,
                date: crate::foundations::date::Date,
            }
            let c: CapCase = crate::foundations::input::read_json(&read(input)?)?;
            let r = crate::rules::cap::cap_for(&c.income, c.fee, set_for(params, None)?, c.date)?;
            serde_json::to_value(r).map_err(bad)
        }
        "evaluate" => {
            let s: crate::rules::scenario::Scenario = crate::foundations::input::read_json(&read(input)?)?;
            let set = set_for(params, Some(&s.parameter_set.id))?;
            serde_json::to_value(crate::rules::scenario::evaluate(&s, set)?).map_err(bad)
        }
        "check" => {
            #[derive(Deserialize, Serialize)]
            #[serde(deny_unknown_fields)]
            struct CheckCase {
                schedule: crate::review::schedule::FeeSchedule,
                income: crate::rules::cap::IncomeBasis,
                date: crate::foundations::date::Date,
                #[serde(default)]
                params: String,
            }
            let c: CheckCase = crate::foundations::input::read_json(&read(input)?)?;
            let set = set_for(params, Some(&c.params))?;
            serde_json::to_value(crate::review::checks::check_schedule(&c.schedule, set, c.date, &c.income)?)
                .map_err(bad)
        }
        "refund" => {
            #[derive(Deserialize, Serialize)]
            #[serde(deny_unknown_fields)]
            struct RefundCase {
                /// An example rule's id, or a rule written out (as a rule file holds it).
                rule: Value,
                month: crate::review::refund::RefundInput,
                /// The month's date (the rounding in force on it); 2024-06-01 when not given.
                #[serde(default)]
                date: Option<crate::foundations::date::Date>,
            }
            let c: RefundCase = crate::foundations::input::read_json(&read(input)?)?;
            let rule = match &c.rule {
                Value::String(id) => {
                    crate::review::refund::RefundRule::examples()?.into_iter().find(|r| &r.id == id).ok_or_else(
                        || FeeError::invalid("case.rule", id, crate::foundations::error::reason::NO_SUCH_RULE),
                    )?
                }
                written => crate::foundations::input::read_json(&read(written)?)?,
            };
            let date = match c.date {
                Some(d) => d,
                None => crate::foundations::date::Date::new(2024, 6, 1)?,
            };
            serde_json::to_value(crate::review::refund::refund(&rule, &c.month, set_for(params, None)?, date)?)
                .map_err(bad)
        }
        "district" => {
            let s: crate::planning::district::DistrictSample = crate::foundations::input::read_json(&read(input)?)?;
            let set = set_for(params, set_id(input).as_deref())?;
            serde_json::to_value(crate::planning::district::evaluate_district(&s, set)?).map_err(bad)
        }
        #[cfg(feature = "batch")]
        "batch_csv" => {
            let bytes: Vec<u8> = match (input.get("csv"), input.get("csv_hex")) {
                (Some(Value::String(s)), _) => s.as_bytes().to_vec(),
                (_, Some(Value::String(h))) => (0..h.len())
                    .step_by(2)
                    .map(|i| h.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
                    .collect::<Option<_>>()
                    .ok_or_else(|| FeeError::invalid("case.csv_hex", h, crate::foundations::error::reason::HEX))?,
                _ => return Err(FeeError::invalid("case.input", "", crate::foundations::error::reason::CSV_NEEDED)),
            };
            let mut lines = Vec::new();
            let summary = crate::review::batch::check_csv(
                bytes.as_slice(),
                set_for(params, None)?,
                crate::foundations::date::Date::new(2024, 6, 1)?,
                &crate::rules::cap::IncomeBasis::District { year: 2022 },
                &mut |l| lines.push(l),
                &mut |_| {},
            )?;
            Ok(serde_json::json!({ "summary": summary, "lines": lines }))
        }
        other => Err(FeeError::invalid("case.kind", other, crate::foundations::error::reason::CASE_KIND)),
    }
}
