//! The batch worker's side of the audit page (规则核查) and of the cost page's backward solve:
//! the sources and the clause map, a bureau's own case files run, the draft scenario compared
//! under a proposed parameter set, a record made and verified, a parameter's history with a
//! projection, and a lever solved for a target fee. The page sends the draft scenario as JSON
//! text; every figure is made and rounded here.

use std::cell::RefCell;
use std::fmt::Write;

use fee_core::{
    escape_html as esc, grouped, parse_amount, CaseFile, CaseOutcome, Date, FeeError, Language, Lever, ParameterSet,
    Scenario, Step,
};
use rust_decimal::Decimal;

use crate::batch_protocol::Response;

/// The source list, as shipped in docs/sources.md.
const SOURCES: &str = include_str!("../../../docs/sources.md");

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

fn t(lang: Language, zh: &'static str, en: &'static str) -> &'static str {
    if lang == Language::Zh {
        zh
    } else {
        en
    }
}

fn text<'a>(lang: Language, zh: &'a str, en: &'a str) -> &'a str {
    if lang == Language::Zh {
        zh
    } else {
        en
    }
}

fn failed(e: &FeeError) -> (Response, Vec<u8>) {
    (Response::failed_with(e), Vec::new())
}

/// The audit page (`solve` false) or the cost page's solve section (`solve` true) for the draft
/// `scenario` (JSON text), after reading `files` and applying `edit`.
pub fn audit(
    solve: bool,
    scenario: &str,
    files: Vec<(&str, &[u8])>,
    edit: &[String],
    params: &ParameterSet,
    date: Date,
    lang: Language,
) -> (Response, Vec<u8>) {
    let part = |k: usize| edit.get(k).cloned().unwrap_or_default();
    let scenario = fee_core::read_json::<Scenario>(scenario);
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
        "record" => {
            let s = match &scenario {
                Ok(s) => s,
                Err(e) => return failed(e),
            };
            let json = match serde_json::to_string(s) {
                Ok(j) => j,
                Err(e) => return failed(&FeeError::invalid("scenario", "", e.to_string())),
            };
            return match fee_core::make_record(&json, params).map(|r| serde_json::to_vec_pretty(&r)) {
                Ok(Ok(bytes)) => {
                    (Response::File { name: "record.json".into(), mime: "application/json".into() }, bytes)
                }
                Ok(Err(e)) => failed(&FeeError::invalid("record", "", e.to_string())),
                Err(e) => failed(&e),
            };
        }
        _ => {}
    }
    let mut h = String::new();
    if solve {
        match &scenario {
            Ok(s) => solve_section(&mut h, s, params, lang),
            Err(e) => {
                let _ = write!(h, "<p class=\"error\" role=\"alert\">{}</p>", esc(&e.message(lang)));
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
                let _ = write!(h, "<p class=\"error\" role=\"alert\">{}</p>", esc(&e.message(lang)));
            }
        }
        history_section(&mut h, &k.history, params, date, lang);
    });
    clauses_section(&mut h, lang);
    sources_section(&mut h, lang);
    (Response::Page { sample: String::new(), html: h }, Vec::new())
}

/// A parameter set from a JSON, TOML or YAML file.
fn read_set(name: &str, bytes: &[u8]) -> Result<ParameterSet, FeeError> {
    let text = std::str::from_utf8(bytes).map_err(|_| FeeError::invalid("parameter_set", name, "not UTF-8 text"))?;
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
    let text = std::str::from_utf8(bytes).map_err(|_| FeeError::invalid("cases", name, "not UTF-8 text"))?;
    let lower = name.to_ascii_lowercase();
    let file = if lower.ends_with(".yaml") || lower.ends_with(".yml") {
        CaseFile::from_yaml(text)
    } else {
        CaseFile::from_json(text)
    }?;
    Ok(file.run(under))
}

/// The entry of docs/sources.md that `cite` names, shown first when a trace step's link opened
/// the page.
fn cited(h: &mut String, cite: &str, lang: Language) {
    if cite.is_empty() {
        return;
    }
    let _ = write!(
        h,
        "<section class=\"cited\" data-testid=\"cited\"><h3>{}</h3><p><q>{}</q></p>",
        t(lang, "所引来源", "The source cited"),
        esc(cite)
    );
    match entries().into_iter().find(|(_, tokens, _)| tokens.iter().any(|tok| cite.contains(tok.as_str()))) {
        Some((title, _, body)) => {
            let _ = write!(h, "<h4>{}</h4>{}", esc(&title), markdown(&body));
        }
        None => {
            let _ = write!(
                h,
                "<p class=\"hint\">{}</p>",
                t(
                    lang,
                    "本工具的计算方法或用户输入，不出自外部文件。",
                    "A method of this tool or a user input, not an outside document."
                )
            );
        }
    }
    // The clauses of that document the catalogue lists.
    let clauses: Vec<_> =
        fee_core::CLAUSES.iter().filter(|c| cite.contains(c.document) && cite.contains(c.id)).collect();
    for c in clauses {
        let _ = write!(
            h,
            "<p><strong>{} {}</strong>：{}</p>",
            esc(c.document),
            esc(c.id),
            esc(text(lang, c.summary_zh, c.summary_en))
        );
    }
    h.push_str("</section>");
}

