//! Small SVG charts. They only draw numbers fee-core computed; pixel positions are the
//! only arithmetic here.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use yew::prelude::*;

/// A pixel coordinate as text, rounded to a whole unit of the viewBox (no float formatting code).
fn n(v: f64) -> String {
    (v.round() as i64).to_string()
}

/// Decimal to a pixel-space number.
pub fn px(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// One bar of a waterfall.
#[derive(Clone, PartialEq)]
pub struct WaterfallBar {
    pub label: String,
    /// The value the bar shows, as text rounded by the set's rules.
    pub text: String,
    /// Bottom and top of the bar, in value units.
    pub from: f64,
    pub to: f64,
    pub total: bool,
}

#[derive(Properties, PartialEq)]
pub struct WaterfallProps {
    pub bars: Vec<WaterfallBar>,
    pub cap: Decimal,
    pub cap_label: AttrValue,
    pub title: AttrValue,
}

#[function_component(Waterfall)]
pub fn waterfall(p: &WaterfallProps) -> Html {
    let (w, h, left, bottom) = (640.0, 300.0, 60.0, 70.0);
    let max = p.bars.iter().map(|b| b.from.max(b.to)).fold(px(p.cap), f64::max).max(1.0) * 1.08;
    let y = |v: f64| (h - bottom) - v / max * (h - bottom - 10.0);
    let count = p.bars.len().max(1) as f64;
    let bw = (w - left - 10.0) / count;
    let cap_y = y(px(p.cap));
    html! {
        <svg class="chart" viewBox={format!("0 0 {} {}", n(w), n(h))} role="img" aria-label={p.title.clone()}>
            <title>{ &p.title }</title>
            <line x1={n(left)} y1={n(h - bottom)} x2={n(w - 5.0)} y2={n(h - bottom)} class="axis" />
            { for p.bars.iter().enumerate().map(|(i, b)| {
                let x = left + i as f64 * bw + bw * 0.15;
                let (top, bot) = (y(b.from.max(b.to)), y(b.from.min(b.to)));
                let class = if b.total { "bar total" } else { "bar offset" };
                html! { <g>
                    <rect class={class} x={n(x)} y={n(top)} width={n(bw * 0.7)} height={n((bot - top).max(1.0))} />
                    <text x={n(x + bw * 0.35)} y={n(top - 4.0)} text-anchor="middle" class="val">{ &b.text }</text>
                    <text x={n(x + bw * 0.35)} y={n(h - bottom + 16.0)} text-anchor="middle" class="lbl">{ &b.label }</text>
                </g> }
            }) }
            <line class="cap" x1={n(left)} y1={n(cap_y)} x2={n(w - 5.0)} y2={n(cap_y)} />
            <text class="cap-label" x={n(w - 8.0)} y={n(cap_y - 4.0)} text-anchor="end">{ format!("{} {}", p.cap_label, p.cap) }</text>
        </svg>
    }
}

/// A bar of a tornado chart: the net cost at −x and +x.
#[derive(Clone, PartialEq)]
pub struct TornadoRow {
    pub label: String,
    pub low: Decimal,
    pub high: Decimal,
    /// "low – high" as text rounded by the set's rules.
    pub text: String,
}

#[derive(Properties, PartialEq)]
pub struct TornadoProps {
    pub rows: Vec<TornadoRow>,
    pub base: Decimal,
    pub cap: Decimal,
    pub title: AttrValue,
}

/// The width a label takes at the charts' 11 px text, a little generously: a Chinese
/// character is one em, any other about 0.62 em.
fn text_width(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 6.8 } else { 11.0 }).sum()
}

#[function_component(TornadoChart)]
pub fn tornado_chart(p: &TornadoProps) -> Html {
    // The plot keeps its width; the margins grow to fit the longest label and value text.
    let (plot, row_h) = (440.0, 26.0);
    let left = p.rows.iter().map(|r| text_width(&r.label)).fold(60.0, f64::max) + 10.0;
    let right = p.rows.iter().map(|r| text_width(&r.text)).fold(20.0, f64::max) + 10.0;
    let w = left + plot + right;
    let h = 30.0 + row_h * p.rows.len() as f64;
    let lo = p.rows.iter().map(|r| px(r.low.min(r.high))).fold(px(p.base).min(px(p.cap)), f64::min);
    let hi = p.rows.iter().map(|r| px(r.low.max(r.high))).fold(px(p.base).max(px(p.cap)), f64::max);
    let span = (hi - lo).max(1.0);
    let x = |v: f64| left + (v - lo) / span * plot;
    // Each bar's top and its two ends, worked out once for the bar and for its value.
    let bars: Vec<(f64, f64, f64)> = p
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (10.0 + i as f64 * row_h, x(px(r.low.min(r.high))), x(px(r.low.max(r.high)))))
        .collect();
    html! {
        <svg class="chart" viewBox={format!("0 0 {} {}", n(w), n(h))} role="img" aria-label={p.title.clone()}>
            <title>{ &p.title }</title>
            { for p.rows.iter().zip(&bars).map(|(r, &(top, a, b))| html! { <g>
                <text x={n(left - 6.0)} y={n(top + 15.0)} text-anchor="end" class="lbl">{ &r.label }</text>
                <rect class="bar offset" x={n(a)} y={n(top)} width={n((b - a).max(1.0))} height={n(row_h - 6.0)} />
            </g> }) }
            <line class="base" x1={n(x(px(p.base)))} y1="4" x2={n(x(px(p.base)))} y2={n(h - 4.0)} />
            <line class="cap" x1={n(x(px(p.cap)))} y1="4" x2={n(x(px(p.cap)))} y2={n(h - 4.0)} />
            // The values last, over the lines, so a line never crosses one.
            { for p.rows.iter().zip(&bars).map(|(r, &(top, _, b))| html! {
                <text x={n(b + 4.0)} y={n(top + 15.0)} class="val">{ &r.text }</text>
            }) }
        </svg>
    }
}
