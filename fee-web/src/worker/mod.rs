//! What the batch worker does for the pages it draws: the batch review, the district pricing,
//! the audit page and the cost page's backward solve.

pub mod audit;

pub mod batch;
pub mod district;