/// The entries of docs/sources.md: each `###` heading (or example bullet) with its cited-as
/// tokens and its text.
fn entries() -> Vec<(String, Vec<String>, String)> {
    let mut out = Vec::new();
    for block in SOURCES.split("\n### ").skip(1) {
        let (title, body) = block.split_once('\n').unwrap_or((block, ""));
        let body = body.split("\n## ").next().unwrap_or(body);
        let mut tokens = Vec::new();
        for piece in body.split("**Cited as:**").skip(1) {
            let run = piece.lines().next().unwrap_or("");
            tokens.extend(run.split('`').skip(1).step_by(2).map(str::to_string));
        }
        out.push((title.trim().to_string(), tokens, body.to_string()));
    }
    // The examples section lists its sources as bullets, each with its own tokens.
    if let Some(examples) = SOURCES.split("\n## Examples from other places").nth(1) {
        let section = examples.split("\n## ").next().unwrap_or(examples);
        for bullet in section.split("\n- ").skip(1) {
            let tokens: Vec<String> = bullet
                .split("**Cited as:**")
                .skip(1)
                .flat_map(|p| p.split('`').skip(1).step_by(2).take(2).map(str::to_string).collect::<Vec<_>>())
                .collect();
            let title = bullet.split("**").nth(1).unwrap_or("").trim_end_matches(':').to_string();
            out.push((title, tokens, format!("- {bullet}")));
        }
    }
    out
}

/// A small reader of the markdown sources.md uses: `##`/`###` headings, bullets (one level
/// of nesting), paragraphs, **bold**, `code` and [links](…) (their text only: the page is offline).
fn markdown(md: &str) -> String {
    fn inline(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        // Links: keep the text.
        let mut plain = String::new();
        while let Some(open) = rest.find('[') {
            let Some(close) = rest[open..].find("](").map(|c| open + c) else { break };
            let Some(end) = rest[close..].find(')').map(|e| close + e) else { break };
            plain.push_str(&rest[..open]);
            plain.push_str(&rest[open + 1..close]);
            rest = &rest[end + 1..];
        }
        plain.push_str(rest);
        for (i, part) in esc(&plain).split("**").enumerate() {
            let part: String = part
                .split('`')
                .enumerate()
                .map(|(j, p)| if j % 2 == 1 { format!("<code>{p}</code>") } else { p.to_string() })
                .collect();
            if i % 2 == 1 {
                let _ = write!(out, "<strong>{part}</strong>");
            } else {
                out.push_str(&part);
            }
        }
        out
    }
    let mut h = String::new();
    let mut depth = 0usize;
    let mut para: Vec<&str> = Vec::new();
    let mut item = String::new();
    let flush_item = |h: &mut String, item: &mut String| {
        if !item.is_empty() {
            let _ = write!(h, "<li>{}</li>", inline(item.trim()));
            item.clear();
        }
    };
    for line in md.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(bullet) = trimmed.strip_prefix("- ") {
            if !para.is_empty() {
                let _ = write!(h, "<p>{}</p>", inline(&para.join(" ")));
                para.clear();
            }
            flush_item(&mut h, &mut item);
            let want = if indent >= 2 { 2 } else { 1 };
            while depth < want {
                h.push_str("<ul>");
                depth += 1;
            }
            while depth > want {
                h.push_str("</ul>");
                depth -= 1;
            }
            item = bullet.to_string();
        } else if trimmed.is_empty() {
            flush_item(&mut h, &mut item);
            while depth > 0 {
                h.push_str("</ul>");
                depth -= 1;
            }
            if !para.is_empty() {
                let _ = write!(h, "<p>{}</p>", inline(&para.join(" ")));
                para.clear();
            }
        } else if let Some(title) = trimmed.strip_prefix("### ") {
            let _ = write!(h, "<h5>{}</h5>", inline(title));
        } else if let Some(title) = trimmed.strip_prefix("## ") {
            let _ = write!(h, "<h4>{}</h4>", inline(title));
        } else if trimmed.starts_with("# ") {
        } else if depth > 0 {
            item.push(' ');
            item.push_str(trimmed);
        } else {
            para.push(trimmed);
        }
    }
    flush_item(&mut h, &mut item);
    while depth > 0 {
        h.push_str("</ul>");
        depth -= 1;
    }
    if !para.is_empty() {
        let _ = write!(h, "<p>{}</p>", inline(&para.join(" ")));
    }
    h
}

