//! Plain-text renderings for people reading a terminal.

use std::fmt::Write;

use fee_core::{grouped, unit_name, CapResult, Date, Evaluation, Explained, InputKind, Language, ParameterSet};
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

/// The text in the reader's language.
pub fn pick<'a>(lang: Language, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Language::Zh => zh,
        Language::En => en,
    }
}

/// User text for a terminal: control characters (a newline, an ANSI escape) removed, so a
/// name cannot fake a line of output or recolour the screen.
pub fn plain(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// `s` padded with spaces to `columns` terminal columns: a Chinese character takes two, so
/// `{:<n}`, which counts characters, would leave the next column ragged.
fn padded(s: &str, columns: usize) -> String {
    format!("{s}{}", " ".repeat(columns.saturating_sub(s.width())))
}

/// `s` right-aligned in `columns` terminal columns (see [`padded`]).
fn right(s: &str, columns: usize) -> String {
    format!("{}{s}", " ".repeat(columns.saturating_sub(s.width())))
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

/// One figure on a line of its own: the label padded to a column, the value right-aligned,
/// then its unit (if any).
fn figure(out: &mut String, label: &str, value: &str, unit: &str) {
    let line = format!("  {} {value:>14} {unit}", padded(label, 28));
    let _ = writeln!(out, "{}", line.trim_end());
}

/// The cap, the fee's headroom under it and the lowest income it passes at, lined up with
/// their units, then the trace.
pub fn cap(r: &Explained<CapResult>, set: &ParameterSet, date: Date, lang: Language) -> String {
    let v = &r.value;
    let per_month = unit_name("yuan_per_month", lang);
    let mut out = String::new();
    figure(
        &mut out,
        pick(lang, "家庭月均可支配收入", "Household monthly income"),
        &grouped(v.household_monthly_income),
        per_month,
    );
    figure(&mut out, pick(lang, "上限比例", "Cap ratio"), &percent(set, date, v.ratio), "");
    figure(&mut out, pick(lang, "收费上限", "Fee cap"), &grouped(v.cap), per_month);
    if let (Some(fee), Some(h), Some(low)) = (v.fee, v.headroom, v.lowest_passing_income) {
        figure(&mut out, pick(lang, "收费", "Fee"), &grouped(fee), per_month);
        let verdict = match v.passes {
            Some(false) => pick(lang, "（超过上限）", " (over the cap)"),
            _ => pick(lang, "（未超上限）", " (within the cap)"),
        };
        figure(&mut out, pick(lang, "距上限空间", "Headroom"), &grouped(h), &format!("{per_month}{verdict}"));
        figure(&mut out, pick(lang, "不超上限的最低收入", "Lowest passing income"), &grouped(low), per_month);
    }
    let _ = writeln!(out, "\n{}", pick(lang, "计算过程：", "Trace:"));
    out + &r.trace.to_text_rounded(lang, set, date)
}

pub fn evaluation(e: &Evaluation, set: &ParameterSet, lang: Language) -> String {
    let mut out = String::new();
    let money = |v| money(set, e.date, v);
    let _ = writeln!(out, "{} — {} {} ({})", plain(&e.scenario), e.parameter_set.id, e.parameter_set.version, e.date);
    let rows: [(&str, &str, String, &str); 7] = [
        ("收费上限", "Fee cap", grouped(e.cap.cap), "yuan_per_month"),
        ("核定年度总成本", "Approved annual cost", money(e.cost.total_approved), "yuan/year"),
        ("生均月成本", "Cost per child-month", grouped(e.cost.cost_per_child_month_rounded), "yuan_per_child_month"),
        ("扣除政府投入后保本收费", "Break-even fee after offsets", money(e.fee.break_even_fee), "yuan_per_month"),
        ("按成本测算收费", "Cost-based fee", grouped(e.fee.cost_based_fee), "yuan_per_month"),
        ("最终收费", "Resulting fee", grouped(e.final_fee()), "yuan_per_month"),
        ("伙食费（单列）", "Meal fee (apart)", grouped(e.fee.meal_fee), "yuan_per_month"),
    ];
    for (zh, en, v, unit) in rows {
        figure(&mut out, pick(lang, zh, en), &v, unit_name(unit, lang));
    }
    if let Some(r) = e.fee.reference_range {
        let _ = writeln!(out, "  {} {} – {}", padded(pick(lang, "协商参考区间", "Reference range"), 28), r.low, r.high);
    }
    let _ = writeln!(out, "\n{}", pick(lang, "成本构成（元/年）：", "Cost lines (yuan/year):"));
    let _ = writeln!(
        out,
        "  {}{}{}{} {}",
        padded(pick(lang, "项目", "line"), 36),
        right(pick(lang, "申报", "reported"), 15),
        right(pick(lang, "核定", "approved"), 15),
        right(pick(lang, "占比", "share"), 8),
        pick(lang, "核增/核减", "adjustment"),
    );
    for l in &e.cost.lines {
        let label = pick(lang, &l.label_zh, &l.label_en);
        let adj = l.adjustment.map(|a| pick(lang, a.name_zh(), a.name_en())).unwrap_or("");
        let line = format!(
            "  {} {:>14} {:>14} {:>7} {adj}",
            padded(label, 36),
            money(l.reported_annual),
            money(l.approved_annual),
            percent(set, e.date, l.share)
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if !e.findings.is_empty() {
        let _ = writeln!(out, "\n{}", pick(lang, "发现：", "Findings:"));
        for f in &e.findings {
            let _ = writeln!(out, "  {}", finding(f, lang));
        }
    }
    let _ = writeln!(out, "\n{}", pick(lang, "计算过程：", "Trace:"));
    out + &e.trace.to_text_rounded(lang, set, e.date)
}

/// A finding on one line: its severity, what it says and where the rule is.
fn finding(f: &fee_core::Finding, lang: Language) -> String {
    let severity = pick(lang, f.severity.name_zh(), f.severity.name_en());
    match lang {
        Language::Zh => format!("[{severity}] {}（{}）", plain(&f.message.text(lang)), f.source.text(lang)),
        Language::En => format!("[{severity}] {} ({})", plain(&f.message.text(lang)), f.source.text(lang)),
    }
}

pub fn param_sets(sets: &[ParameterSet], lang: Language) -> String {
    let mut out = String::new();
    for s in sets {
        let count = s.parameters().len();
        let (count, title) = match lang {
            Language::Zh => (format!("{count} 个参数"), &s.title_zh),
            Language::En => (format!("{count} parameters"), &s.title_en),
        };
        let _ = writeln!(out, "{}\t{}\t{count}\t{title}", s.id, s.version);
    }
    out
}

pub fn param_set(s: &ParameterSet, lang: Language) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {} — {}\n", s.id, s.version, pick(lang, &s.title_zh, &s.title_en));
    for (name, p) in s.parameters() {
        let unit = fee_core::unit_name(&p.unit, lang);
        let _ = writeln!(out, "{name} ({unit}){}{}", pick(lang, "：", ": "), pick(lang, &p.title_zh, &p.title_en));
        for v in &p.values {
            let until = v.until.map(|u| u.to_string()).unwrap_or_default();
            let label = pick(lang, v.label.name_zh(), v.label.name_en());
            let _ = writeln!(out, "  {} .. {until:<10} {:>10}  [{label}] {}", v.from, v.value, v.reference_in(lang));
        }
    }
    out
}

pub fn sensitivity(
    t: &fee_core::Tornado,
    th: &[fee_core::Threshold],
    set: &ParameterSet,
    date: Date,
    lang: Language,
) -> String {
    let mut out = String::new();
    let money = |v| money(set, date, v);
    let label = |i: fee_core::SensitivityInput| pick(lang, i.label_zh(), i.label_en());
    // One column for the values, after the widest label.
    let columns = fee_core::SensitivityInput::ALL.iter().map(|i| label(*i).width()).max().unwrap_or(0);
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Language::Zh => format!(
                "基准保本收费（生均月净成本）{} 元/月（上限 {}），各因素变动 ±{}",
                money(t.base_net),
                money(t.cap),
                t.change
            ),
            Language::En => format!(
                "base net cost per child-month {} (cap {}), inputs moved ±{}",
                money(t.base_net),
                money(t.cap),
                t.change
            ),
        }
    );
    for b in &t.bars {
        let _ = writeln!(
            out,
            "  {} {:>10} .. {:>10}  {} {}",
            padded(label(b.input), columns),
            money(b.net_low),
            money(b.net_high),
            pick(lang, "变动", "swing"),
            money(b.swing)
        );
    }
    // An amount to the fen with its unit; a rate or a count as it is entered.
    let value = |input: fee_core::SensitivityInput, v| {
        let unit = fee_core::unit_name(input.unit(), lang);
        match input.kind() {
            InputKind::Amount => format!("{} {unit}", money(v)),
            InputKind::Children => format!("{} {unit}", share(set, date, v)),
            InputKind::Ratio | InputKind::Quantity => share(set, date, v),
        }
    };
    let _ = writeln!(
        out,
        "\n{}",
        pick(
            lang,
            "净成本达到上限时各因素的临界值（及其相对当前值的倍数）：",
            "value at which the net cost reaches the cap (and its multiple of the current value):"
        )
    );
    for x in th {
        let line = match (x.value, x.factor) {
            (Some(v), Some(f)) => {
                let (open, close) = (pick(lang, "（", " ("), pick(lang, "）", ")"));
                format!("{}{open}×{}{close}", value(x.input, v), share(set, date, f))
            }
            (Some(v), None) => value(x.input, v),
            // Several lines move together: only the multiple is one number.
            (None, Some(f)) => format!("×{}{}", share(set, date, f), pick(lang, "（多项合计）", " (several lines)")),
            (None, None) => pick(lang, "无法达到", "not reached").into(),
        };
        let _ = writeln!(out, "  {} {line}", padded(label(x.input), columns));
    }
    out
}

/// The budget of each slot target, with the subsidy it rests on, then the trace.
pub fn fiscal(p: &fee_core::FiscalPlan, set: &ParameterSet, date: Date, lang: Language) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{} {}",
        pick(lang, "生均月补助：", "subsidy per child-month: "),
        grouped(p.subsidy_per_child_month),
        unit_name("yuan_per_child_month", lang)
    );
    for y in &p.years {
        let _ = writeln!(
            out,
            "  {} {} {:>6}  {} {:>14} {}",
            padded(&with_year(y.year, pick(lang, &y.label_zh, &y.label_en)), 32),
            pick(lang, "普惠托位", "slots"),
            grouped(y.inclusive_slots),
            pick(lang, "年度预算", "budget"),
            grouped(y.annual_budget),
            unit_name("yuan/year", lang)
        );
    }
    let _ = writeln!(out, "\n{}", pick(lang, "计算过程：", "Trace:"));
    out + &p.trace.to_text_rounded(lang, set, date)
}

