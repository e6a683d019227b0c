"""Growth over another base than the year before: a written year's same period, two-year averages.

In 2021 releases compared the year with 2019 as well as 2020: ``同比增长8.3%,比2019年同期增长13.5%,
两年平均增长6.5%`` states three different series. The sentence grammar reads the comparison words
but takes ``同期`` for the year before; this stage reads the figure's own clause again and gives such
rates their base (``vs:2019-06``, ``avg2y``). The vocabulary is zhibiao/rules/bases.toml.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from zhibiao.models import Fact
from zhibiao.rules import load

TWO_YEAR_AVERAGE = "avg2y"
LONGER_AVERAGE = "avg"
_LOOKBACK = 80


@cache
def _rules() -> tuple[re.Pattern, re.Pattern, tuple[re.Pattern, ...], re.Pattern, re.Pattern]:
    from zhibiao.gate import _variants  # traditional spellings too: spans point into the original text

    table = load("bases")

    def alt(words) -> str:
        forms = {form for w in words for form in _variants(w)}
        return "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))

    average = re.compile(alt(table["two_year_average"]))
    longer = re.compile(alt(table["longer_average"]))
    same_period = alt(table["same_period"])
    written = re.compile(rf"(?:{alt(table['comparators'])})\s*{table['year']}(?:{same_period})")
    # Whether a quote may hold either: the words, or a year before a same-period word. Patterns
    # each opening with what the engine can scan for; their union would be tried at every position.
    quick = (average, longer, re.compile(rf"{table['year']}(?:{same_period})"))
    return average, written, quick, re.compile(table["clause_end"]), longer


def mark_bases(facts: list[Fact], text: str) -> list[Fact]:
    """`facts` with the base of growth rates over a written year's period or averaged over two years
    (`text` is the document's original text, which spans point into)."""
    average, written, quick, _, longer = _rules()
    out = []
    may_hold: dict[str, bool] = {}  # by quote: the facts of a sentence share it
    for fact in facts:
        if fact.measure != "growth" or fact.span is None or not _may_hold(fact.quote or "", quick, may_hold):
            out.append(fact)
            continue
        clause = _clause(fact.span[0], text)
        basis = fact.basis
        if averaged := _nearest_average(clause, average, longer):
            basis = averaged
        elif (m := _last(written, clause)) and fact.period and fact.period[:4].isdigit():
            year = int(m.group("year"))
            if year < int(fact.period[:4]) - 1:
                basis = "vs:" + fact.period.replace(fact.period[:4], f"{year:04d}")
        out.append(fact if basis == fact.basis else replace(fact, basis=basis))
    return out


def _nearest_average(clause: str, two_years: re.Pattern, longer: re.Pattern) -> str | None:
    """avg2y or avg, by the average word nearest the figure in its clause; None without one."""
    two, more = _last(two_years, clause), _last(longer, clause)
    if two is None and more is None:
        return None
    if more is None or (two is not None and two.start() > more.start()):
        return TWO_YEAR_AVERAGE
    return LONGER_AVERAGE


def _may_hold(quote: str, quick: tuple[re.Pattern, ...], seen: dict[str, bool]) -> bool:
    """Whether the quote may name either base (cached in `seen`)."""
    if quote not in seen:
        seen[quote] = any(p.search(quote) for p in quick)
    return seen[quote]


def _last(pattern: re.Pattern, text: str) -> re.Match | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def _clause(start: int, text: str) -> str:
    """The clause before a number at `start` in the original text."""
    return _rules()[3].split(text[max(0, start - _LOOKBACK):start])[-1]
