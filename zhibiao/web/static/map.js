/* The choropleth of the provinces: the shipped GeoJSON (static/geo/china-provinces.json, see SOURCE
 * there) registered as an ECharts map, each province coloured by its value in the ranking the page
 * shows. Data from <script id="map-data">, the same ranking as the page's JSON twin. */
(function () {
  "use strict";

  function trim(x) { var s = x.toFixed(2); return s.replace(/0+$/, "").replace(/\.$/, ""); }

  function label(v, data) {
    if (v === null || v === undefined || isNaN(v)) { return "—"; }
    if (data.display && data.display.scale) { return trim(v / data.display.scale) + data.display.unit; }
    return trim(v) + (data.unit === "%" ? "%" : data.unit === "pp" ? "个百分点" : "");
  }

  function draw() {
    var source = document.getElementById("map-data"), el = document.getElementById("chart-map");
    if (!source || !el || typeof echarts === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    fetch(data.map.geojson).then(function (r) { return r.json(); }).then(function (geo) {
      echarts.registerMap("china-provinces", geo);
      var values = data.map.data.map(function (d) { return d.value; });
      var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
      if (lo === hi) { var room = Math.abs(lo) * 0.1 || 1; lo -= room; hi += room; }
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption({
        animation: false,
        tooltip: { trigger: "item", formatter: function (p) {
          return p.data ? p.data.region + "<br>" + label(p.data.value, data) : p.name + "<br>无数据 no data";
        } },
        toolbox: { right: 6, top: 0, feature: { saveAsImage: { title: "PNG", pixelRatio: 2, backgroundColor: "#ffffff" } } },
        visualMap: { type: "continuous", min: lo, max: hi, seriesIndex: 0,
                     left: 8, bottom: 8, calculable: true, itemHeight: 90,
                     inRange: { color: ["#dbe7f7", "#6b9bd8", "#14305f"] },
                     formatter: function (v) { return label(v, data); } },
        series: [{ id: "provinces", type: "map", map: "china-provinces", roam: false, nameProperty: "name",
                   emphasis: { label: { show: true } }, itemStyle: { borderColor: "#ffffff", areaColor: "#eef1f5" },
                   data: data.map.data }]
      });
      chart.on("click", function (p) {
        var row = p.data && data.ranking.filter(function (r) { return r.region === p.data.region; })[0];
        if (row) { window.location.href = row.region_url; }
      });
      window.zhibiaoCharts = { map: { chart: chart, points: data.ranking, el: el } };
      Array.prototype.forEach.call(document.querySelectorAll("[data-png='map']"), function (button) {
        button.addEventListener("click", function () {
          var link = document.createElement("a");
          link.href = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#ffffff" });
          link.download = (button.getAttribute("data-name") || "map") + ".png";
          document.body.appendChild(link); link.click(); link.remove();
        });
      });
      window.addEventListener("resize", function () { chart.resize(); });
      el.setAttribute("data-rendered", "true");
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
