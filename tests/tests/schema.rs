//! The checked-in JSON Schemas match the types. Regenerate with
//! `cargo run -p fee-cli -- schema scenario > schema/scenario.schema.json` (and evaluation, parameters).

use std::path::Path;

fn checked_in(name: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn schemas_are_up_to_date() {
    assert_eq!(checked_in("scenario.schema.json"), fee_core::scenario_schema(), "scenario schema is stale");
    assert_eq!(checked_in("evaluation.schema.json"), fee_core::evaluation_schema(), "evaluation schema is stale");
    assert_eq!(checked_in("parameters.schema.json"), fee_core::parameter_set_schema(), "parameter schema is stale");
}

#[test]
fn the_sample_scenario_has_the_fields_the_schema_requires() {
    let schema = fee_core::scenario_schema();
    let sample: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/public-nursery.json")).unwrap(),
    )
    .unwrap();
    for field in schema["required"].as_array().unwrap() {
        assert!(sample.get(field.as_str().unwrap()).is_some(), "sample lacks {field}");
    }
    // Amounts are written as strings, so no reader turns them into binary floating point.
    let e = fee_core::evaluate(&fee_core::Scenario::example(), fee_core::ParameterSet::chaoyang().unwrap()).unwrap();
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["cap"]["cap"], serde_json::json!("3131.00"));
    assert!(json["cost"]["total_approved"].is_string());
}
