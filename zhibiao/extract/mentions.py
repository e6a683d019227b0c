"""Find the numbers of a sentence that carry a unit, and read that unit.

A mention is a number with what makes it a quantity: 55788亿元, 3.8%, 0.8个百分点,
近8000个, 550多万条, 2.8倍, 八成. Numbers inside names (5G, “51020”), dates, ordinals
and numbers without a unit are not mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from zhibiao.extract.lexicon import CLAUSE_MARKS
from zhibiao.extract.numbers import (
    ARABIC,
    CHINESE,
    FRACTION_DIGITS,
    NUMERAL_CHARS,
    NUMERAL_OPENERS,
    PERCENT_WORD,
    POINT,
    parse_number,
    range_separators,
)
from zhibiao.rules import load, words

# How a unit makes the number a quantity.
PERCENT, POINTS, MONEY, PHYSICAL, COUNT, DURATION, TIMES, TENTHS, INDEX = (
    "percent", "points", "money", "physical", "count", "duration", "times", "tenths", "index")

_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in words)


@cache
def _grammar() -> dict:
    """The words of units.toml [mentions] that tell a quantity from a number that is none."""
    table = load("units")["mentions"]
    listed = _alt([*table["list_next"], *range_separators()])
    digits = "".join(table["list_digits"])
    return {
        "not_after": re.compile(rf"(?:{_alt(table['not_after'])}|[A-Za-z_])$"),
        "demonstrative": re.compile(rf"(?:{_alt(table['demonstratives'])})$"),
        "idioms": re.compile(_alt(table["idioms"]) or "(?!)"),  # any of them in a window: one search
        "not_counts": frozenset(table["not_counts"]),
        # a bare number that opens a list whose last member carries the unit: 0.7和3.3个百分点
        "list_next": re.compile(rf"\s*(?:{listed})\s*-?[\d{digits}]"),
        "list_gap": re.compile(rf"\s*(?:{_alt(table['list_gap'])})?\s*"),
        "sign_after": frozenset(table["sign_after"]),
        "minus_signs": frozenset(table["minus_signs"]),
        "points_count": table["points_count"],
        "per": table["per"],
        "sentence_end": table["sentence_end"],
        "span_after": re.compile(_alt(table["span_after"])),
        "count_nouns": re.compile(rf"(?:{_alt(table['count_nouns'])})(?:{_alt(table['count_noun_links'])})?\s*$"),
        "money_nouns": re.compile(rf"(?:{_alt(table['money_nouns'])})(?:{_alt(table['money_noun_links'])})?\s*$"),
        "money_multiplier_min": Decimal(table["money_multiplier_min"]),
    }


_ONE = Decimal(1)


@dataclass(slots=True)
class Mention:
    start: int          # of the number (or of 百分之)
    end: int            # after unit and any suffix qualifier
    number_end: int
    value: Decimal
    kind: str           # PERCENT, POINTS, ...
    unit: str           # FACTS.md unit
    unit_text: str
    infix: str | None = None    # 多 / 余 between number and unit
    suffix: str | None = None   # 以上 / 左右 ... after the unit
    bare: bool = False          # no unit of its own (0.7 in 0.7和3.3个百分点)
    scale: Decimal = Decimal(1)  # multiplier times unit factor, which a bare list member borrows


def _index(entries) -> dict[str, tuple[tuple[str, Any], ...]]:
    """First character -> the (word, payload) entries starting with it, in the given order
    (longest first), so a lookup at a position tries only the words that can match there."""
    index: dict[str, list[tuple[str, Any]]] = {}
    for word, payload in entries:
        index.setdefault(word[0], []).append((word, payload))
    return {ch: tuple(items) for ch, items in index.items()}


def _longest_first(items):
    return sorted(items, key=lambda kv: -len(kv[0]))


@cache
def _not_tenths() -> re.Pattern:
    """成 that is no tenths: 成为, 成本 ..."""
    tenths = load("units")["tenths"]
    return re.compile(rf"(?:{_alt(tenths['words'])})(?:{_alt(tenths['not_before'])})")


def _core_units() -> list[tuple[str, tuple[str, str, Decimal]]]:
    """Percentages, points, multiples and tenths, ranked before the units of the tables."""
    units = load("units")
    entries = [(w, (PERCENT, u, _ONE)) for w, u in units["percent"].items()]
    entries += [(w, (POINTS, u, _ONE)) for w, u in units["points"].items()]
    entries += [(w, (TIMES, "times", _ONE)) for w in units["times"]["words"]]
    entries += [(w, (TENTHS, "%", Decimal(units["tenths"]["factor"]))) for w in units["tenths"]["words"]]
    return entries


@cache
def _tables():
    """The unit lexicon, indexed by first character; a unit's payload is (kind, unit, factor).

    Entries keep the order of precedence of the rule tables: points, times and tenths, then
    currencies, durations, physical units and measure words, each longest first.
    """
    units = load("units")
    unit_entries = _core_units()
    unit_entries += [(w, (MONEY, u, Decimal(1))) for w, u in _longest_first(units["currencies"].items())]
    unit_entries += [(w, (DURATION, u, Decimal(1))) for w, u in _longest_first(units["durations"].items())]
    unit_entries += [(w, (PHYSICAL, u, Decimal(str(f)))) for w, (u, f) in _longest_first(units["physical"].items())]
    unit_entries += [(w, (COUNT, "count", Decimal(1))) for w in words("units", "classifiers", "words")]
    unit_entries += [(w, (PHYSICAL, u, Decimal(str(f)))) for w, (u, f) in _longest_first(units["latin"].items())]
    suffixes = [(w, q) for q in ("approx", "at_least", "at_most") for w in words("qualifiers", "suffix", q)]
    multipliers = [(w, Decimal(str(int(f)))) for w, f in _longest_first(units["multipliers"].items())]
    infixes = words("qualifiers", "infix", "at_least")
    return {
        "units": _index(unit_entries),
        "multipliers": _index(multipliers),
        "infix": _index((w, w) for w in infixes),
        "suffix": _index(suffixes),
        "unit_of": dict(reversed(unit_entries)),  # the first entry of a word wins
        "multiplier_of": dict(multipliers),
        "suffix_of": dict(reversed(suffixes)),
        "mention": _mention_pattern(unit_entries, multipliers, infixes, suffixes),
        "opener": _opener_pattern(),
        "acronyms": words("units", "acronyms", "words"),
        # unit -> the longer units it begins (个 -> 个百分点, 个月), for text cut off inside one
        "longer_units": {w: tuple(v for v, _ in unit_entries if v != w and v.startswith(w)) for w, _ in unit_entries},
        "index_cues": words("units", "index_levels", "before"),
        "percent_index_cues": words("units", "index_levels", "percent_before"),
        "reading_cues": words("units", "index_levels", "reading_before"),
        "points_unit": units["index_levels"]["points_unit"],
        "needs_multiplier": frozenset(units["needs_multiplier"]["words"]),
        "needs_cue": {unit: tuple(cues) for unit, cues in units["needs_cue"].items()},
        "points_min_whole": Decimal(units["index_levels"]["points_min_whole"]),
    }


def _mention_pattern(units, multipliers, infixes, suffixes) -> re.Pattern:
    """A number and what follows it in one match: 多/余, a multiplier, 多/余 again, the unit and a
    qualifier after it. Atomic groups make each part greedy as a lookup would be; the units keep
    the order of precedence of _tables (longest first within each table)."""
    unit_words = []
    for word, (kind, _, _) in units:
        if kind == TENTHS:
            unit_words.append(f"{re.escape(word)}(?!{_alt(load('units')['tenths']['not_before'])})")
        elif word[0] in _LATIN:
            unit_words.append(f"{re.escape(word)}(?![A-Za-z])")
        else:
            unit_words.append(re.escape(word))
    # Each branch opens with a character class (the Chinese one checks what stands before it
    # only after its first character), so the scan skips the text between numbers quickly.
    first = NUMERAL_OPENERS
    chinese = rf"[{first}](?<![\d.][{first}])[{NUMERAL_CHARS}]*(?:{POINT}[{FRACTION_DIGITS}]+)?"
    # 近万家, 建成万余家: a multiplier alone after a word of approximation, before 余/多 or a measure word
    after = "".join(words("units", "bare_multipliers", "after"))
    alone = load("units")["mentions"]["bare_multipliers"]
    bare = rf"(?<=[{after}])(?:{_alt(alone)})(?=[{''.join(infixes)}]?[\u4e00-\u9fff])"
    number = rf"(?P<pct>{PERCENT_WORD}(?:{CHINESE}|{ARABIC}))|(?P<num>{ARABIC}|{chinese}|{bare})"
    # 14461 亿元, 5 个百分点: a page that spaces its figures out (a space before a Chinese unit or
    # multiplier only; before a Latin one it would join a number to a name).
    spaced = "|".join([re.escape(w) for w, _ in multipliers] + [u for (w, _), u in zip(units, unit_words, strict=True)
                                                               if w[0] not in _LATIN])
    percent_signs = "".join(w for w, u in load("units")["percent"].items() if u == "%")
    return re.compile(
        rf"(?:{number})(?:(?P<gap> )(?=(?:{spaced})))?"
        rf"(?>(?P<inf1>{_alt(infixes)})?)(?>(?P<mult>{_multiplier_words(multipliers)})?)(?>(?P<inf2>{_alt(infixes)})?)"
        rf"(?:(?P<space>[ .])(?=[{percent_signs}]))?"  # 9.7 % and 1.2.%: a stray space or dot before a percent sign
        rf"(?>(?P<unit>{'|'.join(unit_words)})?)"
        rf"(?>(?P<suffix>{_alt(w for w, _ in suffixes)})?)")


def _multiplier_words(multipliers) -> str:
    """The multipliers, each not before the rest of a unit it begins (2百分点)."""
    not_before = load("units")["multipliers_not_before"]
    return "|".join(re.escape(w) + (f"(?!{_alt(not_before[w])})" if w in not_before else "") for w, _ in multipliers)


def _opener_pattern() -> re.Pattern:
    """A character a mention may begin with (those its branches open with, see _mention_pattern):
    a digit, a numeral, the first of 百分之 and of a multiplier standing alone."""
    alone = load("units")["mentions"]["bare_multipliers"]
    firsts = "".join(sorted({PERCENT_WORD[0], *NUMERAL_OPENERS, *(w[0] for w in alone)}))
    return re.compile(rf"[\d{re.escape(firsts)}]")


def _mention_matches(sentence: str) -> Iterator[re.Match]:
    """The matches of the mention pattern, as its finditer gives them; the pattern is tried only
    where a mention may begin, found by a search for one character, since the engine cannot skip
    ahead over the alternatives the pattern opens with (no mention is empty)."""
    t = _tables()
    find, match = t["opener"].search, t["mention"].match
    pos = 0
    while (opener := find(sentence, pos)) is not None:
        m = match(sentence, opener.start())
        if m is None:
            pos = opener.start() + 1
        else:
            yield m
            pos = m.end()


def _lookup(text: str, pos: int, index: dict) -> tuple[str, Any] | None:
    """The first (word, payload) of `index` that `text` spells at `pos`."""
    if pos >= len(text):
        return None
    for entry in index.get(text[pos], ()):
        if text.startswith(entry[0], pos):
            return entry
    return None


def read_unit(text: str, pos: int) -> tuple[str, str, str, Decimal, int] | None:
    """(kind, unit, unit_text, factor, end) of the unit starting at `pos`, or None."""
    found = _lookup(text, pos, _tables()["units"])
    if found is None:
        return None
    word, (kind, unit, factor) = found
    if kind == TENTHS and _not_tenths().match(text, pos):
        # 成为, 成本 ...: not 成 as tenths; no other unit starts with 成.
        return None
    return kind, unit, word, factor, pos + len(word)


def parse_unit(text: str) -> tuple[str, Decimal] | None:
    """(unit, factor) of a unit written alone, as in a table header: 亿元 -> (CNY, 1e8),
    万吨 -> (t, 1e4), % -> (%, 1), 元/股 -> (CNY, 1); None when it is not a unit."""
    text = text.strip()
    t = _tables()
    pos, mult = 0, _ONE
    if mm := _lookup(text, 0, t["multipliers"]):
        pos, mult = len(mm[0]), mm[1]
    unit = read_unit(text, pos)
    if unit is None:
        return None
    kind, name, _, factor, end = unit
    if kind in (TENTHS, DURATION) or (end < len(text) and not text.startswith("/", end)):
        return None
    return name, mult * factor


def find_mentions(sentence: str, masked: list[tuple[int, int]]) -> list[Mention]:
    """The quantities of a sentence, in order. `masked` spans (dates, names) hold none."""
    blocked = [False] * (len(sentence) + 1)
    for a, b in masked:
        for i in range(a, min(b, len(sentence))):
            blocked[i] = True
    out: list[Mention] = []
    for m in _mention_matches(sentence):
        read = _percent_in_words if m["pct"] is not None else _quantity
        mention = read(sentence, m, blocked)
        if mention is not None:
            out.append(mention)
    return _fill_bare(sentence, _joined_amounts(out))


def _joined_amounts(mentions: list[Mention]) -> list[Mention]:
    """1兆995.4亿美元 (Taiwan's press): a bare amount in trillions run into an amount of money with its
    currency is one amount, in that currency."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.end == m.start and not prev.unit_text and prev.scale > m.scale
                and prev.kind == MONEY and m.kind == MONEY and prev.scale >= _TRILLION):
            out[-1] = Mention(prev.start, m.end, m.number_end, prev.value + m.value, m.kind, m.unit, m.unit_text,
                              m.infix, m.suffix, scale=m.scale)
        else:
            out.append(m)
    return out


