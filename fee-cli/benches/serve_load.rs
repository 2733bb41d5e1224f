//! Load on `fee serve`: 64 clients evaluating the sample scenario as fast as they can for a
//! minute (LOAD_SECONDS), each on its own kept-alive connection. Prints requests a second, p50 /
//! p99 / max latency, errors, the server's resident memory every 10 s, and the same evaluation
//! called on the library directly, for the ratio. Run with `cargo bench -p fee-cli --bench serve_load`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let seconds: u64 = std::env::var("LOAD_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let clients: usize = std::env::var("LOAD_CLIENTS").ok().and_then(|s| s.parse().ok()).unwrap_or(64);
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let scenario = std::fs::read_to_string(format!("{root}/samples/public-nursery.json")).unwrap();

    // The library directly, one thread: evaluations a second.
    let s: fee_core::Scenario = fee_core::read_json(&scenario).unwrap();
    let set = fee_core::ParameterSet::chaoyang().unwrap();
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(3) {
        for _ in 0..1000 {
            std::hint::black_box(fee_core::evaluate(std::hint::black_box(&s), set).unwrap());
        }
        n += 1000;
    }
    let direct = n as f64 / start.elapsed().as_secs_f64();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());

    let mut server = Command::new(env!("CARGO_BIN_EXE_fee"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = format!("{}/evaluate", line.split_whitespace().nth(2).unwrap());
    let pid = server.id();

    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            let (url, body, stop) = (url.clone(), scenario.clone(), stop.clone());
            std::thread::spawn(move || {
                let client = reqwest::blocking::Client::builder().pool_max_idle_per_host(1).build().unwrap();
                let (mut lat, mut errors) = (Vec::new(), 0u64);
                while !stop.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    match client.post(&url).header("content-type", "application/json").body(body.clone()).send() {
                        Ok(r) if r.status().is_success() => {
                            let _ = r.bytes();
                            lat.push(t.elapsed());
                        }
                        _ => errors += 1,
                    }
                }
                (lat, errors)
            })
        })
        .collect();
    let began = Instant::now();
    let mut memory = vec![(0u64, rss_kb(pid))];
    while began.elapsed() < Duration::from_secs(seconds) {
        std::thread::sleep(Duration::from_secs(10).min(Duration::from_secs(seconds)));
        memory.push((began.elapsed().as_secs(), rss_kb(pid)));
    }
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    let mut errors = 0;
    for w in workers {
        let (lat, e) = w.join().unwrap();
        all.extend(lat);
        errors += e;
    }
    let elapsed = began.elapsed().as_secs_f64();
    let _ = server.kill();
    let _ = server.wait();
    all.sort();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    let rps = all.len() as f64 / elapsed;
    println!(
        "fee serve, POST /evaluate, {clients} clients, {elapsed:.0} s, {cores} cores shared by server and clients"
    );
    println!("  requests: {} ok, {errors} errors; {rps:.0} evaluations a second", all.len());
    println!("  latency: p50 {:?}, p99 {:?}, max {:?}", pct(0.50), pct(0.99), all[all.len() - 1]);
    println!("  server resident memory (s: KB): {memory:?}");
    println!(
        "  the library directly, one thread: {direct:.0} evaluations a second ({cores} cores: {:.0})",
        direct * cores as f64
    );
    println!("  API ÷ library on all cores: {:.1}%", 100.0 * rps / (direct * cores as f64));
}
