//! 反向求解 on the cost page: for a target fee, the value one lever must take. The worker solves
//! and draws it (see `worker/audit/solve.rs`); it starts only when the section is opened, so the cost
//! page's first load and first figures do not wait for the worker.

use yew::prelude::*;

use crate::batch_protocol::WorkerPage;
use crate::components::worker_page::WorkerPageView;
use crate::context::use_app;
use crate::i18n::tr;

#[function_component(SolveSection)]
pub fn solve_section() -> Html {
    let lang = use_app().lang;
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: Option<web_sys::Element> = e.target_dyn_into();
            open.set(details.is_some_and(|d| d.has_attribute("open")));
        })
    };
    html! {
        <details class="solve" ontoggle={toggle} data-testid="solve">
            <summary>{ tr(lang, "反向求解：要达到目标收费，某项应取何值？", "Solve backwards: what value of one lever meets a target fee?") }</summary>
            if *open { <WorkerPageView page={WorkerPage::Solve} /> }
        </details>
    }
}
