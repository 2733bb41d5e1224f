//! `fee serve` as a client uses it: the real server started on a free port and called over HTTP
//! with a real client. The project's worked cases (tests/cases) give the same figures through
//! the API; bad bodies get problem+json naming the field; the limits hold; no body brings the
//! server down; the curl examples of docs/api.md run as written.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use common::{fee_command, root};
use proptest::prelude::*;
use serde_json::Value;

/// A running `fee serve`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child =
            fee_command().args(["serve", "--addr", "127.0.0.1:0"]).args(args).stdout(Stdio::piped()).spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        // "fee serve: http://127.0.0.1:PORT (OpenAPI: …)"
        let url = line.split_whitespace().nth(2).unwrap().to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "{line}");
        Server { child, url }
    }

    fn post(&self, path: &str, body: impl Into<reqwest::blocking::Body>) -> (u16, String, Value) {
        let r = client().post(format!("{}{path}", self.url)).body(body).send().unwrap();
        let status = r.status().as_u16();
        let kind = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        let text = r.text().unwrap();
        let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {text}"));
        (status, kind, json)
    }

    fn get(&self, path: &str) -> (u16, Value) {
        let r = client().get(format!("{}{path}", self.url)).send().unwrap();
        (r.status().as_u16(), r.json().unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder().timeout(std::time::Duration::from_secs(60)).build().unwrap()
}

/// Equal as JSON, or as decimals when both are decimal strings ("3131" = "3131.00").
fn same(got: &Value, want: &Value) -> bool {
    match (
        got.as_str().and_then(|g| g.parse::<rust_decimal::Decimal>().ok()),
        want.as_str().and_then(|w| w.parse().ok()),
    ) {
        (Some(g), Some(w)) => g == w,
        _ => got == want,
    }
}

#[test]
fn the_worked_cases_give_their_hand_derived_figures_through_the_api() {
    let server = Server::start(&[]);
    let mut checked = 0;
    for file in ["cap.json", "evaluate.json", "checks.json", "district.json"] {
        let text = std::fs::read_to_string(root().join("tests/cases").join(file)).unwrap();
        let cases: Value = serde_json::from_str(&text).unwrap();
        for case in cases["cases"].as_array().unwrap() {
            let path = match case["kind"].as_str().unwrap() {
                "cap" => "/cap",
                "evaluate" => "/evaluate",
                "check" => "/check",
                "district" => "/district",
                _ => continue,
            };
            let name = case["name"].as_str().unwrap();
            let (status, kind, got) = server.post(path, case["input"].to_string());
            if let Some(error) = case.get("error") {
                assert_eq!(status, 422, "{file}: {name}: {got}");
                assert_eq!(kind, "application/problem+json");
                assert_eq!(got["field"], error["field"], "{file}: {name}: {got}");
                continue;
            }
            assert_eq!(status, 200, "{file}: {name}: {got}");
            for (pointer, want) in case["expected"].as_object().unwrap() {
                let value = got.pointer(pointer).unwrap_or_else(|| panic!("{file}: {name}: no {pointer}"));
                assert!(same(value, want), "{file}: {name}: {pointer} is {value}, the case says {want}");
            }
            checked += 1;
        }
    }
    // The four files hold dozens of cases; all of them ran.
    assert!(checked >= 30, "only {checked} cases ran");
}

#[test]
fn a_bad_body_is_problem_json_naming_the_field_in_the_language_asked() {
    let server = Server::start(&[]);
    let (status, kind, p) = server.post("/evaluate", r#"{"rent_monthy": 1}"#);
    assert_eq!((status, kind.as_str()), (422, "application/problem+json"));
    assert_eq!(p["status"], 422);
    assert_eq!(p["field"], "rent_monthy");
    assert!(p["detail"].as_str().unwrap().contains("未知字段"), "{p}");
    let r = client()
        .post(format!("{}/evaluate", server.url))
        .header("accept-language", "en-GB,en;q=0.9")
        .body(r#"{"rent_monthy": 1}"#)
        .send()
        .unwrap();
    let p: Value = r.json().unwrap();
    assert!(p["detail"].as_str().unwrap().contains("unknown field"), "{p}");
    // A negative income is refused naming it, as the command line does.
    let (status, _, p) =
        server.post("/cap", r#"{"income": {"basis": "household_monthly", "amount": "-5"}, "date": "2024-06-01"}"#);
    assert_eq!(status, 422);
    assert!(p["field"].as_str().unwrap().contains("income"), "{p}");
    // An unknown set and an unknown path are 404s, also as problem+json.
    let (status, p) = server.get("/parameter-sets/nowhere");
    assert_eq!((status, p["status"].as_u64()), (404, Some(404)));
    let (status, p) = server.get("/nowhere");
    assert_eq!(status, 404);
    assert!(p["detail"].as_str().unwrap().contains("/openapi.json"));
}

#[test]
fn the_body_limit_and_the_timeout_hold() {
    let server = Server::start(&["--body-limit", "1000", "--timeout-ms", "1"]);
    let (status, _, p) = server.post("/evaluate", "x".repeat(2000));
    assert_eq!(status, 413, "{p}");
    assert_eq!(p["field"], "body");
    // Checking 900 bytes of rows takes well over a millisecond with the server's start-up of
    // the blocking pool; the answer is a 503 problem, not a hang.
    let server = Server::start(&["--timeout-ms", "1"]);
    let header = std::fs::read_to_string(root().join("samples/proposals.csv")).unwrap();
    let mut csv = header.clone();
    let row = header.lines().nth(1).unwrap();
    for _ in 0..20_000 {
        csv.push_str(row);
        csv.push('\n');
    }
    let (status, _, p) = server.post("/batch", csv);
    assert_eq!(status, 503, "{p}");
    assert!(p["detail"].as_str().unwrap().contains("1 毫秒"), "{p}");
}

#[test]
fn the_openapi_document_lists_every_endpoint_and_every_reference_resolves() {
    let server = Server::start(&[]);
    let (status, doc) = server.get("/openapi.json");
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    for path in
        ["/cap", "/evaluate", "/check", "/batch", "/district", "/parameter-sets", "/parameter-sets/{id}/history/{key}"]
    {
        assert!(doc["paths"].get(path).is_some(), "{path}");
    }
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    out.push(r.clone());
                }
                m.values().for_each(|x| refs(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(all.len() > 50);
    for r in all {
        let name = r.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("{r}"));
        assert!(doc["components"]["schemas"].get(name).is_some(), "{r} does not resolve");
    }
    // The listing and a history: 15,655 a month in 2022, uprated by an assumed 5% to 16,437.75.
    let (_, sets) = server.get("/parameter-sets");
    assert!(sets.as_array().unwrap().iter().any(|s| s["id"] == "cn-bj-chaoyang"));
    let (status, h) = server.get("/parameter-sets/cn-bj-chaoyang/history/income.household_monthly?uprate=0.05");
    assert_eq!(status, 200, "{h}");
    assert_eq!(h["projection"]["value"], "16437.75");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any body, to any endpoint: an answer (200, 413 or 422) as JSON, never a dropped connection.
    #[test]
    fn no_body_brings_the_server_down(body in prop_oneof![
        ".{0,200}",
        "\\{\"[a-z_]{1,12}\": ?(-?[0-9]{1,30}(\\.[0-9]{0,30})?|\"[^\"]{0,20}\"|null|\\[\\]|\\{\\})\\}",
        Just(std::fs::read_to_string(root().join("samples/public-nursery.json")).unwrap()),
    ], endpoint in 0usize..5, cut in 0usize..4000) {
        thread_local! { static SERVER: Server = Server::start(&[]); }
        let path = ["/cap", "/evaluate", "/check", "/batch", "/district"][endpoint];
        // A sample body cut anywhere is as bad a body as any.
        let body: String = body.chars().take(cut.max(1)).collect();
        SERVER.with(|s| {
            let (status, _, _) = s.post(path, body);
            prop_assert!(matches!(status, 200 | 413 | 422), "{path}: {status}");
            Ok(())
        })?;
    }
}

#[test]
fn the_curl_examples_of_the_api_guide_run_as_written() {
    let server = Server::start(&[]);
    let guide = std::fs::read_to_string(root().join("docs/api.md")).unwrap();
    let blocks: Vec<&str> = guide
        .split("```sh\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .filter(|b| b.starts_with("curl"))
        .collect();
    assert_eq!(blocks.len(), 6, "the guide's examples");
    let mut outputs = Vec::new();
    for block in &blocks {
        let o = std::process::Command::new("bash")
            .args(["-c", block])
            .env("FEE_API", &server.url)
            .current_dir(root())
            .output()
            .unwrap();
        assert!(o.status.success(), "{block}: {}", String::from_utf8_lossy(&o.stderr));
        let json: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{block}: {e}"));
        outputs.push(json);
    }
    // The figures the guide states beside each example, worked by hand there.
    assert_eq!(outputs[0]["value"]["cap"], "3131.00");
    assert_eq!(outputs[0]["value"]["headroom"], "131.00");
    assert_eq!(outputs[1]["fee"]["guided_fee"], "2056");
    assert_eq!(outputs[2]["field"], "rent_monthy");
    assert!(outputs[3]["summary"]["rows_read"].as_u64().unwrap() > 0);
    assert_eq!(outputs[4]["projection"]["value"], "16437.75");
    assert_eq!(outputs[5]["openapi"], "3.1.0");
}
