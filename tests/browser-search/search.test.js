// Real-browser test of the 站内搜索 and the sortable 信息公开目录 on a built site served
// at the URL given as the first argument (run.sh builds and serves the starter site).
// Requests to any other host are aborted, so the test also proves search needs no third party.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const BASE = process.argv[2];
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

let passed = 0;
let failed = 0;

async function test(name, fn) {
  try {
    await fn();
    passed++;
    console.log("ok   " + name);
  } catch (e) {
    failed++;
    console.log("FAIL " + name + "\n     " + String((e && e.stack) || e).split("\n").slice(0, 3).join("\n     "));
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function launch(options) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "govsite-search-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    ...options,
  });
  const host = new URL(BASE).host;
  await context.route("**/*", (route) => {
    if (new URL(route.request().url()).host === host) route.continue();
    else route.abort();
  });
  return { context, dir };
}

/* Opens the search page for `query` (and extra parameters) and returns what it shows. */
async function search(page, query, extra) {
  const url = BASE + "/search/?q=" + encodeURIComponent(query) + (extra || "");
  await page.goto(url);
  await page.waitForSelector("#search-results[data-done]", { timeout: 10000 });
  return page.evaluate(() => {
    const results = document.getElementById("search-results");
    return {
      status: document.getElementById("search-status").textContent,
      ms: Number(results.getAttribute("data-ms")),
      hits: Array.from(document.querySelectorAll("#search-list > li")).map((li) => ({
        title: li.querySelector("h2 a").textContent,
        href: li.querySelector("h2 a").getAttribute("href"),
        marks: Array.from(li.querySelectorAll("mark")).map((m) => m.textContent),
        titleMarks: Array.from(li.querySelectorAll("h2 mark")).map((m) => m.textContent),
        meta: li.querySelector(".search-meta").textContent,
      })),
      pager: Array.from(document.querySelectorAll("#search-results nav.pagination a")).map((a) => a.textContent),
      sitemapHint: !!document.querySelector(".search-hint a[href='/sitemap/']"),
    };
  });
}

