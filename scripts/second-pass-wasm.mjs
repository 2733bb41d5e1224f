// Trunk post-build hook: a second wasm-opt pass over the page's wasm (-Oz --converge run anew
// after the first pass's --flatten --rereloop finds about 0.6 KB gzipped more that one run of
// the same passes does not), and the new Subresource Integrity hash written into the staged
// index.html, whose preload of the file checks it. Only in release builds.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("second-pass-wasm: TRUNK_STAGING_DIR is not set");
  process.exit(1);
}
if (process.env.TRUNK_PROFILE === "release") {
  const page = join(dir, "index.html");
  let html = readFileSync(page, "utf8");
  for (const f of readdirSync(dir).filter((f) => /^fee-web-[0-9a-f]+_bg\.wasm$/.test(f))) {
    const file = join(dir, f);
    const before = readFileSync(file);
    const features = ["bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "multivalue", "reference-types"];
    execFileSync("wasm-opt", [file, "-Oz", "--converge", "-o", file, ...features.map((x) => `--enable-${x}`)], { stdio: "inherit" });
    const after = readFileSync(file);
    const old = `sha384-${createHash("sha384").update(before).digest("base64")}`;
    const now = `sha384-${createHash("sha384").update(after).digest("base64")}`;
    if (!html.includes(old)) {
      console.error(`second-pass-wasm: the integrity of ${f} is not in index.html`);
      process.exit(1);
    }
    html = html.replaceAll(old, now);
    console.log(`second-pass-wasm: ${f} ${before.length} → ${after.length} bytes`);
  }
  writeFileSync(page, html);
}
