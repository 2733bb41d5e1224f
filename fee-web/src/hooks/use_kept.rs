//! A page's state kept for the session (a worker page's markup): like `use_state`, but
//! what was set outlives the page, so going to another page and back finds it as it was.

use std::any::Any;
use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

use yew::prelude::*;

thread_local! {
    /// The last value set under each key, for the next time its page is shown (a list: there
    /// are a dozen keys, and a map's hashing would cost the page more than it saves).
    static KEPT: RefCell<Vec<(&'static str, Rc<dyn Any>)>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `value` under `key` (one compiled copy for every type kept).
#[inline(never)]
fn keep(key: &'static str, value: Rc<dyn Any>) {
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        match k.iter_mut().find(|(x, _)| *x == key) {
            Some(slot) => slot.1 = value,
            None => k.push((key, value)),
        }
    });
}

/// What was kept under `key`, if anything.
#[inline(never)]
fn kept(key: &'static str) -> Option<Rc<dyn Any>> {
    KEPT.with(|k| k.borrow().iter().find(|(x, _)| *x == key).map(|(_, v)| v.clone()))
}

/// A state handle whose value is also kept under its key.
pub struct UseKeptHandle<T> {
    key: &'static str,
    inner: UseStateHandle<T>,
}

impl<T> Clone for UseKeptHandle<T> {
    fn clone(&self) -> Self {
        UseKeptHandle { key: self.key, inner: self.inner.clone() }
    }
}

impl<T: Clone + 'static> UseKeptHandle<T> {
    /// Sets the value, and keeps it for the next time the page is shown.
    pub fn set(&self, value: T) {
        keep(self.key, Rc::new(value.clone()));
        self.inner.set(value);
    }
}

impl<T> Deref for UseKeptHandle<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.inner
    }
}

/// `use_state` whose value outlives the component: it starts from what was last set under
/// `key` in this session, else from `init`.
#[hook]
pub fn use_kept<T, F>(key: &'static str, init: F) -> UseKeptHandle<T>
where
    T: Clone + 'static,
    F: FnOnce() -> T,
{
    let inner = use_state(move || kept(key).and_then(|v| v.downcast_ref::<T>().cloned()).unwrap_or_else(init));
    UseKeptHandle { key, inner }
}
