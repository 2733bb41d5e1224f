//! Callbacks that edit the draft scenario through the reducer.

use std::rc::Rc;

use fee_core::{FeeSchedule, RefundInput, Scenario};
use yew::Callback;

use crate::state::{Action, AppState, CheckDraft};

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

/// A callback that applies `f` with the emitted value to the check page's fee schedule, as
/// it is when the change arrives (two quick edits both land).
pub fn edit_schedule<T: 'static>(state: &AppState, f: impl Fn(&mut FeeSchedule, T) + 'static) -> Callback<T> {
    edit_check(state, move |c, v| f(&mut c.schedule, v))
}

/// A callback that applies `f` with the emitted value to the refund calculator's month.
pub fn edit_month<T: 'static>(state: &AppState, f: impl Fn(&mut RefundInput, T) + 'static) -> Callback<T> {
    edit_check(state, move |c, v| f(&mut c.month, v))
}

fn edit_check<T: 'static>(state: &AppState, f: impl Fn(&mut CheckDraft, T) + 'static) -> Callback<T> {
    let state = state.clone();
    let f = Rc::new(f);
    Callback::from(move |v: T| {
        let f = f.clone();
        send_check(&state, Box::new(move |c: &mut CheckDraft| f(c, v)));
    })
}

/// Sends a change of the check page's inputs to the reducer (one copy, as [`send`]).
#[inline(never)]
fn send_check(state: &AppState, change: Box<dyn FnOnce(&mut CheckDraft)>) {
    state.dispatch(Action::EditCheck(change));
}

/// Sends an edit to the reducer: one copy of this for every field's callback, which are many
/// (each `edit` and `act` above is compiled once per field).
#[inline(never)]
fn send(state: &AppState, change: Rc<dyn Fn(&mut Scenario)>) {
    state.dispatch(Action::Edit(change));
}

/// Applies `f` to row `i` of `rows` if the row is still there. A row's callbacks keep its
/// index from when it was drawn; an event that reaches one after the row was removed (a quick
/// second click, a draft replaced from another tab) changes nothing rather than panicking.
pub fn at<T>(rows: &mut [T], i: usize, f: impl FnOnce(&mut T)) {
    if let Some(row) = rows.get_mut(i) {
        f(row);
    }
}

/// Removes row `i` of `rows` if it is still there (see [`at`]).
pub fn remove_at<T>(rows: &mut Vec<T>, i: usize) {
    if i < rows.len() {
        rows.remove(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stale index, as from a second click on a row already removed, changes nothing.
    #[test]
    fn an_event_for_a_row_already_removed_changes_nothing() {
        let mut s = Scenario::example();
        let n = s.cost.staff.len();
        assert!(n >= 2, "the example has staff lines to remove");
        // Two clicks on the last line's remove button: the first removes it, the second finds
        // no line at that index any more.
        remove_at(&mut s.cost.staff, n - 1);
        remove_at(&mut s.cost.staff, n - 1);
        assert_eq!(s.cost.staff.len(), n - 1);
        let before = s.clone();
        at(&mut s.cost.staff, n - 1, |x| x.count = rust_decimal::Decimal::TEN);
        assert_eq!(s, before);
        at(&mut s.cost.staff, 0, |x| x.count = rust_decimal::Decimal::TEN);
        assert_eq!(s.cost.staff[0].count, rust_decimal::Decimal::TEN);
    }
}
