//! JSON Schemas of the file formats, generated from the types.

/// The JSON Schema of a [`crate::Scenario`] file.
///
/// ```
/// let s = fee_core::scenario_schema();
/// assert_eq!(s["title"], "Scenario");
/// ```
pub fn scenario_schema() -> serde_json::Value {
    schemars::schema_for!(crate::Scenario).to_value()
}

/// The JSON Schema of an [`crate::Evaluation`].
///
/// ```
/// assert_eq!(fee_core::evaluation_schema()["title"], "Evaluation");
/// ```
pub fn evaluation_schema() -> serde_json::Value {
    schemars::schema_for!(crate::Evaluation).to_value()
}

/// The JSON Schema of a [`crate::ParameterSet`] file.
///
/// ```
/// assert_eq!(fee_core::parameter_set_schema()["title"], "ParameterSet");
/// ```
pub fn parameter_set_schema() -> serde_json::Value {
    schemars::schema_for!(crate::ParameterSet).to_value()
}
