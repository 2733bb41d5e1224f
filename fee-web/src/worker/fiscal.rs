//! The fiscal page's results (财政测算), drawn by the worker so the first load carries none of
//! the fiscal plan, the 街乡 split, the fee-versus-budget curve or their markup: the subsidy
//! budgets for the plan's inclusive slot targets with their working, the split of a target
//! across 街乡, and the curve. The page keeps its input fields (so typing never waits on the
//! worker) and sends their stored texts; the worker answers with the results and, when the
//! curve's target is picked here, the texts changed.

use std::fmt::Write;

use fee_core::{
    budget_curve, curve_step, escape_html as esc, fiscal_plan, grouped, read_weights, split_target, Date, FeeError,
    FiscalInput, Language, ParameterSet, SubsidyLevel,
};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::batch_protocol::Response;
use crate::forms::FiscalForm;
use crate::store::{StoredForm, Texts};
use crate::worker::t;

/// The label of the page's input an error names, to call it by.
fn label(field: &str, lang: Language) -> Option<&'static str> {
    Some(match field {
        "subsidy.amount" => t(lang, "生均月补助", "Subsidy per child-month"),
        "months_per_year" => t(lang, "每年补助月数", "Months a year"),
        "occupancy" => t(lang, "入托率", "Occupancy"),
        "curve-cost" | "cost" | "step" => t(lang, "生均月成本", "Cost per child-month"),
        _ => return None,
    })
}

/// An error naming its input by the input's label, with a button that goes to it (`go`, or
/// the input the error names).
fn error_note(h: &mut String, e: &FeeError, testid: &str, go: Option<&str>, lang: Language) {
    let field = e.field();
    crate::worker::field_error(h, e, testid, label(field, lang).map(|l| (l, go.unwrap_or(field))), lang);
}

/// The page's results for the stored texts `sample` (the fiscal form's, led by its tag),
/// after `edit` (`["curve_year", "", index]` when the curve's target is picked).
pub fn fiscal(sample: &str, edit: &[String], params: &ParameterSet, date: Date, lang: Language) -> (Response, Vec<u8>) {
    let texts: Vec<String> = serde_json::from_str(sample).unwrap_or_default();
    let mut form = match texts.split_first() {
        Some((tag, rest)) if tag == FiscalForm::TAG => FiscalForm::read(&mut Texts::new(rest)),
        _ => FiscalForm::default(),
    };
    let mut changed = String::new();
    if edit.first().map(String::as_str) == Some("curve_year") {
        if let Some(i) = edit.get(2).and_then(|v| v.parse().ok()) {
            form.curve_year = i;
            let mut stored = vec![FiscalForm::TAG.to_string()];
            stored.extend(form.texts());
            changed = serde_json::to_string(&stored).unwrap_or_default();
        }
    }
    (Response::Page { sample: changed, html: markup(&form, params, date, lang) }, Vec::new())
}

