/* zhibiao indicator charts: one ECharts chart per measure, periods on a time axis.
 *
 * Each point sits at the end of its period; a faint bar behind it spans the period (a half-year
 * figure spans January to June, a year-to-date figure January to its month), so figures of different
 * period types line up in time. One legend entry per period type. Approximate values (约, 超过, 近)
 * are hollow and dashed, derived values are diamonds, conflicting cells carry a red ring. Hovering a
 * point shows its value and source; clicking it opens the evidence view.
 *
 * The data comes from <script id="charts-data"> (the same list the page's JSON twin has under
 * "charts"); window.zhibiaoCharts keeps each chart and its points for tests and for the console.
 */
(function () {
  "use strict";
  var COLORS = { Y: "#1f4e9c", H: "#d9480f", Q: "#2b8a3e", M: "#7048e8", YTD: "#c2255c", point: "#0b7285", range: "#868e96" };
  var NAMES = { Y: "年度 year", H: "半年 half-year", Q: "季度 quarter", M: "月度 month", YTD: "累计 year to date",
                point: "时点 date", range: "区间 span" };
  // A line joins two points of one period type only when they are adjacent periods.
  var MAX_GAP_DAYS = { Y: 400, H: 200, Q: 100, M: 35, point: 100000 };
  var DAY = 86400000;

  function ms(iso) { return Date.parse(iso + "T00:00:00Z"); }

  function trim(x, digits) {
    var s = x.toFixed(digits);
    return s.indexOf(".") >= 0 ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
  }

  function fmt(v, unit) {
    if (v === null || v === undefined) { return "—"; }
    var a = Math.abs(v);
    if (unit === "CNY" || unit === "USD") {
      var cur = unit === "CNY" ? "元" : "美元";
      if (a >= 1e12) { return trim(v / 1e12, 2) + "万亿" + cur; }
      if (a >= 1e8) { return trim(v / 1e8, 2) + "亿" + cur; }
      if (a >= 1e4) { return trim(v / 1e4, 2) + "万" + cur; }
      return trim(v, 0) + cur;
    }
    if (unit === "count" || unit === "t") {
      var u = unit === "t" ? "吨" : "";
      if (a >= 1e8) { return trim(v / 1e8, 2) + "亿" + u; }
      if (a >= 1e4) { return trim(v / 1e4, 2) + "万" + u; }
      return trim(v, 0) + u;
    }
    if (unit === "pp" || unit === "%") {
      var text = Math.round(v * 10) / 10 === v ? v.toFixed(1) : v.toFixed(2);
      return text + (unit === "pp" ? "个百分点" : "%");
    }
    return trim(v, 2) + (unit || "");
  }

  // Axis labels stay short (the unit is in the chart's title): 5%, 0.2, 120万亿, 293万.
  function axisFmt(v, unit) {
    if (unit === "%") { return trim(v, 2) + "%"; }
    if (unit === "pp") { return trim(v, 2); }
    return fmt(v, unit).replace(/美元$|元$|吨$/, "");
  }

  function esc(s) {
    return String(s === null || s === undefined ? "" : s).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function runs(points, type) {
    // Indices of the points of one period type, split where a line would bridge a gap.
    var idx = [];
    points.forEach(function (p, i) { if (p.period_type === type) { idx.push(i); } });
    idx.sort(function (a, b) { return ms(points[a].end) - ms(points[b].end); });
    var out = [], cur = [];
    idx.forEach(function (i) {
      if (cur.length) {
        var prev = points[cur[cur.length - 1]], p = points[i];
        var gap = (ms(p.end) - ms(prev.end)) / DAY;
        var broken = type === "YTD" ? p.end.slice(0, 4) !== prev.end.slice(0, 4)
          : type === "range" ? true : gap > (MAX_GAP_DAYS[type] || 400);
        if (broken) { out.push(cur); cur = []; }
      }
      cur.push(i);
    });
    if (cur.length) { out.push(cur); }
    return out;
  }

  function pointItem(p, i, color) {
    var approx = p.approx, derived = p.derived;
    return {
      value: [ms(p.end), p.value],
      p: i,
      symbol: derived ? "diamond" : (approx ? "emptyCircle" : "circle"),
      symbolSize: derived ? 12 : 9,
      itemStyle: approx ? { color: "#ffffff", borderColor: color, borderWidth: 2, borderType: "dashed" }
        : (derived ? { color: "#ffffff", borderColor: color, borderWidth: 2 } : { color: color })
    };
  }

  function tooltip(chart) {
    return function (params) {
      var d = params.data, p = d && d.p !== undefined ? chart.points[d.p] : null;
      if (!p) { return ""; }
      var lines = ["<b>" + esc(p.period_label) + "</b> <small>" + esc(p.period) + "</small>",
        "<span class='tt-value'>" + esc(p.value_text) + "</span> " + esc(p.measure_label.split(" ")[0]) +
          (p.basis_label ? " " + esc(p.basis_label.split(" ")[0]) : "") +
          (p.qualifier !== "exact" ? " <i>(" + esc(p.qualifier_label) + ")</i>" : ""),
        esc(p.subject) + (p.region ? " · " + esc(p.region) : ""),
        "来源 source: " + esc(p.doc) + (p.published ? " (" + esc(p.published) + ")" : "") +
          " · " + p.stories + " 个来源 sources" + (p.copies > p.stories ? ", " + p.copies + " 份 copies" : "")];
      if (p.derived) { lines.push("推算 derived: " + esc(p.derivation)); }
      if (p.conflict) { lines.push("<span class='tt-conflict'>冲突 conflict " + esc(p.dissent) + "</span>"); }
      if (p.vintage) { lines.push("版本 vintage: " + esc(p.vintage)); }
      (p.vintages || []).forEach(function (h) {
        lines.push("<span class='tt-history'>此前 earlier: " + esc(String(h.value)) + " " + esc(h.vintage || "") +
          " (" + esc(h.doc) + (h.published ? ", " + esc(h.published) : "") + ")</span>");
      });
      var quote = p.quote.length > 70 ? p.quote.slice(0, 70) + "…" : p.quote;
      lines.push("<span class='tt-quote'>“" + esc(quote) + "”</span>", "<small>点击查看原文 click for the evidence</small>");
      return lines.join("<br>");
    };
  }

  function option(chart) {
    var series = [], pts = chart.points;
    chart.period_types.forEach(function (type) {
      var color = COLORS[type] || "#555", name = NAMES[type] || type;
      var spans = [];
      pts.forEach(function (p, i) {
        if (p.period_type === type && p.start !== p.end) { spans.push([ms(p.start), ms(p.end) + DAY, p.value, i]); }
      });
      if (spans.length) {
        series.push({
          id: "span-" + type, name: name, type: "custom", silent: true, z: 1,
          encode: { x: [0, 1], y: 2 }, data: spans,
          renderItem: function (params, api) {
            var a = api.coord([api.value(0), api.value(2)]), b = api.coord([api.value(1), api.value(2)]);
            return { type: "rect", shape: { x: a[0], y: a[1] - 3, width: Math.max(b[0] - a[0], 1), height: 6 },
                     style: { fill: color, opacity: 0.22 } };
          }
        });
      }
      runs(pts, type).forEach(function (run, k) {
        series.push({
          id: "pts-" + type + "-" + k, name: name, type: type === "range" ? "scatter" : "line", z: 3,
          color: color, lineStyle: { width: 1.5, color: color }, showAllSymbol: true,
          emphasis: { scale: 1.6 },
          data: run.map(function (i) { return pointItem(pts[i], i, color); })
        });
      });
    });
    var conflicts = [];
    pts.forEach(function (p, i) { if (p.conflict) { conflicts.push({ value: [ms(p.end), p.value], p: i }); } });
    if (conflicts.length) {
      series.push({ id: "conflicts", name: "冲突 conflict", type: "scatter", z: 4, symbol: "emptyCircle",
                    symbolSize: 22, itemStyle: { color: "#e03131", borderColor: "#e03131", borderWidth: 2 },
                    data: conflicts });
    }
    // The axis covers the spans drawn, with a little room either side.
    var lo = Math.min.apply(null, pts.map(function (p) { return ms(p.start); }));
    var hi = Math.max.apply(null, pts.map(function (p) { return ms(p.end); }));
    var pad = Math.max((hi - lo) * 0.03, 20 * DAY);
    if (hi - lo < 300 * DAY) { pad = (365 * DAY - (hi - lo)) / 2; }  // a lone month still shows its year
    return {
      animation: false,
      color: chart.period_types.map(function (t) { return COLORS[t]; }),
      grid: { left: 64, right: 18, top: 42, bottom: 58 },
      legend: { type: "scroll", top: 4, data: chart.period_types.map(function (t) { return NAMES[t]; })
        .concat(conflicts.length ? ["冲突 conflict"] : []) },
      tooltip: { trigger: "item", confine: true, formatter: tooltip(chart), extraCssText: "max-width: 340px; white-space: normal;" },
      xAxis: { type: "time", min: lo - pad, max: hi + pad, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", scale: chart.measure === "level", axisLabel: { formatter: function (v) { return axisFmt(v, chart.unit); } } },
      dataZoom: [{ type: "slider", height: 16, bottom: 8, filterMode: "none" }, { type: "inside", zoomOnMouseWheel: "shift", filterMode: "none" }],
      series: series
    };
  }

  function draw() {
    var source = document.getElementById("charts-data");
    if (!source || typeof echarts === "undefined") { return; }
    var charts = JSON.parse(source.textContent);
    var registry = {};
    charts.forEach(function (chart) {
      var el = document.getElementById("chart-" + chart.id);
      if (!el || !chart.points.length) { return; }
      var instance = echarts.init(el, null, { renderer: "canvas" });
      instance.setOption(option(chart));
      instance.on("click", function (params) {
        var d = params.data;
        if (d && d.p !== undefined && chart.points[d.p]) { window.location.href = chart.points[d.p].evidence; }
      });
      registry[chart.id] = { chart: instance, points: chart.points, el: el };
      el.setAttribute("data-rendered", "true");
    });
    window.zhibiaoCharts = registry;
    window.addEventListener("resize", function () {
      Object.keys(registry).forEach(function (id) { registry[id].chart.resize(); });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
