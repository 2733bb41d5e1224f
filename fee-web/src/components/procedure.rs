//! 定价程序: the steps of the pricing procedure carried out for the draft (《政府制定价格行为规则》,
//! plan 二(二)1), checked by fee-core, and the pricing dossier to export for `fee dossier`.

use fee_core::{Dossier, DossierReport, FeeError, ProcedureStep};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::batch_protocol::Request;
use crate::components::edit::{at, edit_form};
use crate::components::findings::Findings;
use crate::files::download;
use crate::forms::{ProcedureForm, StepEntry};
use crate::i18n::{pick, tr};
use crate::state::AppState;

/// The table's columns.
const COLUMNS: [(&str, &str); 4] = [("步骤", "Step"), ("日期", "Date"), ("文件", "Document"), ("结果", "Outcome")];

/// Which text of a step an input edits.
type Pick = fn(&mut StepEntry) -> &mut String;

/// The procedure's table as `form` holds it, `report` (fee-core's check of `dossier`, whose
/// records come from `form`), and the export of `dossier`. The scenarios page checks the
/// dossier once and prints the report's evaluation too.
pub fn procedure_view(
    state: &AppState,
    form: &ProcedureForm,
    dossier: Dossier,
    report: &Result<DossierReport, FeeError>,
) -> Html {
    let lang = state.lang;
    // The dossier leaves as a record (fee record's format, which fee dossier and fee verify read):
    // the worker evaluates it and adds the digests of the set, the dossier, the result and the program.
    let on_export = {
        let st = state.clone();
        Callback::from(move |_: MouseEvent| {
            let Ok(input) = serde_json::to_string(&dossier) else { return };
            let request = Request::Record { input, params: (*st.params).clone(), name: "dossier.json".into() };
            crate::print::ask_file(
                &st,
                &request,
                ["定价档案未能导出：", "The dossier was not exported: "],
                Box::new(download),
            );
        })
    };
    // One callback per input: the row and the text it edits travel with the value.
    let input = |i: usize, pick: Pick, field: &'static str, value: &str, label: String| {
        let set = edit_form(state, |f: &mut ProcedureForm, (i, pick, v): (usize, Pick, String)| {
            at(&mut f.steps, i, |e| *pick(e) = v);
        });
        let id = format!("records[{i}].{field}");
        let value = value.to_string();
        // A date when it is picked; a text as it is typed, so a reload loses no keystroke.
        if field == "date" {
            let on_change =
                set.reform(move |e: Event| (i, pick, e.target_unchecked_into::<HtmlInputElement>().value()));
            html! { <input type="date" {id} aria-label={label} {value} onchange={on_change} /> }
        } else {
            let on_input =
                set.reform(move |e: InputEvent| (i, pick, e.target_unchecked_into::<HtmlInputElement>().value()));
            html! { <input type="text" {id} aria-label={label} {value} oninput={on_input} /> }
        }
    };
    html! {
        <section class="procedure" aria-labelledby="procedure-h">
            <h3 id="procedure-h">{ tr(lang, "定价程序（公办收费，二(二)1）：已完成步骤的日期、文件与结果", "Pricing procedure (public fees, 二(二)1): date, document and outcome of each step done") }</h3>
            <table class="lines" data-testid="procedure">
                <thead><tr>{ for COLUMNS.iter().map(|(zh, en)| html! { <th scope="col">{ tr(lang, zh, en) }</th> }) }</tr></thead>
                <tbody>{ for ProcedureStep::ALL.iter().zip(&form.steps).enumerate().map(|(i, (step, e))| {
                    let name = pick(lang, step.name_zh(), step.name_en());
                    html! { <tr>
                        <th scope="row">{ name }</th>
                        <td>{ input(i, |e| &mut e.date, "date", &e.date, format!("{name}{}", tr(lang, "：日期", ": date"))) }</td>
                        <td>{ input(i, |e| &mut e.document, "document", &e.document, format!("{name}{}", tr(lang, "：文件", ": document"))) }</td>
                        <td>{ input(i, |e| &mut e.outcome, "outcome", &e.outcome, format!("{name}{}", tr(lang, "：结果", ": outcome"))) }</td>
                    </tr> }
                }) }</tbody>
            </table>
            { match report {
                Ok(r) => html! { <>
                    <p data-testid="decision-lawful" class={if r.decision_lawful { "ok" } else { "warn" }}>{
                        if r.decision_lawful {
                            tr(lang, "可以作出定价决定：决定前的各步骤均已记录，日期顺序无误。", "The pricing decision may be made: every step before it is recorded, in order.")
                        } else {
                            tr(lang, "尚不能作出定价决定：见下列问题。", "The pricing decision may not be made yet: see below.")
                        }
                    }</p>
                    <Findings findings={r.findings.clone()} {lang} />
                </> },
                // The draft itself cannot be evaluated: the cost page says why, by its inputs.
                Err(e) => html! { <p class="error">{ e.message(lang) }</p> },
            } }
            <button type="button" onclick={on_export}>{ tr(lang, "导出定价档案（JSON，可用 fee dossier 核查）", "Export the pricing dossier (JSON, for fee dossier)") }</button>
        </section>
    }
}
