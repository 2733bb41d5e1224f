//! The pages and their links (`#/cap`, `#/cost`, …), kept in the URL fragment so the
//! app works from any static file server.

use fee_core::Language;

use crate::i18n::tr;

/// A page of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Cap,
    Cost,
    Sensitivity,
    Check,
    Batch,
    District,
    Fiscal,
    Scenarios,
    Params,
    Audit,
}

impl Route {
    pub const ALL: [Route; 10] = [
        Route::Cap,
        Route::Cost,
        Route::Sensitivity,
        Route::Check,
        Route::Batch,
        Route::District,
        Route::Fiscal,
        Route::Scenarios,
        Route::Params,
        Route::Audit,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Route::Cap => "cap",
            Route::Cost => "cost",
            Route::Sensitivity => "sensitivity",
            Route::Check => "check",
            Route::Batch => "batch",
            Route::District => "district",
            Route::Fiscal => "fiscal",
            Route::Scenarios => "scenarios",
            Route::Params => "params",
            Route::Audit => "audit",
        }
    }

    pub fn title(self, lang: Language) -> &'static str {
        match self {
            Route::Cap => tr(lang, "上限测算", "Cap"),
            Route::Cost => tr(lang, "成本测算", "Cost model"),
            Route::Sensitivity => tr(lang, "敏感性", "Sensitivity"),
            Route::Check => tr(lang, "收费核查", "Proposal check"),
            Route::Batch => tr(lang, "批量审核", "Batch review"),
            Route::District => tr(lang, "定价测算", "District pricing"),
            Route::Fiscal => tr(lang, "财政测算", "Fiscal plan"),
            Route::Scenarios => tr(lang, "情景", "Scenarios"),
            Route::Params => tr(lang, "参数", "Parameters"),
            Route::Audit => tr(lang, "规则核查", "Audit"),
        }
    }

    /// The route and the query part of a fragment such as `#/cost?s=…`.
    pub fn parse(hash: &str) -> (Route, Option<String>) {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = match h.split_once('?') {
            Some((p, q)) => (p, Some(q.to_string())),
            None => (h, None),
        };
        let route = Route::ALL.into_iter().find(|r| r.path() == path).unwrap_or(Route::Cap);
        (route, query)
    }

    pub fn href(self) -> String {
        format!("#/{}", self.path())
    }
}