/// The split, tab-separated for pipelines: each 街乡's weight, its exact proportional share
/// (shown by the set's money rule, as the app shows it) and its whole slots, then the totals.
pub fn split(parts: &[fee_core::Allocation], set: &ParameterSet, date: Date, lang: Language) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", pick(lang, "街乡\t权重\t按比例份额\t托位", "name\tweight\tproportional share\tslots"));
    for a in parts {
        let _ = writeln!(out, "{}\t{}\t{}\t{}", a.name, a.weight, money(set, date, a.exact), a.slots);
    }
    let total: u64 = parts.iter().map(|a| a.slots).sum();
    let _ = writeln!(out, "{}\t\t\t{total}", pick(lang, "合计", "total"));
    let _ = writeln!(
        out,
        "{}",
        pick(
            lang,
            "按权重比例分配，先取份额的整数部分，余下的托位按小数部分从大到小逐个分配（相同时给权重大的，再给在前的）",
            "in proportion to the weights: each takes the whole part of its share, and the slots left go one each by the largest fractional part (ties to the larger weight, then to the earlier line)"
        )
    );
    out
}

pub fn dossier(r: &fee_core::DossierReport, set: &ParameterSet, lang: Language) -> String {
    let mut out = String::new();
    let e = &r.evaluation;
    let net = money(set, e.date, e.fee.break_even_fee);
    let (fee, cap) = (grouped(e.final_fee()), grouped(e.cap.cap));
    let (month, child_month) = (unit_name("yuan_per_month", lang), unit_name("yuan_per_child_month", lang));
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Language::Zh => format!("指导价 {fee} {month}（上限 {cap} {month}），生均月净成本 {net} {child_month}"),
            Language::En => {
                format!("guided fee {fee} {month} (cap {cap} {month}), net cost per child-month {net} {child_month}")
            }
        }
    );
    for s in fee_core::ProcedureStep::ALL {
        let done = !r.missing.contains(&s);
        let _ = writeln!(out, "  [{}] {}", if done { "x" } else { " " }, pick(lang, s.name_zh(), s.name_en()));
    }
    let lawful = match (lang, r.decision_lawful) {
        (Language::Zh, true) => "定价决定程序完备：是",
        (Language::Zh, false) => "定价决定程序完备：否",
        (Language::En, true) => "decision lawful: yes",
        (Language::En, false) => "decision lawful: no",
    };
    let _ = writeln!(out, "{lawful}");
    for f in &r.findings {
        let _ = writeln!(out, "  {}", finding(f, lang));
    }
    out
}

