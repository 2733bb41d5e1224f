//! The checked-in JSON Schemas match the types. Regenerate with
//! `cargo run -p fee-cli -- schema scenario > schema/scenario.schema.json` (and evaluation, parameters,
//! refund-rule, dossier, district-sample, district-result).

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
    assert_eq!(checked_in("refund-rule.schema.json"), fee_core::refund_rule_schema(), "refund rule schema is stale");
    assert_eq!(checked_in("dossier.schema.json"), fee_core::dossier_schema(), "dossier schema is stale");
    assert_eq!(
        checked_in("district-sample.schema.json"),
        fee_core::district_sample_schema(),
        "district sample schema is stale"
    );
    assert_eq!(
        checked_in("district-result.schema.json"),
        fee_core::district_result_schema(),
        "district result schema is stale"
    );
}

#[test]
fn schema_descriptions_carry_no_rust_examples() {
    // The types' docs end in Rust examples (```); a JSON file's author reads only the prose.
    let schemas = [
        fee_core::scenario_schema(),
        fee_core::evaluation_schema(),
        fee_core::parameter_set_schema(),
        fee_core::refund_rule_schema(),
        fee_core::dossier_schema(),
        fee_core::district_sample_schema(),
        fee_core::district_result_schema(),
    ];
    for schema in schemas {
        let text = schema.to_string();
        assert!(!text.contains("```") && !text.contains("fee_core::"), "{}", schema["title"]);
        assert!(text.contains("\"description\""), "{}: descriptions were lost", schema["title"]);
    }
}

/// The fields a schema requires, each present in `file` (a path from the workspace root).
fn has_required_fields(schema: &serde_json::Value, file: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(file);
    let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let required = schema["required"].as_array().unwrap();
    assert!(!required.is_empty(), "{file}: the schema requires nothing");
    for field in required {
        assert!(value.get(field.as_str().unwrap()).is_some(), "{file} lacks {field}");
    }
}

#[test]
fn the_example_refund_rules_and_the_sample_dossier_have_the_fields_their_schemas_require() {
    for rule in ["pro-rata", "whole-month-absent", "taian-tiered", "hebei-withdrawal"] {
        has_required_fields(&fee_core::refund_rule_schema(), &format!("fee-core/refund-rules/{rule}.json"));
    }
    has_required_fields(&fee_core::dossier_schema(), "samples/dossier.json");
    has_required_fields(&fee_core::district_sample_schema(), "samples/district/sample.json");
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