fn sources_section(h: &mut String, lang: Language) {
    let _ = write!(
        h,
        "<details class=\"sources-list\"><summary>{}</summary><p class=\"hint\">{}</p>{}</details>",
        t(lang, "来源（docs/sources.md）", "Sources (docs/sources.md)"),
        t(
            lang,
            "来源说明以英文撰写，文件名称与文号为原文。",
            "Each source as the project lists it, with the documents' own titles and numbers."
        ),
        markdown(SOURCES.split_once('\n').map_or(SOURCES, |(_, rest)| rest))
    );
}

fn clauses_section(h: &mut String, lang: Language) {
    let map = match fee_core::project_cases().and_then(|c| fee_core::clause_map(&c)) {
        Ok(m) => m,
        Err(e) => {
            let _ = write!(h, "<p class=\"error\" role=\"alert\">{}</p>", esc(&e.message(lang)));
            return;
        }
    };
    let encoded = map.clauses.iter().filter(|c| c.is_encoded()).count();
    let _ = write!(
        h,
        "<details class=\"clauses\" open><summary>{}</summary><p class=\"hint\" data-testid=\"clause-count\">{}</p><table class=\"lines\" data-testid=\"clause-map\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        t(lang, "条款对照", "Clause map"),
        match lang {
            Language::Zh => format!("共 {} 条，已编码 {encoded} 条，未编码 {} 条（由规则、参数和算例生成，非手写）。", map.clauses.len(), map.clauses.len() - encoded),
            Language::En => format!("{} clauses: {encoded} encoded, {} not encoded (generated from the rules, parameters and cases, not written by hand).", map.clauses.len(), map.clauses.len() - encoded),
        },
        t(lang, "文件与条款", "Document and clause"),
        t(lang, "内容", "What it says"),
        t(lang, "规则", "Rules"),
        t(lang, "参数", "Parameters"),
        t(lang, "算例", "Cases"),
    );
    for c in &map.clauses {
        let _ = write!(
            h,
            "<tr data-clause=\"{} {}\"><th scope=\"row\">{}<br>{}</th><td>{}</td>",
            esc(&c.document),
            esc(&c.clause),
            esc(&c.document),
            esc(&c.clause),
            esc(text(lang, &c.summary_zh, &c.summary_en))
        );
        if let Some((zh, en)) = &c.not_encoded {
            let _ = write!(
                h,
                "<td colspan=\"3\" class=\"hint\">{}{}</td></tr>",
                t(lang, "未编码：", "Not encoded: "),
                esc(text(lang, zh, en))
            );
            continue;
        }
        let rules: Vec<String> = c
            .rules
            .iter()
            .map(|r| format!("<code>{}</code> {}", esc(&r.id), esc(text(lang, &r.label_zh, &r.label_en))))
            .collect();
        let mut names: Vec<&str> = c.parameters.iter().map(|p| p.name.as_str()).collect();
        names.dedup();
        let params: Vec<String> = names.iter().map(|n| format!("<code>{}</code>", esc(n))).collect();
        let _ = write!(
            h,
            "<td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            rules.join("<br>"),
            params.join("<br>"),
            c.cases.len()
        );
    }
    h.push_str("</tbody></table></details>");
}

