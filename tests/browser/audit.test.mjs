// The audit page (规则核查) and the cost page's backward solve, as an auditor uses them: a trace
// source opens its entry, the clause map, a bureau's case file, a proposed set compared, a record
// verified and a tampered one refused, a parameter's history projected. Figures are hand-derived.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { open, start, stop, typeInto } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await stop(env);
});

/** The `fee` binary the Rust tests built (debug), else a release one. */
function fee(args) {
  const bin = ["target/debug/fee", "target/release/fee"].find(existsSync);
  if (!bin) throw new Error("no fee binary: run cargo test or cargo build -p fee-cli first");
  return execFileSync(bin, args, { encoding: "utf8" });
}

test("audit page: the clause map, and a trace step's source opens its entry", async () => {
  const page = await open(env, "/#/audit");
  // The catalogue: the plan's 18 clauses (一, 二(一), 二(二) and its 1–4, 二(三)5–6, 二(四)7–9,
  // 二(五)10–11, 二(六)12–15) and 17 of the other documents; not encoded: 12 of the plan
  // (二(一), the 二(二) preamble, 5–9, 11–15) and 2 others (京卫家庭 收费上限原则, 1477号 定期评估).
  await page.getByTestId("clause-count").filter({ hasText: "共 35 条，已编码 21 条，未编码 14 条" }).waitFor();
  const row = (clause) => page.locator(`tr[data-clause="朝政办字〔2024〕1号 ${clause}"]`);
  const cap = row("二(二)1");
  assert.match(await cap.textContent(), /cap\.amount 收费上限/);
  assert.match(await cap.textContent(), /cap\.ratio/);
  const staff = row("二(六)14");
  assert.match(await staff.textContent(), /未编码：不涉及收费标准或补助金额的测算/);
  // From the cost page, the cap's "why" names 朝政办字〔2024〕1号 二(二)1; the link opens the
  // audit page on that source, with the clause's text.
  const cost = await open(env, "/#/cost");
  await cost.getByText("为什么是这个数？").first().click();
  await cost.getByRole("link", { name: /朝政办字〔2024〕1号 二\(二\)1/ }).first().click();
  const cited = cost.getByTestId("cited");
  await cited.waitFor();
  assert.match(await cited.textContent(), /The Chaoyang plan \(primary\)/);
  assert.match(await cited.textContent(), /朝政办字〔2024〕1号 二\(二\)1：公办托育收费实行政府指导价/);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(cost.errors, []);
});

test("audit page: a bureau's case file passes; a wrong expectation fails with its difference", async () => {
  const page = await open(env, "/#/audit");
  const input = page.getByLabel("选择或拖入案例文件");
  await input.setInputFiles("samples/cases/bureau-example.yaml");
  await page.getByTestId("case-count").filter({ hasText: "共 4 个案例：通过 4 个，未通过 0 个。" }).waitFor();
  // The cap is 15,655 × 20% = 3,131.00; a clerk who wrote 3,130 is 1 yuan short.
  const text = readFileSync("samples/cases/bureau-example.yaml", "utf8");
  const wrong = text.replace('/value/cap: "3131.00"', '/value/cap: "3130"');
  assert.notEqual(wrong, text);
  await input.setInputFiles({ name: "wrong.yaml", mimeType: "application/yaml", buffer: Buffer.from(wrong) });
  await page.getByTestId("case-count").filter({ hasText: "共 4 个案例：通过 3 个，未通过 1 个。" }).waitFor();
  const failed = page.locator("li.fail");
  assert.match(await failed.textContent(), /\/value\/cap：应为 "3130"，实为 "3131.00"；差额 \+1/);
  assert.deepEqual(page.errors, []);
});

