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

test("check page: the check report prints the items with their units, the disclosures, the cap and each finding by its item", async () => {
  const context = await printingContext();
  const page = await open(env, "/#/check", { context });
  // Under the Chaoyang set the half-day fee cannot be compared with the full-day fee (the set
  // has no half-day limit): said as a note, nothing fails.
  await page.getByTestId("check-findings").getByText("当前参数集没有半日托收费限额").waitFor();
  // The example schedule as the page opens it: three items, all disclosed, range 2,400–3,000,
  // approved net cost 2,900, and the public cap 20% × 15,655 = 3,131.00 yuan a month.
  let { text, pages } = await pdfOf(await printed(page, "打印核查报告"), "print-check-zh");
  let flat = squash(text);
  for (const part of ["托育服务收费核查报告", "一、收费项目", "2,800.00元/月", "1,500.00元/月", "二、公示与告知", "协商参考区间2,400.00–3,000.00元/月", "公办收费上限3,131.00元/月", "结论：未发现违规。", "负责人", `第1页共${pages}页`]) {
    assert.ok(flat.includes(squash(part)), `missing: ${part}`);
  }
  assertClean(text);
  // A care fee of 3,100 is above the range's 3,000 and the approved net cost of 2,900: the first item's findings.
  const amount = page.getByLabel("金额").first();
  await amount.click();
  await amount.press("Control+A");
  await amount.pressSequentially("3100");
  await page.getByText("不在协商参考区间2,400–3,000元内").waitFor();
  ({ text } = await pdfOf(await printed(page, "打印核查报告"), "print-check-violation-zh"));
  flat = squash(text);
  assert.ok(flat.includes("3,100.00元/月"));
  assert.ok(flat.includes(squash("第 1 项：")), "a finding names its item");
  assert.ok(flat.includes("结论：存在违规，须整改。"));
  assertClean(text);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("district page: the cost-audit report it downloads prints in the same layout", async () => {
  const page = await open(env, "/#/district");
  await page.getByLabel(/选择或拖入成本调查表/).setInputFiles(["samples/district/园所B.xlsx", "samples/district/园所C.xlsx", "samples/district/园所D.xlsx"]);
  await page.getByText("共 3 个文件：读入 3 个，0 个有错误未读入；机构 3 家。").waitFor();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "下载成本监审报告（HTML，可打印）" }).click();
  const { readFileSync } = await import("node:fs");
  const html = readFileSync(await (await download).path(), "utf8");
  const { text, pages } = await pdfOf(html, "print-district-zh");
  const flat = squash(text);
  // The pricing cost of B, C and D (worked by hand in app.test.mjs): 5,630,740 ÷ 1,720 = 3,273.69.
  for (const part of ["普惠托育服务定价成本监审报告", "打印日期", "六、经营者成本核定表", "3,273.69", "附：计算过程", "定价成本=Σ核定成本÷Σ人月数", "金额保留2位小数，四舍五入", "（盖章）", `第1页共${pages}页`]) {
    assert.ok(flat.includes(squash(part)), `missing: ${part}`);
  }
  assertClean(text);
  assert.deepEqual(page.errors, []);
  await page.close();
});
