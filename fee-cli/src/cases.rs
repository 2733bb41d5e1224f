//! `fee test`: a bureau's worked cases run against the rules.

use std::fmt::Write as _;
use std::path::PathBuf;

use fee_core::{CaseFile, CaseOutcome, Language, ParameterSet};

use crate::render::{pick, plain};
use crate::{read, to_json, Failure, Format};

/// A case file, JSON or YAML by its extension.
fn read_case_file(path: &std::path::Path) -> Result<CaseFile, Failure> {
    let text = read(path)?;
    let yaml = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if yaml { CaseFile::from_yaml(&text) } else { CaseFile::from_json(&text) }.map_err(|e| Failure::at(path, e))
}

/// Runs every case of `paths` (folders read one level deep, in name order) under `set`, or the
/// set each case names; the report and whether any case failed.
pub fn run(
    paths: &[PathBuf],
    set: Option<&ParameterSet>,
    format: Format,
    lang: Language,
) -> Result<(String, bool), Failure> {
    let files = crate::files_in(paths, &["json", "yaml", "yml"])?;
    let mut results: Vec<(String, Vec<CaseOutcome>)> = Vec::new();
    for path in &files {
        results.push((path.display().to_string(), read_case_file(path)?.run(set)));
    }
    let failed = results.iter().flat_map(|(_, r)| r).any(|o| !o.passed);
    let out = match format {
        Format::Json => {
            let json: Vec<serde_json::Value> =
                results.iter().map(|(f, r)| serde_json::json!({ "file": f, "cases": r })).collect();
            to_json(&json)?
        }
        Format::Text => text(&results, lang),
    };
    Ok((out, failed))
}

/// The clause map of the library with the project's cases and those of `paths`.
pub fn clauses(paths: &[PathBuf], format: Format, lang: Language) -> Result<String, Failure> {
    let mut cases = fee_core::project_cases()?;
    for path in crate::files_in(paths, &["json", "yaml", "yml"])? {
        cases.push((path.display().to_string(), read_case_file(&path)?));
    }
    let map = fee_core::clause_map(&cases)?;
    match format {
        Format::Json => to_json(&map),
        Format::Text => Ok(clause_text(&map, lang)),
    }
}

/// Each clause with its summary, then what encodes it, or why nothing does.
fn clause_text(map: &fee_core::ClauseMap, lang: Language) -> String {
    let mut out = String::new();
    let mut document = "";
    let encoded = map.clauses.iter().filter(|c| c.is_encoded()).count();
    for c in &map.clauses {
        if c.document != document {
            document = &c.document;
            let _ = writeln!(out, "\n{document}");
        }
        let _ = writeln!(out, "  {}  {}", c.clause, pick(lang, &c.summary_zh, &c.summary_en));
        if let Some((zh, en)) = &c.not_encoded {
            let _ = writeln!(out, "      {}{}", pick(lang, "未编码：", "not encoded: "), pick(lang, zh, en));
            continue;
        }
        let sep = pick(lang, "；", "; ");
        let (open, close) = match lang {
            Language::Zh => ("（", "）"),
            Language::En => (" (", ")"),
        };
        if !c.rules.is_empty() {
            let rules: Vec<String> = c
                .rules
                .iter()
                .map(|r| format!("{}{open}{}{close}", r.id, pick(lang, &r.label_zh, &r.label_en)))
                .collect();
            let _ = writeln!(out, "      {}{}", pick(lang, "规则：", "rules: "), rules.join(sep));
        }
        if !c.parameters.is_empty() {
            let names: std::collections::BTreeSet<&str> = c.parameters.iter().map(|p| p.name.as_str()).collect();
            let sets: std::collections::BTreeSet<&str> = c.parameters.iter().map(|p| p.set.as_str()).collect();
            let names: Vec<&str> = names.into_iter().collect();
            let sets: Vec<&str> = sets.into_iter().collect();
            let _ = writeln!(
                out,
                "      {}{}{open}{}{close}",
                pick(lang, "参数：", "parameters: "),
                names.join(sep),
                sets.join(pick(lang, "、", ", "))
            );
        }
        if !c.cases.is_empty() {
            // The full list is in the JSON; the text counts the cases of each file.
            let mut files: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
            for case in &c.cases {
                *files.entry(case.split_once(": ").map_or(case.as_str(), |(f, _)| f)).or_default() += 1;
            }
            let counts: Vec<String> = files
                .iter()
                .map(|(f, n)| match lang {
                    Language::Zh => format!("{} {n} 个", plain(f)),
                    Language::En => format!("{} ({n})", plain(f)),
                })
                .collect();
            let _ = writeln!(out, "      {}{}", pick(lang, "用例：", "cases: "), counts.join(sep));
        }
    }
    for u in &map.unknown {
        let _ = writeln!(
            out,
            "{}{} {} ({})",
            pick(lang, "目录中没有的条款：", "a clause not in the catalogue: "),
            u.document,
            u.clause,
            u.by
        );
    }
    let _ = match lang {
        Language::Zh => writeln!(
            out,
            "\n共 {} 条，已编码 {encoded} 条，未编码 {} 条。",
            map.clauses.len(),
            map.clauses.len() - encoded
        ),
        Language::En => writeln!(
            out,
            "\n{} clauses: {encoded} encoded, {} not encoded.",
            map.clauses.len(),
            map.clauses.len() - encoded
        ),
    };
    out
}

/// One line per case (✓ / ✗), each mismatch below a failed case, and the count.
fn text(results: &[(String, Vec<CaseOutcome>)], lang: Language) -> String {
    let mut out = String::new();
    let (mut passed, mut total) = (0usize, 0usize);
    for (file, outcomes) in results {
        let _ = writeln!(out, "{file}");
        for o in outcomes {
            total += 1;
            if o.passed {
                passed += 1;
                let _ = writeln!(out, "  {} {}", pick(lang, "通过", "pass"), plain(&o.name));
                continue;
            }
            let _ = writeln!(out, "  {} {}", pick(lang, "未通过", "FAIL"), plain(&o.name));
            for m in &o.mismatches {
                let diff = m.difference.map_or_else(String::new, |d| {
                    format!(
                        "{}{}",
                        pick(lang, "；差额 ", "; difference "),
                        if d.is_sign_positive() { format!("+{d}") } else { d.to_string() }
                    )
                });
                let _ = match lang {
                    Language::Zh => {
                        writeln!(out, "    {}：应为 {}，实为 {}{diff}", m.pointer, plain(&m.expected), plain(&m.got))
                    }
                    Language::En => {
                        writeln!(out, "    {}: expected {}, got {}{diff}", m.pointer, plain(&m.expected), plain(&m.got))
                    }
                };
            }
        }
    }
    let _ = match lang {
        Language::Zh => writeln!(out, "共 {total} 个案例：通过 {passed} 个，未通过 {} 个。", total - passed),
        Language::En => writeln!(out, "{total} cases: {passed} passed, {} failed.", total - passed),
    };
    out
}
