//! The app context: the reducer handle every page reads and dispatches to. The shell
//! (`app.rs`) provides it; pages and widgets take it from here, so nothing imports the shell.

use yew::prelude::*;

use crate::state::AppState;

/// The app state from context (every page is inside the provider).
#[hook]
pub fn use_app() -> AppState {
    use_context::<AppState>().unwrap_or_else(|| unreachable!("pages render inside the provider"))
}
