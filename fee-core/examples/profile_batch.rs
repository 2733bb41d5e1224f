//! Checks 20,000 generated proposal rows, for an instruction-count profile:
//! `valgrind --tool=callgrind target/release/examples/profile_batch`.

fn main() {
    let set = fee_core::ParameterSet::chaoyang().unwrap_or_else(|e| panic!("{e}"));
    let mut csv = fee_core::COLUMNS.join(",");
    csv.push('\n');
    for i in 0..20_000 {
        let inst = i / 4;
        let kind = ["public_nursery", "other_inclusive_nursery", "community_site"][inst % 3];
        let amount = 2400 + (i % 9) * 100;
        let item = if i % 4 == 3 { "伙食费" } else { "保育费" };
        csv.push_str(&format!(
            "机构{inst},{kind},yes,{item},托大班,全日托,{amount},元/月,普惠,是,是,是,是,是,2400,3000,2900,500\n"
        ));
    }
    let date = "2024-06-01".parse().unwrap_or_else(|e| panic!("{e}"));
    let mut lines = 0usize;
    let s = fee_core::check_csv(
        csv.as_bytes(),
        set,
        date,
        &fee_core::IncomeBasis::District { year: 2022 },
        &mut |_| lines += 1,
        &mut |_| {},
    );
    println!("{s:?} {lines}");
}
