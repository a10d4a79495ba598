#!/usr/bin/env bash
# Installs what WebPageFirefoxIT drives Firefox with: puppeteer-core, pinned by package.json and package-lock.json
# next to this script, into target/firefox-driver (npm ci: the locked versions and their integrity hashes; no
# browser download, no install scripts). Idempotent: does nothing when that lock is already installed there.
# Run by .ci/deps/web.sh, and by WebPageFirefoxIT before each run (so a cleaned target/ is refilled).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
dest="$repo/target/firefox-driver"
if [ -f "$dest/node_modules/puppeteer-core/package.json" ] && cmp -s "$here/package-lock.json" "$dest/package-lock.json"; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "firefox-driver: npm not found (bash .ci/deps/web.sh installs node and npm)" >&2
  exit 3
fi
mkdir -p "$dest"
cp "$here/package.json" "$here/package-lock.json" "$dest/"
PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix "$dest" --no-audit --no-fund --ignore-scripts --loglevel=error >&2
