//! District pricing through its files: the survey template read back, filled workbooks
//! imported with the same figures, foreign and damaged workbooks named as such, every
//! problem located by sheet and cell.

use std::path::Path;

use fee_core::{evaluate_district, read_survey_xlsx, survey_template, DistrictSample, ParameterSet};
use fee_tests::survey::{fill_survey, fill_survey_csv, Typed};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn sample() -> DistrictSample {
    serde_json::from_str(&std::fs::read_to_string(root().join("samples/district/sample.json")).unwrap()).unwrap()
}

#[test]
fn every_institution_comes_back_from_its_filled_workbook_with_the_same_figures() {
    let original = sample();
    let mut read_back = original.clone();
    read_back.institutions.clear();
    for inst in &original.institutions {
        let mut back = inst.clone();
        back.years.clear();
        for k in 0..inst.years.len() {
            let one = read_survey_xlsx(&fill_survey(inst, k, &[])).unwrap_or_else(|e| panic!("{}: {e:?}", inst.id));
            assert_eq!((one.id.as_str(), one.name.as_str()), (inst.id.as_str(), inst.name.as_str()));
            assert_eq!(one.years[0], inst.years[k], "{} year {}", inst.id, inst.years[k].year);
            back.years.extend(one.years);
        }
        read_back.institutions.push(back);
    }
    let set = ParameterSet::chaoyang().unwrap();
    let (a, b) = (evaluate_district(&original, set).unwrap(), evaluate_district(&read_back, set).unwrap());
    assert_eq!(a.pooled, b.pooled);
    assert_eq!(a.fee, b.fee);
}

#[test]
fn the_template_is_recognised_and_its_empty_cells_named() {
    let set = ParameterSet::chaoyang().unwrap();
    let bytes = survey_template(set, "2024-06-01".parse().unwrap()).unwrap();
    let errors = read_survey_xlsx(&bytes).unwrap_err();
    // Not "foreign": the version cell reads, so each required field is named where it stands.
    let places: Vec<String> = errors.iter().map(|e| format!("{}!{}", e.sheet, e.cell)).collect();
    for place in ["基本情况!B3", "基本情况!B4", "基本情况!B9", "人员支出!B2", "班级与人员!A3"] {
        assert!(places.contains(&place.to_string()), "{place} not in {places:?}");
    }
    assert!(!errors.iter().any(|e| e.cell == "B2" && e.sheet == "基本情况"), "the version cell is the template's own");
}

#[test]
fn a_typing_error_is_located_by_sheet_and_cell_in_plain_words() {
    let inst = &sample().institutions[1];
    let bytes = fill_survey(inst, 0, &[("人员支出", 1, 1, Typed::Text("约3000".into()))]);
    let errors = read_survey_xlsx(&bytes).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].located("园所B.xlsx", fee_core::Language::Zh),
        "园所B.xlsx › 人员支出 › B2：应为非负数，实为“约3000”"
    );
    assert_eq!(
        errors[0].located("B.xlsx", fee_core::Language::En),
        "B.xlsx › 人员支出 › B2: must be a number, not negative, found \"约3000\""
    );
}

#[test]
fn a_negative_a_bad_choice_and_a_share_above_one_are_each_named() {
    let inst = &sample().institutions[0];
    let bytes = fill_survey(
        inst,
        0,
        &[
            ("房屋与资产", 1, 1, Typed::Number("-30000".parse().unwrap())),
            ("班级与人员", 2, 0, Typed::Text("大班".into())),
            ("人员支出", 2, 1, Typed::Number("25".parse().unwrap())),
        ],
    );
    let errors = read_survey_xlsx(&bytes).unwrap_err();
    let places: Vec<String> = errors.iter().map(|e| format!("{}!{}", e.sheet, e.cell)).collect();
    assert_eq!(places, ["班级与人员!A3", "人员支出!B3", "房屋与资产!B2"], "{errors:?}");
}

