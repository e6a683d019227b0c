"""The per-document preparation between extraction and the store: a document made ready to store.

An Extraction becomes a Prepared document: its facts linked to the catalogue's indicators, the facts
the text implies derived (zhibiao.derive), each fact laid out as a row of the facts table
(FACT_FIELDS), and the MinHash signature that groups reposts into stories (zhibiao.stories). It is a
pure function of the document, so it runs wherever the document was extracted (this process, a
worker process, a Ray task) and the store's single writer only stacks the rows. An Outcome says
what became of one input item on its way to the writer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from zhibiao.catalogue import Catalogue, Link, subject_key
from zhibiao.derive import DerivedFact, derive_facts
from zhibiao.gate import GateTally
from zhibiao.models import Document, Extraction, Fact, ReadFailure
from zhibiao.period import classify_period

if TYPE_CHECKING:
    from zhibiao.stories import Signature

# The facts table's columns in row order, with their Arrow types (zhibiao.store.writer builds the
# Arrow schema from them; zhibiao.engines.rows names row fields by them).
FACT_FIELDS: tuple[tuple[str, str], ...] = (
    ("doc_id", "string"), ("seq", "int32"), ("subject", "string"), ("subject_key", "string"),
    ("indicator", "string"), ("measure", "string"), ("value", "float64"),
    ("value_max", "float64"), ("unit", "string"), ("qualifier", "string"), ("period", "string"),
    ("period_key", "string"), ("period_type", "string"), ("basis", "string"),
    ("region", "string"), ("modality", "string"), ("quote", "string"),
    ("span_start", "int32"), ("span_end", "int32"), ("derived", "bool_"),
    ("derivation", "string"), ("scope", "string"), ("vintage", "string"),
)
FACT_NAMES: tuple[str, ...] = tuple(name for name, _ in FACT_FIELDS)

Kind = Literal["stored", "unchanged", "gated", "failed"]


def content_hash(doc: Document) -> str:
    """sha256 of the text and of the metadata that changes what is extracted or stored."""
    h = hashlib.sha256()
    for part in (doc.text, doc.date.isoformat() if doc.date else "", doc.title or "", doc.url or "",
                 doc.format):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


@dataclass(frozen=True)
class Prepared:
    """A document ready to store: its facts linked to the catalogue, derived facts, signature.

    The facts are kept as the rows of the facts table (FACT_FIELDS: the document's facts, then its
    derived facts), built where the document was extracted: a worker process sends plain tuples,
    which cost a fraction of Fact objects to pickle, and the writer only stacks them.
    """

    document: Document
    clean_text: str
    content_hash: str
    rows: tuple[tuple, ...]
    derived_count: int
    signature: Signature

    @property
    def fact_count(self) -> int:
        return len(self.rows)

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(_fact(row) for row in self.rows[:len(self.rows) - self.derived_count])

    @property
    def derived(self) -> tuple[DerivedFact, ...]:
        return tuple(DerivedFact(_fact(row), row[_DERIVATION])
                     for row in self.rows[len(self.rows) - self.derived_count:])


@dataclass
class Outcome:
    """What became of one input item: stored (with its Prepared document), unchanged, gated or failed."""

    kind: Kind
    source: str
    prepared: Prepared | None = None
    failure: ReadFailure | None = None
    gate: GateTally = field(default_factory=GateTally)


def prepare(extraction: Extraction, catalogue: Catalogue, digest: str | None = None) -> Prepared:
    """Link facts to indicators, derive implied facts and sign the text of one extraction."""
    from zhibiao.stories import sign  # datasketch loads only where documents are stored

    doc = extraction.document
    derived = derive_facts(extraction.facts, doc.text)
    links = iter(catalogue.links(list(extraction.facts) + [d.fact for d in derived]))
    facts = [_linked(f, next(links)) for f in extraction.facts]
    derived = [DerivedFact(_linked(d.fact, next(links)), d.derivation) for d in derived]
    return prepared(doc, extraction.clean_text, digest or content_hash(doc), facts, derived,
                    sign(extraction.clean_text))


def _linked(fact: Fact, link: Link) -> Fact:
    indicator = link.indicator.id if link.indicator else None
    if fact.indicator == indicator and fact.scope == link.scope:
        return fact
    return replace(fact, indicator=indicator, scope=link.scope)


def prepared(doc: Document, clean_text: str, digest: str, facts: Sequence[Fact], derived: Sequence[DerivedFact],
             signature: Signature) -> Prepared:
    """A Prepared from linked facts and derived facts (its rows numbered in that order)."""
    rows = [fact_row(doc.id, seq, f, None) for seq, f in enumerate(facts)]
    rows += [fact_row(doc.id, seq, d.fact, d.derivation) for seq, d in enumerate(derived, start=len(rows))]
    return Prepared(doc, clean_text, digest, tuple(rows), len(derived), signature)


def fact_row(doc_id: str, seq: int, f: Fact, derivation: str | None) -> tuple:
    """The facts-table row (FACT_FIELDS) of one fact; a derived fact has its derivation."""
    key, kind = classify_period(f.period)
    span = f.span
    return (doc_id, seq, f.subject, subject_key(f.subject), f.indicator, f.measure, float(f.value),
            None if f.value_max is None else float(f.value_max), f.unit, f.qualifier, f.period, key, kind,
            f.basis, f.region, f.modality, f.quote, span[0] if span else None, span[1] if span else None,
            derivation is not None, derivation, f.scope, f.vintage)


_DERIVATION = FACT_NAMES.index("derivation")


def _fact(row: tuple) -> Fact:
    (doc_id, _seq, subject, _key, indicator, measure, value, value_max, unit, qualifier, period, _period_key,
     _period_type, basis, region, modality, quote, start, end, _derived, _derivation, scope, vintage) = row
    return Fact(doc_id, subject, measure, value, unit, qualifier, period, basis, region, modality, quote,
                None if start is None else (start, end), value_max, indicator, scope=scope, vintage=vintage)
