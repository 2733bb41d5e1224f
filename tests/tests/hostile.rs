//! Hostile workbooks, made at test time: a zip bomb is refused from its zip directory before
//! anything is inflated, by batch review and by the survey reader alike.

#[path = "../support/zip_bomb.rs"]
mod zip_bomb;

use zip_bomb::zip_bomb;

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    // 64 MB of zeros in about 64 KB: past 32 MB, the least a workbook may inflate to.
    let bomb = zip_bomb(64);
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    let set = fee_core::ParameterSet::chaoyang().unwrap();
    let e = fee_core::check_xlsx(
        &bomb,
        set,
        "2024-06-01".parse().unwrap(),
        &fee_core::IncomeBasis::District { year: 2022 },
        &mut |_| {},
        &mut |_| {},
    )
    .unwrap_err();
    assert!(e.message(fee_core::Language::En).contains("inflates to 64 MB, more than the 32 MB"), "{e}");
    assert!(e.message(fee_core::Language::Zh).contains("解压后为 64 MB"), "{e}");
    let errors = fee_core::read_survey_xlsx(&bomb).unwrap_err();
    assert!(errors[0].message.en().contains("inflates to 64 MB"), "{errors:?}");
}

#[test]
fn a_workbook_within_its_bound_still_reads() {
    // The sample proposals workbook is a few kilobytes and inflates to far less than 32 MB.
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/proposals.xlsx")).unwrap();
    let set = fee_core::ParameterSet::chaoyang().unwrap();
    let summary = fee_core::check_xlsx(
        &bytes,
        set,
        "2024-06-01".parse().unwrap(),
        &fee_core::IncomeBasis::District { year: 2022 },
        &mut |_| {},
        &mut |_| {},
    )
    .unwrap();
    assert!(summary.rows_read > 0);
}

#[test]
fn deeply_nested_or_huge_parameter_files_are_refused_before_parsing() {
    // 20,000 nested flow maps: a YAML reader took minutes on such a file (time grows with
    // the square of the depth), and a TOML reader echoed it whole in its error.
    let head = "id: x\nversion: '1'\ntitle_zh: 例\ntitle_en: Example\nparameters: ";
    let n = 20_000;
    let yaml = format!("{head}{}1{}\n", "{a: ".repeat(n), "}".repeat(n));
    let e = fee_core::ParameterSet::from_yaml(&yaml).unwrap_err();
    assert!(e.message(fee_core::Language::En).contains("nest deeper than 32 levels"), "{e}");
    let toml = format!(
        "id = \"x\"\nversion = \"1\"\ntitle_zh = \"例\"\ntitle_en = \"Example\"\nparameters = {}1{}\n",
        "{a = ".repeat(n),
        "}".repeat(n)
    );
    let e = fee_core::ParameterSet::from_toml(&toml).unwrap_err();
    assert!(e.to_string().len() < 300, "the error quotes no more than a short excerpt: {} bytes", e.to_string().len());
    let huge = format!("{head}{{}}\n#{}\n", "x".repeat(2 * 1024 * 1024));
    let e = fee_core::ParameterSet::from_yaml(&huge).unwrap_err();
    assert!(e.message(fee_core::Language::En).contains("larger than 1024 KB"), "{e}");
    // A file within the bounds still reads.
    assert_eq!(fee_core::ParameterSet::from_yaml(&format!("{head}{{}}\n")).unwrap().id, "x");
}
