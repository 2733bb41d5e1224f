//! Callbacks that edit the draft scenario through the reducer.

use std::rc::Rc;

use fee_core::Scenario;
use yew::Callback;

use crate::state::{Action, AppState};

/// A callback that applies `f` with the emitted value to the draft.
pub fn edit<T: Clone + 'static>(state: &AppState, f: impl Fn(&mut Scenario, T) + 'static) -> Callback<T> {
    let state = state.clone();
    let f = Rc::new(f);
    Callback::from(move |v: T| {
        let f = f.clone();
        send(&state, Rc::new(move |s: &mut Scenario| f(s, v.clone())));
    })
}

/// A callback that applies `f` to the draft, ignoring what was emitted.
pub fn act<E: 'static>(state: &AppState, f: impl Fn(&mut Scenario) + 'static) -> Callback<E> {
    let state = state.clone();
    let f = Rc::new(f);
    Callback::from(move |_: E| {
        let f = f.clone();
        send(&state, Rc::new(move |s: &mut Scenario| f(s)));
    })
}

/// Sends an edit to the reducer: one copy of this for every field's callback, which are many
/// (each `edit` and `act` above is compiled once per field).
#[inline(never)]
fn send(state: &AppState, change: Rc<dyn Fn(&mut Scenario)>) {
    state.dispatch(Action::Edit(change));
}
