"""Text that remembers where each character came from.

Cleaning deletes characters (pinyin annotations, boilerplate lines, layout line breaks) and
replaces others one for one (full-width digits, traditional characters). A fact's span must
still point into the original document, so each stage returns a new MappedText whose
piecewise-linear map leads back to the original offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from zhibiao.rules.literals import matches


@dataclass(frozen=True)
class MappedText:
    text: str
    starts: tuple[int, ...] = (0,)
    origins: tuple[int, ...] = (0,)

    @classmethod
    def of(cls, text: str) -> MappedText:
        return cls(text, (0,), (0,))

    def to_original(self, pos: int) -> int:
        """The original offset of position `pos` of this text."""
        k = bisect_right(self.starts, pos) - 1
        return self.origins[k] + (pos - self.starts[k])

    def delete(self, spans: Iterable[tuple[int, int]]) -> MappedText:
        """This text without the given sorted, non-overlapping [start, end) spans."""
        pieces: list[str] = []
        starts: list[int] = []
        origins: list[int] = []
        cursor = 0
        out_len = 0
        for start, end in [*spans, (len(self.text), len(self.text))]:
            if start < cursor:
                start = cursor
            if start > cursor:
                self._append_piece(cursor, start, out_len, starts, origins)
                pieces.append(self.text[cursor:start])
                out_len += start - cursor
            cursor = max(cursor, end)
        if not starts:
            starts, origins = [0], [self.to_original(0) if self.text else 0]
        return MappedText("".join(pieces), tuple(starts), tuple(origins))

    def _append_piece(self, a: int, b: int, out_at: int, starts: list[int], origins: list[int]) -> None:
        k = bisect_right(self.starts, a) - 1
        pos = a
        while pos < b:
            seg_end = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.text)
            seg_origin = self.origins[k] + (pos - self.starts[k])
            if not origins or origins[-1] + (out_at - starts[-1]) != seg_origin:
                starts.append(out_at)
                origins.append(seg_origin)
            step = min(b, seg_end) - pos
            pos += step
            out_at += step
            k += 1

    def delete_matches(self, pattern: re.Pattern) -> MappedText:
        spans = [m.span() for m in matches(pattern, self.text) if m.end() > m.start()]
        return self.delete(spans) if spans else self

    def delete_any(self, patterns: Iterable[re.Pattern]) -> MappedText:
        """Delete what any of the patterns match, leftmost first, as their union would.

        Several small patterns scan much faster than one alternation of them, which the regex
        engine must try at every position.
        """
        found = sorted((m.start(), n, m.end()) for n, p in enumerate(patterns) for m in matches(p, self.text)
                       if m.end() > m.start())
        spans, end = [], 0
        for start, _, stop in found:
            if start >= end:
                spans.append((start, stop))
                end = stop
        return self.delete(spans) if spans else self

    def replace_same_length(self, new_text: str) -> MappedText:
        """A one-for-one substitution (same length), which keeps the map."""
        if len(new_text) != len(self.text):
            raise ValueError("replacement must keep the length")
        return MappedText(new_text, self.starts, self.origins)
