//! The pages the batch worker draws: 批量审核 (a proposals file checked row by row) and 定价测算
//! (survey workbooks of many nurseries in, each one's approved cost, the district's social
//! average cost, the guided fee and band within the cap, each institution's gap at the fee,
//! and the cost-audit report out).
//!
//! This component is a thin shell over the worker: it sends the files the user gives and what
//! the user does, and shows the markup the worker writes (every text escaped there). Buttons
//! and fields in that markup carry `data-edit`, `data-id` and `data-fields`; one handler here
//! turns a click or a change into an edit. The district page's sample is JSON text the page
//! never reads; it stores it. So the readers, the pooling and the pages' forms cost the first
//! load nothing but this file.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Element, HtmlInputElement};
use yew::prelude::*;

use crate::batch_client;
use crate::batch_protocol::{Request, Response, WorkerPage};
use crate::context::use_app;
use crate::files::download;
use crate::hooks::{keep_aside, save_district, stored_district, use_kept, UseKeptHandle};
use crate::i18n::{pick, tr};
use crate::state::{Action, AppState, Notice};
use crate::store::{put_texts, StoredForm};

/// The page's handles that an answer of the worker updates.
#[derive(Clone)]
struct Handles {
    page: WorkerPage,
    state: AppState,
    sample: UseKeptHandle<String>,
    /// The worker's markup of the sample.
    html: UseKeptHandle<String>,
    /// Whether the worker is at work, and rows checked of the total when it says.
    busy: UseStateHandle<Option<(usize, usize)>>,
    refused: UseStateHandle<Option<(String, String)>>,
    /// The id of the field that had the focus when an edit was sent, to give it back.
    focus: Rc<RefCell<String>>,
    /// The files being read; dropping a reader cancels it.
    readers: Rc<RefCell<Vec<FileReader>>>,
}

/// A form's stored texts (led by its tag) as JSON, an empty list when none is stored.
fn form_texts(st: &AppState, tag: &str) -> String {
    let stored = st.forms.iter().find(|f| f.first().map(String::as_str) == Some(tag));
    serde_json::to_string(&stored.cloned().unwrap_or_default()).unwrap_or_default()
}

/// What a page whose inputs stay on the page sends the worker: the draft (audit, solve), the
/// fiscal form's texts, or the draft with the sensitivity form's texts; `None` for the pages
/// whose sample the worker keeps.
fn page_input(page: WorkerPage, st: &AppState) -> Option<String> {
    let draft = || serde_json::to_string(&st.draft).unwrap_or_default();
    Some(match page {
        WorkerPage::Audit | WorkerPage::Solve => draft(),
        WorkerPage::Fiscal => form_texts(st, crate::forms::FiscalForm::TAG),
        WorkerPage::Sensitivity => format!("[{},{}]", draft(), form_texts(st, crate::forms::SensitivityForm::TAG)),
        _ => return None,
    })
}

/// A file read: its name and bytes.
type NamedFile = (String, Vec<u8>);

/// The value of the field with `id`, empty when there is none.
fn value_of(id: &str) -> String {
    let Some(e) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else {
        return String::new();
    };
    match e.dyn_into::<HtmlInputElement>() {
        Ok(i) => i.value(),
        Err(e) => e.dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default(),
    }
}

