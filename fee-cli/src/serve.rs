//! `fee serve`: fee-core as an HTTP JSON API, for services not written in Rust (a district's Java or
//! Python systems, a provincial platform). Bound to 127.0.0.1 unless told otherwise.
//!
//! Every body is read as text and parsed by fee-core's own reader, so a bad body gets the same
//! field-naming message the command line gives, as `application/problem+json` (RFC 9457). The
//! body size and the time a request may take are bounded, both configurable. The OpenAPI 3.1
//! document at `/openapi.json` is generated from the types' JSON Schemas.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use fee_core::{Date, FeeError, IncomeBasis, Language, ParameterSet};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How the server is bounded.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The largest request body read, bytes.
    pub body_bytes: usize,
    /// The longest a request may take.
    pub timeout: Duration,
}

#[derive(Clone)]
struct AppState {
    limits: Limits,
    /// The set used when a request names none (`--params`), else the Chaoyang set.
    default_set: Arc<ParameterSet>,
}

/// A failure as RFC 9457 problem details, with the field the message names.
#[derive(Serialize)]
struct Problem {
    r#type: &'static str,
    title: &'static str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    field: String,
}

fn problem(status: StatusCode, title: &'static str, detail: String, field: String) -> Response {
    let body = Problem { r#type: "about:blank", title, status: status.as_u16(), detail, field };
    let json = serde_json::to_string(&body).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/problem+json")], json).into_response()
}

fn fee_problem(e: &FeeError, lang: Language) -> Response {
    let title = match lang {
        Language::Zh => "输入无法计算",
        Language::En => "The input cannot be computed",
    };
    problem(StatusCode::UNPROCESSABLE_ENTITY, title, e.message(lang), e.field().to_string())
}

/// The language of messages: `?lang=en`, else an `Accept-Language` that starts with `en`, else Chinese.
fn language(headers: &HeaderMap, query: &LangQuery) -> Language {
    match query.lang.as_deref() {
        Some("en") => return Language::En,
        Some("zh") => return Language::Zh,
        _ => {}
    }
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if accept.trim_start().to_ascii_lowercase().starts_with("en") {
        Language::En
    } else {
        Language::Zh
    }
}

#[derive(Deserialize, Default)]
struct LangQuery {
    lang: Option<String>,
    params: Option<String>,
    uprate: Option<String>,
    date: Option<String>,
    income_year: Option<i32>,
}

fn json_ok<T: Serialize>(value: &T) -> Response {
    match serde_json::to_string(value) {
        Ok(j) => ([(header::CONTENT_TYPE, "application/json")], j).into_response(),
        Err(e) => problem(StatusCode::INTERNAL_SERVER_ERROR, "Internal error", e.to_string(), String::new()),
    }
}

/// The set a request names (`?params=ID` or the id its body names), else the server's default.
fn set_for(state: &AppState, asked: Option<&str>) -> Result<Arc<ParameterSet>, FeeError> {
    match asked.filter(|s| !s.is_empty()) {
        Some(id) if id == state.default_set.id => Ok(state.default_set.clone()),
        Some(id) => ParameterSet::builtin_by_id(id).map(|s| Arc::new(s.clone())),
        None => Ok(state.default_set.clone()),
    }
}

fn body_text(body: &Bytes) -> Result<&str, FeeError> {
    std::str::from_utf8(body).map_err(|_| FeeError::invalid("body", "", "not UTF-8 text"))
}

/// Runs `work` off the async threads, bounded by the timeout: a batch or a district sample may
/// take long.
async fn bounded(state: &AppState, lang: Language, work: impl FnOnce() -> Response + Send + 'static) -> Response {
    match tokio::time::timeout(state.limits.timeout, tokio::task::spawn_blocking(work)).await {
        Ok(Ok(r)) => r,
        Ok(Err(_)) => {
            problem(StatusCode::INTERNAL_SERVER_ERROR, "Internal error", "the work stopped".into(), String::new())
        }
        Err(_) => {
            let (title, detail) = match lang {
                Language::Zh => {
                    ("请求超时", format!("请求超过 {} 毫秒的时限，已停止等待", state.limits.timeout.as_millis()))
                }
                Language::En => (
                    "Request timed out",
                    format!("the request took longer than {} ms", state.limits.timeout.as_millis()),
                ),
            };
            problem(StatusCode::SERVICE_UNAVAILABLE, title, detail, String::new())
        }
    }
}

/// The body of `POST /cap`.
#[derive(Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct CapRequest {
    /// The income the cap is taken from.
    income: IncomeBasis,
    /// A fee to compare, yuan a month.
    #[serde(default)]
    fee: Option<Decimal>,
    /// The pricing date (parameters in force on it).
    date: Date,
    /// A built-in parameter set's id (default: the server's).
    #[serde(default)]
    params: String,
}

