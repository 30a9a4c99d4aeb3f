#!/usr/bin/env bash
# Runs every cargo-fuzz target for a short time (default 30 s each) to catch regressions.
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Usage: scripts/fuzz-smoke.sh [seconds-per-target]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-30}"
targets=(front_matter markdown html_scanner redirects_csv)
cargo +nightly fuzz build -O
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    seeds="seeds/$target"
    echo "== $target (${seconds}s)"
    # -rss_limit_mb keeps a runaway allocation a finding instead of an OOM of the machine.
    cargo +nightly fuzz run -O "$target" "corpus/$target" "$seeds" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1
done
