/* Sortable tables: a click on a heading with data-sort orders the rows by that column (a second click
 * reverses); a cell's data-sort-value is used when it has one, else its text. The heading carries
 * aria-sort, so the current order is announced and styled. */
(function () {
  "use strict";

  function key(cell, numeric) {
    var raw = cell ? (cell.hasAttribute("data-sort-value") ? cell.getAttribute("data-sort-value") : cell.textContent) : "";
    raw = raw.trim();
    if (!numeric) { return raw; }
    var n = parseFloat(raw.replace(/,/g, ""));
    return isNaN(n) ? null : n;
  }

  function compare(a, b, numeric) {
    if (a === b) { return 0; }
    if (a === null || a === "") { return 1; }   // empty cells last either way
    if (b === null || b === "") { return -1; }
    return numeric ? a - b : String(a).localeCompare(String(b), "zh-CN");
  }

  function sortBy(table, th) {
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute("data-sort") === "number";
    var descending = th.getAttribute("aria-sort") !== "descending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.cells.length > index; });
    rows.sort(function (ra, rb) {
      var c = compare(key(ra.cells[index], numeric), key(rb.cells[index], numeric), numeric);
      return descending ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
      Array.prototype.forEach.call(table.querySelectorAll("thead th[data-sort]"), function (th) {
        th.setAttribute("tabindex", "0");
        th.setAttribute("role", "button");
        th.addEventListener("click", function () { sortBy(table, th); });
        th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, th); } });
      });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
