//! The printed reports (one layout for the scenario, the dossier and the district): what a
//! clerk files must hold every part, in one language, with every figure rounded and unit
//! named, and only what happened.

use std::path::Path;

use fee_core::{
    check_dossier, district_report_html, dossier_report_html, evaluate, evaluate_district, formula_text, project_cases,
    scenario_report_html, value_name, DistrictSample, Dossier, Language, ParameterSet, Scenario,
};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

/// Every (formula, input names) of the trace steps in a result.
fn steps(v: &Value, out: &mut Vec<(String, Vec<String>)>) {
    match v {
        Value::Array(items) => items.iter().for_each(|x| steps(x, out)),
        Value::Object(map) => {
            if let (Some(Value::String(f)), Some(Value::Array(inputs))) = (map.get("formula"), map.get("inputs")) {
                let names =
                    inputs.iter().filter_map(|i| i.get("name").and_then(Value::as_str).map(String::from)).collect();
                out.push((f.clone(), names));
            }
            map.values().for_each(|x| steps(x, out));
        }
        _ => {}
    }
}

#[test]
fn every_formula_and_name_a_trace_carries_has_its_chinese_form() {
    let set = ParameterSet::chaoyang().unwrap();
    let mut all = Vec::new();
    // The library's examples and samples, and every worked case of the project.
    for s in ParameterSet::builtin().unwrap() {
        if let Ok(e) = evaluate(&Scenario::example(), s) {
            steps(&serde_json::to_value(e).unwrap(), &mut all);
        }
    }
    let nursery: Scenario = serde_json::from_str(&read("samples/public-nursery.json")).unwrap();
    steps(&serde_json::to_value(evaluate(&nursery, set).unwrap()).unwrap(), &mut all);
    let sample: DistrictSample = serde_json::from_str(&read("samples/district/sample.json")).unwrap();
    steps(&serde_json::to_value(evaluate_district(&sample, set).unwrap()).unwrap(), &mut all);
    for (_, file) in project_cases().unwrap() {
        for case in &file.cases {
            if let Ok(result) = case.result(None) {
                steps(&result, &mut all);
            }
        }
    }
    assert!(all.len() > 100, "the walk found {} steps", all.len());
    let mut missing: Vec<String> = Vec::new();
    for (formula, names) in &all {
        if formula_text(formula, Language::Zh).is_none() {
            missing.push(format!("formula: {formula}"));
        }
        for n in names {
            if value_name(n, Language::Zh).is_none() {
                missing.push(format!("name: {n} (in {formula})"));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "without a Chinese form:\n{}", missing.join("\n"));
}

/// The figures of the sample scenario (`Scenario::example`, three classes), worked by hand from
/// the plan and the national class standard:
/// - carers: 1 toddler class of 15 at 1:5 → 3; 2 older-toddler classes of 20 at 1:7 → ⌈20 ÷ 7⌉ = 3
///   each → 6; 9 carers × 6,000 × 12 = 648,000.00 a year;
/// - health 6,000 × 12 = 72,000; cook 5,000 × 12 = 60,000; admin 8,000 × 12 = 96,000;
/// - social insurance 25% of the wages (648,000 + 72,000 + 60,000 + 96,000 = 876,000) = 219,000;
///   housing fund 12% = 105,120; rent 30,000 × 12 = 360,000;
/// - the cap: 20% × 15,655 = 3,131.00 yuan a month.
#[test]
fn the_scenario_report_holds_every_part_in_chinese_with_figures_rounded() {
    let set = ParameterSet::chaoyang().unwrap();
    let s = Scenario::example();
    let e = evaluate(&s, set).unwrap();
    let html = scenario_report_html(&s, &e, set, Language::Zh, Some("2024-07-01".parse().unwrap()));
    for part in [
        "<h1>托育服务收费测算报告</h1>",
        "<th>打印日期</th><td>2024-07-01</td>",
        "<th>参数集</th><td>cn-bj-chaoyang 2024.1",
        "一、测算输入",
        "二、成本构成",
        "<td class=\"n\">648,000.00</td>",
        "<td class=\"n\">219,000.00</td>",
        "<td class=\"n\">105,120.00</td>",
        "<td class=\"n\">360,000.00</td>",
        "<tr class=\"total\"><th>合计</th>",
        "三、政府投入抵减",
        "四、收费与上限",
        "<th>收费上限</th><td>3,131.00 元/月</td>",
        "五、审查意见",
        "附：计算过程",
        "收费上限 = 取整(比例 × 家庭月均可支配收入)",
        "比例 = 0.2；家庭月均可支配收入 = 15,655.00",
        "金额保留 2 位小数，四舍五入",
        "经办人",
        "审核人",
        "负责人",
        "（盖章）",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    // Page numbers in the margin, in Chinese.
    assert!(html.contains("content:'第 ' counter(page) ' 页 共 ' counter(pages) ' 页'"));
    // No form control, no link, no English formula, no mode's code name, no long decimal.
    for absent in ["<input", "<button", "<a ", "cap = round", "MidpointAwayFromZero", "Fee cap"] {
        assert!(!html.contains(absent), "{absent} is in the report");
    }
    assert!(!long_decimal(&html), "a figure with more than four places");
    // Not a procedure report: no procedure section.
    assert!(!html.contains("定价程序"));
}

/// Whether the text holds a number with five or more decimal places.
fn long_decimal(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'.'
            && i > 0
            && b[i - 1].is_ascii_digit()
            && b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count() >= 5
    })
}

#[test]
fn a_dossier_report_prints_a_step_not_taken_as_one_line_and_no_finding_on_a_fresh_draft() {
    let set = ParameterSet::chaoyang().unwrap();
    let fresh = Dossier { scenario: Scenario::example(), records: vec![] };
    let html = dossier_report_html(&fresh, &check_dossier(&fresh, set).unwrap(), set, Language::Zh, None);
    // Seven steps, each "尚未开始", and not one "缺少程序" finding.
    assert_eq!(html.matches(">尚未开始</td>").count(), 7);
    assert!(!html.contains("缺少程序"));
    assert!(html.contains("六、定价程序") && html.contains("作出决定前的程序尚未全部完成"));
    // The project's sample dossier: four steps recorded with their dates and documents, three to come.
    let d: Dossier = serde_json::from_str(&read("samples/dossier.json")).unwrap();
    let html = dossier_report_html(&d, &check_dossier(&d, set).unwrap(), set, Language::En, None);
    assert_eq!(html.matches(">not yet started</td>").count(), 3);
    assert!(html.contains("<td class=\"d\">2024-03-01</td>"));
    assert!(html.contains("round half away from zero") && html.contains("Prepared by"));
    assert!(html.contains("content:'Page ' counter(page) ' of ' counter(pages)"));
    assert!(html.contains("cap = round(ratio × income)"));
    assert!(!long_decimal(&html));
}

#[test]
fn the_district_report_uses_the_same_layout() {
    let set = ParameterSet::chaoyang().unwrap();
    let sample: DistrictSample = serde_json::from_str(&read("samples/district/sample.json")).unwrap();
    let html = district_report_html(&evaluate_district(&sample, set).unwrap(), set, Language::Zh, None);
    for part in [
        "金额保留 2 位小数，四舍五入",
        "附：计算过程",
        "定价成本 = Σ 核定成本 ÷ Σ 人月数",
        "（盖章）",
        "counter(pages) ' 页'",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    assert!(!long_decimal(&html));
}

#[test]
fn text_from_the_input_is_escaped_in_the_report() {
    let set = ParameterSet::chaoyang().unwrap();
    let mut s = Scenario::example();
    s.name = "<script>alert(1)</script>".into();
    let e = evaluate(&s, set).unwrap();
    let html = scenario_report_html(&s, &e, set, Language::En, None);
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
}

#[test]
fn a_filed_report_carries_the_digest_a_record_of_the_same_input_gives_its_result() {
    // `fee record` digests the result as JSON; the report prints the same digest, so a filed
    // printout and a saved record of the same dossier under the same set can be matched.
    let set = ParameterSet::chaoyang().unwrap();
    let text = read("samples/dossier.json");
    let record = fee_core::make_record(&text, set).unwrap();
    let d: Dossier = serde_json::from_str(&text).unwrap();
    let html = dossier_report_html(&d, &check_dossier(&d, set).unwrap(), set, Language::Zh, None);
    assert_eq!(record.provenance.result_sha256.len(), 64);
    assert!(html.contains(&format!("测算结果 SHA-256 {}", record.provenance.result_sha256)), "{html}");
    // A scenario's report likewise, and a change of one figure changes it.
    let s: Scenario = serde_json::from_str(&read("samples/public-nursery.json")).unwrap();
    let record = fee_core::make_record(&read("samples/public-nursery.json"), set).unwrap();
    let e = evaluate(&s, set).unwrap();
    let html = scenario_report_html(&s, &e, set, Language::En, None);
    assert!(html.contains(&format!("Result SHA-256 {}", record.provenance.result_sha256)));
    let mut changed = s.clone();
    changed.cost.rent_monthly += rust_decimal::Decimal::ONE;
    let other = scenario_report_html(&changed, &evaluate(&changed, set).unwrap(), set, Language::En, None);
    assert!(!other.contains(&record.provenance.result_sha256));
}
