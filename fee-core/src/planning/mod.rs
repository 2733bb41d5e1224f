//! Planning: what-if work over the rules. Sensitivity (tornado, grid, thresholds) and the
//! fiscal plan for the slot targets (budgets, the 街乡 split, the fee-versus-budget curve).
//! Planning imports rules and foundations, never review.

pub(crate) mod district;
pub(crate) mod fiscal;
pub(crate) mod history;
pub(crate) mod reform;
pub(crate) mod sensitivity;
pub(crate) mod solve;