_TRILLION = Decimal(10) ** 12


def _after_a_name(sentence: str, s: int) -> bool:
    """Whether the number at `s` is an ordinal, a rank or part of a name (第3, 前5, No.5), not
    a figure after an indicator's acronym (制造业PMI1.5个百分点)."""
    return bool(_grammar()["not_after"].search(sentence, max(0, s - 4), s)) and not sentence.endswith(
        _tables()["acronyms"], 0, s)


def _percent_in_words(sentence: str, m: re.Match, blocked: list[bool]) -> Mention | None:
    """百分之十二点五."""
    s, e = m.span("pct")
    if blocked[s] or blocked[e - 1] or _after_a_name(sentence, s):
        return None
    try:
        value = parse_number(m["pct"])
    except ValueError:
        return None
    return Mention(s, e, e, value, PERCENT, "%", PERCENT_WORD)


def _quantity(sentence: str, m: re.Match, blocked: list[bool]) -> Mention | None:
    """The mention of a number written in digits or numerals, with or without its unit."""
    s, e = m.span("num")
    token = m["num"]
    chinese = token[0] in NUMERAL_CHARS
    if blocked[s] or blocked[e - 1] or _after_a_name(sentence, s) or _runs_into_latin(sentence, m, e):
        return None
    if chinese and (_is_idiom(sentence, s, e) or _grammar()["demonstrative"].search(sentence, max(0, s - 1), s)):
        return None
    try:
        value = parse_number(token)
    except ValueError:
        return None
    if not chinese and _minus_sign(sentence, s):
        s, value = s - 1, -value  # 自然增长率为-3.19‰, 分别为0.15、-5.64
    mult, infix = _multiplier(m)
    if m["unit"] is None:
        return _without_unit(sentence, m, s, e, value, chinese, mult, infix)
    return _with_unit(sentence, m, s, e, value, chinese, mult, infix)


