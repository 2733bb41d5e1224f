#!/usr/bin/env bash
# Writes the app as a folder of static files an intranet administrator can put behind any web
# server, and a .tar.gz of it: release/fee-web-<version>/ and release/fee-web-<version>.tar.gz.
# Nothing in it is fetched from outside the folder (docs/deploy.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export TRUNK_SKIP_VERSION_CHECK=true PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
# A dist/ built for the browser tests from the same sources is reused, not built twice.
if [ "${REUSE_DIST:-}" != 1 ] || [ ! -f dist/index.html ]; then
  trunk build index.html --release
fi
node scripts/size-budget.mjs dist
name="fee-web-$version"
rm -rf "release/$name" "release/$name.tar.gz"
mkdir -p release
cp -r dist "release/$name"
tar -C release -czf "release/$name.tar.gz" "$name"
echo "release/$name/ and release/$name.tar.gz ($(du -sh "release/$name" | cut -f1), $(du -h "release/$name.tar.gz" | cut -f1) packed)"
