// The app as a user meets it, in headless Chromium.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { OUT, open, start, stop, typeInto } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await stop(env);
});

test("cap page: income 15,655 gives the 3,131.00 cap, headroom follows the fee", async () => {
  const page = await open(env, "/#/cap");
  await typeInto(page, "上年度家庭月均可支配收入", "15655");
  await typeInto(page, "拟定收费", "3131.01");
  assert.equal(await page.getByTestId("cap").textContent(), "3131.00");
  // 3,131.00 − 3,131.01 = −0.01: one fen over.
  assert.equal(await page.getByTestId("headroom").textContent(), "-0.01");
  await typeInto(page, "拟定收费", "3,000");
  assert.equal(await page.getByTestId("headroom").textContent(), "131.00");
  // 0.2 × I ≥ 2,999.995 → I ≥ 14,999.975 → 14,999.98 to the fen.
  assert.equal(await page.getByTestId("lowest").textContent(), "14999.98");
  await page.screenshot({ path: `${OUT}/cap.png`, fullPage: true });
  assert.deepEqual(page.foreign, []);
  assert.deepEqual(page.errors, []);
});

test("language switch changes the labels", async () => {
  const page = await open(env, "/#/cap");
  await page.getByRole("button", { name: "Switch to English" }).click();
  await page.getByRole("term").filter({ hasText: "Fee cap" }).waitFor();
  assert.equal(await page.locator("html").getAttribute("lang"), "en");
  await page.getByRole("button", { name: "切换到中文" }).click();
  await page.getByRole("term").filter({ hasText: "收费上限" }).waitFor();
});
