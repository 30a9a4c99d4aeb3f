#!/usr/bin/env bash
# Platform benchmark (not a test): one `govsite platform build` of a generated platform
# vs one `hugo` run per site, in the same run; peak memory of each, and of one govsite
# site build for comparison (bounded memory: the platform peak stays near a few sites').
# Usage: bench/platform.sh [SITES] [PAGES]   (default 100 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
SITES=${1:-100}
PAGES=${2:-1000}
command -v hugo > /dev/null || { echo "hugo is not installed: apt-get install hugo" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is not installed: apt-get install time" >&2; exit 2; }
cargo build --release --quiet
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
python3 bench/gen_platform.py --sites "$SITES" --pages "$PAGES" --out "$DIR" > /dev/null
G=target/release/govsite
measure() { # label, command…: prints "label seconds peak-MiB"
  local label=$1; shift
  sync
  /usr/bin/time -f "$label %e %M" "$@" > /dev/null 2> "$DIR/time.txt" || { cat "$DIR/time.txt" >&2; exit 1; }
  tail -1 "$DIR/time.txt" | tee -a "$DIR/results.txt" | awk '{printf "%s %.2f s, peak %.0f MiB\n", $1, $2, $3/1024}'
}
measure govsite-one-site $G build "$DIR/govsite/sites/s000" --out "$DIR/one" --as-of 2026-11-27
measure govsite-platform $G platform build "$DIR/govsite" --out "$DIR/pub-gov" --as-of 2026-11-27
measure hugo-per-site sh -c "for s in \"$DIR\"/hugo/*; do hugo --quiet -s \"\$s\" -d \"$DIR/pub-hugo/\${s##*/}\" || exit 1; done"
awk '{t[$1]=$2; m[$1]=$3} END {printf "%s sites x %s pages: hugo/govsite wall-time ratio %.2f; platform peak / one-site peak %.2f\n", '"$SITES"', '"$PAGES"', t["hugo-per-site"]/t["govsite-platform"], m["govsite-platform"]/m["govsite-one-site"]}' "$DIR/results.txt"