impl Handles {
    /// Sends the sample with `files` and `edit` to the worker; the answer replaces the sample
    /// and its markup (and is saved), or says why the edit was refused.
    fn send(&self, files: Vec<(String, Vec<u8>)>, edit: Vec<String>) {
        let st = &self.state;
        let (mut bytes, mut names, mut lengths) = (Vec::new(), Vec::new(), Vec::new());
        for (name, b) in files {
            names.push(name);
            lengths.push(b.len());
            bytes.extend(b);
        }
        let quiet = edit.is_empty() && names.is_empty();
        // The audit page and the solve section work on the draft scenario.
        let sample = page_input(self.page, st).unwrap_or_else(|| (*self.sample).clone());
        let request = Request::Page {
            page: self.page,
            sample,
            names,
            lengths,
            edit,
            params: (*st.params).clone(),
            date: st.draft.date,
            income: st.draft.income.clone(),
            lang: st.lang,
        };
        *self.focus.borrow_mut() = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .map(|e| e.id())
            .unwrap_or_default();
        self.busy.set(Some((0, 0)));
        let h = self.clone();
        let busy = self.busy.clone();
        batch_client::send(
            &request,
            &bytes,
            move |done, total| busy.set(Some((done, total))),
            move |response, bytes| {
                h.busy.set(None);
                match response {
                    Response::File { name, mime } => download(&name, &mime, &bytes),
                    // The fiscal form's texts changed by the worker (the curve's target picked) are the page's to store.
                    Response::Page { sample, html } if h.page == WorkerPage::Fiscal => {
                        if let Ok(texts) = serde_json::from_str::<Vec<String>>(&sample) {
                            h.state.dispatch(Action::EditForms(Box::new(move |forms| put_texts(forms, texts))));
                        }
                        h.html.set(html);
                        h.refused.set(None);
                    }
                    Response::Page { sample, html } => {
                        if h.page == WorkerPage::District && !save_district(&sample) {
                            h.state.dispatch(Action::Notify(Some(Notice::error(
                                "浏览器存储已满或不可用，样本未能保存。".into(),
                                "Browser storage is full or unavailable; the sample was not saved.".into(),
                            ))));
                        }
                        h.sample.set(sample);
                        h.html.set(html);
                        h.refused.set(None);
                    }
                    // A stored sample that no longer reads is kept aside, never overwritten.
                    Response::Failed { reason_zh, reason_en }
                        if quiet && h.page == WorkerPage::District && !h.sample.is_empty() =>
                    {
                        let notice = keep_aside(
                            &h.sample,
                            [
                                format!("保存的定价测算样本无法读取（{reason_zh}）。"),
                                format!("The saved district sample could not be read ({reason_en}). "),
                            ],
                            ["已改为空样本。", "Started an empty sample."],
                        );
                        h.state.dispatch(Action::Notify(Some(notice)));
                        h.sample.set(String::new());
                        h.send(Vec::new(), Vec::new());
                    }
                    Response::Failed { reason_zh, reason_en } => h.refused.set(Some((reason_zh, reason_en))),
                    _ => h.refused.set(Some(("回复不符合预期".into(), "unexpected answer".into()))),
                }
            },
        );
    }

    /// Reads the files of `list`, all of them, then sends them together with `edit` (which
    /// names the section they were chosen for, on the audit page).
    fn read(&self, list: web_sys::FileList, edit: Vec<String>) {
        let count = list.length() as usize;
        let read: Rc<RefCell<Vec<Option<NamedFile>>>> = Rc::new(RefCell::new(vec![None; count]));
        let left = Rc::new(RefCell::new(count));
        let mut tasks = Vec::new();
        for k in 0..count {
            let Some(file) = list.get(k as u32) else { continue };
            let name = file.name();
            let (h, read, left, edit) = (self.clone(), read.clone(), left.clone(), edit.clone());
            tasks.push(gloo::file::callbacks::read_as_bytes(&file.into(), move |res| {
                // A file the browser cannot read is still named in the outcome, as empty.
                read.borrow_mut()[k] = Some((name, res.unwrap_or_default()));
                *left.borrow_mut() -= 1;
                if *left.borrow() == 0 {
                    let files = read.borrow_mut().drain(..).flatten().collect();
                    h.send(files, edit.clone());
                }
            }));
        }
        *self.readers.borrow_mut() = tasks;
    }

    /// What a click on a button, or a change of a field, of the worker's markup asks for: the
    /// element's `data-edit` and `data-id`, then the values of the fields its `data-fields`
    /// names (or its own value). A template or a report is a file to download; files chosen
    /// are read and sent; anything else is an edit of the sample.
    fn act(&self, target: Option<Element>, changed: bool) {
        // A button that goes to one of the page's own inputs (an error's "转到此项").
        if let Some(id) =
            target.as_ref().and_then(|t| t.closest("[data-go]").ok().flatten()).and_then(|e| e.get_attribute("data-go"))
        {
            crate::dom::go_to(&id);
            return;
        }
        let Some(el) = target.and_then(|t| t.closest("[data-edit]").ok().flatten()) else { return };
        // A button acts when clicked, a field when changed.
        if (el.tag_name() == "BUTTON") == changed {
            return;
        }
        let attr = |name: &str| el.get_attribute(name).unwrap_or_default();
        if let Some(input) = el.dyn_ref::<HtmlInputElement>().filter(|_| attr("data-edit") == "files") {
            if let Some(list) = input.files() {
                let edit =
                    if self.page == WorkerPage::Audit { vec!["files".into(), attr("data-id")] } else { Vec::new() };
                self.read(list, edit);
            }
            input.set_value("");
            return;
        }
        let fields = attr("data-fields");
        let mut edit = vec![attr("data-edit"), attr("data-id")];
        if fields.is_empty() {
            edit.push(value_of(&el.id()));
        } else {
            edit.extend(fields.split(' ').map(value_of));
        }
        self.send(Vec::new(), edit)
    }
}

