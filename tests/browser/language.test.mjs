// One language at a time: each page read in English holds no Chinese but document numbers,
// clause numbers and the switch back to Chinese; read in Chinese, it holds no English sentence
// (names of files, formats and codes such as CSV, JSON or cap.ratio are not sentences).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { PAGES, open, start, stop } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await stop(env);
});

// What may stay Chinese on an English page: the name a source is cited by in docs/sources.md
// (its "Cited as"), a document number (朝政办字〔2024〕1号, 京发改〔2006〕1893号), a clause of the plan
// (二(二)1, 一), and the button back to Chinese.
const CITED = [...readFileSync("docs/sources.md", "utf8").matchAll(/Cited as:?\*\*:?([^\n]*)/g)]
  .flatMap((m) => [...m[1].matchAll(/`([^`]+)`/g)].map((k) => k[1]))
  .sort((a, b) => b.length - a.length);
const ALLOWED_ZH = [
  ...CITED.map((k) => new RegExp(k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g")),
  /[\u4e00-\u9fff]+〔\d{4}〕\d+号/g,
  /国家发展改革委令\d{4}年第\d+号/g,
  /[一二三四五六七八九十]+(\([一二三四五六七八九十]+\))?\d*/g,
  /中文/g,
];

// The page's visible text, without names that come with the data (marked `data-name`: cost
// lines, subdistricts and files as the user or a sample named them, saved scenarios) and
// without text marked as Chinese (`lang="zh-CN"`: a document and clause cited as the document
// writes them, the audit page's quoted sources).
async function visibleText(page, skipping) {
  return page.evaluate((skipping) => {
    // Every disclosure open: the working behind each figure is read too.
    document.querySelectorAll("details").forEach((d) => (d.open = true));
    const skip = document.body.querySelectorAll(skipping);
    skip.forEach((e) => e.setAttribute("data-hidden-for-scan", e.style.display));
    skip.forEach((e) => (e.style.display = "none"));
    const text = document.body.innerText;
    skip.forEach((e) => (e.style.display = e.getAttribute("data-hidden-for-scan")));
    return text;
  }, skipping);
}

async function ready(page, p) {
  if (p === "audit") await page.getByTestId("clause-count").waitFor();
  if (p === "sensitivity") await page.getByTestId("grid").waitFor();
  if (p === "fiscal") await page.getByTestId("budget").waitFor();
  await page.waitForTimeout(200);
}

for (const p of PAGES) {
  test(`#/${p} in English holds no Chinese but document and clause numbers`, async () => {
    const context = await env.browser.newContext();
    const page = await open(env, `/#/${p}`, { context });
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await ready(page, p);
    // The sources list (docs/sources.md, marked `data-quotes`) quotes each document's own title and issuer.
    let text = await visibleText(page, '[data-name], [lang="zh-CN"], [data-quotes], ul.saved label');
    for (const re of ALLOWED_ZH) text = text.replace(re, "");
    const left = text.split("\n").filter((line) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(line));
    assert.deepEqual(left, [], left.join("\n"));
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  test(`#/${p} in Chinese holds no English sentence`, async () => {
    const context = await env.browser.newContext();
    const page = await open(env, `/#/${p}`, { context });
    await ready(page, p);
    // The sources list is the project's document docs/sources.md, written in English and marked so.
    const text = await visibleText(page, '[data-name], [lang="en"], ul.saved label');
    // Three English words in a row, each of two letters or more, is prose left untranslated.
    const left = text.split("\n").filter((line) => /\b[A-Za-z]{2,}( [A-Za-z]{2,}){2,}\b/.test(line));
    assert.deepEqual(left, [], left.join("\n"));
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

// One number format: every figure a page shows is grouped by thousands and rounded (no long
// decimals). Years, dates, versions, document numbers and digests are not figures.
function ungroupedFigures(text) {
  const cleaned = text
    .replace(/\d{4}-\d{2}-\d{2}/g, "")
    .replace(/〔\d{4}〕\d+号|\d{4}年第\d+号|\d{4}年/g, "")
    .replace(/\b(19|20)\d{2}\b(\.\d+)?/g, "")
    .replace(/[0-9a-f]{16,}/g, "")
    .replace(/SHA-256|UTF-8|ISO \d+/g, "");
  return [...cleaned.matchAll(/\d[\d,]*(\.\d+)?/g)]
    .map((m) => m[0])
    .filter((n) => /^\d{4,}/.test(n) || /\.\d{5,}$/.test(n));
}

for (const p of PAGES) {
  for (const lang of ["zh", "en"]) {
    test(`#/${p} (${lang}) shows every figure grouped and rounded`, async () => {
      const context = await env.browser.newContext();
      const page = await open(env, `/#/${p}`, { context });
      if (lang === "en") {
        await page.getByRole("button", { name: "Switch to English" }).click();
        await page.waitForFunction(() => document.documentElement.lang === "en");
      }
      await ready(page, p);
      const text = await visibleText(page, "[data-name], ul.saved label");
      const lines = text.split("\n").filter((line) => ungroupedFigures(line).length > 0);
      assert.deepEqual(lines, [], lines.join("\n"));
      await context.close();
    });
  }
}

// With files read: the batch page's findings and the district page's pooled sample, in English.
for (const [p, label, files, ready] of [
  ["batch", /Choose or drop a proposals file/, ["samples/proposals.csv"], "batch-summary"],
  ["district", /Choose or drop cost surveys/, ["samples/district/园所B.xlsx", "samples/district/园所C.xlsx"], "district-average"],
]) {
  test(`#/${p} in English with files read holds no Chinese but names and document numbers`, async () => {
    const context = await env.browser.newContext();
    const page = await open(env, `/#/${p}`, { context });
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await page.getByLabel(label).setInputFiles(files);
    await page.getByTestId(ready).waitFor();
    await page.waitForTimeout(200);
    let text = await visibleText(page, '[data-name], [lang="zh-CN"], [data-quotes], ul.saved label');
    for (const re of ALLOWED_ZH) text = text.replace(re, "");
    // What a message quotes from the file ("两千", “赞助费”) is the file's, as it was written.
    text = text.replace(/“[^”]*”|"[^"]*"/g, "");
    const left = text.split("\n").filter((line) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(line));
    assert.deepEqual(left, [], left.join("\n"));
    // Every figure grouped and rounded here too.
    const figures = (await visibleText(page, "[data-name]")).split("\n").filter((line) => ungroupedFigures(line).length > 0);
    assert.deepEqual(figures, [], figures.join("\n"));
    await context.close();
  });
}
