#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit and integration tests, and the tests in a
# real browser. scripts/test-deps.sh first installs what they need beyond Rust (Chromium,
# a CJK font, Node.js, Java) when it is missing, or says exactly how to.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/test-deps.sh

cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked

tests/html-valid/run.sh
tests/browser/run.sh
tests/browser-search/run.sh
