#!/usr/bin/env bash
# Audit benchmark (not a test): `govsite audit` of the 10,000-page benchmark portal's own
# output vs the `govsite build` that wrote it, interleaved in the same run, on tmpfs so
# that the disk is left out. Prints each run and the ratio of the medians (audit / build).
# Usage: bench/audit.sh [PAGES] [RUNS]   (default 10000 3)
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-10000}
RUNS=${2:-3}
[ -x /usr/bin/time ] || { echo "GNU time is not installed: apt-get install time" >&2; exit 2; }
cargo build --release --quiet
BASE=/dev/shm
[ -d "$BASE" ] && [ -w "$BASE" ] || BASE=${TMPDIR:-/tmp}
DIR=$(mktemp -d "$BASE/govsite-audit-bench.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
python3 bench/gen_corpus.py --n "$PAGES" --format govsite --out "$DIR/site" > /dev/null
G=target/release/govsite
AS_OF=2026-11-27
# The output the audits read: the same build that is timed below.
$G build "$DIR/site" --out "$DIR/public" --as-of $AS_OF > /dev/null 2>&1
measure() { # label, command…: appends "label seconds peak-KiB exit-status"
  local label=$1; shift
  # audit exits 1 when it finds errors; only 2 (bad input) or worse is a failed run
  /usr/bin/time -f "$label %e %M %x" "$@" > /dev/null 2> "$DIR/time.txt" || true
  local line; line=$(tail -1 "$DIR/time.txt")
  [ "$(echo "$line" | awk '{print $4}')" -le 1 ] || { cat "$DIR/time.txt" >&2; exit 1; }
  echo "$line" | tee -a "$DIR/results.txt" | awk '{printf "%-6s %.2f s, peak %.0f MiB\n", $1, $2, $3/1024}'
}
for _ in $(seq "$RUNS"); do
  measure build $G build "$DIR/site" --out "$DIR/public2" --as-of $AS_OF
  measure audit $G audit "$DIR/public" --as-of $AS_OF --format json
done
pages=$(find "$DIR/public" -name '*.html' | wc -l)
sort -k1,1 -k2,2n "$DIR/results.txt" | awk -v pages="$pages" -v runs="$RUNS" '
  { t[$1, ++n[$1]] = $2; if ($3 > m[$1]) m[$1] = $3 }
  END {
    mid = int((runs + 1) / 2)
    b = t["build", mid]; a = t["audit", mid]
    printf "%d HTML pages, median of %d: build %.2f s (peak %.0f MiB), audit %.2f s (peak %.0f MiB); audit/build %.2f\n",
      pages, runs, b, m["build"] / 1024, a, m["audit"] / 1024, a / b
  }'
