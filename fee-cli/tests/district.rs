//! `fee district` as a clerk runs it: the sample workbooks imported with their one error
//! located, a hand-worked sample evaluated, and the report written whole.

mod common;

use common::{fee, scratch};

/// The first worked case of tests/cases/district.json: institutions A, B and C, whose pricing
/// cost is 1,800,000 ÷ 768 = 2,343.75 (shown 2,343.75) and whose guided fee is 2,344 (the working is there).
fn hand_sample(dir: &std::path::Path) -> std::path::PathBuf {
    let cases: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/cases/district.json")).unwrap(),
    )
    .unwrap();
    let path = dir.join("abc.json");
    std::fs::write(&path, cases["cases"][0]["input"].to_string()).unwrap();
    path
}

#[test]
fn the_sample_workbooks_import_with_the_one_error_located_and_the_rest_pooled() {
    let dir = scratch("import");
    let out = dir.join("sample.json");
    let o = fee(&["district", "import", "samples/district", "--out", out.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("园所G-有错误.xlsx › 人员支出 › B2：应为非负数，实为“约3000”"), "{err}");
    // Eight workbooks: A (two years), B to F, and G with the error.
    assert!(err.contains("共 8 个文件：读入 7 个，1 个有错误未读入；机构 6 家。"), "{err}");
    let sample: fee_core::DistrictSample = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(sample.institutions.len(), 6);
    assert_eq!(sample.institutions[0].years.len(), 2, "园所A's two years are one institution");
}

#[test]
fn a_hand_worked_sample_evaluates_to_its_derived_figures_in_either_language() {
    let dir = scratch("evaluate");
    let path = hand_sample(&dir);
    let o = fee(&["district", "evaluate", path.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(text.contains("定价成本（加权平均）：2,343.75 元/生·月"), "{text}");
    assert!(text.contains("简单平均：2,555.56 元/生·月"), "{text}");
    assert!(text.contains("基准收费（指导价）：2,344 元/月"), "{text}");
    assert!(text.contains("样本年度财政投入：148,416.00 元/年"), "{text}");
    let o = fee(&["--lang", "en", "district", "evaluate", path.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("Pricing cost (weighted): 2,343.75 yuan/child-month"), "{text}");
}

#[test]
fn the_report_is_written_whole_as_html_or_xlsx_and_a_folder_is_refused() {
    let dir = scratch("report");
    let sample = hand_sample(&dir);
    let html = dir.join("report.html");
    let o = fee(&["district", "report", sample.to_str().unwrap(), "--out", html.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = std::fs::read_to_string(&html).unwrap();
    for part in
        ["成本监审报告", "经营者成本核定表", "定价成本", "2,343.75", "1,800,000.00", "审核人", "负责人", "四舍五入"]
    {
        assert!(page.contains(part), "{part} is missing from the report");
    }
    // No figure carries more than four decimal places (the trace's exact values stay in JSON).
    let long = page.as_bytes().windows(6).any(|w| w[0] == b'.' && w[1..].iter().all(u8::is_ascii_digit));
    assert!(!long, "a long decimal in the report");
    let xlsx = dir.join("report.xlsx");
    let o = fee(&["district", "report", sample.to_str().unwrap(), "--out", xlsx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(&std::fs::read(&xlsx).unwrap()[..2], b"PK");
    let o = fee(&["district", "report", sample.to_str().unwrap(), "--out", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    // Nothing but the two reports and the sample is left in the folder: no temporary file.
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["abc.json", "report.html", "report.xlsx"]);
}

#[test]
fn the_template_is_written_and_reads_back_as_the_template() {
    let dir = scratch("template");
    let out = dir.join("survey.xlsx");
    let o = fee(&["district", "template", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let errors = fee_core::read_survey_xlsx(&std::fs::read(&out).unwrap()).unwrap_err();
    assert!(errors.iter().any(|e| e.sheet == "基本情况" && e.cell == "B3"), "{errors:?}");
}