def _runs_into_latin(sentence: str, m: re.Match, e: int) -> bool:
    """5G, 3D: letters after the number that are not its physical unit (kWh)."""
    unit_text = m["unit"]
    return e < len(sentence) and sentence[e] in _LATIN and not (
        unit_text and m.start("unit") == e and _tables()["unit_of"][unit_text][0] == PHYSICAL)


def _minus_sign(sentence: str, s: int) -> bool:
    """Whether a hyphen or a 负 before the figure at `s` is its minus sign (为-3.19‰, 和负6.8%), not a dash."""
    g = _grammar()
    return s > 0 and sentence[s - 1] in g["minus_signs"] and (s == 1 or sentence[s - 2] in g["sign_after"])


def _multiplier(m: re.Match) -> tuple[Decimal, str | None]:
    """(multiplier, infix) of a match: 550多万条 -> (10000, 多)."""
    infix = m["inf1"] or (m["inf2"] if m["mult"] else None)
    mult = _tables()["multiplier_of"][m["mult"]] if m["mult"] else _ONE
    return mult, infix


def _without_unit(sentence: str, m: re.Match, s: int, e: int, value: Decimal, chinese: bool,
                  mult: Decimal, infix: str | None) -> Mention | None:
    """An index level (指数为112.1), or a bare number that may borrow the unit of its list."""
    pos = m.end("inf2") if m["inf2"] and m["mult"] else (m.end("mult") if m["mult"] else (
        m.end("inf1") if m["inf1"] else e))
    if not chinese and mult == 1 and _index_level_at(sentence, s):
        return _index_level(sentence, s, pos, e, value)
    if found := _unit_from_noun(sentence, s, pos, e, value, mult, infix):
        return found
    if mult != 1 or _grammar()["list_next"].match(sentence, pos, pos + 3):
        return Mention(s, pos, e, value * mult, "", "", "", infix, None, bare=True, scale=mult)
    if mult == 1 and _reading_of_an_index_in_percent(sentence, s):
        return Mention(s, pos, e, value, PERCENT, "%", "")  # 制造业PMI为49,预期49.1,前值49.3
    return None


