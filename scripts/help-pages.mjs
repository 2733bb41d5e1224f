// Trunk post-build hook: renders the batch file layout (docs/batch-format.md, the one source)
// to batch-format.html beside the app, so the batch page can link to it and to the sample
// files offline, from the same origin. No script runs in the page.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { marked } from "marked";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("help-pages: TRUNK_STAGING_DIR is not set");
  process.exit(1);
}
const body = marked.parse(readFileSync("docs/batch-format.md", "utf8"));
const page = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'" />
<title>批量审核文件格式 · Batch review file layout</title>
<style>
  body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; }
  th, td { border-bottom: 1px solid #ccc; padding: .3rem .4rem; text-align: left; vertical-align: top; }
  code { background: #f3f4f6; padding: 0 .2rem; border-radius: 3px; }
  a { color: #0b4f8a; }
  .samples { background: #eef4fb; padding: .6rem .8rem; border-radius: 6px; }
</style>
</head>
<body>
<main>
<p class="samples" lang="zh-CN">示例文件（可直接修改后上传核查）Sample files to start from:
  <a href="proposals.csv" download>proposals.csv</a> · <a href="proposals.xlsx" download>proposals.xlsx</a></p>
${body}
</main>
</body>
</html>
`;
writeFileSync(join(dir, "batch-format.html"), page);
console.log("help-pages: batch-format.html written");
