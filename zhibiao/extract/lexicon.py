"""The marks and cue patterns the sentence grammar shares across its modules."""

from __future__ import annotations

import re

GROWTH_LIKE = ("growth", "growth_change", "contribution", "pull")


COMPARATOR_BEFORE = re.compile(r"(比|较|与|于|同|和|低于|高于|快于|慢于) ?$")  # 比 1-4月份: a spaced-out page


CLAUSE_MARKS = ",;:"