/// The body of `POST /check`.
#[derive(Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct CheckRequest {
    /// The fee schedule proposed.
    schedule: fee_core::FeeSchedule,
    /// The income the cap is taken from.
    income: IncomeBasis,
    /// The pricing date.
    date: Date,
    /// A built-in parameter set's id (default: the server's).
    #[serde(default)]
    params: String,
}

/// The answer of `POST /batch`: every row's outcome, in input order, and the counts.
#[derive(Serialize, schemars::JsonSchema)]
struct BatchResponse {
    lines: Vec<fee_core::BatchLine>,
    summary: fee_core::BatchSummary,
}

/// One built-in set, as `GET /parameter-sets` lists it.
#[derive(Serialize, schemars::JsonSchema)]
struct SetListing {
    id: String,
    version: String,
    title_zh: String,
    title_en: String,
}

/// A JSON body read as `T` by fee-core's reader, priced under the set `?params=` or the body
/// names (`named`), and answered with `run`'s result or a problem naming the field.
fn priced<T: serde::de::DeserializeOwned + Serialize, R: Serialize>(
    st: &AppState,
    q: &LangQuery,
    body: &Bytes,
    named: impl Fn(&T) -> &str,
    run: impl Fn(&T, &ParameterSet) -> Result<R, FeeError>,
) -> Result<R, FeeError> {
    let input = body_text(body).and_then(fee_core::read_json::<T>)?;
    let set = set_for(st, Some(q.params.as_deref().unwrap_or(named(&input))))?;
    run(&input, &set)
}

// The cap, a scenario and a schedule take microseconds: answered at once, as a hand-off to the
// blocking pool would cost several times over.

async fn cap(State(st): State<AppState>, Query(q): Query<LangQuery>, headers: HeaderMap, body: Bytes) -> Response {
    let r =
        priced(&st, &q, &body, |c: &CapRequest| &c.params, |c, set| fee_core::cap_for(&c.income, c.fee, set, c.date));
    r.map_or_else(|e| fee_problem(&e, language(&headers, &q)), |v| json_ok(&v))
}

async fn evaluate(State(st): State<AppState>, Query(q): Query<LangQuery>, headers: HeaderMap, body: Bytes) -> Response {
    let r = priced(&st, &q, &body, |s: &fee_core::Scenario| &s.parameter_set.id, fee_core::evaluate);
    r.map_or_else(|e| fee_problem(&e, language(&headers, &q)), |v| json_ok(&v))
}

async fn check(State(st): State<AppState>, Query(q): Query<LangQuery>, headers: HeaderMap, body: Bytes) -> Response {
    let r = priced(
        &st,
        &q,
        &body,
        |c: &CheckRequest| &c.params,
        |c, set| fee_core::check_schedule(&c.schedule, set, c.date, &c.income),
    );
    r.map_or_else(|e| fee_problem(&e, language(&headers, &q)), |v| json_ok(&v))
}

async fn batch(State(st): State<AppState>, Query(q): Query<LangQuery>, headers: HeaderMap, body: Bytes) -> Response {
    let lang = language(&headers, &q);
    let st2 = st.clone();
    bounded(&st, lang, move || {
        let run = || -> Result<BatchResponse, FeeError> {
            let set = set_for(&st2, q.params.as_deref())?;
            let date: Date =
                q.date.as_deref().unwrap_or("2024-06-01").parse().map_err(|e: FeeError| e.within("date"))?;
            let income = IncomeBasis::District { year: q.income_year.unwrap_or(2022) };
            let mut lines = Vec::new();
            let summary = fee_core::check_csv(&body[..], &set, date, &income, &mut |l| lines.push(l), &mut |_| {})?;
            Ok(BatchResponse { lines, summary })
        };
        run().map_or_else(|e| fee_problem(&e, lang), |v| json_ok(&v))
    })
    .await
}

async fn district(State(st): State<AppState>, Query(q): Query<LangQuery>, headers: HeaderMap, body: Bytes) -> Response {
    let lang = language(&headers, &q);
    let st2 = st.clone();
    bounded(&st, lang, move || {
        let r =
            priced(&st2, &q, &body, |s: &fee_core::DistrictSample| &s.parameter_set.id, fee_core::evaluate_district);
        r.map_or_else(|e| fee_problem(&e, lang), |v| json_ok(&v))
    })
    .await
}

async fn sets(State(st): State<AppState>) -> Response {
    let mut list: Vec<SetListing> = Vec::new();
    let mut add = |s: &ParameterSet| {
        if !list.iter().any(|l| l.id == s.id && l.version == s.version) {
            list.push(SetListing {
                id: s.id.clone(),
                version: s.version.clone(),
                title_zh: s.title_zh.clone(),
                title_en: s.title_en.clone(),
            });
        }
    };
    add(&st.default_set);
    for s in ParameterSet::builtin().unwrap_or_default() {
        add(s);
    }
    json_ok(&list)
}