def _unit_from_noun(sentence: str, s: int, pos: int, e: int, value: Decimal, mult: Decimal,
                    infix: str | None) -> Mention | None:
    """A bare number whose noun before it gives its unit: a count (从业人数约2700万, 单位个数 38671), or money
    (工业增加值达1.38万亿)."""
    whole = value == value.to_integral_value() or mult != 1
    if whole and _grammar()["count_nouns"].search(sentence, max(0, s - COUNT_NOUN_REACH), s):
        return Mention(s, pos, e, value * mult, COUNT, "count", "", infix, None, scale=mult)
    if mult >= _grammar()["money_multiplier_min"] and _grammar()["money_nouns"].search(
            sentence, max(0, s - COUNT_NOUN_REACH), s):
        return Mention(s, pos, e, value * mult, MONEY, "CNY", "", infix, None, scale=mult)
    return None


def _reading_of_an_index_in_percent(sentence: str, s: int) -> bool:
    """Whether a bare number is the forecast or the previous reading (预期, 前值) of a purchasing managers'
    index read in percent earlier in the sentence."""
    cues = _tables()["reading_cues"]
    return sentence.endswith(cues, 0, s) and any(c in sentence[:s] for c in _tables()["percent_index_cues"])


COUNT_NOUN_REACH = 8
INDEX_LIST_REACH = 40  # how far back an index cue may open the list a bare number ends


