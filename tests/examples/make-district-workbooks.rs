//! Writes the sample survey workbooks in `samples/district/` from `samples/district/sample.json`:
//! one workbook per institution and year (figures illustrative), and one more with a typing
//! error, so `fee district import samples/district` shows a located error beside the rest.
//! Run: `cargo run -p fee-tests --example make-district-workbooks`. With `N DIR`, writes N
//! workbooks of distinct institutions to DIR instead, for measuring a large import.

use fee_tests::survey::{fill_survey, Typed};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/district");
    let sample: fee_core::DistrictSample = serde_json::from_str(&std::fs::read_to_string(dir.join("sample.json"))?)?;
    if let (Some(n), Some(out)) = (std::env::args().nth(1), std::env::args().nth(2)) {
        std::fs::create_dir_all(&out)?;
        for i in 0..n.parse::<usize>()? {
            let mut inst = sample.institutions[i % sample.institutions.len()].clone();
            inst.id = format!("N{i:04}");
            std::fs::write(std::path::Path::new(&out).join(format!("{i:04}.xlsx")), fill_survey(&inst, 0, &[]))?;
        }
        return Ok(());
    }
    let names = ["园所A", "园所B", "园所C", "园所D", "园所E", "园所F"];
    for (inst, name) in sample.institutions.iter().zip(names) {
        for (k, year) in inst.years.iter().enumerate() {
            let file =
                if inst.years.len() == 1 { format!("{name}.xlsx") } else { format!("{name}-{}.xlsx", year.year) };
            std::fs::write(dir.join(file), fill_survey(inst, k, &[]))?;
        }
    }
    // 园所G: the carer wage typed as words ("约3000", about 3,000) in 人员支出!B2.
    let mut g = sample.institutions[1].clone();
    g.id = "BJ-07".into();
    g.name = "示例·错填园 (illustrative, with an error) Typo nursery".into();
    std::fs::write(
        dir.join("园所G-有错误.xlsx"),
        fill_survey(&g, 0, &[("人员支出", 1, 1, Typed::Text("约3000".into()))]),
    )?;
    Ok(())
}
