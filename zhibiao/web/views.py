"""What every page shows, as plain data: each function here builds the dict that an HTML page renders
and its `.json` twin returns, so the dashboard and the HTTP API cannot drift apart.

Functions take an open Store and raise NotFound or BadRequest with a one-line message; the app turns
those into 404 and 400 responses.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote as _quote
from urllib.parse import urlencode

from zhibiao import export
from zhibiao.catalogue import Indicator, subject_key
from zhibiao.handle import Store
from zhibiao.ingest.normalize import to_simplified
from zhibiao.models import MEASURES
from zhibiao.period import PERIOD_TYPES, classify_period, period_sort_key
from zhibiao.series import COMPARISONS, comparison_label
from zhibiao.store.search import QueryError, query_terms
from zhibiao.web import display, downloads, labels, timeaxis
from zhibiao.web import evidence as ev
from zhibiao.web.formatting import number, plain, value_text
from zhibiao.web.safety import evidence_path, path_key, shown_source

DEFAULT_LIMIT = 200
MAX_LIMIT = 5000
SPARK_W, SPARK_H = 120, 32


class NotFound(LookupError):
    """Nothing is stored under the name asked for (404)."""


class BadRequest(ValueError):
    """A request that names something that exists but asks for it in a way that cannot be answered (400)."""


# ---------------------------------------------------------------------------------------------
# Links


def q(text) -> str:
    return _quote(str(text), safe="")


def evidence_url(doc: str, seq: int, suffix: str = "") -> str:
    return evidence_path(doc, seq, suffix)


def document_url(doc: str, suffix: str = "") -> str:
    """The page of document `doc` (`suffix` ".json" for its twin); any id routes (safety.path_key)."""
    return f"/document/{q(path_key(doc))}{suffix}"


def indicator_url(key: str, suffix: str = "", **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"/indicator/{q(path_key(key))}{suffix}" + (f"?{query}" if query else "")


# ---------------------------------------------------------------------------------------------
# Records


def _fact_record(row: dict) -> dict:
    """A stored fact as the pages show it: FACTS.md fields, provenance, labels, its evidence link."""
    rec = plain(dict(row))
    rec.pop("subject_key", None)
    span = timeaxis.span(rec.get("period"))
    rec.update({
        "period_label": timeaxis.label(rec.get("period")),
        "start": span[0].isoformat() if span else None,
        "end": span[1].isoformat() if span else None,
        "value_text": value_text(rec["value"], rec["unit"], rec.get("qualifier"), rec.get("value_max")),
        "measure_label": labels.measure(rec.get("measure")),
        "basis_label": labels.basis(rec.get("basis")),
        "qualifier_label": labels.qualifier(rec.get("qualifier")),
        "evidence": evidence_url(rec["doc"], rec["seq"]),
    })
    return rec


def _point(row: dict) -> dict:
    """A series cell as a chart point: placed at the end of its span, the span kept for drawing."""
    rec = _fact_record(row)
    rec["approx"] = rec.get("qualifier") != "exact"
    return rec


def _resolve(store: Store, key: str) -> tuple[Indicator | None, str]:
    """The indicator `key` names (id or alias), or else the subject it is, if any fact has it."""
    for spelling in dict.fromkeys((key, to_simplified(key))):  # 規上工業增加值 is 规上工业增加值
        indicator = store.catalogue.get(spelling)
        if indicator is not None:
            return indicator, indicator.id
    for spelling in dict.fromkeys((key, to_simplified(key))):
        if store.count_facts(subject=spelling) > 0:
            return None, subject_key(spelling)
    raise NotFound(f"no indicator or subject {key!r} (see /indicators)")


def _check(measure: str | None, period_type: str | None) -> None:
    if measure is not None and measure not in MEASURES:
        raise BadRequest(f"unknown measure {measure!r} (expected one of {', '.join(MEASURES)})")
    if period_type is not None and period_type not in PERIOD_TYPES:
        raise BadRequest(f"unknown period type {period_type!r} (expected one of {', '.join(PERIOD_TYPES)})")


def _page(limit: int, offset: int) -> tuple[int, int]:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise BadRequest("offset must be 0 or more")
    return limit, offset


def page_links(path: str, params: dict, total: int, limit: int, offset: int) -> dict:
    """The `next` and `prev` URLs of a paged JSON twin (None at either end), its other parameters kept."""
    keep = {k: ("true" if v is True else "false" if v is False else v) for k, v in params.items()}

    def at(where: int) -> str:
        return path + _query(**keep, limit=limit, offset=where)

    return {"next": at(offset + limit) if offset + limit < total else None,
            "prev": at(max(offset - limit, 0)) if offset > 0 else None}


def _choose_region(rows: list[dict], asked: str | None) -> str | None:
    if asked:
        return asked
    counts = Counter(r["region"] for r in rows if r.get("region"))
    if labels.DEFAULT_REGION in counts:
        return labels.DEFAULT_REGION
    return counts.most_common(1)[0][0] if counts else None


# ---------------------------------------------------------------------------------------------
# Overview


# How old a figure may be (days from the end of its period to the newest document in the store)
# before its card is marked stale: a monthly figure is released about two weeks after its month, a
# quarter's in about three weeks, a year's within a few months; one release missed is tolerated.
STALE_AFTER_DAYS = {"M": 75, "YTD": 75, "point": 75, "Q": 135, "H": 230, "Y": 500, "range": 500}
CARD_PERIOD_TYPES = ("M", "Q", "H", "Y", "YTD", "point")


STEP_DAYS = {"M": 31, "YTD": 31, "Q": 92, "H": 184, "Y": 366}


def _sparkline(points: list[tuple[date, float]], kind: str) -> list[str]:
    """Polyline point lists on a time axis (x by the end of each period); a line breaks where a
    period is missing between two points (2023-Q4 is not joined to 2025-Q1)."""
    if len(points) < 2:
        return []
    first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    width = (last - first) or 1
    lo, hi = min(v for _, v in points), max(v for _, v in points)
    scale = (hi - lo) or 1.0
    steps = sorted(b[0].toordinal() - a[0].toordinal() for a, b in zip(points, points[1:], strict=False))
    # The usual step is the period type's, or the series' own when longer (first halves only, year by year).
    usual = max(STEP_DAYS.get(kind, 1), steps[len(steps) // 2], 1)
    segments: list[list[str]] = []
    current: list[str] = []
    for n, (day, value) in enumerate(points):
        if n and day.toordinal() - points[n - 1][0].toordinal() > 1.5 * usual:
            segments.append(current)
            current = []
        current.append(f"{2 + (day.toordinal() - first) / width * (SPARK_W - 4):.1f},"
                       f"{SPARK_H - 3 - (value - lo) / scale * (SPARK_H - 6):.1f}")
    segments.append(current)
    return [" ".join(seg) for seg in segments]


def _headline_rows(indicator: Indicator, rows: list[dict], region: str | None) -> list[dict]:
    """The rows a card may show: the region asked for only (never another place), the indicator's
    own measure, and for growth the year-on-year series (not 比2019年同期, 两年平均 or 环比)."""
    mine = [r for r in rows if r.get("region") == region and r.get("measure") == indicator.measure
            and r.get("period_type") in CARD_PERIOD_TYPES and timeaxis.span(r["period"])]
    if indicator.measure == "growth":
        mine = [r for r in mine if r.get("comparison") == "yoy"]
    return mine


def _headline_type(rows: list[dict]) -> str:
    """The period type a card shows: the one with the newest figure among those with at least two
    figures (a series), else the type of the newest figure."""
    by_type: dict[str, list[dict]] = {}
    for r in rows:
        by_type.setdefault(r["period_type"], []).append(r)
    newest = {t: max(timeaxis.end(r["period"]) for r in rs) for t, rs in by_type.items()}
    series = [t for t, rs in by_type.items() if len(rs) >= 2] or list(by_type)
    # On the same newest date (2025-H1 and 2025-06) the longer period is the headline figure.
    return max(series, key=lambda t: (newest[t], STALE_AFTER_DAYS.get(t, 0), len(by_type[t])))


def _stale_after(kind: str, ends: list[date]) -> int:
    """Days a figure of this period type may age. Dates (stocks such as 截至年底) have no frequency of
    their own: theirs is read from the usual step between them, and a single one is taken as yearly."""
    if kind != "point":
        return STALE_AFTER_DAYS.get(kind, STALE_AFTER_DAYS["Y"])
    steps = sorted(b.toordinal() - a.toordinal() for a, b in zip(ends, ends[1:], strict=False))
    step = steps[len(steps) // 2] if steps else 365
    for frequency, days in (("M", 45), ("Q", 100), ("H", 200)):
        if step <= days:
            return STALE_AFTER_DAYS[frequency]
    return STALE_AFTER_DAYS["Y"]


def _card(indicator: Indicator, rows: list[dict], facts: int, region: str | None, as_of: date | None) -> dict:
    """An indicator's card in `region` (None: the rows that name no region, as a programme's may)."""
    card: dict[str, object] = {"id": indicator.id, "name_zh": indicator.name_zh, "name_en": indicator.name_en,
            "measure": indicator.measure, "measure_label": labels.measure(indicator.measure), "unit": indicator.unit,
            "url": indicator_url(indicator.id, region=region if region != labels.DEFAULT_REGION else None),
            "latest": None, "trend": [], "sparkline": [], "region": region, "period_type": None,
            "periods": 0, "facts": facts, "age_days": None, "stale": False, "other_regions": 0}
    mine = _headline_rows(indicator, rows, region)
    card["other_regions"] = len({r.get("region") for r in rows if r.get("region") and r.get("region") != region})
    if not mine:
        return card
    kind = _headline_type(mine)
    trend = sorted((r for r in mine if r["period_type"] == kind), key=lambda r: timeaxis.end(r["period"]))
    latest = trend[-1]
    end = timeaxis.end(latest["period"])
    age = (as_of - end).days if as_of else None
    stale_after = _stale_after(kind, [timeaxis.end(r["period"]) for r in trend])
    point = _point(latest)
    card.update({
        "latest": point, "periods": len(trend), "period_type": kind,
        "trend": [{"period": r["period"], "value": r["value"], "end": timeaxis.end(r["period"]).isoformat()}
                  for r in trend],
        "trend_type": kind, "trend_label": labels.period_type(kind),
        "sparkline": _sparkline([(timeaxis.end(r["period"]), float(r["value"])) for r in trend], kind),
        "age_days": age, "stale": age is not None and age > stale_after, "stale_after_days": stale_after,
    })
    return card


def _region_choices(regions: Counter, region: str) -> list[dict]:
    """The regions to choose from: 全国 first, then by number of cells, the one asked for always."""
    choices = [labels.DEFAULT_REGION] + sorted((r for r in regions if r != labels.DEFAULT_REGION),
                                                key=lambda r: (-regions[r], r))
    if region not in choices:
        choices.append(region)
    return [{"region": r, "cells": regions.get(r, 0), "selected": r == region} for r in choices]


def overview(store: Store, region: str | None = None) -> dict:
    """The latest value of each key indicator for one region (全国 unless asked), its trend of the
    same period type on a time axis, its age and number of sources."""
    region = region or labels.DEFAULT_REGION
    ids = [i for _, _, group in labels.OVERVIEW for i in group if store.catalogue.get(i) is not None]
    series = store.series_records(ids)
    catalogue = store.indicators()
    counts = dict(zip(catalogue["id"], catalogue["facts"].astype(int), strict=True))
    regions = Counter(r["region"] for rows in series.values() for r in rows if r.get("region"))
    as_of = store.newest_publication()
    sections = []
    for zh, en, group in labels.OVERVIEW:
        cards = [_card(store.catalogue.by_id[i], series[i], counts.get(i, 0), region, as_of) for i in group
                 if i in store.catalogue.by_id]
        sections.append({"title_zh": zh, "title_en": en, "cards": cards})
    totals = store.counts()
    from zhibiao.web.report_views import briefing_links  # it builds on this module

    return {
        "region": region,
        "regions": _region_choices(regions, region),
        "as_of": as_of.isoformat() if as_of else None,
        "sections": sections,
        "programmes": programmes(store, counts, region=region, as_of=as_of),
        "briefings": briefing_links(store),
        "totals": {"documents": totals["documents"], "facts": totals["facts"], "stories": totals["stories"],
                   "conflicts": len(store.conflicts()),
                   "indicators": int((catalogue["facts"] > 0).sum())},
    }


def _programme_cards(indicator: Indicator, series: list[dict], facts: int, region: str,
                     as_of: date | None) -> list[dict]:
    """An indicator's programme rows: a card per scope with figures."""
    by_scope: dict[str, list[dict]] = {}
    for row in series:
        by_scope.setdefault(row.get("scope") or "", []).append(row)
    placed = []
    for scope, mine in sorted(by_scope.items()):
        # A programme row names its region: the one asked for when it has figures, else its own.
        here = region if any(r.get("region") == region for r in mine) else _choose_region(mine, None)
        card = _card(indicator, mine, facts, here, as_of)
        if card["latest"]:
            card.update(scope=scope or None, definition=indicator.definition)
            placed.append(card)
    return placed


