//! The shell: header, navigation, language switch, notices and the current page.

use std::rc::Rc;

use fee_core::Language;
use yew::prelude::*;

use crate::batch_protocol::WorkerPage;
use crate::components::{
    cap_page::CapPage, check_page::CheckPage, cost_page::CostPage, fiscal_page::FiscalPage, params_page::ParamsPage,
    scenarios_page::ScenariosPage, sensitivity_page::SensitivityPage, worker_page::WorkerPageView,
};
use crate::hooks::{use_hash_route, use_persist};
use crate::i18n::{pick, tr};
use crate::route::Route;
use crate::state::{Action, AppState, State};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub initial: Rc<State>,
}

#[function_component(App)]
pub fn app(p: &AppProps) -> Html {
    let initial = p.initial.clone();
    let state = use_reducer(move || (*initial).clone());
    use_persist(state.clone());
    use_hash_route(state.clone());
    let lang = state.lang;
    {
        // The document language follows the switch, for screen readers.
        use_effect_with(lang, |l| {
            if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
                let _ = el.set_attribute("lang", if *l == Language::Zh { "zh-CN" } else { "en" });
            }
        });
    }
    let switch = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::SetLang(if state.lang == Language::Zh { Language::En } else { Language::Zh }))
        })
    };
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Notify(None)))
    };
    let page = match state.route {
        Route::Cap => html! { <CapPage /> },
        Route::Cost => html! { <CostPage /> },
        Route::Sensitivity => html! { <SensitivityPage /> },
        Route::Check => html! { <CheckPage /> },
        Route::Batch => html! { <WorkerPageView page={WorkerPage::Batch} /> },
        Route::District => html! { <WorkerPageView page={WorkerPage::District} /> },
        Route::Fiscal => html! { <FiscalPage /> },
        Route::Scenarios => html! { <ScenariosPage /> },
        Route::Params => html! { <ParamsPage /> },
        Route::Audit => html! { <WorkerPageView page={WorkerPage::Audit} /> },
    };
    html! {
        <ContextProvider<AppState> context={state.clone()}>
            <a class="skip" href="#main">{ tr(lang, "跳到正文", "Skip to content") }</a>
            <header class="top">
                <h1>{ tr(lang, "普惠托育收费测算", "Inclusive childcare fee tool") }</h1>
                <p class="sub">{ tr(lang, "依据朝政办字〔2024〕1号 二(二)；全部计算在本页完成，数据不离开浏览器。",
                    "Under the Chaoyang plan 朝政办字〔2024〕1号 §二(二); everything is computed in this page and nothing leaves the browser.") }</p>
                <button class="lang" onclick={switch} aria-label={tr(lang, "Switch to English", "切换到中文")}>
                    { tr(lang, "English", "中文") }
                </button>
                <nav aria-label={tr(lang, "页面", "Pages")}>
                    <ul>
                        { for Route::ALL.iter().map(|r| html! {
                            <li><a href={r.href()} aria-current={(*r == state.route).then_some("page")}>{ r.title(lang) }</a></li>
                        }) }
                    </ul>
                </nav>
            </header>
            if let Some(n) = &state.notice {
                <div class={classes!("notice", n.error.then_some("error"))} role={if n.error { "alert" } else { "status" }}>
                    <span>{ pick(lang, &n.zh, &n.en) }</span>
                    <button onclick={dismiss}>{ tr(lang, "知道了", "Dismiss") }</button>
                </div>
            }
            <main id="main" tabindex="-1">
                <h2>{ state.route.title(lang) }</h2>
                { page }
            </main>
            <footer>
                <p>{ format!("{} {} · {}", state.params.id, state.params.version, pick(lang, &state.params.title_zh, &state.params.title_en)) }</p>
            </footer>
        </ContextProvider<AppState>>
    }
}