/// A month's refund: the rule, the three amounts and the trace.
pub fn refund(
    rule: &fee_core::RefundRule,
    r: &fee_core::RefundResult,
    set: &ParameterSet,
    date: Date,
    lang: Language,
) -> String {
    let rows = [
        (pick(lang, "退保育费", "care refund"), r.care_refund),
        (pick(lang, "退伙食费", "meal refund"), r.meal_refund),
        (pick(lang, "合计", "total"), r.total),
    ];
    let mut out = format!("{}\n", pick(lang, &rule.name_zh, &rule.name_en));
    for (label, amount) in rows {
        figure(&mut out, label, &grouped(amount), unit_name("yuan", lang));
    }
    let _ = writeln!(out, "\n{}", pick(lang, "计算过程：", "Trace:"));
    out + &r.trace.to_text_rounded(lang, set, date)
}

/// Who reviews an application from this kind of institution, step by step (二(二)4).
pub fn route(kind: fee_core::InstitutionType, lang: Language) -> String {
    let mut out = format!("{}\n", pick(lang, kind.name_zh(), kind.name_en()));
    for (i, (step, by)) in fee_core::approval_route(kind).iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} — {}",
            i + 1,
            pick(lang, step.name_zh(), step.name_en()),
            pick(lang, by.name_zh(), by.name_en())
        );
    }
    out + pick(lang, "依据：朝政办字〔2024〕1号 二(二)4\n", "source: 朝政办字〔2024〕1号 二(二)4\n")
}

