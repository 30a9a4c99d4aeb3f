/* govsite 站内搜索: reads the sharded index under /search/ (format: docs/search.md).
   1. /search/manifest.json: counts, columns, each document's column, years as ranges.
   2. The query's terms — Chinese bigrams (a lone Chinese character as itself), Latin and
      number words, after folding full-width ASCII and lower-casing, exactly as
      src/search/tokens.rs — each live in shard fnv1a(term) % shards: only those load.
   3. A document matches when it holds every term; documents holding more terms in the
      title or 发文字号 rank first, then newer first (documents are numbered newest first).
   4. Only the result lines of the page shown load (/search/d/N.json, 100 a file).
   Results are built with DOM APIs and textContent only: no text is ever parsed as HTML. */
(function () {
  "use strict";

  var BASE = "/search/";
  var MAX_QUERY = 100;
  var PAGE_SIZE = 20;

  var container = document.getElementById("search-results");
  if (!container || !window.fetch || !window.TextEncoder || !window.Promise) return;
  var statusEl = document.getElementById("search-status");
  var listEl = document.getElementById("search-list");
  var noJs = document.getElementById("search-nojs");
  if (noJs) noJs.hidden = true;
  var started = window.performance ? performance.now() : 0;

  /* ---- terms: the same folding and splitting as src/search/tokens.rs ---- */

  function fold(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
      else if (c === 0x3000) c = 0x20;
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
      out += String.fromCharCode(c);
    }
    return out;
  }
  function isHan(c) {
    return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
  }
  function isWord(c) {
    return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
  }

  /* The query's terms: a Chinese run's bigrams (the index also holds each run's first and
     last character, for one-character runs such as the 号 of "58号"), whole words. */
  function termsOf(query) {
    var q = fold(query);
    var out = [];
    var seen = {};
    function add(t) {
      if (t && !seen[t]) {
        seen[t] = true;
        out.push(t);
      }
    }
    var i = 0;
    while (i < q.length) {
      var c = q.charCodeAt(i);
      var j = i;
      if (isHan(c)) {
        while (j < q.length && isHan(q.charCodeAt(j))) j++;
        if (j - i === 1) add(q.charAt(i));
        for (var k = i; k + 1 < j; k++) add(q.substr(k, 2));
      } else if (isWord(c)) {
        while (j < q.length && isWord(q.charCodeAt(j))) j++;
        add(q.slice(i, Math.min(j, i + 32)));
      } else {
        j = i + 1;
      }
      i = j;
    }
    return out;
  }

  function hash(term) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  }

  /* ---- the index ---- */

  function get(url, kind) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return kind === "bytes" ? r.arrayBuffer() : r.json();
    });
  }

  function varint(b, pos) {
    var value = 0;
    var mul = 1;
    for (;;) {
      if (pos.at >= b.length) throw new Error("truncated shard");
      var byte = b[pos.at++];
      value += (byte & 0x7f) * mul;
      if (byte < 0x80) return value;
      mul *= 128;
    }
  }

  function list(b, pos) {
    var header = varint(b, pos);
    var len = Math.floor(header / 2);
    var end = pos.at + len;
    var docs = [];
    if (header & 1) {
      for (var i = pos.at; i < end; i++) {
        var byte = b[i];
        for (var bit = 0; byte && bit < 8; bit++) if (byte & (1 << bit)) docs.push((i - pos.at) * 8 + bit);
      }
    } else {
      var sub = { at: pos.at };
      var prev = -1;
      while (sub.at < end) {
        prev += varint(b, sub) + 1;
        docs.push(prev);
      }
    }
    pos.at = end;
    return docs;
  }

  function skipList(b, pos) {
    // Read the header first: `pos.at += varint(...)` would add to the old position.
    var len = Math.floor(varint(b, pos) / 2);
    pos.at += len;
  }

  function sameBytes(b, at, want) {
    for (var i = 0; i < want.length; i++) if (b[at + i] !== want[i]) return false;
    return true;
  }

  /* The lists of the wanted terms found in one shard: { term: {t: [...], r: [...]} }. */
  function readShard(buffer, wanted, found) {
    var b = new Uint8Array(buffer);
    var pos = { at: 0 };
    while (pos.at < b.length) {
      var len = varint(b, pos);
      var hit = null;
      for (var i = 0; i < wanted.length; i++) {
        if (wanted[i].bytes.length === len && sameBytes(b, pos.at, wanted[i].bytes)) hit = wanted[i].term;
      }
      pos.at += len;
      if (hit) {
        found[hit] = { t: list(b, pos), r: list(b, pos) };
      } else {
        skipList(b, pos);
        skipList(b, pos);
      }
    }
  }

  /* The lists of every term, from the shards the terms hash to. */
  function loadTerms(shards, terms) {
    var enc = new TextEncoder();
    var byShard = {};
    terms.forEach(function (t) {
      var s = hash(t) % shards;
      (byShard[s] = byShard[s] || []).push({ term: t, bytes: enc.encode(t) });
    });
    var found = {};
    return Promise.all(
      Object.keys(byShard).map(function (s) {
        return get(BASE + "s/" + s + ".bin", "bytes").then(function (buf) {
          readShard(buf, byShard[s], found);
        });
      })
    ).then(function () {
      return found;
    });
  }

  function union(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
      else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
      else {
        out.push(a[i++]);
        j++;
      }
    }
    return out;
  }

  function intersect(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else {
        out.push(a[i++]);
        j++;
      }
    }
    return out;
  }

  function columnsOf(manifest) {
    var raw = atob(manifest.col || "");
    var w = manifest.colw === 2 ? 2 : 1;
    var col = [];
    for (var i = 0; i + w - 1 < raw.length; i += w) {
      col.push(raw.charCodeAt(i) + (w === 2 ? raw.charCodeAt(i + 1) * 256 : 0) - 1);
    }
    return col;
  }

  /* Matching documents, best first, after the column and year filters. */
  function rank(manifest, terms, found, filter) {
    var docs = null;
    for (var i = 0; i < terms.length; i++) {
      var f = found[terms[i]];
      if (!f) return [];
      var all = union(f.t, f.r);
      docs = docs === null ? all : intersect(docs, all);
    }
    var inTitle = {};
    terms.forEach(function (t) {
      found[t].t.forEach(function (d) {
        inTitle[d] = (inTitle[d] || 0) + 1;
      });
    });
    var cols = filter.column >= 0 ? columnsOf(manifest) : null;
    var hits = (docs || []).filter(function (d) {
      if (filter.year && (d < filter.year[1] || d >= filter.year[2])) return false;
      if (!cols) return true;
      for (var c = cols[d]; c >= 0; c = manifest.columns[c].p) if (c === filter.column) return true;
      return false;
    });
    hits.sort(function (a, b) {
      return (inTitle[b] || 0) - (inTitle[a] || 0) || a - b;
    });
    return hits;
  }

  /* ---- results ---- */

  /* Which code units of `text` fall inside a match of a term. Folding keeps lengths, so
     positions in the folded text are positions in the original. Words match whole. */
  function markMask(text, terms) {
    var s = fold(text);
    var mask = [];
    for (var i = 0; i < s.length; i++) mask.push(false);
    terms.forEach(function (t) {
      var word = isWord(t.charCodeAt(0));
      for (var at = s.indexOf(t); at >= 0; at = s.indexOf(t, at + 1)) {
        var end = at + t.length;
        if (word && ((at > 0 && isWord(s.charCodeAt(at - 1))) || (end < s.length && isWord(s.charCodeAt(end))))) continue;
        for (var p = at; p < end; p++) mask[p] = true;
      }
    });
    return mask;
  }

  /* Appends `text` to `parent`, matched parts in <mark>. */
  function appendHighlighted(parent, text, terms) {
    var mask = markMask(text, terms);
    var i = 0;
    while (i < text.length) {
      var j = i;
      while (j < text.length && mask[j] === mask[i]) j++;
      var part = text.slice(i, j);
      if (mask[i]) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(part));
      }
      i = j;
    }
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function safeHref(u) {
    return /^(\/(?!\/)|https?:\/\/)/i.test(u) ? u : "#";
  }

  function metaSpan(parent, label, value, terms) {
    if (!value) return;
    var span = el("span", "", label);
    if (terms) appendHighlighted(span, value, terms);
    else span.appendChild(document.createTextNode(value));
    parent.appendChild(span);
    parent.appendChild(document.createTextNode(" "));
  }

  /* line: [title, url, date, 发文字号, summary] */
  function renderHit(line, column, terms) {
    var li = el("li");
    var h2 = el("h2");
    var a = el("a");
    a.href = safeHref(String(line[1] || ""));
    appendHighlighted(a, String(line[0] || ""), terms);
    h2.appendChild(a);
    li.appendChild(h2);
    var meta = el("p", "search-meta");
    metaSpan(meta, "发布日期：", String(line[2] || ""), null);
    metaSpan(meta, "栏目：", column, null);
    metaSpan(meta, "文号：", String(line[3] || ""), terms);
    li.appendChild(meta);
    if (line[4]) {
      var p = el("p", "search-excerpt");
      appendHighlighted(p, String(line[4]), terms);
      li.appendChild(p);
    }
    return li;
  }

  /* Loads the result lines of `ids`, requesting chunks in the order of the results and
     calling onLine(position) as soon as every line up to that position is there, so the
     first results show while later chunks are still on their way. */
  function loadLines(manifest, ids, onLine) {
    var chunk = manifest.chunk || 100;
    var order = [];
    ids.forEach(function (d) {
      var c = Math.floor(d / chunk);
      if (order.indexOf(c) < 0) order.push(c);
    });
    var lines = {};
    var next = 0;
    function flush() {
      while (next < ids.length && lines[ids[next]] !== undefined) onLine(next++, lines[ids[next - 1]]);
    }
    return Promise.all(
      order.map(function (c) {
        return get(BASE + "d/" + c + ".json", "json").then(function (arr) {
          for (var i = 0; i < chunk; i++) lines[c * chunk + i] = arr[i] || null;
          flush();
        });
      })
    );
  }

  function addSitemapHint(text) {
    var p = el("p", "search-hint", text);
    var a = el("a", "", "网站地图");
    a.href = "/sitemap/";
    p.appendChild(a);
    p.appendChild(document.createTextNode("按栏目查找信息。"));
    container.appendChild(p);
  }

  function nothing(query, why) {
    statusEl.textContent = "没有找到与“" + query + "”相关的信息。";
    addSitemapHint(why + "也可以通过");
  }

  /* ---- the page: query string, filters, pager ---- */

  function params() {
    var out = {};
    window.location.search.replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var kv = pair.split("=");
      var v = (kv[1] || "").replace(/\+/g, " ");
      try {
        v = decodeURIComponent(v);
      } catch (e) {
        /* malformed percent-encoding: keep it as typed */
      }
      out[kv[0]] = v;
    });
    return out;
  }

  function hrefFor(state, page) {
    var q = "?q=" + encodeURIComponent(state.q);
    if (state.c) q += "&c=" + encodeURIComponent(state.c);
    if (state.y) q += "&y=" + encodeURIComponent(state.y);
    if (page > 1) q += "&p=" + page;
    return BASE + q;
  }

  function fillFilters(manifest, state) {
    var wrap = document.getElementById("search-filters");
    var colSel = document.getElementById("search-column");
    var yearSel = document.getElementById("search-year");
    if (!wrap || !colSel || !yearSel) return;
    function depth(i) {
      var d = 0;
      for (var p = manifest.columns[i].p; p >= 0 && d < 10; p = manifest.columns[p].p) d++;
      return d;
    }
    manifest.columns.forEach(function (c, i) {
      var o = el("option", "", new Array(depth(i) + 1).join("　") + c.t);
      o.value = c.u;
      o.selected = c.u === state.c;
      colSel.appendChild(o);
    });
    manifest.years.forEach(function (y) {
      var o = el("option", "", y[0] + "年");
      o.value = String(y[0]);
      o.selected = String(y[0]) === state.y;
      yearSel.appendChild(o);
    });
    wrap.hidden = false;
  }

  function pager(state, page, pages) {
    if (pages <= 1) return;
    var nav = el("nav", "pagination");
    nav.setAttribute("aria-label", "搜索结果分页");
    var ul = el("ul");
    function item(label, n, current, rel) {
      var li = el("li");
      var a = el("a", "", label);
      a.href = hrefFor(state, n);
      if (current) a.setAttribute("aria-current", "page");
      if (rel) a.rel = rel;
      li.appendChild(a);
      ul.appendChild(li);
    }
    if (page > 1) item("上一页", page - 1, false, "prev");
    var from = Math.max(1, page - 4);
    var to = Math.min(pages, from + 9);
    for (var n = from; n <= to; n++) item(String(n), n, n === page, "");
    if (page < pages) item("下一页", page + 1, false, "next");
    nav.appendChild(ul);
    nav.appendChild(el("p", "pagination-summary", "第 " + page + " 页，共 " + pages + " 页"));
    container.appendChild(nav);
  }

  function show(manifest, state, terms, hits) {
    var pages = Math.max(1, Math.ceil(hits.length / PAGE_SIZE));
    var page = Math.min(Math.max(1, parseInt(state.p, 10) || 1), pages);
    var ids = hits.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    var cols = columnsOf(manifest);
    statusEl.textContent =
      "找到 " + hits.length + " 条与“" + state.q + "”相关的信息" + (pages > 1 ? "，第 " + page + " 页，共 " + pages + " 页" : "") + "。";
    return loadLines(manifest, ids, function (i, line) {
      if (i === 0 && started) container.setAttribute("data-first-ms", String(Math.round(performance.now() - started)));
      if (!line) return;
      var c = cols[ids[i]];
      listEl.appendChild(renderHit(line, c >= 0 && manifest.columns[c] ? manifest.columns[c].t : "", terms));
    }).then(function () {
      pager(state, page, pages);
    });
  }

  function filterOf(manifest, state) {
    var filter = { column: -1, year: null };
    manifest.columns.forEach(function (c, i) {
      if (c.u === state.c) filter.column = i;
    });
    manifest.years.forEach(function (y) {
      if (String(y[0]) === state.y) filter.year = y;
    });
    if (state.y && !filter.year) filter.year = [0, 0, 0];
    return filter;
  }

  function finish(error) {
    if (error) {
      container.setAttribute("data-error", String(error));
      statusEl.textContent = "搜索暂时无法使用，请稍后重试。";
      addSitemapHint("您也可以通过");
    } else if (started) {
      var ms = String(Math.round(performance.now() - started));
      container.setAttribute("data-ms", ms);
      if (!container.hasAttribute("data-first-ms")) container.setAttribute("data-first-ms", ms);
    }
    container.setAttribute("data-done", "true");
  }

  function run() {
    var p = params();
    var state = { q: (p.q || "").replace(/\s+/g, " ").trim().slice(0, MAX_QUERY), c: p.c || "", y: p.y || "", p: p.p || "1" };
    var inputs = document.querySelectorAll('input[name="q"]');
    for (var i = 0; i < inputs.length; i++) inputs[i].value = state.q;
    var terms = termsOf(state.q);
    // The page states the shard count, so the shards load alongside the manifest.
    var shards = parseInt(container.getAttribute("data-shards"), 10);
    var manifestLoad = get(BASE + "manifest.json", "json");
    var termsLoad = state.q && terms.length && shards > 0 ? loadTerms(shards, terms) : null;
    if (termsLoad) termsLoad.catch(function () {});
    manifestLoad
      .then(function (manifest) {
        fillFilters(manifest, state);
        if (!state.q) {
          statusEl.textContent = "请输入要搜索的关键词。";
          return;
        }
        document.title = "“" + state.q + "”的搜索结果 - " + document.title;
        if (!terms.length) {
          nothing(state.q, "请输入包含文字或数字的关键词；");
          return;
        }
        statusEl.textContent = "正在搜索……";
        if (!termsLoad || manifest.shards !== shards) termsLoad = loadTerms(manifest.shards, terms);
        return termsLoad.then(function (found) {
          var hits = rank(manifest, terms, found, filterOf(manifest, state));
          if (!hits.length) {
            nothing(state.q, state.c || state.y ? "请取消栏目或年份筛选后重试；" : "请检查关键词是否有误，或减少、更换关键词后重试；");
            return;
          }
          return show(manifest, state, terms, hits);
        });
      })
      .then(function () {
        finish(null);
      }, finish);
  }

  run();
})();
