#!/usr/bin/env bash
# The build cache on the synthetic portal corpus: a clean build (--no-cache, into a new
# folder) against a build with the cache after one item's text was edited, interleaved,
# several runs each. Prints every run, the medians and the ratio incremental/clean, and
# checks that the last incremental output equals a clean build's, file for file.
# Usage: bench/cache.sh [--n 10000] [--runs 5] [--dir /dev/shm/govsite-cache-bench] [--bin PATH]
# Works on /dev/shm by default (leaves the disk out). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
N=10000
RUNS=5
DIR=/dev/shm/govsite-cache-bench
BIN=
while [ $# -gt 0 ]; do
    case "$1" in
        --n) N=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --dir) DIR=$2; shift 2 ;;
        --bin) BIN=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
if [ -z "$BIN" ]; then
    cargo build --release --quiet
    BIN="${CARGO_TARGET_DIR:-target}/release/govsite"
fi
AS_OF=2026-11-27
rm -rf "$DIR"
mkdir -p "$DIR"
python3 bench/gen_corpus.py --n "$N" --format govsite --out "$DIR/site" > /dev/null
ITEM=$(find "$DIR/site/content" -name '*.md' ! -name '_index.md' | sort | awk 'NR == 1')

ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Runs a build, prints its wall time in milliseconds; fails on a failed build.
timed() {
    local start end
    start=$(ms)
    "$BIN" build "$DIR/site" --as-of "$AS_OF" "$@" > /dev/null 2> "$DIR/stderr" || {
        cat "$DIR/stderr" >&2
        exit 1
    }
    end=$(ms)
    echo $(( end - start ))
}

# The first build with the cache writes it (every page rendered).
first=$(timed --out "$DIR/incremental")
echo "first build with the cache (fills it): ${first} ms"
clean=()
incremental=()
for run in $(seq 1 "$RUNS"); do
    rm -rf "$DIR/clean"
    sync
    c=$(timed --no-cache --out "$DIR/clean")
    # One item's text: a paragraph added at the end (its listing summary stays the same).
    printf '\n第 %s 次修改：补充说明。\n' "$run" >> "$ITEM"
    sync
    i=$(timed --out "$DIR/incremental")
    grep '^构建缓存' "$DIR/stderr" || true
    echo "run $run: clean ${c} ms, incremental ${i} ms"
    clean+=("$c")
    incremental+=("$i")
done

# The last incremental output against a clean build of the same (edited) site.
rm -rf "$DIR/clean"
timed --no-cache --out "$DIR/clean" > /dev/null
diff -r "$DIR/clean" "$DIR/incremental" > /dev/null || {
    echo "the incremental output differs from a clean build" >&2
    exit 1
}
echo "last incremental output = clean build, byte for byte"

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
mc=$(median "${clean[@]}")
mi=$(median "${incremental[@]}")
pages=$(find "$DIR/clean" -name '*.html' | wc -l)
echo "N=$N ($pages HTML files), $RUNS runs, $(nproc) cores, $("$BIN" --version)"
echo "median clean build: ${mc} ms"
echo "median incremental build (one item edited): ${mi} ms"
awk -v i="$mi" -v c="$mc" 'BEGIN { printf "ratio incremental/clean: %.3f\n", i / c }'
