//! The audit page's checks of the rules: a bureau's case files, a proposed set compared, records verified.

use std::fmt::Write;

use fee_core::{escape_html as esc, grouped, Language, ParameterSet, Scenario};
use rust_decimal::Decimal;

use super::{error_note, t, text, Kept};

pub(super) fn cases_section(h: &mut String, k: &Kept, lang: Language) {
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

pub(super) fn compare_section(h: &mut String, k: &Kept, scenario: &Scenario, params: &ParameterSet, lang: Language) {
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
        error_note(h, e, lang);
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
        let is_fee = f.is_fee();
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

pub(super) fn record_section(h: &mut String, verified: &str, lang: Language) {
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
pub(super) fn verify(name: &str, bytes: &[u8], active: &ParameterSet, lang: Language) -> String {
    let record = crate::worker::utf8(bytes, name).and_then(fee_core::read_json::<fee_core::Record>);
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
