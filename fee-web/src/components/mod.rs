//! One component per file.

pub mod cap_page;
pub mod charts;
pub mod check_page;
pub mod cost_page;
pub mod edit;
pub mod error_note;
pub mod field;
pub mod findings;
pub mod fiscal_page;
pub mod params_page;
pub mod procedure;
pub mod result_bar;
pub mod scenarios_page;
pub mod sensitivity_page;
pub mod solve_section;
pub mod why;
pub mod worker_page;