fn cases_section(h: &mut String, k: &Kept, lang: Language) {
    let _ = write!(
        h,
        "<section class=\"audit-cases\"><h3>{}</h3><p class=\"hint\">{}</p><div class=\"drop\"><label for=\"audit-cases\">{}</label><input id=\"audit-cases\" type=\"file\" multiple accept=\".json,.yaml,.yml\" data-edit=\"files\" data-id=\"cases\"></div><div class=\"field\"><label for=\"audit-cases-set\">{}</label><select id=\"audit-cases-set\" data-edit=\"cases-set\"><option value=\"named\"{}>{}</option><option value=\"active\"{}>{}</option></select></div>",
        t(lang, "本单位算例", "A bureau's own cases"),
        t(lang, "案例文件（YAML 或 JSON，格式同 docs/testing-your-rules.md）：输入、参数集与手算的预期结果，金额精确比较。", "Case files (YAML or JSON, as in docs/testing-your-rules.md): inputs, the parameter set and the figures worked out by hand, amounts compared exactly."),
        t(lang, "选择或拖入案例文件", "Choose or drop case files"),
        t(lang, "按哪个参数集运行", "Run under"),
        if k.cases_under_active { "" } else { " selected" },
        t(lang, "各案例所指定的参数集", "the set each case names"),
        if k.cases_under_active { " selected" } else { "" },
        t(lang, "当前参数集", "the active parameter set"),
    );
    if !k.cases.is_empty() {
        let (mut passed, mut total) = (0usize, 0usize);
        h.push_str("<ul class=\"case-results\" data-testid=\"case-results\">");
        for (file, outcome) in &k.cases {
            let _ = write!(h, "<li><strong>{}</strong>", esc(file));
            match outcome {
                Err(e) => {
                    let _ = write!(h, "<p class=\"error\">{}</p>", esc(&e.message(lang)));
                }
                Ok(list) => {
                    h.push_str("<ul>");
                    for o in list {
                        total += 1;
                        passed += usize::from(o.passed);
                        let _ = write!(
                            h,
                            "<li class=\"{}\">{} {}",
                            if o.passed { "pass" } else { "fail" },
                            if o.passed { t(lang, "通过", "pass") } else { t(lang, "未通过", "FAIL") },
                            esc(&o.name)
                        );
                        for m in &o.mismatches {
                            let diff = m.difference.map_or_else(String::new, |d| {
                                let sign = if d.is_sign_positive() && !d.is_zero() { "+" } else { "" };
                                format!("{}{sign}{}", t(lang, "；差额 ", "; difference "), grouped(d))
                            });
                            let _ = match lang {
                                Language::Zh => write!(
                                    h,
                                    "<br><code>{}</code>：应为 {}，实为 {}{diff}",
                                    esc(&m.pointer),
                                    esc(&m.expected),
                                    esc(&m.got)
                                ),
                                Language::En => write!(
                                    h,
                                    "<br><code>{}</code>: expected {}, got {}{diff}",
                                    esc(&m.pointer),
                                    esc(&m.expected),
                                    esc(&m.got)
                                ),
                            };
                        }
                        h.push_str("</li>");
                    }
                    h.push_str("</ul>");
                }
            }
            h.push_str("</li>");
        }
        h.push_str("</ul>");
        let _ = match lang {
            Language::Zh => write!(
                h,
                "<p data-testid=\"case-count\">共 {total} 个案例：通过 {passed} 个，未通过 {} 个。</p>",
                total - passed
            ),
            Language::En => write!(
                h,
                "<p data-testid=\"case-count\">{total} cases: {passed} passed, {} failed.</p>",
                total - passed
            ),
        };
    }
    h.push_str("</section>");
}

fn signed(v: Decimal, shown: String) -> String {
    if v.is_sign_positive() && !v.is_zero() {
        format!("+{shown}")
    } else {
        shown
    }
}

