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
    for _ in 0..iters {
        let mut lines = 0usize;
        let s = fee_core::check_csv(
            csv.as_slice(),
            set,
            date,
            &fee_core::IncomeBasis::District { year: 2022 },
            &mut |_| lines += 1,
            &mut |_| {},
        );
        println!("{s:?} {lines}");
    }
}
