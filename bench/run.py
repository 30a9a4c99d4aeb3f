#!/usr/bin/env python3
"""Times govsite (every rule on, minification on) and Hugo (minification off) building the
same generated portal, interleaved run by run, and writes the medians to
docs/benchmarks.md with an SVG chart of pages per second."""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
GOVSITE = os.path.join(ROOT, "target", "release", "govsite")
AS_OF = "2026-11-27"


def generate(n, fmt):
    path = os.path.join(OUT, f"{fmt}-{n}")
    if not os.path.isdir(path):
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_corpus.py"), "--n", str(n),
                        "--format", fmt, "--out", path], check=True, stdout=subprocess.DEVNULL)
    return path


def timed(cmd, cwd=None):
    """Runs cmd under GNU time; returns (wall seconds, peak RSS in MiB, CPU seconds)."""
    os.sync()  # the previous build's writes are flushed before, not during, this one
    result = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", result.stderr).group(1)
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1)) / 1024
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): (\S+)", result.stderr).group(1))
              for kind in ("User", "System"))
    return seconds, rss, cpu


def count_pages(out_dir):
    return sum(1 for _, _, files in os.walk(out_dir) for f in files if f.endswith(".html"))


def bench(n, runs, out_dir):
    gov_src, hugo_src = generate(n, "govsite"), generate(n, "hugo")
    gov, hugo = [], []
    for run in range(runs):
        # Every run writes to folders of its own, all deleted after the last run of the last
        # size: ext4 (without a journal, as on this machine) creates files slowly for
        # minutes after a large deletion ("recently deleted" inodes), which would time the
        # clean-up of earlier runs rather than the tools. The order alternates all the same.
        gov_out = os.path.join(out_dir, f"public-govsite-{n}-{run}")
        hugo_out = os.path.join(out_dir, f"public-hugo-{n}-{run}")
        order = ["govsite", "hugo"] if run % 2 == 0 else ["hugo", "govsite"]
        for tool in order:
            if tool == "govsite":
                gov.append(timed([GOVSITE, "build", gov_src, "--as-of", AS_OF, "--out", gov_out]))
            else:
                hugo.append(timed(["hugo", "--quiet", "-s", hugo_src, "-d", hugo_out]))
        print(f"  n={n} run {run + 1}/{runs} ({order[0]} first): govsite {gov[-1][0]:.2f}s {gov[-1][1]:.0f}MiB, "
              f"hugo {hugo[-1][0]:.2f}s {hugo[-1][1]:.0f}MiB", flush=True)
    result = {
        "n": n,
        "gov_pages": count_pages(gov_out),
        "hugo_pages": count_pages(hugo_out),
        "gov_time": statistics.median(t for t, _, _ in gov),
        "hugo_time": statistics.median(t for t, _, _ in hugo),
        "gov_rss": statistics.median(m for _, m, _ in gov),
        "hugo_rss": statistics.median(m for _, m, _ in hugo),
        "gov_cpu": statistics.median(c for _, _, c in gov),
        "hugo_cpu": statistics.median(c for _, _, c in hugo),
        "outputs": [os.path.join(out_dir, f"public-{tool}-{n}-{run}")
                    for run in range(runs) for tool in ("govsite", "hugo")],
    }
    return result


