//! What the batch worker does for the pages it draws: the batch review and the district pricing.

pub mod batch;
pub mod district;
