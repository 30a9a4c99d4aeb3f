// The real-browser accessibility test of a built govsite site (run by run.sh):
// a small static server on 127.0.0.1, Debian's Chromium through playwright-core,
// axe-core with the WCAG 2.0/2.1 A and AA rules on every HTML page in three modes set
// through the 适老化 toolbar as a user would, and keyboard checks. Any violation fails.
//
//   node a11y.js --root DIR [--profile DIR] [--screenshots DIR] [--workers N]
"use strict";

const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const STORAGE_KEY = "govsite-a11y";
const ITEM_PAGE = "/zwdt/2026-11-25-executive-meeting/";

function options() {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const root = value("--root", "");
  if (!root || !fs.existsSync(path.join(root, "index.html"))) {
    throw new Error("--root must name a built site (a folder with index.html)");
  }
  return {
    root: path.resolve(root),
    profile: value("--profile", fs.mkdtempSync(path.join(os.tmpdir(), "govsite-chromium-"))),
    screenshots: value("--screenshots", "") && path.resolve(process.env.GOVSITE_CALLER_DIR || process.cwd(), value("--screenshots", "")),
    workers: Number(value("--workers", "2")),
    chromium: process.env.CHROMIUM || "/usr/bin/chromium",
  };
}

// ------------------------------------------------------------------ static server

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

function serve(root) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (rel.endsWith("/")) rel += "index.html";
    const file = path.join(root, path.normalize(rel).replace(/^(\.\.[/\\])+/, ""));
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { "content-type": TYPES[".html"] });
        res.end(fs.existsSync(path.join(root, "404.html")) ? fs.readFileSync(path.join(root, "404.html")) : "");
        return;
      }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Every HTML page of the built site as a URL path (`/zwdt/`, `/404.html`). */
function pagesOf(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".html")) {
        const rel = "/" + path.relative(root, full).split(path.sep).join("/");
        out.push(rel.endsWith("/index.html") ? rel.slice(0, -"index.html".length) : rel);
      }
    }
  };
  walk(root);
  return out.sort();
}

// ------------------------------------------------------------------ results

const results = { passed: 0, failed: [] };

function check(name, ok, detail) {
  if (ok) results.passed++;
  else results.failed.push(detail ? `${name}\n      ${detail}` : name);
}

// ------------------------------------------------------------------ modes

/** The three modes, each set by clicking the toolbar on the home page. Large text is
 *  audited on a 320 px phone screen, where 2× text is hardest to fit (WCAG 1.4.10). */
const MODES = [
  { name: "normal", clicks: [], expect: [], width: 1280 },
  { name: "large-text (2×)", clicks: ["font", "font", "font"], expect: ["gs-font-3"], width: 320 },
  { name: "high-contrast", clicks: ["contrast"], expect: ["gs-contrast"], width: 1280 },
];

async function setMode(page, base, mode) {
  await page.goto(base + "/", { waitUntil: "load" });
  await page.click('.a11y-toolbar [data-gs="reset"]');
  const normalPx = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  for (const action of mode.clicks) {
    await page.click(`.a11y-toolbar [data-gs="${action}"]`);
  }
  const state = await page.evaluate((key) => ({
    cls: document.documentElement.className,
    stored: localStorage.getItem(key),
    rootPx: parseFloat(getComputedStyle(document.documentElement).fontSize),
  }), STORAGE_KEY);
  const ok = mode.expect.every((c) => state.cls.split(/\s+/).includes(c));
  check(`toolbar sets ${mode.name} mode`, ok, `html class="${state.cls}", stored ${state.stored}`);
  if (mode.expect.includes("gs-font-3")) {
    const ratio = state.rootPx / normalPx;
    check("large-text mode doubles the text size", Math.abs(ratio - 2) < 0.01, `root font ${normalPx}px → ${state.rootPx}px`);
  }
}

async function audit(page, base, url, mode) {
  const errors = [];
  const onError = (e) => errors.push(e.message);
  page.on("pageerror", onError);
  await page.goto(base + url, { waitUntil: "load" });
  page.off("pageerror", onError);
  const cls = await page.evaluate(() => document.documentElement.className);
  const persisted = mode.expect.every((c) => cls.split(/\s+/).includes(c));
  check(`${mode.name} ${url}: mode persists`, persisted, `html class="${cls}"`);
  check(`${mode.name} ${url}: no script errors`, errors.length === 0, errors.join("; "));
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    return root.scrollWidth > root.clientWidth ? `${root.scrollWidth}px wide in a ${root.clientWidth}px window` : "";
  });
  check(`${mode.name} ${url}: no horizontal scrolling at ${mode.width}px`, !overflow, overflow);
  // A table caption is sized from the table's narrowest layout: on a phone 文件信息 once
  // stood one character per line. A short caption must fit on one or two lines.
  const squeezed = await page.evaluate(() => [...document.querySelectorAll("caption")]
    .filter((c) => c.textContent.trim().length <= 12)
    .map((c) => {
      const style = getComputedStyle(c);
      const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
      return { text: c.textContent.trim(), lines: Math.round(c.getBoundingClientRect().height / line) };
    })
    .filter((c) => c.lines > 2)
    .map((c) => `"${c.text}" on ${c.lines} lines`)
    .join("; "));
  check(`${mode.name} ${url}: table captions are not squeezed at ${mode.width}px`, !squeezed, squeezed);
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${(n.failureSummary || "").split("\n").slice(1).map((l) => l.trim()).filter(Boolean).join("; ")}`),
      more: Math.max(0, v.nodes.length - 3),
    }));
  }, AXE_TAGS);
  const detail = violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n        ${v.nodes.join("\n        ")}${v.more ? `\n        … and ${v.more} more` : ""}`)
    .join("\n      ");
  check(`axe ${mode.name} ${url}`, violations.length === 0, detail);
}

