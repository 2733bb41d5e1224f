//! Shared helpers of the integration tests: the one `check()` that runs worked cases.
//!
//! A case file holds a `rule` and a list of `cases`. Each case has a `name`, the
//! `source` of its expectation, the hand `working` that derives it, a `kind`
//! (which entry point to call), the `input`, and either `expected` (JSON pointers
//! into the result with the values a person derived) or `error` (the field and a
//! phrase the error must name).

pub mod survey;

use std::path::Path;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::Value;

/// One worked case.
#[derive(Debug, Deserialize)]
pub struct Case {
    /// What the case shows.
    pub name: String,
    /// Where the expected numbers come from.
    pub source: String,
    /// The hand derivation (one string or a list of lines).
    pub working: Value,
    /// Which entry point: `cap`, `evaluate`, or a kind a later module adds.
    pub kind: String,
    /// The input of that entry point.
    pub input: Value,
    /// Expected values by JSON pointer.
    #[serde(default)]
    pub expected: serde_json::Map<String, Value>,
    /// The expected error.
    #[serde(default)]
    pub error: Option<ExpectedError>,
}

/// What an expected error must name.
#[derive(Debug, Deserialize)]
pub struct ExpectedError {
    /// The field (or parameter) the error names.
    pub field: String,
    /// A phrase its message contains.
    pub contains: String,
}

/// A case file.
#[derive(Debug, Deserialize)]
pub struct CaseFile {
    /// The rule the cases exercise.
    pub rule: String,
    /// The cases.
    pub cases: Vec<Case>,
}

/// Runs a case's entry point: the result as JSON, or the error.
pub type Runner = fn(&str, &Value) -> Result<Value, fee_core::FeeError>;

/// Runs every case of a file with `run` and returns the failures, one line each.
pub fn check(path: &Path, run: Runner) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file: CaseFile = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(!file.rule.is_empty(), "{}: a case file names its rule", path.display());
    assert!(!file.cases.is_empty(), "{}: no cases", path.display());
    let mut failures = Vec::new();
    for case in &file.cases {
        let mut fail = |msg: String| failures.push(format!("{} / {}: {msg}", path.display(), case.name));
        let working_written = match &case.working {
            Value::String(s) => !s.trim().is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => false,
        };
        if !working_written || case.source.trim().is_empty() {
            fail("every case writes down its source and hand working".into());
        }
        if case.expected.is_empty() == case.error.is_none() {
            fail("a case expects either values or an error".into());
            continue;
        }
        match (run(&case.kind, &case.input), &case.error) {
            (Ok(out), None) => {
                for (pointer, want) in &case.expected {
                    match out.pointer(pointer) {
                        None => fail(format!("{pointer} is missing from the result")),
                        Some(got) if !same(got, want) => fail(format!("{pointer}: expected {want}, got {got}")),
                        Some(_) => {}
                    }
                }
            }
            (Ok(_), Some(e)) => fail(format!("expected an error on {}, got a result", e.field)),
            (Err(err), None) => fail(format!("unexpected error: {err}")),
            (Err(err), Some(e)) => {
                if err.field() != e.field || !err.to_string().contains(&e.contains) {
                    fail(format!("expected error on {} containing {:?}, got {err}", e.field, e.contains));
                }
            }
        }
    }
    failures
}

/// Equal as JSON, or as decimals when both are decimal strings (so "3131" = "3131.00").
fn same(got: &Value, want: &Value) -> bool {
    if let (Value::String(g), Value::String(w)) = (got, want) {
        if let (Ok(g), Ok(w)) = (g.parse::<Decimal>(), w.parse::<Decimal>()) {
            return g == w;
        }
    }
    got == want
}

/// The runner for the fee-core entry points.
pub fn run_core(kind: &str, input: &Value) -> Result<Value, fee_core::FeeError> {
    let bad = |e: serde_json::Error| fee_core::FeeError::invalid("case.input", "", e.to_string());
    match kind {
        "cap" => {
            #[derive(Deserialize)]
            struct CapCase {
                income: fee_core::IncomeBasis,
                #[serde(default)]
                fee: Option<Decimal>,
                date: fee_core::Date,
            }
            let c: CapCase = serde_json::from_value(input.clone()).map_err(bad)?;
            let r = fee_core::cap_for(&c.income, c.fee, fee_core::ParameterSet::chaoyang()?, c.date)?;
            serde_json::to_value(r).map_err(bad)
        }
        "evaluate" => {
            let s: fee_core::Scenario = serde_json::from_value(input.clone()).map_err(bad)?;
            let set = fee_core::ParameterSet::builtin_by_id(&s.parameter_set.id)?;
            serde_json::to_value(fee_core::evaluate(&s, set)?).map_err(bad)
        }
        "check" => {
            #[derive(Deserialize)]
            struct CheckCase {
                schedule: fee_core::FeeSchedule,
                income: fee_core::IncomeBasis,
                date: fee_core::Date,
                params: String,
            }
            let c: CheckCase = serde_json::from_value(input.clone()).map_err(bad)?;
            let set = fee_core::ParameterSet::builtin_by_id(&c.params)?;
            serde_json::to_value(fee_core::check_schedule(&c.schedule, set, c.date, &c.income)?).map_err(bad)
        }
        "refund" => {
            #[derive(Deserialize)]
            struct RefundCase {
                /// An example rule's id, or a rule written out (as a rule file holds it).
                rule: Value,
                month: fee_core::RefundInput,
                /// The month's date (the rounding in force on it); 2024-06-01 when not given.
                date: Option<fee_core::Date>,
            }
            let c: RefundCase = serde_json::from_value(input.clone()).map_err(bad)?;
            let rule = match &c.rule {
                Value::String(id) => fee_core::RefundRule::examples()?
                    .into_iter()
                    .find(|r| &r.id == id)
                    .ok_or_else(|| fee_core::FeeError::invalid("case.rule", id, "no such example rule"))?,
                written => fee_core::read_json(&written.to_string())?,
            };
            let set = fee_core::ParameterSet::chaoyang()?;
            let date = match c.date {
                Some(d) => d,
                None => fee_core::Date::new(2024, 6, 1)?,
            };
            serde_json::to_value(fee_core::refund(&rule, &c.month, set, date)?).map_err(bad)
        }
        "district" => {
            let s: fee_core::DistrictSample = serde_json::from_value(input.clone()).map_err(bad)?;
            let set = fee_core::ParameterSet::builtin_by_id(&s.parameter_set.id)?;
            serde_json::to_value(fee_core::evaluate_district(&s, set)?).map_err(bad)
        }
        "batch_csv" => {
            let bytes: Vec<u8> = match (input.get("csv"), input.get("csv_hex")) {
                (Some(Value::String(s)), _) => s.as_bytes().to_vec(),
                (_, Some(Value::String(h))) => (0..h.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&h[i..i + 2], 16))
                    .collect::<Result<_, _>>()
                    .map_err(|e| fee_core::FeeError::invalid("case.csv_hex", h, e.to_string()))?,
                _ => return Err(fee_core::FeeError::invalid("case.input", "", "csv or csv_hex is needed")),
            };
            let mut lines = Vec::new();
            let summary = fee_core::check_csv(
                bytes.as_slice(),
                fee_core::ParameterSet::chaoyang()?,
                "2024-06-01".parse()?,
                &fee_core::IncomeBasis::District { year: 2022 },
                &mut |l| lines.push(l),
                &mut |_| {},
            )?;
            Ok(serde_json::json!({ "summary": summary, "lines": lines }))
        }
        other => Err(fee_core::FeeError::invalid("case.kind", other, "unknown case kind")),
    }
}
