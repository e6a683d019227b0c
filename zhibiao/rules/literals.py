"""Words a pattern cannot match without: a cheap test that skips a costly scan.

Python's `re` tries a pattern at every position of a text unless the pattern opens with a literal;
one that opens with a class or a lazy run (`[^,;。]{2,40}?(?:发布|公布)的`) reads each position
dozens of times. The words one of which every match must hold are read from the pattern's parse,
so a scan of a text holding none of them, which can find nothing, is skipped.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parser
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def required_words(pattern: str, flags: int = 0, *, lookarounds: bool = True) -> tuple[str, ...] | None:
    """Words one of which every match of `pattern` (compiled with `flags`) holds, read from its parse:
    扣除 for 扣除[^,;。]{1,8}因素. None when no such words can be said: a pattern that may match without
    any literal, or one that ignores case by an inline flag (a test of the words with `flags` would
    not). A text holding none of them, tested with the same flags, has no match. Without
    `lookarounds`, the words are those of the match itself (a lookahead may read past its end, a
    lookbehind before its start)."""
    parsed = sre_parser.parse(pattern, flags)
    if parsed.state.flags & re.IGNORECASE and not flags & re.IGNORECASE:
        return None
    found = _required(parsed, lookarounds)
    return tuple(sorted(found)) if found else None


def _required(items: Any, lookarounds: bool) -> set[str] | None:
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
        if (inner := _required_item(op, av, lookarounds)) is not None:
            choices.append(inner)
    if run:
        choices.append({run})
    # The longest shortest word, then the fewest words: the rarest test.
    return max(choices, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _required_item(op: Any, av: Any, lookarounds: bool) -> set[str] | None:
    """What one parsed item requires; a class, a negative lookaround or an anchor nothing."""
    if op is sre.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else _required(av[3], lookarounds)
    if op is sre.BRANCH:
        alternatives = [_required(alt, lookarounds) for alt in av[1]]
        return None if any(a is None for a in alternatives) else set().union(*alternatives)  # type: ignore[arg-type]
    if op in _REPEATS:
        return _required(av[2], lookarounds) if av[0] >= 1 else None
    if op is sre.ATOMIC_GROUP:
        return _required(av, lookarounds)
    if op is sre.ASSERT:  # a lookahead or lookbehind reads the text too
        return _required(av[1], lookarounds) if lookarounds else None
    if op is sre.IN:
        return _characters(av)
    return None


def _characters(av: Any) -> set[str] | None:
    return {chr(c) for _, c in av} if av and all(o is sre.LITERAL for o, _ in av) else None


def matches(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """pattern.finditer(text), begun by a search: most texts hold no match, and a search that finds
    none costs half an iteration that finds none. From where the first match starts, the iteration
    finds the same matches (a lookbehind still reads the text before it)."""
    first = pattern.search(text)
    return iter(()) if first is None else pattern.finditer(text, first.start())


def match_gate(*patterns: re.Pattern) -> tuple[re.Pattern | None, int]:
    """For patterns tried with match(text, pos): a scan for the words one of which any match holds
    (words_gate, lookarounds left out), and how far from pos a match may end (the longest width). A
    scan of text[pos:pos + reach] that finds none of the words tells that no pattern matches at pos."""
    return (words_gate((p.pattern for p in patterns), patterns[0].flags if patterns else 0, lookarounds=False),
            max((sre_parser.parse(p.pattern, p.flags).getwidth()[1] for p in patterns), default=0))


def reach_from_end(pattern: re.Pattern) -> int:
    """How far back from the end of a text a match of `pattern` (one that ends with $) may start: its
    longest width, and one more for the newline before which $ also matches. A search from there
    finds the match a search of the whole text finds, and no lookbehind is cut (it reads the text
    before the position searched from)."""
    return sre_parser.parse(pattern.pattern, pattern.flags).getwidth()[1] + 1


def words_gate(patterns: Iterable[str], flags: int = 0, *, lookarounds: bool = True) -> re.Pattern | None:
    """One scan for the words one of which any match of any of `patterns` holds, compiled with the
    patterns' own flags (IGNORECASE folds the words as it folds the patterns); None when some pattern
    needs no word, and so no text can be passed over."""
    found: set[str] = set()
    for pattern in patterns:
        needed = required_words(pattern, flags, lookarounds=lookarounds)
        if needed is None:
            return None
        found.update(needed)
    return re.compile("|".join(map(re.escape, sorted(found, key=len, reverse=True))), flags) if found else None


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of `pattern` may begin with (对, 为, 是 … for ^(对|为)…|^(是|为)…), read
    from its parse; None when they cannot be listed (a wide class, a negated one or a category such as
    \\d, any character, a pattern that may match the empty string or ignores case). A text whose
    character at the position tried is none of them has no match there."""
    parsed = sre_parser.parse(pattern, flags)
    if parsed.state.flags & re.IGNORECASE:
        return None
    found, nullable = _first(parsed)
    return None if found is None or nullable else frozenset(found)


