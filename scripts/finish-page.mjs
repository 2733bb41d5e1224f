// Trunk post-build hook: the steps that rewrite the staged index.html, one after the other
// (trunk starts a stage's hooks together): the page's JavaScript minified with its new
// integrity hash, the page's wasm given a second wasm-opt pass with its new hash, then the
// Content-Security-Policy hash of the inline loader.
await import("./minify-js.mjs");
await import("./second-pass-wasm.mjs");
await import("./csp-hash.mjs");
