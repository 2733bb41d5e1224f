//! Computes the page's largest sensitivity grid twice, unseen, just after the sensitivity page
//! opens.
//!
//! Browsers first run WebAssembly from a quickly compiled baseline and optimize a function
//! only after it has run for a while. The first 101 × 101 grid on a fresh page took p50
//! 7–16 ms and up to 25 ms (over a frame) in baseline code, the third 3 ms, optimized. So the
//! page runs the grid path while the user is still reading it, and the first large grid they
//! ask for runs optimized code (p50 3.5–4.8 ms when asked for a second after the page showed).
//! The results are dropped; nothing is shown or stored. BENCHMARKS.md has the measurements.

use std::sync::atomic::{AtomicBool, Ordering};

use fee_core::{grid, GridAxis, SensitivityInput};
use gloo::timers::callback::Timeout;
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::state::AppState;

/// Once per page load is enough: optimized code stays for the life of the page.
static WARMED: AtomicBool = AtomicBool::new(false);

/// Points per axis of the warm-up grid: the page's largest grid.
const POINTS: u32 = 101;

/// Grids computed: after two, the third ran optimized code in every measurement.
const RUNS: usize = 2;

/// Schedules the warm-up, on the scenario being edited, after the page's first render: each
/// grid is a task of its own (a timer of 0 ms runs after the render), so a keystroke waits
/// for one grid at most.
#[hook]
pub fn use_grid_warm_up(state: AppState) {
    use_effect_with((), move |_| {
        let timers: Vec<Timeout> = if WARMED.load(Ordering::Relaxed) {
            Vec::new()
        } else {
            (0..RUNS)
                .map(|_| {
                    let state = state.clone();
                    Timeout::new(0, move || {
                        WARMED.store(true, Ordering::Relaxed);
                        let axis = |input| GridAxis::spread(input, Decimal::new(3, 1), POINTS);
                        if let (Ok(x), Ok(y)) = (axis(SensitivityInput::Occupancy), axis(SensitivityInput::CarerWage)) {
                            // A scenario the grid cannot evaluate warms nothing, and shows nothing either.
                            let _ = grid(&state.draft, &state.params, &x, &y);
                        }
                    })
                })
                .collect()
        };
        // Leaving the page first cancels what has not run; if nothing ran, the next visit warms.
        move || drop(timers)
    });
}
