"""Values of the compared, stated in brackets: 比全省(7.4%)和全国(6.3%)分别高1.7、2.8个百分点.

City and provincial bulletins set a figure against the province's or the nation's and give that
value in brackets after its name. Read as it stands, the bracketed value has no subject and the gaps
after it lose their comparator. The sentence grammar therefore reads the sentence without the
brackets (the gaps then are changes against 全省 and 全国, as anywhere else), and each bracketed value
becomes a fact of its own: the compared figure's subject and measure, at the place named (全国 the
nation, 全省 the article's province) or, after 去年同期, a year earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from zhibiao.extract.attributes import QUOTE_MAX
from zhibiao.extract.lexicon import (
    COMPARED_ALSO,
    COMPARED_AVERAGE,
    COMPARED_JOINERS,
    COMPARED_LIST_OPENERS,
    COMPARED_SAME_PERIOD,
)
from zhibiao.extract.periods import TimeMention, find_times
from zhibiao.extract.record import ArticleState
from zhibiao.extract.regions import LOCAL_CITY, LOCAL_PROVINCE, NATIONAL, PLACE, local_region, place_words
from zhibiao.extract.subjects import find_stop, tier_ends
from zhibiao.ingest.segment import Sentence
from zhibiao.models import Document, Fact
from zhibiao.period import shift_year
from zhibiao.rules import words

_COMPARABLE = ("growth", "level", "share")  # the measures a bracketed percentage can be the value of
_COMPARED_REACH = 24  # how far before a bracket its comparator may stand (比全省(7.7%)和全国平均水平(7.0%))


@dataclass(frozen=True)
class Bracket:
    """One bracketed value: the bracket's span and the value's, in the sentence."""

    start: int
    end: int
    value_start: int
    value_end: int
    region: str | None  # the place it is the value of, or None for the same place
    earlier: bool       # a year earlier (去年同期(-1.1%))
    member: str = ""    # another member compared (快于轻工业(4.7%)): the value is its own
    at_time: bool = False  # another period compared (较一季度(6.8%)): the value is of that period


_BRACKET = re.compile(r"\((?P<value>-?\d+(?:\.\d+)?)%\)")


@cache
def _comparator() -> re.Pattern:
    return re.compile("|".join(map(re.escape, (*words("regions", "compared_before", "words"), *COMPARED_ALSO))))


def find_brackets(text: str, art: ArticleState) -> list[Bracket]:
    """The bracketed values of the compared in a sentence (none without a comparator before them)."""
    if "%)" not in text:
        return []
    places = place_words(text)
    out: list[Bracket] = []
    for m in _BRACKET.finditer(text):
        name_end = m.start()
        before = text[:name_end]
        for tail in COMPARED_AVERAGE:
            if before.endswith(tail):
                name_end -= len(tail)
                break
        comparator = _comparator().search(text, max(0, m.start() - _COMPARED_REACH), m.start())
        if not comparator or any(w in text[comparator.end():m.start()] for w in COMPARED_LIST_OPENERS):
            continue
        if text[:name_end].endswith(COMPARED_SAME_PERIOD):
            out.append(Bracket(m.start(), m.end(), m.start("value"), m.end("value"), None, True))
        elif _time_ending(text, name_end, art):
            out.append(Bracket(m.start(), m.end(), m.start("value"), m.end("value"), None, False, at_time=True))
        elif place := _place_ending(places, name_end) or _place_opening(text, places, m.start(), name_end):
            out.append(Bracket(m.start(), m.end(), m.start("value"), m.end("value"), _region(place, art, text), False))
        elif member := _member_before(text, m.start(), out[-1].end if out else 0):
            out.append(Bracket(m.start(), m.end(), m.start("value"), m.end("value"), None, False, member))
    return _with_shared_tiers(out)


def _time_ending(text: str, end: int, art: ArticleState) -> bool:
    """Whether a period (一季度, 1-5月, 上月) ends at `end`: the bracket after it is that period's value."""
    if text[:end].endswith(_relative_periods()):
        return True
    return any(t.end == end and t.kind == "period" for t in find_times(text[:end], art.pub))


