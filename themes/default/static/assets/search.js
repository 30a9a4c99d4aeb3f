/* govsite: client-side 站内搜索 over /search/index.json.
   Index entries: { t: title, u: url, d: "YYYY-MM-DD", c: column, n: doc number, x: excerpt }.
   Matching: the query is split into Chinese runs and Latin/number words (after NFKC and
   lower-casing, so full-width ＡＢＣ１２ match abc12). A Chinese run of two or more characters
   must have every character bigram in the entry; a single Chinese character and a Latin word
   match by substring. Every term must occur in the title, column, doc number or excerpt. Entries whose title holds all the terms come
   first, then those whose title holds some, then the rest; newer first within a rank.
   Output is built with DOM APIs and textContent only: the query is never parsed as HTML. */
(function () {
  "use strict";

  var MAX_QUERY = 100;
  var PAGE_SIZE = 50;
  var EXCERPT_LEN = 160;
  var CJK = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
  var TOKEN = new RegExp("([" + CJK + "]+)|([0-9a-z\\u00c0-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff]+)", "g");

  var container = document.getElementById("search-results");
  if (!container) return;
  var statusEl = document.getElementById("search-status");
  var listEl = document.getElementById("search-list");
  var noJs = document.getElementById("search-nojs");
  if (noJs) noJs.hidden = true;

  function norm(s) {
    s = String(s || "");
    if (s.normalize) s = s.normalize("NFKC");
    return s.toLowerCase();
  }

  function readQuery() {
    var m = /[?&]q=([^&#]*)/.exec(window.location.search);
    if (!m) return "";
    var raw = m[1].replace(/\+/g, " ");
    try {
      raw = decodeURIComponent(raw);
    } catch (e) {
      /* malformed percent-encoding: use it as typed */
    }
    return raw.replace(/\s+/g, " ").trim().slice(0, MAX_QUERY);
  }

  /* The search terms of a query, without duplicates. */
  function termsOf(query) {
    var out = [];
    var seen = {};
    function add(t) {
      if (t && !seen[t]) {
        seen[t] = true;
        out.push(t);
      }
    }
    var q = norm(query);
    var m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(q)) !== null) {
      if (m[1]) {
        var run = m[1];
        if (run.length === 1) {
          add(run);
        } else {
          for (var i = 0; i + 1 < run.length; i++) add(run.substr(i, 2));
        }
      } else {
        add(m[2]);
      }
    }
    return out;
  }

  function prepare(entries) {
    var out = [];
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i];
      if (!e || typeof e.t !== "string" || typeof e.u !== "string") continue;
      out.push({
        t: e.t, u: e.u, d: String(e.d || ""), c: String(e.c || ""), n: String(e.n || ""), x: String(e.x || ""),
        nt: norm(e.t), nc: norm(e.c), nn: norm(e.n), nx: norm(e.x)
      });
    }
    return out;
  }

  function rank(entry, terms) {
    var inTitle = 0;
    var score = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      var hitT = entry.nt.indexOf(t) >= 0;
      var hitN = entry.nn.indexOf(t) >= 0;
      var hitC = entry.nc.indexOf(t) >= 0;
      var hitX = entry.nx.indexOf(t) >= 0;
      if (!(hitT || hitN || hitC || hitX)) return null;
      if (hitT) {
        inTitle++;
        score += 10;
      }
      if (hitN) score += 6;
      if (hitC) score += 2;
      if (hitX) score += 1;
    }
    return { entry: entry, tier: inTitle === terms.length ? 0 : inTitle > 0 ? 1 : 2, score: score };
  }

  function search(entries, terms) {
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var r = rank(entries[i], terms);
      if (r) hits.push(r);
    }
    hits.sort(function (a, b) {
      if (a.tier !== b.tier) return a.tier - b.tier;
      if (a.score !== b.score) return b.score - a.score;
      if (a.entry.d !== b.entry.d) return a.entry.d < b.entry.d ? 1 : -1;
      return a.entry.t < b.entry.t ? -1 : a.entry.t > b.entry.t ? 1 : 0;
    });
    return hits;
  }

  /* Normalised text plus, for each normalised code unit, the range of the original it came from. */
  function mapText(text) {
    var s = "";
    var starts = [];
    var ends = [];
    for (var i = 0; i < text.length; i++) {
      var n = norm(text.charAt(i));
      for (var k = 0; k < n.length; k++) {
        starts.push(i);
        ends.push(i + 1);
      }
      s += n;
    }
    return { s: s, starts: starts, ends: ends };
  }

  /* Which code units of `text` fall inside a match of any term. */
  function markMask(text, terms) {
    var mask = [];
    for (var i = 0; i < text.length; i++) mask.push(false);
    var m = mapText(text);
    for (var j = 0; j < terms.length; j++) {
      var t = terms[j];
      var at = m.s.indexOf(t);
      while (at >= 0) {
        var from = m.starts[at];
        var to = m.ends[at + t.length - 1];
        for (var p = from; p < to; p++) mask[p] = true;
        at = m.s.indexOf(t, at + 1);
      }
    }
    return mask;
  }

  /* Append `text` to `parent`, wrapping matched parts in <mark>. */
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

  /* A window of the excerpt around its first match. */
  function excerptOf(text, terms) {
    if (text.length <= EXCERPT_LEN) return text;
    var mask = markMask(text, terms);
    var first = mask.indexOf(true);
    var start = first > 40 ? first - 40 : 0;
    var end = Math.min(text.length, start + EXCERPT_LEN);
    start = Math.max(0, end - EXCERPT_LEN);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function safeHref(u) {
    return /^(\/(?!\/)|https?:\/\/)/i.test(u) ? u : "#";
  }

  function metaSpan(parent, label, value, terms) {
    if (!value) return;
    var span = document.createElement("span");
    span.appendChild(document.createTextNode(label));
    if (terms) appendHighlighted(span, value, terms);
    else span.appendChild(document.createTextNode(value));
    parent.appendChild(span);
    parent.appendChild(document.createTextNode(" "));
  }

  function renderHit(entry, terms) {
    var li = document.createElement("li");
    var h2 = document.createElement("h2");
    var a = document.createElement("a");
    a.href = safeHref(entry.u);
    appendHighlighted(a, entry.t, terms);
    h2.appendChild(a);
    li.appendChild(h2);

    var meta = document.createElement("p");
    meta.className = "search-meta";
    metaSpan(meta, "发布日期：", entry.d, null);
    metaSpan(meta, "栏目：", entry.c, terms);
    metaSpan(meta, "文号：", entry.n, terms);
    li.appendChild(meta);

    if (entry.x) {
      var p = document.createElement("p");
      p.className = "search-excerpt";
      appendHighlighted(p, excerptOf(entry.x, terms), terms);
      li.appendChild(p);
    }
    return li;
  }

  function setStatus(text) {
    statusEl.textContent = text;
  }

  function addSitemapHint(text) {
    var p = document.createElement("p");
    p.className = "search-hint";
    p.appendChild(document.createTextNode(text));
    var a = document.createElement("a");
    a.href = "/sitemap/";
    a.textContent = "网站地图";
    p.appendChild(a);
    p.appendChild(document.createTextNode("按栏目查找信息。"));
    container.appendChild(p);
  }

  function showResults(query, hits, terms) {
    if (!hits.length) {
      setStatus("未找到与“" + query + "”相关的结果。");
      addSitemapHint("请检查关键词是否有误，或减少、更换关键词后重试；也可以通过");
      return;
    }
    setStatus("找到 " + hits.length + " 条与“" + query + "”相关的结果。");
    var shown = 0;
    var moreWrap = null;

    function showMore(moveFocus) {
      var end = Math.min(hits.length, shown + PAGE_SIZE);
      var firstNew = null;
      for (var i = shown; i < end; i++) {
        var li = renderHit(hits[i].entry, terms);
        if (!firstNew) firstNew = li;
        listEl.appendChild(li);
      }
      shown = end;
      if (moveFocus && firstNew) firstNew.querySelector("a").focus();
      if (shown >= hits.length && moreWrap) {
        moreWrap.parentNode.removeChild(moreWrap);
        moreWrap = null;
      }
    }

    showMore(false);
    if (shown < hits.length) {
      moreWrap = document.createElement("p");
      moreWrap.className = "search-more";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button-primary";
      button.textContent = "显示更多搜索结果";
      button.addEventListener("click", function () {
        showMore(true);
      });
      moreWrap.appendChild(button);
      container.appendChild(moreWrap);
    }
  }

  function loadIndex(url, done, fail) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url, true);
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) return;
      if (xhr.status >= 200 && xhr.status < 300) {
        var data;
        try {
          data = JSON.parse(xhr.responseText);
        } catch (e) {
          fail();
          return;
        }
        if (Object.prototype.toString.call(data) === "[object Array]") done(data);
        else fail();
      } else {
        fail();
      }
    };
    xhr.send();
  }

  var query = readQuery();
  var inputs = document.querySelectorAll('input[name="q"]');
  for (var i = 0; i < inputs.length; i++) inputs[i].value = query;

  if (!query) {
    setStatus("请输入要搜索的关键词。");
    return;
  }
  document.title = "“" + query + "”的搜索结果 - " + document.title;

  var terms = termsOf(query);
  if (!terms.length) {
    setStatus("未找到与“" + query + "”相关的结果。");
    addSitemapHint("请输入包含文字或数字的关键词；也可以通过");
    return;
  }

  setStatus("正在搜索……");
  loadIndex(
    container.getAttribute("data-index") || "/search/index.json",
    function (data) {
      showResults(query, search(prepare(data), terms), terms);
    },
    function () {
      setStatus("搜索暂时无法使用，请稍后重试。");
      addSitemapHint("您也可以通过");
    }
  );
})();