// ------------------------------------------------------------------ keyboard

async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el ? el.tagName.toLowerCase() : "",
      id: el ? el.id : "",
      cls: el ? el.className : "",
      gs: el ? el.getAttribute("data-gs") : null,
      href: el ? el.getAttribute("href") : null,
    };
  });
}

async function keyboardChecks(page, base, url) {
  await page.goto(base + url, { waitUntil: "load" });
  await page.keyboard.press("Tab");
  let f = await focused(page);
  check(`keyboard ${url}: first Tab reaches the skip link`, f.tag === "a" && f.href === "#main", JSON.stringify(f));
  await page.keyboard.press("Enter");
  f = await focused(page);
  check(`keyboard ${url}: skip link moves focus to <main>`, f.tag === "main", JSON.stringify(f));

  await page.goto(base + url, { waitUntil: "load" });
  let reached = false;
  for (let i = 0; i < 12 && !reached; i++) {
    await page.keyboard.press("Tab");
    f = await focused(page);
    reached = f.gs !== null;
  }
  check(`keyboard ${url}: Tab reaches the 适老化 toolbar`, reached, JSON.stringify(f));
  if (!reached) return;
  // role="toolbar": arrows move between the buttons; Enter and Space press them.
  for (const action of ["contrast", "spacing", "reading"]) {
    for (let i = 0; i < 6 && f.gs !== action; i++) {
      await page.keyboard.press("ArrowRight");
      f = await focused(page);
    }
    check(`keyboard ${url}: arrow keys reach ${action}`, f.gs === action, JSON.stringify(f));
    const pressed = () => page.getAttribute(`.a11y-toolbar [data-gs="${action}"]`, "aria-pressed");
    const before = await pressed();
    await page.keyboard.press("Enter");
    const on = await pressed();
    await page.keyboard.press(" ");
    const off = await pressed();
    check(`keyboard ${url}: ${action} toggles aria-pressed`, before === "false" && on === "true" && off === "false", `${before} → ${on} → ${off}`);
  }
  await page.keyboard.press("Home");
  await page.keyboard.press("Enter");
  const cls = await page.evaluate(() => document.documentElement.className);
  check(`keyboard ${url}: 大字 enlarges the text`, /\bgs-font-1\b/.test(cls), `html class="${cls}"`);
  await page.click('.a11y-toolbar [data-gs="reset"]');
}

// ------------------------------------------------------------------ screenshots

async function screenshots(context, base, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const page = await context.newPage();
  const shots = [
    ["home", "/"],
    ["item", ITEM_PAGE],
  ];
  for (const [mode, prefs] of [["normal", {}], ["contrast", { contrast: true }]]) {
    for (const [width, height, device] of [[1280, 900, "desktop"], [390, 844, "phone"]]) {
      await page.setViewportSize({ width, height });
      await page.goto(base + "/", { waitUntil: "load" });
      await page.evaluate(([key, p]) => localStorage.setItem(key, JSON.stringify(p)), [STORAGE_KEY, prefs]);
      for (const [name, url] of shots) {
        await page.goto(base + url, { waitUntil: "load" });
        const file = path.join(dir, `${name}-${device}-${mode}.png`);
        await page.screenshot({ path: file });
        console.log(`  saved ${file}`);
      }
    }
  }
  await page.evaluate((key) => localStorage.removeItem(key), STORAGE_KEY);
  await page.close();
}

// ------------------------------------------------------------------ main

async function main() {
  const opts = options();
  const server = await serve(opts.root);
  const base = `http://127.0.0.1:${server.address().port}`;
  const pages = pagesOf(opts.root);
  const started = Date.now();
  console.log(`browser test: ${pages.length} pages × ${MODES.length} modes at ${base}, ${opts.chromium}`);
  const context = await chromium.launchPersistentContext(opts.profile, {
    executablePath: opts.chromium,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
  try {
    // No network here: the conac and 找错 scripts (and anything else off-site) are refused
    // at once instead of waiting for a timeout.
    await context.route((url) => url.origin !== base, (route) => route.abort());
    const tabs = [];
    for (let i = 0; i < Math.max(1, opts.workers); i++) tabs.push(await context.newPage());
    await keyboardChecks(tabs[0], base, "/");
    await keyboardChecks(tabs[0], base, ITEM_PAGE);
    for (const mode of MODES) {
      // The mode lives in localStorage, shared by the tabs: set it once, then audit.
      await setMode(tabs[0], base, mode);
      let next = 0;
      for (const tab of tabs) await tab.setViewportSize({ width: mode.width, height: 900 });
      await Promise.all(tabs.map(async (tab) => {
        while (next < pages.length) {
          const url = pages[next++];
          await audit(tab, base, url, mode);
        }
      }));
      console.log(`  ${mode.name}: ${pages.length} pages audited`);
    }
    await tabs[0].click('.a11y-toolbar [data-gs="reset"]').catch(() => {});
    if (opts.screenshots) await screenshots(context, base, opts.screenshots);
  } finally {
    await context.close();
    server.close();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (results.failed.length) {
    console.log(`\nFAILED checks:\n${results.failed.map((f) => `  ✗ ${f}`).join("\n")}\n`);
  }
  console.log(`browser test took ${seconds} s`);
  console.log(`${results.passed} passed, ${results.failed.length} failed`);
  process.exitCode = results.failed.length ? 1 : 0;
}

main().catch((e) => {
  console.error(`browser test could not run: ${e.stack || e}`);
  process.exitCode = 1;
});
