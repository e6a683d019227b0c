"""The sentence grammar's marks, words and patterns, built once from `rules/grammar.toml`.

The grammar modules (sentence, context, lists, comparators, attributes) read them from here, so
that a word is defined once, in data, and each pattern compiled once.
"""

from __future__ import annotations

import re

from zhibiao.rules import alternation, load, words
from zhibiao.rules.literals import required_words

_TABLE = load("grammar")


def _entry(section: str, key: str) -> str:
    value = _TABLE[section][key]
    assert isinstance(value, str), f"grammar.{section}.{key} is one word or pattern"
    return value


GROWTH_LIKE = ("growth", "growth_change", "contribution", "pull")

# Marks (the text is normalized: ASCII commas, semicolons and colons).
CLAUSE_MARKS = ",;:"
BRACKET_OPEN, BRACKET_CLOSE = "(", ")"  # normalized: full-width brackets are ASCII
FULL_STOP = _entry("marks", "full_stop")
ENUMERATION = _entry("marks", "enumeration")
LIST_MARKS = "".join(words("grammar", "marks", "list_marks"))

# Comparators.
COMPARATOR_BEFORE = re.compile(rf"({alternation('grammar', 'comparator', 'before')}) ?$")
FROM_WORDS = words("grammar", "comparator", "from")
MULTIPLE_OF = re.compile(_entry("comparator", "multiple_of"))
BASE_OF = re.compile(_entry("comparator", "base_of"))
TO_WORDS = words("grammar", "comparator", "to")
FROM_BEFORE = re.compile(rf"({alternation('grammar', 'comparator', 'from')})$")
COMPARATOR_OPENERS = words("grammar", "comparator", "opens_clause")
COMPARATOR_ITEMS = re.compile(rf"\s*(?:{alternation('grammar', 'comparator', 'items')})\s*")
WRITTEN_YEAR = re.compile(_entry("comparator", "written_year"))

# Lists: 分别, 均, 各.
DISTRIBUTIVE_WORDS: tuple[str, ...] = tuple(words("grammar", "lists", "distributive"))


def has_distributive(text: str) -> bool:
    """Whether `text` holds 分别 (or 依次)."""
    return any(w in text for w in DISTRIBUTIVE_WORDS)


def last_distributive(text: str, start: int = 0, end: int | None = None) -> tuple[int, str]:
    """Where the last 分别 (or 依次) in text[start:end] stands, and which word it is; (-1, "") if none."""
    found = max((text.rfind(w, start, len(text) if end is None else end), w) for w in DISTRIBUTIVE_WORDS)
    return found if found[0] >= 0 else (-1, "")
EACH_WORD = _entry("lists", "each")
EACH_PAIR = _entry("lists", "each_pair")
TIME_DIGITS = re.compile(_entry("lists", "time_digits"))
BARE_CHANGE = re.compile(_entry("lists", "bare_change"))
# The lookbehind after the word, so that the scan looks for the word only.
EACH = re.compile(rf"{re.escape(EACH_WORD)}(?<![{_entry('lists', 'each_not_after')}]{re.escape(EACH_WORD)})"
                  rf"(?![{_entry('lists', 'each_not_before')}])")
EACH_MONTH = _entry("lists", "each_month")
EACH_QUARTER = _entry("lists", "each_quarter")
QUARTER_WORD = _entry("lists", "quarter_word")
CUMULATIVE = _entry("lists", "cumulative")
LIST_END = _entry("lists", "list_end")
RANGE_GAP = re.compile(rf"\s*({alternation('grammar', 'lists', 'range_gaps')})\s*")
LIST_GAP = re.compile(rf"\s*({alternation('grammar', 'lists', 'list_gaps')})?\s*")

# Context.
PART_BEFORE = re.compile(rf"{re.escape(_entry('context', 'part_before'))}[,]?$")
PART_AFTER = words("grammar", "context", "part_after")
CONVERSION_AFTER = words("grammar", "context", "conversion_after")
SAME_PERIOD_OPENERS = words("grammar", "context", "same_period_openers")
COMPARED_ALSO = words("grammar", "compared_values", "also")
COMPARED_AVERAGE = words("grammar", "compared_values", "average")
COMPARED_SAME_PERIOD = words("grammar", "compared_values", "same_period")
COMPARED_JOINERS = words("grammar", "compared_values", "joiners")
COMPARED_LIST_OPENERS = words("grammar", "compared_values", "list_openers")
MEMBER_LIST_OPENERS = words("grammar", "lists", "member_openers")
COUNTED_MEMBERS = re.compile(_entry("lists", "counted_members"))
SUPERLATIVE = _entry("lists", "superlative")
CIRCUMSTANCE = _entry("context", "circumstance")
CIRCUMSTANCE_FIGURE = re.compile(rf"\d+(\.\d+)?({alternation('grammar', 'context', 'circumstance_figures')})")
NATIONAL_NAME = _entry("context", "national")

# The sentence.
NAME_QUOTE = re.compile(_entry("sentence", "name_quote"))
# One of these stands in any quoted name (rules.literals.required_words): a sentence without them has none.
NAME_QUOTE_WORDS = required_words(NAME_QUOTE.pattern)
REFERENCE_AFTER = re.compile(_entry("sentence", "reference_after"))
REFERENCE_KEPT_AFTER = tuple(words("grammar", "sentence", "reference_kept_after"))
SET_MEMBER = re.compile(_entry("sentence", "set_member"))
SET_AFTER = re.compile(_entry("sentence", "set_after"))
THRESHOLD_AFTER = re.compile(_entry("sentence", "threshold_after"))
THRESHOLD_COUNTED = re.compile(_entry("sentence", "threshold_counted"))
COUNTED_PLACES = frozenset(words("grammar", "sentence", "counted_places"))
REST_OF_PLACES = tuple(words("grammar", "sentence", "rest_of_places"))
SPREAD_OVER = re.compile(_entry("sentence", "spread_over"))
SPREAD_NOT_THINGS = tuple(words("grammar", "sentence", "spread_not_things"))
HAVE = _entry("sentence", "have")
HAVE_TAIL = re.compile(_entry("sentence", "have_tail"))
OF = _entry("sentence", "of")
JOINED_MEMBER = re.compile(_entry("sentence", "joined_member"))
PLACE_MEMBER = re.compile(_entry("sentence", "place_member"))

APPROX_WORD = _entry("qualifier", "approx")