/// A target's label led by its year once: the labels already name it ("2024年底线目标",
/// "2024 floor target"), so the year is added only where a label lacks it.
fn with_year(year: i32, label: &str) -> String {
    if label.contains(&year.to_string()) {
        label.to_string()
    } else {
        format!("{year} {label}")
    }
}

/// A parameter's values over time: from, until, value, the cap for an income, the label and
/// reference; then the projection, marked as an assumption.
pub fn history(h: &fee_core::ParameterHistory, lang: Language) -> String {
    let mut out = String::new();
    let _ = match lang {
        Language::Zh => writeln!(out, "{}（{}）", h.title_zh, h.name),
        Language::En => writeln!(out, "{} ({})", h.title_en, h.name),
    };
    let unit = unit_name(&h.unit, lang);
    for p in &h.points {
        let until = p.until.map_or_else(|| pick(lang, "至今", "on").to_string(), |d| d.to_string());
        let value = p.value.parse::<rust_decimal::Decimal>().map_or_else(|_| p.value.clone(), grouped);
        let cap = p.cap.map_or_else(String::new, |c| {
            format!("  {} {} {}", pick(lang, "→ 上限", "→ cap"), grouped(c), unit_name("yuan/month", lang))
        });
        let label = pick(lang, p.label.name_zh(), p.label.name_en());
        let _ = writeln!(
            out,
            "  {} – {}  {value} {unit}{cap}  [{label}] {}",
            p.from,
            until,
            plain(if lang == Language::En { p.reference_en.as_ref().unwrap_or(&p.reference) } else { &p.reference })
        );
    }
    if let Some(p) = &h.projection {
        let cap = p.cap.map_or_else(String::new, |c| {
            format!("  {} {} {}", pick(lang, "→ 上限", "→ cap"), grouped(c), unit_name("yuan/month", lang))
        });
        let rate = p.rate * rust_decimal::Decimal::ONE_HUNDRED;
        let _ = match lang {
            Language::Zh => writeln!(
                out,
                "  {} 起（假设：按用户输入的年增长率 {}% 推算，非公布数）  {} {unit}{cap}",
                p.from,
                rate.normalize(),
                grouped(p.value)
            ),
            Language::En => writeln!(
                out,
                "  from {} (an assumption: uprated by the {}% a year entered, not a published figure)  {} {unit}{cap}",
                p.from,
                rate.normalize(),
                grouped(p.value)
            ),
        };
    }
    out
}

