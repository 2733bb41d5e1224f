//! What changed between two parameter sets.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{DatedValue, ParameterSet};

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

impl ParameterSet {
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
