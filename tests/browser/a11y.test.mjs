// axe-core on every page: no serious or critical violations.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { PAGES, open, start, stop } from "./harness.mjs";

const AXE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await stop(env);
});

async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

test("axe: no serious or critical violations on the batch file layout page", async () => {
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${env.origin}/batch-format.html`);
  assert.deepEqual(await violations(page), []);
  await context.close();
});

for (const p of PAGES) {
  test(`axe: no serious or critical violations on #/${p}`, async () => {
    // axe is injected by the test, so this context lets it past the page's CSP.
    const context = await env.browser.newContext({ bypassCSP: true });
    const page = await open(env, `/#/${p}`, { context });
    // The audit page is drawn by the worker: checked once its clause map is there.
    if (p === "audit") await page.getByTestId("clause-count").waitFor();
    assert.deepEqual(await violations(page), []);
    await context.close();
  });
}

test("axe: no serious or critical violations on the audit page with a case file run and a history projected", async () => {
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await open(env, "/#/audit", { context });
  await page.getByLabel("选择或拖入案例文件").setInputFiles("samples/cases/bureau-example.yaml");
  await page.getByTestId("case-count").waitFor();
  assert.deepEqual(await violations(page), []);
  await context.close();
});

test("axe: no serious or critical violations on the district page with a sample pooled", async () => {
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await open(env, "/#/district", { context });
  await page.getByLabel(/选择或拖入成本调查表/).setInputFiles(["samples/district/园所B.xlsx", "samples/district/园所C.xlsx", "samples/district/园所G-有错误.xlsx"]);
  await page.getByTestId("district-average").waitFor();
  assert.deepEqual(await violations(page), []);
  await context.close();
});
