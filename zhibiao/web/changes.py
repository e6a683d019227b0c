"""The data of /changes, /changes.json and /changes.atom: what the watch (or any ingest) brought.

The page and its JSON twin default to the last watch round that stored documents, as `zhibiao
changes` does; the Atom feed to the last ATOM_DAYS days, so that a reader polling less often than
the watch runs misses nothing. Each Atom entry is one new document with its facts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from xml.etree import ElementTree as ET

import zhibiao
from zhibiao import export
from zhibiao.handle import Store
from zhibiao.web import labels, timeaxis
from zhibiao.web.formatting import value_text
from zhibiao.web.views import BadRequest, document_url, evidence_url, indicator_url

ATOM_DAYS = 30
ATOM_ENTRIES = 100
KIND_LABELS = {"revision": "修订 revision", "conflict": "冲突 conflict", "new_period": "新的时期 new period",
               "new": "新增 new"}


def parse_since(value: str | None) -> datetime | None:
    """YYYY-MM-DD or an ISO date and time (UTC unless it says otherwise); BadRequest otherwise."""
    if value is None or not value.strip():
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise BadRequest(f"query parameter 'since': not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM): {value!r}") from None
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def changes(store: Store, *, since: str | None = None, atom: bool = False) -> dict:
    """New facts since `since` (see the module docstring), labelled for the page, grouped by document."""
    when = parse_since(since)
    if when is None and atom:
        when = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=ATOM_DAYS)
    used, df = store.changes(when)
    rows = export.records(df)
    counts = {kind: 0 for kind in KIND_LABELS}
    documents: dict[str, dict] = {}
    for row in rows:
        counts[row["change"]] += 1
        row["change_label"] = KIND_LABELS[row["change"]]
        row["period_label"] = timeaxis.label(row["period"])
        row["measure_label"] = labels.measure(row["measure"])
        row["basis_label"] = labels.basis(row["basis"])
        row["value_text"] = value_text(row["value"], row["unit"], row["qualifier"], row["value_max"])
        row["previous_text"] = value_text(row["previous"], row["unit"]) if row["previous"] is not None else None
        row["evidence"] = evidence_url(row["doc"], row["seq"])
        row["series"] = indicator_url(row["indicator"] or row["subject"])
        known = store.catalogue.by_id.get(row["indicator"] or "")
        row["name_zh"] = known.name_zh if known else row["subject"]
        row["name_en"] = known.name_en if known else None
        doc = documents.setdefault(row["doc"], {
            "doc": row["doc"], "title": row["title"], "url": row["url"], "published": row["published"],
            "ingested_at": row["ingested_at"], "page": document_url(row["doc"]), "facts": []})
        doc["facts"].append(row)
    docs = sorted(documents.values(), key=lambda d: (d["ingested_at"] or "", d["doc"]), reverse=True)
    return {
        "since": _iso(used),
        "total": len(rows),
        "counts": counts,
        "changes": rows,
        "documents": docs[:ATOM_ENTRIES] if atom else docs,
        "runs": store.watch_runs(5),
    }


def feed(store: Store, base_url: str, *, since: str | None = None) -> dict:
    """The Atom feed of changes (under "atom", as the app serves a file) with links under `base_url`."""
    return {"atom": atom(changes(store, since=since, atom=True), base_url)}


def atom(data: dict, base_url: str) -> str:
    """An Atom 1.0 feed of the new documents (one entry each, its facts as the content)."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    base = base_url.rstrip("/")
    feed = ET.Element(f"{{{ns}}}feed")
    _text(feed, ns, "title", "zhibiao 指标: 新数据 changes")
    _text(feed, ns, "id", f"{base}/changes.atom")
    ET.SubElement(feed, f"{{{ns}}}link", rel="self", href=f"{base}/changes.atom")
    ET.SubElement(feed, f"{{{ns}}}link", rel="alternate", href=f"{base}/changes")
    ET.SubElement(feed, f"{{{ns}}}generator", version=zhibiao.__version__).text = "zhibiao"
    updated = max((d["ingested_at"] for d in data["documents"] if d["ingested_at"]), default=None)
    _text(feed, ns, "updated", _stamp(updated))
    for doc in data["documents"]:
        entry = ET.SubElement(feed, f"{{{ns}}}entry")
        _text(entry, ns, "title", doc["title"] or doc["doc"])
        _text(entry, ns, "id", f"{base}{doc['page']}")
        _text(entry, ns, "updated", _stamp(doc["ingested_at"]))
        if doc["published"]:
            _text(entry, ns, "published", _stamp(doc["published"]))
        ET.SubElement(entry, f"{{{ns}}}link", rel="alternate", href=f"{base}{doc['page']}")
        if doc["url"] and doc["url"].startswith(("http://", "https://")):
            ET.SubElement(entry, f"{{{ns}}}link", rel="via", href=doc["url"])
        lines = [f"{f['change_label']}: {f['name_zh']} {f['measure_label']} {f['period_label']} "
                 f"{f['region'] or ''} {f['value_text']}"
                 + (f" (此前 before {f['previous_text']})" if f["previous_text"] else "") + f" — {f['quote']}"
                 for f in doc["facts"]]
        _text(entry, ns, "content", "\n".join(lines)).set("type", "text")
    return ET.tostring(feed, encoding="unicode", xml_declaration=False)


def _text(parent: ET.Element, ns: str, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ns}}}{tag}")
    element.text = _xml_safe(text)
    return element


def _xml_safe(text: str) -> str:
    """Scraped text without the control characters XML 1.0 cannot carry (ElementTree escapes the rest)."""
    return "".join(ch for ch in str(text) if ch in "\t\n\r" or ord(ch) >= 0x20)


def _stamp(value) -> str:
    """An RFC 3339 time for Atom, from an ISO string, a datetime or a date."""
    if value is None:
        return "1970-01-01T00:00:00Z"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0).isoformat() + "Z"
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00Z"
    return str(value)


def _iso(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)
