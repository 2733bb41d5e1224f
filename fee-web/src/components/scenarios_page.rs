//! 情景: save, compare, export/import, share as a link, and print the dossier's report.

use fee_core::{check_dossier, evaluate, Dossier, Language, Scenario};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::batch_client;
use crate::batch_protocol::{Request, Response};
use crate::components::procedure::procedure_view;
use crate::context::use_app;
use crate::files::{download, read_chosen_text, ReadTask};
use crate::forms::ProcedureForm;
use crate::i18n::{pick, tr};
use crate::state::{Action, AppState, Notice};
use crate::store::SavedScenario;

#[function_component(ScenariosPage)]
pub fn scenarios_page() -> Html {
    let state = use_app();
    let lang = state.lang;
    let name = use_state(|| state.draft.name.clone());
    let reader: ReadTask = use_mut_ref(|| None);
    let share = use_state(String::new);

    let on_name = {
        let n = name.clone();
        Callback::from(move |e: InputEvent| n.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_save = {
        let st = state.clone();
        let n = name.clone();
        Callback::from(move |_| {
            let name = n.trim().to_string();
            if !name.is_empty() {
                let replaced = st.saved.iter().any(|x| x.name == name);
                st.dispatch(Action::Save(name.clone()));
                st.dispatch(Action::Notify(Some(if replaced {
                    Notice::ok(
                        format!("已保存情景“{name}”（替换了同名情景）。"),
                        format!("Scenario “{name}” saved (in place of the one of that name)."),
                    )
                } else {
                    Notice::ok(format!("已保存情景“{name}”。"), format!("Scenario “{name}” saved."))
                })));
            }
        })
    };
    // Saved work leaves as one file the worker writes: every saved scenario and the draft dossier
    // as records with their digests (`fee verify` checks them), and every form as entered.
    let on_export = {
        let st = state.clone();
        Callback::from(move |_| {
            let procedure: ProcedureForm = crate::store::form(&st.forms);
            let dossier = Dossier { scenario: st.draft.clone(), records: procedure.records() };
            let request = Request::SaveWork {
                saved: serde_json::to_string(&st.saved).unwrap_or_default(),
                draft: serde_json::to_string(&dossier).unwrap_or_default(),
                // The check page's inputs are kept beside the forms, under their own tag.
                forms: st
                    .forms
                    .iter()
                    .cloned()
                    .chain([crate::store::StoredCheck::of(&st.check.schedule, &st.check.month).0])
                    .collect(),
                params: (*st.params).clone(),
            };
            crate::print::ask_file(&st, &request, ["未能导出：", "Not exported: "], Box::new(download));
        })
    };
    // The worker reads an import (saved work, a record, saved scenarios, a dossier or a scenario).
    let on_import = {
        let st = state.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let st = st.clone();
            read_chosen_text(e, &reader, move |res| {
                let failed = |st: &AppState, zh: &str, en: &str| {
                    st.dispatch(Action::Notify(Some(Notice::error(
                        format!("导入失败，未作任何改动：{zh}"),
                        format!("Import failed; nothing changed: {en}"),
                    ))))
                };
                let text = match res {
                    Ok(t) => t,
                    Err((zh, en)) => return failed(&st, &zh, &en),
                };
                let request = Request::Import { params: (*st.params).clone() };
                batch_client::send(
                    &request,
                    text.as_bytes(),
                    |_, _| {},
                    move |response, _| match response {
                        Response::Imported { saved, draft, forms, note_zh, note_en } => {
                            imported(&st, &saved, &draft, forms, [note_zh, note_en])
                        }
                        Response::Failed { reason_zh, reason_en } => failed(&st, &reason_zh, &reason_en),
                        _ => {}
                    },
                );
            });
        })
    };
    let on_share = {
        let draft = state.draft.clone();
        let share = share.clone();
        Callback::from(move |_| {
            let json = serde_json::to_string(&draft).unwrap_or_default();
            let enc: String = js_sys::encode_uri_component(&json).into();
            let base = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
            let base = base.split('#').next().unwrap_or("").to_string();
            share.set(format!("{base}#/cost?s={enc}"));
        })
    };

    let compared: Vec<(String, Result<fee_core::Evaluation, fee_core::FeeError>)> = state
        .saved
        .iter()
        .filter(|s| state.compare.contains(&s.name))
        .map(|s| (s.name.clone(), evaluate(&s.scenario, &state.params)))
        .collect();
    let changes = state
        .saved
        .iter()
        .filter(|s| {
            s.scenario.parameter_set.version != state.params.version || s.scenario.parameter_set.id != state.params.id
        })
        .map(|s| s.name.clone())
        .collect::<Vec<_>>();
    // The draft evaluated once, for the procedure's check and the printed dossier alike.
    let procedure: ProcedureForm = crate::store::form(&state.forms);
    let dossier = Dossier { scenario: state.draft.clone(), records: procedure.records() };
    let report = check_dossier(&dossier, &state.params);
    // The printed report is the dossier's: the draft with its procedure, as the worker writes it.
    let on_print = {
        let st = state.clone();
        let json = serde_json::to_string(&dossier).unwrap_or_default();
        Callback::from(move |_| crate::print::print_report(&st, json.clone()))
    };

    html! {
        <div class="page scenarios">
            <section aria-labelledby="save-h">
                <h3 id="save-h">{ tr(lang, "保存当前情景", "Save the current scenario") }</h3>
                <div class="row">
                    <div class="field"><label for="save-name">{ tr(lang, "名称", "Name") }</label>
                        <input id="save-name" type="text" value={(*name).clone()} oninput={on_name} /></div>
                    <button onclick={on_save}>{ tr(lang, "保存", "Save") }</button>
                    <button onclick={on_export}>{ tr(lang, "导出JSON", "Export JSON") }</button>
                    <div class="field"><label for="import">{ tr(lang, "导入JSON", "Import JSON") }</label>
                        <input id="import" type="file" accept=".json,application/json" onchange={on_import} /></div>
                    <button onclick={on_share}>{ tr(lang, "生成分享链接", "Make a share link") }</button>
                    <button onclick={on_print}>{ tr(lang, "打印测算报告", "Print the dossier") }</button>
                </div>
                if !share.is_empty() {
                    <div class="field"><label for="share-link">{ tr(lang, "分享链接（情景保存在链接中，不经服务器）", "Share link (the scenario travels in the link, no server)") }</label>
                        <input id="share-link" type="text" readonly=true value={(*share).clone()} /></div>
                }
            </section>
            <section aria-labelledby="list-h">
                <h3 id="list-h">{ tr(lang, "已保存的情景", "Saved scenarios") }</h3>
                if state.saved.is_empty() { <p>{ tr(lang, "尚无保存的情景。", "No saved scenarios yet.") }</p> }
                <ul class="saved">{ for state.saved.iter().map(|s| {
                    let n = s.name.clone();
                    let (st1, st2, st3) = (state.clone(), state.clone(), state.clone());
                    let (n1, n2, n3) = (n.clone(), n.clone(), n.clone());
                    let id = format!("cmp-{}", s.name.len() + s.name.chars().map(|c| c as usize).sum::<usize>());
                    html! { <li>
                        <input type="checkbox" id={id.clone()} checked={state.compare.contains(&n)} onchange={Callback::from(move |_| st1.dispatch(Action::ToggleCompare(n1.clone())))} />
                        <label for={id}>{ &s.name }{ format!(" ({} {})", s.scenario.parameter_set.id, s.scenario.parameter_set.version) }</label>
                        <button onclick={Callback::from(move |_| st2.dispatch(Action::Load(n2.clone())))}>{ tr(lang, "载入", "Load") }</button>
                        <button onclick={Callback::from(move |_| st3.dispatch(Action::Delete(n3.clone())))}>{ tr(lang, "删除", "Delete") }</button>
                    </li> }
                }) }</ul>
                if !changes.is_empty() {
                    <p class="warn">{ tr(lang, "以下情景按其他参数版本制作，载入后按当前参数计算，差异见“参数”页：", "These were made under another parameter version and are computed with the current one; see Parameters for what changed: ") }{ changes.join("，") }</p>
                }
            </section>
            if !compared.is_empty() { { compare_table(&compared, &state.params, state.draft.date, lang) } }
            { procedure_view(&state, &procedure, dossier, &report) }
        </div>
    }
}

