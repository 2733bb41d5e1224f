// The app as a user meets it, in headless Chromium: every page typed into, numbers
// checked against hand-derived values, language, storage, batch upload, privacy, a11y.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { OUT, PAGES, expectText, open, start, stop, typeInto } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await stop(env);
});

const text = (page, id) => page.getByTestId(id).textContent();

test("cap page: income 15,655 gives the 3,131.00 cap, headroom follows the fee", async () => {
  const page = await open(env, "/#/cap");
  // The page opens on the active set's own income (20% × 15,655 = 3,131.00), and says where it comes from.
  await expectText(page, "cap", "3,131.00");
  await page.getByTestId("income-source").filter({ hasText: "收入取自当前参数集 cn-bj-chaoyang 2024.1" }).waitFor();
  // A figure typed over the set is marked as the user's.
  await page.getByLabel("收入口径").selectOption("household_monthly");
  await page.getByTestId("income-source").filter({ hasText: "用户输入的收入，不随参数集变化" }).waitFor();
  await typeInto(page, "上年度家庭月均可支配收入", "15655");
  await typeInto(page, "拟定收费", "3131.01");
  await expectText(page, "cap", "3,131.00");
  // 3,131.00 − 3,131.01 = −0.01: one fen over.
  await expectText(page, "headroom", "-0.01");
  await typeInto(page, "拟定收费", "3,000");
  await expectText(page, "headroom", "131.00");
  // 0.2 × I ≥ 2,999.995 → I ≥ 14,999.975 → 14,999.98 to the fen.
  await expectText(page, "lowest", "14,999.98");
  // Per-capita basis: 77,415 × 2.31 ÷ 12 × 0.2 = 2,980.4775 → 2,980.48 (北京市统计局 figures, secondary; docs/sources.md).
  await page.getByLabel("收入口径").selectOption("per_capita");
  await typeInto(page, "人均年可支配收入", "77415");
  await typeInto(page, "户均人数", "2.31");
  await expectText(page, "cap", "2,980.48");
  // A typo keeps the text, says what is wrong, and changes nothing.
  const size = page.getByLabel("户均人数", { exact: true });
  await size.press("End");
  await size.press("x");
  // In the page's language: "2.31x" is not a number.
  await page.getByText("“2.31x”无法使用（不是数字）").waitFor();
  await expectText(page, "cap", "2,980.48");
  // The basis and what was typed outlive a visit to another page (the typo stays unapplied).
  await page.getByRole("link", { name: "成本测算" }).click();
  await page.getByRole("heading", { name: "成本测算" }).waitFor();
  await page.getByRole("link", { name: "上限测算" }).click();
  await expectText(page, "cap", "2,980.48");
  assert.equal(await page.getByLabel("收入口径").inputValue(), "per_capita");
  assert.equal(await page.getByLabel("人均年可支配收入", { exact: true }).inputValue(), "77415");
  // And a reload: what was applied is stored with the draft (the typo never was).
  await page.reload();
  await expectText(page, "cap", "2,980.48");
  assert.equal(await page.getByLabel("收入口径").inputValue(), "per_capita");
  assert.equal(await page.getByLabel("户均人数", { exact: true }).inputValue(), "2.31");
  assert.equal(await page.getByLabel("拟定收费").inputValue(), "3000");
  await page.getByText("为什么是这个数？").first().click();
  await page.screenshot({ path: `${OUT}/cap.png`, fullPage: true });
  assert.deepEqual(page.foreign, []);
  assert.deepEqual(page.errors, []);
});

test("cost page: the sample nursery with offsets reaches the hand-derived 2,056 fee", async () => {
  const page = await open(env, "/#/cost");
  // Example scenario: 1,697,280 a year over 594 child-months = 2,857.37 (tests/cases/evaluate.json).
  await expectText(page, "cost-cap", "3,131.00");
  await expectText(page, "cost-pcm", "2,857.37");
  await expectText(page, "fee", "2,857");
  // Amounts of five digits or more are grouped by threes; shares are percentages.
  await expectText(page, "total-cost", "1,697,280.00");
  // 2,857 ÷ 15,655 = 0.182497… → 0.1825 → 18.25%.
  await expectText(page, "income-share", "18.25%");
  // 55 places; of the 1,697,280, 100 a child-month × 49.5 × 12 = 59,400 follows enrolment, 1,637,880
  // does not. At 2,857: 1,637,880 = (12 × 2,857 − 1,200) × E → E = 49.5067 → ÷ 55 = 0.90012 → 90.01%.
  await expectText(page, "break-even-occupancy", "90.01%");
  // Tier-2 quota 700 and a 5,000/month rent subsidy: net 1,221,480 ÷ 594 = 2,056.36 → 2,056.
  await page.getByLabel("生均定额补助").selectOption("tier_2");
  await page.getByLabel("租金补贴").selectOption("per_month");
  await typeInto(page, "每月补贴", "5000");
  await expectText(page, "net-pcm", "2,056.36");
  await expectText(page, "fee", "2,056");
  // Licensing warnings while typing: 21 children in a 托大班 exceeds its 20.
  await typeInto(page, "每班托位", "21", 1);
  await page.getByText("超过班额上限20人").waitFor();
  await typeInto(page, "每班托位", "20", 1);
  await page.screenshot({ path: `${OUT}/cost.png`, fullPage: true });
  assert.deepEqual(page.foreign, []);
  assert.deepEqual(page.errors, []);
});

test("sensitivity page: tornado, thresholds and grid come from fee-core", async () => {
  const page = await open(env, "/#/sensitivity");
  await expectText(page, "tornado-base", "2,857.37");
  const rows = await page.getByTestId("grid").locator("tbody tr").count();
  assert.equal(rows, 11);
  // The middle cell is the scenario itself (both factors 1): net 2,857.37 a child-month, shown in
  // whole yuan by the fee rule (half away from zero) as 2857, within the 3,131 cap.
  const middle = page.getByTestId("grid").locator("tbody tr").nth(5).locator("td").nth(5);
  assert.equal(await middle.textContent(), "2,857");
  assert.equal(await middle.getAttribute("class"), "pass");
  assert.ok((await page.getByTestId("thresholds").locator("tbody tr").count()) >= 8);
  // Other staff are several lines: no one value reaches the cap, only their multiple, which is shown.
  const others = page.getByTestId("thresholds").locator("tbody tr", { hasText: "其他人员工资" });
  assert.equal(await others.locator("td").nth(1).textContent(), "多项合计，见倍数");
  assert.match(await others.locator("td").nth(2).textContent(), /^\d+(\.\d{1,4})?$/);
  // An amount is shown to the fen with its unit. 9 carers (15 ÷ 5 = 3; 20 ÷ 7 → 3 per class, two
  // classes) × 12 months × 1.37 (wage, 25% insurance, 12% housing fund) = 147.96 × wage a year; the
  // rest of the 1,697,280 is 809,520. (809,520 + 147.96 W) ÷ 594 = 3,131 → W = 1,050,294 ÷ 147.96
  // = 7,098.4996 → 7,098.50.
  const carers = page.getByTestId("thresholds").locator("tbody tr", { hasText: "保育人员工资" });
  assert.equal(await carers.locator("td").nth(1).textContent(), "7,098.50 元/月");
  // The grid's headers give the inputs' values as well as the multiple: rows are the occupancy
  // (0.9 × 0.7 = 0.63 at the top), columns the carer wage (6,000 × 0.7 = 4,200.00 at the left, 6,000.00 at ×1).
  const heads = await page.getByTestId("grid").locator("thead th").allTextContents();
  assert.equal(heads[1], "4,200.00×0.7");
  assert.equal(heads[6], "6,000.00×1");
  assert.equal(await page.getByTestId("grid").locator("tbody th").first().textContent(), "0.63×0.7");
  // The tornado says which end is which: rent 30,000 a month ± 10% is ± 36,000 a year over 594
  // child-months, ± 60.61; 2,857.37 − 60.61 = 2,796.77 → 2,797 and + 60.61 = 2,917.98 → 2,918 (whole yuan).
  await page.locator("svg.chart text.val", { hasText: "−10%: 2,797 / +10%: 2,918" }).waitFor();
  // Results come from the worker; nothing but the inputs is stored.
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), stored);
  await page.screenshot({ path: `${OUT}/sensitivity.png`, fullPage: true });
  // The grid's inputs outlive a reload: 5 points a side, rest as before.
  await typeInto(page, "每轴点数", "5");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="grid"] tbody tr').length === 5);
  await page.reload();
  await page.getByTestId("grid").locator("tbody tr").first().waitFor();
  assert.equal(await page.getByTestId("grid").locator("tbody tr").count(), 5);
  assert.equal(await page.getByLabel("每轴点数").inputValue(), "5");
  assert.deepEqual(page.foreign, []);
  assert.deepEqual(page.errors, []);
});