@cache
def _relative_periods() -> tuple[str, ...]:
    """上月, 上年 (比上月(6.1%)): periods named relative to the figure's own, resolved as comparators."""
    return tuple(w for key in ("previous_month", "previous_quarter", "last_full_year")
                 for w in words("measures", "comparators", key))


_MEMBER = re.compile(r"[\u4e00-\u9fff]{2,8}")


def _member_before(text: str, end: int, since: int) -> str:
    """The member named right after a comparator or a list joiner and before the bracket at `end`
    (重工业增加值增速(8.7%)快于轻工业(4.7%)), or ''."""
    start = max(since, end - _COMPARED_REACH)
    found = list(_comparator().finditer(text, start, end))
    last = found[-1] if found else None
    if last:
        name = text[last.end():end]
    elif since and text.startswith(COMPARED_JOINERS, since):
        name = text[since:end].lstrip("".join(COMPARED_JOINERS))
    else:
        return ""
    # a name, not a verb of change or a time (比上月提高(0.5%))
    if not _MEMBER.fullmatch(name) or find_stop(name) or find_times(name, None):
        return ""
    return name


def _with_shared_tiers(brackets: list[Bracket]) -> list[Bracket]:
    """大型(3.6%)和中型企业(4.7%): a member that ends with a tier (型, 级) takes what follows the tier
    in the next member."""
    out = list(brackets)
    for i, b in enumerate(out[:-1]):
        after = out[i + 1].member
        if b.member and b.member.endswith(tier_ends()) and after:
            at = after.find(b.member[-1])
            if 0 < at < len(after) - 1:
                out[i] = replace(b, member=b.member + after[at + 1:])
    return out


def _place_ending(places, end: int):
    """The place word (全国, 全省, 湖北) that ends at `end`, or None."""
    return next((r for r in places if r.end == end and r.kind in (NATIONAL, PLACE, LOCAL_PROVINCE, LOCAL_CITY)),
                None)


def _place_opening(text: str, places, bracket: int, name_end: int):
    """The place right after the comparator that opens a name of the compared figure (比全省制造业增加值
    平均增速(9.7%): the province's value of the same figure), or None."""
    found = list(_comparator().finditer(text, max(0, bracket - _COMPARED_REACH), bracket))
    if not found:
        return None
    place = next((r for r in places if r.start == found[-1].end()), None)
    if place is None or place.kind not in (NATIONAL, PLACE, LOCAL_PROVINCE, LOCAL_CITY):
        return None
    name = text[place.end:name_end]
    return place if _MEMBER.fullmatch(name) and not find_stop(name) else None


def _region(place, art: ArticleState, text: str) -> str | None:
    """The region a place word names in this article (全省: its province; None when unknown)."""
    if place.kind in (LOCAL_PROVINCE, LOCAL_CITY):
        return local_region(text[place.start:place.end], place.kind, art.province, art.city)
    return place.name


def without_brackets(sent: Sentence, brackets: list[Bracket]) -> tuple[Sentence, list[int]]:
    """The sentence with the brackets taken out, and for each of its positions the one it had."""
    kept: list[str] = []
    where: list[int] = []
    at = 0
    for b in brackets:
        kept.append(sent.text[at:b.start])
        where.extend(range(at, b.start))
        at = b.end
    kept.append(sent.text[at:])
    where.extend(range(at, len(sent.text) + 1))
    text = "".join(kept)
    return Sentence(sent.start, sent.start + len(text), text), where


class ShiftedMap:
    """Maps positions of the sentence read without brackets to the original text."""

    def __init__(self, mapped, sent: Sentence, where: list[int]):
        self._mapped, self._start, self._where = mapped, sent.start, where

    def to_original(self, i: int) -> int:
        offset = i - self._start
        if 0 <= offset < len(self._where):
            return self._mapped.to_original(self._start + self._where[offset])
        return self._mapped.to_original(i)


