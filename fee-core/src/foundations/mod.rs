//! Foundations: what every rule stands on and no rule decides. Exact arithmetic and named
//! rounding, reading what people type and send, dates, errors, the trace, findings and the
//! dated parameter sets. Nothing here imports a rule.

pub(crate) mod date;
pub(crate) mod digest;
pub(crate) mod error;
pub(crate) mod finding;
pub(crate) mod input;
pub(crate) mod money;
pub(crate) mod parameters;
pub(crate) mod report;
pub(crate) mod trace;
