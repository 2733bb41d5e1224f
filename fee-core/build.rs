//! Gathers the parameter files under `parameters/` into one JSON document that
//! the library embeds, so the shipped numbers stay data and are read once; and writes the
//! example refund rules of `refund-rules/` as Rust values, so the browser app carries no
//! reader of refund-rule JSON (about 8 KB gz of its first load). A test checks that the
//! values equal the files read by the library's own reader.

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new("parameters");
    println!("cargo:rerun-if-changed=parameters");
    let mut sets = Vec::new();
    let mut dirs: Vec<PathBuf> = match fs::read_dir(root) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => fail(&format!("cannot read {}: {e}", root.display())),
    };
    dirs.sort();
    for dir in dirs {
        let manifest = dir.join("set.toml");
        if !manifest.is_file() {
            continue;
        }
        sets.push(build_set(&dir, &manifest));
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set")));
    let json = serde_json::to_string(&sets).unwrap_or_else(|e| fail(&e.to_string()));
    fs::write(out.join("builtin_parameter_sets.json"), json).unwrap_or_else(|e| fail(&e.to_string()));
    fs::write(out.join("refund_examples.rs"), refund_examples()).unwrap_or_else(|e| fail(&e.to_string()));
}

/// The example refund rules, in the order the app lists them.
const REFUND_RULES: [&str; 4] =
    ["pro-rata.json", "whole-month-absent.json", "taian-tiered.json", "hebei-withdrawal.json"];

/// `fn generated_examples()` building each rule file's `RefundRule`, and (for the test) the
/// files' text.
fn refund_examples() -> String {
    let dir = Path::new("refund-rules");
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| fail("CARGO_MANIFEST_DIR is not set"));
    let mut rules = Vec::new();
    let mut texts = Vec::new();
    for name in REFUND_RULES {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
        let json: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
        rules.push(refund_rule(&json, &path));
        texts.push(format!("include_str!({:?})", Path::new(&manifest_dir).join(&path).display().to_string()));
    }
    format!(
        "// Written by build.rs from refund-rules/*.json.\n\
         fn generated_examples() -> Result<Vec<RefundRule>, FeeError> {{\n    Ok(vec![\n{}    ])\n}}\n\
         #[cfg(test)]\nconst EXAMPLE_FILES: [&str; {}] = [{}];\n",
        rules.concat(),
        texts.len(),
        texts.join(", ")
    )
}

