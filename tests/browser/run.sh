#!/usr/bin/env bash
# The real-browser accessibility test: builds the starter site, serves it on 127.0.0.1 and
# runs axe-core (WCAG 2.1 A/AA) on every page in the normal, large-text and high-contrast
# modes, plus keyboard checks of the skip link and the 适老化 toolbar, in Debian's Chromium.
#
#   tests/browser/run.sh                      # the test
#   tests/browser/run.sh --screenshots DIR    # also save the README screenshots into DIR
#
# Needs Chromium (apt-get install chromium; CHROMIUM=/path overrides) and Node.js ≥ 18.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"
# Relative paths in the arguments (--screenshots DIR) are relative to where run.sh was called.
export GOVSITE_CALLER_DIR="$PWD"

if [ ! -x "$chromium" ]; then
  echo "tests/browser/run.sh: Chromium not found at $chromium." >&2
  echo "  Install it with: apt-get install chromium   (or set CHROMIUM=/path/to/chromium)" >&2
  exit 1
fi
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  echo "tests/browser/run.sh: Node.js and npm are needed (apt-get install nodejs npm)." >&2
  exit 1
fi

source "$repo/tests/build-starter.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build_starter "$work/site" tests/browser/run.sh

cd "$here"
if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
CHROMIUM="$chromium" node a11y.js --root "$work/site" --profile "$work/profile" "$@"
