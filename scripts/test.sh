#!/usr/bin/env bash
# Sets everything up on a fresh machine and runs every test: format, lints, the Rust
# tests (unit, doc, worked cases, properties, CLI), the release build with its size
# budget, and the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export TRUNK_SKIP_VERSION_CHECK=true PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "format"
cargo fmt --all -- --check
step "clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "Rust tests"
cargo test --workspace --locked
step "release build of the app"
trunk build index.html --release
step "size budget"
node scripts/size-budget.mjs dist
step "browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/browser/
