"""One pass over a text for the words the grammar reads, with their offsets.

A lexicon of a few thousand words (places, cue words) is matched leftmost-longest in one pass
by a C-backed Aho-Corasick automaton (ahocorasick_rs) when the wheel is installed, and by one
Python loop over the positions where a word may begin otherwise; `tests/extract/test_lexer.py`
checks that both give the same tokens. Each text's tokens are cached, so a sentence that
several passes read is lexed once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType

ahocorasick_rs: ModuleType | None
try:  # a C-backed matcher where a wheel exists for the platform
    import ahocorasick_rs
except ImportError:  # pragma: no cover - the tests compare with native=False instead
    ahocorasick_rs = None

# How many texts' tokens each lexicon keeps (sentences, clauses and labels of a few documents).
TOKEN_CACHE = 4096


@dataclass(frozen=True, slots=True)
class WordToken:
    """A lexicon word at text[start:end]."""

    start: int
    end: int
    word: str


# A guard on a match: given the text and the token, whether the word is refused there, so that a
# shorter word at the same position is tried instead (吉林市场 is 吉林 and 市场, not 吉林市).
Refusal = Callable[[str, int, str], bool]


_LEXERS: list[WordLexer] = []


def clear_caches() -> None:
    """Forget every lexer's tokens (a benchmark starts cold with it)."""
    for lexer in _LEXERS:
        lexer.tokens.cache_clear()


def _never(text: str, end: int, word: str) -> bool:
    return False


class WordLexer:
    """Leftmost-longest, non-overlapping matches of a fixed word list."""

    def __init__(self, words: Iterable[str], refuse: Refusal = _never, *, native: bool = True):
        self.words = tuple(sorted(set(words), key=len, reverse=True))
        self._refuse = refuse
        self._by_prefix = _by_prefix(self.words)
        self._starts = _start_pattern(self.words)
        self._automaton = None
        if native and ahocorasick_rs is not None and self.words:
            # A DFA: built once per process, it scans a quarter faster than the default NFA.
            self._automaton = ahocorasick_rs.AhoCorasick(
                list(self.words), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                implementation=ahocorasick_rs.Implementation.DFA)
        self.tokens = lru_cache(maxsize=TOKEN_CACHE)(self._tokens)
        _LEXERS.append(self)

    @property
    def native(self) -> bool:
        """Whether the C-backed automaton does the matching."""
        return self._automaton is not None

    def word_at(self, text: str, i: int) -> str | None:
        """The longest word at text[i] that is not refused there, or None."""
        for w in self._by_prefix.get(text[i:i + 2], ()):
            if text.startswith(w, i) and not self._refuse(text, i + len(w), w):
                return w
        return None

    def _tokens(self, text: str) -> tuple[WordToken, ...]:
        if self._automaton is None:
            return self._scan(text)
        words = self.words
        out = []
        for index, start, end in self._automaton.find_matches_as_indexes(text, overlapping=False):
            word = words[index]
            if self._refuse(text, end, word):
                # A shorter word, or none, at this position: the automaton cannot say; the loop can.
                return self._scan(text)
            out.append(WordToken(start, end, word))
        return tuple(out)

    def _scan(self, text: str) -> tuple[WordToken, ...]:
        out = []
        pos = 0
        for m in self._starts.finditer(text):
            i = m.start()
            if i < pos:
                continue
            word = self.word_at(text, i)
            if word is not None:
                pos = i + len(word)
                out.append(WordToken(i, pos, word))
        return tuple(out)


def _by_prefix(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """First two characters -> the words that open with them, longest first."""
    index: dict[str, list[str]] = {}
    for w in words:
        index.setdefault(w[:2], []).append(w)
    return {k: tuple(v) for k, v in index.items()}


def _start_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Where a word of two characters or more may begin (two character classes, run in C)."""
    if not words:
        return re.compile(r"(?!)")
    firsts = "".join(sorted({re.escape(w[0]) for w in words}))
    seconds = "".join(sorted({re.escape(w[1]) for w in words}))
    return re.compile(f"[{firsts}](?=[{seconds}])")
