//! Errors in plain words, in both languages: each way a JSON, TOML or YAML input can have the
//! wrong shape is told as what was found, what is allowed and where, never in the reader's
//! own words ("invalid type", "expected u32", "EOF while parsing", "at line 10 column 46").

use fee_core::{read_json, Language, ParameterSet, Scenario};

/// The reader's phrases that must not reach a person.
const READER_WORDS: [&str; 10] = [
    "invalid type",
    "invalid value",
    "expected u32",
    "expected a Decimal",
    "EOF while parsing",
    "duplicate field `",
    "missing field `",
    "unknown variant",
    "expected one of",
    "floating point",
];

/// Whether `m` gives a position as the JSON reader does, "line 10 column 46" (no comma).
fn reader_position(m: &str) -> bool {
    m.match_indices("line ").any(|(i, _)| {
        let rest = &m[i + 5..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && rest[digits..].starts_with(" column ")
    })
}

fn sample() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/public-nursery.json")).unwrap()
}

/// `text` read as a scenario fails; its message in each language is plain and holds `zh` / `en`.
fn refused(text: &str, field: &str, zh: &str, en: &str) {
    let e = read_json::<Scenario>(text).unwrap_err();
    assert_eq!(e.field(), field, "{e}");
    let (m_zh, m_en) = (e.message(Language::Zh), e.message(Language::En));
    assert!(m_zh.contains(zh), "{m_zh}");
    assert!(m_en.contains(en), "{m_en}");
    for word in READER_WORDS {
        assert!(!m_zh.contains(word) && !m_en.contains(word), "{word}: {m_zh} / {m_en}");
    }
    assert!(!reader_position(&m_zh) && !reader_position(&m_en), "{m_zh} / {m_en}");
}

#[test]
fn every_wrong_shape_of_a_scenario_is_told_in_plain_words() {
    let s = sample();
    // A word where a number goes (cost.months_charged is on line 32 of the sample).
    refused(
        &s.replace("\"months_charged\": \"12\"", "\"months_charged\": \"one\""),
        "cost.months_charged",
        "“one”不是数字：请写十进制数，如 12 或 12.5（第 32 行第 27 列）",
        "“one” is not a number: write a decimal number such as 12 or 12.5 (line 32, column 27)",
    );
    // A negative and a fractional count of classes.
    refused(
        &s.replacen("\"classes\": 1,", "\"classes\": -1,", 1),
        "cost.classes[0].classes",
        "-1 不是 0 或以上的整数",
        "-1 is not a whole number of 0 or more",
    );
    refused(
        &s.replacen("\"children_per_class\": 15", "\"children_per_class\": 1.5", 1),
        "cost.classes[0].children_per_class",
        "1.5 不是 0 或以上的整数",
        "1.5 is not a whole number of 0 or more",
    );
    // A field given twice, a value not among those allowed, a file cut short, a stray comma.
    refused(
        &s.replacen("\"rent_monthly\"", "\"rent_monthly\": \"1\", \"rent_monthly\"", 1),
        "cost",
        "字段“rent_monthly”出现了两次：请只保留一个",
        "field `rent_monthly` is given twice: keep one",
    );
    refused(
        &s.replacen("\"class_type\": \"toddler\"", "\"class_type\": \"baby\"", 1),
        "cost.classes[0].class_type",
        "“baby”不是此处允许的取值：可选",
        "`baby` is not one of the values allowed here: ",
    );
    let cut = &s[..s.len() / 2];
    let e = read_json::<Scenario>(cut).unwrap_err();
    assert!(e.message(Language::Zh).contains("提前结束：文件不完整，或缺少括号或引号"), "{e}");
    assert!(e.to_string().contains("the text ends too early, at line"), "{e}");
    let e = read_json::<Scenario>("{\"name\": \"x\",, }").unwrap_err();
    assert!(e.message(Language::Zh).contains("第 1 行第 14 列不是有效的 JSON：请检查该处的逗号、引号和括号"), "{e}");
}

#[test]
fn a_parameter_file_in_toml_or_yaml_is_told_the_same_way() {
    let toml = "id = \"x\"\nversion = \"1\"\ntitle_zh = \"例\"\ntitle_en = \"X\"\n[parameters.\"cap.ratio\"]\ntitle_zh = \"比例\"\ntitle_en = \"Ratio\"\nunit = \"ratio\"\nvalues = [{ from = \"2024-01-01\", value = \"0.2\", label = \"guess\", reference = \"r\" }]\n";
    let e = ParameterSet::from_toml(toml).unwrap_err();
    assert!(
        e.message(Language::Zh)
            .contains("“guess”不是此处允许的取值：可选 primary, secondary, example（第 9 行第 57 列）"),
        "{e}"
    );
    // A TOML syntax slip: the place to look, not the reader's drawing of the line.
    let e = ParameterSet::from_toml("id = \"x\"\nversion = \n").unwrap_err();
    assert!(e.message(Language::Zh).contains("第 2 行第 11 列不是有效的 TOML：请检查该处"), "{e}");
    assert!(!e.to_string().contains("TOML parse error"), "{e}");
    let yaml = "id: x\nversion: '1'\ntitle_zh: a\ntitle_en: b\nparameters:\n  cap.ratio:\n    title_zh: a\n    title_en: b\n    unit: ratio\n    values:\n      - { from: 2024-01-01, value: '0.2', label: guess, reference: r }\n";
    let e = ParameterSet::from_yaml(yaml).unwrap_err();
    assert!(
        e.to_string()
            .contains("`guess` is not one of the values allowed here: primary, secondary, example (line 11, column "),
        "{e}"
    );
}
