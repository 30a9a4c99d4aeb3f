#!/bin/sh
# Time from saving one item to `govsite serve` serving the rebuilt page, on the generated
# benchmark corpus. Not part of the test suite.
#   bench/serve-edit.sh [N_ITEMS] [EDITS]      (defaults: 10000 items, 10 edits)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-10000}
edits=${2:-10}
gen=${GEN_CORPUS:-$here/../shared/bench/gen_corpus.py}
[ -f "$gen" ] || gen=/work/shared/bench/gen_corpus.py
site=$(mktemp -d "${TMPDIR:-/tmp}/govsite-serve-bench.XXXXXX")
trap 'rm -rf "$site"' EXIT
python3 "$gen" --n "$n" --format govsite --out "$site" >/dev/null
cd "$here"
cargo build -q ${PROFILE:+--profile "$PROFILE"}
cargo run -q --example serve_edit -- "$site" "$edits"
