//! Evaluates the sample scenario many times, for an instruction-count profile:
//! `valgrind --tool=callgrind target/release/examples/profile_evaluate`.

fn main() {
    let set = fee_core::ParameterSet::chaoyang().unwrap_or_else(|e| panic!("{e}"));
    let mut s = fee_core::Scenario::example();
    // The scenario of `benches/evaluate.rs`.
    s.offsets.quota_subsidy = Some(fee_core::QuotaSubsidy::Tier { tier: fee_core::QualityTier::SecondOrThird });
    s.offsets.rent_subsidy = Some(fee_core::RentSubsidy::PerMonth { amount: rust_decimal::Decimal::from(5000) });
    let quiet = std::env::args().any(|a| a == "--quiet");
    let mut total = rust_decimal::Decimal::ZERO;
    // `ITERS` sets the count (2000 suits callgrind; use millions for a sampling profiler).
    let iters: u32 = std::env::var("ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
    for _ in 0..iters {
        let e = if quiet { fee_core::evaluate_quiet(&s, set) } else { fee_core::evaluate(&s, set) };
        total += e.map(|e| e.fee.cost_based_fee).unwrap_or_default();
    }
    println!("{total}");
}