test("charts keep every label inside the drawing and clear of the others, in Chinese and in English", async () => {
  // Each text of each chart lies within its SVG's viewBox (a label cut at the edge is lost to
  // the reader) and covers no other text of the chart (the fiscal curve's axis title once sat
  // on its top value); the tornado's values are whole yuan by the set's fee rule.
  const misplaced = (page) =>
    page.evaluate(() =>
      [...document.querySelectorAll("svg.chart")].flatMap((svg) => {
        const vb = svg.viewBox.baseVal;
        const texts = [...svg.querySelectorAll("text")].map((t) => ({ text: t.textContent, b: t.getBBox() }));
        const outside = texts
          .filter(({ b }) => b.x < vb.x - 0.5 || b.x + b.width > vb.x + vb.width + 0.5)
          .map(({ text }) => `outside: ${text}`);
        const meet = (a, b) =>
          a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
        const overlapping = texts.flatMap((a, i) =>
          texts.slice(i + 1).filter((b) => meet(a.b, b.b)).map((b) => `overlap: ${a.text} / ${b.text}`),
        );
        return [...outside, ...overlapping];
      }),
    );
  for (const route of ["/#/sensitivity", "/#/cost", "/#/fiscal"]) {
    const page = await open(env, route);
    await page.locator("svg.chart text").first().waitFor();
    assert.deepEqual(await misplaced(page), [], `${route} in Chinese`);
    if (route === "/#/sensitivity") {
      const values = await page.locator("svg.chart text.val").allTextContents();
      assert.ok(values.length >= 8 && values.every((v) => /^−10%: \d{1,3}(,\d{3})* \/ \+10%: \d{1,3}(,\d{3})*$/.test(v)), values.join(" | "));
    }
    if (route === "/#/fiscal") {
      // The 2025 high-quality target by default: 6,566 slots × 3,000 yuan × 12 months = 236,376,000
      // yuan a year when families pay nothing; 0 when they pay the whole cost.
      const values = await page.locator("svg.chart text.val").allTextContents();
      assert.deepEqual(values, ["236,376,000", "0", "0", "3,000"]);
    }
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.deepEqual(await misplaced(page), [], `${route} in English`);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test("on a phone-sized window no page scrolls sideways", async () => {
  // 390 px wide: wide content (long parameter names, a grid's columns) scrolls inside its own section.
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  for (const p of PAGES) {
    const page = await open(env, `/#/${p}`, { context });
    // The audit page is drawn by the worker: measured once its widest table, the clause map, is there.
    if (p === "audit") await page.getByTestId("clause-map").waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, `#/${p}`);
    await page.close();
  }
  await context.close();
});

test("on a phone the headline result stays in sight and a button goes to the results", async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await open(env, "/#/cost", { context });
  const bar = page.getByTestId("result-bar");
  assert.equal(await bar.isVisible(), true);
  assert.equal(await bar.locator(".headline").textContent(), "政府指导价 2,857 元/月");
  // Rent 30,000 → 40,000 a month: (1,697,280 + 120,000) ÷ 594 = 3,059.39 → 3,059, within the 3,131 cap.
  await typeInto(page, "月租金", "40000");
  await page.waitForFunction(() => document.querySelector(".result-bar .headline").textContent === "政府指导价 3,059 元/月");
  // 50,000: 1,937,280 ÷ 594 = 3,261.41, over the cap: the fee is held at 3,131 and the bar says so.
  await typeInto(page, "月租金", "50000");
  await page.waitForFunction(() => document.querySelector(".result-bar .headline").textContent.startsWith("政府指导价 3,131 元/月（按上限）"));
  assert.equal(await bar.locator(".headline").evaluate((e) => e.classList.contains("bad")), true);
  const inView = () => page.locator("#cost-results").evaluate((e) => e.getBoundingClientRect().top < innerHeight && e.getBoundingClientRect().bottom > 0);
  assert.equal(await inView(), false, "the results start below the form");
  await bar.getByRole("button", { name: "查看结果" }).click();
  await page.waitForFunction(() => document.activeElement?.id === "cost-results");
  assert.equal(await inView(), true);
  await page.close();
  // Side by side on a wide window, the bar is not needed.
  const wide = await open(env, "/#/cost");
  assert.equal(await wide.getByTestId("result-bar").isVisible(), false);
  await wide.close();
  await context.close();
});

test("printing the cost page prints every result first, not just the part in view", async () => {
  // On screen the results panel keeps to the window and scrolls; printed, it must not clip.
  const page = await open(env, "/#/cost");
  await page.getByTestId("cost-pcm").waitFor();
  const clipped = () =>
    page.locator("section.results").evaluate((e) => e.scrollHeight > e.clientHeight + 1);
  assert.equal(await clipped(), true, "the screen view scrolls (else this test proves nothing)");
  await page.emulateMedia({ media: "print" });
  assert.equal(await clipped(), false);
  // On an A4 page (about 680 px between the margins) the results come before the form.
  await page.setViewportSize({ width: 680, height: 960 });
  const top = (sel) => page.locator(sel).evaluate((e) => e.getBoundingClientRect().top);
  assert.ok((await top("section.results")) < (await top("section.inputs")));
  await page.close();
});

test("check page: the example passes; a 3,100 care fee breaks the negotiated range; refunds; all kept across pages and a reload", async () => {
  const page = await open(env, "/#/check");
  // Under the Chaoyang set the half-day fee cannot be compared with the full-day fee (the set
  // has no half-day limit): said as a note, nothing fails.
  await page.getByTestId("check-findings").getByText("当前参数集没有半日托收费限额").waitFor();
  await page.getByLabel("金额").first().click();
  await page.getByLabel("金额").first().press("Control+A");
  await page.getByLabel("金额").first().pressSequentially("3100");
  await page.getByText("不在协商参考区间2,400–3,000元内").waitFor();
  await page.getByText("高于核定的扣除补助后成本2,900元").waitFor();
  // Pro rata: 10 of 22 days absent → 2,200 × 10/22 + 440 × 10/22 = 1,000 + 200.
  await expectText(page, "refund-total", "1,200.00");
  await page.getByLabel("本机构公示的退费规则（示例规则，非北京规定）").selectOption("taian-tiered");
  await typeInto(page, "实际入托天数", "0");
  // Whole month absent under the tiered rule: 60% of 2,200 = 1,320; meals 440 in full.
  await expectText(page, "refund-care", "1,320.00");
  await page.screenshot({ path: `${OUT}/check.png`, fullPage: true });
  // Everything typed here outlives a visit to another page: the fee, its finding, the rule
  // and the refund month.
  await page.getByRole("link", { name: "上限测算" }).click();
  await page.getByRole("heading", { name: "上限测算" }).waitFor();
  await page.getByRole("link", { name: "收费核查" }).click();
  await page.getByText("不在协商参考区间2,400–3,000元内").waitFor();
  assert.equal(await page.getByLabel("金额").first().inputValue(), "3100");
  assert.equal(await page.getByLabel("本机构公示的退费规则（示例规则，非北京规定）").inputValue(), "taian-tiered");
  assert.equal(await page.getByLabel("实际入托天数").inputValue(), "0");
  await expectText(page, "refund-care", "1,320.00");
  // And a reload: the page's inputs are kept in the browser's storage with the draft.
  await page.reload();
  await page.getByText("不在协商参考区间2,400–3,000元内").waitFor();
  assert.equal(await page.getByLabel("金额").first().inputValue(), "3100");
  assert.equal(await page.getByLabel("本机构公示的退费规则（示例规则，非北京规定）").inputValue(), "taian-tiered");
  await expectText(page, "refund-care", "1,320.00");
  assert.deepEqual(page.foreign, []);
  assert.deepEqual(page.errors, []);
});

test("batch page: the sample CSV gives every row an outcome", async () => {
  const page = await open(env, "/#/batch");
  await page.getByLabel(/选择或拖入收费方案文件/).setInputFiles("samples/proposals.csv");
  await page.getByTestId("batch-summary").waitFor();
  // 13 rows = 3 passed + 7 with findings + 3 rejected (see the sample's rows).
  assert.match(await text(page, "batch-summary"), /13 = 通过 3 \+ 有问题 7 \+ 无法读取 3/);
  await page.getByLabel("显示").selectOption("rejected");
  const rows = page.getByTestId("batch-table").locator("tbody tr");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="batch-table"] tbody tr').length === 3);
  assert.equal(await text(page, "batch-pager"), "1–3 / 3");
  // The worker holds the lines and answers each view: of the 3 rejected rows, "乙" names one.
  await page.getByLabel("搜索机构或项目").fill("乙");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="batch-table"] tbody tr').length === 1);
  assert.match(await rows.first().textContent(), /格式错误示例乙/);
  // Why, in the page's language: 乙's amount is −100.
  assert.match(await rows.first().textContent(), /amount：“-100”：不能为负数/);
  await page.getByLabel("搜索机构或项目").fill("");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="batch-table"] tbody tr').length === 3);
  // The outcome and the view outlive a visit to another page; the worker still holds the lines.
  await page.getByRole("link", { name: "参数" }).click();
  await page.getByRole("heading", { name: "参数" }).waitFor();
  await page.getByRole("link", { name: "批量审核" }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="batch-table"] tbody tr').length === 3);
  assert.match(await text(page, "batch-summary"), /13 = 通过 3 \+ 有问题 7 \+ 无法读取 3/);
  assert.equal(await page.getByLabel("显示").inputValue(), "rejected");
  assert.equal(await text(page, "batch-pager"), "1–3 / 3");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "下载 CSV" }).click();
  const file = await download;
  const csv = readFileSync(await file.path(), "utf8");
  // In the page's language, each outcome as the page names it (the command line's CSV keeps the stable keys).
  assert.match(csv, /^\uFEFF行号,机构,项目,结果,严重程度/);
  assert.match(csv, /,无法读取,/);
  assert.doesNotMatch(csv, /,rejected,/);
  // After a blank line, where it came from: the program, the set and its digest, the proposals file's SHA-256.
  const { createHash } = await import("node:crypto");
  const digest = createHash("sha256").update(readFileSync("samples/proposals.csv")).digest("hex");
  assert.ok(csv.includes(`\n\n程序,fee-core `), csv.slice(-400));
  assert.ok(csv.includes(`输入文件 SHA-256,${digest},input_sha256`), csv.slice(-400));
  // The same rows as a workbook, and the findings saved as xlsx.
  await page.getByLabel("显示").selectOption("all");
  await page.getByLabel(/选择或拖入收费方案文件/).setInputFiles("samples/proposals.xlsx");
  await page.getByText("proposals.xlsx：读取行数 13").waitFor({ timeout: 90000 });
  const xlsx = page.waitForEvent("download");
  await page.getByRole("button", { name: "下载 xlsx" }).click();
  const book = readFileSync(await (await xlsx).path());
  assert.equal(book.subarray(0, 2).toString(), "PK");
  await page.screenshot({ path: `${OUT}/batch.png`, fullPage: true });
  assert.deepEqual(page.foreign, []);
  assert.deepEqual(page.errors, []);
});

