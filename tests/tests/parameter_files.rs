//! A parameter set copied as it ships (fee-core/parameters/): the manifest with its rule files
//! makes the same set as the built-in one; a rule file alone says which file is expected.

use std::path::Path;

use fee_core::{Language, ParameterFileKind, ParameterSet};

fn dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../fee-core/parameters/cn-bj-chaoyang"))
}

#[test]
fn the_shipped_manifest_with_its_rule_files_is_the_built_in_set() {
    let manifest = std::fs::read_to_string(dir().join("set.toml")).unwrap();
    assert!(matches!(ParameterSet::toml_file_kind(&manifest), ParameterFileKind::Manifest(r) if r.len() == 10));
    let set =
        ParameterSet::from_toml_manifest(&manifest, &mut |rule| Ok(std::fs::read_to_string(dir().join(rule)).unwrap()))
            .unwrap();
    assert_eq!(&set, ParameterSet::chaoyang().unwrap());
}

#[test]
fn a_rule_file_alone_or_a_missing_or_doubled_rule_is_named() {
    let rule = std::fs::read_to_string(dir().join("district-income.toml")).unwrap();
    let kind = ParameterSet::toml_file_kind(&rule);
    assert_eq!(kind, ParameterFileKind::RuleFile);
    assert!(kind.hint("district-income.toml", Language::Zh).unwrap().contains("请载入参数集的清单文件 set.toml"));
    let manifest =
        "id = \"x\"\nversion = \"1\"\ntitle_zh = \"例\"\ntitle_en = \"X\"\nrules = [\"a.toml\", \"b.toml\"]\n";
    // Both rule files define income.household_monthly: refused, naming the parameter and the second file.
    let e = ParameterSet::from_toml_manifest(manifest, &mut |_| Ok(rule.clone())).unwrap_err();
    assert_eq!(e.field(), "parameters.income.household_monthly");
    assert_eq!(
        e.message(Language::Zh),
        "parameters.income.household_monthly：“b.toml”无法使用（两个规则文件定义了同一参数）"
    );
    // A manifest without rule files is refused in plain words.
    let e = ParameterSet::from_toml_manifest("id = \"x\"\nrules = []\n", &mut |_| unreachable!()).unwrap_err();
    assert!(e.message(Language::Zh).contains("参数集清单须列出其规则文件"), "{}", e.message(Language::Zh));
}