def svg_chart(results):
    width, height, pad = 640, 320, 60
    top = max(max(r["gov_pages"] / r["gov_time"], r["hugo_pages"] / r["hugo_time"]) for r in results) * 1.15
    group = (width - 2 * pad) / len(results)
    bar = group / 3
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="12" role="img" aria-label="每秒页数">',
             f'<rect width="{width}" height="{height}" fill="#fff"/>',
             f'<text x="{pad}" y="24" font-size="14">pages / second (higher is better), 2 cores</text>']
    base = height - pad
    for i, r in enumerate(results):
        x0 = pad + i * group + bar / 2
        for j, (name, pps, colour) in enumerate([
                ("govsite", r["gov_pages"] / r["gov_time"], "#a61b1b"),
                ("Hugo", r["hugo_pages"] / r["hugo_time"], "#4a5a6a")]):
            h = (height - 2 * pad) * pps / top
            x = x0 + j * bar
            parts.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar - 4:.1f}" height="{h:.1f}" fill="{colour}"/>')
            parts.append(f'<text x="{x + (bar - 4) / 2:.1f}" y="{base - h - 4:.1f}" text-anchor="middle">{pps:,.0f}</text>')
        parts.append(f'<text x="{x0 + bar:.1f}" y="{base + 18}" text-anchor="middle">N = {r["n"]:,}</text>')
    parts.append(f'<line x1="{pad}" y1="{base}" x2="{width - pad}" y2="{base}" stroke="#333"/>')
    parts.append(f'<rect x="{width - 170}" y="36" width="12" height="12" fill="#a61b1b"/><text x="{width - 152}" y="46">govsite (all rules, minify)</text>')
    parts.append(f'<rect x="{width - 170}" y="54" width="12" height="12" fill="#4a5a6a"/><text x="{width - 152}" y="64">Hugo (no minify)</text>')
    parts.append("</svg>\n")
    return "\n".join(parts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000 10000 50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out-dir", default=OUT,
                        help="where the builds write (e.g. /dev/shm to leave the disk out)")
    parser.add_argument("--doc", default="benchmarks", help="writes docs/DOC.md and docs/DOC.svg")
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    gov_version = subprocess.run([GOVSITE, "--version"], capture_output=True, text=True).stdout.strip()
    where = "the disk (ext4)" if args.out_dir == OUT else f"`{args.out_dir}`"
    # On the disk every output stays until the last size is done (see `bench`); a memory
    # file system has no such slowness but little room, so it is emptied after each size.
    on_disk = args.out_dir == OUT
    results = []
    for n in (int(s) for s in args.sizes.split()):
        results.append(bench(n, args.runs, args.out_dir))
        if not on_disk:
            remove(results[-1]["outputs"])
    rows = ["| N | govsite pages | govsite time | govsite pages/s | govsite peak RSS | Hugo pages | Hugo time | Hugo pages/s | Hugo peak RSS | time ratio govsite/Hugo | memory ratio govsite/Hugo |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        rows.append(f'| {r["n"]:,} | {r["gov_pages"]:,} | {r["gov_time"]:.2f} s | {r["gov_pages"] / r["gov_time"]:,.0f} | {r["gov_rss"]:.0f} MiB '
                    f'| {r["hugo_pages"]:,} | {r["hugo_time"]:.2f} s | {r["hugo_pages"] / r["hugo_time"]:,.0f} | {r["hugo_rss"]:.0f} MiB '
                    f'| {r["gov_time"] / r["hugo_time"]:.2f} | {r["gov_rss"] / r["hugo_rss"]:.2f} |')
    cpu_rows = ["| N | govsite CPU (user + system) | Hugo CPU (user + system) | CPU ratio govsite/Hugo |",
                "|---|---|---|---|"]
    for r in results:
        cpu_rows.append(f'| {r["n"]:,} | {r["gov_cpu"]:.2f} s | {r["hugo_cpu"]:.2f} s | {r["gov_cpu"] / r["hugo_cpu"]:.2f} |')
    doc = f"""# Benchmarks

Generated by `bench/run.sh {' '.join(sys.argv[1:])}` on {time.strftime('%Y-%m-%d')} ({os.cpu_count()} cores).
Outputs written to {where}. Each size is built from scratch {args.runs} times into new folders
(deleted only after the last run {"of the last size" if on_disk else "of the size"}), govsite and Hugo interleaved, each going
first in half of the runs; figures are medians. govsite runs every rule
and minifies HTML and CSS; Hugo ({hugo_version.split()[1] if hugo_version else '?'}) builds the same pages
without minification. `{gov_version}`. Peak memory is the maximum resident set size (`/usr/bin/time -v`).

{chr(10).join(rows)}

![pages per second]({args.doc}.svg)

CPU time of the same runs (medians), which the two cores share:

{chr(10).join(cpu_rows)}

The corpus is `bench/gen_corpus.py` (the same pages in both layouts; govsite's adds the mandated
columns). Ratios below 1 mean govsite is faster or smaller.

The per-page hot paths (front matter, Markdown, template rendering, the rule pass — one HTML
parse and every rendered rule — and minification) have their own benchmark on a page of the
starter site: `cargo bench` (`benches/hot_paths.rs`, divan).
"""
    # The "Cache" section comes from bench/cache.sh, not from this script: kept as it is.
    path = os.path.join(ROOT, "docs", f"{args.doc}.md")
    if os.path.exists(path):
        with open(path) as f:
            old = f.read()
        at = old.find("\n## Cache\n")
        if at >= 0:
            doc += old[at:]
    with open(path, "w") as f:
        f.write(doc)
    with open(os.path.join(ROOT, "docs", f"{args.doc}.svg"), "w") as f:
        f.write(svg_chart(results))
    print("\n".join(rows + [""] + cpu_rows))
    for r in results:
        remove(r["outputs"])


def remove(paths):
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