async fn set(
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = language(&headers, &q);
    set_for(&st, Some(&id)).map_or_else(|e| not_found(&e, lang), |s| json_ok(&*s))
}

fn not_found(e: &FeeError, lang: Language) -> Response {
    let title = match lang {
        Language::Zh => "没有这一项",
        Language::En => "Not found",
    };
    problem(StatusCode::NOT_FOUND, title, e.message(lang), e.field().to_string())
}

async fn history(
    State(st): State<AppState>,
    Path((id, key)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = language(&headers, &q);
    let r = set_for(&st, Some(&id)).and_then(|s| {
        let uprate = match q.uprate.as_deref() {
            Some(u) => Some(fee_core::parse_amount(u, "uprate")?),
            None => None,
        };
        fee_core::parameter_history(&s, &key, uprate)
    });
    r.map_or_else(|e| if e.field() == "uprate" { fee_problem(&e, lang) } else { not_found(&e, lang) }, |v| json_ok(&v))
}

/// The JSON Schema of each file format, by name.
fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    let s = |v: schemars::Schema| v.to_value();
    vec![
        ("Scenario", fee_core::scenario_schema()),
        ("Evaluation", fee_core::evaluation_schema()),
        ("ParameterSet", fee_core::parameter_set_schema()),
        ("DistrictSample", fee_core::district_sample_schema()),
        ("DistrictResult", fee_core::district_result_schema()),
        ("Dossier", fee_core::dossier_schema()),
        ("RefundRule", fee_core::refund_rule_schema()),
        ("CapRequest", s(schemars::schema_for!(CapRequest))),
        ("CapResult", s(schemars::schema_for!(fee_core::Explained<fee_core::CapResult>))),
        ("CheckRequest", s(schemars::schema_for!(CheckRequest))),
        ("CheckReport", s(schemars::schema_for!(fee_core::CheckReport))),
        ("BatchResponse", s(schemars::schema_for!(BatchResponse))),
        ("ParameterSetListing", s(schemars::schema_for!(Vec<SetListing>))),
        ("ParameterHistory", s(schemars::schema_for!(fee_core::ParameterHistory))),
    ]
}

async fn schema(Path(name): Path<String>, Query(q): Query<LangQuery>, headers: HeaderMap) -> Response {
    let lang = language(&headers, &q);
    match schemas().into_iter().find(|(n, _)| n.eq_ignore_ascii_case(&name)) {
        Some((_, v)) => json_ok(&v),
        None => not_found(&FeeError::invalid("schema", &name, "no schema of that name"), lang),
    }
}

