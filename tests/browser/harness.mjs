// Shared set-up of the browser tests: serve dist/ on loopback, start Debian's Chromium
// through playwright-core, and record every request so tests can assert none left the origin.
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

export const OUT = "test-output";

/** Every page of the app, by its route. */
export const PAGES = ["cap", "cost", "sensitivity", "check", "batch", "district", "fiscal", "scenarios", "params", "audit"];
mkdirSync(OUT, { recursive: true });

export async function start() {
  const server = await serve("dist", 0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      // Extra flags for a diagnosis, e.g. CHROMIUM_ARGS="--js-flags=--no-liftoff".
      ...(process.env.CHROMIUM_ARGS ?? "").split(" ").filter(Boolean),
    ],
  });
  return { server, origin, browser };
}

export async function stop({ server, browser }) {
  await browser.close();
  await new Promise((ok) => server.close(ok));
}

/** A fresh page (own context, so own localStorage) that records requests and page errors. */
export async function open(env, path = "/", { context } = {}) {
  const ctx = context ?? (await env.browser.newContext({ viewport: { width: 1280, height: 900 } }));
  const page = await ctx.newPage();
  page.foreign = [];
  page.errors = [];
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(env.origin) && !u.startsWith("data:") && !u.startsWith("blob:")) page.foreign.push(u);
  });
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(env.origin + path);
  await page.waitForSelector("main h2");
  return page;
}

/** Types into a labelled input as a user would: select all, then type. */
export async function typeInto(page, label, text, nth = 0) {
  const input = page.getByLabel(label, { exact: true }).nth(nth);
  await input.click();
  await input.press("Control+A");
  await input.pressSequentially(text);
}

/** Waits (up to 5 s) for an element's text to settle on `want`, then asserts it. */
export async function expectText(page, testId, want) {
  await page
    .waitForFunction(([id, v]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === v, [testId, want], {
      timeout: 5000,
    })
    .catch(() => {});
  const got = await page.getByTestId(testId).textContent();
  if (got !== want) throw new Error(`${testId}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
}
