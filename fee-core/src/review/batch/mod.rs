//! Batch review: many proposals from CSV (or xlsx), every check run, every row given an outcome.
//!
//! The layout is one row per fee item; the columns are documented in `docs/batch-format.md`
//! and shown in `samples/proposals.csv`. Rows of one institution are consecutive; its
//! institution-level columns are read from its first row. Rows stream through: memory grows
//! with the rows of one institution and by a 16-byte fingerprint per institution already
//! checked, not with the number of rows.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::foundations::finding::{Finding, Message};

mod check;
mod columns;
mod read;
#[cfg(test)]
mod tests;
mod write;
pub use check::BatchChecker;
pub use read::check_csv;
pub use read::check_csv_single_threaded;
#[cfg(feature = "xlsx")]
pub use read::check_xlsx;
pub use write::{
    csv_cell, findings_column_names, findings_csv_fields, findings_fields, findings_fields_in, write_findings_csv,
    FINDINGS_COLUMNS,
};
#[cfg(feature = "xlsx")]
pub use write::{findings_xlsx, xlsx_room, FindingsWorkbook};

/// The columns, in the order of the sample file. Their meaning is in `docs/batch-format.md`.
pub const COLUMNS: [&str; 18] = [
    "institution",
    "institution_type",
    "inclusive",
    "item",
    "class_type",
    "service_form",
    "amount",
    "unit",
    "standard",
    "items_published",
    "service_content",
    "refund_rules",
    "agreement_signed",
    "displayed_at_premises",
    "reference_low",
    "reference_high",
    "approved_net_cost",
    "meal_cost",
];

/// Columns that may be left empty.
const OPTIONAL: [&str; 4] = ["reference_low", "reference_high", "approved_net_cost", "meal_cost"];

/// What happened to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    /// Read and checked; nothing more serious than a note.
    Passed,
    /// Read and checked; warnings or violations.
    Findings,
    /// Could not be read.
    Rejected,
}

/// One line of the findings output: a row and one thing about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BatchLine {
    /// Row number in the file (the header is row 1).
    pub row: usize,
    /// Institution name as given.
    pub institution: Arc<str>,
    /// Fee item as given.
    pub item: Arc<str>,
    /// The row's outcome.
    pub outcome: RowOutcome,
    /// The finding (for rows with findings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<Arc<Finding>>,
    /// For a rejected row: the column at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// For a rejected row: the reason, in Chinese and in English (boxed: most lines have none,
    /// and every line is moved to the output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Box<Message>>,
}

/// The counts of a batch. `rows_read = rows_passed + rows_with_findings + rows_rejected` always.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BatchSummary {
    /// Data rows read.
    pub rows_read: usize,
    /// Rows that passed.
    pub rows_passed: usize,
    /// Rows with warnings or violations.
    pub rows_with_findings: usize,
    /// Rows that could not be read.
    pub rows_rejected: usize,
    /// Institutions checked.
    pub institutions: usize,
}
