"""Is a text about the economy? A sports report or an accident bulletin yields no facts."""

from __future__ import annotations

import re
from functools import cache

from zhibiao.rules import load


@cache
def _vocab() -> tuple[tuple[str, ...], tuple[str, ...], dict, re.Pattern]:
    table = load("scope")
    off_topic = tuple(table["off_topic"]["words"])
    # Off-topic words are rare in the text, so one pass over their alternation is cheap.
    off_pattern = re.compile("|".join(map(re.escape, sorted(off_topic, key=len, reverse=True))))
    return tuple(table["economic"]["words"]), off_topic, table["thresholds"], off_pattern


def economic_score(text: str) -> tuple[int, int]:
    """(economic word hits, off-topic word hits), each word counted on its own."""
    economic, off_topic, _, _ = _vocab()
    return sum(text.count(w) for w in economic), sum(text.count(w) for w in off_topic)


def has_off_topic(text: str) -> bool:
    return _vocab()[3].search(text) is not None


def enough_economic(text: str) -> bool:
    """At least the minimum of economic word hits, counted only as far as needed."""
    economic, _, limits, _ = _vocab()
    need, hits = limits["min_economic"], 0
    for word in economic:
        hits += text.count(word)
        if hits >= need:
            return True
    return False


def in_scope(economic: int, off_topic: int) -> bool:
    """Enough economic vocabulary, and clearly more of it than of another topic (the counts of
    economic_score)."""
    _, _, limits, _ = _vocab()
    return economic >= limits["min_economic"] and economic >= limits["ratio"] * off_topic


_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{4}")


def is_foreign_prose(text: str) -> bool:
    """A sentence in another language (a repost's English or Spanish version of the Chinese text):
    its figures are the Chinese text's again, under words the grammar cannot read."""
    if _LATIN_WORD.search(text) is None:
        return False  # (most sentences hold no Latin word at all: one scan says so)
    _, _, limits, _ = _vocab()
    letters = len(_LATIN_LETTER.findall(text))
    return letters >= limits["foreign_min_letters"] and letters > limits["foreign_ratio"] * len(_HAN.findall(text))


def text_in_scope(text: str) -> bool:
    if not has_off_topic(text):
        return enough_economic(text)
    return in_scope(*economic_score(text))