fn markup(form: &FiscalForm, params: &ParameterSet, date: Date, lang: Language) -> String {
    let mut h = String::new();
    let money = |v: Decimal| grouped(params.round_money(v, date).unwrap_or(v));
    let input = FiscalInput {
        subsidy: SubsidyLevel::PerChildMonth { amount: form.subsidy_in(params, date) },
        months_per_year: form.months,
        occupancy: form.occupancy,
        date,
    };
    let plan = fiscal_plan(&input, params);
    let _ = write!(
        h,
        "<section aria-labelledby=\"budget-r\"><h3 id=\"budget-r\">{}</h3>",
        t(lang, "普惠托位补助预算", "Subsidy budgets")
    );
    match &plan {
        Ok(p) => {
            let _ = write!(
                h,
                "<table class=\"lines\" data-testid=\"budget\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
                t(lang, "目标", "Target"),
                t(lang, "普惠托位（个）", "Inclusive slots"),
                t(lang, "年度预算（元/年）", "Annual budget (yuan/year)")
            );
            for y in &p.years {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    esc(if lang == Language::Zh { &y.label_zh } else { &y.label_en }),
                    grouped(y.inclusive_slots),
                    money(y.annual_budget)
                );
            }
            h.push_str("</tbody></table>");
            crate::worker::why(
                &mut h,
                p.trace.steps(),
                params,
                date,
                lang,
                t(lang, "为什么是这个数？", "Why this number?"),
            );
        }
        Err(e) => error_note(&mut h, e, "budget-error", None, lang),
    }
    h.push_str("</section>");
    let years: &[fee_core::FiscalYear] = plan.as_ref().map_or(&[], |p| p.years.as_slice());

    // The split of a target across 街乡: the target typed, else the plan's first.
    let first = years.first().and_then(|y| y.inclusive_slots.to_u64());
    let target = form.target.map(u64::from).or(first).unwrap_or(0);
    let _ = write!(
        h,
        "<section aria-labelledby=\"split-r\"><h3 id=\"split-r\">{}</h3>",
        esc(&match lang {
            Language::Zh => format!("{} 个托位分解到街乡", grouped(Decimal::from(target))),
            Language::En => format!("{} slots split across subdistricts and towns", grouped(Decimal::from(target))),
        })
    );
    let split = read_weights(&form.weights)
        .map_err(|e| e.message(lang))
        .and_then(|w| split_target(target, &w).map_err(|e| e.message_naming(lang, t(lang, "权重", "Weights"))));
    match split {
        Ok(parts) => {
            let _ = write!(
                h,
                "<table class=\"lines\" data-testid=\"split\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
                t(lang, "街乡", "Subdistrict or town"),
                t(lang, "权重", "Weight"),
                t(lang, "精确份额（个）", "Exact share (slots)"),
                t(lang, "分配托位（个）", "Slots")
            );
            for a in &parts {
                let _ = write!(
                    h,
                    "<tr><td data-name>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    esc(&a.name),
                    grouped(a.weight),
                    money(a.exact),
                    grouped(Decimal::from(a.slots))
                );
            }
            let total: u64 = parts.iter().map(|a| a.slots).sum();
            let _ = write!(
                h,
                "<tr><th scope=\"row\">{}</th><td></td><td></td><td class=\"num\" data-testid=\"split-total\">{}</td></tr></tbody></table>",
                t(lang, "合计", "Total"),
                grouped(Decimal::from(total))
            );
        }
        Err(message) => {
            let _ = write!(h, "<p class=\"error\" role=\"alert\" data-testid=\"split-error\">{}</p>", esc(&message));
        }
    }
    h.push_str("</section>");

    // The fee-versus-budget curve for the target picked.
    let _ = write!(
        h,
        "<section aria-labelledby=\"curve-r\"><h3 id=\"curve-r\">{}</h3><div class=\"field\"><label for=\"curve-target\">{}</label><select id=\"curve-target\" data-edit=\"curve_year\">",
        t(lang, "收费与财政预算", "Fee versus budget"),
        t(lang, "托位目标", "Slot target")
    );
    for (i, y) in years.iter().enumerate() {
        let _ = write!(
            h,
            "<option value=\"{i}\"{}>{}{}{}{}</option>",
            if i == form.curve_year { " selected" } else { "" },
            esc(if lang == Language::Zh { &y.label_zh } else { &y.label_en }),
            t(lang, "（", " ("),
            grouped(y.inclusive_slots),
            t(lang, "）", ")")
        );
    }
    h.push_str("</select></div>");
    if let Some(y) = years.get(form.curve_year).or(years.first()) {
        let curve = curve_step(form.cost, 30).and_then(|step| {
            budget_curve(form.cost, Decimal::ZERO, form.cost, step, y.inclusive_slots, form.months, form.occupancy)
        });
        match curve {
            Ok(points) => {
                let fee = |v: Decimal| grouped(params.round_fee(v, date).unwrap_or(v));
                let pts: Vec<(Decimal, Decimal)> = points.iter().map(|p| (p.fee, p.annual_budget)).collect();
                let top = points.iter().map(|p| p.annual_budget).max().unwrap_or_default();
                // Ticks at every fifth of the curve's points, each labelled with its own fee and budget.
                let every = (points.len() / 5).max(1);
                let ticks: Vec<(usize, String, String)> = (1..5)
                    .map(|k| k * every)
                    .filter(|i| *i + 1 < points.len())
                    .map(|i| (i, fee(points[i].fee), fee(points[i].annual_budget)))
                    .collect();
                let ends = (
                    points.first().map(|p| fee(p.fee)).unwrap_or_default(),
                    points.last().map(|p| fee(p.fee)).unwrap_or_default(),
                );
                crate::worker::curve_svg(
                    &mut h,
                    &pts,
                    (&ends.0, &ends.1, &fee(top)),
                    (
                        t(lang, "家庭承担收费（元/月）", "Fee paid by families (yuan/month)"),
                        t(lang, "年度预算（元/年）", "Annual budget (yuan/year)"),
                        t(lang, "收费与预算曲线", "Fee versus budget curve"),
                    ),
                    &ticks,
                );
            }
            Err(e) => error_note(&mut h, &e, "curve-error", Some("curve-cost"), lang),
        }
    }
    h.push_str("</section>");
    h
}
