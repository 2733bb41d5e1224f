//! The two-input grid as a table: 10,201 cells at 101 × 101, written as one HTML string and
//! inserted at once. Building them as virtual DOM nodes took about 400 ms from keystroke to
//! screen; as one string about 250 ms, most of it the browser's layout of the table.

use std::fmt::Write;
use std::rc::Rc;

use fee_core::{grouped, Language, Rounding, SensitivityGrid};
use yew::prelude::*;

use crate::i18n::tr;

#[derive(Properties, Clone)]
pub struct GridTableProps {
    pub grid: Rc<SensitivityGrid>,
    /// How net costs are shown (the set's fee rule: whole yuan).
    pub rounding: Rounding,
    pub lang: Language,
}

impl PartialEq for GridTableProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.grid, &other.grid) && self.rounding == other.rounding && self.lang == other.lang
    }
}

/// Text for HTML: the few characters that would change its meaning are escaped.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The table's markup. Every value is a number fee-core formatted or a fixed label.
fn markup(g: &SensitivityGrid, rounding: Rounding, lang: Language) -> String {
    let cells = g.net.len() * g.y.factors.len();
    let mut out = String::with_capacity(cells * 48 + 256);
    let pass = escape(tr(lang, "不超上限", "within the cap"));
    let fail = escape(tr(lang, "超过上限", "over the cap"));
    out.push_str(r#"<table class="grid" data-testid="grid"><thead><tr><th scope="col">×</th>"#);
    for f in &g.y.factors {
        let _ = write!(out, r#"<th scope="col">{f}</th>"#);
    }
    out.push_str("</tr></thead><tbody>");
    for ((row, prow), fx) in g.net.iter().zip(&g.passes).zip(&g.x.factors) {
        let _ = write!(out, r#"<tr><th scope="row">{fx}</th>"#);
        for (v, ok) in row.iter().zip(prow) {
            let (class, title) = if *ok { ("pass", &pass) } else { ("fail", &fail) };
            let _ = write!(out, r#"<td class="{class}" title="{title}">{}</td>"#, grouped(rounding.apply(*v)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

#[function_component(GridTable)]
pub fn grid_table(props: &GridTableProps) -> Html {
    let html = {
        let p = props.clone();
        use_memo(p, |p| AttrValue::from(markup(&p.grid, p.rounding, p.lang)))
    };
    html! { <div class="grid-wrap">{ Html::from_html_unchecked((*html).clone()) }</div> }
}