/// The saved scenarios ticked, side by side: each figure of each, and for every one after the
/// first its change against the first (Δ and Δ%, computed by fee-core), rounded by the set's rules.
fn compare_table(
    rows: &[(String, Result<fee_core::Evaluation, fee_core::FeeError>)],
    params: &fee_core::ParameterSet,
    date: fee_core::Date,
    lang: Language,
) -> Html {
    let first = rows.first().and_then(|(_, r)| r.as_ref().ok());
    // Per column, the figures against the first (the first against itself), or the error.
    let columns: Vec<Result<Vec<fee_core::FigureChange>, String>> = rows
        .iter()
        .map(|(_, r)| match (r, first) {
            (Ok(e), Some(base)) => fee_core::compare_evaluations(base, e).map_err(|e| e.message(lang)),
            (Err(e), _) => Err(e.message(lang)),
            (Ok(_), None) => Err(tr(lang, "第一个情景无法计算", "the first scenario cannot be computed").into()),
        })
        .collect();
    let keys: Vec<(String, String)> = columns
        .iter()
        .find_map(|c| c.as_ref().ok())
        .map(|c| c.iter().map(|f| (f.key.clone(), pick(lang, &f.label_zh, &f.label_en).to_string())).collect())
        .unwrap_or_default();
    let shown = |f: &fee_core::FigureChange, v: rust_decimal::Decimal, date| {
        if f.is_fee() {
            crate::format::fee(params, date, v, lang)
        } else {
            crate::format::money(params, date, v, lang)
        }
    };
    let cell = |k: usize, col: &Result<Vec<fee_core::FigureChange>, String>, date| match col {
        Err(e) => e.clone(),
        Ok(c) => match c.iter().find(|f| f.key == keys[k].0) {
            None => String::new(),
            Some(f) => {
                let value = format!("{} {}", shown(f, f.reform, date), fee_core::unit_name(&f.unit, lang));
                if f.delta.is_zero() {
                    value
                } else {
                    let sign = if f.delta.is_sign_positive() { "+" } else { "" };
                    let pct = f
                        .delta_share
                        .map(|d| format!("，{sign}{}", crate::format::percent(params, date, d, lang)))
                        .unwrap_or_default();
                    format!("{value}（Δ {sign}{}{pct}）", shown(f, f.delta, date))
                }
            }
        },
    };
    html! {
        <section aria-labelledby="cmp-h">
            <h3 id="cmp-h">{ tr(lang, "情景对比（Δ、Δ% 对第一个情景）", "Comparison (Δ and Δ% against the first)") }</h3>
            <table class="lines" data-testid="compare">
                <thead><tr><th scope="col">{ tr(lang, "指标", "Figure") }</th>{ for rows.iter().map(|(n, _)| html! { <th scope="col" class="num">{ n }</th> }) }</tr></thead>
                <tbody>{ for keys.iter().enumerate().map(|(k, (_, label))| html! {
                    <tr><th scope="row">{ label }</th>{ for columns.iter().map(|c| html! { <td class="num">{ cell(k, c, date) }</td> }) }</tr>
                }) }</tbody>
            </table>
        </section>
    }
}