/// One rule as a Rust expression; a field of a shape the library does not read fails the build.
fn refund_rule(json: &serde_json::Value, path: &Path) -> String {
    let bad = |what: &str| -> ! { fail(&format!("{}: {what}", path.display())) };
    let obj = json.as_object().unwrap_or_else(|| bad("not an object"));
    let known = ["id", "name_zh", "name_en", "label", "reference", "reference_zh", "care", "meals", "withdrawal"];
    if let Some(k) = obj.keys().find(|k| !known.contains(&k.as_str())) {
        bad(&format!("unknown field {k}"));
    }
    let text = |k: &str| obj.get(k).and_then(|v| v.as_str()).unwrap_or_else(|| bad(&format!("{k} must be text")));
    let decimal = |v: Option<&serde_json::Value>, k: &str| match v {
        Some(serde_json::Value::String(s)) => format!("exact({s:?})?"),
        Some(serde_json::Value::Number(n)) => format!("exact({:?})?", n.to_string()),
        _ => bad(&format!("{k} must be a decimal")),
    };
    let method = |k: &str| -> (&serde_json::Map<String, serde_json::Value>, String) {
        let o = obj.get(k).and_then(|v| v.as_object()).unwrap_or_else(|| bad(&format!("{k} must be an object")));
        let m = o.get("method").and_then(|v| v.as_str()).unwrap_or_else(|| bad(&format!("{k}.method must be text")));
        (o, m.to_string())
    };
    let label = match text("label") {
        "primary" => "Primary",
        "secondary" => "Secondary",
        "example" => "Example",
        other => bad(&format!("label {other}")),
    };
    let (care_obj, care_method) = method("care");
    let care = match care_method.as_str() {
        "none" => "CareRefund::None".to_string(),
        "pro_rata_by_absent_days" => "CareRefund::ProRataByAbsentDays".to_string(),
        "whole_month_absent" => {
            format!("CareRefund::WholeMonthAbsent {{ share: {} }}", decimal(care_obj.get("share"), "care.share"))
        }
        "tiered" => {
            let tiers = care_obj.get("tiers").and_then(|v| v.as_array()).unwrap_or_else(|| bad("care.tiers"));
            let tiers: Vec<String> = tiers
                .iter()
                .map(|t| {
                    format!(
                        "RefundTier {{ attended_at_most: {}, refund_share: {} }}",
                        decimal(t.get("attended_at_most"), "attended_at_most"),
                        decimal(t.get("refund_share"), "refund_share")
                    )
                })
                .collect();
            format!("CareRefund::Tiered {{ tiers: vec![{}] }}", tiers.join(", "))
        }
        other => bad(&format!("care.method {other}")),
    };
    let meals = match obj.get("meals").map(|v| v.as_str()) {
        None | Some(Some("pro_rata_by_absent_days")) => "MealRefund::ProRataByAbsentDays",
        Some(Some("none")) => "MealRefund::None",
        _ => bad("meals"),
    };
    let (withdrawal_obj, withdrawal_method) = method("withdrawal");
    let withdrawal = match withdrawal_method.as_str() {
        "by_days_attended" => "WithdrawalCharge::ByDaysAttended".to_string(),
        "half_or_whole_month" => format!(
            "WithdrawalCharge::HalfOrWholeMonth {{ threshold: {} }}",
            decimal(withdrawal_obj.get("threshold"), "withdrawal.threshold")
        ),
        other => bad(&format!("withdrawal.method {other}")),
    };
    format!(
        "        RefundRule {{ id: {:?}.into(), name_zh: {:?}.into(), name_en: {:?}.into(), label: SourceLabel::{label}, \
         reference: {:?}.into(), reference_zh: {:?}.into(), care: {care}, meals: {meals}, withdrawal: {withdrawal} }},\n",
        text("id"),
        text("name_zh"),
        text("name_en"),
        text("reference"),
        // As serde reads it: absent is empty.
        obj.get("reference_zh").map_or("", |_| text("reference_zh"))
    )
}

fn fail(msg: &str) -> ! {
    eprintln!("fee-core build: {msg}");
    std::process::exit(1)
}

fn read_toml(path: &Path) -> toml::Table {
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    text.parse::<toml::Table>().unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())))
}

fn build_set(dir: &Path, manifest: &Path) -> serde_json::Value {
    let mut set = read_toml(manifest);
    let rules = match set.remove("rules") {
        Some(toml::Value::Array(a)) => a,
        _ => fail(&format!("{}: `rules` must list the rule files", manifest.display())),
    };
    let mut parameters = serde_json::Map::new();
    for rule in rules {
        let Some(rel) = rule.as_str() else { fail("rule file names are strings") };
        let path = dir.join(rel);
        let mut table = read_toml(&path);
        let Some(toml::Value::Table(params)) = table.remove("parameters") else {
            fail(&format!("{}: no [parameters] table", path.display()))
        };
        for (name, value) in params {
            let json = serde_json::to_value(&value).unwrap_or_else(|e| fail(&e.to_string()));
            if parameters.insert(name.clone(), json).is_some() {
                fail(&format!("{}: parameter {name} is defined twice", path.display()));
            }
        }
    }
    let mut obj = serde_json::to_value(&set).unwrap_or_else(|e| fail(&e.to_string()));
    if let Some(map) = obj.as_object_mut() {
        map.insert("parameters".into(), serde_json::Value::Object(parameters));
    }
    obj
}
