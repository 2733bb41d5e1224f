//! The batch worker's side of the audit page (规则核查) and of the cost page's backward solve:
//! the sources and the clause map, a bureau's own case files run, the draft scenario compared
//! under a proposed parameter set, a record made and verified, a parameter's history with a
//! projection, and a lever solved for a target fee. The page sends the draft scenario as JSON
//! text; every figure is made and rounded here.

use std::cell::RefCell;
use std::fmt::Write;

use fee_core::{escape_html as esc, CaseFile, CaseOutcome, Date, FeeError, Language, ParameterSet, Scenario};

use crate::batch_protocol::Response;
use crate::worker::t;

mod checks;
mod history;
mod solve;
mod sources;

use checks::{cases_section, compare_section, record_section, verify};
use history::history_section;
use solve::solve_section;
use sources::{cited, clauses_section, sources_section};

/// What the audit page keeps between requests: each section's last outcome.
#[derive(Default)]
struct Kept {
    /// The source a trace step's link asked for.
    cite: String,
    /// The case files run: each file's name and outcomes, or why it did not read.
    cases: Vec<(String, Result<Vec<CaseOutcome>, FeeError>)>,
    /// Whether the cases run under the page's parameter set (else the set each case names).
    cases_under_active: bool,
    /// The proposed parameter set to compare with, and where it came from.
    reform: Option<ParameterSet>,
    /// Why a proposed set did not read.
    reform_error: Option<FeeError>,
    /// The last record verified: its file name and the verification's markup.
    verified: String,
    /// The parameter whose history is shown, and the uprating rate typed.
    history: (String, String),
    /// The lever solved and the target typed (empty: the cap).
    solve: (String, String),
}

thread_local! {
    static KEPT: RefCell<Kept> = RefCell::new(Kept {
        history: ("income.household_monthly".into(), String::new()),
        solve: ("quota_subsidy".into(), String::new()),
        ..Kept::default()
    });
}

fn text<'a>(lang: Language, zh: &'a str, en: &'a str) -> &'a str {
    if lang == Language::Zh {
        zh
    } else {
        en
    }
}

/// A paragraph saying why a section could not be drawn.
fn error_note(h: &mut String, e: &FeeError, lang: Language) {
    let _ = write!(h, "<p class=\"error\" role=\"alert\">{}</p>", esc(&e.message(lang)));
}

fn failed(e: &FeeError) -> (Response, Vec<u8>) {
    (Response::failed_with(e), Vec::new())
}

/// The audit page (`solve` false) or the cost page's solve section (`solve` true) for the
/// `draft` scenario (JSON text), after reading `files` and applying `edit`.
pub fn audit(
    solve: bool,
    draft: &str,
    files: Vec<(&str, &[u8])>,
    edit: &[String],
    params: &ParameterSet,
    date: Date,
    lang: Language,
) -> (Response, Vec<u8>) {
    let part = |k: usize| edit.get(k).cloned().unwrap_or_default();
    let scenario = fee_core::read_json::<Scenario>(draft);
    // Files come with the section they were chosen for.
    if !files.is_empty() {
        let target = part(1);
        KEPT.with(|k| {
            let mut k = k.borrow_mut();
            match target.as_str() {
                "reform" => {
                    if let Some((name, bytes)) = files.first() {
                        match read_set(name, bytes) {
                            Ok(set) => (k.reform, k.reform_error) = (Some(set), None),
                            Err(e) => k.reform_error = Some(e),
                        }
                    }
                }
                "verify" => {
                    if let Some((name, bytes)) = files.first() {
                        k.verified = verify(name, bytes, params, lang);
                    }
                }
                _ => {
                    let under = k.cases_under_active.then_some(params);
                    k.cases =
                        files.iter().map(|(name, bytes)| (name.to_string(), run_cases(name, bytes, under))).collect();
                }
            }
        });
    }
    match part(0).as_str() {
        "cite" => KEPT.with(|k| k.borrow_mut().cite = part(1)),
        "cases-set" => KEPT.with(|k| k.borrow_mut().cases_under_active = part(2) == "active"),
        "reform-builtin" => {
            let set = ParameterSet::builtin_by_id(&part(2)).cloned();
            KEPT.with(|k| match set {
                Ok(s) => (k.borrow_mut().reform, k.borrow_mut().reform_error) = (Some(s), None),
                Err(e) => k.borrow_mut().reform_error = Some(e),
            });
        }
        "history" => KEPT.with(|k| k.borrow_mut().history = (part(2), part(3))),
        "solve" => KEPT.with(|k| k.borrow_mut().solve = (part(2), part(3))),
        "record" => return record_file(draft, params, "record.json"),
        _ => {}
    }
    let mut h = String::new();
    if solve {
        match &scenario {
            Ok(s) => solve_section(&mut h, s, params, lang),
            Err(e) => {
                error_note(&mut h, e, lang);
            }
        }
        return (Response::Page { sample: String::new(), html: h }, Vec::new());
    }
    let _ = write!(
        h,
        "<p class=\"hint\">{}</p>",
        t(
            lang,
            "供核查本工具的规则：每个数字出自哪份公开文件、方案每一条款由哪些规则编码、用本单位的算例检验、拟议参数与现行参数对比、记录可复核、参数的历年数值。",
            "For checking this tool's rules: which public document each number comes from, which rules encode each clause of the plan, a bureau's own worked cases, a proposed parameter set against the current one, records that can be verified, and a parameter's values over the years."
        )
    );
    KEPT.with(|k| {
        let k = k.borrow();
        cited(&mut h, &k.cite, lang);
        cases_section(&mut h, &k, lang);
        match &scenario {
            Ok(s) => {
                compare_section(&mut h, &k, s, params, lang);
                record_section(&mut h, &k.verified, lang);
            }
            Err(e) => {
                error_note(&mut h, e, lang);
            }
        }
        history_section(&mut h, &k.history, params, date, lang);
    });
    clauses_section(&mut h, lang);
    sources_section(&mut h, lang);
    (Response::Page { sample: String::new(), html: h }, Vec::new())
}

