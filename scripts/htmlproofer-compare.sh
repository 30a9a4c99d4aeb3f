#!/usr/bin/env bash
# Cross-checks govsite's internal-link verdicts (GOV601 pages, GOV602 fragments, GOV603
# files) against an independent checker, Debian's ruby-html-proofer, on the starter site
# and on a deliberately broken copy of it. Not part of the test suite: run it by hand.
#
#   scripts/htmlproofer-compare.sh            # exit 0 when both checkers agree
#
# govsite never writes a site that fails its checks, so the pages htmlproofer reads are
# written by `examples/render_unchecked.rs` from the same pipeline run that `govsite check`
# does. Broken links are compared as (page URL, link as written, percent-decoded).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
as_of=2026-11-27
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v htmlproofer >/dev/null || { echo "htmlproofer not found (apt install ruby-html-proofer)" >&2; exit 2; }
cargo build --quiet --manifest-path "$repo/Cargo.toml" --bin govsite --example render_unchecked
govsite="$repo/target/debug/govsite"
render="$repo/target/debug/examples/render_unchecked"

copy_starter() {
    mkdir -p "$1"
    cp -r "$repo/starter-site/." "$1/"
    rm -rf "$1/public"
}

# The broken copy: one page with every kind of broken internal reference, next to the
# tricky working ones (Chinese file names both ways, relative links, index.html, query
# strings, fragments of Chinese headings, the site's own host written out).
make_broken() {
    copy_starter "$1"
    mkdir -p "$1/static/files"
    echo "通知全文" > "$1/static/files/通知.txt"
    cat > "$1/content/ceshi.md" <<'EOF'
---
title: 链接测试
---
## 一、总体要求

- [缺失页面](/zwdt/2026-11-31-missing/)
- [相对缺失](../zwdt/nope/)
- [缺失锚点](#不存在的锚点)
- [他页缺失锚点](/lxwm/#nope)
- ![缺失图片](/images/missing.png)
- [缺失附件](/files/缺失.pdf)
- [本站域名缺失](https://www.example.gov.cn/nope/)
- [通知](/files/%E9%80%9A%E7%9F%A5.txt) [通知](/files/通知.txt) [通知](../files/通知.txt?v=2)
- [栏目](/zwdt/index.html) [栏目](../zwdt/?page=1#main) [栏目](/zwdt) [本站](https://www.example.gov.cn/zwdt/)
- [锚点](#一总体要求) [他页锚点](/lxwm/#网站运维联系方式) [首页](/#main) [顶部](#top)

<img src="/images/favicon.svg" srcset="/images/favicon.svg 1x, /images/missing-2x.png 2x" alt="">
<video src="/media/missing.mp4" poster="/images/favicon.svg" controls></video>
EOF
    # htmlproofer 3.19 reads `srcset` only when an <img> has no `src`, and does not look
    # at <video>/<audio> at all (lib/html-proofer/element.rb, check/images.rb): these two
    # are real misses that only govsite can see.
    # The homepage links to a missing page too: it weighs most in inspections.
    sed -i 's#\[联系我们\](/lxwm/)#[联系我们](/lxwm/) [旧栏目](/old-column/)#' "$1/content/_index.md"
}

compare() {
    local name="$1" site="$2"
    local out="$work/$name-out"
    "$render" "$site" "$out" "$as_of" 2>/dev/null
    "$govsite" check "$site" --as-of "$as_of" --format json > "$work/$name-govsite.json" || true
    (cd "$work" && htmlproofer "$out" --disable-external --allow-hash-href --empty-alt-ignore \
        --root-dir "$out" --internal-domains www.example.gov.cn > "$work/$name-proofer.txt" 2>&1) || true
    python3 - "$name" "$out" "$work/$name-govsite.json" "$work/$name-proofer.txt" <<'PY'
import json, re, sys
from urllib.parse import unquote

name, out, gov_json, proofer_txt = sys.argv[1:]

def page_of(output):
    output = output.strip("/")
    if output.endswith("index.html"):
        return "/" + output[: -len("index.html")]
    return "/" + output

def norm(url):
    """Percent-decoded, query dropped, fragment kept."""
    before, hash_, fragment = url.partition("#")
    return unquote(before.split("?")[0] + hash_ + fragment)

ours = set()
for d in json.load(open(gov_json))["diagnostics"]:
    if d["code"] not in ("GOV601", "GOV602", "GOV603"):
        continue
    m = d["message"]
    page = re.search(r"（页面 (/[^；）]*)", m)
    page = page.group(1) if page else page_of(d.get("file", ""))
    if d["code"] == "GOV602":
        here = re.search(r"页面上没有 (#[^（；]+)", m)
        url = here.group(1) if here else re.search(r"锚点不存在：(.+?) 的 #", m).group(1)
    else:
        url = re.search(r"(?:不可用|不存在)：(.+?)(?:（即 | 指向|（页面|；|$)", m).group(1)
    ours.add((d["code"], page, norm(url)))

theirs = set()
page = None
lines = open(proofer_txt, encoding="utf-8", errors="replace").read().splitlines()
for i, line in enumerate(lines):
    header = re.match(r"- (.+\.html)$", line)
    if header:
        page = page_of(header.group(1)[len(out):])
        continue
    bullet = re.match(r"\s+\*\s+(.*)", line)
    if not bullet:
        continue
    text = bullet.group(1)
    href = re.search(r'(?:href|src)="([^"]*)"', lines[i + 1]) if i + 1 < len(lines) else None
    m = re.match(r"internally linking to (.+), which does not exist", text)
    if m:
        theirs.add(("link", page, norm(m.group(1))))
        continue
    m = re.match(r"internal \w+ (.+) does not exist", text)
    if m:
        theirs.add(("file", page, norm(m.group(1))))
        continue
    if "hash" in text or "but" in text:
        theirs.add(("fragment", page, norm(href.group(1) if href else text)))
        continue
    theirs.add(("other", page, text))

# See make_broken: references htmlproofer 3.19 does not examine.
BLIND_SPOTS = {("/ceshi/", "/images/missing-2x.png"), ("/ceshi/", "/media/missing.mp4")}
ours_cmp = {(p, u) for _, p, u in ours} - BLIND_SPOTS
theirs_cmp = {(p, u) for _, p, u in theirs}
print(f"== {name}: govsite {len(ours)} broken internal references, htmlproofer {len(theirs)}")
for code, p, u in sorted(ours):
    mark = "both" if (p, u) in theirs_cmp else "not checked" if (p, u) in BLIND_SPOTS else "ONLY govsite"
    print(f"  {mark:13} {code}  {p}  {u}")
for k, p, u in sorted(theirs):
    if (p, u) not in ours_cmp:
        print(f"  ONLY proofer  {k:7} {p}  {u}")
sys.exit(0 if ours_cmp == theirs_cmp else 1)
PY
}

status=0
copy_starter "$work/starter"
compare starter "$work/starter" || status=1
make_broken "$work/broken"
compare broken "$work/broken" || status=1
if [ "$status" -eq 0 ]; then
    echo "govsite and htmlproofer agree on internal links, fragments and files."
else
    echo "govsite and htmlproofer disagree (see above)." >&2
fi
exit "$status"