async function main() {
  const { context, dir } = await launch({});
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));

  await test("two-character Chinese word: 养老 finds the elderly-care items, title hits first, highlighted", async () => {
    const r = await search(page, "养老");
    assert(r.hits.length >= 2, "expected several hits, got " + JSON.stringify(r.hits.map((h) => h.title)));
    assert(r.hits[0].title.includes("养老"), "first hit has 养老 in its title: " + r.hits[0].title);
    assert(r.hits.some((h) => h.title.includes("居家社区养老服务")), "the 养老 policy is found");
    assert(r.hits[0].titleMarks.includes("养老"), "title highlighted: " + JSON.stringify(r.hits[0].marks));
    assert(/找到 \d+ 条/.test(r.status), r.status);
    // The 200 ms goal is measured with bench.js (docs/search.md); here only a gross
    // regression fails, since CI machines are often busy.
    assert(r.ms < 1500, "answered in " + r.ms + " ms");
  });

  await test("document number: 示政办发〔2026〕58号 finds the policy and its interpretation", async () => {
    const r = await search(page, "示政办发〔2026〕58号");
    assert(r.hits.length >= 1, r.status);
    const policy = r.hits.find((h) => h.meta.includes("示政办发〔2026〕58号"));
    assert(policy, "the policy with that 文号: " + JSON.stringify(r.hits.map((h) => h.title)));
    assert(r.hits[0] === policy, "the policy ranks first");
    assert(policy.title.includes("优化营商环境"), policy.title);
    const marked = policy.marks.join("|");
    assert(marked.includes("示政办发") && marked.includes("2026") && marked.includes("58号"), "文号 highlighted: " + marked);
  });

  await test("number: 186 finds the project item, highlighted as a whole word", async () => {
    const r = await search(page, "186");
    assert(r.hits.some((h) => h.title.includes("总投资186亿元")), JSON.stringify(r.hits.map((h) => h.title)));
    const hit = r.hits.find((h) => h.title.includes("总投资186亿元"));
    assert(hit.titleMarks.includes("186"), JSON.stringify(hit.marks));
  });

  await test("full-width digits are folded: １８６ finds 186", async () => {
    const r = await search(page, "１８６");
    assert(r.hits.some((h) => h.title.includes("186")), r.status);
  });

  await test("a nonsense query says nothing matched and points to the 网站地图", async () => {
    const r = await search(page, "量子纠缠钢琴");
    assert(r.hits.length === 0, "no hits");
    assert(r.status.includes("没有找到与“量子纠缠钢琴”相关的信息"), r.status);
    assert(r.sitemapHint, "sitemap hint");
  });

  await test("column filter keeps only that column; year filter only that year", async () => {
    const all = await search(page, "2026");
    const only = await search(page, "2026", "&c=" + encodeURIComponent("/zwdt/"));
    assert(only.hits.length > 0, only.status);
    assert(all.hits.some((h) => !h.meta.includes("栏目：政务动态")), "the unfiltered search has other columns");
    assert(only.hits.every((h) => h.meta.includes("栏目：政务动态")), JSON.stringify(only.hits.map((h) => h.meta)));
    const selected = await page.$eval("#search-column", (s) => s.value);
    assert(selected === "/zwdt/", "the filter shows the chosen column: " + selected);
    const y = await search(page, "报告", "&y=2025");
    assert(y.hits.length === 0 || y.hits.every((h) => h.meta.includes("发布日期：2025")), JSON.stringify(y.hits.map((h) => h.meta)));
    const z = await search(page, "2026", "&y=1999");
    assert(z.hits.length === 0 && z.status.includes("没有找到"), z.status);
  });

  await test("results are paged, 20 a page", async () => {
    const many = await search(page, "示例");
    assert(/找到 (2[1-9]|[3-9]\d|\d{3,}) 条/.test(many.status), "more than a page: " + many.status);
    assert(many.hits.length === 20, "a full first page: " + many.hits.length + " — " + many.status);
    assert(many.pager.includes("下一页") && many.pager.includes("2"), JSON.stringify(many.pager));
    await page.click("#search-results nav.pagination a[rel=next]");
    await page.waitForSelector("#search-results[data-done]");
    const status = await page.textContent("#search-status");
    assert(status.includes("第 2 页"), status);
    const second = await page.$$eval("#search-list > li", (lis) => lis.length);
    assert(second > 0 && second <= 20, "second page: " + second);
  });

  await test("the header search box submits to the search page", async () => {
    await page.goto(BASE + "/");
    await page.fill("#header-search-q", "营商环境");
    await page.press("#header-search-q", "Enter");
    await page.waitForSelector("#search-results[data-done]");
    assert(page.url().includes("/search/?q="), page.url());
    const titles = await page.$$eval("#search-list h2 a", (as) => as.map((a) => a.textContent));
    assert(titles.some((t) => t.includes("营商环境")), JSON.stringify(titles));
  });

  await test("the 信息公开目录 table sorts by a clicked header and says so with aria-sort", async () => {
    await page.goto(BASE + "/xxgkml/");
    const buttons = await page.$$("table[data-sortable] th button");
    assert(buttons.length === 6, "six sortable headers, got " + buttons.length);
    await page.click("table[data-sortable] th:nth-child(3) button");
    const state = await page.evaluate(() => {
      const ths = Array.from(document.querySelectorAll("table[data-sortable] th"));
      const col = Array.from(document.querySelectorAll("table[data-sortable] tbody tr")).map((tr) => tr.cells[4].textContent);
      return { sorts: ths.map((th) => th.getAttribute("aria-sort")), col };
    });
    assert(state.sorts[2] === "ascending" && state.sorts.filter(Boolean).length === 1, JSON.stringify(state.sorts));
    await page.click("table[data-sortable] th:nth-child(5) button");
    const written = await page.$$eval("table[data-sortable] tbody tr", (trs) => trs.map((tr) => tr.cells[4].textContent));
    const sorted = written.slice().sort();
    assert(JSON.stringify(written) === JSON.stringify(sorted), "成文日期 ascending: " + written.join(","));
    const csv = await page.getAttribute("a[href$='catalogue.csv']", "href");
    assert(csv === "/xxgkml/catalogue.csv", String(csv));
  });

  await test("no script errors on the tested pages", async () => {
    assert(errors.length === 0, errors.join("\n"));
  });

  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const noJs = await launch({ javaScriptEnabled: false });
  const p2 = await noJs.context.newPage();
  await test("without JavaScript the search page explains the 网站地图", async () => {
    await p2.goto(BASE + "/search/?q=养老");
    const text = await p2.textContent("#search-nojs");
    assert(await p2.isVisible("#search-nojs"), "the explanation is visible");
    assert(text.includes("网站地图") && text.includes("栏目"), text);
    assert((await p2.$$("#search-nojs a[href='/sitemap/']")).length > 0, "links the 网站地图");
  });
  await noJs.context.close();
  fs.rmSync(noJs.dir, { recursive: true, force: true });

  console.log(passed + " passed, " + failed + " failed");
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log(passed + " passed, " + (failed + 1) + " failed");
  process.exit(1);
});
