// Time to first result of the 站内搜索 on a served site, in headless Chromium:
//   node bench.js http://127.0.0.1:PORT [query ...]
// For each query, in a fresh browser profile (nothing cached): the time search.js reports
// from its start to the first results drawn (data-ms), the time from navigation to that
// moment, and the index bytes fetched (manifest, shards, result chunks). "first result" is
// when the first result (or the "nothing found" message) is on screen; "page of results"
// when all 20 results of the first page are.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const BASE = process.argv[2];
const QUERIES = process.argv.slice(3).length ? process.argv.slice(3) : ["养老", "营商环境", "示政办发〔2026〕58号", "2026", "防汛抗旱", "量子纠缠钢琴"];

async function one(query) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "govsite-bench-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  const host = new URL(BASE).host;
  await context.route("**/*", (route) => (new URL(route.request().url()).host === host ? route.continue() : route.abort()));
  const page = await context.newPage();
  let bytes = 0;
  let files = 0;
  page.on("response", async (r) => {
    if (r.url().includes("/search/") && !r.url().includes("?q=")) {
      files++;
      try {
        bytes += (await r.body()).length;
      } catch (e) {
        /* aborted */
      }
    }
  });
  const t0 = Date.now();
  await page.goto(BASE + "/search/?q=" + encodeURIComponent(query));
  await page.waitForSelector("#search-results[data-done]", { timeout: 30000 });
  const wall = Date.now() - t0;
  const r = await page.evaluate(() => ({
    ms: Number(document.getElementById("search-results").getAttribute("data-ms")),
    first: Number(document.getElementById("search-results").getAttribute("data-first-ms")),
    status: document.getElementById("search-status").textContent,
  }));
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { query, ms: r.ms, first: r.first, wall, files, kb: Math.round(bytes / 1024), status: r.status };
}

(async () => {
  for (const q of QUERIES) {
    const r = await one(q);
    console.log(`${r.query}\tfirst result ${r.first} ms, page of results ${r.ms} ms (navigation to results ${r.wall} ms)\t${r.files} index files, ${r.kb} KB\t${r.status}`);
  }
})();
