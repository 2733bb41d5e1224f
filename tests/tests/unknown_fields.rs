//! A misspelled field is refused, never ignored: every field of every sample file, misspelled
//! in turn (its last letter dropped), gives an error naming the field and the known name
//! nearest to it. (Before, `rent_monthy` for `rent_monthly` priced the sample at 1,551
//! instead of 2,056 with exit 0.)

use std::path::Path;

use serde_json::Value;

/// Tags of internally tagged enums: misspelled, the variant cannot be told, which is a missing
/// tag rather than an unknown field.
const TAGS: [&str; 5] = ["method", "kind", "basis", "standard", "level"];

/// Every object key of `v`, as the path of keys and indices to reach it.
fn keys(v: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                path.push(Value::String(k.clone()));
                out.push(path.clone());
                keys(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(Value::from(i));
                keys(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// `v` with the key at `path` renamed to `to`.
fn renamed(v: &Value, path: &[Value], to: &str) -> Value {
    let mut v = v.clone();
    let mut at = &mut v;
    for step in &path[..path.len() - 1] {
        at = match step {
            Value::String(k) => &mut at[k.as_str()],
            Value::Number(i) => &mut at[usize::try_from(i.as_u64().unwrap()).unwrap()],
            _ => unreachable!(),
        };
    }
    let Value::String(last) = &path[path.len() - 1] else { unreachable!() };
    let map = at.as_object_mut().unwrap();
    let value = map.remove(last).unwrap();
    map.insert(to.to_string(), value);
    v
}

fn every_field_misspelled<T: serde::de::DeserializeOwned + serde::Serialize>(file: &str) -> usize {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(file)).unwrap();
    let original: Value = serde_json::from_str(&text).unwrap();
    fee_core::read_json::<T>(&text).unwrap_or_else(|e| panic!("{file} reads as it is: {e}"));
    let mut all = Vec::new();
    keys(&original, &mut Vec::new(), &mut all);
    let mut checked = 0;
    for path in all {
        let Value::String(key) = path.last().unwrap() else { continue };
        let typo: String = key.chars().take(key.chars().count() - 1).collect();
        if typo.is_empty() {
            continue;
        }
        let e = fee_core::read_json::<T>(&renamed(&original, &path, &typo).to_string())
            .err()
            .unwrap_or_else(|| panic!("{file}: `{typo}` for `{key}` was accepted"));
        if !TAGS.contains(&key.as_str()) {
            let message = e.message(fee_core::Language::En);
            assert!(
                message.contains(&format!("unknown field `{typo}`; did you mean `{key}`?")),
                "{file}: `{typo}` for `{key}`: {message}"
            );
            assert!(e.message(fee_core::Language::Zh).contains(&format!("是否应为“{key}”")));
        }
        checked += 1;
    }
    checked
}

#[test]
fn every_field_of_every_sample_misspelled_is_refused_with_the_nearest_name() {
    assert!(every_field_misspelled::<fee_core::Scenario>("samples/public-nursery.json") > 40);
    assert!(every_field_misspelled::<fee_core::Dossier>("samples/dossier.json") > 40);
    assert!(every_field_misspelled::<fee_core::DistrictSample>("samples/district/sample.json") > 100);
    for rule in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../fee-core/refund-rules")).unwrap() {
        let name = format!("fee-core/refund-rules/{}", rule.unwrap().file_name().to_string_lossy());
        assert!(every_field_misspelled::<fee_core::RefundRule>(&name) > 3, "{name}");
    }
}

#[test]
fn a_parameter_file_s_unknown_key_is_refused_in_toml_and_yaml_too() {
    let toml = "id = \"x\"\nversion = \"1\"\ntitle_zh = \"例\"\ntitle_en = \"Example\"\nparamters = {}\n";
    let e = fee_core::ParameterSet::from_toml(toml).unwrap_err();
    assert!(e.message(fee_core::Language::En).contains("did you mean `parameters`?"), "{e}");
    let yaml = "id: x\nversion: '1'\ntitle_zh: 例\ntitle_en: Example\nparameters: {}\ntitel_en: Example\n";
    let e = fee_core::ParameterSet::from_yaml(yaml).unwrap_err();
    assert!(e.message(fee_core::Language::En).contains("unknown field `titel_en`; did you mean `title_en`?"), "{e}");
}

#[test]
fn a_byte_order_mark_as_notepad_writes_is_accepted_in_json_toml_and_yaml() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let bom = |file: &str| format!("\u{feff}{}", std::fs::read_to_string(root.join(file)).unwrap());
    fee_core::read_json::<fee_core::Scenario>(&bom("samples/public-nursery.json")).unwrap();
    fee_core::read_json::<fee_core::Dossier>(&bom("samples/dossier.json")).unwrap();
    fee_core::read_json::<fee_core::RefundRule>(&bom("fee-core/refund-rules/pro-rata.json")).unwrap();
    let set = serde_json::to_string(fee_core::ParameterSet::chaoyang().unwrap()).unwrap();
    fee_core::ParameterSet::from_json(&format!("\u{feff}{set}")).unwrap();
    let yaml = "\u{feff}id: x\nversion: '1'\ntitle_zh: 例\ntitle_en: Example\nparameters: {}\n";
    assert_eq!(fee_core::ParameterSet::from_yaml(yaml).unwrap().id, "x");
    let toml = "\u{feff}id = \"x\"\nversion = \"1\"\ntitle_zh = \"例\"\ntitle_en = \"Example\"\nparameters = {}\n";
    assert_eq!(fee_core::ParameterSet::from_toml(toml).unwrap().id, "x");
}
