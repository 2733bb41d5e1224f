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
            <text class="cap-label" x={n(w - 8.0)} y={n(cap_y - 4.0)} text-anchor="end">{ format!("{} {}", p.cap_label, fee_core::grouped(p.cap)) }</text>
        </svg>
    }
}