def programmes(store: Store, counts: dict[str, int] | None = None, *, region: str | None = None,
               as_of: date | None = None) -> list[dict]:
    """The ministry's programmes by group: for each indicator and scope with data, its latest value,
    period, sources and trend (each scope of a programme is its own row: 亿元以上 and 50亿元以上
    projects are two figures); the programmes without data are named, so gaps are visible too."""
    catalogue = store.catalogue
    region = region or labels.DEFAULT_REGION
    as_of = as_of or store.newest_publication()
    groups = [(g, members) for g, members in catalogue.by_group() if g.programme]
    series = store.series_records([i.id for _, members in groups for i in members])
    if counts is None:
        table = store.indicators()
        counts = dict(zip(table["id"], table["facts"].astype(int), strict=True))
    out = []
    for group, members in groups:
        rows, empty = [], []
        for indicator in members:
            placed = _programme_cards(indicator, series[indicator.id], counts.get(indicator.id, 0), region, as_of)
            rows += placed
            if not placed:
                empty.append({"id": indicator.id, "name_zh": indicator.name_zh, "name_en": indicator.name_en,
                              "facts": counts.get(indicator.id, 0), "url": indicator_url(indicator.id)})
        out.append({"group": group.name, "group_en": group.name_en, "programmes": rows, "without_data": empty})
    return out


