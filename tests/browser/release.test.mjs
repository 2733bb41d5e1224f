// The static release (scripts/release.sh) served by a plain static server, as an intranet
// administrator would: python3 -m http.server over the folder. The page, its worker and the
// samples load from the folder alone, and nothing is asked of any other origin.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { after, before, test } from "node:test";
import { open, start, stop } from "./harness.mjs";

let env;
let server;
let folder;

const freePort = () =>
  new Promise((ok) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

before(async () => {
  const found = existsSync("release") ? readdirSync("release").filter((f) => /^fee-web-[^/]+$/.test(f) && !f.endsWith(".tar.gz")) : [];
  assert.equal(found.length, 1, "run scripts/release.sh first (scripts/test.sh does)");
  folder = `release/${found[0]}`;
  assert.ok(existsSync(`${folder}.tar.gz`), "the .tar.gz beside the folder");
  env = await start();
  const port = await freePort();
  server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", folder], { stdio: "ignore" });
  env.origin = `http://127.0.0.1:${port}`;
  // Wait until it answers.
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(env.origin + "/index.html")).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
});
after(async () => {
  server?.kill();
  await stop(env);
});

test("the static release works behind python3 -m http.server: the cap, the worker's pages, the samples", async () => {
  const page = await open(env, "/#/cap");
  // 15,655 × 20% = 3,131.00.
  await page.getByText("3,131.00").first().waitFor();
  // The worker (its wasm served with the folder) draws the audit page's clause map.
  await page.goto(env.origin + "/#/audit");
  await page.getByTestId("clause-count").filter({ hasText: "共 35 条" }).waitFor({ timeout: 60000 });
  // The samples the batch page links to are in the folder.
  assert.equal((await fetch(env.origin + "/proposals.csv")).status, 200);
  assert.deepEqual(page.foreign, []);
  assert.deepEqual(page.errors, []);
});
