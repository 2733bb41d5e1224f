// Fails when the page's first load (its wasm + js, gzipped) grows past the budget.
// The batch worker is loaded only when a batch file is checked or findings are saved; it is reported apart.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_GZ = 350 * 1024;
const dir = process.argv[2] ?? "dist";
const kb = (n) => (n / 1024).toFixed(1) + " KB";
const groups = { app: { raw: 0, gz: 0 }, "batch worker": { raw: 0, gz: 0 } };
for (const f of readdirSync(dir)) {
  if (!(f.endsWith(".wasm") || f.endsWith(".js"))) continue;
  const b = readFileSync(join(dir, f));
  const g = f.startsWith("batch-worker") ? groups["batch worker"] : groups.app;
  g.raw += b.length;
  g.gz += gzipSync(b, { level: 9 }).length;
}
for (const [name, g] of Object.entries(groups)) {
  console.log(`${name} wasm+js: ${kb(g.raw)} raw, ${kb(g.gz)} gzipped`);
}
if (groups.app.raw === 0) {
  console.error("size-budget: no app .wasm or .js in " + dir);
  process.exit(1);
}
console.log(`first-load budget: ${kb(BUDGET_GZ)} gzipped`);
if (groups.app.gz > BUDGET_GZ) {
  console.error("size-budget: the first load is over budget");
  process.exit(1);
}