test("batch page: a file it cannot check says why, in the page's language", async () => {
  const page = await open(env, "/#/batch");
  // The sample's header without its last column, meal_cost.
  const header = readFileSync("samples/proposals.csv", "utf8").split("\n")[0].replace(/,meal_cost\s*$/, "");
  assert.ok(!header.includes("meal_cost"));
  await page.getByLabel(/选择或拖入收费方案文件/).setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(header + "\n") });
  const alert = page.getByRole("alert").filter({ hasText: "bad.csv" });
  await alert.waitFor();
  assert.match(await alert.textContent(), /^bad\.csv：header\.meal_cost：.*缺少这一列/);
  assert.deepEqual(page.errors, []);
});

test("batch page: the file layout and the sample files come with the app", async () => {
  const page = await open(env, "/#/batch");
  const requests = [];
  page.context().on("request", (r) => requests.push(r.url()));
  // The layout opens beside the app and names every column the checker reads (the header of
  // the sample file, which fee-core's own tests read as its COLUMNS).
  const popup = page.context().waitForEvent("page");
  await page.getByRole("link", { name: /文件格式说明/ }).click();
  const help = await popup;
  await help.waitForLoadState();
  assert.match(await help.title(), /批量审核文件格式/);
  const columns = readFileSync("samples/proposals.csv", "utf8").split("\n")[0].split(",");
  const shown = await help.locator("td code").allTextContents();
  assert.deepEqual(columns.filter((c) => !shown.includes(c)), []);
  assert.equal(await help.locator("script").count(), 0);
  await help.close();
  // The sample CSV downloads as it is in the repository, and checks as the sample does.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV", exact: true }).click();
  const file = await (await download).path();
  assert.deepEqual(readFileSync(file), readFileSync("samples/proposals.csv"));
  await page.getByLabel(/选择或拖入收费方案文件/).setInputFiles({ name: "proposals.csv", mimeType: "text/csv", buffer: readFileSync(file) });
  await page.getByText("proposals.csv：读取行数 13").waitFor();
  const xlsx = page.waitForEvent("download");
  await page.getByRole("link", { name: "xlsx", exact: true }).click();
  assert.deepEqual(readFileSync(await (await xlsx).path()), readFileSync("samples/proposals.xlsx"));
  assert.deepEqual(requests.filter((u) => !u.startsWith(env.origin) && !u.startsWith("blob:") && !u.startsWith("data:")), []);
  assert.deepEqual(page.errors, []);
});

