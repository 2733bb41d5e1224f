// Times the bench's 101 × 101 grid in Node's V8, built for WASI:
//   rustup target add wasm32-wasip1
//   cargo build --release --target wasm32-wasip1 --manifest-path tools/wasm-grid/Cargo.toml
//   node --no-liftoff tools/wasm-grid/run.mjs            # optimized code only
//   node --liftoff --no-wasm-tier-up --no-wasm-dynamic-tiering tools/wasm-grid/run.mjs   # baseline only
// It prints each grid's time in µs (ITERS grids, 20 by default).
import { readFile } from "node:fs/promises";
import { WASI } from "node:wasi";

const file = process.argv[2] ?? new URL("target/wasm32-wasip1/release/profile_grid.wasm", import.meta.url);
const wasi = new WASI({ version: "preview1", args: [], env: { ITERS: process.env.ITERS ?? "20" } });
const module = await WebAssembly.compile(await readFile(file));
wasi.start(await WebAssembly.instantiate(module, wasi.getImportObject()));
