//! Messages between the page and the batch worker. The worker holds the CSV and xlsx
//! readers and writers (csv, calamine, rust_xlsxwriter), so the page's first load stays
//! small and a large file never blocks the page; it starts on the first batch.

use fee_core::{BatchLine, BatchSummary, Date, IncomeBasis, ParameterSet};
use serde::{Deserialize, Serialize};

/// Output formats of the findings.
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingsFormat {
    Csv,
    Xlsx,
}

/// What the page asks; file bytes travel beside the JSON, not inside it.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Check the proposals in the attached bytes (`xlsx` for a workbook, else CSV).
    Check { xlsx: bool, params: ParameterSet, date: Date, income: IncomeBasis },
    /// Write these findings as a file.
    Write { format: FindingsFormat, lines: Vec<BatchLine>, summary: BatchSummary },
}

/// What the worker answers; a written file travels beside the JSON.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Response {
    /// The worker has started and listens; requests sent before this would be lost.
    Ready,
    /// Rows checked so far, of the total.
    Progress {
        done: usize,
        total: usize,
    },
    Checked {
        lines: Vec<BatchLine>,
        summary: BatchSummary,
    },
    Written,
    Failed {
        reason: String,
    },
}
