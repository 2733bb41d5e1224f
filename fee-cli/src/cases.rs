//! `fee test`: a bureau's worked cases run against the rules.

use std::fmt::Write as _;
use std::path::PathBuf;

use fee_core::{CaseFile, CaseOutcome, Language, ParameterSet};

use crate::render::{pick, plain};
use crate::{read, to_json, Failure, Format};

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
        let text = read(path)?;
        let yaml = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
        let file = if yaml { CaseFile::from_yaml(&text) } else { CaseFile::from_json(&text) }
            .map_err(|e| Failure::at(path, e))?;
        results.push((path.display().to_string(), file.run(set)));
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
