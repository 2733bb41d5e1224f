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

/// The SHA-256 of bytes as given (a proposals file), hexadecimal.
///
/// ```
/// // The digest of nothing, as every SHA-256 implementation gives it.
/// assert!(fee_core::sha256_hex(b"").starts_with("e3b0c44298fc1c14"));
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// What a batch review's outputs record of where they came from: the program, the parameter
/// set (id, version and the SHA-256 of its content) and the SHA-256 of the proposals file,
/// as key and value rows.
///
/// # Errors
///
/// Only if the set cannot be written as JSON.
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let rows = fee_core::batch_provenance(set, b"institution\n")?;
/// assert_eq!(rows[0], ("program", fee_core::PROGRAM.to_string()));
/// assert_eq!(rows[1].1, "cn-bj-chaoyang 2024.1");
/// assert_eq!(rows[3].1, fee_core::sha256_hex(b"institution\n"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn batch_provenance(set: &ParameterSet, input: &[u8]) -> Result<Vec<(&'static str, String)>, FeeError> {
    Ok(vec![
        ("program", PROGRAM.to_string()),
        ("parameter_set", format!("{} {}", set.id, set.version)),
        ("parameter_set_sha256", parameter_set_digest(set)?),
        ("input_sha256", sha256_hex(input)),
    ])
}