fn compare_section(h: &mut String, k: &Kept, scenario: &Scenario, params: &ParameterSet, lang: Language) {
    let _ = write!(
        h,
        "<section class=\"reform\"><h3>{}</h3><p class=\"hint\">{}</p><div class=\"row\"><div class=\"field\"><label for=\"audit-reform-builtin\">{}</label><select id=\"audit-reform-builtin\" data-edit=\"reform-builtin\"><option value=\"\"></option>",
        t(lang, "改革对比", "Reform comparison"),
        t(lang, "成本测算页的当前情景，分别按当前参数集与拟议参数集测算，逐项列出差额。", "The cost page's scenario under the active parameter set and under a proposed one, figure by figure."),
        t(lang, "拟议参数集：内置", "Proposed set: built in"),
    );
    for s in ParameterSet::builtin().unwrap_or_default() {
        let selected =
            if k.reform.as_ref().is_some_and(|r| r.id == s.id && r.version == s.version) { " selected" } else { "" };
        let _ = write!(h, "<option value=\"{}\"{selected}>{} {}</option>", esc(&s.id), esc(&s.id), esc(&s.version));
    }
    let _ = write!(
        h,
        "</select></div><div class=\"drop\"><label for=\"audit-reform-file\">{}</label><input id=\"audit-reform-file\" type=\"file\" accept=\".json,.toml,.yaml,.yml\" data-edit=\"files\" data-id=\"reform\"></div></div>",
        t(lang, "或从文件载入（JSON、TOML、YAML）", "or from a file (JSON, TOML, YAML)"),
    );
    if let Some(e) = &k.reform_error {
        let _ = write!(h, "<p class=\"error\" role=\"alert\">{}</p>", esc(&e.message(lang)));
    }
    let Some(reform) = &k.reform else {
        h.push_str("</section>");
        return;
    };
    let c = match fee_core::compare_scenario(scenario, params, reform) {
        Ok(c) => c,
        Err(e) => {
            let _ = write!(h, "<p class=\"error\" role=\"alert\">{}</p></section>", esc(&e.message(lang)));
            return;
        }
    };
    let date = scenario.date;
    let _ = write!(
        h,
        "<p>{} {} {} → {} {} {}</p><table class=\"lines\" data-testid=\"reform-table\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">Δ</th><th scope=\"col\">Δ%</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        esc(&c.base_set.id),
        esc(&c.base_set.version),
        t(lang, "（现行）", "(base)"),
        esc(&c.reform_set.id),
        esc(&c.reform_set.version),
        t(lang, "（拟议）", "(proposed)"),
        t(lang, "项目", "Figure"),
        t(lang, "现行", "Base"),
        t(lang, "拟议", "Proposed"),
        t(lang, "单位", "Unit"),
    );
    for f in &c.figures {
        let is_fee = f.key.starts_with("fee.") || f.key == "tested_fee" || f.key.ends_with(".fee");
        let money = |v: Decimal| {
            grouped(if is_fee {
                params.round_fee(v, date).unwrap_or(v)
            } else {
                params.round_money(v, date).unwrap_or(v)
            })
        };
        let share = f.delta_share.map_or_else(
            || "—".to_string(),
            |d| {
                params
                    .round_percent(d, date)
                    .map_or_else(|_| d.to_string(), |p| format!("{}%", signed(p, p.to_string())))
            },
        );
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{share}</td><td>{}</td></tr>",
            esc(text(lang, &f.label_zh, &f.label_en)),
            money(f.base),
            money(f.reform),
            signed(f.delta, money(f.delta)),
            fee_core::unit_name(&f.unit, lang)
        );
    }
    h.push_str("</tbody></table>");
    for (title, list) in [
        (t(lang, "拟议参数下新出现的发现", "Findings the proposal brings"), &c.appear),
        (t(lang, "拟议参数下不再出现的发现", "Findings the proposal removes"), &c.disappear),
    ] {
        let _ = write!(h, "<h4>{title}</h4><ul>");
        if list.is_empty() {
            let _ = write!(h, "<li>{}</li>", t(lang, "无", "none"));
        }
        for f in list {
            let _ = write!(h, "<li>{}</li>", esc(&f.message.text(lang)));
        }
        h.push_str("</ul>");
    }
    h.push_str("</section>");
}

fn record_section(h: &mut String, verified: &str, lang: Language) {
    let _ = write!(
        h,
        "<section class=\"records\"><h3>{}</h3><p class=\"hint\">{}</p><p class=\"row\"><button data-edit=\"record\">{}</button></p><div class=\"drop\"><label for=\"audit-verify\">{}</label><input id=\"audit-verify\" type=\"file\" accept=\".json\" data-edit=\"files\" data-id=\"verify\"></div>{verified}</section>",
        t(lang, "可复核记录", "Reproducible records"),
        t(lang, "记录保存情景、结果及参数集、输入、结果与程序版本的 SHA-256 摘要；日后载入即可复核（与 fee verify 相同）。", "A record keeps the scenario, its result, and SHA-256 digests of the parameter set, the input, the result and the program; load it later to verify it (as fee verify does)."),
        t(lang, "下载当前情景的记录（JSON）", "Download a record of the current scenario (JSON)"),
        t(lang, "载入记录以复核", "Load a record to verify"),
    );
}

