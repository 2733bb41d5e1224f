//! The cost page's backward solve: a lever's value for a target fee, with the trace.

use std::fmt::Write;

use fee_core::{escape_html as esc, grouped, parse_amount, Language, Lever, ParameterSet, Scenario};
use rust_decimal::Decimal;

use super::{error_note, t, text, KEPT};

/// A lever's name as its JSON writes it (`quota_subsidy`), the value of its option.
fn lever_key(l: Lever) -> String {
    serde_json::to_value(l).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

pub(super) fn solve_section(h: &mut String, scenario: &Scenario, params: &ParameterSet, lang: Language) {
    let (lever_name, target_text) = KEPT.with(|k| k.borrow().solve.clone());
    let lever = Lever::ALL.into_iter().find(|l| lever_key(*l) == lever_name).unwrap_or(Lever::QuotaSubsidy);
    let _ = write!(
        h,
        "<p class=\"hint\">{}</p><div class=\"row\"><div class=\"field\"><label for=\"solve-lever\">{}</label><select id=\"solve-lever\" data-edit=\"solve\" data-fields=\"solve-lever solve-target\">",
        t(lang, "给定目标收费，逐一求出某个杠杆应取的值（其余不变），并正向验算。", "For a target fee, the value one lever must take (the rest unchanged), checked by evaluating forward."),
        t(lang, "杠杆", "Lever"),
    );
    for l in Lever::ALL {
        let key = lever_key(l);
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
            error_note(h, &e, lang);
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
    crate::worker::why(h, x.trace.steps(), params, date, lang, t(lang, "求解过程", "How it was solved"));
}
