// Trunk post-build hook: puts the SHA-256 of each inline <script> of the staged
// index.html into the Content-Security-Policy placeholder, so no other inline code runs.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("csp-hash: TRUNK_STAGING_DIR is not set");
  process.exit(1);
}
const file = join(dir, "index.html");
let html = readFileSync(file, "utf8");
const hashes = [];
for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
  if (m[1].trim().length > 0) {
    hashes.push(`'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
  }
}
if (!html.includes("__INLINE_SCRIPT_HASHES__")) {
  console.error("csp-hash: placeholder not found in index.html");
  process.exit(1);
}
html = html.replace("__INLINE_SCRIPT_HASHES__", hashes.join(" "));
writeFileSync(file, html);
console.log(`csp-hash: ${hashes.length} inline script hash(es) written`);