test("audit page: the draft under a proposed income, and a record verified, then refused when tampered", async () => {
  const page = await open(env, "/#/audit");
  // The Chaoyang set with the 2022 income proposed as 16,500: the cap 15,655 × 20% = 3,131.00
  // becomes 16,500 × 20% = 3,300.00, +169.00, 169 ÷ 3,131 = 5.3976…% → 5.40%. The sample's fee,
  // 2,056, is under both caps and does not move.
  const set = JSON.parse(fee(["params", "cn-bj-chaoyang", "--format", "json"]));
  set.version = "2025.1-proposal";
  const income = set.parameters["income.household_monthly"].values[0];
  Object.assign(income, { value: "16500", label: "example", reference: "本工具约定（示例）：拟议的收入" });
  await page.getByLabel("或从文件载入（JSON、TOML、YAML）").setInputFiles({
    name: "proposal.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(set)),
  });
  const capRow = page.getByTestId("reform-table").locator("tr").filter({ hasText: "收费上限" }).first();
  await capRow.waitFor();
  const cells = (await capRow.locator("td").allTextContents()).map((s) => s.trim());
  assert.deepEqual(cells, ["收费上限", "3,131.00", "3,300.00", "+169.00", "+5.40%", "元/月"]);
  // The record of the draft downloads, and loaded back it is reproduced.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "下载当前情景的记录（JSON）" }).click();
  const record = readFileSync(await (await download).path(), "utf8");
  const verify = page.getByLabel("载入记录以复核");
  await verify.setInputFiles({ name: "record.json", mimeType: "application/json", buffer: Buffer.from(record) });
  await page.getByTestId("verified").filter({ hasText: "已复现" }).waitFor();
  // A guided fee edited to 1,800 after the record was made is caught by the result's digest.
  const forged = JSON.parse(record);
  forged.result.fee.guided_fee = "1800";
  await verify.setInputFiles({ name: "forged.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(forged)) });
  await page.getByTestId("verified").filter({ hasText: "未能复现" }).waitFor();
  assert.match(await page.getByTestId("verified").textContent(), /结果在记录之后被改动/);
  assert.deepEqual(page.errors, []);
});

test("audit page: the district income's history gives each year's cap, and a projection marked as an assumption", async () => {
  const page = await open(env, "/#/audit");
  const table = page.getByTestId("history-table");
  // 2022: 15,655 a month, a cap of 15,655 × 20% = 3,131.00.
  await table.locator("tr").filter({ hasText: "2022-01-01" }).filter({ hasText: "15,655 元/月" }).filter({ hasText: "3,131.00" }).waitFor();
  // Uprated by 5%: 15,655 × 1.05 = 16,437.75, a cap of 16,437.75 × 20% = 3,287.55.
  await typeInto(page, "假设年增长率（%，空为不推算）", "5");
  await page.getByLabel("假设年增长率（%，空为不推算）").press("Tab");
  const projected = table.locator("tr.assumption");
  await projected.filter({ hasText: "16,437.75" }).filter({ hasText: "3,287.55" }).waitFor();
  assert.match(await projected.textContent(), /假设：按输入的年增长率 5% 推算，非公布数/);
  assert.equal(await page.locator("section.history svg circle").count(), 2);
  assert.deepEqual(page.errors, []);
});

test("cost page: solving backwards for a quota subsidy meets the target when evaluated forward", async () => {
  const page = await open(env, "/#/cost");
  await page.getByText("反向求解：要达到目标收费，某项应取何值？").click();
  // The page's sample nursery, before any offset: 1,697,280 a year ÷ 594 child-months
  // (55 places × 90% × 12) = 2,857.3737… a child-month. For 1,800 the quota subsidy must be
  // 1,057.3737…, rounded up to the fen so the target still holds: 1,057.38; forward
  // 2,857.3737… − 1,057.38 = 1,799.9937… → 1,799.99.
  await typeInto(page, "目标收费（元/生·月，空为上限）", "1800");
  await page.getByLabel("目标收费（元/生·月，空为上限）").press("Tab");
  const figures = page.locator("details.solve dl.figures");
  await figures.filter({ hasText: "1,057.38" }).waitFor();
  assert.match(await figures.textContent(), /验算：生均月净成本1,799\.99/);
  assert.deepEqual(page.errors, []);
});
