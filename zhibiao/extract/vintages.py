"""Revision language: which vintage of a figure a sentence states (初步核算, 最终核实, 修订后 …).

A figure's vintage is read from the nearest revision word before its number in its sentence; the
vocabulary is zhibiao/rules/vintages.toml. Facts whose sentence holds no such word are returned
unchanged, so this stage adds an attribute and never moves, drops or re-reads a figure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from zhibiao.models import Fact
from zhibiao.rules import load

VINTAGE_KINDS = ("preliminary", "verified", "final", "revised", "pre_revision", "revision")
_LOOKBACK = 200


@cache
def _vocabulary() -> dict[str, str | None]:
    """Every revision word (simplified and traditional) -> its kind; None for a phrase that holds
    such a word but states no vintage (季节调整后)."""
    from zhibiao.gate import _variants  # the word in traditional script too (opencc, built once)

    table = load("vintages")["words"]
    unknown = set(table) - set(VINTAGE_KINDS)
    if unknown:
        raise ValueError(f"vintages.toml: unknown kinds {sorted(unknown)}")
    out: dict[str, str | None] = {}
    for phrase in load("vintages")["not_vintage"]["phrases"]:
        for form in sorted(_variants(phrase)):
            out[form] = None
    for kind in VINTAGE_KINDS:
        for word in table.get(kind, ()):
            for form in sorted(_variants(word)):
                out.setdefault(form, kind)
    return out


@cache
def _simplified_pattern() -> re.Pattern:
    words = sorted((w for w in load("vintages")["words"].values() for w in w), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@cache
def _pattern() -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(_vocabulary(), key=len, reverse=True))))


@cache
def _sentence_end() -> re.Pattern:
    return re.compile(load("vintages")["sentence_end"])


def stages() -> tuple[str, ...]:
    """The vintage stages, oldest first (rules/vintages.toml)."""
    return tuple(load("vintages")["stages"])


def vintage_before(text: str) -> str | None:
    """The kind of the last revision word in `text` (the words before a number), else None."""
    kind = None
    for m in _pattern().finditer(text):
        kind = _vocabulary()[m.group()]
    return kind


def _states_one(quote: str, seen: dict[str, bool]) -> bool:
    """Whether the quote holds a vintage word (cached in `seen`)."""
    if quote not in seen:
        seen[quote] = _simplified_pattern().search(quote) is not None
    return seen[quote]


def mark_vintages(facts: list[Fact], text: str) -> list[Fact]:
    """`facts` with `vintage` set where their sentence states one (`text` is the document's
    original text, which spans point into)."""
    out = []
    stated: dict[str, bool] = {}  # by quote: the facts of a sentence share it
    for fact in facts:
        if not fact.quote or not _states_one(fact.quote, stated):
            out.append(fact)
            continue
        kind = vintage_before(_window(fact, text))
        out.append(replace(fact, vintage=kind) if kind else fact)
    return out


def _window(fact: Fact, text: str) -> str:
    """The sentence before the fact's number: from its span in `text`, else from its quote."""
    if fact.span is not None and 0 <= fact.span[0] <= len(text):
        window = text[max(0, fact.span[0] - _LOOKBACK):fact.span[0]]
        return _sentence_end().split(window)[-1]
    number = f"{abs(fact.value):g}"
    at = fact.quote.find(number)
    return fact.quote[:at] if at >= 0 else fact.quote