_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)  # they read no character of the match
_WIDEST_RANGE = 256  # a class range listed character by character (A-Z, not \u4e00-\u9fff)


def _first(items: Any) -> tuple[set[str] | None, bool]:
    """(the first characters of a match of the sequence, whether it may match the empty string)."""
    return _opening_of(items, _CHARS)


def _class_chars(items: Any) -> set[str] | None:
    """The characters of a class of literals and narrow ranges; None for any other."""
    found: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            found.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _WIDEST_RANGE:
            found.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None
    return found


_CLASS_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}


def opening_class(pattern: str, flags: int = 0) -> str | None:
    """A character class (its inside, as pattern text) holding every character a match of `pattern`
    may begin with, categories such as \\d and wide ranges kept as they are; None when none can be
    written (a negated class, any character, a pattern that may match the empty string or ignores case)."""
    return _opening_class(sre_parser.parse(pattern, flags))


def _opening_class(parsed: Any) -> str | None:
    found = _opening_items(parsed)
    return None if found is None else "".join(sorted(found))


def _opening_items(parsed: Any) -> set[str] | None:
    if parsed.state.flags & re.IGNORECASE:
        return None
    found, nullable = _opening(parsed)
    return None if nullable else found


def _opening(items: Any) -> tuple[set[str] | None, bool]:
    """(the class items a match of the sequence may begin with, whether it may match the empty string)."""
    return _opening_of(items, _CLASS_ITEMS)


class _Leaves(NamedTuple):
    """How a walk of a pattern's opening reads a literal and a class: as characters, or as the items
    of a character class written as pattern text."""

    literal: Callable[[int], str]
    klass: Callable[[Any], set[str] | None]


def _opening_of(items: Any, leaves: _Leaves) -> tuple[set[str] | None, bool]:
    """(what a match of the sequence may begin with, as `leaves` reads it; whether it may match the
    empty string), or (None, False) when that cannot be listed."""
    found: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        item, nullable = _opening_item(op, av, leaves)
        if item is None:
            return None, False
        found |= item
        if not nullable:
            return found, False
    return found, True


def _opening_item(op: Any, av: Any, leaves: _Leaves) -> tuple[set[str] | None, bool]:
    if op is sre.LITERAL:
        return {leaves.literal(av)}, False
    if op is sre.IN:
        return leaves.klass(av), False
    if op is sre.SUBPATTERN:
        return (None, False) if av[1] & re.IGNORECASE else _opening_of(av[3], leaves)
    if op is sre.BRANCH:
        found: set[str] = set()
        nullable = False
        for alternative in av[1]:
            items, empty = _opening_of(alternative, leaves)
            if items is None:
                return None, False
            found |= items
            nullable = nullable or empty
        return found, nullable
    if op in _REPEATS:
        items, nullable = _opening_of(av[2], leaves)
        return items, nullable or av[0] == 0
    if op is sre.ATOMIC_GROUP:
        return _opening_of(av, leaves)
    return None, False


