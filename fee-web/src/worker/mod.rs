//! What the batch worker does for the pages it draws: the batch review, the district pricing,
//! the audit page, the cost page's backward solve and the fiscal page's results; and the
//! markup they share (a trace's working, a curve).

use std::fmt::Write;

use fee_core::{escape_html as esc, formula_text, unit_name, value_name, Date, Language, ParameterSet, Step};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

pub mod audit;

pub mod batch;
pub mod district;
pub mod fiscal;
pub mod saved;
pub mod sensitivity;

/// A file's text, or why it is not UTF-8: what encoding it seems to be and how to save it
/// again (fee-core's judgement), naming the file.
pub fn utf8<'a>(bytes: &'a [u8], name: &str) -> Result<&'a str, fee_core::FeeError> {
    std::str::from_utf8(bytes).map_err(|_| fee_core::TextEncoding::not_utf8(bytes, name))
}

/// `zh` or `en` by the page's language.
pub fn t(lang: Language, zh: &'static str, en: &'static str) -> &'static str {
    if lang == Language::Zh {
        zh
    } else {
        en
    }
}

/// The working of a result as the page's "why" disclosure: each step's label, result with its
/// unit, formula and names in `lang`, inputs and sources, figures rounded by the set's rules.
pub fn why(h: &mut String, steps: &[Step], params: &ParameterSet, date: Date, lang: Language, summary: &str) {
    let _ = write!(h, "<details class=\"why\"><summary>{}</summary><ol>", esc(summary));
    for s in steps {
        step(h, s, params, date, lang);
    }
    h.push_str("</ol></details>");
}

/// One trace step (see [`why`]).
pub fn step(h: &mut String, s: &Step, params: &ParameterSet, date: Date, lang: Language) {
    let shown = |name: &str, v: Decimal| fee_core::trace_figure(params, date, v, "", name);
    let inputs: Vec<String> = s
        .inputs
        .iter()
        .map(|v| {
            let name = value_name(&v.name, lang).map(|n| n.into_owned()).unwrap_or_else(|| v.name.to_string());
            format!("{} = {}", esc(&name), shown(&v.name, v.value))
        })
        .collect();
    let _ = write!(
        h,
        "<li class=\"step\"><div><strong>{}</strong> = <span class=\"num\">{}</span> {}</div><div class=\"formula\"><code>{}</code></div><div class=\"inputs\">{}</div><ul class=\"sources\">",
        esc(if lang == Language::Zh { &s.label_zh } else { &s.label_en }),
        fee_core::trace_figure(params, date, s.result, &s.unit, ""),
        unit_name(&s.unit, lang),
        esc(formula_text(&s.formula, lang).unwrap_or(&s.formula)),
        inputs.join(if lang == Language::Zh { "，" } else { ", " })
    );
    for src in &s.sources {
        // A clause is cited as its document writes it: in Chinese, and marked so.
        let zh = if matches!(src, fee_core::Source::Clause { .. }) { " lang=\"zh-CN\"" } else { "" };
        let _ = write!(h, "<li{zh}>{}</li>", esc(&src.text(lang)));
    }
    h.push_str("</ul></li>");
}

/// An error, naming the page's input it is about by `input`'s label with a button that goes
/// to the input's id, or by its own field path when the page has no such input.
pub fn field_error(h: &mut String, e: &fee_core::FeeError, testid: &str, input: Option<(&str, &str)>, lang: Language) {
    let message = match input {
        Some((label, _)) => e.message_naming(lang, label),
        None => e.message(lang),
    };
    let _ = write!(h, "<p class=\"error\" role=\"alert\" data-testid=\"{testid}\">{}", esc(&message));
    if let Some((_, id)) = input {
        let _ = write!(
            h,
            "<button type=\"button\" class=\"link\" data-go=\"{}\">{}</button>",
            esc(id),
            t(lang, "转到此项", "Go to the field")
        );
    }
    h.push_str("</p>");
}

/// A pixel coordinate as text, rounded to a whole unit of the viewBox.
pub fn n(v: f64) -> String {
    (v.round() as i64).to_string()
}

