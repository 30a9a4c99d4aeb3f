# Sourced by the shell tests (tests/*/run.sh): builds the bundled starter site with the
# debug binary, for the day its content is fresh on.
#   build_starter OUT_DIR NAME   # NAME is the calling test, for the failure message

build_starter() {
  local out="$1" name="$2" repo log
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  (cd "$repo" && cargo build --quiet)
  log="$(mktemp)"
  if ! "${CARGO_TARGET_DIR:-$repo/target}/debug/govsite" build "$repo/starter-site" \
      --as-of 2026-11-27 --out "$out" > "$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "$name: the starter site did not build" >&2
    exit 1
  fi
  rm -f "$log"
}