def _class_items(items: Any) -> set[str] | None:
    found: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            found.add(re.escape(chr(av)))
        elif op is sre.RANGE:
            found.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CLASS_CATEGORIES:
            found.add(_CLASS_CATEGORIES[av])
        else:
            return None
    return found


def _escaped(code: int) -> str:
    return re.escape(chr(code))


_CHARS = _Leaves(chr, _class_chars)
_CLASS_ITEMS = _Leaves(_escaped, _class_items)


def _engine_skips(items: Any) -> bool:
    """Whether the engine itself skips ahead to where a match may begin: a pattern that opens with a
    literal, a class, or alternatives that each open with a literal (re's own prefix and charset)."""
    while items and items[0][0] is sre.SUBPATTERN:
        items = items[0][1][3]
    if not items:
        return False
    op, av = items[0]
    if op in (sre.LITERAL, sre.IN):
        return True
    return op is sre.BRANCH and all(alt and alt[0][0] is sre.LITERAL for alt in av[1])


def scanning(pattern: re.Pattern) -> re.Pattern:
    """The pattern for a search or finditer over long texts: with a lookahead for the characters its
    matches begin with (opening_class) when the engine cannot skip ahead by itself, so that each
    position is passed over by one look at one character rather than a try of every alternative.
    The lookahead reads no character, so the matches, their groups and spans are the pattern's."""
    if pattern.flags & (re.VERBOSE | re.IGNORECASE):
        return pattern
    parsed = sre_parser.parse(pattern.pattern, pattern.flags)  # (parsed once: a parse costs as much as a compile)
    opening = None if _engine_skips(parsed) else _opening_class(parsed)
    if opening is None:
        return pattern
    try:
        return re.compile(f"(?=[{opening}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # an inline global flag, which must open the pattern
        return pattern


class AnyOf:
    """Whether any of several patterns matches somewhere in a text, as a search of their union tells:
    those whose first characters can be listed (opening_class) in one union behind a lookahead for
    them (scanning), so that the engine passes over most positions at one look; each of the others
    on its own, after a scan for the words it needs (words_gate)."""

    __slots__ = ("rest", "union")

    def __init__(self, patterns: Iterable[re.Pattern]):
        opened: list[str] = []
        openings: set[str] = set()
        literal_first = True  # whether each opens with a literal: then the engine skips ahead by itself
        rest = []
        for p in patterns:
            parsed = sre_parser.parse(p.pattern, p.flags)
            opening = None if p.flags & ~re.UNICODE else _opening_items(parsed)
            if opening is None:
                rest.append((p, words_gate([p.pattern], p.flags)))
                continue
            opened.append(f"(?:{p.pattern})")
            openings |= opening
            literal_first = literal_first and bool(parsed.data) and parsed.data[0][0] is sre.LITERAL
        union = "|".join(opened)
        ahead = "" if literal_first else f"(?=[{''.join(sorted(openings))}])"
        self.union = re.compile(f"{ahead}(?:{union})") if opened else None
        self.rest = tuple(rest)

    def search(self, text: str) -> bool:
        if self.union is not None and self.union.search(text) is not None:
            return True
        return any((gate is None or gate.search(text) is not None) and p.search(text) is not None
                   for p, gate in self.rest)


class Opened:
    """A compiled pattern whose match() is tried only where its first character (first_chars) stands:
    most texts open with none, and a call of the engine costs more than a look at one character."""

    __slots__ = ("first", "pattern")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.first = first_chars(pattern.pattern, pattern.flags)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        if self.first is not None and text[pos:pos + 1] not in self.first:
            return None
        return self.pattern.match(text, pos) if endpos is None else self.pattern.match(text, pos, endpos)
