//! The sensitivity page's results (敏感性), drawn by the worker so the first load carries none
//! of the tornado, the thresholds, the grid or their markup: the break-even fee as each input
//! moves −x and +x, the value of each input at which it reaches the cap, and a two-input grid
//! whose headers give the inputs' values. The page keeps its input fields and sends the draft
//! with their stored texts.

use std::fmt::Write;

use fee_core::{
    escape_html as esc, grid, grouped, input_value, threshold, tornado, unit_name, Date, FeeError, GridAxis, InputKind,
    Language, ParameterSet, Scenario, SensitivityInput, Tornado,
};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::batch_protocol::Response;
use crate::forms::SensitivityForm;
use crate::store::{StoredForm, Texts};
use crate::worker::{field_error, n, t, text_width};

fn label(i: SensitivityInput, lang: Language) -> &'static str {
    t(lang, i.label_zh(), i.label_en())
}

/// The label of the page's input an error names, and the input's id.
fn input_of(field: &str, lang: Language) -> Option<(&'static str, &'static str)> {
    Some(match field {
        "change" => (t(lang, "变动幅度（0–1）", "Change (0–1)"), "change"),
        "steps" => (t(lang, "每轴点数", "Points per axis"), "steps"),
        "spread" => (t(lang, "范围（±）", "Range (±)"), "spread"),
        _ => return None,
    })
}

fn note(h: &mut String, e: &FeeError, testid: &str, lang: Language) {
    field_error(h, e, testid, input_of(e.field(), lang), lang);
}

/// The page's results for `sample`: the draft scenario and the sensitivity form's stored
/// texts (led by its tag), as a JSON pair.
pub fn sensitivity(sample: &str, params: &ParameterSet, lang: Language) -> (Response, Vec<u8>) {
    let Ok((draft, texts)) = serde_json::from_str::<(Scenario, Vec<String>)>(sample) else {
        return (Response::failed("情景无法读取", "the scenario could not be read"), Vec::new());
    };
    let form = match texts.split_first() {
        Some((tag, rest)) if tag == SensitivityForm::TAG => SensitivityForm::read(&mut Texts::new(rest)),
        _ => SensitivityForm::default(),
    };
    let mut h = String::new();
    tornado_section(&mut h, &draft, params, form.tornado_change, lang);
    thresholds_section(&mut h, &draft, params, lang);
    grid_section(&mut h, &draft, params, &form, lang);
    (Response::Page { sample: String::new(), html: h }, Vec::new())
}

fn tornado_section(h: &mut String, d: &Scenario, params: &ParameterSet, change: Decimal, lang: Language) {
    let date = d.date;
    let money = |v: Decimal| grouped(params.round_money(v, date).unwrap_or(v));
    let _ = write!(
        h,
        "<section aria-labelledby=\"tornado-r\"><h3 id=\"tornado-r\" class=\"sub\">{}</h3>",
        t(lang, "各因素变动时的保本收费", "Break-even fee as each input moves")
    );
    match tornado(d, params, change) {
        Ok(tr) => {
            let _ = write!(
                h,
                "<p>{}<span data-testid=\"tornado-base\">{}</span>{}{}{}</p>",
                t(lang, "基准保本收费：", "Base break-even fee: "),
                money(tr.base_net),
                t(lang, " 元/月；上限：", " yuan/month; cap: "),
                grouped(tr.cap),
                t(lang, " 元/月", " yuan/month")
            );
            tornado_svg(h, &tr, params, date, lang);
        }
        Err(e) => note(h, &e, "tornado-error", lang),
    }
    h.push_str("</section>");
}

