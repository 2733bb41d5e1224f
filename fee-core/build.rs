//! Gathers the parameter files under `parameters/` into one JSON document that
//! the library embeds, so the shipped numbers stay data and are read once.

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
