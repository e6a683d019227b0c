"""Outcomes as flat rows: what a distributed engine writes as Parquet and the store loads back.

One row per input record, in the order key `seq` (the shard's position in the input, then the
record's in the shard), so that the loader can hand the single writer the outcomes in input order.
The facts of a document are a list column of structs with the FACTS.md fields, so the output can
be queried directly:

    SELECT f.* FROM (SELECT unnest(facts) AS f FROM read_parquet('out/*.parquet'));
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa

from zhibiao.derive import DerivedFact
from zhibiao.gate import GateTally
from zhibiao.models import Document, Fact, ReadFailure
from zhibiao.prepare import FACT_NAMES, Outcome, prepared
from zhibiao.stories import Signature

SHARD_BITS = 40  # seq = shard << SHARD_BITS | record: a trillion records per shard

FACT_TYPE = pa.struct([
    ("doc", pa.string()), ("subject", pa.string()), ("indicator", pa.string()), ("measure", pa.string()),
    ("value", pa.float64()), ("value_max", pa.float64()), ("unit", pa.string()), ("qualifier", pa.string()),
    ("period", pa.string()), ("basis", pa.string()), ("region", pa.string()), ("modality", pa.string()),
    ("quote", pa.string()), ("span_start", pa.int64()), ("span_end", pa.int64()), ("derived", pa.bool_()),
    ("derivation", pa.string()), ("scope", pa.string()), ("vintage", pa.string()),
])
SCHEMA = pa.schema([
    ("seq", pa.int64()), ("kind", pa.string()), ("source", pa.string()), ("reason", pa.string()),
    ("id", pa.string()), ("format", pa.string()), ("url", pa.string()), ("title", pa.string()),
    ("published", pa.date32()), ("content_hash", pa.string()), ("text", pa.string()), ("clean_text", pa.string()),
    ("facts", pa.list_(FACT_TYPE)), ("minhash", pa.binary()), ("bands", pa.list_(pa.int64())),
    ("gate_checked", pa.int32()), ("gate_skipped", pa.int32()), ("gate_seconds", pa.float64()),
    ("gate_audited", pa.int32()), ("gate_audit_seconds", pa.float64()), ("gate_misses", pa.int32()),
])
_EMPTY = {name: None for name in SCHEMA.names}


def seq_of(shard: int, record: int) -> int:
    return (shard << SHARD_BITS) | record


def to_row(seq: int, outcome: Outcome) -> dict:
    g = outcome.gate
    row: dict[str, Any] = {**_EMPTY, "seq": seq, "kind": outcome.kind, "source": outcome.source,
           "gate_checked": g.checked, "gate_skipped": g.skipped, "gate_seconds": g.seconds,
           "gate_audited": g.audited, "gate_audit_seconds": g.audit_seconds, "gate_misses": g.misses}
    if outcome.failure is not None:
        row["reason"] = outcome.failure.reason
    p = outcome.prepared
    if p is not None:
        d = p.document
        row.update(id=d.id, format=d.format, url=d.url, title=d.title, published=d.date,
                   content_hash=p.content_hash, text=d.text, clean_text=p.clean_text,
                   facts=[_fact_row(r) for r in p.rows],
                   minhash=p.signature.to_bytes(), bands=list(p.signature.bands))
    return row


def to_table(rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def from_row(row: dict) -> Outcome:
    """The Outcome a row describes (the inverse of to_row)."""
    gate = GateTally(row["gate_checked"] or 0, row["gate_skipped"] or 0, row["gate_seconds"] or 0.0,
                     row["gate_audited"] or 0, row["gate_audit_seconds"] or 0.0, row["gate_misses"] or 0)
    kind, source = row["kind"], row["source"]
    if kind == "failed":
        return Outcome(kind, source, failure=ReadFailure(source, row["reason"]), gate=gate)
    if kind != "stored":
        return Outcome(kind, source, gate=gate)
    published = row["published"]
    doc = Document(row["id"], row["text"], source, published if isinstance(published, date) else None,
                   row["title"], row["url"], row["format"])
    facts, derived = [], []
    for f in row["facts"] or ():
        fact = Fact(doc=f["doc"], subject=f["subject"], measure=f["measure"], value=f["value"], unit=f["unit"],
                    qualifier=f["qualifier"], period=f["period"], basis=f["basis"], region=f["region"],
                    modality=f["modality"], quote=f["quote"],
                    span=None if f["span_start"] is None else (f["span_start"], f["span_end"]),
                    value_max=f["value_max"], indicator=f["indicator"], scope=f.get("scope"),
                    vintage=f.get("vintage"))
        if f["derived"]:
            derived.append(DerivedFact(fact, f["derivation"]))
        else:
            facts.append(fact)
    signature = Signature(np.frombuffer(row["minhash"], dtype="<u4").astype(np.uint32), tuple(row["bands"] or ()))
    return Outcome(kind, source, prepared=prepared(doc, row["clean_text"], row["content_hash"], facts, derived,
                                                   signature), gate=gate)


def _fact_row(row: tuple) -> dict:
    """A facts-table row (zhibiao.prepare.FACT_FIELDS) as a FACT_TYPE struct."""
    named = dict(zip(FACT_NAMES, row, strict=True))
    return {"doc": named["doc_id"], **{name: named[name] for name in FACT_TYPE.names[1:]}}
