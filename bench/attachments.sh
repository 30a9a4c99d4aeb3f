#!/usr/bin/env bash
# Attachment benchmark (not a test): the same generated portal checked without and with
# 1,000 attachments (DOCX, XLSX with a hidden sheet, PDF, CSV; bench/gen_attachments.py),
# interleaved in the same run, on tmpfs. The difference is the attachment pass: reading
# every file's text and metadata, then GOV801/802/804/805/806/808 over it.
# Usage: bench/attachments.sh [PAGES] [ATTACHMENTS] [RUNS]   (default 10000 1000 3)
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-10000}
FILES=${2:-1000}
RUNS=${3:-3}
[ -x /usr/bin/time ] || { echo "GNU time is not installed: apt-get install time" >&2; exit 2; }
cargo build --release --quiet
BASE=/dev/shm
[ -d "$BASE" ] && [ -w "$BASE" ] || BASE=${TMPDIR:-/tmp}
DIR=$(mktemp -d "$BASE/govsite-attachments-bench.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
python3 bench/gen_corpus.py --n "$PAGES" --format govsite --out "$DIR/plain" > /dev/null
cp -r "$DIR/plain" "$DIR/attached"
python3 bench/gen_attachments.py "$DIR/attached" "$FILES" > /dev/null
G=target/release/govsite
AS_OF=2026-11-27
# The generated attachments are clean: any finding about them means the pass misread one.
$G check "$DIR/attached" --as-of $AS_OF --format json > "$DIR/findings.json" || true
python3 - "$DIR/findings.json" <<'PY'
import json, sys
found = [d for d in json.load(open(sys.argv[1]))["diagnostics"] if d.get("file", "").startswith("static/files/")]
if found:
    sys.exit(f"unexpected findings on the generated attachments: {found[:3]}")
PY
measure() { # label, command…: appends "label seconds peak-KiB"
  local label=$1; shift
  /usr/bin/time -f "$label %e %M" "$@" > /dev/null 2> "$DIR/time.txt" || { cat "$DIR/time.txt" >&2; exit 1; }
  tail -1 "$DIR/time.txt" | tee -a "$DIR/results.txt" | awk '{printf "%-9s %.2f s, peak %.0f MiB\n", $1, $2, $3/1024}'
}
for _ in $(seq "$RUNS"); do
  measure plain $G build "$DIR/plain" --out "$DIR/out-plain" --as-of $AS_OF
  measure attached $G build "$DIR/attached" --out "$DIR/out-attached" --as-of $AS_OF
done
sort -k1,1 -k2,2n "$DIR/results.txt" | awk -v runs="$RUNS" -v files="$FILES" -v pages="$PAGES" '
  { t[$1, ++n[$1]] = $2; if ($3 > m[$1]) m[$1] = $3 }
  END {
    mid = int((runs + 1) / 2)
    p = t["plain", mid]; a = t["attached", mid]
    printf "%d pages, median of %d builds: no attachments %.2f s, with %d attachments %.2f s (ratio %.2f); attachment pass %.0f ms = %.2f ms per file; peak %.0f vs %.0f MiB\n",
      pages, runs, p, files, a, a / p, (a - p) * 1000, (a - p) * 1000 / files, m["plain"] / 1024, m["attached"] / 1024
  }'
