//! Effects: storage, the URL fragment, warming the sensitivity grid, the input an error names, the
//! batch page's outcome kept for the session.

mod use_field_input;
mod use_hash_route;
mod use_kept;
mod use_persist;

pub use use_field_input::use_field_input;
pub use use_hash_route::use_hash_route;
pub use use_kept::{use_kept, UseKeptHandle};
pub use use_persist::{keep_aside, move_saved_first, save_district, stored_district, use_persist};
