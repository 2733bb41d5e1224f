#!/usr/bin/env bash
# Sets everything up on a fresh machine, builds the app and serves it on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export TRUNK_SKIP_VERSION_CHECK=true PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build index.html --release
exec node scripts/serve.mjs dist "${PORT:-8080}"
