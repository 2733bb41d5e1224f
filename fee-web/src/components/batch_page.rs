//! 批量审核: drop a CSV or xlsx of proposals; every row gets an outcome; filter; download the findings.

use std::cell::RefCell;
use std::rc::Rc;

use fee_core::{BatchSummary, RowOutcome};
use gloo::file::callbacks::FileReader;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use crate::batch_client;
use crate::batch_protocol::{FindingsFormat, LineFilter, Page, Request, Response, View};
use crate::components::field::{SelectField, TextField};
use crate::components::findings::severity_label;
use crate::context::use_app;
use crate::files::download;
use crate::hooks::{use_kept, UseKeptHandle};
use crate::i18n::{pick, tr};
use crate::state::AppState;

/// The file checked last: its name, its counts, or why it could not be checked.
#[derive(Clone, PartialEq, Default)]
struct Outcome {
    file: String,
    summary: BatchSummary,
    /// Why the file could not be checked, in Chinese and in English.
    error: Option<(String, String)>,
}

/// What the table shows: the filter, the search and the first line's place.
#[derive(Clone, PartialEq)]
struct Shown {
    show: String,
    query: String,
    offset: usize,
}

/// Lines on one page of the table.
const PAGE_LINES: usize = 100;

/// Hands the file to the batch worker; progress, the counts and the first page come back as messages.
fn start(
    state: &AppState,
    (name, bytes): (String, Vec<u8>),
    view: View,
    progress: UseStateHandle<Option<(usize, usize)>>,
    done: UseKeptHandle<Outcome>,
    page: UseStateHandle<Rc<Page>>,
) {
    let request = Request::Check {
        xlsx: name.to_ascii_lowercase().ends_with(".xlsx"),
        params: (*state.params).clone(),
        date: state.draft.date,
        income: state.draft.income.clone(),
        view,
    };
    progress.set(Some((0, 0)));
    let on_progress = {
        let progress = progress.clone();
        move |d: usize, t: usize| progress.set(Some((d, t)))
    };
    batch_client::send(&request, &bytes, on_progress, move |response, _| {
        progress.set(None);
        let (outcome, lines) = match response {
            Response::Checked { summary, page } => (Outcome { file: name, summary, error: None }, page),
            Response::Failed { reason_zh, reason_en } => {
                (Outcome { file: name, error: Some((reason_zh, reason_en)), ..Default::default() }, Page::default())
            }
            _ => (
                Outcome {
                    file: name,
                    error: Some(("批量审核的回复不符合预期".into(), "unexpected answer from the batch worker".into())),
                    ..Default::default()
                },
                Page::default(),
            ),
        };
        page.set(Rc::new(lines));
        done.set(outcome);
    });
}

