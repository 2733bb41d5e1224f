// Fails when the app's wasm + js, gzipped, grow past the budget (BENCHMARKS.md).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_GZ = 350 * 1024;
const dir = process.argv[2] ?? "dist";
let raw = 0;
let gz = 0;
for (const f of readdirSync(dir)) {
  if (f.endsWith(".wasm") || f.endsWith(".js")) {
    const b = readFileSync(join(dir, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
    console.log(`${f}: ${b.length} bytes raw`);
  }
}
if (raw === 0) {
  console.error("size-budget: no .wasm or .js in " + dir);
  process.exit(1);
}
const kb = (n) => (n / 1024).toFixed(1) + " KB";
console.log(`app wasm+js: ${kb(raw)} raw, ${kb(gz)} gzipped (budget ${kb(BUDGET_GZ)})`);
if (gz > BUDGET_GZ) {
  console.error("size-budget: over budget");
  process.exit(1);
}