test("an error names the input by its label and goes to it (cost, check, refund, cap, sensitivity, fiscal)", async () => {
  const page = await open(env, "/#/cost");
  // An occupancy of 1.5 is past the rule's 0 to 1; the error calls the field as the form does.
  await typeInto(page, "入托率（0–1）", "1.5");
  await expectText(page, "cost-error", "无法计算：入托率（0–1）：数值 1.5 超出范围（0 至 1）转到此项");
  await page.getByRole("button", { name: "转到此项" }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "cost.enrolment.rate");
  await typeInto(page, "入托率（0–1）", "0.9");
  // An input in a list is named with its row: the second class group with no places.
  await typeInto(page, "每班托位", "0", 1);
  await expectText(page, "cost-error", "无法计算：每班托位（第 2 行）：数值 0 超出范围（至少为 1）转到此项");
  await page.getByRole("button", { name: "转到此项" }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "cost.classes[1].children_per_class");
  await typeInto(page, "每班托位", "20", 1);
  // A pricing date before the cap's ratio applies (2024-02-22): the scenario cannot be priced on it.
  await page.locator("#date").fill("2023-06-01");
  await page.getByTestId("cost-error").filter({ hasText: "参数 cap.ratio：2023-06-01 无有效取值（取值自 2024-02-22 起）" }).waitFor();
  await page.locator("#date").fill("2024-06-01");
  await page.getByTestId("fee").waitFor();
  await typeInto(page, "每班托位", "0", 1);
  // In English, the English label.
  await page.getByRole("button", { name: "English" }).click();
  await expectText(page, "cost-error", "Cannot compute: Places per class (row 2): value 0 is out of range (at least 1)Go to the field");
  assert.deepEqual(page.errors, []);
  // The refund calculator does the same: 30 days attended of 22 working days.
  const check = await open(env, "/#/check");
  await typeInto(check, "实际入托天数", "30");
  await expectText(check, "refund-error", "实际入托天数：数值 30 超出范围（不超过 working_days = 22）转到此项");
  // A fee item's negative amount, named with its row.
  await typeInto(check, "金额", "-5", 1);
  await expectText(check, "check-error", "金额（第 2 行）：数值 -5 超出范围（不能为负数）转到此项");
  assert.deepEqual(check.errors, []);
  // And the cap page: 25 persons per household is past the rule's 1 to 20.
  const cap = await open(env, "/#/cap");
  await cap.getByLabel("收入口径").selectOption("per_capita");
  await typeInto(cap, "户均人数", "25");
  await expectText(cap, "cap-error", "户均人数：数值 25 超出范围（1 至 20）转到此项");
  // A year the parameter set has no income for: the parameter, the date and where its values start, in Chinese.
  await cap.getByLabel("收入口径").selectOption("district");
  await typeInto(cap, "收入年度", "2010");
  await cap.getByTestId("cap-error").filter({ hasText: "参数 income.household_monthly：2010-12-31 无有效取值（取值自 2022-01-01 起）" }).waitFor();
  assert.deepEqual(cap.errors, []);
  // And the sensitivity grid: 500 points per axis is past its 2 to 201.
  const grid = await open(env, "/#/sensitivity");
  await typeInto(grid, "每轴点数", "500");
  await expectText(grid, "grid-error", "每轴点数：数值 500 超出范围（2 至 201）转到此项");
  assert.deepEqual(grid.errors, []);
  // And the fiscal page: an occupancy of 1.5.
  const fiscal = await open(env, "/#/fiscal");
  await typeInto(fiscal, "入托率", "1.5");
  await expectText(fiscal, "budget-error", "入托率：数值 1.5 超出范围（0 至 1）转到此项");
  assert.deepEqual(fiscal.errors, []);
});

test("fiscal page: budgets for the slot targets and a split that adds up", async () => {
  const page = await open(env, "/#/fiscal");
  // The results come from the worker, once it has drawn them.
  await page.getByTestId("budget").waitFor();
  const budget = await page.getByTestId("budget").locator("tbody tr").allTextContents();
  // 3,283 × 700 × 12 = 27,577,200; 6,566 × 700 × 12 = 55,154,400; 9,660 × 700 × 12 = 81,144,000.
  assert.match(budget[0], /3,283.*27,577,200\.00/);
  assert.match(budget[1], /6,566.*55,154,400\.00/);
  assert.match(budget[2], /9,660.*81,144,000\.00/);
  // 3,283 by weights 120/80/300/150: floors 606/404/1515/757 = 3,282; the largest remainder (.615) gets one more.
  await expectText(page, "split-total", "3,283");
  await page.getByTestId("split").getByText("758").waitFor();
  // Amounts line up on the right, under headers that do too; names stay on the left.
  const align = (sel) => page.locator(sel).evaluateAll((els) => els.map((e) => getComputedStyle(e).textAlign));
  const budgetTable = '[data-testid="budget"]';
  assert.deepEqual([...new Set(await align(`${budgetTable} td.num, ${budgetTable} th.num`))], ["right"]);
  assert.equal((await align(`${budgetTable} th.num`)).length, 2);
  assert.deepEqual([...new Set(await align(`${budgetTable} tbody td:first-child`))], ["left"]);
  await page.screenshot({ path: `${OUT}/fiscal.png`, fullPage: true });
  // A split that cannot be made says why in the page's language, naming the line it could not read.
  const weights = page.locator("#split-weights");
  await weights.fill("甲,0\n乙,0");
  await expectText(page, "split-error", "权重：“0”无法使用（权重合计为零）");
  await weights.fill("甲,1\n乙 2");
  await expectText(page, "split-error", "第 2 行：“乙 2”无法使用（应写作“名称,权重”）");
  // Lines are counted as the reader counts them, blank ones too.
  await weights.fill("甲,1\n\n乙,二");
  await expectText(page, "split-error", "第 3 行的权重：“二”无法使用（不是数字）");
  await weights.fill("甲,1\n乙,-2");
  await expectText(page, "split-error", "第 2 行的权重：数值 -2 超出范围（不能为负数）");
  // What was pasted and typed outlives a visit to another page: 10 slots split 1 : 3 is
  // 2.5 and 7.5, the tie of remainders going to the larger weight: 2 and 8.
  await weights.fill("甲,1\n乙,3");
  await typeInto(page, "目标托位数", "10");
  await expectText(page, "split-total", "10");
  await page.getByRole("link", { name: "上限测算" }).click();
  await page.getByRole("heading", { name: "上限测算" }).waitFor();
  await page.getByRole("link", { name: "财政测算" }).click();
  await expectText(page, "split-total", "10");
  assert.equal(await weights.inputValue(), "甲,1\n乙,3");
  await page.getByTestId("split").getByText("8", { exact: true }).waitFor();
  // And a reload: the pasted weights and the typed target are stored with the draft.
  await page.reload();
  await expectText(page, "split-total", "10");
  assert.equal(await weights.inputValue(), "甲,1\n乙,3");
  assert.equal(await page.getByLabel("目标托位数").inputValue(), "10");
  assert.deepEqual(page.foreign, []);
  assert.deepEqual(page.errors, []);
});

