"""What every page shows, as plain data: each function here builds the dict that an HTML page renders
and its `.json` twin returns, so the dashboard and the HTTP API cannot drift apart.

Functions take an open Store and raise NotFound or BadRequest with a one-line message; the app turns
those into 404 and 400 responses.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import StringIO
from urllib.parse import quote as _quote
from urllib.parse import urlencode

from zhibiao import export
from zhibiao.catalogue import Indicator, subject_key
from zhibiao.models import MEASURES
from zhibiao.series import COMPARISONS, PERIOD_TYPES, comparison_label, period_sort_key
from zhibiao.store import Store
from zhibiao.store.search import QueryError
from zhibiao.web import evidence as ev
from zhibiao.web import labels, timeaxis
from zhibiao.web.formatting import number, plain, value_text

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


def evidence_url(doc: str, seq: int) -> str:
    return f"/evidence/{q(doc)}/{int(seq)}"


def document_url(doc: str) -> str:
    return f"/document/{q(doc)}"


def indicator_url(key: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"/indicator/{q(key)}" + (f"?{query}" if query else "")


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
    indicator = store.catalogue.get(key)
    if indicator is not None:
        return indicator, indicator.id
    if store.count_facts(subject=key) == 0:
        raise NotFound(f"no indicator or subject {key!r} (see /indicators)")
    return None, subject_key(key)


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
    segments, current = [], []
    for n, (day, value) in enumerate(points):
        if n and day.toordinal() - points[n - 1][0].toordinal() > 1.5 * usual:
            segments.append(current)
            current = []
        current.append(f"{2 + (day.toordinal() - first) / width * (SPARK_W - 4):.1f},"
                       f"{SPARK_H - 3 - (value - lo) / scale * (SPARK_H - 6):.1f}")
    segments.append(current)
    return [" ".join(seg) for seg in segments]


def _headline_rows(indicator: Indicator, rows: list[dict], region: str) -> list[dict]:
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
    newest = {t: max(timeaxis.span(r["period"])[1] for r in rs) for t, rs in by_type.items()}
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


def _card(indicator: Indicator, rows: list[dict], facts: int, region: str, as_of: date | None) -> dict:
    card = {"id": indicator.id, "name_zh": indicator.name_zh, "name_en": indicator.name_en,
            "measure": indicator.measure, "measure_label": labels.measure(indicator.measure), "unit": indicator.unit,
            "url": indicator_url(indicator.id, region=region if region != labels.DEFAULT_REGION else None),
            "latest": None, "trend": [], "sparkline": [], "region": region, "period_type": None,
            "periods": 0, "facts": facts, "age_days": None, "stale": False, "other_regions": 0}
    mine = _headline_rows(indicator, rows, region)
    card["other_regions"] = len({r.get("region") for r in rows if r.get("region") and r.get("region") != region})
    if not mine:
        return card
    kind = _headline_type(mine)
    trend = sorted((r for r in mine if r["period_type"] == kind), key=lambda r: timeaxis.span(r["period"])[1])
    latest = trend[-1]
    end = timeaxis.span(latest["period"])[1]
    age = (as_of - end).days if as_of else None
    stale_after = _stale_after(kind, [timeaxis.span(r["period"])[1] for r in trend])
    point = _point(latest)
    card.update({
        "latest": point, "periods": len(trend), "period_type": kind,
        "trend": [{"period": r["period"], "value": r["value"], "end": timeaxis.span(r["period"])[1].isoformat()}
                  for r in trend],
        "trend_type": kind, "trend_label": labels.period_type(kind),
        "sparkline": _sparkline([(timeaxis.span(r["period"])[1], float(r["value"])) for r in trend], kind),
        "age_days": age, "stale": age is not None and age > stale_after, "stale_after_days": stale_after,
    })
    return card


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
    choices = [labels.DEFAULT_REGION] + sorted((r for r in regions if r != labels.DEFAULT_REGION),
                                                key=lambda r: (-regions[r], r))
    if region not in choices:
        choices.append(region)
    return {
        "region": region,
        "regions": [{"region": r, "cells": regions.get(r, 0), "selected": r == region} for r in choices],
        "as_of": as_of.isoformat() if as_of else None,
        "sections": sections,
        "programmes": programmes(store, counts, region=region, as_of=as_of),
        "totals": {"documents": totals["documents"], "facts": totals["facts"], "stories": totals["stories"],
                   "conflicts": len(store.conflicts()),
                   "indicators": int((catalogue["facts"] > 0).sum())},
    }


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
            by_scope: dict[str, list[dict]] = {}
            for row in series[indicator.id]:
                by_scope.setdefault(row.get("scope") or "", []).append(row)
            placed = []
            for scope, mine in sorted(by_scope.items()):
                # A programme row names its region: the one asked for when it has figures, else its own.
                here = region if any(r.get("region") == region for r in mine) else _choose_region(mine, None)
                card = _card(indicator, mine, counts.get(indicator.id, 0), here, as_of)
                if card["latest"]:
                    card.update(scope=scope or None, definition=indicator.definition)
                    placed.append(card)
            rows += placed
            if not placed:
                empty.append({"id": indicator.id, "name_zh": indicator.name_zh, "name_en": indicator.name_en,
                              "facts": counts.get(indicator.id, 0), "url": indicator_url(indicator.id)})
        out.append({"group": group.name, "group_en": group.name_en, "programmes": rows, "without_data": empty})
    return out


def indicators(store: Store) -> dict:
    """The catalogue with the number of facts and documents behind each indicator, also as a tree
    by group (the groups of rules/catalogue.toml, in their order)."""
    rows = export.records(store.indicators())
    for row in rows:
        row["url"] = indicator_url(row["id"])
        row["measure_label"] = labels.measure(row["measure"])
    rows.sort(key=lambda r: (-r["facts"], r["id"]))
    tree = []
    for group, members in store.catalogue.by_group():
        ids = {i.id for i in members}
        mine = [r for r in rows if r["id"] in ids]
        tree.append({"group": group.name, "group_en": group.name_en, "programme": group.programme,
                     "facts": sum(r["facts"] for r in mine), "with_data": sum(1 for r in mine if r["facts"]),
                     "indicators": mine})
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


def indicator(store: Store, key: str, *, measure: str | None = None, region: str | None = None,
              period_type: str | None = None, limit: int = DEFAULT_LIMIT, offset: int = 0) -> dict:
    """Charts (one per measure, unit and basis) of one region, and the filtered table of facts."""
    _check(measure, period_type)
    _page(limit, offset)
    found, resolved = _resolve(store, key)
    rows = store.series_records([key], all_measures=True, measure=measure, period_type=period_type)[key]
    regions = Counter(r["region"] or "" for r in rows)
    chart_region = _choose_region(rows, region)
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        if (row.get("region") or None) == (chart_region or None):
            # Each scope of a programme (亿元以上, 50亿元以上 …) is a chart of its own.
            groups.setdefault((*_chart_key(row), row.get("scope") or ""), []).append(row)
    scopes = sorted({key[3] for key in groups if key[3]})
    default_measure = found.measure if found else None
    order = {m: n for n, m in enumerate(MEASURES)}
    charts = []
    for (m, unit, basis, scope), group in sorted(groups.items(), key=lambda kv: (
            kv[0][3], kv[0][0] != default_measure, order.get(kv[0][0], 99), kv[0][2] not in ("yoy", ""),
            list(COMPARISONS).index(kv[0][2]) if kv[0][2] in COMPARISONS else 99, kv[0][2], kv[0][1])):
        points = [_point(r) for r in group]
        placed = [p for p in points if p["end"]]
        placed.sort(key=lambda p: (p["end"], -timeaxis.length_days(p["period"])))
        title = _chart_title(m, unit, basis)
        charts.append({
            "id": "-".join(x for x in (_chart_id(m, basis, unit), f"scope{scopes.index(scope) + 1}" if scope else "")
                           if x),
            "comparison": basis or None, "measure": m, "unit": unit,
            "basis": basis if basis in labels.BASES else None, "scope": scope or None,
            "title": f"{scope} · {title}" if scope else title,
            "points": placed, "unplaced": [p for p in points if not p["end"]],
            "period_types": [t for t in PERIOD_TYPES if any(p["period_type"] == t for p in placed)],
        })
    filters = _facts_filters(found, found.id if found else key, measure, region, period_type)
    table = facts(store, limit=limit, offset=offset, **filters)
    head = ({"id": found.id, "name_zh": found.name_zh, "name_en": found.name_en, "measure": found.measure,
             "unit": found.unit, "aliases": list(found.aliases), "kind": "indicator", "group": found.group,
             "definition": found.definition, "scopes": scopes} if found else
            {"id": resolved, "name_zh": key, "name_en": None, "measure": None, "unit": None, "aliases": [],
             "kind": "subject", "group": None, "definition": None, "scopes": []})
    return {
        "indicator": head, "key": key,
        "filters": {"measure": measure, "region": region, "period_type": period_type},
        "chart_region": chart_region,
        "regions": [{"region": r or None, "cells": n} for r, n in sorted(regions.items(), key=lambda x: -x[1])],
        "measures": sorted({r["measure"] for r in rows}, key=lambda m: order.get(m, 99)),
        "charts": charts,
        "facts": table["facts"], "total": table["total"], "limit": limit, "offset": offset,
        "csv": f"/indicator/{q(key)}.csv" + _query(measure=measure, region=region, period_type=period_type),
    }


def _query(**params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"?{query}" if query else ""


# ---------------------------------------------------------------------------------------------
# Facts


def _facts_args(indicator, subject, measure, region, period_type, doc, derived) -> dict:
    return {"indicator": indicator, "subject": subject, "measure": measure, "region": region,
            "period_type": period_type, "doc": doc, "derived": derived}


def facts(store: Store, *, indicator: str | None = None, subject: str | None = None, measure: str | None = None,
          region: str | None = None, period_type: str | None = None, doc: str | None = None,
          derived: bool | None = None, limit: int = DEFAULT_LIMIT, offset: int = 0) -> dict:
    """Stored facts, filtered and paged, each with its evidence link."""
    _check(measure, period_type)
    _page(limit, offset)
    args = _facts_args(indicator, subject, measure, region, period_type, doc, derived)
    total = store.count_facts(**args)
    df = store.facts(**args, limit=limit, offset=offset)
    return {"filters": {k: v for k, v in args.items() if v is not None}, "total": total, "limit": limit,
            "offset": offset, "facts": [_fact_record(r) for r in export.records(df)]}


def facts_csv(store: Store, **filters) -> str:
    """All facts matching the filters, as CSV with provenance columns (what `zhibiao export` writes)."""
    _check(filters.get("measure"), filters.get("period_type"))
    df = store.facts(**filters)
    out = StringIO()
    export.write(df, "csv", stream=out)
    return out.getvalue()


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
    copies = [dict(plain(c), url_here=document_url(c["id"])) for c in store.story_documents(document["story"])
              if c["id"] != doc]
    info = plain({k: v for k, v in document.items() if k not in ("clean_text", "original_text")})
    return {
        "document": info,
        "fact": next((r for r in records if r["seq"] == seq), None),
        "segments": [s.to_dict() for s in segs],
        "facts": records,
        "copies": copies,
    }


def documents(store: Store, *, limit: int = DEFAULT_LIMIT, offset: int = 0) -> dict:
    _page(limit, offset)
    df = store.documents()
    rows = export.records(df.iloc[offset:offset + limit])
    for row in rows:
        row["url_here"] = document_url(row["id"])
    return {"total": len(df), "limit": limit, "offset": offset, "documents": rows}


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


def search(store: Store, query: str, *, limit: int = 50, offset: int = 0) -> dict:
    """Facts whose subject or quote contains every term of the query (simplified or traditional)."""
    _page(limit, offset)
    try:
        result = store.search(query, limit=limit, offset=offset)
    except QueryError as err:
        raise BadRequest(str(err)) from None
    hits = []
    for row in result.hits:
        rec = _fact_record(row)
        rec["quote_parts"] = _marked(rec["quote"], result.terms)
        rec["subject_parts"] = _marked(rec["subject"], result.terms)
        rec["series"] = indicator_url(rec["indicator"] or rec["subject"])
        hits.append(rec)
    return {"query": query, "terms": result.terms, "total": result.total, "limit": limit, "offset": offset,
            "hits": hits}


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