def _by_frequency(rows: list[dict]) -> list[dict]:
    """A group's indicators by frequency (in the catalogue's order of frequencies), by name within one."""
    freq_order = display.frequency_names()
    by_frequency: dict[str, list[dict]] = {}
    for r in sorted(rows, key=lambda r: r["name_zh"]):
        by_frequency.setdefault(r["frequency"] if r["facts"] else "无数据 no data", []).append(r)
    return [{"frequency": f, "indicators": [
                {k: r[k] for k in ("id", "name_zh", "name_en", "url", "facts", "display_unit")}
                for r in by_frequency[f]]}
            for f in sorted(by_frequency, key=lambda f: freq_order.index(f) if f in freq_order else 99)]


def _catalogue_group(group, members: list[Indicator], rows: list[dict]) -> dict:
    """One group of the catalogue tree: its indicators' rows, facts, and the same by frequency."""
    ids = {i.id for i in members}
    mine = [r for r in rows if r["id"] in ids]
    return {"group": group.name, "group_en": group.name_en, "programme": group.programme,
            "facts": sum(r["facts"] for r in mine), "with_data": sum(1 for r in mine if r["facts"]),
            "indicators": mine, "frequencies": _by_frequency(mine)}


def indicators(store: Store) -> dict:
    """The catalogue with the number of facts and documents behind each indicator, also as a tree
    by group (the groups of rules/catalogue.toml, in their order) and, within a group, by frequency."""
    rows = export.records(store.indicators())
    kinds = store.indicator_period_types()
    for row in rows:
        known = store.catalogue.by_id[row["id"]]
        row["url"] = indicator_url(row["id"])
        row["measure_label"] = labels.measure(row["measure"])
        row["group"] = display.group(known)
        row["definition"] = display.definition(known)
        shown = display.unit(row["id"], row["measure"], row["unit"])
        row["display_unit"] = shown["unit"] if shown else row["unit"]
        row["frequency_type"], row["frequency"] = display.frequency(Counter(kinds.get(row["id"], {})))
    rows.sort(key=lambda r: (-r["facts"], r["id"]))
    tree = [_catalogue_group(group, members, rows) for group, members in store.catalogue.by_group()]
    return {"indicators": rows, "groups": tree, "unlinked": export.records(store.unlinked_subjects(30))}


# ---------------------------------------------------------------------------------------------
# Indicator page


def _chart_key(row: dict) -> tuple[str, str, str]:
    """One chart per measure, unit and comparison: 同比, 比2019年同期 and 两年平均 growth are different
    series, and so are changes against the previous period, the same period a year before …"""
    return row["measure"], row["unit"], row.get("comparison") or ""


def _chart_title(measure: str, unit: str, family: str) -> str:
    parts = [labels.measure(measure)]
    if family:
        parts.append(comparison_label(family))
    return " · ".join(parts) + f" ({unit})"


def _chart_id(measure: str, family: str, unit: str) -> str:
    return "-".join(x for x in (measure, family.replace(":", "_"), {"%": "pct"}.get(unit, unit)) if x)


def _facts_filters(key_kind: Indicator | None, key: str, measure, region, period_type) -> dict:
    return {("indicator" if key_kind is not None else "subject"): key, "measure": measure, "region": region,
            "period_type": period_type}


RANGES = {"1y": 1, "5y": 5, "10y": 10, "all": None}
RANGE_LABELS = {"1y": "1年", "5y": "5年", "10y": "10年", "all": "全部 all"}


def _day(text: str | None, *, last: bool) -> date | None:
    """2020 -> 2020-01-01 (or 2020-12-31 with `last`), 2020-06 -> 2020-06-01 / 2020-06-30, a date as it is."""
    if not text:
        return None
    text = text.strip()
    try:
        if len(text) == 4 and text.isdigit():
            return date(int(text), 12, 31) if last else date(int(text), 1, 1)
        if len(text) == 7 and text[4] == "-":
            start, end = timeaxis.span(text) or (None, None)
            if start is None:
                raise ValueError
            return end if last else start
        return date.fromisoformat(text)
    except ValueError:
        raise BadRequest(f"bad date {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)") from None


def time_window(ends: list[str], range_: str | None, start: str | None, end: str | None) -> tuple:
    """The first and last day a chart shows: a preset (the last 1, 5 or 10 years up to the latest point)
    or a custom start and end; (None, None) for everything."""
    if range_ is not None and range_ not in RANGES:
        raise BadRequest(f"unknown range {range_!r} (expected one of {', '.join(RANGES)})")
    lo, hi = _day(start, last=False), _day(end, last=True)
    if lo and hi and lo > hi:
        raise BadRequest(f"start {start} is after end {end}")
    years = RANGES.get(range_ or "all")
    if years and ends:
        latest = date.fromisoformat(max(ends))
        preset = date(latest.year - years, latest.month, min(latest.day, 28))
        lo = max(lo, preset) if lo else preset
    return lo, hi


def _in_window(point: dict, window: tuple) -> bool:
    lo, hi = window
    return bool(point["end"]) and (lo is None or point["end"] > lo.isoformat()) and (
        hi is None or point["end"] <= hi.isoformat())


def _latest_headline(charts: list[dict]) -> dict | None:
    """The latest point of the first chart (the indicator's default measure), as a headline."""
    for chart in charts:
        if chart["points"]:
            latest = max(chart["points"], key=lambda p: (p["end"], timeaxis.length_days(p["period"])))
            return {**{k: latest[k] for k in ("period", "period_label", "value", "unit", "value_text", "qualifier",
                                               "region", "evidence", "published", "stories")},
                    "measure_label": chart["title"]}
    return None


MEASURE_ORDER = {m: n for n, m in enumerate(MEASURES)}


def _lookup(store: Store, key: str, found: Indicator | None) -> str:
    """The name the store's series are under: the indicator's id, else the subject as asked (or simplified)."""
    if found:
        return found.id
    return key if store.count_facts(subject=key) else to_simplified(key)


def _chart_groups(rows: list[dict], chart_region: str | None) -> dict[tuple, list[dict]]:
    """The chart region's rows by chart: measure, unit, basis and scope."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        if (row.get("region") or None) == (chart_region or None):
            # Each scope of a programme (亿元以上, 50亿元以上 …) is a chart of its own.
            groups.setdefault((*_chart_key(row), row.get("scope") or ""), []).append(row)
    return groups


def _chart_order(default_measure: str | None):
    """The order of an indicator's charts: by scope, its own measure first, year-on-year before the others."""
    def order(item: tuple) -> tuple:
        (m, unit, basis, scope), _ = item
        return (scope, m != default_measure, MEASURE_ORDER.get(m, 99), basis not in ("yoy", ""),
                list(COMPARISONS).index(basis) if basis in COMPARISONS else 99, basis, unit)
    return order


def _group_ends(groups: dict[tuple, list[dict]]) -> list[str]:
    """The end days of every charted period, for the time window."""
    return [e.isoformat() for group in groups.values() for r in group
            if (e := (timeaxis.span(r["period"]) or (0, None))[1])]


@dataclass(frozen=True)
class _ChartPage:
    """What the charts of one indicator page share: the key asked for, the id shown, the view and window."""

    key: str
    ident: str
    indicator_id: str | None
    view: dict
    scopes: list[str]
    window: tuple


def _placed(points: list[dict], window: tuple) -> list[dict]:
    """The points on the time axis within the window, in time order (the longer period first on one day)."""
    placed = [p for p in points if p["end"] and _in_window(p, window)]
    placed.sort(key=lambda p: (p["end"], -timeaxis.length_days(p["period"])))
    return placed


