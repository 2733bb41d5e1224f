//! The clause map: every clause a rule cites is in the catalogue, every clause the catalogue
//! marks as encoded is cited by a rule or a parameter, and the map names what a reader can
//! check against the plan's text.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn map() -> fee_core::ClauseMap {
    fee_core::clause_map(&fee_core::project_cases().unwrap()).unwrap()
}

#[test]
fn no_rule_cites_a_clause_the_catalogue_lacks_and_none_marked_encoded_is_uncited() {
    let m = map();
    assert!(m.unknown.is_empty(), "citations of clauses not in the catalogue: {:?}", m.unknown);
    assert!(m.uncited.is_empty(), "clauses marked encoded that nothing cites: {:?}", m.uncited);
}

/// The string literals of every citation written in fee-core's source: `.clause("…")`,
/// `Source::clause("…")`, `.document(D, "…")` and `Source::document(D, "…")`, with D a literal or
/// a constant of the same file.
fn literal_citations() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root().join("fee-core/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path.display().to_string();
            if !name.ends_with(".rs") || name.ends_with("tests.rs") || name.ends_with("clauses.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Constants naming a document, such as `const CATALOGUE: &str = "发改价格〔2024〕1477号";`.
            let constant = |ident: &str| -> Option<String> {
                let needle = format!("const {ident}: &str = \"");
                let at = text.find(&needle)? + needle.len();
                Some(text[at..].split('"').next()?.to_string())
            };
            let quoted =
                |s: &str| -> Option<String> { s.trim().strip_prefix('"')?.split('"').next().map(str::to_string) };
            for (line_no, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                let at = format!("{name}:{}", line_no + 1);
                for (i, _) in line.match_indices("clause(\"") {
                    let clause = quoted(&line[i + "clause(".len()..]).unwrap();
                    out.push((fee_core::PLAN_DOCUMENT.to_string(), clause, at.clone()));
                }
                for (i, _) in line.match_indices("document(") {
                    let args = &line[i + "document(".len()..];
                    let Some((doc, rest)) = args.split_once(',') else { continue };
                    let doc = quoted(doc).or_else(|| constant(doc.trim()));
                    if let (Some(doc), Some(clause)) = (doc, quoted(rest)) {
                        out.push((doc, clause, at.clone()));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_clause_written_in_the_code_is_in_the_catalogue() {
    let cited = literal_citations();
    // The scan finds the citations it is meant to: the cap's and the pricing procedure's.
    assert!(cited.len() > 20, "only {} citations found", cited.len());
    assert!(cited.iter().any(|(d, c, _)| d == "朝政办字〔2024〕1号" && c == "二(二)1"));
    assert!(cited.iter().any(|(d, c, _)| d == "发改价格〔2024〕1477号" && c == "不得在规定项目之外收费"));
    for (doc, clause, at) in cited {
        assert!(
            fee_core::CLAUSES.iter().any(|c| c.document == doc && c.id == clause),
            "{at}: cites {doc} {clause}, which the clause catalogue does not list"
        );
    }
}

#[test]
fn every_catalogue_document_is_a_listed_source() {
    let sources = std::fs::read_to_string(root().join("docs/sources.md")).unwrap();
    for c in fee_core::CLAUSES {
        assert!(sources.contains(&format!("`{}`", c.document)), "{}: not cited as in docs/sources.md", c.document);
    }
}

#[test]
fn the_plans_clauses_are_mapped_to_what_encodes_them() {
    let m = map();
    let get = |id: &str| m.clauses.iter().find(|c| c.document == "朝政办字〔2024〕1号" && c.clause == id).unwrap();
    // 二(二)1, the cap: the cap step, the cap ratio and the 2022 income, and the cap's worked cases.
    let cap = get("二(二)1");
    assert!(cap.rules.iter().any(|r| r.id == "cap.amount"));
    assert!(cap.parameters.iter().any(|p| p.set == "cn-bj-chaoyang" && p.name == "cap.ratio"));
    assert!(cap.parameters.iter().any(|p| p.name == "income.household_monthly"));
    assert!(cap.cases.iter().any(|c| c == "tests/cases/cap.json: Chaoyang 2022 published cap"));
    // 一: the slot targets are parameters, and the fiscal plan's budget uses them.
    let targets = get("一");
    assert!(targets.parameters.iter().any(|p| p.name == "slots.inclusive"));
    assert!(targets.rules.iter().any(|r| r.id == "fiscal.budget"));
    // 二(二)4: the approval route and the dual-standard check.
    let approval = get("二(二)4");
    assert!(approval.rules.iter().any(|r| r.id == "approval_route"));
    assert!(approval.rules.iter().any(|r| r.id == "standard.dual"));
    // 二(二)2, 二(二)3 and 二(五)10 are encoded; the staff and supervision clauses are not, with why.
    for id in ["二(二)2", "二(二)3", "二(五)10"] {
        assert!(get(id).is_encoded(), "{id}");
    }
    for id in ["二(一)", "二(四)8", "二(六)14"] {
        let c = get(id);
        assert!(!c.is_encoded() && c.not_encoded.is_some(), "{id}");
    }
    // Every clause of section 二(二) and section 一 is listed.
    for id in ["一", "二(二)", "二(二)1", "二(二)2", "二(二)3", "二(二)4"] {
        get(id);
    }
}

#[test]
fn a_bureaus_case_file_is_mapped_beside_the_projects() {
    let yaml = "rule: the cap\ncases:\n  - name: our 2022 cap\n    kind: cap\n    input: {income: {basis: district, year: 2022}, date: 2024-06-01}\n    expected: {/value/cap: '3131.00'}\n";
    let mine = ("bureau.yaml".to_string(), fee_core::CaseFile::from_yaml(yaml).unwrap());
    let m = fee_core::clause_map(&[mine]).unwrap();
    let cap = m.clauses.iter().find(|c| c.clause == "二(二)1").unwrap();
    assert_eq!(cap.cases, vec!["bureau.yaml: our 2022 cap".to_string()]);
}
