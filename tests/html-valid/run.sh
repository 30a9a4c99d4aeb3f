#!/usr/bin/env bash
# The output validity test: builds the starter site and checks every page with the W3C Nu
# HTML Checker (vnu.jar, from the npm package vnu-jar pinned in package-lock.json). Any
# error fails, except the one the national rules force: the 找错 (jiucuo) snippet's
# `sitecode` attribute on its <script>, which 《政府网站发展指引》 mandates as written.
#
# Needs Java ≥ 11 (apt-get install default-jre-headless) and Node.js with npm.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if ! command -v java > /dev/null; then
  echo "tests/html-valid/run.sh: Java is needed (apt-get install default-jre-headless)." >&2
  exit 1
fi
if ! command -v npm > /dev/null; then
  echo "tests/html-valid/run.sh: Node.js and npm are needed (apt-get install nodejs npm)." >&2
  exit 1
fi

source "$repo/tests/build-starter.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
build_starter "$work/site" tests/html-valid/run.sh

cd "$here"
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
pages=$(find "$work/site" -name '*.html' | wc -l)
# vnu exits 1 when it reports any error; the filtered list below decides.
java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --format gnu \
  --skip-non-html "$work/site" > "$work/vnu.txt" 2>&1 || true
if grep -q 'Exception\|Could not' "$work/vnu.txt"; then
  cat "$work/vnu.txt" >&2
  echo "tests/html-valid/run.sh: vnu did not run" >&2
  exit 1
fi
allowed='Attribute “sitecode” not allowed on element “script”'
errors=$(grep -v "$allowed" "$work/vnu.txt" | sed "s|$work/site/||" || true)
mandated=$(grep -c "$allowed" "$work/vnu.txt" || true)
if [ -n "$errors" ]; then
  echo "$errors" >&2
  echo "tests/html-valid/run.sh: $(echo "$errors" | wc -l) HTML errors on $pages pages" >&2
  exit 1
fi
# A bare `alt` means alt="" to a browser, but html-proofer and others read it as missing.
if grep -rlE '<img[^>]* alt( |>)' "$work/site" --include='*.html' > "$work/bare-alt.txt"; then
  sed "s|$work/site/||" "$work/bare-alt.txt" >&2
  echo "tests/html-valid/run.sh: an <img> with a bare alt (write alt=\"\")" >&2
  exit 1
fi
echo "html-valid: $pages pages, 0 errors ($mandated mandated sitecode attributes allowed)"