/// A reform comparison: each figure under the base and the reform set, its change and the
/// change's share, every figure rounded by the base set's rules; then the findings that appear
/// and disappear.
pub fn comparison(c: &fee_core::Comparison, set: &ParameterSet, date: Date, lang: Language) -> String {
    let mut out = String::new();
    let _ = match lang {
        Language::Zh => writeln!(
            out,
            "对比：{} {}（现行） → {} {}（拟议）",
            c.base_set.id, c.base_set.version, c.reform_set.id, c.reform_set.version
        ),
        Language::En => writeln!(
            out,
            "Comparison: {} {} (base) → {} {} (reform)",
            c.base_set.id, c.base_set.version, c.reform_set.id, c.reform_set.version
        ),
    };
    let money = |v| grouped(set.round_money(v, date).unwrap_or(v));
    let _ = writeln!(
        out,
        "  {} {:>16} {:>16} {:>14} {:>9}",
        padded(pick(lang, "项目", "figure"), 30),
        pick(lang, "现行", "base"),
        pick(lang, "拟议", "reform"),
        "Δ",
        "Δ%"
    );
    for f in &c.figures {
        // Fees are shown by the fee rule (whole yuan), every other amount to the fen.
        let is_fee = f.is_fee();
        let money = |v| if is_fee { grouped(set.round_fee(v, date).unwrap_or(v)) } else { money(v) };
        let signed = |v: rust_decimal::Decimal| {
            let text = money(v);
            if v.is_sign_positive() && !v.is_zero() {
                format!("+{text}")
            } else {
                text
            }
        };
        let share = f.delta_share.map_or_else(|| "—".to_string(), |d| percent(set, date, d));
        let _ = writeln!(
            out,
            "  {} {:>16} {:>16} {:>14} {:>9}  {}",
            padded(pick(lang, &f.label_zh, &f.label_en), 30),
            money(f.base),
            money(f.reform),
            signed(f.delta),
            share,
            unit_name(&f.unit, lang)
        );
    }
    for (title, list) in [
        (pick(lang, "拟议参数下新出现的发现：", "Findings the reform brings:"), &c.appear),
        (pick(lang, "拟议参数下不再出现的发现：", "Findings the reform removes:"), &c.disappear),
    ] {
        let _ = writeln!(out, "{title}");
        if list.is_empty() {
            let _ = writeln!(out, "  {}", pick(lang, "无", "none"));
        }
        for f in list {
            let _ = writeln!(out, "  {}", finding(f, lang));
        }
    }
    out
}