/// The OpenAPI 3.1 document: each operation with its body and answer, the schemas hoisted into
/// `components/schemas` (their `$defs` too, with every `$ref` pointed there).
pub fn openapi() -> serde_json::Value {
    use serde_json::{json, Map, Value};
    fn repoint(v: &mut Value) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get_mut("$ref") {
                    if let Some(name) = r.strip_prefix("#/$defs/") {
                        *r = format!("#/components/schemas/{name}");
                    }
                }
                m.values_mut().for_each(repoint);
            }
            Value::Array(a) => a.iter_mut().for_each(repoint),
            _ => {}
        }
    }
    let mut components = Map::new();
    for (name, mut schema) in schemas() {
        if let Some(Value::Object(defs)) = schema.as_object_mut().and_then(|m| m.remove("$defs")) {
            for (k, mut d) in defs {
                repoint(&mut d);
                components.entry(k).or_insert(d);
            }
        }
        if let Some(m) = schema.as_object_mut() {
            m.remove("$schema");
        }
        repoint(&mut schema);
        components.insert(name.to_string(), schema);
    }
    let r = |name: &str| json!({ "$ref": format!("#/components/schemas/{name}") });
    let problem = json!({ "description": "The input cannot be computed: the field, the value and the limit, in the language asked",
        "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } });
    components.insert(
        "Problem".into(),
        json!({ "type": "object", "description": "RFC 9457 problem details", "required": ["type", "title", "status", "detail"],
            "properties": { "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                "detail": {"type": "string"}, "field": {"type": "string", "description": "the input the message names"} } }),
    );
    let lang = json!({ "name": "lang", "in": "query", "required": false, "schema": { "enum": ["zh", "en"] },
        "description": "the language of messages (also read from Accept-Language); Chinese by default" });
    let params = json!({ "name": "params", "in": "query", "required": false, "schema": { "type": "string" },
        "description": "a built-in parameter set's id (default: the set the body names, else the server's)" });
    let post = |summary: &str, body: &str, answer: &str| {
        json!({ "post": { "summary": summary, "parameters": [lang, params],
            "requestBody": { "required": true, "content": { "application/json": { "schema": r(body) } } },
            "responses": { "200": { "description": "the result, with its trace", "content": { "application/json": { "schema": r(answer) } } },
                "413": { "description": "the body is over the limit" }, "422": problem, "503": problem } } })
    };
    json!({
        "openapi": "3.1.0",
        "info": { "title": "fee-core HTTP API", "version": env!("CARGO_PKG_VERSION"),
            "description": "Exact, explainable pricing of public and inclusive childcare (朝政办字〔2024〕1号 二(二)). Amounts are decimal strings." },
        "paths": {
            "/cap": post("The fee cap for an income, and a fee's headroom under it", "CapRequest", "CapResult"),
            "/evaluate": post("A scenario evaluated: cost, offsets, fee, cap, findings, trace", "Scenario", "Evaluation"),
            "/check": post("A fee schedule checked against the rules", "CheckRequest", "CheckReport"),
            "/district": post("A district sample pooled into the pricing cost, the guided fee and band", "DistrictSample", "DistrictResult"),
            "/batch": { "post": { "summary": "A proposals CSV (docs/batch-format.md) checked row by row",
                "parameters": [lang, params,
                    { "name": "date", "in": "query", "schema": { "type": "string", "format": "date" } },
                    { "name": "income_year", "in": "query", "schema": { "type": "integer" } }],
                "requestBody": { "required": true, "content": { "text/csv": { "schema": { "type": "string" } } } },
                "responses": { "200": { "description": "every row's outcome and the counts", "content": { "application/json": { "schema": r("BatchResponse") } } }, "422": problem } } },
            "/parameter-sets": { "get": { "summary": "The parameter sets served", "responses": { "200": { "description": "each set's id, version and titles", "content": { "application/json": { "schema": r("ParameterSetListing") } } } } } },
            "/parameter-sets/{id}": { "get": { "summary": "One parameter set, every value with its date, reference and label",
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }],
                "responses": { "200": { "description": "the set", "content": { "application/json": { "schema": r("ParameterSet") } } }, "404": problem } } },
            "/parameter-sets/{id}/history/{key}": { "get": { "summary": "A dated parameter's values over time, and a projection by an uprating rate",
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } },
                    { "name": "key", "in": "path", "required": true, "schema": { "type": "string" } },
                    { "name": "uprate", "in": "query", "schema": { "type": "string" }, "description": "0.05 = 5% a year: an assumption" }],
                "responses": { "200": { "description": "the history", "content": { "application/json": { "schema": r("ParameterHistory") } } }, "404": problem, "422": problem } } },
            "/schemas/{name}": { "get": { "summary": "The JSON Schema of a file format",
                "parameters": [{ "name": "name", "in": "path", "required": true, "schema": { "type": "string" } }],
                "responses": { "200": { "description": "the schema" }, "404": problem } } },
            "/openapi.json": { "get": { "summary": "This document", "responses": { "200": { "description": "OpenAPI 3.1" } } } }
        },
        "components": { "schemas": components }
    })
}

async fn too_large(limits: Limits, response: Response) -> Response {
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Body too large",
            format!("the body is over the limit of {} bytes (fee serve --body-limit)", limits.body_bytes),
            "body".into(),
        );
    }
    response
}

/// The router, for tests and for [`serve`].
pub fn router(default_set: ParameterSet, limits: Limits) -> Router {
    let state = AppState { limits, default_set: Arc::new(default_set) };
    let doc = Arc::new(openapi());
    Router::new()
        .route("/cap", post(cap))
        .route("/evaluate", post(evaluate))
        .route("/check", post(check))
        .route("/batch", post(batch))
        .route("/district", post(district))
        .route("/parameter-sets", get(sets))
        .route("/parameter-sets/{id}", get(set))
        .route("/parameter-sets/{id}/history/{key}", get(history))
        .route("/schemas/{name}", get(schema))
        .route("/openapi.json", get(move || async move { json_ok(&*doc) }))
        .route("/health", get(|| async { "ok" }))
        .fallback(|| async {
            problem(StatusCode::NOT_FOUND, "Not found", "no such endpoint; see /openapi.json".into(), String::new())
        })
        .layer(axum::middleware::map_response(move |r: Response| too_large(limits, r)))
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .with_state(state)
}

/// Serves until interrupted (Ctrl-C), printing the address once it listens.
///
/// # Errors
///
/// The address cannot be bound, or the runtime cannot start.
pub fn serve(addr: SocketAddr, default_set: ParameterSet, limits: Limits) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("{addr}: {e}"))?;
        let bound = listener.local_addr().map_err(|e| e.to_string())?;
        println!("fee serve: http://{bound} (OpenAPI: http://{bound}/openapi.json)");
        axum::serve(listener, router(default_set, limits))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| e.to_string())
    })
}
