#!/usr/bin/env bash
# Checks that each crate under vendor/ is its crates.io release plus the patch in
# vendor/patches/ and nothing else. Needs the network (it downloads the releases).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for crate in minify-html-onepass tera; do
    version=$(sed -n 's/^version = "\(.*\)"/\1/p' "vendor/$crate/Cargo.toml" | head -1)
    curl -sSfL "https://static.crates.io/crates/$crate/$crate-$version.crate" | tar -xz -C "$work"
    upstream="$work/$crate-$version"
    # Files of the packaged crate that the vendored copy leaves out: they build nothing.
    rm -f "$upstream"/{.cargo-ok,Cargo.toml.orig,Cargo.lock,bors.toml,.gitignore}
    patch -s -d "$upstream" -p1 < "vendor/patches/$crate.diff"
    if diff -r "$upstream" "vendor/$crate"; then
        echo "vendor/$crate = $crate $version from crates.io + vendor/patches/$crate.diff"
    else
        echo "vendor/$crate differs from $crate $version + vendor/patches/$crate.diff" >&2
        status=1
    fi
done
exit $status