/// The verification of a record file, as markup.
fn verify(name: &str, bytes: &[u8], active: &ParameterSet, lang: Language) -> String {
    let record = std::str::from_utf8(bytes)
        .map_err(|_| FeeError::invalid("record", name, "not UTF-8 text"))
        .and_then(fee_core::read_json::<fee_core::Record>);
    let record = match record {
        Ok(r) => r,
        Err(e) => {
            return format!(
                "<p class=\"error\" role=\"alert\" data-testid=\"verified\">{}：{}</p>",
                esc(name),
                esc(&e.message(lang))
            )
        }
    };
    // Under the active set when it is the recorded one, else the built-in set of that id.
    let recorded = &record.provenance.parameter_set.id;
    let set = if &active.id == recorded { Ok(active) } else { ParameterSet::builtin_by_id(recorded).or(Ok(active)) };
    let v = match set.and_then(|s| fee_core::verify_record(&record, s)) {
        Ok(v) => v,
        Err(e) => {
            return format!("<p class=\"error\" role=\"alert\" data-testid=\"verified\">{}</p>", esc(&e.message(lang)))
        }
    };
    let mut h = format!("<div data-testid=\"verified\"><p><strong>{}</strong>：", esc(name));
    h.push_str(if v.reproduced {
        t(
            lang,
            "已复现：输入与结果与记录一致，重新测算结果相同。",
            "reproduced: the input and result are as recorded, and evaluating again gives the same result.",
        )
    } else {
        t(lang, "未能复现。", "not reproduced.")
    });
    h.push_str("</p><ul>");
    for (yes, zh, en) in [
        (v.input_changed, "输入在记录之后被改动（与其摘要不符）", "the input was changed after the record was made"),
        (v.result_changed, "结果在记录之后被改动（与其摘要不符）", "the result was edited after the record was made"),
        (
            v.parameter_set_changed,
            "所用参数集的内容与记录时不同",
            "the parameter set's content differs from the recorded one",
        ),
        (v.program_changed, "程序版本与记录时不同", "the program is another version than the recorded one"),
    ] {
        if yes {
            let _ = write!(h, "<li>{}</li>", text(lang, zh, en));
        }
    }
    h.push_str("</ul>");
    if !v.differences.is_empty() {
        let _ = write!(
            h,
            "<table class=\"lines\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            t(lang, "位置", "Where"),
            t(lang, "记录值", "Recorded"),
            t(lang, "现值", "Now")
        );
        for d in &v.differences {
            let _ = write!(
                h,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                esc(&d.pointer),
                esc(&d.recorded),
                esc(&d.now)
            );
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</div>");
    h
}

fn history_section(h: &mut String, kept: &(String, String), params: &ParameterSet, date: Date, lang: Language) {
    let (name, rate) = kept;
    let _ = write!(
        h,
        "<section class=\"history\"><h3>{}</h3><div class=\"row\"><div class=\"field\"><label for=\"audit-history-key\">{}</label><select id=\"audit-history-key\" data-edit=\"history\" data-fields=\"audit-history-key audit-history-rate\">",
        t(lang, "参数历史", "Parameter history"),
        t(lang, "参数", "Parameter"),
    );
    for (key, p) in params.parameters() {
        let numeric = p.values.iter().all(|v| v.value.decimal().is_some());
        if !numeric {
            continue;
        }
        let selected = if key.as_ref() == name { " selected" } else { "" };
        let _ = write!(
            h,
            "<option value=\"{}\"{selected}>{} · {}</option>",
            esc(key),
            esc(text(lang, &p.title_zh, &p.title_en)),
            esc(key)
        );
    }
    let _ = write!(
        h,
        "</select></div><div class=\"field\"><label for=\"audit-history-rate\">{}</label><input id=\"audit-history-rate\" type=\"text\" inputmode=\"decimal\" value=\"{}\" data-edit=\"history\" data-fields=\"audit-history-key audit-history-rate\"></div></div>",
        t(lang, "假设年增长率（%，空为不推算）", "Assumed uprating a year (%; empty: no projection)"),
        esc(rate)
    );
    let uprate = match rate.trim() {
        "" => Ok(None),
        r => parse_amount(r, "uprate").map(|p| Some(p / Decimal::ONE_HUNDRED)),
    };
    let history = uprate.and_then(|u| fee_core::parameter_history(params, name, u));
    let hist = match history {
        Ok(x) => x,
        Err(e) => {
            let _ = write!(h, "<p class=\"error\" role=\"alert\">{}</p></section>", esc(&e.message(lang)));
            return;
        }
    };
    let unit = fee_core::unit_name(&hist.unit, lang);
    let shown = |v: Decimal| grouped(params.round_money(v, date).map(|r| r.normalize()).unwrap_or(v));
    let mut points: Vec<(String, Decimal, Option<Decimal>, bool)> = Vec::new();
    let _ = write!(
        h,
        "<table class=\"lines\" data-testid=\"history-table\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>{}<th scope=\"col\">{}</th></tr></thead><tbody>",
        t(lang, "起", "From"),
        t(lang, "止", "Until"),
        t(lang, "数值", "Value"),
        if hist.points.iter().any(|p| p.cap.is_some()) { format!("<th scope=\"col\">{}</th>", t(lang, "对应上限（元/月）", "Cap it gives (yuan a month)")) } else { String::new() },
        t(lang, "标签与出处", "Label and reference"),
    );
    let has_cap = hist.points.iter().any(|p| p.cap.is_some());
    for p in &hist.points {
        let value = p.value.parse::<Decimal>().ok();
        if let Some(v) = value {
            points.push((p.from.year().to_string(), v, p.cap, false));
        }
        let until = p.until.map_or_else(|| t(lang, "至今", "on").to_string(), |d| d.to_string());
        let cap = if has_cap {
            format!("<td class=\"num\">{}</td>", p.cap.map(grouped).unwrap_or_default())
        } else {
            String::new()
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{until}</td><td class=\"num\">{} {unit}</td>{cap}<td>[{}] {}</td></tr>",
            p.from,
            value.map_or_else(|| esc(&p.value), shown),
            text(lang, p.label.name_zh(), p.label.name_en()),
            esc(&p.reference)
        );
    }
    if let Some(p) = &hist.projection {
        points.push((p.from.year().to_string(), p.value, p.cap, true));
        let cap = if has_cap {
            format!("<td class=\"num\">{}</td>", p.cap.map(grouped).unwrap_or_default())
        } else {
            String::new()
        };
        let rate = (p.rate * Decimal::ONE_HUNDRED).normalize();
        let _ = write!(
            h,
            "<tr class=\"assumption\"><td>{}</td><td></td><td class=\"num\">{} {unit}</td>{cap}<td>{}</td></tr>",
            p.from,
            shown(p.value),
            match lang {
                Language::Zh => format!("假设：按输入的年增长率 {rate}% 推算，非公布数"),
                Language::En => format!("An assumption: uprated by the {rate}% a year entered, not a published figure"),
            }
        );
    }
    h.push_str("</tbody></table>");
    h.push_str(&history_chart(&points, has_cap, lang));
    h.push_str("</section>");
}

/// A small line chart of the values (and the caps they give), the projection dashed.
fn history_chart(points: &[(String, Decimal, Option<Decimal>, bool)], cap: bool, lang: Language) -> String {
    use rust_decimal::prelude::ToPrimitive;
    if points.len() < 2 {
        return String::new();
    }
    let series: Vec<Decimal> = points.iter().map(|p| if cap { p.2.unwrap_or(p.1) } else { p.1 }).collect();
    let (lo, hi) = series.iter().fold((series[0], series[0]), |(l, h), v| (l.min(*v), h.max(*v)));
    let span = if hi > lo { hi - lo } else { Decimal::ONE };
    let (w, ht, left, top) = (480i64, 160i64, 70i64, 16i64);
    let step = (w - left - 20) / (points.len() as i64 - 1).max(1);
    let y = |v: Decimal| top + ((hi - v) * Decimal::from(ht - top - 30) / span).round().to_i64().unwrap_or(0);
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {w} {ht}\" width=\"{w}\" height=\"{ht}\"><title>{}</title>",
        if cap {
            t(lang, "各年收入对应的收费上限", "The cap each year's income gives")
        } else {
            t(lang, "各年数值", "Values by year")
        }
    );
    for (k, v) in [hi, lo].iter().enumerate() {
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\">{}</text>",
            left - 6,
            y(*v) + 4 - 2 * k as i64,
            grouped(v.round_dp(0))
        );
    }
    let mut path = String::new();
    for (i, (year, _, _, projected)) in points.iter().enumerate() {
        let x = left + step * i as i64;
        let yy = y(series[i]);
        let _ = write!(path, "{}{x},{yy}", if i == 0 { "M" } else { " L" });
        let _ = write!(
            svg,
            "<circle cx=\"{x}\" cy=\"{yy}\" r=\"3\"{}></circle><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{year}{}</text>",
            if *projected { " fill=\"none\" stroke=\"currentColor\"" } else { "" },
            ht - 10,
            if *projected { t(lang, "（假设）", " (assumed)") } else { "" }
        );
    }
    let _ = write!(svg, "<path d=\"{path}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"></path></svg>");
    svg
}

fn solve_section(h: &mut String, scenario: &Scenario, params: &ParameterSet, lang: Language) {
    let (lever_name, target_text) = KEPT.with(|k| k.borrow().solve.clone());
    let lever = Lever::ALL
        .into_iter()
        .find(|l| serde_json::to_value(l).ok().and_then(|v| v.as_str().map(|s| s == lever_name)).unwrap_or(false))
        .unwrap_or(Lever::QuotaSubsidy);
    let _ = write!(
        h,
        "<p class=\"hint\">{}</p><div class=\"row\"><div class=\"field\"><label for=\"solve-lever\">{}</label><select id=\"solve-lever\" data-edit=\"solve\" data-fields=\"solve-lever solve-target\">",
        t(lang, "给定目标收费，逐一求出某个杠杆应取的值（其余不变），并正向验算。", "For a target fee, the value one lever must take (the rest unchanged), checked by evaluating forward."),
        t(lang, "杠杆", "Lever"),
    );
    for l in Lever::ALL {
        let key = serde_json::to_value(l).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let selected = if l == lever { " selected" } else { "" };
        let _ = write!(h, "<option value=\"{key}\"{selected}>{}</option>", text(lang, l.name_zh(), l.name_en()));
    }
    let _ = write!(
        h,
        "</select></div><div class=\"field\"><label for=\"solve-target\">{}</label><input id=\"solve-target\" type=\"text\" inputmode=\"decimal\" value=\"{}\" data-edit=\"solve\" data-fields=\"solve-lever solve-target\"></div></div>",
        t(lang, "目标收费（元/生·月，空为上限）", "Target fee (yuan per child-month; empty: the cap)"),
        esc(&target_text)
    );
    let date = scenario.date;
    let target = match target_text.trim() {
        "" => fee_core::evaluate(scenario, params).map(|e| e.cap.cap),
        t => parse_amount(t, "target"),
    };
    let x = match target.and_then(|target| fee_core::solve(scenario, params, lever, target)) {
        Ok(x) => x,
        Err(e) => {
            let _ = write!(h, "<p class=\"error\" role=\"alert\">{}</p>", esc(&e.message(lang)));
            return;
        }
    };
    let ratio = lever.unit() == "ratio";
    let unit = if ratio { String::new() } else { format!(" {}", fee_core::unit_name(lever.unit(), lang)) };
    let shown = |v: Decimal| {
        if ratio {
            params.round_percent(v, date).map_or_else(|_| v.to_string(), |p| format!("{p}%"))
        } else {
            grouped(params.round_money(v, date).unwrap_or(v))
        }
    };
    let _ = write!(h, "<p data-testid=\"solve-message\">{}</p><dl class=\"figures\">", esc(&x.message.text(lang)));
    let mut row = |label: &str, value: String| {
        let _ = write!(h, "<dt>{}</dt><dd class=\"num\">{value}</dd>", esc(label));
    };
    row(
        t(lang, "目标收费", "Target fee"),
        format!("{} {}", grouped(x.target), fee_core::unit_name("yuan/child-month", lang)),
    );
    if let Some(c) = x.current {
        row(t(lang, "现值", "Now"), format!("{}{unit}", shown(c)));
    }
    if let Some(e) = x.exact {
        row(t(lang, "精确解", "Exact"), format!("{}{unit}", shown(e)));
    }
    if let Some(v) = x.value {
        let v = if ratio { shown(v) } else { grouped(v) };
        row(t(lang, "取值（按规则取整）", "Value (rounded by the rules)"), format!("{v}{unit}"));
    }
    if let (Some(n), Some(f)) = (x.net_at_value, x.fee_at_value) {
        row(
            t(lang, "验算：生均月净成本", "Check: net cost per child-month"),
            format!(
                "{} {}",
                grouped(params.round_money(n, date).unwrap_or(n)),
                fee_core::unit_name("yuan/child-month", lang)
            ),
        );
        row(t(lang, "验算：收费", "Check: fee"), format!("{} {}", grouped(f), fee_core::unit_name("yuan/month", lang)));
    }
    h.push_str("</dl>");
    let _ = write!(h, "<details class=\"why\"><summary>{}</summary><ol>", t(lang, "求解过程", "How it was solved"));
    for s in x.trace.steps() {
        step(h, s, params, date, lang);
    }
    h.push_str("</ol></details>");
}

/// One trace step: label, result with its unit, formula, inputs and sources, figures rounded by
/// the set's rules.
fn step(h: &mut String, s: &Step, params: &ParameterSet, date: Date, lang: Language) {
    let shown = |v: Decimal| {
        if v.abs() < Decimal::ONE && !v.is_zero() {
            params.round_share(v, date).map_or_else(|_| v.to_string(), |r| r.normalize().to_string())
        } else {
            grouped(params.round_money(v, date).map(|r| if v.scale() == 0 { v } else { r }).unwrap_or(v))
        }
    };
    let inputs: Vec<String> = s.inputs.iter().map(|v| format!("{} = {}", esc(&v.name), shown(v.value))).collect();
    let _ = write!(
        h,
        "<li class=\"step\"><div><strong>{}</strong> = <span class=\"num\">{}</span> {}</div><div class=\"formula\"><code>{}</code></div><div class=\"inputs\">{}</div><ul class=\"sources\">",
        esc(text(lang, &s.label_zh, &s.label_en)),
        shown(s.result),
        fee_core::unit_name(&s.unit, lang),
        esc(&s.formula),
        inputs.join(t(lang, "，", ", "))
    );
    for src in &s.sources {
        let _ = write!(h, "<li>{}</li>", esc(&src.text(lang)));
    }
    h.push_str("</ul></li>");
}
