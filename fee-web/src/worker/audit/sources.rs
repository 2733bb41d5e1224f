//! The audit page's sources (docs/sources.md, and the entry a trace step's link opens) and its clause map.

use std::fmt::Write;

use fee_core::{escape_html as esc, Language};

use super::{error_note, t, text};

/// The source list, as shipped in docs/sources.md.
const SOURCES: &str = include_str!("../../../../docs/sources.md");

/// The entry of docs/sources.md that `cite` names, shown first when a trace step's link opened
/// the page.
pub(super) fn cited(h: &mut String, cite: &str, lang: Language) {
    if cite.is_empty() {
        return;
    }
    let _ = write!(
        h,
        "<section class=\"cited\" data-testid=\"cited\"><h3>{}</h3><p><q>{}</q></p>",
        t(lang, "所引来源", "The source cited"),
        esc(cite)
    );
    match entries().into_iter().find(|(_, tokens, _)| tokens.iter().any(|tok| cite.contains(tok.as_str()))) {
        Some((title, _, body)) => {
            let _ = write!(h, "<h4>{}</h4>{}", esc(&title), markdown(&body));
        }
        None => {
            let _ = write!(
                h,
                "<p class=\"hint\">{}</p>",
                t(
                    lang,
                    "本工具的计算方法或用户输入，不出自外部文件。",
                    "A method of this tool or a user input, not an outside document."
                )
            );
        }
    }
    // The clauses of that document the catalogue lists.
    let clauses: Vec<_> =
        fee_core::CLAUSES.iter().filter(|c| cite.contains(c.document) && cite.contains(c.id)).collect();
    for c in clauses {
        let _ = write!(
            h,
            "<p><strong>{} {}</strong>：{}</p>",
            esc(c.document),
            esc(c.id),
            esc(text(lang, c.summary_zh, c.summary_en))
        );
    }
    h.push_str("</section>");
}

/// The entries of docs/sources.md: each `###` heading (or example bullet) with its cited-as
/// tokens and its text.
fn entries() -> Vec<(String, Vec<String>, String)> {
    let mut out = Vec::new();
    for block in SOURCES.split("\n### ").skip(1) {
        let (title, body) = block.split_once('\n').unwrap_or((block, ""));
        let body = body.split("\n## ").next().unwrap_or(body);
        let mut tokens = Vec::new();
        for piece in body.split("**Cited as:**").skip(1) {
            let run = piece.lines().next().unwrap_or("");
            tokens.extend(run.split('`').skip(1).step_by(2).map(str::to_string));
        }
        out.push((title.trim().to_string(), tokens, body.to_string()));
    }
    // The examples section lists its sources as bullets, each with its own tokens.
    if let Some(examples) = SOURCES.split("\n## Examples from other places").nth(1) {
        let section = examples.split("\n## ").next().unwrap_or(examples);
        for bullet in section.split("\n- ").skip(1) {
            let tokens: Vec<String> = bullet
                .split("**Cited as:**")
                .skip(1)
                .flat_map(|p| p.split('`').skip(1).step_by(2).take(2).map(str::to_string).collect::<Vec<_>>())
                .collect();
            let title = bullet.split("**").nth(1).unwrap_or("").trim_end_matches(':').to_string();
            out.push((title, tokens, format!("- {bullet}")));
        }
    }
    out
}

