#!/usr/bin/env bash
# Benchmark govsite against Hugo on the synthetic portal corpus, from scratch each run.
# Usage: bench/run.sh [--sizes "1000 10000 50000"] [--runs 5] [--out-dir /dev/shm --doc benchmarks-tmpfs]
# Writes docs/benchmarks.md and .svg (or docs/DOC.*). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hugo > /dev/null || { echo "hugo is not installed: apt-get install hugo" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is not installed: apt-get install time" >&2; exit 2; }
cargo build --release --quiet
exec python3 bench/run.py "$@"
