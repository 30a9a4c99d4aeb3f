#!/usr/bin/env bash
# What the test suite needs beyond Rust, installed when missing: Debian's Chromium and a
# CJK font (the real-browser accessibility and search tests), Node.js and npm (to drive
# Chromium through playwright-core and axe-core, and to fetch the W3C Nu HTML Checker)
# and Java (to run it). Run by scripts/test.sh; as root it installs with apt-get, otherwise it prints
# the one command to run and exits 1. GOVSITE_NO_INSTALL=1 only checks.
set -euo pipefail

missing=()
need() { # need PACKAGE TEST...: the Debian package when the test fails
  local package="$1"
  shift
  "$@" > /dev/null 2>&1 || missing+=("$package")
}
need chromium test -x "${CHROMIUM:-/usr/bin/chromium}"
need fonts-noto-cjk sh -c 'fc-list :lang=zh | grep -q .'
need nodejs command -v node
need npm command -v npm
need default-jre-headless command -v java
need ca-certificates test -d /etc/ssl/certs

# Rust: the crate needs 1.85 or newer (rust-version in Cargo.toml); Debian's rustc is
# older, so the toolchain comes from rustup.
rust_ok() {
  local version
  version="$(rustc --version 2> /dev/null | awk '{print $2}')" || return 1
  [ -n "$version" ] && [ "$(printf '%s\n1.85.0\n' "$version" | sort -V | head -n1)" = "1.85.0" ]
}
if ! rust_ok; then
  echo "scripts/test-deps.sh: Rust 1.85 or newer is needed (found: $(rustc --version 2> /dev/null || echo none))." >&2
  echo "  Install it with rustup (https://rustup.rs), not with apt: Debian's rustc is too old." >&2
  exit 1
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "${GOVSITE_NO_INSTALL:-}" = 1 ] || [ "$(id -u)" != 0 ] || ! command -v apt-get > /dev/null; then
  echo "scripts/test-deps.sh: the test suite needs: ${missing[*]}" >&2
  echo "  Install them (as root, on Debian or Ubuntu) with:" >&2
  echo "    $command" >&2
  exit 1
fi
echo "scripts/test-deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