test("scenarios: save, reload, compare, share a link", async () => {
  const context = await env.browser.newContext();
  const page = await open(env, "/#/scenarios", { context });
  await typeInto(page, "名称", "方案A");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.goto(env.origin + "/#/cost");
  await typeInto(page, "月租金", "40000");
  await page.goto(env.origin + "/#/scenarios");
  await typeInto(page, "名称", "方案B");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.reload();
  await page.getByLabel(/方案A/).check();
  await page.getByLabel(/方案B/).check();
  const rows = await page.getByTestId("compare").locator("tbody tr").allTextContents();
  // Rent 30,000 → 40,000 a month adds 120,000 a year: 1,697,280 → 1,817,280.
  assert.match(rows[1], /1,697,280\.00.*1,817,280\.00/);
  // Against the first: Δ +120,000.00, and 120,000 ÷ 1,697,280 = 0.07070… → +7.07%.
  assert.match(rows[1], /1,817,280\.00 元\/年（Δ \+120,000\.00，\+7\.07%）/);
  await page.getByRole("button", { name: "生成分享链接" }).click();
  const link = await page.getByLabel(/分享链接/).inputValue();
  assert.match(link, /#\/cost\?s=/);
  const other = await open(env, "/" + link.split("/").slice(3).join("/"));
  await other.getByText("已从链接载入情景").waitFor();
  await page.screenshot({ path: `${OUT}/scenarios.png`, fullPage: true });
  assert.deepEqual(page.foreign, []);
  await context.close();
});

test("a shared scenario made under a set of the user's own says where to load it; loaded, it computes and outlives a reload", async () => {
  const context = await env.browser.newContext();
  // The sample nursery as another bureau's colleague would share it, made under their own set.
  const scenario = JSON.parse(readFileSync("samples/public-nursery.json", "utf8"));
  scenario.parameter_set = { id: "own-bureau", version: "2025.1" };
  const page = await open(env, "/#/cost?s=" + encodeURIComponent(JSON.stringify(scenario)), { context });
  await page.getByText("已从链接载入情景").waitFor();
  await page.getByRole("alert").filter({ hasText: "情景使用的参数集不是 cn-bj-chaoyang" }).first().waitFor();
  await page.getByRole("link", { name: "到“参数”页载入或选用参数集" }).first().click();
  // Their set: the Chaoyang values under their id and version.
  const set = JSON.parse(readFileSync("fee-core/fuzz/corpus/parameter_set/chaoyang.json", "utf8"));
  set.id = "own-bureau";
  set.version = "2025.1";
  await page.getByLabel("从文件载入参数集（JSON、TOML 或 YAML）").setInputFiles({ name: "own.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(set)) });
  await page.getByText("已载入参数集 own-bureau 2025.1").waitFor();
  // With the same values as Chaoyang's, the sample's worked case: tier-2 quota 700 and a 5,000/month rent
  // subsidy leave 1,697,280 − 475,800 = 1,221,480 a year; ÷ 594 child-months = 2,056.36 (tests/cases/evaluate.json).
  await page.getByRole("link", { name: "成本测算" }).click();
  await expectText(page, "net-pcm", "2,056.36");
  await page.reload();
  await expectText(page, "net-pcm", "2,056.36");
  assert.deepEqual(page.foreign, []);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("pricing procedure: a decision is lawful once every step before it is recorded in order; kept, and exported for fee dossier", async () => {
  const context = await env.browser.newContext();
  const page = await open(env, "/#/scenarios", { context });
  const lawful = page.getByTestId("decision-lawful");
  // Nothing recorded: no decision yet, but a fresh draft owes no step, so nothing is a violation.
  await page.getByText("尚不能作出定价决定").waitFor();
  assert.equal(await page.locator(".procedure li.violation").count(), 0);
  // A decision dated with nothing before it: the five steps before it are each due and missing (二(二)1).
  await page.getByLabel("作出制定价格的决定：日期").fill("2024-06-01");
  await page.locator(".procedure li.violation", { hasText: "缺少程序：价格调查" }).waitFor();
  assert.equal(await page.locator(".procedure li.violation").count(), 5);
  await page.getByLabel("作出制定价格的决定：日期").fill("");
  await page.locator(".procedure li.violation").first().waitFor({ state: "detached" });
  // The five steps before the decision, dated in the rule's order: the decision may be made; the
  // decision itself and the district government's agreement are not yet due, so nothing is said of them.
  const steps = [["价格调查", "2024-02-01"], ["成本监审或成本调查", "2024-03-01"], ["听取社会意见", "2024-04-01"], ["合法性审查", "2024-04-15"], ["集体审议", "2024-05-10"]];
  for (const [step, date] of steps) await page.getByLabel(`${step}：日期`).fill(date);
  await page.getByLabel("成本监审或成本调查：文件").fill("成本调查报告（2024）1号");
  await page.getByText("可以作出定价决定").waitFor();
  assert.equal(await page.locator(".procedure li.violation").count(), 0);
  assert.equal(await page.locator(".procedure li.note").count(), 0);
  // A public comment dated before the cost survey is out of order: no decision yet.
  await page.getByLabel("听取社会意见：日期").fill("2024-02-15");
  await page.locator(".procedure li.violation", { hasText: "听取社会意见（2024-02-15）早于成本监审或成本调查（2024-03-01）" }).waitFor();
  assert.match(await lawful.textContent(), /尚不能/);
  await page.getByLabel("听取社会意见：日期").fill("2024-04-01");
  await page.getByText("可以作出定价决定").waitFor();
  // Kept with the draft across a reload, to the last keystroke typed just before it.
  await page.getByLabel("集体审议：结果").fill("通过");
  await page.reload();
  await page.getByText("可以作出定价决定").waitFor();
  assert.equal(await page.getByLabel("成本监审或成本调查：文件").inputValue(), "成本调查报告（2024）1号");
  assert.equal(await page.getByLabel("集体审议：结果").inputValue(), "通过");
  // Exported as a record `fee dossier` and `fee verify` read: the draft and the five records, in
  // order, with the SHA-256 digests of the parameter set, the dossier, its check and the program.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /导出定价档案/ }).click()]);
  const record = JSON.parse(readFileSync(await download.path(), "utf8"));
  assert.equal(record.record, "dossier");
  for (const k of ["parameter_set_sha256", "input_sha256", "result_sha256"]) assert.match(record.provenance[k], /^[0-9a-f]{64}$/);
  assert.match(record.provenance.program, /^fee-core /);
  const dossier = record.input;
  assert.deepEqual(dossier.records.map((r) => [r.step, r.date]), [
    ["price_survey", "2024-02-01"], ["cost_audit_or_survey", "2024-03-01"], ["public_comment", "2024-04-01"],
    ["legality_review", "2024-04-15"], ["collective_deliberation", "2024-05-10"],
  ]);
  assert.equal(dossier.records[1].document, "成本调查报告（2024）1号");
  assert.equal(dossier.scenario.parameter_set.id, "cn-bj-chaoyang");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("parameters page shows each value's source and label", async () => {
  const page = await open(env, "/#/params");
  await page.getByText("cap.ratio").first().waitFor();
  await page.getByText("在上年度本区家庭月均可支配收入20%上限范围之内", { exact: false }).first().waitFor();
  assert.ok((await page.locator(".label.primary").count()) > 0);
  // The 20% ratio from the plan itself, in the page's language: its label and unit.
  const ratio = page.locator("tr", { hasText: "cap.ratio" });
  assert.equal(await ratio.locator(".label").textContent(), "方案原文");
  assert.equal(await ratio.locator("td.num").textContent(), "20%");
  // Values grouped with their unit, a rounding mode in words.
  assert.equal(await page.locator("tr", { hasText: "income.household_monthly" }).locator("td.num").textContent(), "15,655 元/月");
  assert.equal(await page.locator("tr", { hasText: "rounding.money.mode" }).locator("td.num").textContent(), "四舍五入");
  await page.screenshot({ path: `${OUT}/params.png`, fullPage: true });
  // In English the reference is the English one, the document number as written.
  await page.getByRole("button", { name: "Switch to English" }).click();
  await ratio.getByText("朝政办字〔2024〕1号 Section 二(二)1: within a cap of 20% of the district's average monthly household disposable income of the previous year").waitFor();
  assert.equal(await page.locator("tr", { hasText: "rounding.money.mode" }).locator("td.num").textContent(), "round half away from zero");
  assert.deepEqual(page.foreign, []);
});

test("a parameter set written in TOML or YAML loads as one in JSON does", async () => {
  const page = await open(env, "/#/params");
  const input = page.getByLabel("从文件载入参数集（JSON、TOML 或 YAML）");
  // The parameter files' own format: read by the batch worker, checked, then used.
  const toml = [
    'id = "toml-set"', 'version = "1"', 'title_zh = "示例集"', 'title_en = "Example set"',
    '[parameters."cap.ratio"]', 'title_zh = "比例"', 'title_en = "Ratio"', 'unit = "ratio"',
    'values = [{ from = "2024-01-01", value = "0.25", label = "example", reference = "测试用" }]',
  ].join("\n");
  await input.setInputFiles({ name: "set.toml", mimeType: "application/toml", buffer: Buffer.from(toml) });
  await page.getByText("已载入参数集 toml-set 1").waitFor();
  const ratio = page.locator("tr", { hasText: "cap.ratio" });
  assert.equal(await ratio.locator("td.num").textContent(), "25%");
  assert.equal(await ratio.locator(".label").textContent(), "示例");
  // A YAML set whose value ends before it starts is refused naming the parameter; nothing changes.
  const yaml = [
    "id: yaml-set", "version: '2'", "title_zh: 例", "title_en: Example", "parameters:", "  cap.ratio:",
    "    title_zh: 比例", "    title_en: Ratio", "    unit: ratio", "    values:",
    "      - { from: '2024-01-01', until: '2023-01-01', value: '0.3', label: example, reference: 测试用 }",
  ].join("\n");
  await input.setInputFiles({ name: "set.yaml", mimeType: "application/yaml", buffer: Buffer.from(yaml) });
  await page.getByRole("alert").filter({ hasText: "参数文件无法使用，未作任何改动：参数 cap.ratio：自 2024-01-01 的取值在开始之前结束（2023-01-01）" }).waitFor();
  assert.equal(await ratio.locator("td.num").textContent(), "25%");
  await input.setInputFiles({ name: "set.yml", mimeType: "application/yaml", buffer: Buffer.from(yaml.replace("until: '2023-01-01', ", "")) });
  await page.getByText("已载入参数集 yaml-set 2").waitFor();
  assert.equal(await ratio.locator("td.num").textContent(), "30%", "0.3 as a share");
  // A set of the user's own outlives a reload: it is stored with the draft, which names it.
  await page.reload();
  await page.getByText("yaml-set 2 — 例").waitFor();
  assert.equal(await ratio.locator("td.num").textContent(), "30%");
  // Files copied from fee-core/parameters/ as they ship: a rule file and a set's manifest each say
  // which file is expected, and nothing changes.
  await input.setInputFiles("fee-core/parameters/cn-bj-chaoyang/district-income.toml");
  await page.getByRole("alert").filter({ hasText: "所选文件 是参数集的一个规则文件，不含参数集的编号和版本" }).waitFor();
  await input.setInputFiles("fee-core/parameters/cn-bj-chaoyang/set.toml");
  await page.getByRole("alert").filter({ hasText: "所选文件 是参数集的清单文件，它由 10 个规则文件组成（cap.toml、district-income.toml" }).waitFor();
  assert.equal(await ratio.locator("td.num").textContent(), "30%");
  assert.deepEqual(page.foreign, []);
  assert.deepEqual(page.errors, []);
});

test("language switch changes the labels", async () => {
  const page = await open(env, "/#/cap");
  await page.getByRole("button", { name: "Switch to English" }).click();
  await page.getByRole("term").filter({ hasText: "Fee cap" }).waitFor();
  assert.equal(await page.locator("html").getAttribute("lang"), "en");
  await page.getByRole("link", { name: "Cost model" }).click();
  await page.getByRole("heading", { name: "Cost model" }).waitFor();
  // Every choice and unit of the forms is in English (names a user typed, citations of Chinese
  // documents and clause numbers such as 二(五)10 stay as written).
  const chinese = /[\u4e00-\u9fff\uff08\uff09]/;
  const options = await page.locator("main option").allTextContents();
  assert.deepEqual(options.filter((o) => chinese.test(o)), []);
  assert.ok(options.includes("second or third level 700 yuan per child-month (secondary source)"), options.join(" | "));
  const units = await page.locator("main .unit").allTextContents();
  assert.deepEqual([...new Set(units)].sort(), ["(0 to 1)", "months", "yuan", "yuan/month"]);
  await page.getByRole("link", { name: "Proposal check" }).click();
  await page.getByRole("heading", { name: "Proposal check" }).waitFor();
  assert.deepEqual((await page.locator("main option").allTextContents()).filter((o) => chinese.test(o)), []);
  await page.getByRole("button", { name: "切换到中文" }).click();
  await page.getByRole("heading", { name: "收费核查" }).waitFor();
});

test("a corrupt store is kept aside and reported; the app still starts", async () => {
  const context = await env.browser.newContext();
  const page = await open(env, "/#/cap", { context });
  await page.evaluate(() => localStorage.setItem("fee-tool/store", "{broken"));
  await page.reload();
  await page.getByRole("alert").filter({ hasText: "fee-tool/backup/" }).waitFor();
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith("fee-tool/backup/")).map((k) => localStorage.getItem(k)),
  );
  assert.deepEqual(kept, ["{broken"]);
  await expectText(page, "cap", "3,131.00");
  await context.close();
});

test("saved scenarios live under their own key: a version 2 store moves them there; damaged, they are kept aside alone", async () => {
  const context = await env.browser.newContext();
  const page = await open(env, "/#/scenarios", { context });
  // A store as the app wrote it before version 3: the saved scenarios beside the draft.
  await page.evaluate(() => {
    const store = JSON.parse(localStorage.getItem("fee-tool/store"));
    store.version = 2;
    store.saved = [{ name: "旧方案", scenario: store.draft }];
    localStorage.setItem("fee-tool/store", JSON.stringify(store));
    localStorage.removeItem("fee-tool/saved");
  });
  await page.reload();
  await page.getByLabel(/旧方案/).waitFor();
  const keys = await page.evaluate(() => ({
    store: JSON.parse(localStorage.getItem("fee-tool/store")),
    saved: JSON.parse(localStorage.getItem("fee-tool/saved")),
  }));
  assert.equal(keys.store.version, 3);
  assert.equal(keys.store.saved, undefined, "the store no longer holds them");
  assert.deepEqual(keys.saved.saved.map((s) => s.name), ["旧方案"]);
  // An edit of the draft leaves the saved scenarios' key as it was.
  const before = await page.evaluate(() => localStorage.getItem("fee-tool/saved"));
  await page.goto(env.origin + "/#/cost");
  await typeInto(page, "情景名称", "新的草稿");
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => localStorage.getItem("fee-tool/saved")), before);
  // Damaged saved scenarios are kept aside and reported; the draft is read as it was.
  await page.evaluate(() => localStorage.setItem("fee-tool/saved", "[broken"));
  await page.reload();
  await page.getByRole("alert").filter({ hasText: "保存的情景无法读取" }).filter({ hasText: "fee-tool/backup/" }).waitFor();
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith("fee-tool/backup/")).map((k) => localStorage.getItem(k)),
  );
  assert.deepEqual(kept, ["[broken"]);
  assert.equal(await page.getByLabel("情景名称").inputValue(), "新的草稿");
  await context.close();
});

test("a stored parameter set that no longer reads is kept aside alone; the draft stays", async () => {
  const context = await env.browser.newContext();
  const page = await open(env, "/#/cost", { context });
  await typeInto(page, "情景名称", "留下的方案");
  // A set stored by the app, then damaged: its only value now ends before it starts.
  const set = {
    id: "own-set", version: "1", title_zh: "例", title_en: "Example",
    parameters: { "cap.ratio": { title_zh: "比例", title_en: "Ratio", unit: "ratio",
      values: [{ from: "2024-01-01", until: "2023-01-01", value: "0.3", label: "example", reference: "测试用" }] } },
  };
  const params = JSON.stringify(set);
  await page.evaluate((params) => {
    const store = JSON.parse(localStorage.getItem("fee-tool/store"));
    store.params = params;
    localStorage.setItem("fee-tool/store", JSON.stringify(store));
  }, params);
  await page.reload();
  await page.getByRole("alert").filter({ hasText: "此前载入的参数集无法再次读取" }).filter({ hasText: "fee-tool/backup/" }).waitFor();
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith("fee-tool/backup/")).map((k) => localStorage.getItem(k)),
  );
  assert.deepEqual(kept, [params]);
  assert.equal(await page.getByLabel("情景名称").inputValue(), "留下的方案");
  await context.close();
});

