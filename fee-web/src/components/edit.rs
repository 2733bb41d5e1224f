//! Callbacks that edit the draft scenario, the check page's inputs and the other pages' stored
//! inputs through the reducer.

use std::rc::Rc;

use fee_core::{FeeSchedule, RefundInput, Scenario};
use web_sys::HtmlInputElement;
use yew::{Callback, Event, TargetCast};

use crate::state::{Action, AppState, Change, CheckDraft};
use crate::store::{update_form, StoredForm};

/// A callback that applies `f` with the emitted value to the draft.
pub fn edit<T: 'static>(state: &AppState, f: impl Fn(&mut Scenario, T) + 'static) -> Callback<T> {
    through(state, f, send)
}

/// A callback that applies `f` to the draft, ignoring what was emitted.
pub fn act<E: 'static>(state: &AppState, f: impl Fn(&mut Scenario) + 'static) -> Callback<E> {
    through(state, move |s, _: E| f(s), send)
}

/// A callback that applies `f` with the emitted value to the check page's fee schedule.
pub fn edit_schedule<T: 'static>(state: &AppState, f: impl Fn(&mut FeeSchedule, T) + 'static) -> Callback<T> {
    through(state, move |c: &mut CheckDraft, v| f(&mut c.schedule, v), send_check)
}

/// A callback that applies `f` with the emitted value to the refund calculator's month.
pub fn edit_month<T: 'static>(state: &AppState, f: impl Fn(&mut RefundInput, T) + 'static) -> Callback<T> {
    through(state, move |c: &mut CheckDraft, v| f(&mut c.month, v), send_check)
}

/// A callback that applies `f` with the emitted value to a page's stored inputs (`F`): to
/// them as stored when the change arrives, as the draft's edits are.
pub fn edit_form<F: StoredForm + 'static, T: 'static>(state: &AppState, f: fn(&mut F, T)) -> Callback<T> {
    through(state, move |forms: &mut Vec<Vec<String>>, v| update_form(forms, |stored: &mut F| f(stored, v)), send_forms)
}

/// Whether the checkbox a change event came from is ticked.
pub fn checked(e: Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// A callback whose value `f` applies, through the reducer, to what `send` changes: to it as
/// it is when the change arrives, so two quick edits both land.
fn through<S: 'static, T: 'static>(
    state: &AppState,
    f: impl Fn(&mut S, T) + 'static,
    send: fn(&AppState, Change<S>),
) -> Callback<T> {
    let state = state.clone();
    let f = Rc::new(f);
    Callback::from(move |v: T| {
        let f = f.clone();
        send(&state, Box::new(move |s: &mut S| f(s, v)));
    })
}

/// Sends an edit of the draft to the reducer: one copy of this for every field's callback,
/// which are many (each `edit` and `act` above is compiled once per field).
#[inline(never)]
fn send(state: &AppState, change: Change<Scenario>) {
    state.dispatch(Action::Edit(change));
}

/// Sends a change of the check page's inputs to the reducer (one copy, as [`send`]).
#[inline(never)]
fn send_check(state: &AppState, change: Change<CheckDraft>) {
    state.dispatch(Action::EditCheck(change));
}

/// Sends a change of the pages' stored inputs to the reducer (one copy, as [`send`]).
#[inline(never)]
fn send_forms(state: &AppState, change: Change<Vec<Vec<String>>>) {
    state.dispatch(Action::EditForms(change));
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
