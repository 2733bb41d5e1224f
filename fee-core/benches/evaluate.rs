//! Benchmarks: one full evaluation (with shadows of its formula in f64, the price of exactness,
//! and in unchecked decimals, the price of the engine around the arithmetic), the
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

/// The arithmetic a shadow of the formula needs, for binary floating point and for decimals.
trait Number:
    Copy
    + PartialOrd
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
{
    fn whole(n: i64) -> Self;
    fn ceil(self) -> Self;
    fn floor(self) -> Self;
    /// Rounded half away from zero to `places` decimal places.
    fn round_to(self, places: u32) -> Self;
}

impl Number for f64 {
    fn whole(n: i64) -> Self {
        n as f64
    }
    fn ceil(self) -> Self {
        f64::ceil(self)
    }
    fn floor(self) -> Self {
        f64::floor(self)
    }
    fn round_to(self, places: u32) -> Self {
        let scale = 10f64.powi(places as i32);
        (self * scale).round() / scale
    }
}

impl Number for Decimal {
    fn whole(n: i64) -> Self {
        Decimal::from(n)
    }
    fn ceil(self) -> Self {
        Decimal::ceil(&self)
    }
    fn floor(self) -> Self {
        Decimal::floor(&self)
    }
    fn round_to(self, places: u32) -> Self {
        self.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    }
}

/// The sample's inputs to the shadow formula.
struct ShadowInputs<T> {
    classes: [(T, T, T); 2], // (classes, children per class, children per carer)
    carer_wage: T,
    staff: [(T, T); 3],
    social_insurance: T,
    housing_fund: T,
    rent: T,
    depreciation: T,
    utilities: T,
    per_child: T,
    per_site: T,
    occupancy: T,
    months: T,
    quota: T,
    rent_subsidy: T,
    income: T,
    ratio: T,
}

impl<T: Number> ShadowInputs<T> {
    /// The sample scenario's values (`parse` makes each from its decimal text).
    fn sample(parse: impl Fn(&str) -> T) -> Self {
        ShadowInputs {
            classes: [(parse("1"), parse("15"), parse("5")), (parse("2"), parse("20"), parse("7"))],
            carer_wage: parse("6000"),
            staff: [(parse("1"), parse("6000")), (parse("1"), parse("5000")), (parse("1"), parse("8000"))],
            social_insurance: parse("0.25"),
            housing_fund: parse("0.12"),
            rent: parse("30000"),
            depreciation: parse("30000"),
            utilities: parse("980"),
            per_child: parse("100"),
            per_site: parse("3000"),
            occupancy: parse("0.9"),
            months: parse("12"),
            quota: parse("700"),
            rent_subsidy: parse("5000"),
            income: parse("15655"),
            ratio: parse("0.2"),
        }
    }
}

/// The same formula as `evaluate` for the sample, without checks, parameters or trace: only
/// here, to price exactness (in `f64`) and the engine around the arithmetic (in `Decimal`,
/// with its unchecked operators). Returns the guided fee.
fn shadow<T: Number>(x: &ShadowInputs<T>) -> T {
    let (zero, twelve) = (T::whole(0), T::whole(12));
    let mut slots = zero;
    let mut carers = zero;
    for (n, size, ratio) in x.classes {
        slots = slots + n * size;
        carers = carers + n * (size / ratio).ceil();
    }
    let mut wages = carers * x.carer_wage * twelve;
    for (count, wage) in x.staff {
        wages = wages + count * wage * twelve;
    }
    let enrolment = slots * x.occupancy;
    let total = wages * (T::whole(1) + x.social_insurance + x.housing_fund)
        + x.rent * twelve
        + x.depreciation
        + x.utilities * twelve
        + x.per_child * enrolment * twelve
        + x.per_site * twelve;
    let child_months = enrolment * x.months;
    let mut net = total - x.quota * child_months - x.rent_subsidy * twelve;
    if net < zero {
        net = zero;
    }
    let net = net / child_months;
    let cap = (x.ratio * x.income).round_to(2);
    let (fee, cap) = (net.round_to(0), cap.floor());
    if fee < cap {
        fee
    } else {
        cap
    }
}

#[path = "support/proposals.rs"]
mod proposals;
use proposals::proposals_csv;

fn bench_evaluate(c: &mut Criterion) {
    let set = ParameterSet::chaoyang().unwrap();
    let s = sample();
    let e = evaluate(&s, set).unwrap();
    let floats = ShadowInputs::<f64>::sample(|v| v.parse().unwrap());
    let decimals = ShadowInputs::<Decimal>::sample(|v| v.parse().unwrap());
    // Either shadow is only a fair comparison if it computes the same fee.
    assert_eq!(Decimal::try_from(shadow(&floats)).unwrap(), e.fee.guided_fee.unwrap());
    assert_eq!(shadow(&decimals), e.fee.guided_fee.unwrap());
    let mut g = c.benchmark_group("evaluate");
    g.bench_function("exact_with_trace", |b| b.iter(|| evaluate(black_box(&s), set).unwrap()));
    g.bench_function("exact_quiet", |b| b.iter(|| fee_core::evaluate_quiet(black_box(&s), set).unwrap()));
    g.bench_function("f64_shadow", |b| b.iter(|| shadow(black_box(&floats))));
    g.bench_function("decimal_shadow", |b| b.iter(|| shadow(black_box(&decimals))));
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