#[test]
fn an_older_or_foreign_workbook_is_named_as_such() {
    let inst = &sample().institutions[0];
    let older = fill_survey(inst, 0, &[("基本情况", 1, 1, Typed::Text("fee-survey/0".into()))]);
    let errors = read_survey_xlsx(&older).unwrap_err();
    assert!(errors[0].message.en().contains("template version must be fee-survey/1"), "{errors:?}");
    let foreign = std::fs::read(root().join("samples/proposals.xlsx")).unwrap();
    let errors = read_survey_xlsx(&foreign).unwrap_err();
    assert!(errors[0].message.en().contains("not this tool's cost survey"), "{errors:?}");
}

#[test]
fn every_institution_comes_back_from_its_csv_survey_with_the_same_figures() {
    let original = sample();
    let mut files = Vec::new();
    for inst in &original.institutions {
        for k in 0..inst.years.len() {
            files.push((format!("{}-{k}.csv", inst.id), fill_survey_csv(inst, k).into_bytes()));
        }
    }
    let mut institutions = Vec::new();
    let outcome = fee_core::import_surveys(&mut institutions, files.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
    assert!(outcome.iter().all(|f| f.errors_zh.is_empty()), "{outcome:?}");
    // The two years of one institution join it, as its two workbooks do.
    assert_eq!(institutions.len(), original.institutions.len());
    for (back, inst) in institutions.iter().zip(&original.institutions) {
        assert_eq!(back.years, inst.years, "{}", inst.id);
    }
}

#[test]
fn the_csv_template_names_the_same_empty_cells_as_the_workbook() {
    let csv = fee_core::survey_template_csv();
    let errors = fee_core::read_survey_csv(csv.as_bytes()).unwrap_err();
    let places: Vec<String> = errors.iter().map(|e| format!("{}!{}", e.sheet, e.cell)).collect();
    for place in ["基本情况!B3", "基本情况!B4", "基本情况!B9", "人员支出!B2", "班级与人员!A3"] {
        assert!(places.contains(&place.to_string()), "{place} not in {places:?}");
    }
    assert!(!errors.iter().any(|e| e.cell == "B2" && e.sheet == "基本情况"), "the version cell is the template's own");
}

#[test]
fn a_csv_survey_with_errors_is_located_by_line_sheet_and_cell() {
    let inst = &sample().institutions[1];
    let good = fill_survey_csv(inst, 0);
    // The carer wage typed as words: the same message and place as in the workbook.
    let typo = good.replace("人员支出,B2,5800", "人员支出,B2,约3000");
    assert_ne!(typo, good, "the sample's carer wage of 5,800 sits in 人员支出!B2");
    let errors = fee_core::read_survey_csv(typo.as_bytes()).unwrap_err();
    assert_eq!(
        errors[0].located("园所B.csv", fee_core::Language::Zh),
        "园所B.csv › 人员支出 › B2：应为非负数，实为“约3000”"
    );
    // A sheet that is not the template's, a cell that is not a cell name, a cell given twice.
    for (line, expect) in [
        ("工资表,B2,5800", "工作表应为"),
        ("人员支出,第二行,5800", "单元格应写作如 B2"),
        ("人员支出,B2,5900", "此单元格已填写过一次"),
    ] {
        let bad = format!("{good}{line}\n");
        let errors = fee_core::read_survey_csv(bad.as_bytes()).unwrap_err();
        let text = errors[0].located("园所B.csv", fee_core::Language::Zh);
        assert!(text.contains(expect), "{line}: {text}");
        // The line is counted from the header row: the appended row is the last line.
        let last = bad.lines().count();
        assert!(text.contains(&format!("第 {last} 行")), "{line}: {text}");
    }
    // Not UTF-8 (GBK bytes for 人员支出): one file-level message that says how to save it.
    let gbk: &[u8] = b"\xc8\xcb\xd4\xb1\xd6\xa7\xb3\xf6,B2,5800\n";
    let errors = fee_core::read_survey_csv(gbk).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].located("a.csv", fee_core::Language::Zh).contains("CSV UTF-8"));
}
