"""Normalize characters: full-width forms, traditional script, pinyin, HTML debris.

Every change is either one-for-one (so offsets stay) or a deletion recorded in the MappedText.
"""

from __future__ import annotations

import re
from functools import cache

from zhibiao.ingest.textmap import MappedText
from zhibiao.rules import alternation, load

# Full-width ASCII (U+FF01..U+FF5E) to ASCII, ideographic space to space; one for one.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0xFEFF: 0x20})
_WIDTH.update({ord("～"): ord("~"), ord("－"): ord("-"), ord("﹪"): ord("%"), ord("﹑"): ord("、"), 0x2236: ord(":")})
# Small form variants (U+FE50…), which some Big5 pages use for punctuation: 采矿业3949亿元﹔制造业…
_WIDTH.update({ord("﹐"): ord(","), ord("﹒"): ord("."), ord("﹔"): ord(";"), ord("﹕"): ord(":"),
               ord("﹖"): ord("?"), ord("﹗"): ord("!"), ord("﹙"): ord("("), ord("﹚"): ord(")")})

# 2023 年 7-9 月 (PDF text): the spaces inside a date, not those between table cells.
_DATE_SPACE = re.compile(r" (?<=\d )(?=[年月日])| (?<=[年月] )(?=\d{1,2}(?: ?[-—~至] ?\d{1,2})? ?[月日号])")
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# 統(tǒng) -> 統: a lower-case pinyin syllable in parentheses right after a Han character.
# (A mojibake ? may stand for the character and its parenthesis: 人均?jīng)營 -> 人均?營.)
_PINYIN = re.compile(rf"\((?<=[\u4e00-\u9fff?]\()(?=[a-z{_TONE}]*[{_TONE}])[a-z{_TONE}]{{1,7}}\)"
                     rf"|(?<=\?)(?=[a-z{_TONE}]*[{_TONE}])[a-z{_TONE}]{{1,7}}\)")


# 規(mo)模(mo)以(yi)上 or 價(jia) 格: pinyin without tone marks, a whole syllable in parentheses right after a Han
# character (and the space some pages put after it); read only where a page holds several of them.
# (an annotation doubled, 工(gong)(gong)业, goes as one)
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
             r"(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un|ua|uo|ia|ie|iu|ui|ue"
             r"|er|a|o|e|i|u|v)")
_PINYIN_BARE = re.compile(rf"\((?<=[\u4e00-\u9fff]\(){_SYLLABLE}\)(?:\({_SYLLABLE}\))* ?")
PINYIN_BARE_MIN = 3

_WIDE = re.compile("[" + "".join(re.escape(chr(c)) for c in _WIDTH) + "]")


def _to_ascii_width(text: str) -> str:
    """text.translate(_WIDTH), done as a few replace() calls: a report holds a handful of distinct
    full-width characters, and translate() looks up every character in a dict (10x slower)."""
    for wide in set(_WIDE.findall(text)):
        text = text.replace(wide, chr(_WIDTH[ord(wide)]))
    return text


@cache
def _converter():
    import opencc

    return opencc.OpenCC("tw2s")


@cache
def _inline_debris() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in load("boilerplate")["inline"]["patterns"])


def to_simplified(text: str) -> str:
    """Traditional to simplified, Taiwan's words to the mainland's (軟體 -> 软件) on a page that was
    traditional; opencc keeps the length for its tables in practice, and where a line would change
    length it is kept as it was rather than break offsets."""
    converted = _to_simplified_script(text)
    if converted == text:
        return _without_variants(text)
    terms, table = _taiwan_terms()
    return _without_variants(terms.sub(lambda m: table[m.group()], converted))


def _without_variants(text: str) -> str:
    """text.translate(_variant_characters()), skipped for a text that holds none of them (most do
    not; translate() looks up every character in a dict)."""
    return text.translate(_variant_characters()) if _variant_pattern().search(text) else text


@cache
def _variant_pattern() -> re.Pattern:
    chars = "".join(re.escape(chr(c)) for c in _variant_characters())
    return re.compile(f"[{chars}]" if chars else "(?!)")


@cache
def _bullet() -> tuple[re.Pattern, str]:
    table = load("boilerplate")["bullets"]
    return re.compile(table["pattern"]), table["mark"]


def _bullets_as_stops(text: str) -> str:
    """A summary's points set apart by dashes (… - 12月PPI…) end as sentences do (boilerplate.toml [bullets])."""
    if " - " not in text:
        return text
    pattern, mark = _bullet()
    return pattern.sub(mark, text)