def _index_level(sentence: str, s: int, pos: int, e: int, value: Decimal) -> Mention:
    """贸易价格条件指数为112.1: an index level, which has no unit, as one listed after it has none (分别为72.8、
    76.5); but 制造业PMI为49 is a diffusion index, in percent."""
    if sentence.endswith(_tables()["percent_index_cues"], 0, s):
        return Mention(s, pos, e, value, PERCENT, "%", "")
    return Mention(s, pos, e, value, INDEX, "", "")


def _index_level_at(sentence: str, s: int) -> bool:
    """Whether the number at `s` follows an index cue (指数为112.1), or index levels listed after their
    cue (指数分别为72.8、76.5)."""
    if sentence.endswith(_tables()["index_cues"], 0, s):
        return True
    marks, pattern = _index_list()
    if s == 0 or sentence[s - 1] not in marks:
        return False
    return pattern.search(sentence, max(0, s - INDEX_LIST_REACH), s) is not None


@cache
def _index_list() -> tuple[str, re.Pattern]:
    """(the one-character list marks, the pattern of index levels listed after their cue up to a mark)."""
    cues = "|".join(map(re.escape, _tables()["index_cues"]))
    marks = "".join(w for w in load("units")["mentions"]["list_next"] if len(w) == 1)
    number = r"-?\d+(?:\.\d+)?"
    return marks, re.compile(rf"(?:{cues}){number}(?:[{marks}]{number})*[{marks}]$")


