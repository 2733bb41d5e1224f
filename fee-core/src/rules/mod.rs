//! Rules: the pricing rules of the Chaoyang plan (朝政办字〔2024〕1号 §二(二)) for one
//! institution. The fee cap, class standards, the cost model, government-input offsets, the
//! guided or negotiated fee, and `evaluate`, which runs them in order. Rules import only
//! foundations and each other.

pub(crate) mod cap;
pub(crate) mod classes;
pub(crate) mod cost;
pub(crate) mod fee;
pub(crate) mod offsets;
pub(crate) mod scenario;