def _shown_title(m: str, unit: str, basis: str, shown: dict | None) -> str:
    title = _chart_title(m, unit, basis)
    if shown:
        title = title.rsplit(" (", 1)[0] + f" ({shown['unit']})"
    return title


def _set_display_values(points: list[dict], shown: dict | None) -> None:
    """Each point's value in the unit the chart shows (亿元 for a figure stored in yuan)."""
    for p in points:
        p["display_value"] = round(p["value"] / shown["scale"], 6) if shown else p["value"]


def _period_types(points: list[dict]) -> list[str]:
    return [t for t in PERIOD_TYPES if any(p["period_type"] == t for p in points)]


def _indicator_chart(page: _ChartPage, chart: tuple, group: list[dict]) -> dict:
    """One chart of an indicator page: its points in the window (with display values), title and downloads."""
    m, unit, basis, scope = chart
    points = [_point(r) for r in group]
    placed = _placed(points, page.window)
    scope_part = f"scope{page.scopes.index(scope) + 1}" if scope else ""
    chart_id = "-".join(x for x in (_chart_id(m, basis, unit), scope_part) if x)
    shown = display.unit(page.indicator_id, m, unit)
    title = _shown_title(m, unit, basis, shown)
    _set_display_values(placed, shown)
    return {
        "id": chart_id, "comparison": basis or None, "measure": m, "unit": unit,
        "basis": basis if basis in labels.BASES else None, "scope": scope or None,
        "title": f"{scope} · {title}" if scope else title, "display": shown,
        "points": placed, "unplaced": [p for p in points if not p["end"]],
        "period_types": _period_types(placed),
        "download_name": f"{page.ident}-{chart_id}",
        "csv": indicator_url(page.key, ".csv", **page.view, chart=chart_id),
        "xlsx": indicator_url(page.key, ".xlsx", **page.view, chart=chart_id),
    }


def _indicator_head(found: Indicator | None, resolved: str, key: str, scopes: list[str]) -> dict:
    """Who the page is about: the catalogue's indicator, or a subject named by the facts alone."""
    if not found:
        return {"id": resolved, "name_zh": key, "name_en": None, "measure": None, "unit": None,
                "display_unit": None, "aliases": [], "kind": "subject", "group": None, "definition": None,
                "scopes": []}
    shown = display.unit(found.id, found.measure, found.unit)
    return {"id": found.id, "name_zh": found.name_zh, "name_en": found.name_en, "measure": found.measure,
            "unit": found.unit, "display_unit": shown["unit"] if shown else found.unit,
            "aliases": list(found.aliases), "kind": "indicator", "group": display.group(found),
            "definition": display.definition(found), "scopes": scopes}


def _indicator_meta(rows: list[dict], charts: list[dict], summary: dict, default_measure: str | None) -> dict:
    """The series' metadata: frequency, first and last period charted, and how many facts and sources."""
    frequency_kind, frequency = display.frequency(Counter(
        r["period_type"] for r in rows if default_measure is None or r["measure"] == default_measure))
    placed_all = sorted({p["period"]: p for c in charts for p in c["points"]}.values(), key=lambda p: p["end"])
    first, last = (placed_all[0], placed_all[-1]) if placed_all else ({}, {})
    return {
        "frequency": frequency, "frequency_type": frequency_kind,
        "first_period": first.get("period"), "first_period_label": first.get("period_label"),
        "last_period": last.get("period"), "last_period_label": last.get("period_label"),
        "observations": sum(len(c["points"]) for c in charts),
        "facts": summary["facts"], "documents": summary["documents"], "sources": summary["stories"],
        "last_published": plain(summary["last_published"]), "last_updated": plain(summary["last_ingested"]),
    }


def _window_record(window: tuple) -> dict:
    return {"start": window[0].isoformat() if window[0] else None,
            "end": window[1].isoformat() if window[1] else None}


def _range_links(view: dict, link) -> list[dict]:
    """The preset time ranges, each with the link (`link` of the view's parameters) that shows it."""
    custom = bool(view["start"] or view["end"])
    return [{"range": r, "label": RANGE_LABELS[r], "active": (view["range"] or "all") == r and not custom,
             "url": link({**view, "range": None if r == "all" else r, "start": None, "end": None})} for r in RANGES]


def indicator(store: Store, key: str, *, measure: str | None = None, region: str | None = None,
              period_type: str | None = None, limit: int = DEFAULT_LIMIT, offset: int = 0,
              range: str | None = None, start: str | None = None, end: str | None = None) -> dict:  # noqa: A002
    """Charts (one per measure, unit and basis) of one region within a time window, the series'
    metadata, and the filtered table of facts (newest period first)."""
    _check(measure, period_type)
    _page(limit, offset)
    found, resolved = _resolve(store, key)
    ident = found.id if found else resolved
    lookup = _lookup(store, key, found)
    rows = store.series_records([lookup], all_measures=True, measure=measure, period_type=period_type)[lookup]
    regions = Counter(r["region"] or "" for r in rows)
    chart_region = _choose_region(rows, region)
    groups = _chart_groups(rows, chart_region)
    scopes = sorted({chart[3] for chart in groups if chart[3]})
    default_measure = found.measure if found else None
    window = time_window(_group_ends(groups), range, start, end)
    view = {"measure": measure, "region": region, "period_type": period_type, "range": range, "start": start,
            "end": end}
    page = _ChartPage(key, ident, found.id if found else None, view, scopes, window)
    charts = [_indicator_chart(page, chart, group)
              for chart, group in sorted(groups.items(), key=_chart_order(default_measure))]
    filters = _facts_filters(found, lookup, measure, region, period_type)
    table = facts(store, limit=limit, offset=offset, facets=False, **filters)
    summary = store.fact_summary(**_named(filters))
    return {
        "indicator": _indicator_head(found, resolved, key, scopes), "key": key,
        "filters": {"measure": measure, "region": region, "period_type": period_type},
        "view": view,
        "window": _window_record(window),
        "ranges": _range_links(view, lambda params: indicator_url(key, **params)),
        "meta": _indicator_meta(rows, charts, summary, default_measure),
        "latest": _latest_headline(charts),
        "chart_region": chart_region,
        "regions": _region_counts(regions),
        "measures": sorted({r["measure"] for r in rows}, key=lambda m: MEASURE_ORDER.get(m, 99)),
        "charts": charts,
        "facts": table["facts"], "total": table["total"], "limit": limit, "offset": offset,
        **page_links(indicator_url(key, ".json"), {k: v for k, v in view.items() if v}, table["total"], limit,
                     offset),
        **_indicator_links(page, found, filters, regions, chart_region, measure or default_measure),
    }


def _region_counts(regions: Counter) -> list[dict]:
    return [{"region": r or None, "cells": n} for r, n in sorted(regions.items(), key=lambda x: -x[1])]


def _named(filters: dict) -> dict:
    """The filters that name the series (indicator or subject), without measure, region and period type."""
    return {k: v for k, v in filters.items() if k in ("indicator", "subject")}


def _indicator_links(page: _ChartPage, found: Indicator | None, filters: dict, regions: Counter,
                     chart_region: str | None, measure: str | None) -> dict:
    """Where an indicator page leads: its downloads, its facts, the compare page and the regions' ranking."""
    key, ident, view = page.key, page.ident, page.view
    return {
        "csv": indicator_url(key, ".csv", **view),
        "xlsx": indicator_url(key, ".xlsx", **view),
        "json": indicator_url(key, ".json", **view),
        "facts_csv": "/facts.csv" + _query(**filters),
        "compare_regions": "/compare" + _query(indicators=ident, measure=measure,
                                               regions=",".join(r for r, _ in regions.most_common(4) if r)),
        "add_indicator": "/compare" + _query(indicators=ident, regions=chart_region),
        "regions_page": indicator_url(ident, "/regions") if found else None,
    }


