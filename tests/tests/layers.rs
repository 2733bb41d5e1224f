//! The house's import rules, read from the source: fee-core's layers import one way
//! (foundations ← rules ← review / planning, the crate root above them all), no module
//! reaches a sibling through the crate root's flat re-exports, and the app's pages take
//! their context from `context.rs`, never from the shell (`app.rs`).

use std::fs;
use std::path::{Path, PathBuf};

/// The layers of fee-core, lowest first; review and planning stand side by side.
const LAYERS: [(&str, u8); 4] = [("foundations", 0), ("rules", 1), ("review", 2), ("planning", 2)];

fn rank(layer: &str) -> Option<u8> {
    LAYERS.iter().find(|(name, _)| *name == layer).map(|(_, r)| *r)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The `crate::…` paths a file's code names (comments and doc comments left out).
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().next_back();
            let after = &rest[at + "crate::".len()..];
            let name: String = after.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '{').collect();
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                found.push((n + 1, name));
            }
            rest = after;
        }
    }
    found
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Every problem found in fee-core's sources, one line each (empty when the rules hold).
fn core_violations(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut problems = Vec::new();
    for file in files {
        let relative = file.strip_prefix(src).unwrap();
        let first = relative.components().next().unwrap().as_os_str().to_str().unwrap();
        let Some(own) = rank(first) else {
            // The crate root (lib.rs, schema.rs) stands above every layer.
            continue;
        };
        let text = fs::read_to_string(&file).unwrap();
        for (line, target) in crate_paths(&text) {
            let place = format!("fee-core/src/{}:{line}", relative.display());
            match rank(&target) {
                None => problems.push(format!(
                    "{place}: `crate::{target}` goes through the crate root; name the module (crate::<layer>::<module>)"
                )),
                Some(r) if r > own || (r == own && target != first) => {
                    problems.push(format!("{place}: {first} imports from {target}, a layer above or beside it"))
                }
                Some(_) => {}
            }
        }
    }
    problems
}

#[test]
fn fee_core_imports_run_one_way() {
    let problems = core_violations(&workspace().join("fee-core/src"));
    assert!(problems.is_empty(), "upward or root imports:\n{}", problems.join("\n"));
}

#[test]
fn the_checker_catches_an_upward_import_and_one_through_the_root() {
    // A foundations file that names a rule, and a rule that names a re-export of the root.
    let dir = std::env::temp_dir().join(format!("fee-layers-{}", std::process::id()));
    fs::create_dir_all(dir.join("foundations")).unwrap();
    fs::create_dir_all(dir.join("rules")).unwrap();
    fs::write(dir.join("foundations/money.rs"), "use crate::rules::cap::CapRule;\n// crate::review is a comment\n")
        .unwrap();
    fs::write(dir.join("rules/cap.rs"), "use crate::{FeeError};\nuse crate::foundations::money::add;\n").unwrap();
    let problems = core_violations(&dir);
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("foundations imports from rules")
            || problems[1].contains("foundations imports from rules")
    );
    assert!(problems.iter().any(|p| p.contains("goes through the crate root")));
}

#[test]
fn review_and_planning_do_not_import_each_other() {
    let dir = std::env::temp_dir().join(format!("fee-layers-side-{}", std::process::id()));
    fs::create_dir_all(dir.join("planning")).unwrap();
    fs::write(dir.join("planning/fiscal.rs"), "use crate::review::schedule::FeeItem;\n").unwrap();
    let problems = core_violations(&dir);
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
}

#[test]
fn the_app_s_pages_take_their_context_from_context_rs() {
    let src = workspace().join("fee-web/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap().display().to_string();
        if relative == "main.rs" {
            continue; // The entry point mounts the shell.
        }
        let text = fs::read_to_string(&file).unwrap();
        for (line, target) in crate_paths(&text) {
            if target == "app" {
                problems.push(format!("fee-web/src/{relative}:{line} imports the shell (app.rs)"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
