//! Messages between the page and the batch worker. The worker holds the CSV and xlsx
//! readers and writers (csv, calamine, rust_xlsxwriter), the TOML and YAML readers of
//! parameter files, and the district pooling, so the page's first load stays small and a
//! large file never blocks the page; it starts on first use.
//!
//! Pages drawn by the worker: 批量审核 (batch review), 定价测算 (district pricing), 规则核查
//! (audit; its `sample` is the draft scenario as JSON) and the cost page's solve section.
//! The page sends the files it was given and what the user did (an element's `data-edit`,
//! its `data-id` and the values of its fields); the worker keeps what it read (the lines of
//! the last file checked and the view of them), applies the edit and answers with the page's
//! markup, or with a file to download. The district page holds its sample as JSON text it
//! never reads, and stores it. A file of 100,000 rows never crosses between the two in full.

use fee_core::{Date, IncomeBasis, Language, ParameterSet};
use serde::{Deserialize, Serialize};

/// The pages the worker draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerPage {
    Batch,
    District,
    /// 规则核查: sources, the clause map, case files, reform comparison, records, history.
    Audit,
    /// The cost page's backward solve.
    Solve,
    /// The fiscal page's results; its `sample` is the fiscal form's stored texts as JSON.
    Fiscal,
    /// The sensitivity page's results; its `sample` is the draft scenario and the sensitivity
    /// form's stored texts, as a JSON pair.
    Sensitivity,
    /// Not a page: the printed report of `sample` under `params` in `lang`, answered as an
    /// HTML file the page prints. `sample` is a scenario, a dossier with its procedure, or the
    /// check page's stored inputs (checked on `date` with `income`), as JSON.
    Print,
}

/// What the page asks; file bytes travel beside the JSON, not inside it.
// A request is built once and serialized at once; boxing its large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// The markup of `page` after reading the attached files (their names and byte lengths
    /// in order; none for an edit) and applying `edit`: what an element of the markup asked
    /// for, its `data-edit`, its `data-id`, then the values of its fields (empty: nothing
    /// changes, as when the page is shown again or its language changes). `sample` is the
    /// district page's stored sample (JSON text; empty for a new sample made on `date` with
    /// `income`). An edit that asks for a file is answered with [`Response::File`].
    Page {
        page: WorkerPage,
        sample: String,
        names: Vec<String>,
        lengths: Vec<usize>,
        edit: Vec<String>,
        params: ParameterSet,
        date: Date,
        income: IncomeBasis,
        lang: Language,
    },
    /// Read the parameter set in the attached text (TOML, or YAML when `yaml`), check it, and
    /// answer with it as JSON, which the page reads as it reads a JSON parameter file.
    ReadParameters { yaml: bool },
    /// A record of `input` (a scenario or a dossier, as JSON) evaluated under `params`, with the
    /// SHA-256 digests of the set, the input, the result and the program, offered as `name`.
    Record { input: String, params: ParameterSet, name: String },
    /// The scenarios page's saved work as one file: `saved` (the saved scenarios, JSON) and
    /// `draft` (the draft dossier, JSON) recorded under `params` with their digests, and every
    /// form's texts as entered.
    SaveWork { saved: String, draft: String, forms: Vec<Vec<String>>, params: ParameterSet },
    /// Read the attached import file (saved work, a record, saved scenarios, a dossier or a
    /// scenario), checking a saved work's digests under `params`.
    Import { params: ParameterSet },
}

/// What the worker answers; a file travels beside the JSON.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// The worker has started and listens; requests sent before this would be lost.
    Ready,
    /// Rows checked so far, of the total.
    Progress { done: usize, total: usize },
    /// A page's markup (every text escaped by the worker), and for the district page its
    /// sample to store (empty for the batch page).
    Page { sample: String, html: String },
    /// A file to offer for download, its bytes beside.
    File { name: String, mime: String },
    /// A parameter set read from TOML or YAML, as JSON.
    Parameters { json: String },
    /// An import read: saved scenarios (JSON), a draft dossier (JSON, empty for none), forms
    /// (each led by its tag), and a note on the file's digests in both languages (empty for none).
    Imported { saved: String, draft: String, forms: Vec<Vec<String>>, note_zh: String, note_en: String },
    /// The request could not be answered: why, in both languages.
    Failed { reason_zh: String, reason_en: String },
}

// This file is compiled into the page and into the worker; each uses a part of it.
#[allow(dead_code)]
impl Response {
    /// A failure in both languages.
    pub fn failed(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Response::Failed { reason_zh: zh.into(), reason_en: en.into() }
    }

    /// A failure for fee-core's error, in both languages.
    pub fn failed_with(e: &fee_core::FeeError) -> Self {
        Response::failed(e.message_zh(), e.to_string())
    }
}