/// The tornado as SVG: a bar per input from its break-even fee at −x to that at +x, each
/// end's value labelled with its side, the base and the cap as lines.
fn tornado_svg(h: &mut String, tr: &Tornado, params: &ParameterSet, date: Date, lang: Language) {
    let fee = |v: Decimal| grouped(params.round_fee(v, date).unwrap_or(v));
    let pct = grouped((tr.change * Decimal::ONE_HUNDRED).normalize());
    let rows: Vec<(&str, Decimal, Decimal, String)> = tr
        .bars
        .iter()
        .map(|b| {
            let text = format!("−{pct}%: {} / +{pct}%: {}", fee(b.net_low), fee(b.net_high));
            (label(b.input, lang), b.net_low, b.net_high, text)
        })
        .collect();
    let px = |d: Decimal| d.to_f64().unwrap_or(0.0);
    let (plot, row_h) = (400.0, 26.0);
    let left = rows.iter().map(|r| text_width(r.0)).fold(60.0, f64::max) + 10.0;
    let right = rows.iter().map(|r| text_width(&r.3)).fold(20.0, f64::max) + 10.0;
    let w = left + plot + right;
    let hgt = 30.0 + row_h * rows.len() as f64;
    let lo = rows.iter().map(|r| px(r.1.min(r.2))).fold(px(tr.base_net).min(px(tr.cap)), f64::min);
    let hi = rows.iter().map(|r| px(r.1.max(r.2))).fold(px(tr.base_net).max(px(tr.cap)), f64::max);
    let span = (hi - lo).max(1.0);
    let x = |v: f64| left + (v - lo) / span * plot;
    let title = t(lang, "龙卷风图", "Tornado chart");
    let _ = write!(
        h,
        "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{title}\"><title>{title}</title>",
        n(w),
        n(hgt)
    );
    for (i, (name, low, high, _)) in rows.iter().enumerate() {
        let top = 10.0 + i as f64 * row_h;
        let (a, b) = (x(px((*low).min(*high))), x(px((*low).max(*high))));
        let _ = write!(
            h,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"lbl\">{}</text><rect class=\"bar offset\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
            n(left - 6.0),
            n(top + 15.0),
            esc(name),
            n(a),
            n(top),
            n((b - a).max(1.0)),
            n(row_h - 6.0)
        );
    }
    for (class, v) in [("base", tr.base_net), ("cap", tr.cap)] {
        let _ =
            write!(h, "<line class=\"{class}\" x1=\"{0}\" y1=\"4\" x2=\"{0}\" y2=\"{1}\"/>", n(x(px(v))), n(hgt - 4.0));
    }
    // The values last, over the lines, so a line never crosses one.
    for (i, (_, low, high, text)) in rows.iter().enumerate() {
        let top = 10.0 + i as f64 * row_h;
        let b = x(px((*low).max(*high)));
        let _ = write!(h, "<text x=\"{}\" y=\"{}\" class=\"val\">{}</text>", n(b + 4.0), n(top + 15.0), esc(text));
    }
    h.push_str("</svg>");
}

/// An input's value as shown: an amount to the fen with its unit, children with theirs, a
/// rate or a count to at most four places.
fn value_text(i: SensitivityInput, v: Decimal, params: &ParameterSet, date: Date, lang: Language) -> String {
    let share = grouped(params.round_share(v, date).map(|r| r.normalize()).unwrap_or(v));
    match i.kind() {
        InputKind::Amount => {
            format!("{} {}", grouped(params.round_money(v, date).unwrap_or(v)), unit_name(i.unit(), lang))
        }
        InputKind::Children => format!("{share} {}", unit_name(i.unit(), lang)),
        InputKind::Ratio | InputKind::Quantity => share,
    }
}