def _unit_refused(sentence: str, m: re.Match, value: Decimal, chinese: bool, mult: Decimal) -> bool:
    """Whether the unit after the number does not make it a quantity here."""
    t = _tables()
    unit_text = m["unit"]
    kind = t["unit_of"][unit_text][0]
    return bool(
        (chinese and not _chinese_ok(m["num"], value, kind))
        or (unit_text in t["needs_multiplier"] and not m["mult"])  # 47.19亿度 is electricity; 30度 a temperature
        or (unit_text in t["needs_cue"] and not any(cue in sentence[:m.start()] for cue in t["needs_cue"][unit_text]))
        or _cut_short(sentence, m.end("unit"), unit_text, t["longer_units"])
        or (kind == DURATION and _no_duration(sentence, m, value))
        # 1.1 本公司董事会: a section number, a space, then a word that opens with a measure word
        or (m["gap"] and kind == COUNT and value != value.to_integral_value())
        or _small_whole_points(unit_text, value * mult) and value == value.to_integral_value())


def _no_duration(sentence: str, m: re.Match, value: Decimal) -> bool:
    """A span that is no quantity: not a whole number below 100, a span up to now (3年来), or one
    that frames the clauses after it (3年,累计完成…)."""
    return (value >= 100 or value != value.to_integral_value()
            or _grammar()["span_after"].match(sentence, m.end("unit")) is not None
            or _framing_clause(sentence, m.start(), m.end("unit")))


def _framing_clause(sentence: str, start: int, end: int) -> bool:
    """3年,累计完成工业投资超1万亿元: a span standing alone as its clause frames what follows; it
    counts nothing."""
    opens = start == 0 or sentence[start - 1] in CLAUSE_MARKS
    return opens and end < len(sentence) and sentence[end] in CLAUSE_MARKS


def _small_whole_points(unit_text: str, amount: Decimal) -> bool:
    """8点, 3点意见: a whole number of points below an index's range is a time or a count."""
    t = _tables()
    return unit_text == t["points_unit"] and amount < t["points_min_whole"]


def _with_unit(sentence: str, m: re.Match, s: int, e: int, value: Decimal, chinese: bool,
               mult: Decimal, infix: str | None) -> Mention | None:
    """A number with its unit, multiplier, qualifier and any unit it is per (元/吨, 每公顷)."""
    t = _tables()
    unit_text = m["unit"]
    if _unit_refused(sentence, m, value, chinese, mult):
        return None
    kind, unit_name, factor = t["unit_of"][unit_text]
    end = m.end("unit")
    suffix = None
    if m["suffix"]:
        suffix, end = t["suffix_of"][m["suffix"]], m.end("suffix")
    per = _per_unit(sentence, m.end("unit")) if kind in (MONEY, PHYSICAL) and not m["suffix"] else ""
    if per:
        # 349.6元/吨, 5506公斤/公顷: a price or a yield per unit, in the units written
        unit_name, factor, end = f"{unit_text}/{per}", _ONE, m.end("unit") + 1 + len(per)
    elif kind in (PHYSICAL, MONEY) and (per := _per_unit_before(sentence, s)):
        unit_name, factor = f"{unit_text}/{per}", _ONE  # 每公顷5482.9公斤, 每公斤50.56元: a yield or a price per unit
    elif kind == TENTHS and sentence.startswith(_half_tenth(), end):
        value, end = value + _HALF, end + len(_half_tenth())  # 两成半: two and a half tenths, 25 %
    return Mention(s, end, e, value * mult * factor, kind, unit_name, unit_text, infix, suffix,
                   scale=mult * factor)


_HALF = Decimal("0.5")


@cache
def _half_tenth() -> str:
    return load("units")["tenths"]["half"]


def _per_unit(sentence: str, pos: int) -> str:
    """The unit after a '/' at `pos` (元/吨 -> 吨), or ''."""
    if not sentence.startswith("/", pos):
        return ""
    return next((w for w in _per_units() if sentence.startswith(w, pos + 1)), "")