/// A lever solved backwards: the target, the value now, the exact and the rounded value, the
/// forward check, then the trace.
pub fn solution(x: &fee_core::Solution, set: &ParameterSet, date: Date, lang: Language) -> String {
    let mut out = String::new();
    let unit = unit_name(x.lever.unit(), lang);
    let shown = |v: Decimal| {
        if x.lever.unit() == "ratio" {
            percent(set, date, v)
        } else {
            grouped(set.round_money(v, date).unwrap_or(v))
        }
    };
    let unit_of = |v: &str| if x.lever.unit() == "ratio" { String::new() } else { format!(" {v}") };
    let _ = writeln!(out, "{}", x.message.text(lang));
    figure(&mut out, pick(lang, "目标收费", "Target fee"), &grouped(x.target), unit_name("yuan/child-month", lang));
    if let Some(c) = x.current {
        figure(&mut out, pick(lang, "现值", "Now"), &format!("{}{}", shown(c), unit_of(unit)), "");
    }
    if let Some(e) = x.exact {
        figure(&mut out, pick(lang, "精确解", "Exact"), &format!("{}{}", shown(e), unit_of(unit)), "");
    }
    if let Some(v) = x.value {
        let v = if x.lever.unit() == "ratio" { percent(set, date, v) } else { grouped(v) };
        figure(
            &mut out,
            pick(lang, "取值（按规则取整）", "Value (rounded by the rules)"),
            &format!("{v}{}", unit_of(unit)),
            "",
        );
    }
    if let (Some(n), Some(f)) = (x.net_at_value, x.fee_at_value) {
        let n = grouped(set.round_money(n, date).unwrap_or(n));
        figure(
            &mut out,
            pick(lang, "验算：生均月净成本", "Check: net cost per child-month"),
            &n,
            unit_name("yuan/child-month", lang),
        );
        figure(&mut out, pick(lang, "验算：收费", "Check: fee"), &grouped(f), unit_name("yuan/month", lang));
    }
    let _ = writeln!(out, "\n{}", pick(lang, "计算过程：", "Trace:"));
    out + &x.trace.to_text_rounded(lang, set, date)
}

/// A verification: "reproduced", or what changed and each figure that differs.
pub fn verification(v: &fee_core::Verification, r: &fee_core::Record, lang: Language) -> String {
    let mut out = String::new();
    if v.reproduced {
        let _ = match lang {
            Language::Zh => writeln!(
                out,
                "已复现：输入与结果与记录一致，按参数集 {} {} 重新测算结果相同。",
                r.provenance.parameter_set.id, r.provenance.parameter_set.version
            ),
            Language::En => writeln!(
                out,
                "reproduced: the input and result are as recorded, and evaluating again under {} {} gives the same result.",
                r.provenance.parameter_set.id, r.provenance.parameter_set.version
            ),
        };
    } else {
        let _ = writeln!(out, "{}", pick(lang, "未能复现：", "not reproduced:"));
    }
    let reasons = [
        (
            v.input_changed,
            "输入在记录之后被改动（与其摘要不符）",
            "the input was changed after the record was made (its digest does not match)",
        ),
        (
            v.result_changed,
            "结果在记录之后被改动（与其摘要不符）",
            "the result was edited after the record was made (its digest does not match)",
        ),
        (
            v.parameter_set_changed,
            "所用参数集的内容与记录时不同",
            "the parameter set's content is not the one recorded",
        ),
        (v.program_changed, "程序版本与记录时不同", "the program is another version than the one recorded"),
    ];
    for (on, zh, en) in reasons {
        if on {
            let _ = writeln!(out, "  - {}", pick(lang, zh, en));
        }
    }
    if !v.differences.is_empty() {
        let _ = writeln!(out, "{}", pick(lang, "不同的数字：", "Figures that differ:"));
        for d in &v.differences {
            let _ = match lang {
                Language::Zh => writeln!(out, "  {}：记录为 {}，现为 {}", d.pointer, plain(&d.recorded), plain(&d.now)),
                Language::En => {
                    writeln!(out, "  {}: recorded {}, now {}", d.pointer, plain(&d.recorded), plain(&d.now))
                }
            };
        }
    }
    out
}

/// A book's verification: each record's, under its name, and whether the forms are unchanged.
pub fn book_verification(v: &fee_core::BookVerification, book: &fee_core::RecordBook, lang: Language) -> String {
    let mut out = String::new();
    for ((name, rv), r) in v.records.iter().zip(&book.records) {
        let _ = writeln!(out, "{}", pick(lang, &format!("【{name}】"), &format!("[{name}]")));
        out += &verification(rv, &r.record, lang);
    }
    if v.forms_changed {
        let _ = writeln!(
            out,
            "{}",
            pick(
                lang,
                "其他表单内容在保存之后被改动（与其摘要不符）",
                "the other forms were changed after the file was saved (their digest does not match)"
            )
        );
    }
    let _ = writeln!(
        out,
        "{}",
        match (v.reproduced(), lang) {
            (true, Language::Zh) => format!("全部{}条记录已复现。", v.records.len()),
            (true, Language::En) => format!("all {} records reproduced.", v.records.len()),
            (false, _) => pick(lang, "未全部复现。", "not all reproduced.").to_string(),
        }
    );
    out
}