test("keyboard only: skip link, navigation and a why-disclosure", async () => {
  const page = await open(env, "/#/cap");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "跳到正文");
  // Tab through the header to the cost-model link and follow it with Enter.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement.textContent)) === "成本测算") break;
  }
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "成本测算" }).waitFor();
  // A "why" disclosure opens from the keyboard.
  const summary = page.locator("details.why summary").first();
  await summary.focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("details.why").first().getAttribute("open"), "");
});

test("a failed import says why and changes nothing; a loaded parameter set shows what changed", async () => {
  const context = await env.browser.newContext();
  const page = await open(env, "/#/scenarios", { context });
  await typeInto(page, "名称", "保留的方案");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.getByLabel("导入JSON").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from("{not json") });
  await page.getByRole("alert").filter({ hasText: "导入失败，未作任何改动：json：第 1 行第 2 列不是有效的 JSON：请检查该处的逗号、引号和括号" }).waitFor();
  assert.equal(await page.locator("ul.saved li").count(), 1);
  // A file saved in GBK (示例 is CA BE C0 FD) is named as such, with how to save it as UTF-8.
  const gbk = Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xca, 0xbe, 0xc0, 0xfd]), Buffer.from('"}')]);
  await page.getByLabel("导入JSON").setInputFiles({ name: "gbk.json", mimeType: "application/json", buffer: gbk });
  await page.getByRole("alert").filter({ hasText: "导入失败，未作任何改动：文件似乎是 GBK（GB 18030）编码，即 Windows 中文版的默认编码，不是 UTF-8：请用记事本或 WPS“另存为”，编码选 UTF-8 后再试" }).waitFor();
  assert.equal(await page.locator("ul.saved li").count(), 1);
  // A rent with 30 places after the point: a decimal holds 28 significant digits, so rather
  // than rounding it the import is refused, quoting the amount, in Chinese.
  const long = "30000.000000000000000000000000000001";
  const scenario = readFileSync("fee-core/fuzz/corpus/scenario_json/sample.json", "utf8").replace('"rent_monthly": "30000"', `"rent_monthly": ${long}`);
  assert.ok(scenario.includes(long));
  await page.getByLabel("导入JSON").setInputFiles({ name: "long.json", mimeType: "application/json", buffer: Buffer.from(scenario) });
  await page.getByRole("alert").filter({ hasText: `json：“${long}”无法使用（位数超过精确金额可容纳的 28 位有效数字）` }).waitFor();
  assert.equal(await page.locator("ul.saved li").count(), 1);

  // A newer version of the Chaoyang set with a 25% ratio: the cap moves and the change is listed.
  await page.goto(env.origin + "/#/params");
  // The built-in set as the command line prints it (the seed of the fuzz corpus is the same file).
  const chaoyang = JSON.parse(readFileSync("fee-core/fuzz/corpus/parameter_set/chaoyang.json", "utf8"));
  chaoyang.version = "2025.1";
  chaoyang.parameters["cap.ratio"].values[0].value = "0.25";
  chaoyang.parameters["subsidy.quota.tier_2"].values[0].value = "800";
  await page.getByLabel("从文件载入参数集（JSON、TOML 或 YAML）").setInputFiles({ name: "set.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(chaoyang)) });
  await page.getByText("已载入参数集 cn-bj-chaoyang 2025.1").waitFor();
  await page.getByText("与情景制作时参数的差异").waitFor();
  await page.getByRole("listitem").filter({ hasText: "cap.ratio" }).getByText("0.20 (2024-02-22) → 0.25 (2024-02-22)").waitFor();
  await page.goto(env.origin + "/#/cap");
  // 15,655 × 0.25 = 3,913.75.
  await expectText(page, "cap", "3,913.75");
  // The fiscal page's subsidy follows the set's second-tier quota (800) until one is typed.
  await page.goto(env.origin + "/#/fiscal");
  assert.equal(await page.getByLabel("生均月补助").inputValue(), "800");
  await context.close();
});

