//! Every reference the project ships names a public document listed in docs/sources.md, and
//! every file that list points to is in the repository.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Files under `dir` (recursively) whose name ends in one of `exts`.
fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("target") {
                    stack.push(path);
                }
            } else if exts.iter().any(|e| path.to_string_lossy().ends_with(e)) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The texts after "**Cited as:**" in docs/sources.md, each in backticks.
fn cited_as() -> Vec<String> {
    let text = read(&root().join("docs/sources.md"));
    let mut tokens = Vec::new();
    for piece in text.split("**Cited as:**").skip(1) {
        // The tokens of one entry end at the first closing parenthesis, full stop or line end
        // that follows the last backticked token of the run.
        let run: String = piece.lines().next().unwrap_or("").to_string();
        for (i, part) in run.split('`').enumerate() {
            if i % 2 == 1 && !part.is_empty() {
                tokens.push(part.to_string());
            }
        }
    }
    tokens
}

/// The string values of `key = "…"` in a TOML file (the parameter files write one value per line).
fn toml_strings(text: &str, key: &str) -> Vec<String> {
    let needle = format!("{key} = \"");
    let mut out = Vec::new();
    for line in text.lines() {
        let mut rest = line;
        while let Some(at) = rest.find(&needle) {
            let tail = &rest[at + needle.len()..];
            let end = tail.find('"').expect("closing quote");
            out.push(tail[..end].to_string());
            rest = &tail[end..];
        }
    }
    out
}

#[test]
fn the_source_list_names_documents() {
    let tokens = cited_as();
    // The plan, the Beijing rules, the national rules, the provincial ones and the examples.
    for must in [
        "朝政办字〔2024〕1号",
        "京发改〔2006〕1893号",
        "发改价格〔2024〕1477号",
        "国卫人口发〔2019〕58号",
        "本工具约定",
    ] {
        assert!(tokens.iter().any(|t| t == must), "docs/sources.md cites no `{must}`: {tokens:?}");
    }
}

#[test]
fn every_parameter_reference_names_a_listed_source() {
    let tokens = cited_as();
    let mut checked = 0;
    for path in files(&root().join("fee-core/parameters"), &[".toml"]) {
        let text = read(&path);
        for reference in toml_strings(&text, "reference") {
            assert!(
                tokens.iter().any(|t| reference.contains(t.as_str())),
                "{}: the reference \"{reference}\" names no document of docs/sources.md",
                path.display()
            );
            checked += 1;
        }
    }
    // 7 files of the shipped sets carry well over 20 dated values.
    assert!(checked > 20, "only {checked} references were found: the reader lost them");
}

#[test]
fn every_refund_rule_reference_names_a_listed_source() {
    let tokens = cited_as();
    let rules = files(&root().join("fee-core/refund-rules"), &[".json"]);
    assert!(rules.len() >= 4);
    for path in rules {
        let rule: serde_json::Value = serde_json::from_str(&read(&path)).unwrap();
        for key in ["reference", "reference_zh"] {
            let reference = rule[key].as_str().unwrap_or_else(|| panic!("{}: no {key}", path.display()));
            assert!(
                tokens.iter().any(|t| reference.contains(t.as_str())),
                "{}: {key} \"{reference}\" names no document of docs/sources.md",
                path.display()
            );
        }
    }
}

#[test]
fn every_trace_document_is_a_listed_source() {
    let tokens = cited_as();
    let mut checked = 0;
    for path in files(&root().join("fee-core/src"), &[".rs"]) {
        let text = read(&path);
        for marker in ["document(\"", "const CATALOGUE: &str = \"", "const PRICING_COST_RULE: (&str, &str) = (\""] {
            let mut rest = text.as_str();
            while let Some(at) = rest.find(marker) {
                let tail = &rest[at + marker.len()..];
                let end = tail.find('"').expect("closing quote");
                let document = &tail[..end];
                assert!(
                    tokens.iter().any(|t| document.contains(t.as_str())),
                    "{}: a trace step cites \"{document}\", which docs/sources.md does not list",
                    path.display()
                );
                checked += 1;
                rest = &tail[end..];
            }
        }
    }
    assert!(checked >= 10, "only {checked} document citations were found");
}

#[test]
fn no_file_cites_a_guide_outside_the_repository() {
    // The developers' fact sheet is not shipped; a user can only follow public documents.
    let outside = ["FACTS", ".md"].concat();
    let dirs = ["fee-core", "fee-cli", "fee-web", "tests", "schema", "docs", "samples", "scripts"];
    for dir in dirs {
        for path in files(&root().join(dir), &[".rs", ".toml", ".json", ".md", ".mjs", ".csv", ".sh", ".yaml", ".txt"])
        {
            if path.ends_with("sources.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(!text.contains(&outside), "{} cites {outside}, which users never have", path.display());
        }
    }
    // The fuzz corpus's files have no extension and may hold bytes that are not text.
    let corpus = root().join("fee-core/fuzz/corpus");
    if corpus.exists() {
        for path in files(&corpus, &[""]) {
            let bytes = std::fs::read(&path).unwrap_or_default();
            assert!(!String::from_utf8_lossy(&bytes).contains(&outside), "{} cites {outside}", path.display());
        }
    }
    for file in ["README.md", "ARCHITECTURE.md", "DESIGN.md", "BENCHMARKS.md"] {
        let path = root().join(file);
        if path.exists() {
            assert!(!read(&path).contains(&outside), "{file} cites {outside}");
        }
    }
}

#[test]
fn every_file_the_source_list_points_to_exists() {
    let text = read(&root().join("docs/sources.md"));
    let mut checked = 0;
    for (i, part) in text.split('`').enumerate() {
        let looks_like_path =
            part.starts_with("fee-core/") || part.starts_with("docs/") || part.starts_with("samples/");
        if i % 2 == 1 && looks_like_path {
            assert!(root().join(part).exists(), "docs/sources.md points to {part}, which is not in the repository");
            checked += 1;
        }
    }
    // Markdown links to the policy folder.
    for link in ["(policy/chaoyang-2024-1-childcare-plan.txt)", "(policy/)"] {
        assert!(text.contains(link));
    }
    assert!(root().join("docs/policy/chaoyang-2024-1-childcare-plan.txt").exists());
    assert!(checked >= 5, "only {checked} paths were checked");
}

#[test]
fn the_shipped_plan_text_is_the_plan() {
    let plan = read(&root().join("docs/policy/chaoyang-2024-1-childcare-plan.txt"));
    assert!(
        plan.contains("朝政办字〔2024〕1号") && plan.contains("3131"),
        "the plan's text lost its number or the cap"
    );
}
