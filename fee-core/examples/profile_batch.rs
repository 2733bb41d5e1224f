//! Checks the bench's 100,000 generated proposal rows five times, for a profile:
//! `perf record target/release/examples/profile_batch` or
//! `valgrind --tool=callgrind target/release/examples/profile_batch`.

#[path = "../benches/support/proposals.rs"]
mod proposals;

fn main() {
    let set = fee_core::ParameterSet::chaoyang().unwrap_or_else(|e| panic!("{e}"));
    let csv = proposals::proposals_csv(100_000);
    let date = "2024-06-01".parse().unwrap_or_else(|e| panic!("{e}"));
    // `ITERS` sets the count (10 by default; 1 or 2 suit callgrind).
    let iters: u32 = std::env::var("ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    // `--one-thread` checks as the browser does, reading on the same thread.
    let one_thread = std::env::args().any(|a| a == "--one-thread");
    let income = fee_core::IncomeBasis::District { year: 2022 };
    for _ in 0..iters {
        let mut lines = 0usize;
        let mut count = |_: fee_core::BatchLine| lines += 1;
        let s = if one_thread {
            fee_core::check_csv_single_threaded(csv.as_slice(), set, date, &income, &mut count, &mut |_| {})
        } else {
            fee_core::check_csv(csv.as_slice(), set, date, &income, &mut count, &mut |_| {})
        };
        println!("{s:?} {lines}");
    }
}
