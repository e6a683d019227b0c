"""One fact stated twice (a headline, a lead sentence, a table restating the text) kept once."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from zhibiao.ingest.segment import is_headline
from zhibiao.models import Fact
from zhibiao.rules import load


def _fact_key(f: Fact) -> tuple:
    """What makes two facts one; a gap is one only against the same thing (高于武汉、宁波0.6个百分点: two),
    and a goal is never its outcome (增长5.0%,完成5%左右的增长目标)."""
    compared = f.basis if f.measure == "growth_change" else None
    return (f.subject, f.value, f.unit, f.measure, f.period, f.region, compared, f.modality)


def dedupe(facts: list[Fact], table_facts: Sequence[Fact] = ()) -> list[Fact]:
    """One fact stated twice (a lead sentence and the body, or the text and a table cell) is kept
    once, with the fuller subject. A table restating the text (城镇 | 30601 | 8.4 under
    城镇消费品零售额…增长8.4%) is merged whatever its value; elsewhere only a distinctive value."""
    out: list[Fact] = []
    from_text: list[bool] = []
    by_key: dict[tuple, list[int]] = {}
    for n, f in enumerate([*_without_repeated_sentences(facts), *table_facts]):
        in_table = n >= len(facts)
        slots = by_key.setdefault(_fact_key(f)[1:], [])
        distinctive = bool(slots) and _distinctive(f.value)  # read only against a fact of the same key
        twin = next((i for i in slots if out[i].subject == f.subject or _one_indicator(out[i].subject, f.subject) or (
            (distinctive or (in_table and from_text[i]))
            and (out[i].subject in f.subject or f.subject in out[i].subject))), None)
        if twin is None:
            slots.append(len(out))
            out.append(f)
            from_text.append(not in_table)
        elif len(f.subject) > len(out[twin].subject):
            out[twin] = f
    return out


@cache
def _indicator_of_alias() -> dict[str, str]:
    """Each alias of the indicator table (rules/indicators.toml) -> its indicator's id. Read from the
    table itself: the catalogue module that links facts comes after extraction (tests/test_layers.py)."""
    table = load("indicators")
    return {alias: ident for ident, entry in table.items() if isinstance(entry, dict)
            for alias in entry.get("aliases", ())}


def _one_indicator(a: str, b: str) -> bool:
    """Two names of one indicator (GDP and 地区生产总值: a lead and its body)."""
    aliases = _indicator_of_alias()
    found = aliases.get(a)
    return found is not None and found == aliases.get(b)


def _without_repeated_sentences(facts: list[Fact]) -> list[Fact]:
    """A sentence printed twice (a repost that repeats a paragraph) gives its facts once, dated where
    one copy is dated (the copy after the release's period was named) and the other is not."""
    first: dict[tuple, int] = {}
    out: list[Fact] = []
    for f in facts:
        key = (f.subject, f.value, f.unit, f.measure, f.region)
        at = first.get(key)
        earlier = out[at] if at is not None else None
        if (at is not None and earlier is not None and (earlier.period is None) != (f.period is None)
                and f.quote and earlier.quote and (f.quote in earlier.quote or earlier.quote in f.quote)):
            if earlier.period is None:
                out[at] = f
            continue
        first.setdefault(key, len(out))
        out.append(f)
    return out


def _distinctive(value: float) -> bool:
    """A value unlikely to recur by chance (55788亿元, 11.25%), unlike 0.1 or 5.4: two facts
    with it and nested subjects (工业增加值, 规模以上工业增加值) are one fact stated twice."""
    digits = f"{abs(value):.6g}".replace(".", "").strip("0")
    return abs(value) >= 1000 or len(digits) >= 3


def drop_headline_repeats(facts: list[Fact]) -> list[Fact]:
    """A headline restating a body figure is the same fact: keep the body's."""
    quotes = {f.quote for f in facts}  # the facts of a sentence share its quote
    is_head = {q: is_headline(q) for q in quotes}
    headline = [is_head[f.quote] for f in facts]
    body: dict[tuple, list[str]] = {}
    for f, head in zip(facts, headline, strict=True):
        if not head:
            body.setdefault((f.value, f.unit, f.measure), []).append(f.subject)
    return [f for f, head in zip(facts, headline, strict=True) if not (head and any(
        _may_name_the_same(f, other) for other in body.get((f.value, f.unit, f.measure), ())))]


def _may_name_the_same(headline: Fact, subject: str) -> bool:
    """Whether a headline fact may restate a body fact about `subject`: the headline shares two
    characters in a row with it (规上工业增加值 / 规模以上工业增加值, 5G基站), or either subject is
    written in Latin letters (GDP, PMI). A headline on 地区生产总值 up 6.3 % does not restate 茶叶产量
    up 6.3 %."""
    if subject.isascii() or headline.subject.isascii():
        return True
    return any(subject[i:i + 2] in headline.quote for i in range(len(subject) - 1))
