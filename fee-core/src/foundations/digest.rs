//! SHA-256 digests of JSON content, and the program's name and version, for records that can
//! be traced to the rule set and program that made them.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::foundations::error::FeeError;
use crate::foundations::parameters::ParameterSet;

/// The program that made a record or report.
pub const PROGRAM: &str = concat!("fee-core ", env!("CARGO_PKG_VERSION"));

/// The SHA-256 of a JSON value as written (keys in order), hexadecimal.
pub(crate) fn sha256(value: &Value) -> Result<String, FeeError> {
    let bytes = serde_json::to_vec(value).map_err(|e| FeeError::invalid("record", "", e.to_string()))?;
    Ok(Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect())
}

/// The SHA-256 of a parameter set's content (its JSON), hexadecimal.
///
/// # Errors
///
/// Only if the set cannot be written as JSON.
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let digest = fee_core::parameter_set_digest(set)?;
/// assert_eq!(digest.len(), 64);
/// assert_eq!(digest, fee_core::parameter_set_digest(set)?);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn parameter_set_digest(set: &ParameterSet) -> Result<String, FeeError> {
    sha256(&serde_json::to_value(set).map_err(|e| FeeError::invalid("record", "", e.to_string()))?)
}
