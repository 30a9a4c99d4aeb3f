#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit and integration tests, and the browser
# tests when Chromium and Node.js are installed (CI installs them; see .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked

if [ -x tests/browser/run.sh ]; then
  tests/browser/run.sh
fi
if [ -x tests/browser-search/run.sh ]; then tests/browser-search/run.sh; fi
