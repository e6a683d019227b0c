"""The records that flow through the pipeline: plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

MEASURES = ("level", "growth", "growth_change", "share", "contribution", "pull")
QUALIFIERS = ("exact", "approx", "at_least", "at_most")


@dataclass(frozen=True)
class Document:
    """One document as read from disk, before cleaning.

    `text` is the decoded original text (for HTML, the main text trafilatura found); fact
    spans point into it.
    """

    id: str
    text: str
    source: str
    date: date | None = None
    title: str | None = None
    url: str | None = None
    format: str = "txt"


@dataclass(frozen=True)
class Fact:
    """One quantitative statement, as defined in FACTS.md."""

    doc: str
    subject: str
    measure: str
    value: float
    unit: str
    qualifier: str = "exact"
    period: str | None = None
    basis: str | None = None
    region: str | None = None
    modality: str = "actual"
    quote: str = ""
    span: tuple[int, int] | None = None
    value_max: float | None = None
    indicator: str | None = None
    scope: str | None = None  # the programme scope its subject selects (亿元以上, 重点培育), when linked
    vintage: str | None = None  # revision stage stated in the sentence (zhibiao.extract.vintages)

    def to_dict(self) -> dict:
        out = {
            "doc": self.doc,
            "subject": self.subject,
            "measure": self.measure,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "period": self.period,
            "basis": self.basis,
            "region": self.region,
            "modality": self.modality,
            "quote": self.quote,
            "span": list(self.span) if self.span else None,
        }
        if self.value_max is not None:
            out["value_max"] = self.value_max
        if self.indicator is not None:
            out["indicator"] = self.indicator
        if self.scope is not None:
            out["scope"] = self.scope
        if self.vintage is not None:
            out["vintage"] = self.vintage
        return out


@dataclass(frozen=True)
class ReadFailure:
    """A document that could not be read; the run goes on without it."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class Extraction:
    """What one document yields: its facts, plus the cleaned text they quote."""

    document: Document
    facts: list[Fact] = field(default_factory=list)
    clean_text: str = ""
