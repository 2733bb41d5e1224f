//! 批量审核: drop a CSV or xlsx of proposals; every row gets an outcome; filter; download the findings.

use std::cell::RefCell;
use std::rc::Rc;

use fee_core::{BatchLine, BatchSummary, RowOutcome};
use gloo::file::callbacks::FileReader;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use crate::app::use_app;
use crate::batch_client;
use crate::batch_protocol::{FindingsFormat, Request, Response};
use crate::components::field::{SelectField, TextField};
use crate::components::findings::severity_label;
use crate::files::download;
use crate::i18n::{pick, tr};
use crate::state::AppState;

#[derive(Clone, PartialEq, Default)]
struct Outcome {
    file: String,
    lines: Rc<Vec<BatchLine>>,
    summary: BatchSummary,
    error: Option<String>,
}

/// Hands the file to the batch worker; progress and the outcome come back as messages.
fn start(
    state: &AppState,
    name: String,
    bytes: Vec<u8>,
    progress: UseStateHandle<Option<(usize, usize)>>,
    done: UseStateHandle<Outcome>,
) {
    let request = Request::Check {
        xlsx: name.to_ascii_lowercase().ends_with(".xlsx"),
        params: (*state.params).clone(),
        date: state.draft.date,
        income: state.draft.income.clone(),
    };
    progress.set(Some((0, 0)));
    let on_progress = {
        let progress = progress.clone();
        move |d: usize, t: usize| progress.set(Some((d, t)))
    };
    batch_client::send(&request, &bytes, on_progress, move |response, _| {
        progress.set(None);
        done.set(match response {
            Response::Checked { lines, summary } => Outcome { file: name, lines: Rc::new(lines), summary, error: None },
            Response::Failed { reason } => Outcome { file: name, error: Some(reason), ..Default::default() },
            _ => Outcome {
                file: name,
                error: Some("unexpected answer from the batch worker".into()),
                ..Default::default()
            },
        });
    });
}

