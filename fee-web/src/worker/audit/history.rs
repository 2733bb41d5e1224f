//! The audit page's parameter history: each dated value, the cap it gives, a projection and a chart.

use std::fmt::Write;

use fee_core::{escape_html as esc, grouped, parse_amount, Date, Language, ParameterSet};
use rust_decimal::Decimal;

use super::{t, text};

pub(super) fn history_section(
    h: &mut String,
    kept: &(String, String),
    params: &ParameterSet,
    date: Date,
    lang: Language,
) {
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
            esc(if lang == Language::En { p.reference_en.as_ref().unwrap_or(&p.reference) } else { &p.reference })
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