/// A record of `input` (a scenario, district sample or dossier as JSON) under `params`, with
/// its digests, offered for download as `name`.
pub fn record_file(input: &str, params: &ParameterSet, name: &str) -> (Response, Vec<u8>) {
    match fee_core::make_record(input, params).map(|r| serde_json::to_vec_pretty(&r)) {
        Ok(Ok(bytes)) => (Response::File { name: name.into(), mime: "application/json".into() }, bytes),
        Ok(Err(e)) => (Response::failed(format!("无法写出 JSON：{e}"), format!("cannot write JSON: {e}")), Vec::new()),
        Err(e) => failed(&e),
    }
}

/// The printed report of `input` under `params`, dated today by the browser's clock, as an
/// HTML file: a dossier (JSON), a scenario, or the check page's stored inputs, checked on
/// `date` with `income`.
pub fn report_file(
    input: &str,
    params: &ParameterSet,
    date: Date,
    income: &fee_core::IncomeBasis,
    lang: Language,
) -> (Response, Vec<u8>) {
    let today = crate::worker::district::today();
    let check = serde_json::from_str::<crate::store::StoredCheck>(input).ok().and_then(|c| c.restore());
    let html = if let Some((schedule, _)) = check {
        fee_core::check_schedule(&schedule, params, date, income)
            .map(|r| fee_core::check_report_html(&schedule, &r, params, date, lang, today))
    } else {
        match fee_core::read_json::<fee_core::Dossier>(input) {
            Ok(d) => {
                fee_core::check_dossier(&d, params).map(|r| fee_core::dossier_report_html(&d, &r, params, lang, today))
            }
            Err(_) => fee_core::read_json::<Scenario>(input).and_then(|s| {
                fee_core::evaluate(&s, params).map(|e| fee_core::scenario_report_html(&s, &e, params, lang, today))
            }),
        }
    };
    match html {
        Ok(html) => (Response::File { name: "report.html".into(), mime: "text/html".into() }, html.into_bytes()),
        Err(e) => failed(&e),
    }
}

/// A parameter set from a JSON, TOML or YAML file.
fn read_set(name: &str, bytes: &[u8]) -> Result<ParameterSet, FeeError> {
    let text = crate::worker::utf8(bytes, name)?;
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".toml") {
        ParameterSet::from_toml(text)
    } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
        ParameterSet::from_yaml(text)
    } else {
        ParameterSet::from_json(text)
    }
}

fn run_cases(name: &str, bytes: &[u8], under: Option<&ParameterSet>) -> Result<Vec<CaseOutcome>, FeeError> {
    let text = crate::worker::utf8(bytes, name)?;
    let lower = name.to_ascii_lowercase();
    let file = if lower.ends_with(".yaml") || lower.ends_with(".yml") {
        CaseFile::from_yaml(text)
    } else {
        CaseFile::from_json(text)
    }?;
    Ok(file.run(under))
}