/// Puts what the worker read from an import into the app: the saved scenarios beside those of
/// the same name, the draft dossier as the draft with its procedure, the forms as entered; and
/// says what came in, with the worker's `note` on the file's digests.
fn imported(st: &AppState, saved: &str, draft: &str, forms: Vec<Vec<String>>, note: [String; 2]) {
    let list: Vec<SavedScenario> = serde_json::from_str(saved).unwrap_or_default();
    let (list, renamed) = crate::state::unique_names(&st.saved, list);
    let n = list.len();
    let kept: Vec<String> = renamed.iter().map(|(a, b)| format!("“{a}”→“{b}”")).collect();
    let dossier = serde_json::from_str::<Dossier>(draft).ok();
    let (mut zh, mut en) = if n == 0 && dossier.is_some() {
        ("已导入定价档案：".to_string(), "Pricing dossier imported:".to_string())
    } else {
        (format!("已导入{n}个情景。"), format!("{n} scenario(s) imported."))
    };
    if !kept.is_empty() {
        zh += &format!("与已有情景同名的另存为：{}。", kept.join("，"));
        en += &format!(" Kept beside saved ones of the same name: {}.", kept.join(", "));
    }
    if n > 0 {
        st.dispatch(Action::Import(list));
    }
    if let Some(d) = dossier {
        let records = d.records.len();
        let form = ProcedureForm::from_records(&d.records);
        zh += &format!("情景“{}”已载入为当前草稿，{records}条程序记录已填入定价程序。", d.scenario.name);
        en += &format!(
            " Scenario “{}” is now the draft, and its {records} procedure record(s) fill the pricing procedure.",
            d.scenario.name
        );
        st.dispatch(Action::Edit(Box::new(move |draft: &mut Scenario| *draft = d.scenario)));
        st.dispatch(Action::EditForms(Box::new(move |f| crate::store::put_form(f, &form))));
    }
    if !forms.is_empty() {
        zh += &format!("{}个页面的表单内容已恢复。", forms.len());
        en += &format!(" The forms of {} page(s) are restored.", forms.len());
        let (check, forms): (Vec<_>, Vec<_>) =
            forms.into_iter().partition(|f| f.first().map(String::as_str) == Some(crate::store::StoredCheck::TAG));
        if let Some((schedule, month)) = check.into_iter().next().and_then(|t| crate::store::StoredCheck(t).restore()) {
            st.dispatch(Action::EditCheck(Box::new(move |c| *c = crate::state::CheckDraft { schedule, month })));
        }
        st.dispatch(Action::EditForms(Box::new(move |f| {
            for texts in forms {
                crate::store::put_texts(f, texts);
            }
        })));
    }
    let [note_zh, note_en] = note;
    st.dispatch(Action::Notify(Some(Notice::ok(
        format!("{zh}{note_zh}"),
        format!("{en} {note_en}").trim_end().to_string(),
    ))));
}
