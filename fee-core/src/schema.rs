//! JSON Schemas of the file formats, generated from the types.

/// `schema` with each description cut before its first code example: the types' docs
/// carry Rust examples, which mean nothing to someone writing a JSON file.
fn without_examples(mut schema: serde_json::Value) -> serde_json::Value {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(d)) = map.get_mut("description") {
                    if let Some(at) = d.find("```") {
                        d.truncate(at);
                        d.truncate(d.trim_end().len());
                    }
                }
                map.values_mut().for_each(walk);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut schema);
    schema
}

/// The JSON Schema of a [`crate::Scenario`] file.
///
/// ```
/// let s = fee_core::scenario_schema();
/// assert_eq!(s["title"], "Scenario");
/// ```
pub fn scenario_schema() -> serde_json::Value {
    without_examples(schemars::schema_for!(crate::rules::scenario::Scenario).to_value())
}

/// The JSON Schema of an [`crate::Evaluation`].
///
/// ```
/// assert_eq!(fee_core::evaluation_schema()["title"], "Evaluation");
/// ```
pub fn evaluation_schema() -> serde_json::Value {
    without_examples(schemars::schema_for!(crate::rules::scenario::Evaluation).to_value())
}

/// The JSON Schema of a [`crate::ParameterSet`] file.
///
/// ```
/// assert_eq!(fee_core::parameter_set_schema()["title"], "ParameterSet");
/// ```
pub fn parameter_set_schema() -> serde_json::Value {
    without_examples(schemars::schema_for!(crate::foundations::parameters::ParameterSet).to_value())
}

/// The JSON Schema of a [`crate::RefundRule`] file.
///
/// ```
/// assert_eq!(fee_core::refund_rule_schema()["title"], "RefundRule");
/// ```
pub fn refund_rule_schema() -> serde_json::Value {
    without_examples(schemars::schema_for!(crate::review::refund::RefundRule).to_value())
}

/// The JSON Schema of a [`crate::Dossier`] file.
///
/// ```
/// assert_eq!(fee_core::dossier_schema()["title"], "Dossier");
/// ```
pub fn dossier_schema() -> serde_json::Value {
    without_examples(schemars::schema_for!(crate::review::dossier::Dossier).to_value())
}

/// The JSON Schema of a district sample file ([`crate::DistrictSample`]).
///
/// ```
/// let s = fee_core::district_sample_schema();
/// assert_eq!(s["title"], "DistrictSample");
/// ```
pub fn district_sample_schema() -> serde_json::Value {
    without_examples(schemars::schema_for!(crate::planning::district::DistrictSample).to_value())
}

/// The JSON Schema of a district result ([`crate::DistrictResult`]).
///
/// ```
/// let s = fee_core::district_result_schema();
/// assert_eq!(s["title"], "DistrictResult");
/// ```
pub fn district_result_schema() -> serde_json::Value {
    without_examples(schemars::schema_for!(crate::planning::district::DistrictResult).to_value())
}
