"""The relevance gate: is a document worth the full grammar?

Most pages of a newsroom archive or a web crawl are not about the economy. Before the extractor
cleans, segments and parses a document, one cheap pass over its raw text asks whether it holds any
statistical language at all: a number followed (across spaces, a 多/余 and a multiplier) by a unit,
a currency, a measure word or a percent sign; 百分之 and a number; an index cue or a count noun (从业人数)
and a number; or a table of numbers with a column word that gives them a unit. A document with none of
these cannot yield a fact, so it is skipped.

The gate must never drop a document the extractor finds facts in (tests/test_gate.py checks that on
the demo and shared corpora), so it errs on the side of keeping: it reads the raw text, with
full-width digits and traditional script (the vocabulary is widened with opencc), and it keeps
every count of a Chinese numeral the extractor might read. Its vocabulary is data: the rule tables
units.toml, qualifiers.toml, tables.toml and gate.toml.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import cache

from zhibiao.rules import load, words

__all__ = ["is_statistical", "GateTally", "AUDIT_EVERY", "audited"]

# One skipped document in AUDIT_EVERY (chosen by a hash of its id, so the same ones whatever the
# number of workers) is extracted anyway: its time estimates what the gate saved, and its facts,
# should it have any, are kept and counted as a gate miss.
AUDIT_EVERY = 16
_FULL_WIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}


def is_statistical(text: str) -> bool:
    """True when `text` holds a number with a unit (or a table of numbers with one): worth extracting."""
    p = _patterns()
    if p.mention.search(text):
        return True
    return bool(p.cell.search(text) and p.table_word.search(text))


def audited(doc_id: str) -> bool:
    """Whether a skipped document is among those extracted anyway to measure the gate."""
    return zlib.crc32(doc_id.encode("utf-8")) % AUDIT_EVERY == 0


@dataclass
class GateTally:
    """What the gate did over a run: documents checked and skipped, seconds spent and saved."""

    checked: int = 0
    skipped: int = 0
    seconds: float = 0.0          # spent in the gate itself
    audited: int = 0              # skipped documents extracted anyway
    audit_seconds: float = 0.0    # what extracting those took
    misses: int = 0               # audited documents that had facts after all (kept)

    def add(self, other: GateTally) -> None:
        for name in ("checked", "skipped", "seconds", "audited", "audit_seconds", "misses"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def skip_rate(self) -> float:
        return self.skipped / self.checked if self.checked else 0.0

    @property
    def saved_seconds(self) -> float | None:
        """Estimated extraction time of the skipped documents, less the gate's own time (None
        until at least one skipped document was audited)."""
        if not self.audited:
            return None
        return self.skipped * self.audit_seconds / self.audited - self.seconds - self.audit_seconds

    def summary(self) -> str:
        if not self.checked:
            return "gate: no new documents"
        text = (f"gate skipped {self.skipped} of {self.checked} document(s) ({100 * self.skip_rate:.1f} %) "
                f"in {self.seconds:.2f} s")
        saved = self.saved_seconds
        if saved is not None:
            text += f", saving ~{round(saved, 1) + 0.0:.1f} s of extraction"
        if self.misses:
            text += f"; {self.misses} skipped document(s) had facts after all and were kept"
        return text


# ---------------------------------------------------------------------------------------------
# The patterns, built once from the rule tables


@dataclass(frozen=True)
class _Patterns:
    mention: re.Pattern
    cell: re.Pattern
    table_word: re.Pattern


@cache
def _patterns() -> _Patterns:
    units = load("units")
    gate = load("gate")
    tables = load("tables")
    money = list(units["currencies"])
    physical = list(units["physical"])
    latin = list(units["latin"])
    latin += [w.translate(_FULL_WIDTH) for w in latin]
    counts = list(words("units", "classifiers", "words"))
    durations = list(units["durations"])
    symbols = list(gate["units"]["words"])
    multipliers = "".join(sorted({ch for w in units["multipliers"] for ch in _variants(w) for ch in ch}))
    infix = "".join(sorted({ch for w in words("qualifiers", "infix", "at_least") for v in _variants(w) for ch in v}))
    numerals = gate["numerals"]["chars"]
    starts = gate["numerals"]["starts"]

    any_unit = _alternation(money + physical + latin + symbols + counts)
    not_count = _alternation(money + physical + latin + symbols)
    count = _alternation(counts + durations)
    duration = _alternation(durations)
    gap = rf"\s*[{infix}]?\s*"
    mult = rf"(?:[{multipliers}]\s*)*"
    ordinal = _alternation(list(gate["ordinal"]["words"]))
    number = rf"(?<![\d.])(?<!\d,)(?<!{ordinal})\d(?:[\d,.]*\d)?"  # 1,234 is one number; 年,27 starts one
    cn = rf"(?<![{numerals}])(?<!{ordinal})(?=[{starts}])"  # where a Chinese number may start
    prefixes = _alternation(list(gate["prefix"]["words"]))
    cues = _alternation(list(words("units", "index_levels", "before")))
    count_nouns = _alternation(list(words("units", "mentions", "count_nouns")))
    count_links = _alternation(list(words("units", "mentions", "count_noun_links")))
    money_nouns = _alternation(list(words("units", "mentions", "money_nouns")))
    money_links = _alternation(list(words("units", "mentions", "money_noun_links")))
    mention = "|".join([
        rf"{number}{gap}{mult}{gap}(?:{any_unit})",        # 3.8%  550多万条  1.85万亿元
        rf"(?<![\d.,])\d{{1,2}}{gap}(?:{duration})",       # 3年 (2023年 is a date)
        rf"{cn}[{numerals}]+{gap}(?:{not_count})",         # 三万亿元  两个百分点  八成
        rf"{cn}(?:[{numerals}]{{2,}}|十){gap}(?:{count})", # 十二个  一千二百家 (not 一个)
        rf"(?:{prefixes})\s*[\d{numerals}]",               # 百分之十二
        rf"(?:{cues})\s*\d",                                # 指数为112.1
        rf"(?:{count_nouns})(?:{count_links})?\s*\d",        # 从业人数约2700万
        rf"(?:{money_nouns})(?:{money_links})?\s*\d[\d.]*\s*[{multipliers}]",  # 工业增加值达1.38万亿
    ])
    table_words = [w for ws in tables["measures"].values() for w in ws]
    table_words += [w for ws in tables["label_measures"].values() for w in ws]
    table_words += list(gate["table"]["words"])
    # A row label with its unit in brackets (每股收益(元), 粗钢(万吨)) also gives table cells a unit.
    table_words += [rf"[(（]{mult}(?:{any_unit})[^()（）]{{0,3}}[)）]"]
    # A number that stands alone as a table cell: between |, tabs or spaces, or on a line of its own.
    cell = r"(?m)(?:^|[|\t ])[ \t]*[-+−]?\d[\d,.]*%?[ \t]*(?:[|\t ]|$)"
    return _Patterns(re.compile(mention), re.compile(cell),
                     re.compile("|".join([_alternation(table_words[:-1]), table_words[-1]])))


def _alternation(vocabulary: list[str]) -> str:
    """A regex alternation of the words and their traditional forms, longest first."""
    forms = {v for w in vocabulary for v in _variants(w)}
    return "|".join(re.escape(w) for w in sorted(forms, key=lambda w: (-len(w), w)))


def _variants(word: str) -> set[str]:
    """The word as written, and in traditional script (mainland, Taiwan and Hong Kong forms)."""
    return {word, *(convert(word) for convert in _converters())}


@cache
def _converters():
    import opencc

    return tuple(opencc.OpenCC(config).convert for config in ("s2t", "s2tw", "s2hk"))
