"""The cleaned text of a document cut into segments: the chosen fact's sentence highlighted, every
extracted number marked with the fact it belongs to.

Quotes come from the cleaned text, so each fact's sentence is found there directly (where it occurs
more than once, the occurrence nearest the fact's place in the original wins). Spans point into the
original text; the number they cover is normalised the way cleaning normalised it (full-width forms,
traditional script) and looked up inside the sentence, the facts of one sentence in the order of their
spans, so 分别增长6.1%和5.9% marks each figure once.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhibiao.store.search import simplify


@dataclass(frozen=True)
class Segment:
    text: str
    highlight: bool = False  # inside the chosen fact's sentence
    fact: int | None = None  # seq of the fact whose number this is
    chosen: bool = False  # the number of the chosen fact

    def to_dict(self) -> dict:
        return {"text": self.text, "highlight": self.highlight, "fact": self.fact, "chosen": self.chosen}


def _normal(text: str) -> str:
    return simplify(text).replace(" ", "")


def locate_quote(clean: str, quote: str, hint: float | None = None) -> tuple[int, int] | None:
    """Where `quote` sits in the cleaned text; `hint` (0..1) picks among repeated occurrences."""
    if not quote:
        return None
    starts = []
    at = clean.find(quote)
    while at >= 0:
        starts.append(at)
        at = clean.find(quote, at + 1)
    if not starts:
        return None
    if hint is not None and len(starts) > 1:
        target = hint * len(clean)
        starts.sort(key=lambda s: abs(s - target))
    return starts[0], starts[0] + len(quote)


def locate_facts(clean: str, original: str, facts: list[dict]) -> dict[int, dict]:
    """For each fact (records with seq, quote, span_start, span_end, derived): where its sentence and,
    when it is stated, its number are in the cleaned text: ``{seq: {"quote": (a, b) | None,
    "number": (a, b) | None}}``."""
    out: dict[int, dict] = {}
    by_quote: dict[tuple[int, int], list[dict]] = {}
    for fact in facts:
        start = fact.get("span_start")
        hint = (start / len(original)) if (start is not None and original) else None
        where = locate_quote(clean, fact.get("quote") or "", hint)
        out[int(fact["seq"])] = {"quote": where, "number": None}
        if where is not None and not fact.get("derived") and start is not None and fact.get("span_end") is not None:
            by_quote.setdefault(where, []).append(fact)
    claimed: list[tuple[int, int]] = []
    for (qa, qb), group in by_quote.items():
        cursor = qa
        for fact in sorted(group, key=lambda f: (f["span_start"], f["seq"])):
            number = _normal(original[int(fact["span_start"]):int(fact["span_end"])])
            if not number:
                continue
            found = _find_free(clean, number, cursor, qb, claimed)
            if found is None:
                found = _find_free(clean, number, qa, qb, claimed)
            if found is not None:
                claimed.append(found)
                out[int(fact["seq"])]["number"] = found
                cursor = found[1]
    return out


def _find_free(text: str, needle: str, start: int, end: int, claimed: list[tuple[int, int]]) -> tuple[int, int] | None:
    at = text.find(needle, start, end)
    while at >= 0:
        span = (at, at + len(needle))
        if not any(a < span[1] and span[0] < b for a, b in claimed):
            return span
        at = text.find(needle, at + 1, end)
    return None


def _cut_points(clean: str, highlight: tuple | None, numbers: list[tuple]) -> list[int]:
    """Every boundary of the highlighted sentence and of the located numbers, in order."""
    cuts = {0, len(clean)}
    if highlight:
        cuts.update(highlight)
    for (a, b), _ in numbers:
        cuts.update((a, b))
    return sorted(c for c in cuts if 0 <= c <= len(clean))


def _segment(clean: str, a: int, b: int, highlight: tuple | None, numbers: list[tuple],
             chosen: int | None) -> Segment:
    """The text between two cuts: lit when inside the highlighted sentence, a fact's when inside its number."""
    lit = bool(highlight and highlight[0] <= a and b <= highlight[1])
    seq = next((s for (na, nb), s in numbers if na <= a and b <= nb), None)
    return Segment(clean[a:b], lit, seq, seq is not None and seq == chosen)


def segments(clean: str, places: dict[int, dict], chosen: int | None = None) -> list[Segment]:
    """Cut `clean` at every boundary of the chosen sentence and of every located number."""
    highlight = places.get(chosen, {}).get("quote") if chosen is not None else None
    numbers = sorted((p["number"], seq) for seq, p in places.items() if p.get("number"))
    points = _cut_points(clean, highlight, numbers)
    out: list[Segment] = []
    for a, b in zip(points, points[1:], strict=False):
        if a == b:
            continue
        seg = _segment(clean, a, b, highlight, numbers, chosen)
        if out and (out[-1].highlight, out[-1].fact, out[-1].chosen) == (seg.highlight, seg.fact, seg.chosen):
            out[-1] = Segment(out[-1].text + seg.text, seg.highlight, seg.fact, seg.chosen)
        else:
            out.append(seg)
    return out
