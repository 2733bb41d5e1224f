#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian 12 machine of this kind.
# Idempotent: each step checks first and skips what is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130

log() { printf '[setup %4ds] %s\n' "$SECONDS" "$*" >&2; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 3 minutes)"
  # A debug build: it only hands work to cargo, wasm-bindgen and wasm-opt, so an optimised build
  # makes no build faster (35.6 s against 36.8 s, the same files) and takes 8 minutes instead of 3.
  cargo install trunk --version "$TRUNK_VERSION" --locked --debug
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Without --locked: a dependency locked by that release is missing from the registry.
  # A debug build as well: about 1 minute instead of 3.7, and the same output.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force --debug
fi

# Chromium for the browser tests (its driver for wasm-bindgen-test), CJK fonts so
# screenshots show the Chinese labels, and poppler's pdftotext / pdftoppm to read printed reports back.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/curl ] || ! command -v python3 >/dev/null || [ ! -d /usr/share/fonts/opentype/noto ] || ! command -v pdftotext >/dev/null; then
  log "installing Debian chromium, its driver, CJK fonts and poppler-utils"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver fonts-noto-cjk curl python3 poppler-utils >/dev/null
fi

# npm packages: binaryen (wasm-opt for trunk), playwright-core and axe-core for browser tests.
if [ ! -f node_modules/.install-stamp ] || [ package-lock.json -nt node_modules/.install-stamp ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.install-stamp
fi
log "set-up complete"