fn thresholds_section(h: &mut String, d: &Scenario, params: &ParameterSet, lang: Language) {
    let date = d.date;
    let _ = write!(
        h,
        "<section aria-labelledby=\"thr-h\"><h3 id=\"thr-h\">{}</h3><table class=\"lines\" data-testid=\"thresholds\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
        t(lang, "达到上限的临界值", "Where the break-even fee reaches the cap"),
        t(lang, "因素", "Input"),
        t(lang, "临界值", "Value at the cap"),
        t(lang, "相对当前倍数", "× current")
    );
    for i in SensitivityInput::ALL {
        let _ = write!(h, "<tr><td>{}</td>", esc(label(i, lang)));
        match threshold(d, params, i) {
            Ok(th) => {
                let value = match (th.value, th.factor) {
                    (Some(v), _) => value_text(i, v, params, date, lang),
                    // Several lines move together (all other staff, every utility): only the multiple is one number.
                    (None, Some(_)) => t(lang, "多项合计，见倍数", "several lines: see ×").into(),
                    (None, None) => t(lang, "无法达到", "not reached").into(),
                };
                let factor = th
                    .factor
                    .map(|v| grouped(params.round_share(v, date).map(|r| r.normalize()).unwrap_or(v)))
                    .unwrap_or_default();
                let _ = write!(h, "<td class=\"num\">{}</td><td class=\"num\">{factor}</td>", esc(&value));
            }
            Err(e) => {
                let _ = write!(h, "<td colspan=\"2\" class=\"error\">{}</td>", esc(&e.message(lang)));
            }
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></section>");
}

/// A grid axis's header: the input's value at the factor where it is one number, and the factor.
fn header(i: SensitivityInput, base: Option<Decimal>, f: Decimal, params: &ParameterSet, date: Date) -> String {
    let factor = format!("×{}", f.normalize());
    match base.and_then(|b| b.checked_mul(f)) {
        Some(v) => {
            let v = match i.kind() {
                InputKind::Amount => grouped(params.round_money(v, date).unwrap_or(v)),
                _ => grouped(params.round_share(v, date).map(|r| r.normalize()).unwrap_or(v)),
            };
            format!("{v}<br><small>{factor}</small>")
        }
        None => factor,
    }
}

fn grid_section(h: &mut String, d: &Scenario, params: &ParameterSet, form: &SensitivityForm, lang: Language) {
    let date = d.date;
    let _ = write!(
        h,
        "<section aria-labelledby=\"grid-r\"><h3 id=\"grid-r\" class=\"sub\">{}</h3>",
        t(lang, "网格：各格为保本收费（元/月）", "Grid: each cell is the break-even fee (yuan/month)")
    );
    let started = now();
    let result = GridAxis::spread(form.x_in, form.spread, form.steps)
        .and_then(|ax| Ok((ax, GridAxis::spread(form.y_in, form.spread, form.steps)?)))
        .and_then(|(ax, ay)| grid(d, params, &ax, &ay));
    let micros = ((now() - started) * 1000.0) as u64;
    let rounding = params.rounding("rounding.fee", date).map(|(r, _)| r);
    let (g, rounding) = match (result, rounding) {
        (Ok(g), Ok(r)) => (g, r),
        (Err(e), _) | (_, Err(e)) => {
            note(h, &e, "grid-error", lang);
            h.push_str("</section>");
            return;
        }
    };
    let _ = write!(
        h,
        "<p>{}<span data-testid=\"grid-ms\">{}.{:03}</span> ms</p>",
        t(lang, "网格计算用时：", "Grid computed in "),
        micros / 1000,
        micros % 1000
    );
    let (bx, by) = (input_value(d, params, g.x.input).ok().flatten(), input_value(d, params, g.y.input).ok().flatten());
    let pass = t(lang, "不超上限", "within the cap");
    let fail = t(lang, "超过上限", "over the cap");
    let _ = write!(
        h,
        "<div class=\"grid-wrap\"><table class=\"grid\" data-testid=\"grid\"><caption>{} ↓ · {} →</caption><thead><tr><th scope=\"col\">×</th>",
        esc(label(g.x.input, lang)),
        esc(label(g.y.input, lang))
    );
    for f in &g.y.factors {
        let _ = write!(h, "<th scope=\"col\">{}</th>", header(g.y.input, by, *f, params, date));
    }
    h.push_str("</tr></thead><tbody>");
    for ((row, prow), fx) in g.net.iter().zip(&g.passes).zip(&g.x.factors) {
        let _ = write!(h, "<tr><th scope=\"row\">{}</th>", header(g.x.input, bx, *fx, params, date));
        for (v, ok) in row.iter().zip(prow) {
            let (class, title) = if *ok { ("pass", pass) } else { ("fail", fail) };
            let _ = write!(h, "<td class=\"{class}\" title=\"{title}\">{}</td>", grouped(rounding.apply(*v)));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></div></section>");
}

/// Milliseconds from the worker's clock.
fn now() -> f64 {
    use wasm_bindgen::JsCast;
    js_sys::global()
        .dyn_into::<web_sys::WorkerGlobalScope>()
        .ok()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
