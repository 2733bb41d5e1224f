//! Review: what a price bureau checks of a fee someone else proposed or set. Fee schedules
//! and their checks, batch review of many proposals, refunds, approval routing and the
//! pricing procedure. Review imports rules and foundations, never planning.

pub(crate) mod approval;
#[cfg(feature = "batch")]
pub(crate) mod batch;
pub(crate) mod checks;
pub(crate) mod dossier;
pub(crate) mod refund;
pub(crate) mod report;
pub(crate) mod schedule;