def charted_series(d: dict, chart: str | None = None) -> list[dict]:
    """The series an indicator page charts (one chart's, when `chart` names it), for downloads."""
    charts = [c for c in d["charts"] if chart is None or c["id"] == chart]
    if chart is not None and not charts:
        raise NotFound(f"no chart {chart!r} on this page (it has {', '.join(c['id'] for c in d['charts']) or 'none'})")
    return [{"name": c["title"], "points": c["points"], "display": c["display"]} for c in charts]


def _query(**params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"?{query}" if query else ""


# ---------------------------------------------------------------------------------------------
# Facts


def _facts_args(indicator, subject, measure, region, period_type, doc, derived, year=None, host=None) -> dict:
    return {"indicator": indicator, "subject": subject, "measure": measure, "region": region,
            "period_type": period_type, "doc": doc, "derived": derived, "year": year, "host": host}


FACET_LABELS = {"indicator": "指标 indicator", "measure": "度量 measure", "region": "地区 region",
                "period_type": "时期类型 period type", "year": "年份 year", "host": "来源网站 source"}


def _facet_label(name: str, value, catalogue=None) -> str:
    if value is None:
        return "（无 none）"
    if name == "indicator" and catalogue is not None and value in catalogue.by_id:
        return catalogue.by_id[value].name_zh
    if name == "measure":
        return labels.measure(value)
    if name == "period_type":
        return labels.period_type(value)
    return str(value)


def _facets(path: str, counts: dict[str, list[tuple]], active: dict, catalogue=None) -> list[dict]:
    """Facets as the pages show them: each value with its count and the link that filters by it."""
    out = []
    for name, rows in counts.items():
        values = []
        for value, n in rows:
            params = {**active, name: None if active.get(name) == value else value, "offset": None}
            values.append({"value": value, "label": _facet_label(name, value, catalogue), "count": int(n),
                           "active": active.get(name) == value and value is not None,
                           "url": path + _query(**{k: ("true" if v is True else "false" if v is False else v)
                                                   for k, v in params.items()}) if value is not None else None})
        out.append({"name": name, "label": FACET_LABELS.get(name, name), "values": values})
    return out


def facts(store: Store, *, indicator: str | None = None, subject: str | None = None, measure: str | None = None,
          region: str | None = None, period_type: str | None = None, doc: str | None = None,
          derived: bool | None = None, year: str | None = None, host: str | None = None,
          limit: int = DEFAULT_LIMIT, offset: int = 0, facets: bool = True) -> dict:
    """Stored facts, filtered and paged (latest period first), each with its evidence link; the counts
    of the filtered facts by indicator, measure, region, period type, year and source."""
    _check(measure, period_type)
    _page(limit, offset)
    if year is not None and not (len(year) == 4 and year.isdigit()):
        raise BadRequest(f"bad year {year!r} (expected four digits)")
    args = _facts_args(indicator, subject, measure, region, period_type, doc, derived, year, host)
    total = store.count_facts(**args)
    df = store.facts(**args, limit=limit, offset=offset, newest_first=doc is None)  # a document reads in order
    active = {k: v for k, v in args.items() if v is not None}
    out = {"filters": active, "total": total, "limit": limit, "offset": offset,
           **page_links("/facts.json", active, total, limit, offset),
           "facts": [_fact_record(r) for r in export.records(df)]}
    if facets:
        out["facets"] = _facets("/facts", store.fact_facets(**args), active, store.catalogue)
    return out


def facts_csv(store: Store, **filters) -> str:
    """All facts matching the filters, as CSV with provenance columns (what `zhibiao export` writes),
    with a UTF-8 BOM and formula-like cells neutralised."""
    _check(filters.get("measure"), filters.get("period_type"))
    df = store.facts(**filters, newest_first=True)
    return downloads.csv_frame(df)


def facts_csv_file(store: Store, **filters) -> dict:
    """facts_csv, and the file name to offer it under."""
    return {"csv": facts_csv(store, **filters), "name": "facts.csv"}


def indicator_file(store: Store, key: str, fmt: str, *, chart: str | None = None, **view) -> dict:
    """What the indicator page charts (one chart's, when `chart` names it) as a `fmt` ("csv" or "xlsx")
    download, with the file name to offer it under."""
    d = indicator(store, key, limit=1, offset=0, **view)
    rows = downloads.tidy_rows(charted_series(d, chart))
    shown = d["indicator"]["id"] if d["indicator"]["kind"] == "indicator" else "subject"
    name = f"{shown}{'-' + chart if chart else ''}"
    return downloads.file(rows, downloads.TIDY_COLUMNS, fmt, name)


def compare_file(store: Store, indicators: str, fmt: str, **view) -> dict:
    """The compared series as a `fmt` ("csv" or "xlsx") download, with its file name."""
    d = compare(store, indicators, **view)
    return downloads.file(downloads.tidy_rows(d["series"]), downloads.TIDY_COLUMNS, fmt, d["download_name"])


# ---------------------------------------------------------------------------------------------
# Evidence and documents


def evidence(store: Store, doc: str, seq: int | None = None) -> dict:
    """A document's cleaned text with the chosen fact's sentence highlighted and every other fact's
    number marked; its url, publication date, and the other copies of its story."""
    document = store.document(doc)
    if document is None:
        raise NotFound(f"no document {doc!r}")
    rows = store.document_facts(doc)
    chosen = None
    if seq is not None:
        chosen = next((r for r in rows if int(r["seq"]) == seq), None)
        if chosen is None:
            raise NotFound(f"document {doc!r} has no fact {seq} (it has {len(rows)})")
    clean, original = document["clean_text"], document["original_text"]
    places = ev.locate_facts(clean, original, rows)
    segs = ev.segments(clean, places, seq)
    records = []
    for row in rows:
        rec = _fact_record(row)
        place = places.get(int(row["seq"]), {})
        rec["located"] = bool(place.get("quote"))
        rec["marked"] = bool(place.get("number"))
        records.append(rec)
    copies = [dict(plain(c), url_here=document_url(c["id"]), source=shown_source(c["source"]))
              for c in store.story_documents(document["story"]) if c["id"] != doc]
    info = plain({k: v for k, v in document.items() if k not in ("clean_text", "original_text")})
    info["source"] = shown_source(info.get("source"))
    info["url_here"] = document_url(doc)
    info["json"] = evidence_url(doc, seq, ".json") if seq is not None else document_url(doc, ".json")
    return {
        "document": info,
        "fact": next((r for r in records if r["seq"] == seq), None),
        "segments": [s.to_dict() for s in segs],
        "facts": records,
        "copies": copies,
    }


DOCUMENT_SORTS = {"published": ("published", True), "-published": ("published", False), "facts": ("fact_count", True),
                  "-facts": ("fact_count", False), "title": ("title", True), "-title": ("title", False)}


def _host(url) -> str:
    if not url:
        return "local"
    rest = str(url).split("://", 1)[-1]
    return rest.split("/", 1)[0].split(":", 1)[0] or "local"


def _document_mask(df, wanted: dict):
    """The rows matching every filter given (None when none is)."""
    mask = None
    for name, value in wanted.items():
        if value is not None:
            hit = df[name] == value
            mask = hit if mask is None else mask & hit
    return mask


def _document_facet(df, name: str, wanted: dict) -> list[tuple]:
    """One facet's counts: the documents the other filters leave, by value (NaN as None)."""
    others = df
    for other, value in wanted.items():
        if other != name and value is not None:
            others = others[others[other] == value]
    counts = [(v, int(n)) for v, n in others[name].value_counts(dropna=False).items()]
    return [(None if v != v else v, n) for v, n in counts]


def documents(store: Store, *, limit: int = DEFAULT_LIMIT, offset: int = 0, year: str | None = None,
              host: str | None = None, format: str | None = None, sort: str = "-published") -> dict:  # noqa: A002
    """Stored documents, newest first by default, filtered by publication year, site and format, with
    the counts of each (facets)."""
    _page(limit, offset)
    if sort not in DOCUMENT_SORTS:
        raise BadRequest(f"unknown sort {sort!r} (expected one of {', '.join(DOCUMENT_SORTS)})")
    df = store.documents()
    df = df.assign(year=df["published"].map(lambda d: str(d)[:4] if d is not None and d == d else None),
                   host=df["url"].map(_host))
    wanted = {"year": year, "host": host, "format": format}
    counts = {name: _document_facet(df, name, wanted) for name in wanted}
    mask = _document_mask(df, wanted)
    chosen = df if mask is None else df[mask]
    column, ascending = DOCUMENT_SORTS[sort]
    chosen = chosen.sort_values([column, "id"], ascending=[ascending, True], na_position="last")
    rows = export.records(chosen.iloc[offset:offset + limit].drop(columns=["year", "host"]))
    for row in rows:
        row["url_here"] = document_url(row["id"])
        row["source"] = shown_source(row.get("source"))
    active = {k: v for k, v in {**wanted, "sort": sort if sort != "-published" else None}.items() if v is not None}
    return {"total": len(chosen), "limit": limit, "offset": offset, "filters": active, "sort": sort,
            **page_links("/documents.json", active, len(chosen), limit, offset),
            "facets": _facets("/documents", counts, active), "documents": rows}


# ---------------------------------------------------------------------------------------------
# Search and conflicts


def _marked(text: str, terms: list[str]) -> list[dict]:
    """`text` cut into parts, those matching a search term marked."""
    low = text.lower()
    hits: list[tuple[int, int]] = []
    for term in terms:
        at = low.find(term)
        while at >= 0:
            hits.append((at, at + len(term)))
            at = low.find(term, at + len(term))
    hits.sort()
    merged: list[list[int]] = []
    for a, b in hits:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    parts, at = [], 0
    for a, b in merged:
        if a > at:
            parts.append({"text": text[at:a], "match": False})
        parts.append({"text": text[a:b], "match": True})
        at = b
    if at < len(text):
        parts.append({"text": text[at:], "match": False})
    return parts


def catalogue_matches(store: Store, query: str) -> list:
    """Indicators a query names: by id or alias (GDP, 规上工业; traditional too), or by a word of their
    English name (value added, 5G users)."""
    text = " ".join(query.split())
    found = []
    for spelling in dict.fromkeys((text, to_simplified(text))):
        hit = store.catalogue.get(spelling) or store.catalogue.get(spelling.lower())
        if hit is None:
            hit = next((i for i in store.catalogue if any(a.lower() == spelling.lower() for a in i.aliases)), None)
        if hit is not None and hit not in found:
            found.append(hit)
    low = text.lower()
    if len(low) >= 3 and low.isascii():
        for i in store.catalogue:
            if low in i.name_en.lower() and i not in found:
                found.append(i)
    return found


SEARCH_SCAN = 5000


@dataclass
class _Found:
    """What a search found before the filters: its rows, terms, total, and whether the index paged them."""

    mode: str
    terms: list[str]
    rows: list[dict]
    total: int
    paged: bool
    note: str | None = None


def _exact_indicator(store: Store, query: str, named: list) -> Indicator | None:
    """The indicator the whole query names (an id or alias, traditional or any case), if it does."""
    text = query.strip()
    if named and any(store.catalogue.get(spelling) for spelling in (text, to_simplified(text), text.lower())):
        return named[0]
    return None


def _indicator_found(store: Store, query: str, exact: Indicator, region: str | None) -> _Found:
    rows = export.records(store.facts(indicator=exact.id, region=region, newest_first=True))
    return _Found("indicator", query_terms(query), rows, len(rows), paged=False)


def _text_found(store: Store, query: str, named: list, filtered: bool, limit: int, offset: int) -> _Found:
    """The full-text hits: with filters, the best SEARCH_SCAN to filter here; else the page the index cuts."""
    try:
        result = store.search(query, limit=SEARCH_SCAN if filtered else limit, offset=0 if filtered else offset)
    except QueryError as err:  # a query with nothing to look for finds nothing; it is not an error
        return _Found("text", [], [], 0, paged=not filtered, note=None if named else str(err))
    return _Found("text", result.terms, list(result.hits), result.total, paged=not filtered)


def _filtered_hits(rows: list[dict], period: str | None, wanted: Indicator | None, region: str | None) -> list[dict]:
    if period:
        rows = [r for r in rows if str(r.get("period") or "").startswith(period.strip())]
    if wanted is not None:
        rows = [r for r in rows if r.get("indicator") == wanted.id]
    if region:
        rows = [r for r in rows if r.get("region") == region]
    return rows


def _wanted(store: Store, indicator: str | None) -> Indicator | None:
    """The catalogue indicator a filter names (404 when it names none)."""
    wanted = store.catalogue.get(indicator) if indicator else None
    if indicator and wanted is None:
        raise NotFound(f"no indicator {indicator!r} (see /indicators)")
    return wanted


def _indicator_links_of(found: list) -> list[dict]:
    return [{"id": i.id, "name_zh": i.name_zh, "name_en": i.name_en, "url": indicator_url(i.id)} for i in found]


def _search_hit(row: dict, terms: list[str]) -> dict:
    rec = _fact_record(row)
    rec["quote_parts"] = _marked(rec["quote"], terms)
    rec["subject_parts"] = _marked(rec["subject"], terms)
    rec["series"] = indicator_url(rec["indicator"] or rec["subject"])
    return rec


def search(store: Store, query: str, *, limit: int = 50, offset: int = 0, indicator: str | None = None,
           region: str | None = None, period: str | None = None) -> dict:
    """Facts whose subject or quote contains every term of the query (simplified or traditional), or the
    facts of the indicator the query names in the catalogue (GDP, 规上工业, an English name);
    filtered by indicator, region and period (a year, 2024-H1, 2024-05 …)."""
    _page(limit, offset)
    named = catalogue_matches(store, query)
    wanted = _wanted(store, indicator)
    exact = _exact_indicator(store, query, named)
    if exact is not None and (wanted is None or wanted.id == exact.id):
        found = _indicator_found(store, query, exact, region)
    else:
        found = _text_found(store, query, named, bool(wanted or region or period), limit, offset)
    rows, total = _filtered_hits(found.rows, period, wanted, region), found.total
    if not found.paged:
        total = len(rows)
        rows = rows[offset:offset + limit]
    params = {"q": query, "indicator": indicator, "region": region, "period": period}
    return {"query": query, "terms": found.terms, "mode": found.mode, "total": total, "limit": limit,
            "offset": offset, "filters": {k: v for k, v in params.items() if v and k != "q"},
            "indicators": _indicator_links_of(named),
            **page_links("/search.json", {k: v for k, v in params.items() if v}, total, limit, offset),
            "hits": [_search_hit(row, found.terms) for row in rows], "note": found.note}


def checks(store: Store, *, indicator: str | None = None) -> dict:
    """What does not add up in the stored series (zhibiao.checks), grouped by indicator, with quotes."""
    if indicator is not None and store.catalogue.get(indicator) is None:
        raise NotFound(f"no indicator {indicator!r} (see /indicators)")
    from zhibiao.checks import CHECKS

    findings = plain(store.consistency(indicator=indicator))
    groups: dict[str, dict] = {}
    for f in findings:
        key = f["indicator"] or f["subject"]
        known = store.catalogue.by_id.get(f["indicator"] or "")
        group = groups.setdefault(key, {"key": key, "indicator": f["indicator"], "subject": f["subject"],
                                        "name_zh": known.name_zh if known else f["subject"],
                                        "name_en": known.name_en if known else None,
                                        "series": indicator_url(key), "findings": []})
        for figure in f["figures"]:
            figure["evidence"] = evidence_url(figure["doc"], figure["seq"])
            figure["value_text"] = value_text(figure["value"], figure["unit"] or "", "exact")
            figure["period_label"] = timeaxis.label(figure["period"])
        f["period_label"] = timeaxis.label(f["period"])
        group["findings"].append(f)
    return {"indicator": indicator, "total": len(findings), "checks": dict(CHECKS),
            "counts": dict(Counter(f["check"] for f in findings)), "indicators": list(groups.values())}


def conflicts(store: Store, *, indicator: str | None = None) -> dict:
    """Cells where independent stories disagree (or a derived value contradicts a stated one), both quotes."""
    if indicator is not None and store.catalogue.get(indicator) is None:
        raise NotFound(f"no indicator {indicator!r} (see /indicators)")
    rows = export.records(store.conflicts(indicator=indicator))
    for row in rows:
        row["period_label"] = timeaxis.label(row["period"])
        row["measure_label"] = labels.measure(row["measure"])
        row["basis_label"] = labels.basis(row["basis"])
        row["value_a_text"] = value_text(row["value_a"], row["unit"], row.get("qualifier_a"))
        row["value_b_text"] = value_text(row["value_b"], row["unit"], row.get("qualifier_b"))
        row["evidence_a"] = evidence_url(row["doc_a"], row["seq_a"])
        row["evidence_b"] = evidence_url(row["doc_b"], row["seq_b"])
        row["series"] = indicator_url(row["indicator"] or row["subject"])
        known = store.catalogue.by_id.get(row["indicator"] or "")
        row["name_zh"] = known.name_zh if known else row["subject"]
        row["name_en"] = known.name_en if known else None
        row["difference"] = number(abs(row["value_a"] - row["value_b"]), "pp" if row["unit"] == "%" else row["unit"])
    rows.sort(key=lambda r: (r["indicator"] or "~", period_sort_key(r["period"])))
    return {"indicator": indicator, "total": len(rows), "conflicts": rows}


# ---------------------------------------------------------------------------------------------
# Compare, regions, one region

MAX_COMPARE = 8


def _split(text: str | None) -> list[str]:
    return [x.strip() for x in (text or "").replace("，", ",").split(",") if x.strip()]


def _yoy_if_any(rows: list[dict]) -> list[dict]:
    """A growth series keeps its year-on-year cells when it has them."""
    if any(r.get("basis") == "yoy" for r in rows):
        return [r for r in rows if r.get("basis") == "yoy"]
    return rows


def _usual_unit(rows: list[dict]) -> list[dict]:
    """The rows in the series' most frequent unit."""
    units = Counter(r["unit"] for r in rows)
    if units:
        return [r for r in rows if r["unit"] == units.most_common(1)[0][0]]
    return rows


def _series_points(rows: list[dict], period_type: str | None,
                   window: tuple | None = None) -> tuple[str | None, list[dict]]:
    """One line's points: a growth series keeps its year-on-year cells when it has them, and a series
    of mixed period types its most frequent one (unless one is asked for)."""
    rows = _yoy_if_any(rows)
    if period_type is None:
        kind, _ = display.frequency(Counter(r["period_type"] for r in rows))
        rows = [r for r in rows if r["period_type"] == kind]
    else:
        kind = period_type
    rows = _usual_unit(rows)
    points = [_point(r) for r in rows]
    points = [p for p in points if p["end"] and (window is None or _in_window(p, window))]
    points.sort(key=lambda p: (p["end"], -timeaxis.length_days(p["period"])))
    return kind, points


def _compare_keys(indicators: str, regions: str | None) -> tuple[list[str], list[str]]:
    """The indicators and regions asked for, at most MAX_COMPARE series in all."""
    keys = _split(indicators)
    places = _split(regions)
    if not keys:
        raise BadRequest("name one indicator or more: /compare?indicators=gdp,industrial_value_added")
    if len(keys) * max(len(places), 1) > MAX_COMPARE:
        raise BadRequest(f"at most {MAX_COMPARE} series (indicators × regions) on one chart")
    return keys, places


def _compare_line(key: str, found: Indicator | None, place: str | None, rows: list[dict], measure: str | None,
                  period_type: str | None) -> dict:
    """One line of the compare chart: one indicator (or subject) in one region."""
    mine = [r for r in rows if (r.get("region") or None) == (place or None)]
    kind, points = _series_points(mine, period_type)
    first = points[0] if points else {"unit": found.unit if found else None, "measure": measure}
    unit, measure_used = first["unit"], first["measure"]
    shown = display.unit(found.id if found else None, measure_used, unit)
    name = f"{found.name_zh if found else key} · {place or '—'}"
    if kind and not period_type:
        name += f" · {labels.PERIOD_TYPES.get(kind, (kind,))[0]}"
    return {"name": name, "indicator": found.id if found else None, "key": key, "region": place,
            "measure": measure_used, "measure_label": labels.measure(measure_used),
            "unit": unit, "display": shown, "period_type": kind, "points": points,
            "url": indicator_url(found.id if found else key, region=place)}


def _compare_lines(store: Store, key: str, found: Indicator | None, places: list[str], measure: str | None,
                   period_type: str | None) -> list[dict]:
    """The lines of one indicator: one per region asked for, else one in its default region."""
    lookup = _lookup(store, key, found)
    rows = store.series_records([lookup], measure=measure, period_type=period_type)[lookup]
    chosen: list[str | None] = list(places) or [_choose_region(rows, None)]
    return [_compare_line(key, found, place, rows, measure, period_type) for place in chosen]


def _compare_axes(built: list[dict]) -> list:
    """The units of the compared lines, in order: one y axis each, two at most."""
    axes_units = list(dict.fromkeys(s["unit"] for s in built))
    if len(axes_units) > 2:
        raise BadRequest(f"the series have {len(axes_units)} units ({', '.join(map(str, axes_units))}); "
                         "one chart holds two: choose a measure or fewer indicators")
    return axes_units


def _axis(built: list[dict], unit) -> dict:
    """A y axis, labelled in the display unit of its first line."""
    first = next(s for s in built if s["unit"] == unit)
    label = (first["display"]["unit"] if first["display"] else {"pp": "百分点", "count": "个"}.get(unit, unit))
    return {"unit": unit, "measure": first["measure"], "display": first["display"], "label": label}


def _place(built: list[dict], axes_units: list, window: tuple) -> None:
    """Each line on its y axis, its points cut to the time window."""
    for s in built:
        s["axis"] = axes_units.index(s["unit"]) if s["unit"] in axes_units else 0
        s["points"] = [p for p in s["points"] if _in_window(p, window)]


def _catalogue_choices(store: Store) -> list[dict]:
    return [{"id": i.id, "name_zh": i.name_zh} for i in store.catalogue]


def compare(store: Store, indicators: str, *, regions: str | None = None, measure: str | None = None,
            period_type: str | None = None, range: str | None = None, start: str | None = None,  # noqa: A002
            end: str | None = None) -> dict:
    """Several series on one time axis: each indicator (id, alias or subject) in each region asked for
    (or its default region), in its default measure unless `measure` is given; one y axis per unit."""
    _check(measure, period_type)
    keys, places = _compare_keys(indicators, regions)
    resolved = [(key, _resolve(store, key)[0]) for key in keys]
    built = [line for key, found in resolved
             for line in _compare_lines(store, key, found, places, measure or (found.measure if found else None),
                                        period_type)]
    axes_units = _compare_axes(built)
    window = time_window([p["end"] for s in built for p in s["points"]], range, start, end)
    _place(built, axes_units, window)
    view = {"indicators": ",".join(keys), "regions": ",".join(places) or None, "measure": measure,
            "period_type": period_type, "range": range, "start": start, "end": end}
    return {
        "series": built, "axes": [_axis(built, u) for u in axes_units], "view": view,
        "window": _window_record(window),
        "ranges": _range_links(view, lambda params: "/compare" + _query(**params)),
        "download_name": "compare-" + "-".join(found.id if found else "subject" for _, found in resolved),
        "csv": "/compare.csv" + _query(**view), "xlsx": "/compare.xlsx" + _query(**view),
        "catalogue": _catalogue_choices(store),
        "provinces": list(display.provinces()),
    }


def compare_form(store: Store) -> dict:
    """The compare page before anything is chosen: the catalogue and the provinces to choose from."""
    return {"series": [], "axes": [], "view": {}, "ranges": [],
            "catalogue": _catalogue_choices(store),
            "provinces": list(display.provinces())}


def _ranked_period(found: Indicator, periods: Counter, period: str | None) -> str | None:
    """The period asked for (404 when no province reports it), else the one most provinces report, latest first."""
    if period:
        chosen = classify_period(period)[0] or period
        if chosen not in periods:
            raise NotFound(f"{found.name_zh}: no provincial figures for period {period!r} "
                           f"(periods with figures: {', '.join(sorted(periods)[-8:]) or 'none'})")
        return chosen
    if periods:
        return max(periods, key=lambda p: (periods[p], timeaxis.end(p)))
    return None


def _ranking(rows: list[dict], provinces: dict) -> list[dict]:
    """The provinces' figures, largest first, each with its rank, map name and region page."""
    ranking = []
    for n, r in enumerate(sorted(rows, key=lambda r: -r["value"]), start=1):
        point = _point(r)
        point.update({"rank": n, "map_name": provinces[r["region"]], "region_url": region_url(r["region"])})
        ranking.append(point)
    return ranking


def _period_choices(found: Indicator, measure: str | None, periods: Counter) -> list[dict]:
    return [{"period": p, "label": timeaxis.label(p), "provinces": n,
             "url": indicator_url(found.id, "/regions", measure=measure, period=p)}
            for p, n in sorted(periods.items(), key=lambda kv: timeaxis.end(kv[0]), reverse=True)]


def regions(store: Store, key: str, *, measure: str | None = None, period: str | None = None) -> dict:
    """The provinces ranked by one indicator in one period (the period most provinces report, latest
    first, unless one is asked for), each with its rank, value and sources, and the map's data."""
    _check(measure, None)
    found, resolved = _resolve(store, key)
    if found is None:
        raise NotFound(f"no indicator {key!r} in the catalogue (regions are ranked for catalogue indicators)")
    m = measure or found.measure
    rows = store.series_records([found.id], measure=m)[found.id]
    provinces = display.provinces()
    rows = _yoy_if_any([r for r in rows if r.get("region") in provinces and timeaxis.span(r["period"])])
    periods = Counter(r["period"] for r in rows)
    chosen = _ranked_period(found, periods, period)
    mine = _usual_unit([r for r in rows if r["period"] == chosen])
    ranking = _ranking(mine, provinces)
    unit = ranking[0]["unit"] if ranking else found.unit
    return {
        "indicator": {"id": found.id, "name_zh": found.name_zh, "name_en": found.name_en,
                      "url": indicator_url(found.id)},
        "measure": m, "measure_label": labels.measure(m), "unit": unit, "display": display.unit(found.id, m, unit),
        "period": chosen, "period_label": timeaxis.label(chosen) if chosen else None,
        "periods": _period_choices(found, measure, periods),
        "ranking": ranking,
        "map": {"geojson": "/static/" + display.GEOJSON,
                "data": [{"name": p["map_name"], "value": p["value"], "region": p["region"]} for p in ranking]},
        "compare": "/compare" + _query(indicators=found.id, measure=m,
                                       regions=",".join(p["region"] for p in ranking[:5])),
    }


def region_url(name: str, suffix: str = "") -> str:
    """The page of region `name` (`suffix` ".json" for its twin); any name routes (safety.path_key)."""
    return f"/region/{q(path_key(name))}{suffix}"


def _region_series(store: Store, series_key: tuple, facts_: list[dict], place: str) -> dict:
    """One series of a region's page: its latest fact (by period end, then publication) and its links."""
    key, m, basis, unit = series_key
    placed = [f for f in facts_ if timeaxis.span(f["period"])]
    latest = max(placed or facts_, key=lambda f: ((timeaxis.span(f["period"]) or (date.min, date.min))[1],
                                                    str(f.get("published") or "")))
    rec = _fact_record(latest)
    known = store.catalogue.by_id.get(key)
    return {"key": key, "name_zh": known.name_zh if known else key,
            "name_en": known.name_en if known else None, "measure": m,
            "measure_label": labels.measure(m), "basis_label": labels.basis(basis or None), "unit": unit,
            "facts": len(facts_), "latest": rec, "url": indicator_url(key, region=place),
            "ranking": indicator_url(key, "/regions") if known else None}


def region(store: Store, name: str) -> dict:
    """What is known about one region: each indicator (or subject) with figures there, its latest
    value and how many facts there are."""
    place = to_simplified(name.strip())
    df = store.facts(region=place)
    if df.empty:
        raise NotFound(f"no facts for region {name!r}")
    rows = export.records(df)
    series: dict[tuple, list[dict]] = {}
    for r in rows:
        series.setdefault((r["indicator"] or r["subject"], r["measure"], r["basis"] or "", r["unit"]), []).append(r)
    items = [_region_series(store, series_key, facts_, place) for series_key, facts_ in series.items()]
    items.sort(key=lambda i: (i["name_zh"] == i["key"], -i["facts"], i["key"]))
    return {"region": place, "is_province": place in display.provinces(), "facts": len(rows),
            "documents": len({r["doc"] for r in rows}), "series": items,
            "facts_url": "/facts" + _query(region=place), "json": region_url(place, ".json")}
