// Printed reports as a clerk files them: the cost page's report and the scenarios page's dossier
// are printed from the app, then the very HTML the app printed is printed to PDF in Chromium and
// read back from the PDF's text (poppler's pdftotext). Page 1 of each is kept as a picture in
// test-output/ so a change of layout can be seen. Figures are hand-derived (see each case).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { OUT, open, start, stop } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await stop(env);
});

/** A context whose frames record a print instead of opening the dialog. */
async function printingContext() {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    window.print = () => {
      window.top.__printed = (window.top.__printed ?? 0) + 1;
    };
  });
  return context;
}

/** Clicks `button`, waits for the app to print its frame, and returns the frame's HTML. */
async function printed(page, button) {
  const before = await page.evaluate(() => window.__printed ?? 0);
  await page.getByRole("button", { name: button }).click();
  await page.waitForFunction((n) => (window.__printed ?? 0) > n, before, { timeout: 20000 });
  return page.evaluate(() => document.getElementById("print-frame").srcdoc);
}

/** The report printed to PDF (A4, by its own @page rules), its text, its page count; page 1 kept as PNG. */
async function pdfOf(html, name) {
  const page = await env.browser.newPage();
  await page.setContent(html);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.close();
  const file = `${OUT}/${name}.pdf`;
  writeFileSync(file, pdf);
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file, `${OUT}/${name}-page1`]);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))[1]);
  return { text, pages };
}

/** What no filed report may hold: long decimals, form placeholders, code names, look-alike radicals. */
function assertClean(text) {
  assert.doesNotMatch(text, /\d\.\d{5,}/, "a figure with five or more places");
  assert.doesNotMatch(text, /mm\/dd\/yyyy|yyyy|年\/月\/日/, "a date field's placeholder");
  assert.doesNotMatch(text, /MidpointAwayFromZero|MidpointNearestEven/, "a rounding mode's code name");
  assert.doesNotMatch(text, /为什么是这个数|Why this number/, "a link of the page");
  // Kangxi radicals and CJK radicals supplement (U+2E80–U+2FDF), compatibility ideographs (U+F900–U+FAFF):
  // text copied out of the PDF must be the same characters as printed.
  assert.doesNotMatch(text, /[\u2E80-\u2FDF\uF900-\uFAFF]/u, "a look-alike radical in the PDF's text");
}

const squash = (s) => s.replace(/\s+/g, "");

test("cost page: the report prints with a cover, the cost table and its total, the fee and cap, the trace and a signature block", async () => {
  const context = await printingContext();
  const page = await open(env, "/#/cost", { context });
  const html = await printed(page, "打印测算报告");
  const { text, pages } = await pdfOf(html, "print-cost-zh");
  const flat = squash(text);
  // The cost page's sample (three classes, 55 places at 90%, no government inputs), worked by hand:
  // carers 3 + 3 + 3 = 9 (1:5 for 15 toddlers, ⌈20 ÷ 7⌉ = 3 for each older class), 9 × 6,000 × 12 = 648,000.00;
  // wages 648,000 + 72,000 + 60,000 + 96,000 = 876,000; social insurance 25% = 219,000.00; housing fund 12%
  // = 105,120.00; rent 30,000 × 12 = 360,000.00; with depreciation 30,000, electricity 11,760, toys 59,400
  // and insurance 36,000 the approved total is 1,697,280.00 a year.
  // Child-months 55 × 0.9 × 12 = 594; 1,697,280 ÷ 594 = 2,857.3737… → 2,857.37 a child-month; no offsets, so
  // the net is the same; the fee in whole yuan 2,857.00; the cap 20% × 15,655 = 3,131.00; the share
  // 2,857 ÷ 15,655 = 0.18250 → 18.25%.
  for (const part of [
    "托育服务收费测算报告",
    "机构或情景",
    "参数集cn-bj-chaoyang2024.1",
    "打印日期",
    "一、测算输入",
    "二、成本构成",
    "保育人员工资648,000.00648,000.00",
    "社会保险（单位缴纳）219,000.00219,000.00",
    "合计1,697,280.001,697,280.00",
    "人月数594人月",
    "生均月成本2,857.37元/生/月",
    "三、政府投入抵减",
    "扣除政府投入后生均月成本2,857.37元/生/月",
    "四、收费与上限",
    "收费上限3,131.00元/月",
    "政府指导价2,857.00元/月",
    "占家庭月均可支配收入18.25%",
    "五、审查意见",
    "附：计算过程",
    "收费上限=取整(比例×家庭月均可支配收入)",
    "金额保留2位小数，四舍五入",
    "经办人",
    "审核人",
    "负责人",
    "（盖章）",
    `第1页共${pages}页`,
  ]) {
    assert.ok(flat.includes(squash(part)), `missing: ${part}`);
  }
  assert.ok(!flat.includes("cap=round"), "an English formula in the Chinese report");
  assert.ok(!flat.includes("六、定价程序"), "the cost page's report has no procedure");
  assertClean(text);
  // The sample's report fills four A4 pages.
  assert.equal(pages, 4);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.foreign, []);
  await context.close();
});

test("scenarios page: the dossier prints only what happened, a step not taken as one line, in the page's language", async () => {
  const context = await printingContext();
  const page = await open(env, "/#/scenarios", { context });
  // A fresh draft: seven steps not yet started, no "missing step" finding.
  let { text } = await pdfOf(await printed(page, "打印测算报告"), "print-dossier-fresh-zh");
  let flat = squash(text);
  assert.equal(flat.split("尚未开始").length - 1, 7);
  assert.ok(!flat.includes("缺少程序"), "a missing-step finding on a fresh draft");
  assert.ok(flat.includes("六、定价程序"));
  // Two steps recorded: they print with their date and document; the other five are one line each.
  await page.getByLabel("价格调查：日期").fill("2024-02-01");
  await page.getByLabel("价格调查：文件").fill("价格调查报告（2024）1号");
  await page.getByLabel("成本监审或成本调查：日期").fill("2024-03-01");
  ({ text } = await pdfOf(await printed(page, "打印测算报告"), "print-dossier-zh"));
  flat = squash(text);
  assert.ok(flat.includes("价格调查2024-02-01价格调查报告（2024）1号"), "the price survey's row");
  assert.equal(flat.split("尚未开始").length - 1, 5);
  assert.ok(!flat.includes("缺少程序"), "no step before the last one recorded is missing");
  assertClean(text);
  // In English: the same report in the page's language, the rounding in words, pages numbered.
  await page.getByRole("button", { name: "Switch to English" }).click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  const en = await pdfOf(await printed(page, "Print the dossier"), "print-dossier-en");
  flat = squash(en.text);
  for (const part of ["Childcare fee: pricing dossier", "6. Pricing procedure", "not yet started", "Feecap3,131.00yuan/month", "round half away from zero", "Prepared by", `Page 1 of ${en.pages}`]) {
    assert.ok(flat.includes(squash(part)), `missing: ${part}`);
  }
  assert.ok(flat.includes(squash("cap = round(ratio × income)")));
  assertClean(en.text);
  assert.deepEqual(page.errors, []);
  await context.close();
});
