//! Plain-text renderings for people reading a terminal.

use std::fmt::Write;

use fee_core::{grouped, CapResult, Date, Evaluation, Explained, InputKind, Language, ParameterSet};
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

fn pick<'a>(lang: Language, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Language::Zh => zh,
        Language::En => en,
    }
}

/// `s` padded with spaces to `columns` terminal columns: a Chinese character takes two, so
/// `{:<n}`, which counts characters, would leave the next column ragged.
fn padded(s: &str, columns: usize) -> String {
    format!("{s}{}", " ".repeat(columns.saturating_sub(s.width())))
}

/// An amount that is not itself a rounded result, by the set's money rule (to the fen), its
/// digits grouped; the exact value where the set has no rule on the date, so nothing is hidden.
fn money(set: &ParameterSet, date: Date, v: Decimal) -> String {
    grouped(set.round_money(v, date).unwrap_or(v))
}

/// A share of a whole as a percentage ("38.18%"); the exact share where there is no rule.
fn percent(set: &ParameterSet, date: Date, v: Decimal) -> String {
    set.round_percent(v, date).map_or_else(|_| v.to_string(), |p| format!("{p}%"))
}

/// A share, rate or multiple, to at most four places in the set's money mode ("4", not
/// "4.0000"); exact where there is no rule.
fn share(set: &ParameterSet, date: Date, v: Decimal) -> String {
    set.round_share(v, date).unwrap_or(v).normalize().to_string()
}

pub fn cap(r: &Explained<CapResult>, lang: Language) -> String {
    let v = &r.value;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {}",
        pick(lang, "家庭月均可支配收入", "Household monthly income"),
        v.household_monthly_income
    );
    let _ = writeln!(out, "{}: {}", pick(lang, "上限比例", "Cap ratio"), v.ratio);
    let _ = writeln!(out, "{}: {}", pick(lang, "收费上限（元/月）", "Fee cap (yuan/month)"), v.cap);
    if let (Some(fee), Some(h), Some(low)) = (v.fee, v.headroom, v.lowest_passing_income) {
        let _ = writeln!(out, "{}: {fee}", pick(lang, "收费", "Fee"));
        let _ = writeln!(out, "{}: {h}", pick(lang, "距上限空间", "Headroom"));
        let _ = writeln!(out, "{}: {low}", pick(lang, "不超上限的最低收入", "Lowest passing income"));
    }
    let _ = writeln!(out, "\n{}", pick(lang, "计算过程：", "Trace:"));
    out + &r.trace.to_text(lang)
}

pub fn evaluation(e: &Evaluation, set: &ParameterSet, lang: Language) -> String {
    let mut out = String::new();
    let money = |v| money(set, e.date, v);
    let _ = writeln!(out, "{} — {} {} ({})", e.scenario, e.parameter_set.id, e.parameter_set.version, e.date);
    let rows: [(&str, &str, String); 7] = [
        ("收费上限", "Fee cap", grouped(e.cap.cap)),
        ("核定年度总成本", "Approved annual cost", money(e.cost.total_approved)),
        ("生均月成本", "Cost per child-month", grouped(e.cost.cost_per_child_month_rounded)),
        ("扣除政府投入后保本收费", "Break-even fee after offsets", money(e.fee.break_even_fee)),
        ("按成本测算收费", "Cost-based fee", grouped(e.fee.cost_based_fee)),
        ("最终收费", "Resulting fee", grouped(e.final_fee())),
        ("伙食费（单列）", "Meal fee (apart)", grouped(e.fee.meal_fee)),
    ];
    for (zh, en, v) in rows {
        let _ = writeln!(out, "  {} {v:>14}", padded(pick(lang, zh, en), 28));
    }
    if let Some(r) = e.fee.reference_range {
        let _ = writeln!(out, "  {} {} – {}", padded(pick(lang, "协商参考区间", "Reference range"), 28), r.low, r.high);
    }
    let _ = writeln!(out, "\n{}", pick(lang, "成本构成：", "Cost lines:"));
    for l in &e.cost.lines {
        let label = pick(lang, &l.label_zh, &l.label_en);
        let adj = l.adjustment.map(|a| a.name_zh()).unwrap_or("");
        let _ = writeln!(
            out,
            "  {} {:>14} {:>14} {:>7} {adj}",
            padded(label, 36),
            money(l.reported_annual),
            money(l.approved_annual),
            percent(set, e.date, l.share)
        );
    }
    if !e.findings.is_empty() {
        let _ = writeln!(out, "\n{}", pick(lang, "发现：", "Findings:"));
        for f in &e.findings {
            let _ = writeln!(out, "  [{}] {} ({})", f.severity.as_str(), f.message.text(lang), f.source.text(lang));
        }
    }
    let _ = writeln!(out, "\n{}", pick(lang, "计算过程：", "Trace:"));
    out + &e.trace.to_text(lang)
}

