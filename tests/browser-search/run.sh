#!/usr/bin/env bash
# Real-browser test of 站内搜索: builds the starter site into a temporary folder, serves it
# on 127.0.0.1 with python3's http.server on a free port and drives headless Chromium
# through playwright-core (search.test.js). Prints "N passed, M failed"; exits 1 on failure.
# Fails when Node.js, python3 or Chromium is missing (scripts/test-deps.sh installs them).
# CHROMIUM overrides the browser.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

for tool in node npm python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "browser-search: $tool not found (scripts/test-deps.sh says how to install it)" >&2
    exit 1
  fi
done
if [ ! -x "$CHROMIUM" ]; then
  echo "browser-search: $CHROMIUM not found (scripts/test-deps.sh says how to install it)" >&2
  exit 1
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --silent)
fi

tmp="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

source "$repo/tests/build-starter.sh"
build_starter "$tmp/public" browser-search

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$tmp/public" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null; then
    break
  fi
  sleep 0.1
done

node "$here/search.test.js" "http://127.0.0.1:$port"