/// Asks the worker to write the findings in `format` and offers the file.
fn save(o: &Outcome, format: FindingsFormat) {
    let (name, mime) = match format {
        FindingsFormat::Csv => ("findings.csv", "text/csv;charset=utf-8"),
        FindingsFormat::Xlsx => ("findings.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    };
    let request = Request::Write { format, lines: (*o.lines).clone(), summary: o.summary };
    batch_client::send(
        &request,
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
    let outcome = use_state(Outcome::default);
    let progress = use_state(|| None::<(usize, usize)>);
    let reader: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);
    let show = use_state(|| "all".to_string());
    let query = use_state(String::new);

    let take_file = {
        let (st, outcome, progress, reader) = (state.clone(), outcome.clone(), progress.clone(), reader.clone());
        Rc::new(move |file: web_sys::File| {
            let name = file.name();
            let (st, outcome, progress) = (st.clone(), outcome.clone(), progress.clone());
            progress.set(Some((0, 0)));
            let task = gloo::file::callbacks::read_as_bytes(&file.into(), move |res| match res {
                Ok(bytes) => start(&st, name, bytes, progress, outcome),
                Err(e) => {
                    progress.set(None);
                    outcome.set(Outcome { file: name, error: Some(e.to_string()), ..Default::default() });
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
    let lines: Vec<&BatchLine> = o
        .lines
        .iter()
        .filter(|l| match show.as_str() {
            "passed" => l.outcome == RowOutcome::Passed,
            "findings" => l.outcome == RowOutcome::Findings,
            "rejected" => l.outcome == RowOutcome::Rejected,
            "violation" => l.finding.as_ref().is_some_and(|f| f.severity == fee_core::Severity::Violation),
            _ => true,
        })
        .filter(|l| query.is_empty() || l.institution.contains(query.as_str()) || l.item.contains(query.as_str()))
        .collect();
    let on_csv = {
        let o = o.clone();
        Callback::from(move |_| save(&o, FindingsFormat::Csv))
    };
    let on_xlsx = {
        let o = o.clone();
        Callback::from(move |_| save(&o, FindingsFormat::Xlsx))
    };
    let outcome_label = |x: RowOutcome| match x {
        RowOutcome::Passed => tr(lang, "通过", "passed"),
        RowOutcome::Findings => tr(lang, "有问题", "finding"),
        RowOutcome::Rejected => tr(lang, "无法读取", "rejected"),
    };

    html! {
        <div class="page batch">
            <div class="drop" ondrop={on_drop} ondragover={on_drag_over}>
                <label for="batch-file">{ tr(lang, "选择或拖入收费方案文件（CSV 或 xlsx，格式见说明）", "Choose or drop a proposals file (CSV or xlsx; layout in the docs)") }</label>
                <input id="batch-file" type="file" accept=".csv,.xlsx,text/csv" onchange={on_input} />
                <p class="hint">{ tr(lang, "文件只在本页处理，不会上传。", "The file is processed in this page and never uploaded.") }</p>
            </div>
            if let Some((done, total)) = *progress {
                <div class="progress" role="status">
                    <label for="batch-progress">{ tr(lang, "正在核查…", "Checking…") }{ format!(" {done} / {total}") }</label>
                    <progress id="batch-progress" max={total.max(1).to_string()} value={done.to_string()} />
                </div>
            }
            if let Some(e) = &o.error { <p class="error" role="alert">{ format!("{}: {e}", o.file) }</p> }
            if !o.lines.is_empty() || o.summary.rows_read > 0 {
                <p data-testid="batch-summary">{ format!(
                    "{}：{} {} = {} {} + {} {} + {} {}",
                    o.file,
                    tr(lang, "读取行数", "rows read"), o.summary.rows_read,
                    tr(lang, "通过", "passed"), o.summary.rows_passed,
                    tr(lang, "有问题", "with findings"), o.summary.rows_with_findings,
                    tr(lang, "无法读取", "rejected"), o.summary.rows_rejected,
                ) }</p>
                <div class="row">
                    <SelectField id="batch-show" label={tr(lang, "显示", "Show")} value={(*show).clone()}
                        options={vec![("all".into(), tr(lang, "全部", "all").into()), ("violation".into(), tr(lang, "违规", "violations").into()),
                            ("findings".into(), tr(lang, "有问题", "with findings").into()), ("rejected".into(), tr(lang, "无法读取", "rejected").into()),
                            ("passed".into(), tr(lang, "通过", "passed").into())]}
                        on_change={{ let s = show.clone(); Callback::from(move |v| s.set(v)) }} />
                    <TextField id="batch-query" label={tr(lang, "搜索机构或项目", "Search institution or item")} value={(*query).clone()} on_change={{ let q = query.clone(); Callback::from(move |v| q.set(v)) }} />
                    <button onclick={on_csv}>{ tr(lang, "下载 CSV", "Download CSV") }</button>
                    <button onclick={on_xlsx}>{ tr(lang, "下载 xlsx", "Download xlsx") }</button>
                </div>
                <table class="lines" data-testid="batch-table">
                    <thead><tr>
                        <th scope="col">{ tr(lang, "行", "Row") }</th><th scope="col">{ tr(lang, "机构", "Institution") }</th><th scope="col">{ tr(lang, "项目", "Item") }</th>
                        <th scope="col">{ tr(lang, "结果", "Outcome") }</th><th scope="col">{ tr(lang, "说明", "Detail") }</th><th scope="col">{ tr(lang, "依据", "Clause") }</th>
                    </tr></thead>
                    <tbody>{ for lines.iter().take(2000).map(|l| html! {
                        <tr class={match l.outcome { RowOutcome::Passed => "pass", RowOutcome::Findings => "finding", RowOutcome::Rejected => "rejected" }}>
                            <td class="num">{ l.row }</td><td>{ &l.institution }</td><td>{ &l.item }</td>
                            <td>{ outcome_label(l.outcome) }{ l.finding.as_ref().map(|f| format!(" · {}", severity_label(f.severity, lang))).unwrap_or_default() }</td>
                            <td>{ match (&l.finding, &l.reason) {
                                (Some(f), _) => pick(lang, &f.message_zh, &f.message_en).to_string(),
                                (None, Some(r)) => format!("{}: {r}", l.column.clone().unwrap_or_default()),
                                _ => String::new(),
                            } }</td>
                            <td>{ l.finding.as_ref().map(|f| crate::components::why::source_text(&f.source, lang)).unwrap_or_default() }</td>
                        </tr>
                    }) }</tbody>
                </table>
                if lines.len() > 2000 { <p>{ tr(lang, "仅显示前2000行；请下载完整结果。", "Showing the first 2,000 lines; download for all.") }</p> }
            }
        </div>
    }
}
