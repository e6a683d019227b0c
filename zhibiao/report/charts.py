"""The briefing's charts as Vega-Lite specs, drawn to SVG without a browser by vl-convert (Vega's own
renderer in an embedded JavaScript runtime). Text stays text in the SVG, so Chinese labels are drawn
by the fonts of whatever shows the page."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

from zhibiao.report import text as T
from zhibiao.report.model import Chart

FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
PERIOD_LABELS = {"Y": "年度", "H": "半年", "Q": "季度", "M": "月度", "YTD": "年初累计", "point": "时点"}
MAX_PROGRAMME_CHARTS = 6
GAP_DAYS = 400
# Axis labels in 万 and 亿, as the text prints amounts (Vega expression language).
CJK_AMOUNT = ("abs(datum.value) >= 1e8 ? format(datum.value / 1e8, '~g') + '亿' : "
              "abs(datum.value) >= 1e4 ? format(datum.value / 1e4, '~g') + '万' : format(datum.value, '~g')")
YEARS = {"format": "%Y", "tickCount": "year"}


def _config() -> dict:
    return {"font": FONT, "axis": {"labelFont": FONT, "titleFont": FONT},
            "legend": {"labelFont": FONT, "titleFont": FONT},
            "title": {"font": FONT, "anchor": "start", "fontSize": 13}, "view": {"stroke": None}}


def _points(builder, entries) -> list[dict]:
    out = []
    for e in entries:
        best = e.best
        span = T.span(best["period"])
        if span is None or span[1] > builder.end:
            continue
        out.append({"end": span[1].isoformat(), "value": float(best["value"]), "period": best["period"],
                    "type": PERIOD_LABELS.get(best["period_type"], best["period_type"]),
                    "source": "推算" if best["derived"] else "原文"})
    out.sort(key=lambda p: (p["end"], p["type"], p["period"]))
    # A line joins points of one period type at most GAP_DAYS apart (the half-years of consecutive years);
    # a longer gap starts a new line, so no line suggests a path the store knows nothing about.
    last: dict[str, tuple[date, int]] = {}
    for point in out:
        end = date.fromisoformat(point["end"])
        previous = last.get(point["type"])
        run = 0 if previous is None else previous[1] + ((end - previous[0]).days > GAP_DAYS)
        last[point["type"]] = (end, run)
        point["line"] = f"{point['type']}{run}"
    return out


def report_charts(builder) -> list[Chart]:
    """The lead indicator's growth by half-year, quarter, month and year up to the period's end, and the
    programmes' levels over time."""
    charts = []
    lead = builder.words["headline"]["lead"]
    indicator = builder.catalogue.get(lead)
    growth = [e for e in builder.entries(lead, builder.region, measure="growth", modality="actual")
              if e.best["basis"] == "yoy" and e.best["period_type"] in ("Y", "H", "Q", "M")]
    values = _points(builder, growth)
    if len(values) >= 2:
        charts.append(Chart(f"{lead}-growth", f"{indicator.name_zh}同比增速（%）", {
            "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "title": f"{indicator.name_zh}同比增速（%）", "width": 640, "height": 240,
            "data": {"values": values},
            "mark": {"type": "line", "point": {"filled": True, "size": 40}, "strokeWidth": 1.5},
            "encoding": {
                "x": {"field": "end", "type": "temporal", "title": "时期末", "axis": YEARS},
                "y": {"field": "value", "type": "quantitative", "title": "%"},
                "color": {"field": "type", "type": "nominal", "title": "时期",
                          "sort": ["年度", "半年", "季度", "月度"]},
                "detail": {"field": "line"},
                "shape": {"field": "source", "type": "nominal", "title": "来源",
                          "scale": {"domain": ["原文", "推算"], "range": ["circle", "diamond"]}},
                "tooltip": [{"field": "period"}, {"field": "value"}, {"field": "source"}],
            },
            "config": _config(),
        }))
    for _, indicators in builder.groups:
        for ind in indicators:
            if len(charts) > MAX_PROGRAMME_CHARTS:
                return charts
            entries = [e for e in builder.entries(ind.id, builder.region, measure="level", modality="actual")
                       if e.best["unit"] == ind.unit]
            values = _points(builder, entries)
            if len({v["end"] for v in values}) < 2:
                continue
            unit = {"count": builder.classifier(ind.id) or "个", "CNY": "元"}.get(ind.unit, ind.unit)
            charts.append(Chart(f"{ind.id}-level", f"{ind.name_zh}（{unit}）", {
                "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
                "title": f"{ind.name_zh}（{unit}）", "width": 300, "height": 160,
                "data": {"values": values},
                "mark": {"type": "line", "point": {"filled": True, "size": 40}},
                "encoding": {"x": {"field": "end", "type": "temporal", "title": "时间", "axis": YEARS},
                             "detail": {"field": "line"},
                             "y": {"field": "value", "type": "quantitative", "title": unit,
                                   "axis": {"labelExpr": CJK_AMOUNT}}},
                "config": _config(),
            }))
    return charts


@lru_cache(maxsize=64)
def _svg(spec_json: str) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(json.loads(spec_json))


def svg(chart: Chart) -> str:
    """The chart drawn as SVG (cached by spec)."""
    return _svg(json.dumps(chart.spec, ensure_ascii=False, sort_keys=True))
