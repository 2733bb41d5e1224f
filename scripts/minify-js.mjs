// Trunk post-build hook: minifies the page's JavaScript glue (wasm-bindgen's, 42 KB as written)
// with terser, and writes the new Subresource Integrity hash into the staged index.html, whose
// preload of the file checks it. trunk 0.21's own `minify` leaves this file as it is.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("minify-js: TRUNK_STAGING_DIR is not set");
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE === "release";
const page = join(dir, "index.html");
let html = readFileSync(page, "utf8");
for (const f of readdirSync(dir).filter((f) => release && /^fee-web-[0-9a-f]+\.js$/.test(f))) {
  const file = join(dir, f);
  const before = readFileSync(file, "utf8");
  // An ES module: top-level names are its own; exports and the wasm's import names stay as they are.
  const out = await minify(before, { module: true, compress: true, mangle: true });
  const old = `sha384-${createHash("sha384").update(before, "utf8").digest("base64")}`;
  const now = `sha384-${createHash("sha384").update(out.code, "utf8").digest("base64")}`;
  if (!html.includes(old)) {
    console.error(`minify-js: the integrity of ${f} is not in index.html`);
    process.exit(1);
  }
  writeFileSync(file, out.code);
  html = html.replaceAll(old, now);
  console.log(`minify-js: ${f} ${before.length} → ${out.code.length} bytes`);
}
writeFileSync(page, html);