def _written_years(text: str) -> str:
    """二零一六年 -> 2016年: a year in Chinese digits, in ASCII digits (same length)."""
    pattern, digits = _written_year_rules()
    return pattern.sub(lambda m: m.group().translate(digits), text) if "年" in text else text


@cache
def _written_year_rules() -> tuple[re.Pattern, dict[int, str]]:
    rules = load("script")["written_years"]
    return re.compile(rules["pattern"]), str.maketrans(rules["digits"])


@cache
def _variant_characters() -> dict[int, str]:
    return str.maketrans(dict(load("script")["variant_characters"]))


@cache
def _taiwan_terms() -> tuple[re.Pattern, dict[str, str]]:
    table = dict(load("script")["taiwan_terms"])
    return re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True)))), table


def _to_simplified_script(text: str) -> str:
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    lines_in = text.split("\n")
    lines_out = [_converter().convert(line) for line in lines_in]
    return "\n".join(o if len(o) == len(i) else i for i, o in zip(lines_in, lines_out, strict=True))


@cache
def _grouped_digits() -> re.Pattern:
    """A number whose digits a space groups in threes, followed by a multiplier or a unit word. It
    starts only at a run's first group, so a long run of spaced digits is scanned once, not once per
    group."""
    after = alternation("units", "grouped_digits", "followed_by")
    space = r"[ \u00a0\u2009\u202f]"
    # The lookbehinds stand after the first digit, so that the scan looks for digits only.
    return re.compile(rf"\d(?<![\d.,]\d)(?<!\d{space}\d)\d{{0,2}}(?:{space}\d{{3}})+(?:\.\d+)?(?= ?(?:{after}))")


def _group_spaces(text: str) -> list[tuple[int, int]]:
    """The spaces inside digit groups (1 981.3亿元 -> 1981.3亿元), as spans to delete."""
    return [(m.start() + i, m.start() + i + 1) for m in _grouped_digits().finditer(text)
            for i, ch in enumerate(m.group()) if not ch.isdigit() and ch != "."]


@cache
def _padded_number() -> tuple[re.Pattern, re.Pattern, int]:
    """A number padded by a space on each side, between Han characters or marks; a mark of prose
    (see units.toml)."""
    table = load("units")["padded_numbers"]
    edge = rf"[\u4e00-\u9fff{re.escape(table['marks'])}]"
    prose = re.compile(f"[{re.escape(table['prose'])}]")
    return re.compile(rf" (?<={edge} )(?=\d)(\d[\d.]*%?) (?={edge})"), prose, table["min_per_line"]


def _padding_spaces(text: str) -> list[tuple[int, int]]:
    """The spaces that pad numbers in running text (增长 11.9% 、 8.8% -> 增长11.9%、8.8%), line by line."""
    pattern, prose, least = _padded_number()
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        found = list(pattern.finditer(line)) if prose.search(line) else []
        if len(found) >= least:
            for m in found:
                spans += [(start + m.start(), start + m.start() + 1), (start + m.end() - 1, start + m.end())]
        start += len(line) + 1
    return spans


# A lone surrogate (a JSON source's "\\udcc7", a file name decoded with surrogateescape) is no character:
# UTF-8 cannot encode it, so opencc and hyperscan refuse it. It becomes U+FFFD, one for one.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT_CHARACTER = "\ufffd"


def normalize(raw: str) -> MappedText:
    """Return the text in simplified script with ASCII digits and punctuation, debris removed."""
    mapped = MappedText.of(raw)
    text = _to_ascii_width(_LONE_SURROGATE.sub(REPLACEMENT_CHARACTER, raw))
    text = _bullets_as_stops(_written_years(to_simplified(text)))
    mapped = mapped.replace_same_length(text)
    if any(tone in text for tone in _TONE):  # every pinyin annotation holds a tone mark
        mapped = mapped.delete_matches(_PINYIN)
    if "(" in text and len(_PINYIN_BARE.findall(mapped.text, 0)) >= PINYIN_BARE_MIN:
        mapped = mapped.delete_matches(_PINYIN_BARE)
    mapped = mapped.delete_any(_inline_debris())
    mapped = mapped.delete_matches(_DATE_SPACE)
    spaces = _group_spaces(mapped.text)
    mapped = mapped.delete(spaces) if spaces else mapped
    spaces = _padding_spaces(mapped.text)
    return mapped.delete(spaces) if spaces else mapped
