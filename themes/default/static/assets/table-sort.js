/* govsite: sortable tables (the 信息公开目录). Progressive enhancement: without JavaScript
   the table is a plain table, newest first. With it, each header of a table marked
   data-sortable becomes a button; pressing it sorts the rows by that column, ascending
   then descending, and the header carries aria-sort so screen readers announce the order.
   Dates (YYYY-MM-DD) and plain numbers compare as such, other text in Chinese collation. */
(function () {
  "use strict";

  var collator = window.Intl && Intl.Collator ? new Intl.Collator("zh-CN", { numeric: true }) : null;

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? (cell.textContent || "").trim() : "";
  }

  function compare(a, b) {
    if (a === b) return 0;
    if (a === "") return 1;
    if (b === "") return -1;
    if (/^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b)) return parseFloat(a) - parseFloat(b);
    if (collator) return collator.compare(a, b);
    return a < b ? -1 : 1;
  }

  function sortBy(table, headers, index) {
    var th = headers[index];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (r, i) {
      r.setAttribute("data-order", String(i));
    });
    rows.sort(function (x, y) {
      var c = compare(cellText(x, index), cellText(y, index));
      if (!ascending) c = -c;
      // Stable: equal cells keep their current order.
      return c || parseInt(x.getAttribute("data-order"), 10) - parseInt(y.getAttribute("data-order"), 10);
    });
    rows.forEach(function (r) {
      r.removeAttribute("data-order");
      body.appendChild(r);
    });
    headers.forEach(function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var status = document.getElementById(table.getAttribute("data-sort-status") || "");
    if (status) {
      status.textContent = "已按“" + th.getAttribute("data-label") + "”" + (ascending ? "升序" : "降序") + "排列";
    }
  }

  function enhance(table) {
    var head = table.tHead;
    if (!head || !head.rows.length || !table.tBodies.length) return;
    var headers = Array.prototype.slice.call(head.rows[0].cells);
    headers.forEach(function (th, index) {
      var label = (th.textContent || "").trim();
      th.setAttribute("data-label", label);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      button.textContent = label;
      button.setAttribute("title", "按" + label + "排序");
      button.addEventListener("click", function () {
        sortBy(table, headers, index);
      });
      th.textContent = "";
      th.appendChild(button);
    });
  }

  var tables = document.querySelectorAll("table[data-sortable]");
  for (var i = 0; i < tables.length; i++) enhance(tables[i]);
})();
