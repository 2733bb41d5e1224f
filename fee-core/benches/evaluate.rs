//! Benchmarks: one full evaluation (with its f64 shadow, the price of exactness), the
//! 101 × 101 sensitivity grid, and batch review of 100,000 proposal rows against parsing alone.
//! Run: `cargo bench -p fee-core --bench evaluate`. Figures go to BENCHMARKS.md.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use fee_core::{
    evaluate, grid, GridAxis, IncomeBasis, ParameterSet, QualityTier, QuotaSubsidy, RentSubsidy, Scenario,
    SensitivityInput,
};
use rust_decimal::Decimal;

fn sample() -> Scenario {
    let mut s = Scenario::example();
    s.offsets.quota_subsidy = Some(QuotaSubsidy::Tier { tier: QualityTier::SecondOrThird });
    s.offsets.rent_subsidy = Some(RentSubsidy::PerMonth { amount: Decimal::from(5000) });
    s
}

/// The same formula as `evaluate` for the sample, in binary floating point, without checks,
/// parameters or trace: only here, to price exactness. Returns the guided fee.
#[allow(clippy::too_many_arguments)]
fn f64_shadow(
    classes: &[(f64, f64, f64)], // (classes, children per class, children per carer)
    carer_wage: f64,
    staff: &[(f64, f64)],
    si: f64,
    hf: f64,
    rent: f64,
    depreciation: f64,
    utilities: f64,
    per_child: f64,
    per_site: f64,
    occupancy: f64,
    months: f64,
    quota: f64,
    rent_subsidy: f64,
    income: f64,
    ratio: f64,
) -> f64 {
    let mut slots = 0.0;
    let mut carers = 0.0;
    for (n, size, ratio) in classes {
        slots += n * size;
        carers += n * (size / ratio).ceil();
    }
    let wages = carers * carer_wage * 12.0 + staff.iter().map(|(c, w)| c * w * 12.0).sum::<f64>();
    let enrolment = slots * occupancy;
    let total = wages * (1.0 + si + hf)
        + rent * 12.0
        + depreciation
        + utilities * 12.0
        + per_child * enrolment * 12.0
        + per_site * 12.0;
    let child_months = enrolment * months;
    let net = (total - quota * child_months - rent_subsidy * 12.0).max(0.0) / child_months;
    let cap = (ratio * income * 100.0).round() / 100.0;
    net.round().min(cap.floor())
}

#[path = "support/proposals.rs"]
mod proposals;
use proposals::proposals_csv;

fn bench_evaluate(c: &mut Criterion) {
    let set = ParameterSet::chaoyang().unwrap();
    let s = sample();
    let e = evaluate(&s, set).unwrap();
    let shadow = || {
        f64_shadow(
            black_box(&[(1.0, 15.0, 5.0), (2.0, 20.0, 7.0)]),
            black_box(6000.0),
            black_box(&[(1.0, 6000.0), (1.0, 5000.0), (1.0, 8000.0)]),
            0.25,
            0.12,
            30000.0,
            30000.0,
            2000.0 * 0.49,
            100.0,
            3000.0,
            black_box(0.9),
            12.0,
            700.0,
            5000.0,
            15655.0,
            0.2,
        )
    };
    // The shadow is only a fair comparison if it computes the same fee.
    assert_eq!(Decimal::try_from(shadow()).unwrap(), e.fee.guided_fee.unwrap());
    let mut g = c.benchmark_group("evaluate");
    g.bench_function("exact_with_trace", |b| b.iter(|| evaluate(black_box(&s), set).unwrap()));
    g.bench_function("exact_quiet", |b| b.iter(|| fee_core::evaluate_quiet(black_box(&s), set).unwrap()));
    g.bench_function("f64_shadow", |b| b.iter(shadow));
    g.finish();
}

fn bench_grid(c: &mut Criterion) {
    let set = ParameterSet::chaoyang().unwrap();
    let s = sample();
    let x = GridAxis::spread(SensitivityInput::Occupancy, Decimal::new(3, 1), 101).unwrap();
    let y = GridAxis::spread(SensitivityInput::CarerWage, Decimal::new(3, 1), 101).unwrap();
    let mut g = c.benchmark_group("grid");
    g.sample_size(10);
    g.bench_function("101x101", |b| b.iter(|| grid(black_box(&s), set, &x, &y).unwrap()));
    g.finish();
}

fn bench_batch(c: &mut Criterion) {
    let set = ParameterSet::chaoyang().unwrap();
    let data = proposals_csv(100_000);
    let income = IncomeBasis::District { year: 2022 };
    let date = "2024-06-01".parse().unwrap();
    let mut g = c.benchmark_group("batch_100k");
    g.sample_size(10);
    g.throughput(Throughput::Elements(100_000));
    // Reading only, one record read into again and again.
    g.bench_function("parse_only", |b| {
        b.iter(|| {
            let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(data.as_slice());
            let mut record = csv::ByteRecord::new();
            let mut n = 0usize;
            while rdr.read_byte_record(&mut record).unwrap() {
                n += 1;
            }
            n
        })
    });
    // The same with UTF-8 checked (string records): what any checker of text must do.
    g.bench_function("parse_only_utf8", |b| {
        b.iter(|| {
            let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(data.as_slice());
            let mut record = csv::StringRecord::new();
            let mut n = 0usize;
            while rdr.read_record(&mut record).unwrap() {
                n += 1;
            }
            n
        })
    });
    g.bench_function("check", |b| {
        b.iter(|| {
            let mut n = 0usize;
            fee_core::check_csv(data.as_slice(), set, date, &income, &mut |_| n += 1, &mut |_| {}).unwrap();
            n
        })
    });
    // The same on one thread (as in the browser, which has no second one).
    g.bench_function("check_one_thread", |b| {
        b.iter(|| {
            let mut n = 0usize;
            fee_core::check_csv_single_threaded(data.as_slice(), set, date, &income, &mut |_| n += 1, &mut |_| {})
                .unwrap();
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench_evaluate, bench_grid, bench_batch);
criterion_main!(benches);
