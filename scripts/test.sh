#!/usr/bin/env bash
# Sets everything up on a fresh machine and runs every test: format, lints, the Rust
# tests (unit, doc, worked cases, properties, CLI), the app's wasm tests and the browser
# tests in headless Chromium, and the release build with its size budget.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export TRUNK_SKIP_VERSION_CHECK=true PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# Each step with the time since the start, so a slow one is seen (docs/setup.md).
step() { printf '\n==> [%4ds] %s\n' "$SECONDS" "$*"; }

step "format"
cargo fmt --all -- --check
step "clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings
# The app as the browser builds it: code only compiled for wasm32 is linted too.
cargo clippy -p fee-web --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
step "library docs (a broken link is an error)"
RUSTDOCFLAGS="-D warnings" cargo doc -p fee-core --no-deps --locked
step "Rust tests"
cargo test --workspace --locked
step "the app's own tests in headless Chromium (wasm-bindgen-test; capabilities in fee-web/webdriver.json)"
(cd fee-web && CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked -p fee-web --target wasm32-unknown-unknown --bin fee-web)
step "release build of the app"
trunk build index.html --release
step "size budget"
node scripts/size-budget.mjs dist
step "static release (the same build, packed as release/fee-web-<version>/ and its .tar.gz)"
REUSE_DIST=1 bash scripts/release.sh
step "browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/browser/
