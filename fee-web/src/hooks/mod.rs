//! Effects: storage, the URL fragment.

mod use_hash_route;
mod use_persist;

pub use use_hash_route::use_hash_route;
pub use use_persist::{disable_saving, use_persist};
