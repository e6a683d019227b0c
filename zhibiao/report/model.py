"""The structured briefing every format renders: sections of paragraphs of sentences, whose numbers are
figures, each with the sources a reader can check it against."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Source:
    """One document stating a figure: where to read it and what it says."""

    doc: str
    seq: int
    title: str
    published: str | None
    url: str | None
    quote: str
    story: int
    derived: bool = False
    derivation: str | None = None

    @property
    def evidence(self) -> str:
        """The path of the fact's evidence page on `zhibiao serve` (any document id routes)."""
        from zhibiao.web.safety import evidence_path

        return evidence_path(self.doc, self.seq)


@dataclass
class Figure:
    """A number in the briefing. `kind` says where it comes from: `stated` (a document states it),
    `derived` (implied by a stated change, see zhibiao.series.derive_facts) or `computed` (the difference
    of two other figures, `inputs`, made by the report)."""

    n: int
    text: str
    value: float
    unit: str
    qualifier: str
    kind: str
    indicator: str | None = None
    measure: str | None = None
    period: str | None = None
    basis: str | None = None
    region: str | None = None
    sources: list[Source] = field(default_factory=list)
    stories: int = 0
    copies: int = 0
    derivation: str | None = None
    inputs: list[int] = field(default_factory=list)
    dissent: list[int] = field(default_factory=list)

    @property
    def link(self) -> str | None:
        """The evidence page of its first source (None for a computed figure without one)."""
        return self.sources[0].evidence if self.sources else None


@dataclass
class Sentence:
    """Text and figures in reading order: a str is text, an int the number of a figure."""

    parts: list[str | int]


@dataclass
class Paragraph:
    sentences: list[Sentence]
    heading: str | None = None


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[Paragraph]


@dataclass
class Chart:
    """A chart as data (a Vega-Lite spec); renderers turn it into SVG."""

    key: str
    title: str
    spec: dict


@dataclass
class Report:
    period: str
    region: str
    title: str
    sections: list[Section]
    figures: list[Figure]
    charts: list[Chart] = field(default_factory=list)

    def figure(self, n: int) -> Figure:
        return self.figures[n - 1]

    def sentence_text(self, sentence: Sentence) -> str:
        """The sentence as plain text, figures written out."""
        return "".join(p if isinstance(p, str) else self.figure(p).text for p in sentence.parts)

    def text(self) -> str:
        """Every sentence of the briefing as plain text, one paragraph a line."""
        lines = []
        for section in self.sections:
            for paragraph in section.paragraphs:
                lines.append("".join(self.sentence_text(s) for s in paragraph.sentences))
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """JSON-ready: sections with sentences as parts, figures with their sources and evidence paths."""
        figures = []
        for f in self.figures:
            d = asdict(f)
            d["link"] = f.link
            for s, src in zip(d["sources"], f.sources, strict=True):
                s["evidence"] = src.evidence
            figures.append(d)
        sections = []
        for s in self.sections:
            paragraphs = []
            for p in s.paragraphs:
                sentences = [{"text": self.sentence_text(x),
                              "parts": [{"text": part} if isinstance(part, str) else {"figure": part}
                                        for part in x.parts]} for x in p.sentences]
                paragraphs.append({"heading": p.heading, "sentences": sentences})
            sections.append({"key": s.key, "title": s.title, "paragraphs": paragraphs})
        return {"period": self.period, "region": self.region, "title": self.title, "sections": sections,
                "figures": figures, "charts": [asdict(c) for c in self.charts]}