#[derive(Properties, PartialEq)]
pub struct WorkerPageProps {
    pub page: WorkerPage,
}

#[function_component(WorkerPageView)]
pub fn worker_page(p: &WorkerPageProps) -> Html {
    let state = use_app();
    let lang = state.lang;
    let district = p.page == WorkerPage::District;
    let (sample_key, html_key, class) = match p.page {
        WorkerPage::Batch => ("batch.sample", "batch.html", "batch"),
        WorkerPage::District => ("district.sample", "district.html", "district"),
        WorkerPage::Audit => ("audit.sample", "audit.html", "audit"),
        // The print request is not a page; the solve section's keys serve if one is ever shown.
        WorkerPage::Fiscal => ("fiscal.sample", "fiscal.html", "fiscal-results"),
        WorkerPage::Sensitivity => ("sensitivity.sample", "sensitivity.html", "sensitivity-results"),
        WorkerPage::Solve | WorkerPage::Print => ("solve.sample", "solve.html", "solve"),
    };
    let h = Handles {
        page: p.page,
        state: state.clone(),
        // The district page's sample is stored; the batch page's lines stay in the worker.
        sample: use_kept(sample_key, move || if district { stored_district() } else { String::new() }),
        html: use_kept(html_key, String::new),
        busy: use_state(|| None),
        refused: use_state(|| None),
        focus: use_mut_ref(String::new),
        readers: use_mut_ref(Vec::new),
    };

    // The markup follows the page, the language and the parameter set, and on the audit page
    // and the solve section the draft scenario. A link from a trace step's source
    // (`#/audit?cite=…`) opens the audit page on that source.
    {
        let h = h.clone();
        // The fiscal results follow the form's texts and the pricing date.
        let draft = page_input(p.page, &state).map(|s| format!("{}{s}", state.draft.date));
        let key = (p.page, lang, state.params.id.clone(), state.params.version.clone(), draft);
        use_effect_with(key, move |(page, ..)| {
            let cite = (*page == WorkerPage::Audit)
                .then(|| web_sys::window().and_then(|w| w.location().hash().ok()))
                .flatten()
                .and_then(|hash| hash.split_once("?cite=").map(|(_, c)| c.to_string()))
                .and_then(|c| js_sys::decode_uri_component(&c).ok().and_then(|s| s.as_string()));
            h.send(Vec::new(), cite.map(|c| vec!["cite".into(), c]).unwrap_or_default())
        });
    }
    // New markup replaces the fields: the one the user was in gets the focus back.
    {
        let focus = h.focus.clone();
        use_effect_with((*h.html).clone(), move |_| {
            let id = focus.borrow().clone();
            if let Some(e) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id)) {
                let _ = e.dyn_into::<web_sys::HtmlElement>().map(|e| e.focus());
            }
        });
    }
    let on_click = {
        let h = h.clone();
        Callback::from(move |e: MouseEvent| h.act(e.target_dyn_into::<Element>(), false))
    };
    let on_change = {
        let h = h.clone();
        Callback::from(move |e: Event| h.act(e.target_dyn_into::<Element>(), true))
    };
    // A field marked `data-live` (the batch page's search) acts on each input, but not while
    // an input method is composing (pinyin), which new markup would break.
    let on_input = {
        let h = h.clone();
        Callback::from(move |e: InputEvent| {
            let target = e.target_dyn_into::<Element>().filter(|t| t.has_attribute("data-live"));
            if target.is_some() && !e.is_composing() {
                h.act(target, true)
            }
        })
    };
    let on_drop = {
        let h = h.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(f) = e.data_transfer().and_then(|d| d.files()) {
                // Dropped anywhere on the audit page, files are case files.
                let edit = if h.page == WorkerPage::Audit { vec!["files".into(), "cases".into()] } else { Vec::new() };
                h.read(f, edit);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());

    html! {
        <div class={classes!("page", class)} onclick={on_click} onchange={on_change}
            oninput={on_input} ondrop={on_drop} ondragover={on_drag_over}>
            if let Some((done, total)) = *h.busy {
                <div class="progress" role="status">
                    <label for="worker-progress">{ tr(lang, "正在处理…", "Working…") }{ (total > 0).then(|| format!(" {done} / {total}")) }</label>
                    <progress id="worker-progress" max={total.max(1).to_string()} value={done.to_string()} />
                </div>
            }
            if let Some((zh, en)) = &*h.refused {
                <p class="error" role="alert" data-testid="refused">{ pick(lang, zh, en) }</p>
            }
            { Html::from_html_unchecked(AttrValue::from((*h.html).clone())) }
        </div>
    }
}