def compared_facts(doc: Document, sent: Sentence, brackets: list[Bracket], facts: list[Fact], mapped) -> list[Fact]:
    """The facts read without the brackets, quoting the sentence as written, and one fact for each
    bracketed value: the subject and measure of the last percentage before it, at the place named."""
    quote = sent.text.strip() if len(sent.text) <= QUOTE_MAX else None
    out = [replace(f, quote=quote) if quote else f for f in facts]
    for b in brackets:
        if b.member:
            out.extend(_member_fact(b, facts, sent, mapped, quote))
        else:
            out.extend(_compared_fact(b, facts, sent, mapped, quote))
    return out


def _compared_fact(b: Bracket, facts: list[Fact], sent: Sentence, mapped, quote: str | None) -> list[Fact]:
    """The value of the same figure at the place, the year before or the period compared with."""
    last, start, end = _figure_before(b, facts, sent, mapped)
    if last is None and not b.earlier and not b.at_time:
        last = _rate_of_gap_after(facts, start)  # 累计增速高于全国(3.9%)3.6个百分点: the rate the gap is of
    if last is None:
        return []
    period = shift_year(last.period) if b.earlier else last.period
    if b.at_time and (period := _period_compared(facts, start)) is None:
        return []
    return [replace(last, value=float(sent.text[b.value_start:b.value_end]), qualifier="exact",
                    region=last.region if b.earlier or b.at_time else b.region, period=period,
                    quote=quote or sent.text[b.start:b.end], span=(start, end))]


def _figure_before(b: Bracket, facts: list[Fact], sent: Sentence, mapped) -> tuple[Fact | None, int, int]:
    """(the last percentage before the bracket that it can be the compared value of, the bracketed value's
    span in the original text, the percent sign included)."""
    start = mapped.to_original(sent.start + b.value_start)
    end = mapped.to_original(sent.start + b.value_end) + 1
    compared = [f for f in facts
                if f.unit == "%" and f.span is not None and f.span[0] < start and f.measure in _COMPARABLE]
    return (compared[-1] if compared else None), start, end


def _rate_of_gap_after(facts: list[Fact], start: int) -> Fact | None:
    """The growth a gap in points right after a bracket compares (its subject named in a sentence before:
    累计增速高于全国(3.9%)3.6个百分点), as a year-on-year growth; None without such a gap."""
    after = [f for f in facts if f.span is not None and f.span[0] > start]
    if not after or after[0].measure != "growth_change":
        return None
    return replace(after[0], measure="growth", unit="%", basis="yoy")


def _period_compared(facts: list[Fact], start: int) -> str | None:
    """The period the change after a bracket at `start` is compared with (较一季度(6.8%)回升1.9个百分点:
    vs:2024-Q1), or None."""
    after = [f for f in facts if f.span is not None and f.span[0] > start and f.measure == "growth_change"]
    basis = after[0].basis if after else None
    return basis[3:] if basis and basis.startswith("vs:") and basis[3:4].isdigit() else None


def _member_fact(b: Bracket, facts: list[Fact], sent: Sentence, mapped, quote: str | None) -> list[Fact]:
    """The value of another member compared with the figure before it: that figure's measure, for the
    member named with the head it shares (重工业增加值…快于轻工业(4.7%) -> 轻工业增加值)."""
    last, start, end = _figure_before(b, facts, sent, mapped)
    if last is None:
        return []
    head = next((h for h in _heads() if last.subject.endswith(h) and not b.member.endswith(h)), "")
    return [replace(last, subject=b.member + head, value=float(sent.text[b.value_start:b.value_end]),
                    qualifier="exact", quote=quote or sent.text[b.start:b.end], span=(start, end))]


@cache
def _heads() -> tuple[str, ...]:
    return tuple(sorted(words("subjects", "shared_heads", "words"), key=len, reverse=True))


def moved_times(times: list[TimeMention], brackets: list[Bracket]) -> list[TimeMention]:
    """The sentence's times at their places once the brackets are taken out."""
    out = []
    for t in times:
        shift = sum(b.end - b.start for b in brackets if b.end <= t.start)
        out.append(replace(t, start=t.start - shift, end=t.end - shift) if shift else t)
    return out
