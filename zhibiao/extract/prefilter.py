"""Which of many regexes may match a text, from one hyperscan scan of all of them.

Python's `re` tries one pattern at a time over the whole text; hyperscan reads the text once for a
whole set. Compiled in prefilter mode (the constructs hyperscan lacks, such as lookarounds, are
widened), a scan reports every pattern that may match: a superset of those that do. The caller then
runs `re` on those alone, so its results are exactly the `re` results. Without the hyperscan wheel
(a platform it is not built for) `Prefilter.build` returns None and the caller filters some other way.
"""

from __future__ import annotations

import re
import threading
from typing import Any

hyperscan: Any
try:
    import hyperscan
except ImportError:  # pragma: no cover - the wheel is missing for this platform
    hyperscan = None

# Hyperscan reads Python's patterns after three rewrites: \uXXXX is \x{XXXX}; \s is the exact set of
# characters Python's \s matches; \d is 0-9, since Unicode digit classes (hyperscan's UCP mode) make
# compiling several times slower; a text holding another digit (fullwidth ２０２５) is not scanned.
# A pattern with \s or \d inside a character class is not rewritten: `build` refuses it.
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_SPACE = re.compile(r"(?<!\\)\\s")
_DIGIT = re.compile(r"(?<!\\)\\d")
_OTHER_DIGIT = re.compile(r"[^\D0-9]")
_CLASS_ESCAPE = re.compile(r"\[(?:[^\]\\]|\\.)*\\[sd]")
# What Python's \s matches in a str pattern (str.isspace), in hyperscan's syntax.
PYTHON_SPACE = (r"[\x{9}-\x{d}\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}"
                r"\x{205f}\x{3000}]")


def to_hyperscan(pattern: str) -> bytes:
    """A Python pattern in hyperscan's syntax (see above); ValueError for one it cannot rewrite."""
    if _CLASS_ESCAPE.search(pattern):
        raise ValueError(f"\\s or \\d inside a character class: {pattern}")
    pattern = _UNICODE_ESCAPE.sub(r"\\x{\1}", pattern)
    pattern = _SPACE.sub(lambda _: PYTHON_SPACE, pattern)
    pattern = _DIGIT.sub("[0-9]", pattern)
    return pattern.encode("utf-8")


def _collect(pattern_id: int, start: int, end: int, flags: int, hits: set) -> None:
    hits.add(pattern_id)


class Prefilter:
    """One hyperscan database for a list of regexes; `hits(text)` are the numbers of those that may
    match, or None when the text cannot be scanned (a lone surrogate is no UTF-8, a digit other than
    0-9 is not in the patterns hyperscan reads)."""

    def __init__(self, database: Any):
        self._database = database
        self._local = threading.local()  # a scratch space is used by one scan at a time

    @staticmethod
    def build(patterns: list[str]) -> Prefilter | None:
        if hyperscan is None:
            return None
        flags = (hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_SINGLEMATCH
                 | hyperscan.HS_FLAG_ALLOWEMPTY)
        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        try:
            database.compile(expressions=[to_hyperscan(p) for p in patterns], ids=list(range(len(patterns))),
                             elements=len(patterns), flags=[flags] * len(patterns))
        except (hyperscan.error, ValueError):
            return None
        return Prefilter(database)

    def hits(self, text: str) -> set[int] | None:
        if not text.isascii() and _OTHER_DIGIT.search(text):
            return None
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return None
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = hyperscan.Scratch(self._database)
        found: set[int] = set()
        self._database.scan(data, match_event_handler=_collect, context=found, scratch=scratch)
        return found

