"""Is a text about the economy? A sports report or an accident bulletin yields no facts."""

from __future__ import annotations

from functools import cache

from zhibiao.rules import load


@cache
def _vocab() -> tuple[tuple[str, ...], tuple[str, ...], dict]:
    table = load("scope")
    return tuple(table["economic"]["words"]), tuple(table["off_topic"]["words"]), table["thresholds"]


def economic_score(text: str) -> tuple[int, int]:
    economic, off_topic, _ = _vocab()
    return sum(text.count(w) for w in economic), sum(text.count(w) for w in off_topic)


def in_scope(text: str) -> bool:
    """Enough economic vocabulary, and clearly more of it than of another topic."""
    _, _, limits = _vocab()
    econ, off = economic_score(text)
    return econ >= limits["min_economic"] and econ >= limits["ratio"] * off
