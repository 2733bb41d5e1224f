//! Computes the 101 × 101 occupancy × carer-wage grid of the bench many times, for an
//! instruction-count profile: `valgrind --tool=callgrind target/release/examples/profile_grid`.

use fee_core::{grid, GridAxis, ParameterSet, Scenario, SensitivityInput};
use rust_decimal::Decimal;

fn main() {
    let set = ParameterSet::chaoyang().unwrap_or_else(|e| panic!("{e}"));
    let s = Scenario::example();
    let axis = |input| GridAxis::spread(input, Decimal::new(3, 1), 101).unwrap_or_else(|e| panic!("{e}"));
    let (x, y) = (axis(SensitivityInput::Occupancy), axis(SensitivityInput::CarerWage));
    // `ITERS` sets the count (5 suits callgrind).
    let iters: u32 = std::env::var("ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    let mut passing = 0usize;
    let mut times = Vec::new();
    for _ in 0..iters {
        let t0 = std::time::Instant::now();
        let g = grid(&s, set, &x, &y).unwrap_or_else(|e| panic!("{e}"));
        times.push(t0.elapsed().as_micros());
        passing += g.passes.iter().flatten().filter(|p| **p).count();
    }
    eprintln!("grid µs, in order: {times:?}");
    println!("{passing}");
}