/// A small reader of the markdown sources.md uses: `##`/`###` headings, bullets (one level
/// of nesting), paragraphs, **bold**, `code` and [links](…) (their text only: the page is offline).
fn markdown(md: &str) -> String {
    fn inline(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        // Links: keep the text.
        let mut plain = String::new();
        while let Some(open) = rest.find('[') {
            let Some(close) = rest[open..].find("](").map(|c| open + c) else { break };
            let Some(end) = rest[close..].find(')').map(|e| close + e) else { break };
            plain.push_str(&rest[..open]);
            plain.push_str(&rest[open + 1..close]);
            rest = &rest[end + 1..];
        }
        plain.push_str(rest);
        for (i, part) in esc(&plain).split("**").enumerate() {
            let part: String = part
                .split('`')
                .enumerate()
                .map(|(j, p)| if j % 2 == 1 { format!("<code>{p}</code>") } else { p.to_string() })
                .collect();
            if i % 2 == 1 {
                let _ = write!(out, "<strong>{part}</strong>");
            } else {
                out.push_str(&part);
            }
        }
        out
    }
    let mut h = String::new();
    let mut depth = 0usize;
    let mut para: Vec<&str> = Vec::new();
    let mut item = String::new();
    let flush_item = |h: &mut String, item: &mut String| {
        if !item.is_empty() {
            let _ = write!(h, "<li>{}</li>", inline(item.trim()));
            item.clear();
        }
    };
    for line in md.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(bullet) = trimmed.strip_prefix("- ") {
            if !para.is_empty() {
                let _ = write!(h, "<p>{}</p>", inline(&para.join(" ")));
                para.clear();
            }
            flush_item(&mut h, &mut item);
            let want = if indent >= 2 { 2 } else { 1 };
            while depth < want {
                h.push_str("<ul>");
                depth += 1;
            }
            while depth > want {
                h.push_str("</ul>");
                depth -= 1;
            }
            item = bullet.to_string();
        } else if trimmed.is_empty() {
            flush_item(&mut h, &mut item);
            while depth > 0 {
                h.push_str("</ul>");
                depth -= 1;
            }
            if !para.is_empty() {
                let _ = write!(h, "<p>{}</p>", inline(&para.join(" ")));
                para.clear();
            }
        } else if let Some(title) = trimmed.strip_prefix("### ") {
            let _ = write!(h, "<h5>{}</h5>", inline(title));
        } else if let Some(title) = trimmed.strip_prefix("## ") {
            let _ = write!(h, "<h4>{}</h4>", inline(title));
        } else if trimmed.starts_with("# ") {
        } else if depth > 0 {
            item.push(' ');
            item.push_str(trimmed);
        } else {
            para.push(trimmed);
        }
    }
    flush_item(&mut h, &mut item);
    while depth > 0 {
        h.push_str("</ul>");
        depth -= 1;
    }
    if !para.is_empty() {
        let _ = write!(h, "<p>{}</p>", inline(&para.join(" ")));
    }
    h
}

pub(super) fn sources_section(h: &mut String, lang: Language) {
    let _ = write!(
        h,
        "<details class=\"sources-list\"><summary>{}</summary><p class=\"hint\">{}</p><div lang=\"en\" data-quotes>{}</div></details>",
        t(lang, "来源（docs/sources.md）", "Sources (docs/sources.md)"),
        t(
            lang,
            "来源说明以英文撰写，文件名称与文号为原文。",
            "Each source as the project lists it, with the documents' own titles and numbers."
        ),
        markdown(SOURCES.split_once('\n').map_or(SOURCES, |(_, rest)| rest))
    );
}

pub(super) fn clauses_section(h: &mut String, lang: Language) {
    let map = match fee_core::project_cases().and_then(|c| fee_core::clause_map(&c)) {
        Ok(m) => m,
        Err(e) => {
            error_note(h, &e, lang);
            return;
        }
    };
    let encoded = map.clauses.iter().filter(|c| c.is_encoded()).count();
    let _ = write!(
        h,
        "<details class=\"clauses\" open><summary>{}</summary><p class=\"hint\" data-testid=\"clause-count\">{}</p><table class=\"lines\" data-testid=\"clause-map\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        t(lang, "条款对照", "Clause map"),
        match lang {
            Language::Zh => format!("共 {} 条，已编码 {encoded} 条，未编码 {} 条（由规则、参数和算例生成，非手写）。", map.clauses.len(), map.clauses.len() - encoded),
            Language::En => format!("{} clauses: {encoded} encoded, {} not encoded (generated from the rules, parameters and cases, not written by hand).", map.clauses.len(), map.clauses.len() - encoded),
        },
        t(lang, "文件与条款", "Document and clause"),
        t(lang, "内容", "What it says"),
        t(lang, "规则", "Rules"),
        t(lang, "参数", "Parameters"),
        t(lang, "算例", "Cases"),
    );
    for c in &map.clauses {
        let _ = write!(
            h,
            "<tr data-clause=\"{} {}\"><th scope=\"row\" lang=\"zh-CN\">{}<br>{}</th><td>{}</td>",
            esc(&c.document),
            esc(&c.clause),
            esc(&c.document),
            esc(&c.clause),
            esc(text(lang, &c.summary_zh, &c.summary_en))
        );
        if let Some((zh, en)) = &c.not_encoded {
            let _ = write!(
                h,
                "<td colspan=\"3\" class=\"hint\">{}{}</td></tr>",
                t(lang, "未编码：", "Not encoded: "),
                esc(text(lang, zh, en))
            );
            continue;
        }
        let rules: Vec<String> = c
            .rules
            .iter()
            .map(|r| format!("<code>{}</code> {}", esc(&r.id), esc(text(lang, &r.label_zh, &r.label_en))))
            .collect();
        let mut names: Vec<&str> = c.parameters.iter().map(|p| p.name.as_str()).collect();
        names.dedup();
        let params: Vec<String> = names.iter().map(|n| format!("<code>{}</code>", esc(n))).collect();
        let _ = write!(
            h,
            "<td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            rules.join("<br>"),
            params.join("<br>"),
            c.cases.len()
        );
    }
    h.push_str("</tbody></table></details>");
}