test("scenarios: the export holds everything entered, with digests, and a fresh browser gets it all back", async () => {
  const context = await env.browser.newContext();
  const page = await open(env, "/#/scenarios", { context });
  await typeInto(page, "名称", "方案A");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.getByLabel("价格调查：日期").fill("2024-03-01");
  await page.getByLabel("价格调查：日期").dispatchEvent("change");
  await page.goto(env.origin + "/#/check");
  await typeInto(page, "机构名称", "向阳托育园");
  await page.goto(env.origin + "/#/scenarios");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出JSON" }).click();
  const text = readFileSync(await (await download).path(), "utf8");
  const book = JSON.parse(text);
  // The saved scenario and the draft dossier are records with the digests `fee verify` checks;
  // the check page's form and the procedure's typed date travel as entered.
  assert.deepEqual(book.records.map((r) => [r.name, r.role, r.record.record]), [
    ["方案A", "saved", "evaluation"],
    [book.records[1].name, "draft", "dossier"],
  ]);
  assert.match(book.records[0].record.provenance.parameter_set_sha256, /^[0-9a-f]{64}$/);
  assert.equal(Number(book.records[0].record.result.cost.total_approved), 1697280);
  assert.equal(book.records[1].record.input.records[0].date, "2024-03-01");
  assert.equal(book.forms["check/1"][0], "向阳托育园");
  assert.match(book.forms_sha256, /^[0-9a-f]{64}$/);
  await context.close();

  // A fresh browser: the import brings back the saved scenario, the procedure and the check page.
  const fresh = await env.browser.newContext();
  const other = await open(env, "/#/scenarios", { context: fresh });
  await other.getByLabel("导入JSON").setInputFiles({ name: "scenarios.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await other.getByText("文件摘要核对一致：2条记录按当前参数集重新测算结果相同。").waitFor();
  assert.deepEqual(await other.locator("ul.saved label").allTextContents(), ["方案A (cn-bj-chaoyang 2024.1)"]);
  assert.equal(await other.getByLabel("价格调查：日期").inputValue(), "2024-03-01");
  await other.goto(env.origin + "/#/check");
  assert.equal(await other.getByLabel("机构名称").inputValue(), "向阳托育园");
  // A figure edited in the file after it was saved is named on import.
  await other.goto(env.origin + "/#/scenarios");
  const forged = JSON.parse(text);
  forged.records[0].record.result.cost.total_approved = "1";
  await other.getByLabel("导入JSON").setInputFiles({ name: "forged.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(forged)) });
  await other.getByText("注意：文件未能完全复现（方案A）").waitFor();
  assert.deepEqual(other.errors, []);
  await fresh.close();
});

test("district page: three workbooks pooled, an exclusion needs its reason, the report downloads", async () => {
  const page = await open(env, "/#/district");
  const input = page.getByLabel(/选择或拖入成本调查表/);
  await input.setInputFiles(["samples/district/园所B.xlsx", "samples/district/园所C.xlsx", "samples/district/园所D.xlsx"]);
  // Three files, each one institution, none with an error.
  await page.getByText("共 3 个文件：读入 3 个，0 个有错误未读入；机构 3 家。").waitFor();
  // Worked by hand from the workbooks' figures (samples/district/sample.json, BJ-02 to BJ-04):
  // B 朝露: carers ⌈20 ÷ 7⌉ = 3 × 5,800 × 12 = 208,800; health 66,000; cook 57,600; wages 332,400;
  //   insurance 25% 83,100, housing fund 12% 39,888; rent 144,000; power 900 × 0.49 × 12 = 5,292;
  //   enrolment (17 × 8 + 19 × 4) ÷ 12, so 212 child-months; toys 90 × 212 = 19,080; site 18,000:
  //   641,760 a year, 641,760 ÷ 212 = 3,027.17.
  // C 星河: carers 4 + 2 × 3 + 3 × 3 = 19 × 6,500 × 12 = 1,482,000; other wages 484,800; insurance
  //   491,700; fund 236,016; rent approved 720,000 (核减 from 780,000); depreciation 60,000; power
  //   24,696; (92 × 8 + 100 × 4) = 1,136 child-months; toys 124,960; site 72,000: 3,696,172.
  // D 小橡树: carers 6 × 6,000 × 12 = 432,000; other wages 228,000; insurance 165,000; fund 79,200;
  //   rent 312,000; power 9,408; 372 child-months; toys 37,200; site 30,000: 1,292,808.
  // Pricing cost = 5,630,740 ÷ 1,720 = 3,273.686… → 3,273.69.
  assert.equal(await text(page, "district-average"), "3,273.69 元/生·月");
  // 托大班: B all of it; C carers 1,482,000 × 9/19 = 702,000 plus 60% of the shared 2,214,172,
  // 681.6 child-months; D carers 216,000 plus 20/35 of the shared 860,808, 212.57 child-months:
  // (641,760 + 2,030,503.2 + 707,890.29) ÷ (212 + 681.6 + 212.57) = 118,305,372 ÷ 38,716 = 3,055.72.
  await page.locator("table.class-types tr").filter({ hasText: "托大班" }).filter({ hasText: "3,055.72" }).first().waitFor();
  const rows = page.getByTestId("district-table").locator("tbody tr");
  assert.equal(await rows.count(), 3);
  // The workbook with an error is named by file, sheet and cell; the three stay pooled.
  await input.setInputFiles("samples/district/园所G-有错误.xlsx");
  await page.getByText("园所G-有错误.xlsx › 人员支出 › B2：应为非负数，实为“约3000”").waitFor();
  assert.equal(await rows.count(), 3);
  // An exclusion without a reason is refused and changes nothing.
  await page.getByRole("button", { name: "剔除" }).first().click();
  await page.getByTestId("refused").filter({ hasText: "剔除须写明理由" }).waitFor();
  assert.equal(await page.locator("tr.excluded").count(), 0);
  // With a reason it is kept, shown and stored: a reload finds it.
  await page.locator("#reason-0").fill("当年停业三个月，数据不完整");
  await page.getByRole("button", { name: "剔除" }).first().click();
  await page.locator("tr.excluded").filter({ hasText: "已剔除：当年停业三个月，数据不完整" }).waitFor();
  // B left out: (3,696,172 + 1,292,808) ÷ (1,136 + 372) = 4,988,980 ÷ 1,508 = 3,308.342… → 3,308.34.
  assert.equal(await text(page, "district-average"), "3,308.34 元/生·月");
  await page.reload();
  await page.locator("tr.excluded").filter({ hasText: "当年停业三个月" }).waitFor();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "下载成本监审报告（HTML，可打印）" }).click();
  const report = readFileSync(await (await download).path(), "utf8");
  for (const part of ["成本监审报告", "经营者成本核定表", "定价成本", "当年停业三个月，数据不完整", "审核人", "<svg"]) {
    assert.ok(report.includes(part), part);
  }
  assert.doesNotMatch(report, /\d\.\d{5,}/);
  await page.screenshot({ path: `${OUT}/district.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
});

test("district page: a CSV survey (sheet,cell,value) is read like its workbook", async () => {
  const page = await open(env, "/#/district");
  // One 托大班 of 20 places, carer wage 6,000, rent 12,000 a month, 20 children at the start and
  // the end of the year, nothing else: carers ⌈20 ÷ 7⌉ = 3 × 6,000 × 12 = 216,000 plus rent
  // 144,000 = 360,000 a year over (20 × 8 + 20 × 4) ÷ 12 × 12 = 240 child-months = 1,500.00.
  const csv = [
    "工作表,单元格,值",
    "基本情况,B2,fee-survey/1", "基本情况,B3,CSV-01", "基本情况,B4,示例·文本园 (illustrative)", "基本情况,B5,2023",
    "基本情况,B6,成本监审", "基本情况,B7,12", "基本情况,B8,20", "基本情况,B9,20",
    "班级与人员,A3,托大班", "班级与人员,B3,1", "班级与人员,C3,20",
    "人员支出,B2,6000", "人员支出,B3,0", "人员支出,B4,0",
    "房屋与资产,B2,12000", "收入与补助,B2,0",
  ].join("\n");
  await page.getByLabel(/选择或拖入成本调查表/).setInputFiles({ name: "文本园.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByText("共 1 个文件：读入 1 个，0 个有错误未读入；机构 1 家。").waitFor();
  assert.equal(await text(page, "district-average"), "1,500.00 元/生·月");
  // The same file with the wage typed as words is named by file, sheet and cell.
  const typo = csv.replace("人员支出,B2,6000", "人员支出,B2,约6000");
  await page.getByLabel(/选择或拖入成本调查表/).setInputFiles({ name: "错填.csv", mimeType: "text/csv", buffer: Buffer.from(typo) });
  await page.getByText("错填.csv › 人员支出 › B2：应为非负数，实为“约6000”").waitFor();
  // The CSV template downloads.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "下载调查表模板（CSV）" }).click();
  const template = readFileSync(await (await download).path(), "utf8");
  assert.ok(template.startsWith("\ufeff工作表 sheet,单元格 cell,值 value,说明 note"), template.slice(0, 60));
  assert.deepEqual(page.errors, []);
});

test("a first load asks for nothing that is not there, and a custom quota subsidy starts at the set's amount", async () => {
  const context = await env.browser.newContext();
  const failed = [];
  context.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  const page = await open(env, "/#/cost", { context });
  await page.getByTestId("fee").waitFor();
  // The icon is drawn inline: no request for /favicon.ico.
  assert.deepEqual(failed, []);
  // 自定 (custom) starts at the second tier's 700 yuan (subsidy.quota.tier_2 of the set), not at a made-up figure.
  await page.getByLabel("生均定额补助").selectOption("amount");
  assert.equal(await page.getByLabel("补助（元/生/月）").inputValue(), "700");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("why this number: the working in the page's language, every figure rounded with its unit", async () => {
  const page = await open(env, "/#/cost");
  const why = page.locator("dd", { has: page.getByTestId("cost-pcm") }).locator("details.why");
  await why.locator("summary").click();
  // The sample: 55 places × 90% = 49.5 children × 12 months = 594 child-months; 1,697,280.00 ÷ 594
  // = 2,857.3737… shown to the fen. Formulas and names in Chinese, counts whole, amounts to the fen.
  const text = (await why.textContent()).replace(/\s+/g, " ");
  for (const part of ["人月数 = 在托人数 × 收费月数", "在托人数 = 49.50， 收费月数 = 12", "= 594 人月", "生均月成本 = 核定总成本 ÷ 人月数", "核定总成本 = 1,697,280.00， 人月数 = 594", "= 2,857.37 元/生/月"]) {
    assert.ok(text.includes(part), `missing: ${part} in ${text}`);
  }
  assert.doesNotMatch(text, /\d\.\d{5,}/);
  assert.doesNotMatch(text, /child_months =|total_approved/);
  await page.getByRole("button", { name: "Switch to English" }).click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  const en = (await why.textContent()).replace(/\s+/g, " ");
  assert.ok(en.includes("child_months = enrolment × months_charged"), en);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("scenarios: saving says so, an import keeps both of two scenarios of one name, and the project's dossier imports", async () => {
  const context = await env.browser.newContext();
  const page = await open(env, "/#/scenarios", { context });
  await typeInto(page, "名称", "方案A");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.getByText("已保存情景“方案A”。").waitFor();
  // Another scenario under the same name (10 months charged): kept as "方案A (2)", the saved one untouched.
  const draft = JSON.parse(await page.evaluate(() => localStorage.getItem("fee-tool/store"))).draft;
  const other = { ...draft, name: "方案A", cost: { ...draft.cost, months_charged: "10" } };
  const file = JSON.stringify([{ name: "方案A", scenario: other }]);
  await page.getByLabel("导入JSON").setInputFiles({ name: "scenarios.json", mimeType: "application/json", buffer: Buffer.from(file) });
  await page.getByText("已导入1个情景。与已有情景同名的另存为：“方案A”→“方案A (2)”。").waitFor();
  assert.deepEqual(await page.locator("ul.saved label").allTextContents(), ["方案A (cn-bj-chaoyang 2024.1)", "方案A (2) (cn-bj-chaoyang 2024.1)"]);
  // samples/dossier.json: its scenario becomes the draft and its four records fill the procedure.
  await page.getByLabel("导入JSON").setInputFiles("samples/dossier.json");
  await page.getByText("已导入定价档案：情景“示例：公办托育园（三个班） Example public nursery (three classes)”已载入为当前草稿，4条程序记录已填入定价程序。").waitFor();
  assert.equal(await page.getByLabel("价格调查：日期").inputValue(), "2024-03-01");
  assert.deepEqual(page.errors, []);
  await context.close();
});
