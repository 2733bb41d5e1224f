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

/// Every figure `evaluate` returns for the sample, not only the fee: each cost line's annual
/// amount and share of the total, the totals, places, carers, enrolment, child-months, the cost
/// per child-month exact and rounded, each deduction a year and per child-month, the net cost,
/// the fixed and per-child parts, the fee, the cap and the indicators.
struct Figures<T> {
    lines: [T; 11],
    shares: [T; 11],
    totals: [T; 3],
    counts: [T; 5],
    per_child_month: [T; 2],
    offsets: [T; 4],
    net: [T; 2],
    economics: [T; 2],
    fee: [T; 4],
    indicators: [T; 2],
}

/// The same formula as `evaluate` for every figure it returns (see [`Figures`]), in bare
/// arithmetic: no validation, parameters, trace or result to build. The yardstick for the
/// engine's cost beyond its arithmetic.
fn full_shadow<T: Number>(x: &ShadowInputs<T>) -> Figures<T> {
    let (zero, twelve) = (T::whole(0), T::whole(12));
    let (mut slots, mut classes, mut carers) = (zero, zero, zero);
    for (n, size, ratio) in x.classes {
        slots = slots + n * size;
        classes = classes + n;
        carers = carers + n * (size / ratio).ceil();
    }
    let enrolment = slots * x.occupancy;
    let carer_wages = carers * x.carer_wage * twelve;
    let staff = x.staff.map(|(count, wage)| count * wage * twelve);
    let wages = carer_wages + staff[0] + staff[1] + staff[2];
    let per_child = x.per_child * enrolment * twelve;
    let lines = [
        carer_wages,
        staff[0],
        staff[1],
        staff[2],
        wages * x.social_insurance,
        wages * x.housing_fund,
        x.rent * twelve,
        x.depreciation,
        x.utilities * twelve,
        per_child,
        x.per_site * twelve,
    ];
    let mut total = zero;
    for l in lines {
        total = total + l;
    }
    let shares = lines.map(|l| (l / total).round_to(4));
    let child_months = enrolment * x.months;
    let cost_per_child_month = total / child_months;
    let quota = x.quota * child_months;
    let rent_subsidy = x.rent_subsidy * twelve;
    let deductions = quota + rent_subsidy;
    let mut net = total - deductions;
    if net < zero {
        net = zero;
    }
    let net_per_child_month = net / child_months;
    let fixed = total - per_child - rent_subsidy;
    let per_child_net = per_child / enrolment - x.quota * x.months;
    let cap = (x.ratio * x.income).round_to(2);
    let cost_based = net_per_child_month.round_to(0);
    let cap_in_fee_units = cap.floor();
    let guided = if cost_based < cap_in_fee_units { cost_based } else { cap_in_fee_units };
    let share_of_income = (guided / x.income).round_to(4);
    let break_even_enrolment = fixed / (guided * x.months - per_child_net);
    let break_even_occupancy = (break_even_enrolment / slots).round_to(4);
    Figures {
        lines,
        shares,
        totals: [total, total, per_child],
        counts: [slots, classes, carers, enrolment, child_months],
        per_child_month: [cost_per_child_month, cost_per_child_month.round_to(2)],
        offsets: [quota, x.quota, rent_subsidy, rent_subsidy / child_months],
        net: [net, net_per_child_month],
        economics: [fixed, per_child_net],
        fee: [cost_based, cap, cap_in_fee_units, guided],
        indicators: [share_of_income, break_even_occupancy],
    }
}

/// The full shadow computes exactly what `evaluate` returned, figure by figure.
fn assert_same_figures(f: &Figures<Decimal>, e: &fee_core::Evaluation) {
    let lines: Vec<Decimal> = e.cost.lines.iter().map(|l| l.approved_annual).collect();
    let shares: Vec<Decimal> = e.cost.lines.iter().map(|l| l.share).collect();
    assert_eq!(lines, f.lines);
    assert_eq!(shares, f.shares);
    assert_eq!([e.cost.total_reported, e.cost.total_approved, e.cost.per_child_approved], f.totals);
    assert_eq!([e.cost.slots, e.cost.classes, e.cost.carers, e.cost.enrolment, e.cost.child_months], f.counts);
    assert_eq!([e.cost.cost_per_child_month, e.cost.cost_per_child_month_rounded], f.per_child_month);
    let o = &e.offsets.lines;
    assert_eq!([o[0].annual, o[0].per_child_month, o[1].annual, o[1].per_child_month], f.offsets);
    assert_eq!([e.offsets.net_annual, e.offsets.net_per_child_month], f.net);
    assert_eq!([e.economics.fixed_net_annual, e.economics.per_child_net_annual], f.economics);
    assert_eq!([e.fee.cost_based_fee, e.fee.cap, e.fee.cap_in_fee_units, e.fee.guided_fee.unwrap()], f.fee);
    assert_eq!([e.indicators.share_of_income, e.indicators.break_even_occupancy.unwrap()], f.indicators);
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
    assert_same_figures(&full_shadow(&decimals), &e);
    let mut g = c.benchmark_group("evaluate");
    g.bench_function("exact_with_trace", |b| b.iter(|| evaluate(black_box(&s), set).unwrap()));
    g.bench_function("exact_quiet", |b| b.iter(|| fee_core::evaluate_quiet(black_box(&s), set).unwrap()));
    g.bench_function("f64_shadow", |b| b.iter(|| shadow(black_box(&floats))));
    g.bench_function("decimal_shadow", |b| b.iter(|| shadow(black_box(&decimals))));
    g.bench_function("decimal_full_shadow", |b| b.iter(|| full_shadow(black_box(&decimals))));
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