def _per_unit_before(sentence: str, start: int) -> str:
    """The unit of a 每X just before a figure (每公顷5482.9公斤 -> 公顷; 亩产436.2公斤 -> 亩), or ''."""
    if (m := _yield_per().search(sentence, max(0, start - 8), start)) is not None:
        return m.group("unit")
    return next((w for w in _per_units() if sentence.endswith(_grammar()["per"] + w, 0, start)), "")


@cache
def _yield_per() -> re.Pattern:
    return re.compile(load("units")["mentions"]["yield_per"])


@cache
def _per_units() -> tuple[str, ...]:
    return words("units", "per_units", "words")


def _cut_short(sentence: str, end: int, unit_text: str, longer: dict[str, tuple[str, ...]]) -> bool:
    """回落1.8个百 at the end of a truncated page: the text stops inside a longer unit (个百分点)."""
    kept = len(sentence.rstrip(_grammar()["sentence_end"])) - end  # (no copy of the text after the unit)
    if not 0 < kept < 4:
        return False
    rest = sentence[end:end + kept]
    return any(
        w[len(unit_text):].startswith(rest) and len(w) > len(unit_text) + len(rest) for w in longer[unit_text])


def _latin_unit(sentence: str, pos: int) -> bool:
    """Whether a Latin unit (kWh, GW) starts at `pos` and ends the word: 5G is a name."""
    found = _lookup(sentence, pos, _tables()["units"])
    if found is None or found[1][0] != PHYSICAL:
        return False
    end = pos + len(found[0])
    return end >= len(sentence) or sentence[end] not in _LATIN


def _is_idiom(sentence: str, s: int, e: int) -> bool:
    window = sentence[max(0, s - 3):e + 3]
    return bool(_grammar()["idioms"].search(window))


def _chinese_ok(token: str, value: Decimal, kind: str) -> bool:
    """Chinese numerals quantify only clearly: 十个, 一千二百家, 百分之五, 三万亿元; not 一个, 两位."""
    if kind in (PERCENT, POINTS, MONEY, TENTHS, PHYSICAL):
        return True
    return kind == COUNT and (value >= 10 or len(token) > 1) and token not in _grammar()["not_counts"]


def _fill_bare(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """Give a bare number the unit of the list it stands in: 0.7和3.3个百分点, 1.3个、0.9个百分点."""
    out: list[Mention] = []
    for i, m in enumerate(mentions):
        if m.bare or (m.unit_text == _grammar()["points_count"] and i + 1 < len(mentions)):
            nxt = _list_successor(sentence, mentions, i)
            if nxt is not None and (m.bare or nxt.kind == POINTS):
                factor = nxt.scale if m.bare and m.scale == 1 else Decimal(1)
                out.append(Mention(m.start, m.end, m.number_end, m.value * factor, nxt.kind, nxt.unit,
                                   nxt.unit_text, m.infix, m.suffix, bare=True, scale=m.scale * factor))
                continue
            if m.bare:
                continue
        out.append(m)
    return out


def _list_successor(sentence: str, mentions: list[Mention], i: int) -> Mention | None:
    """The mention with a unit that ends the list mentions[i] opens, if any."""
    j = i
    while j + 1 < len(mentions) and _grammar()["list_gap"].fullmatch(sentence, mentions[j].end, mentions[j + 1].start):
        j += 1
        if not mentions[j].bare and not (mentions[j].unit_text == _grammar()["points_count"]
                                         and _points_end(sentence, mentions, j)):
            return mentions[j]
    return None


def _points_end(sentence: str, mentions: list[Mention], j: int) -> bool:
    """Whether the list that goes on after mentions[j] ends in points (9.1个、11.0个和8.0个百分点)."""
    while j + 1 < len(mentions) and _grammar()["list_gap"].fullmatch(sentence, mentions[j].end, mentions[j + 1].start):
        j += 1
        if mentions[j].kind == POINTS:
            return True
        if mentions[j].unit_text != _grammar()["points_count"]:
            return False
    return False
