"""The shapes of the JSON answers, for the OpenAPI schema (/openapi.json) and the clients it generates.

They document what zhibiao.web.views builds; the app serialises that data itself (the answers are
cached as bytes), and the schemathesis test checks every answer against these models. Objects allow
fields beyond those listed, so a page can grow without breaking a client.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

ERRORS = {
    400: "The request names something that exists but cannot be answered as asked",
    404: "No such indicator, subject, document or fact",
    422: "A malformed parameter (the error names it)",
    503: "The fact database cannot be read (missing, locked or from a newer zhibiao)",
}


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Error(_Open):
    """Every error answer: one line saying what went wrong."""

    error: str


class Problem(_Open):
    loc: list[str]
    msg: str
    type: str


class ValidationError(Error):
    detail: list[Problem] = []


class Fact(_Open):
    """A stored fact (FACTS.md fields) with its provenance, labels and evidence link."""

    doc: str
    seq: int
    subject: str
    measure: str
    value: float
    value_max: float | None = None
    unit: str
    qualifier: str | None = None
    period: str | None = None
    period_type: str | None = None
    basis: str | None = None
    region: str | None = None
    indicator: str | None = None
    quote: str
    derived: bool
    derivation: str | None = None
    url: str | None = None
    published: str | None = None
    period_label: str | None = None
    start: str | None = None
    end: str | None = None
    value_text: str
    measure_label: str | None = None
    evidence: str


class Point(Fact):
    """A chart point: a series cell (the best source of a period), placed at the end of its span."""

    stories: int
    copies: int
    conflict: bool
    dissent: str | None = None
    approx: bool


class Card(_Open):
    id: str
    name_zh: str
    name_en: str | None = None
    measure: str
    unit: str
    url: str
    latest: Point | None = None
    region: str | None = None
    periods: int
    facts: int
    sparkline: list[str]


class Section(_Open):
    title_zh: str
    title_en: str
    cards: list[Card]


class Totals(_Open):
    documents: int
    facts: int
    stories: int
    conflicts: int
    indicators: int


class Overview(_Open):
    sections: list[Section]
    totals: Totals


class CatalogueRow(_Open):
    id: str
    name_zh: str
    name_en: str | None = None
    measure: str
    unit: str
    facts: int
    documents: int
    url: str


class Unlinked(_Open):
    subject: str
    facts: int


class Indicators(_Open):
    indicators: list[CatalogueRow]
    unlinked: list[Unlinked]


class Chart(_Open):
    id: str
    measure: str
    unit: str
    basis: str | None = None
    title: str
    points: list[Point]
    unplaced: list[Point]
    period_types: list[str]


class Head(_Open):
    id: str
    name_zh: str
    name_en: str | None = None
    kind: str
    aliases: list[str]


class IndicatorPage(_Open):
    indicator: Head
    key: str
    chart_region: str | None = None
    charts: list[Chart]
    facts: list[Fact]
    total: int
    limit: int
    offset: int
    csv: str


class Facts(_Open):
    filters: dict
    total: int
    limit: int
    offset: int
    facts: list[Fact]


class Segment(_Open):
    text: str
    highlight: bool
    fact: int | None = None
    chosen: bool


class DocumentInfo(_Open):
    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    story: int
    copies: int
    fact_count: int | None = None


class Copy(_Open):
    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    url_here: str


class EvidenceFact(Fact):
    located: bool
    marked: bool


class Evidence(_Open):
    document: DocumentInfo
    fact: EvidenceFact | None = None
    segments: list[Segment]
    facts: list[EvidenceFact]
    copies: list[Copy]


class DocumentRow(_Open):
    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    story: int
    copies: int
    url_here: str


class Documents(_Open):
    total: int
    limit: int
    offset: int
    documents: list[DocumentRow]


class Part(_Open):
    text: str
    match: bool


class Hit(Fact):
    quote_parts: list[Part]
    subject_parts: list[Part]
    series: str


class Search(_Open):
    query: str
    terms: list[str]
    total: int
    limit: int
    offset: int
    hits: list[Hit]
    note: str | None = None


class Conflict(_Open):
    indicator: str | None = None
    subject: str
    measure: str
    period: str
    region: str | None = None
    value_a: float
    value_b: float
    quote_a: str
    quote_b: str
    evidence_a: str
    evidence_b: str
    series: str


class Conflicts(_Open):
    indicator: str | None = None
    total: int
    conflicts: list[Conflict]


class RankedPoint(Point):
    rank: int
    map_name: str
    region_url: str


class IndicatorLink(_Open):
    id: str
    name_zh: str
    name_en: str | None = None
    url: str


class Regions(_Open):
    """The provinces ranked by one indicator in one period."""

    indicator: IndicatorLink
    measure: str
    unit: str | None = None
    period: str | None = None
    periods: list[dict]
    ranking: list[RankedPoint]
    map: dict
    compare: str


class RegionSeries(_Open):
    key: str
    name_zh: str
    measure: str
    unit: str
    facts: int
    latest: Fact
    url: str
    ranking: str | None = None


class Region(_Open):
    """What is known about one region: each series' latest value."""

    region: str
    is_province: bool
    facts: int
    documents: int
    series: list[RegionSeries]
    facts_url: str


class CompareSeries(_Open):
    name: str
    indicator: str | None = None
    key: str
    region: str | None = None
    measure: str | None = None
    unit: str | None = None
    period_type: str | None = None
    points: list[Point]
    url: str
    axis: int


class Compare(_Open):
    """Several series on one time axis, one y axis per unit."""

    series: list[CompareSeries]
    axes: list[dict]
    view: dict
    ranges: list[dict]
    download_name: str
    csv: str
    xlsx: str


class Report(_Open):
    """The briefing: sections of sentences whose figures carry their sources."""

    period: str
    region: str
    title: str
    sections: list[dict]
    figures: list[dict]


class Change(_Open):
    change: str
    doc: str
    seq: int
    subject: str
    measure: str
    value: float
    unit: str
    quote: str
    evidence: str
    series: str


class Changes(_Open):
    """New facts since a time, and the documents they came in."""

    since: str | None = None
    total: int
    counts: dict[str, int]
    changes: list[Change]
    documents: list[dict]
    runs: list[dict]


class Checks(_Open):
    """What does not add up in the stored series, per indicator."""

    indicator: str | None = None
    total: int