/// About how wide a label is drawn at the charts' 11 px: ASCII narrower than CJK.
pub fn text_width(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 6.8 } else { 11.0 }).sum()
}

/// A line chart from zero up as SVG markup: `points` in value units; `ends` the first and
/// last x and the highest y as text rounded by the set's rules; `labels` the x axis's, the y
/// axis's and the chart's titles. The y title stands above the plot and the highest value
/// beside the axis's top, so neither covers the other; `ticks` more points along the curve
/// (their x and y as text) mark both axes between the ends.
pub fn curve_svg(
    h: &mut String,
    points: &[(Decimal, Decimal)],
    ends: (&str, &str, &str),
    labels: (&str, &str, &str),
    ticks: &[(usize, String, String)],
) {
    let (height, top, bottom) = (280.0, 34.0, 40.0);
    if points.len() < 2 {
        return;
    }
    let px = |d: Decimal| d.to_f64().unwrap_or(0.0);
    let left = ticks.iter().map(|(_, _, y)| text_width(y)).fold(text_width(ends.2), f64::max).max(30.0) + 12.0;
    let w = left + 560.0;
    let xs: Vec<f64> = points.iter().map(|(x, _)| px(*x)).collect();
    let ys: Vec<f64> = points.iter().map(|(_, y)| px(*y)).collect();
    let (x0, x1) = (xs.iter().cloned().fold(f64::MAX, f64::min), xs.iter().cloned().fold(f64::MIN, f64::max));
    let y1 = ys.iter().cloned().fold(0.0, f64::max).max(1.0);
    let sx = |v: f64| left + (v - x0) / (x1 - x0).max(1.0) * (w - left - 10.0);
    let sy = |v: f64| (height - bottom) - v / y1 * (height - bottom - top);
    let path: Vec<String> = xs.iter().zip(&ys).map(|(x, y)| format!("{},{}", n(sx(*x)), n(sy(*y)))).collect();
    let base = height - bottom;
    let _ = write!(
        h,
        "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\"><title>{}</title>\
         <line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/><line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\
         <line class=\"tick\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/><polyline class=\"curve\" points=\"{}\"/>",
        n(w),
        n(height),
        esc(labels.2),
        esc(labels.2),
        n(left),
        n(base),
        n(w - 5.0),
        n(base),
        n(left),
        n(top - 6.0),
        n(left),
        n(base),
        n(left - 4.0),
        n(top),
        n(left),
        n(top),
        path.join(" ")
    );
    for (i, x_text, y_text) in ticks {
        let (Some(x), Some(y)) = (xs.get(*i), ys.get(*i)) else { continue };
        let (x, y) = (sx(*x), sy(*y));
        let _ = write!(
            h,
            "<line class=\"tick\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/><text class=\"tick-lbl\" x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\
             <line class=\"tick\" x1=\"{5}\" y1=\"{6}\" x2=\"{7}\" y2=\"{6}\"/><text class=\"tick-lbl\" x=\"{8}\" y=\"{9}\" text-anchor=\"end\">{10}</text>",
            n(x),
            n(base),
            n(base + 4.0),
            n(base + 16.0),
            esc(x_text),
            n(left - 4.0),
            n(y),
            n(left),
            n(left - 6.0),
            n(y + 4.0),
            esc(y_text)
        );
    }
    let _ = write!(
        h,
        "<text class=\"lbl\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text><text class=\"lbl\" x=\"4\" y=\"14\">{}</text>\
         <text class=\"val\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><text class=\"val\" x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>\
         <text class=\"val\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text><text class=\"val\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text></svg>",
        n(w / 2.0),
        n(height - 8.0),
        esc(labels.0),
        esc(labels.1),
        n(left - 6.0),
        n(top + 4.0),
        esc(ends.2),
        n(left - 6.0),
        n(base + 4.0),
        n(left),
        n(base + 16.0),
        esc(ends.0),
        n(w - 10.0),
        n(base + 16.0),
        esc(ends.1)
    );
}
