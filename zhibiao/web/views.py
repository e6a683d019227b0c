"""What every page shows, as plain data: each function here builds the dict that an HTML page renders
and its `.json` twin returns, so the dashboard and the HTTP API cannot drift apart.

Functions take an open Store and raise NotFound or BadRequest with a one-line message; the app turns
those into 404 and 400 responses.
"""

from __future__ import annotations

from collections import Counter
from io import StringIO
from urllib.parse import quote as _quote
from urllib.parse import urlencode

from zhibiao import export
from zhibiao.catalogue import Indicator, subject_key
from zhibiao.models import MEASURES
from zhibiao.series import PERIOD_TYPES, period_sort_key
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


def _sparkline(values: list[float]) -> str:
    if len(values) < 2:
        return ""
    lo, hi = min(values), max(values)
    scale = (hi - lo) or 1.0
    step = (SPARK_W - 4) / (len(values) - 1)
    return " ".join(f"{2 + i * step:.1f},{SPARK_H - 3 - (v - lo) / scale * (SPARK_H - 6):.1f}"
                     for i, v in enumerate(values))


def _card(indicator: Indicator, rows: list[dict], facts: int) -> dict:
    card = {"id": indicator.id, "name_zh": indicator.name_zh, "name_en": indicator.name_en,
            "measure": indicator.measure, "measure_label": labels.measure(indicator.measure), "unit": indicator.unit,
            "url": indicator_url(indicator.id), "latest": None, "trend": [], "sparkline": "", "region": None,
            "periods": 0, "facts": facts}
    region = _choose_region(rows, None)
    mine = [r for r in rows if r.get("region") == region]
    if any(r.get("basis") == "yoy" for r in mine):  # growth: year on year is the headline rate
        mine = [r for r in mine if r.get("basis") == "yoy"]
    placed = [r for r in mine if timeaxis.span(r["period"])]
    if not placed:
        return card
    latest = max(placed, key=lambda r: (timeaxis.span(r["period"])[1], timeaxis.length_days(r["period"])))
    kinds = Counter(r["period_type"] for r in placed)
    kind = latest["period_type"] if kinds[latest["period_type"]] >= 2 else kinds.most_common(1)[0][0]
    trend = sorted((r for r in placed if r["period_type"] == kind), key=lambda r: timeaxis.span(r["period"])[1])
    point = _point(latest)
    card.update({
        "latest": point, "region": region, "periods": len(placed),
        "trend": [{"period": r["period"], "value": r["value"]} for r in trend],
        "trend_type": kind, "trend_label": labels.period_type(kind),
        "sparkline": _sparkline([float(r["value"]) for r in trend]),
        "url": indicator_url(indicator.id, region=region if region != labels.DEFAULT_REGION else None),
    })
    return card


def overview(store: Store) -> dict:
    """The latest value of each key indicator, its trend, period and number of sources."""
    ids = [i for _, _, group in labels.OVERVIEW for i in group if store.catalogue.get(i) is not None]
    series = store.series_records(ids)
    catalogue = store.indicators()
    counts = dict(zip(catalogue["id"], catalogue["facts"].astype(int), strict=True))
    sections = []
    for zh, en, group in labels.OVERVIEW:
        cards = [_card(store.catalogue.by_id[i], series[i], counts.get(i, 0)) for i in group
                 if i in store.catalogue.by_id]
        sections.append({"title_zh": zh, "title_en": en, "cards": cards})
    totals = store.counts()
    return {
        "sections": sections,
        "programmes": programmes(store, counts),
        "totals": {"documents": totals["documents"], "facts": totals["facts"], "stories": totals["stories"],
                   "conflicts": len(store.conflicts()),
                   "indicators": int((catalogue["facts"] > 0).sum())},
    }


def programmes(store: Store, counts: dict[str, int] | None = None) -> list[dict]:
    """The ministry's programmes by group: for each indicator and scope with data, its latest value,
    period, sources and trend (each scope of a programme is its own row: 亿元以上 and 50亿元以上
    projects are two figures); the programmes without data are named, so gaps are visible too."""
    catalogue = store.catalogue
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
                card = _card(indicator, mine, counts.get(indicator.id, 0))
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
    basis = row.get("basis") if row.get("basis") in labels.BASES else ""
    return row["measure"], row["unit"], basis


def _chart_title(measure: str, unit: str, basis: str) -> str:
    parts = [labels.measure(measure)]
    if basis:
        parts.append(labels.basis(basis))
    return " · ".join(parts) + f" ({unit})"


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
            kv[0][3], kv[0][0] != default_measure, order.get(kv[0][0], 99), kv[0][2] != "yoy", kv[0][2],
            kv[0][1])):
        points = [_point(r) for r in group]
        placed = [p for p in points if p["end"]]
        placed.sort(key=lambda p: (p["end"], -timeaxis.length_days(p["period"])))
        title = _chart_title(m, unit, basis)
        charts.append({
            "id": "-".join(x for x in (m, basis, {"%": "pct"}.get(unit, unit),
                                       f"scope{scopes.index(scope) + 1}" if scope else "") if x),
            "measure": m, "unit": unit, "basis": basis or None, "scope": scope or None,
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
