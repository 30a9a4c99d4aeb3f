// Browser test of `govsite serve` in real (headless) Chromium over the DevTools protocol:
// the page reloads itself after an edit, the error overlay appears after a breaking
// change, its close button works, and it clears after the fix.
//
//   node --experimental-websocket tests/browser/serve-live-reload.mjs [path/to/govsite]
//
// Needs Node.js 20+ and `chromium` on PATH (or CHROMIUM=/path). Exit code 0 on success.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const binary = process.argv[2] || path.join(repo, 'target/debug/govsite');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govsite-browser-'));
const site = path.join(tmp, 'site');
fs.cpSync(path.join(repo, 'starter-site'), site, { recursive: true, filter: p => !p.includes(`${path.sep}public`) });
const children = [];
const sleep = ms => new Promise(r => setTimeout(r, ms));
let failed = false;

async function cleanUp() {
  const exited = children.map(child => child.exitCode !== null ? null : new Promise(resolve => child.once('exit', resolve)));
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(exited);
  try { fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }); } catch { /* a temporary folder */ }
}

async function waitFor(what, probe, ms = 10000) {
  const started = Date.now();
  while (Date.now() - started < ms) {
    try { const value = await probe(); if (value) return value; } catch { /* not yet */ }
    await sleep(50);
  }
  throw new Error(`timed out: ${what}`);
}

async function startServer() {
  const server = spawn(binary, ['serve', site, '--port', '0', '--as-of', '2026-11-27'], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(server);
  let log = '';
  server.stderr.on('data', chunk => { log += chunk; });
  return waitFor('the server URL', () => log.match(/http:\/\/[^\s]+/)?.[0], 60000);
}

async function startBrowser() {
  const profile = path.join(tmp, 'profile');
  const browser = spawn(process.env.CHROMIUM || 'chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
  children.push(browser);
  const port = await waitFor('DevTools port', () => fs.readFileSync(path.join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0]);
  const list = await waitFor('a page target', async () => (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()).find(t => t.type === 'page'));
  const ws = new WebSocket(list.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  let id = 0;
  const pending = new Map();
  ws.onmessage = event => { const m = JSON.parse(event.data); pending.get(m.id)?.(m); pending.delete(m.id); };
  const send = (method, params = {}) => new Promise(resolve => { const i = ++id; pending.set(i, resolve); ws.send(JSON.stringify({ id: i, method, params })); });
  const evaluate = async expression => (await send('Runtime.evaluate', { expression, returnByValue: true })).result?.result?.value;
  return { ws, send, evaluate };
}

async function check(name, body) {
  try { await body(); console.log(`ok   ${name}`); } catch (e) { failed = true; console.log(`FAIL ${name}: ${e.message}`); }
}

try {
  const url = await startServer();
  const { ws, send, evaluate } = await startBrowser();
  const edit = (file, from, to) => {
    const p = path.join(site, file);
    const text = fs.readFileSync(p, 'utf8');
    if (!text.includes(from)) throw new Error(`${file} lacks ${from}`);
    fs.writeFileSync(p, text.replace(from, to));
  };
  await send('Page.navigate', { url: `${url}zwdt/2026-11-25-executive-meeting/` });
  await check('the page loads with the live-reload script', () => waitFor('load', () => evaluate("document.readyState === 'complete' && !!document.getElementById('govsite-build')")));
  await sleep(300); // let the event stream connect
  await check('an edit reloads the page', async () => {
    await evaluate('window.__before = 1');
    edit('content/zwdt/2026-11-25-executive-meeting.md', '市人民政府召开第42次常务会议', '市人民政府召开第43次常务会议');
    await waitFor('reload', () => evaluate("window.__before === undefined && document.querySelector('h1').textContent.includes('第43次')"));
  });
  await check('a breaking change shows the overlay over the last good page', async () => {
    edit('site.yaml', 'id_code: "5301000001"', 'id_code: "53010000011"');
    await waitFor('overlay', () => evaluate("(document.getElementById('govsite-overlay')?.textContent || '').includes('GOV101') && document.querySelector('h1').textContent.includes('第43次')"));
  });
  await check('the overlay can be closed', async () => {
    await evaluate("document.getElementById('govsite-overlay-close').click()");
    await waitFor('closed', () => evaluate("!document.getElementById('govsite-overlay')"));
  });
  await check('the fix clears the overlay', async () => {
    await evaluate('window.__before = 1');
    edit('site.yaml', 'id_code: "53010000011"', 'id_code: "5301000001"');
    await waitFor('cleared', () => evaluate("window.__before === undefined && !!document.getElementById('govsite-build') && !document.getElementById('govsite-overlay')"));
  });
  ws.close();
} catch (e) {
  failed = true;
  console.log(`FAIL ${e.message}`);
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);