/// Asks the worker to write the findings it holds in `format` and offers the file.
fn save(format: FindingsFormat) {
    let (name, mime) = match format {
        FindingsFormat::Csv => ("findings.csv", "text/csv;charset=utf-8"),
        FindingsFormat::Xlsx => ("findings.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    };
    batch_client::send(
        &Request::Write { format },
        &[],
        |_, _| {},
        move |response, bytes| {
            if let Response::Written = response {
                download(name, mime, &bytes);
            }
        },
    );
}

#[function_component(BatchPage)]
pub fn batch_page() -> Html {
    let state = use_app();
    let lang = state.lang;
    // The file's outcome and the table's view outlive the page (the worker keeps the lines).
    let outcome = use_kept("batch.outcome", Outcome::default);
    let page = use_state(|| Rc::new(Page::default()));
    let progress = use_state(|| None::<(usize, usize)>);
    let reader: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);
    let shown = use_kept("batch.view", || Shown { show: "all".into(), query: String::new(), offset: 0 });
    let view = View {
        filter: LineFilter::named(&shown.show),
        query: shown.query.clone(),
        offset: shown.offset,
        limit: PAGE_LINES,
    };
    // Pages of the table, from the place of the page shown.
    let go_to = shown.change(|s, at: usize| s.offset = at);
    // Whether the worker holds lines to page through; until then a new view asks for nothing.
    // Coming back to the page, it holds those of the file checked last.
    let holds_lines = use_mut_ref(|| !outcome.file.is_empty() && outcome.error.is_none());

    {
        let (page, holds_lines) = (page.clone(), holds_lines.clone());
        use_effect_with(view.clone(), move |view| {
            if *holds_lines.borrow() {
                batch_client::send(
                    &Request::Lines { view: view.clone() },
                    &[],
                    |_, _| {},
                    move |response, _| {
                        if let Response::Lines { page: lines } = response {
                            page.set(Rc::new(lines));
                        }
                    },
                );
            }
        });
    }

    let take_file = {
        let (st, outcome, progress, reader, page, view) =
            (state.clone(), outcome.clone(), progress.clone(), reader.clone(), page.clone(), view.clone());
        Rc::new(move |file: web_sys::File| {
            let name = file.name();
            let (st, outcome, progress, page, view) =
                (st.clone(), outcome.clone(), progress.clone(), page.clone(), view.clone());
            *holds_lines.borrow_mut() = true;
            progress.set(Some((0, 0)));
            let task = gloo::file::callbacks::read_as_bytes(&file.into(), move |res| match res {
                Ok(bytes) => start(&st, (name, bytes), view, progress, outcome, page),
                Err(e) => {
                    progress.set(None);
                    let error = Some((format!("文件无法读取：{e}"), format!("cannot read the file: {e}")));
                    outcome.set(Outcome { file: name, error, ..Default::default() });
                }
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let on_input = {
        let take = take_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|f| f.get(0)) {
                take(f);
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let take = take_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(f) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                take(f);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());

    let o = &*outcome;
    let on_csv = Callback::from(|_| save(FindingsFormat::Csv));
    let on_xlsx = Callback::from(|_| save(FindingsFormat::Xlsx));
    let outcome_label = |x: RowOutcome| match x {
        RowOutcome::Passed => tr(lang, "通过", "passed"),
        RowOutcome::Findings => tr(lang, "有问题", "finding"),
        RowOutcome::Rejected => tr(lang, "无法读取", "rejected"),
    };

    html! {
        <div class="page batch">
            <div class="drop" ondrop={on_drop} ondragover={on_drag_over}>
                <label for="batch-file">{ tr(lang, "选择或拖入收费方案文件（CSV 或 xlsx）", "Choose or drop a proposals file (CSV or xlsx)") }</label>
                <input id="batch-file" type="file" accept=".csv,.xlsx,text/csv" onchange={on_input} />
                <p class="hint">{ tr(lang, "文件只在本页处理，不会上传。", "The file is processed in this page and never uploaded.") }</p>
                // Served beside the app (trunk copies them; `scripts/help-pages.mjs` renders the layout).
                <p class="hint">
                    <a href="batch-format.html" target="_blank" rel="noopener">{ tr(lang, "文件格式说明（各列含义与取值）", "File layout (each column and its values)") }</a>
                    { tr(lang, " · 示例文件：", " · Sample files: ") }
                    <a href="proposals.csv" download="proposals.csv">{ "CSV" }</a>{ " · " }<a href="proposals.xlsx" download="proposals.xlsx">{ "xlsx" }</a>
                </p>
            </div>
            if let Some((done, total)) = *progress {
                <div class="progress" role="status">
                    <label for="batch-progress">{ tr(lang, "正在核查…", "Checking…") }{ format!(" {done} / {total}") }</label>
                    <progress id="batch-progress" max={total.max(1).to_string()} value={done.to_string()} />
                </div>
            }
            if let Some((zh, en)) = &o.error { <p class="error" role="alert">{ format!("{}{}{}", o.file, tr(lang, "：", ": "), pick(lang, zh, en)) }</p> }
            if o.summary.rows_read > 0 {
                <p data-testid="batch-summary">{ format!(
                    "{}：{} {} = {} {} + {} {} + {} {}",
                    o.file,
                    tr(lang, "读取行数", "rows read"), o.summary.rows_read,
                    tr(lang, "通过", "passed"), o.summary.rows_passed,
                    tr(lang, "有问题", "with findings"), o.summary.rows_with_findings,
                    tr(lang, "无法读取", "rejected"), o.summary.rows_rejected,
                ) }</p>
                <div class="row">
                    <SelectField id="batch-show" label={tr(lang, "显示", "Show")} value={shown.show.clone()}
                        options={vec![("all".into(), tr(lang, "全部", "all").into()), ("violation".into(), tr(lang, "违规", "violations").into()),
                            ("findings".into(), tr(lang, "有问题", "with findings").into()), ("rejected".into(), tr(lang, "无法读取", "rejected").into()),
                            ("passed".into(), tr(lang, "通过", "passed").into())]}
                        on_change={shown.change(|s, v: String| { s.offset = 0; s.show = v })} />
                    <TextField id="batch-query" label={tr(lang, "搜索机构或项目", "Search institution or item")} value={shown.query.clone()}
                        on_change={shown.change(|s, v: String| { s.offset = 0; s.query = v })} />
                    <button onclick={on_csv}>{ tr(lang, "下载 CSV", "Download CSV") }</button>
                    <button onclick={on_xlsx}>{ tr(lang, "下载 xlsx", "Download xlsx") }</button>
                </div>
                <table class="lines" data-testid="batch-table">
                    <thead><tr>
                        <th scope="col">{ tr(lang, "行", "Row") }</th><th scope="col">{ tr(lang, "机构", "Institution") }</th><th scope="col">{ tr(lang, "项目", "Item") }</th>
                        <th scope="col">{ tr(lang, "结果", "Outcome") }</th><th scope="col">{ tr(lang, "说明", "Detail") }</th><th scope="col">{ tr(lang, "依据", "Clause") }</th>
                    </tr></thead>
                    <tbody>{ for page.lines.iter().map(|l| html! {
                        <tr class={match l.outcome { RowOutcome::Passed => "pass", RowOutcome::Findings => "finding", RowOutcome::Rejected => "rejected" }}>
                            <td class="num">{ l.row }</td><td>{ &l.institution }</td><td>{ &l.item }</td>
                            <td>{ outcome_label(l.outcome) }{ l.severity.map(|s| format!(" · {}", severity_label(s, lang))).unwrap_or_default() }</td>
                            <td>{ pick(lang, &l.detail_zh, &l.detail_en) }</td>
                            <td>{ pick(lang, &l.source_zh, &l.source_en) }</td>
                        </tr>
                    }) }</tbody>
                </table>
                <nav class="row pager" aria-label={tr(lang, "翻页", "Pages")}>
                    <button disabled={page.offset == 0}
                        onclick={{ let at = page.offset; go_to.reform(move |_: MouseEvent| at.saturating_sub(PAGE_LINES)) }}>
                        { tr(lang, "上一页", "Previous") }</button>
                    <span data-testid="batch-pager" role="status">{ if page.lines.is_empty() {
                        tr(lang, "没有符合条件的行", "No lines match").to_string()
                    } else {
                        format!("{}–{} / {}", page.offset + 1, page.offset + page.lines.len(), page.matching)
                    } }</span>
                    <button disabled={page.offset + page.lines.len() >= page.matching}
                        onclick={{ let at = page.offset; go_to.reform(move |_: MouseEvent| at + PAGE_LINES) }}>
                        { tr(lang, "下一页", "Next") }</button>
                </nav>
            }
        </div>
    }
}
