//! District pooling at the size of a large district: 500 institutions, from their filled
//! survey workbooks (xlsx parsing included) and from the sample already read.
//! Run: `cargo bench -p fee-tests --bench district`.

use criterion::{criterion_group, criterion_main, Criterion};
use fee_core::{evaluate_district, read_survey_xlsx, DistrictSample, ParameterSet};

fn sample_of(n: usize) -> DistrictSample {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/district/sample.json");
    let mut sample: DistrictSample = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    sample.exclusions.clear();
    let base = sample.institutions.clone();
    sample.institutions = (0..n)
        .map(|i| {
            let mut inst = base[i % base.len()].clone();
            inst.id = format!("N{i:04}");
            inst.years.truncate(1);
            inst
        })
        .collect();
    sample
}

fn pooling(c: &mut Criterion) {
    let set = ParameterSet::chaoyang().unwrap();
    let sample = sample_of(500);
    let books: Vec<Vec<u8>> =
        sample.institutions.iter().map(|inst| fee_tests::survey::fill_survey(inst, 0, &[])).collect();
    let mut group = c.benchmark_group("district");
    group.sample_size(10);
    group.bench_function("pool_500_from_xlsx", |b| {
        b.iter(|| {
            let mut s = sample.clone();
            s.institutions = books.iter().map(|bytes| read_survey_xlsx(bytes).unwrap()).collect();
            evaluate_district(&s, set).unwrap()
        })
    });
    group.bench_function("pool_500_read", |b| b.iter(|| evaluate_district(&sample, set).unwrap()));
    group.finish();
}

criterion_group!(benches, pooling);
criterion_main!(benches);
