/* zhibiao indicator charts: one ECharts chart per measure, periods on a time axis.
 *
 * Each point sits at the end of its period; a faint bar behind it spans the period (a half-year
 * figure spans January to June, a year-to-date figure January to its month), so figures of different
 * period types line up in time. One legend entry per period type, and one for each point style the
 * chart uses. Approximate values (约, 超过, 近) are white dots with a thick dashed outline in the series
 * colour, derived values white diamonds with a solid outline, conflicting cells carry a red ring: none
 * is ever white on white. Hovering a point shows its value and source; clicking it opens the evidence.
 *
 * The data comes from <script id="charts-data"> (the same list the page's JSON twin has under
 * "charts"), or <script id="compare-data"> on /compare (several series, one y axis per unit). The
 * charts share one dataZoom window, kept in the URL (?zoom=start,end); each can be saved as a PNG
 * (toolbox, or a [data-png] button). window.zhibiaoCharts keeps each chart and its points for tests.
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
  function axisFmt(v, unit, display) {
    if (display && display.scale) { return trim(v / display.scale, 2); }  // the unit (亿元, 万户) is in the title
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

  // Every point is drawn filled or with a coloured outline on a white fill, never white on white:
  // an exact value is a filled dot; an approximate one (约, 超过, 近) a white dot with a thick dashed
  // outline in its series colour; a derived one a white diamond with a solid outline.
  var APPROX_STYLE = function (color) { return { color: "#ffffff", borderColor: color, borderWidth: 2.5, borderType: "dashed" }; };
  var DERIVED_STYLE = function (color) { return { color: "#ffffff", borderColor: color, borderWidth: 2.5 }; };
  var KEY_COLOR = "#495057";
  var APPROX_NAME = "约/超过/近 approximate", DERIVED_NAME = "推算 derived", CONFLICT_NAME = "冲突 conflict";

  function pointItem(p, i, color) {
    var approx = p.approx, derived = p.derived;
    return {
      value: [ms(p.end), p.value],
      p: i,
      symbol: derived ? "diamond" : "circle",
      symbolSize: derived ? 13 : (approx ? 12 : 9),
      itemStyle: derived ? DERIVED_STYLE(color) : (approx ? APPROX_STYLE(color) : { color: color })
    };
  }

  // Legend entries for the point styles: empty series whose only job is to show the symbol.
  function keySeries(pts) {
    var out = [];
    if (pts.some(function (p) { return p.approx && !p.derived; })) {
      out.push({ id: "key-approx", name: APPROX_NAME, type: "scatter", data: [], symbol: "circle", symbolSize: 11,
                 itemStyle: APPROX_STYLE(KEY_COLOR) });
    }
    if (pts.some(function (p) { return p.derived; })) {
      out.push({ id: "key-derived", name: DERIVED_NAME, type: "scatter", data: [], symbol: "diamond", symbolSize: 12,
                 itemStyle: DERIVED_STYLE(KEY_COLOR) });
    }
    return out;
  }

  function toolbox(name) {
    return { right: 6, top: 0, itemSize: 14,
             feature: { saveAsImage: { name: name, title: "PNG", pixelRatio: 2, backgroundColor: "#ffffff" } } };
  }

  // The dataZoom window kept in the URL (?zoom=2020-01-01,2023-12-31), so a reload or a shared link
  // shows the same window.
  function zoomFromUrl() {
    var z = new URLSearchParams(window.location.search).get("zoom");
    var m = z && /^(\d{4}-\d{2}-\d{2}),(\d{4}-\d{2}-\d{2})$/.exec(z);
    return m ? [ms(m[1]), ms(m[2])] : null;
  }

  function zoomToUrl(instance) {
    var dz = instance.getOption().dataZoom[0], url = new URL(window.location.href);
    if (dz.start <= 0.01 && dz.end >= 99.99) { url.searchParams.delete("zoom"); } else {
      var day = function (v) { return new Date(v).toISOString().slice(0, 10); };
      url.searchParams.set("zoom", day(dz.startValue) + "," + day(dz.endValue));
    }
    window.history.replaceState(null, "", url.toString());
  }

  function dataZoom(zoom) {
    var slider = { type: "slider", height: 16, bottom: 8, filterMode: "none" };
    var inside = { type: "inside", zoomOnMouseWheel: "shift", filterMode: "none" };
    if (zoom) { slider.startValue = inside.startValue = zoom[0]; slider.endValue = inside.endValue = zoom[1]; }
    return [slider, inside];
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
      series.push({ id: "conflicts", name: CONFLICT_NAME, type: "scatter", z: 4, symbol: "circle",
                    symbolSize: 22, itemStyle: { color: "rgba(224,49,49,0)", borderColor: "#e03131", borderWidth: 2.5 },
                    data: conflicts });
    }
    var keys = keySeries(pts);
    series = series.concat(keys);
    // The axis covers the spans drawn, with a little room either side.
    var lo = Math.min.apply(null, pts.map(function (p) { return ms(p.start); }));
    var hi = Math.max.apply(null, pts.map(function (p) { return ms(p.end); }));
    var pad = Math.max((hi - lo) * 0.03, 45 * DAY);
    if (hi - lo < 300 * DAY) { pad = (365 * DAY - (hi - lo)) / 2; }  // a lone month still shows its year
    return {
      animation: false,
      color: chart.period_types.map(function (t) { return COLORS[t]; }),
      grid: { left: 64, right: 18, top: 42, bottom: 58 },
      toolbox: toolbox(chart.download_name || chart.id),
      legend: { type: "scroll", top: 4, right: 36, data: chart.period_types.map(function (t) { return NAMES[t]; })
        .concat(keys.map(function (k) { return k.name; })).concat(conflicts.length ? [CONFLICT_NAME] : []) },
      tooltip: { trigger: "item", confine: true, formatter: tooltip(chart), extraCssText: "max-width: 340px; white-space: normal;" },
      xAxis: { type: "time", min: lo - pad, max: hi + pad, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", scale: chart.measure === "level", splitNumber: pts.length <= 2 ? 3 : 5, axisLabel: { formatter: function (v) { return axisFmt(v, chart.unit, chart.display); } } },
      dataZoom: dataZoom(zoomFromUrl()),
      series: series
    };
  }

  // Several series (indicator × region) on one time axis; a second y axis when their units differ.
  var PALETTE = ["#1f4e9c", "#d9480f", "#2b8a3e", "#7048e8", "#c2255c", "#0b7285", "#e67700", "#5c940d"];

  function compareTooltip(data) {
    return function (params) {
      var d = params.data, s = d && data.series[d.s], p = s && s.points[d.p];
      if (!p) { return ""; }
      var lines = ["<b>" + esc(s.name) + "</b>", esc(p.period_label) + " <small>" + esc(p.period) + "</small>",
        "<span class='tt-value'>" + esc(p.value_text) + "</span>" +
          (p.qualifier !== "exact" ? " <i>(" + esc(p.qualifier_label) + ")</i>" : "") + (p.derived ? " <i>(推算 derived)</i>" : ""),
        "来源 source: " + esc(p.doc) + (p.published ? " (" + esc(p.published) + ")" : "") + " · " + p.stories + " 个来源 sources",
        "<small>点击查看原文 click for the evidence</small>"];
      return lines.join("<br>");
    };
  }

  function compareOption(data) {
    var all = [], series = [];
    data.series.forEach(function (s, k) {
      var color = PALETTE[k % PALETTE.length];
      s.points.forEach(function (p) { all.push(p); });
      // One line per run of adjacent periods: a monthly series with years missing is not joined across them.
      runs(s.points, s.period_type).forEach(function (run, r) {
        series.push({
          id: "cmp-" + k + "-" + r, name: s.name, type: "line", yAxisIndex: s.axis, color: color, showAllSymbol: true,
          lineStyle: { width: 1.8, color: color }, emphasis: { scale: 1.6 },
          data: run.map(function (i) { var item = pointItem(s.points[i], i, color); item.s = k; return item; })
        });
      });
    });
    var keys = keySeries(all);
    series = series.concat(keys);
    var lo = Math.min.apply(null, all.map(function (p) { return ms(p.start); }));
    var hi = Math.max.apply(null, all.map(function (p) { return ms(p.end); }));
    var pad = Math.max((hi - lo) * 0.03, 45 * DAY);
    if (hi - lo < 300 * DAY) { pad = (365 * DAY - (hi - lo)) / 2; }
    var axes = data.axes.map(function (a, n) {
      return { type: "value", name: a.label, position: n === 0 ? "left" : "right", scale: a.measure === "level",
               nameTextStyle: { align: n === 0 ? "left" : "right" },
               axisLabel: { formatter: function (v) { return axisFmt(v, a.unit, a.display); } } };
    });
    return {
      animation: false,
      grid: { left: 64, right: data.axes.length > 1 ? 64 : 18, top: 64, bottom: 58 },
      toolbox: toolbox(data.download_name || "compare"),
      legend: { type: "scroll", top: 4, right: 36, itemGap: 16,
                data: data.series.map(function (s) { return s.name; }).concat(keys.map(function (k) { return k.name; })) },
      tooltip: { trigger: "item", confine: true, formatter: compareTooltip(data), extraCssText: "max-width: 340px; white-space: normal;" },
      xAxis: { type: "time", min: lo - pad, max: hi + pad, axisLabel: { hideOverlap: true } },
      yAxis: axes.length ? axes : [{ type: "value" }],
      dataZoom: dataZoom(zoomFromUrl()),
      series: series
    };
  }

  // A PNG of a chart from a button beside it (the toolbox icon does the same).
  function pngButtons(registry) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-png]"), function (button) {
      button.addEventListener("click", function () {
        var entry = registry[button.getAttribute("data-png")];
        if (!entry) { return; }
        var link = document.createElement("a");
        link.href = entry.chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#ffffff" });
        link.download = (button.getAttribute("data-name") || "chart") + ".png";
        document.body.appendChild(link);
        link.click();
        link.remove();
      });
    });
  }

  // Zooming one chart zooms the others on the page to the same window (not echarts.connect, which
  // would also show every chart's tooltip at once), and writes the window to the URL.
  var syncing = false;
  function register(registry, id, instance, points, el) {
    registry[id] = { chart: instance, points: points, el: el };
    instance.on("datazoom", function () {
      if (syncing) { return; }
      zoomToUrl(instance);
      var dz = instance.getOption().dataZoom[0];
      syncing = true;
      Object.keys(registry).forEach(function (other) {
        if (other !== id) {
          registry[other].chart.dispatchAction({ type: "dataZoom", startValue: dz.startValue, endValue: dz.endValue });
        }
      });
      syncing = false;
    });
    el.setAttribute("data-rendered", "true");
  }

  function draw() {
    if (typeof echarts === "undefined") { return; }
    var registry = {};
    var source = document.getElementById("charts-data");
    var charts = source ? JSON.parse(source.textContent) : [];
    charts.forEach(function (chart) {
      var el = document.getElementById("chart-" + chart.id);
      if (!el || !chart.points.length) { return; }
      var instance = echarts.init(el, null, { renderer: "canvas" });
      instance.setOption(option(chart));
      instance.on("click", function (params) {
        var d = params.data;
        if (d && d.p !== undefined && chart.points[d.p]) { window.location.href = chart.points[d.p].evidence; }
      });
      register(registry, chart.id, instance, chart.points, el);
    });
    var compare = document.getElementById("compare-data");
    if (compare) {
      var data = JSON.parse(compare.textContent), el = document.getElementById("chart-compare");
      if (el && data.series.length) {
        var instance = echarts.init(el, null, { renderer: "canvas" });
        instance.setOption(compareOption(data));
        instance.on("click", function (params) {
          var d = params.data, s = d && data.series[d.s];
          if (s && s.points[d.p]) { window.location.href = s.points[d.p].evidence; }
        });
        register(registry, "compare", instance, data.series, el);
      }
    }
    pngButtons(registry);
    window.zhibiaoCharts = registry;
    window.addEventListener("resize", function () {
      Object.keys(registry).forEach(function (id) { registry[id].chart.resize(); });
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