pub fn param_sets(sets: &[ParameterSet]) -> String {
    let mut out = String::new();
    for s in sets {
        let _ = writeln!(out, "{}\t{}\t{} parameters\t{}", s.id, s.version, s.parameters().len(), s.title_zh);
    }
    out
}

pub fn param_set(s: &ParameterSet) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {} — {}\n", s.id, s.version, s.title_zh);
    for (name, p) in s.parameters() {
        let _ = writeln!(out, "{name} ({}): {}", p.unit, p.title_zh);
        for v in &p.values {
            let until = v.until.map(|u| u.to_string()).unwrap_or_default();
            let _ = writeln!(out, "  {} .. {until:<10} {:>10}  [{}] {}", v.from, v.value, v.label, v.reference);
        }
    }
    out
}

pub fn sensitivity(t: &fee_core::Tornado, th: &[fee_core::Threshold], set: &ParameterSet, date: Date) -> String {
    let mut out = String::new();
    let money = |v| money(set, date, v);
    let _ = writeln!(
        out,
        "base net cost per child-month {} (cap {}), inputs moved ±{}",
        money(t.base_net),
        t.cap,
        t.change
    );
    for b in &t.bars {
        let _ = writeln!(
            out,
            "  {:<24} {:>10} .. {:>10}  swing {}",
            b.input.label_en(),
            money(b.net_low),
            money(b.net_high),
            money(b.swing)
        );
    }
    // An amount to the fen with its unit; a rate or a count as it is entered.
    let value = |input: fee_core::SensitivityInput, v| match input.kind() {
        InputKind::Amount => format!("{} {}", money(v), input.unit()),
        InputKind::Children => format!("{} {}", share(set, date, v), input.unit()),
        InputKind::Ratio | InputKind::Quantity => share(set, date, v),
    };
    let _ = writeln!(out, "\nvalue at which the net cost reaches the cap (and its multiple of the current value):");
    for x in th {
        let line = match (x.value, x.factor) {
            (Some(v), Some(f)) => format!("{} (×{})", value(x.input, v), share(set, date, f)),
            (Some(v), None) => value(x.input, v),
            // Several lines move together: only the multiple is one number.
            (None, Some(f)) => format!("×{} (several lines)", share(set, date, f)),
            (None, None) => "not reached".into(),
        };
        let _ = writeln!(out, "  {:<24} {line}", x.input.label_en());
    }
    out
}

pub fn fiscal(p: &fee_core::FiscalPlan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "subsidy per child-month: {}", p.subsidy_per_child_month);
    for y in &p.years {
        let _ = writeln!(
            out,
            "  {} {:<12} slots {:>6}  budget {:>14}",
            y.year,
            y.label_zh,
            y.inclusive_slots,
            grouped(y.annual_budget)
        );
    }
    out
}

pub fn split(parts: &[fee_core::Allocation]) -> String {
    let mut out = String::new();
    for a in parts {
        let _ = writeln!(out, "{}\t{}\t{}", a.name, a.weight, a.slots);
    }
    let total: u64 = parts.iter().map(|a| a.slots).sum();
    let _ = writeln!(out, "total\t\t{total}");
    out
}

pub fn dossier(r: &fee_core::DossierReport, set: &ParameterSet) -> String {
    let mut out = String::new();
    let e = &r.evaluation;
    let _ = writeln!(
        out,
        "guided fee {} (cap {}), net cost per child-month {}",
        e.final_fee(),
        e.cap.cap,
        money(set, e.date, e.fee.break_even_fee)
    );
    for s in fee_core::ProcedureStep::ALL {
        let done = !r.missing.contains(&s);
        let _ = writeln!(out, "  [{}] {} / {}", if done { "x" } else { " " }, s.name_zh(), s.name_en());
    }
    let _ = writeln!(out, "decision lawful: {}", if r.decision_lawful { "yes" } else { "no" });
    for f in &r.findings {
        let _ = writeln!(out, "  [{}] {}", f.severity.as_str(), f.message.zh());
    }
    out
}
