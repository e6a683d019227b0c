"""Which of many regexes may match a text, from one hyperscan scan of all of them.

Python's `re` tries one pattern at a time over the whole text; hyperscan reads the text once for a
whole set. Compiled in prefilter mode (the constructs hyperscan lacks, such as lookarounds, are
widened), a scan reports every pattern that may match: a superset of those that do. The caller then
runs `re` on those alone, so its results are exactly the `re` results. Without the hyperscan wheel
(a platform it is not built for) `Prefilter.build` returns None and the caller filters some other way.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parser
import threading
from collections.abc import Callable
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


# ---- words a pattern cannot match without: a cheap test that skips a costly scan

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def required_words(pattern: str) -> tuple[str, ...] | None:
    """Words one of which every match of `pattern` holds (for 扣除[^,;。]{1,8}因素: 扣除), read from its
    parse; None when no such words can be said (a pattern that may match without any literal, or
    ignores case). A text holding none of them has no match, so a scan of it may be skipped."""
    parsed = sre_parser.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _required(parsed)
    return tuple(sorted(found)) if found else None


def _required(items: Any) -> set[str] | None:
    """The best set of words one of which a match of the sequence `items` holds, or None."""
    choices: list[set[str]] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if run:
            choices.append({run})
            run = ""
        if (inner := _required_item(op, av)) is not None:
            choices.append(inner)
    if run:
        choices.append({run})
    # The longest shortest word, then the fewest words: the rarest test.
    return max(choices, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _required_item(op: Any, av: Any) -> set[str] | None:
    read = _ITEM_READERS.get(op)
    return read(av) if read else None


def _subpattern(av: Any) -> set[str] | None:
    _group, add_flags, _del_flags, inner = av
    return None if add_flags & re.IGNORECASE else _required(inner)


def _branch(av: Any) -> set[str] | None:
    alternatives = [_required(alt) for alt in av[1]]
    return None if any(a is None for a in alternatives) else set().union(*alternatives)  # type: ignore[arg-type]


def _repeat(av: Any) -> set[str] | None:
    return _required(av[2]) if av[0] >= 1 else None


def _characters(av: Any) -> set[str] | None:
    return {chr(c) for _, c in av} if av and all(o is sre.LITERAL for o, _ in av) else None


# What each kind of parsed item requires; any other (a class, a negative lookaround, an anchor) nothing.
_ITEM_READERS: dict[Any, Callable[[Any], set[str] | None]] = {
    sre.SUBPATTERN: _subpattern,
    sre.BRANCH: _branch,
    **{op: _repeat for op in _REPEATS},
    sre.ATOMIC_GROUP: _required,
    sre.ASSERT: lambda av: _required(av[1]),  # a lookahead or lookbehind reads the text too
    sre.IN: _characters,
}
