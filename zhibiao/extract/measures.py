"""What a number measures (level, growth, share ...), its sign, and what it is compared with."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from zhibiao.extract.mentions import PERCENT, POINTS, TENTHS, TIMES
from zhibiao.extract.subjects import WINDOW_CACHE
from zhibiao.rules import load, words
from zhibiao.rules.literals import matches


@dataclass(frozen=True)
class Reading:
    measure: str
    sign: int = 1
    times_growth: bool = False
    percent_points: bool = False  # a rate's change printed with % (增速较前三季度回落2.7%): in points


def _alt(*path: str) -> str:
    return "|".join(map(re.escape, words(*path)))


def _not_before(*path: str) -> str:
    """A negative lookahead of the words at `path` (增长 not in 增长值)."""
    return f"(?!{_alt(*path)})"


@cache
def _patterns() -> dict[str, re.Pattern]:
    return {
        "contribution": re.compile(_alt("measures", "contribution", "cues")),
        "share": re.compile(rf"(?:{_alt('measures', 'share', 'cues')})"
                            rf"{_not_before('measures', 'share', 'not_before')}"),
        "of_whole": re.compile(load("measures")["share"]["of_whole"]),
        "pull": re.compile(_alt("measures", "pull", "cues")),
        "influence": re.compile(_alt("measures", "pull", "influence")),
        "growth_up": re.compile(rf"(?:{_alt('measures', 'growth', 'up')})"
                                rf"{_not_before('measures', 'growth', 'up_not_before')}"),
        "growth_down": re.compile(_alt("measures", "growth", "down")),
        "rate_up": re.compile(_alt("measures", "growth", "rate_up")),
        "rate_down": re.compile(_alt("measures", "growth", "rate_down")),
        "change_up": re.compile(_alt("measures", "change", "up")),
        "change_down": re.compile(_alt("measures", "change", "down")),
        "widen": re.compile(_alt("measures", "change", "widen")),
        "narrow": re.compile(_alt("measures", "change", "narrow")),
        "gaps": re.compile(_alt("measures", "change", "gaps")),
        "yoy": re.compile(_alt("measures", "basis", "yoy")),
        "mom": re.compile(_alt("measures", "basis", "mom")),
        "target": re.compile(rf"(?:{_alt('measures', 'target', 'cues')})"
                             rf"(?!{_alt('measures', 'target', 'not_before')})"),
        "amount_change": re.compile(rf"(?:{_alt('measures', 'amount_change', 'words')})$"),
        "to_level": re.compile(
            rf"(?:{_alt('measures', 'to_level', 'words')})"
            rf"[\s{''.join(words('measures', 'to_level', 'approx_between'))}"
            rf"{''.join(words('measures', 'to_level', 'particles'))}\-−]*$"),  # a minus: 降至-1.3%
        "direct_pull": re.compile(_alt("measures", "pull", "direct")),
        "pull_down": re.compile(_alt("measures", "pull", "down")),
        "bare_basis": re.compile(load("measures")["growth"]["bare_basis"]),
        "minus": re.compile(load("measures")["growth"]["minus"]),
    }


def _last(pattern: re.Pattern, text: str) -> int:
    """End position of the last match, or -1. Begun by a search: most texts hold no match, and a
    search that finds none costs half an iteration that finds none (rules.literals.matches)."""
    first = pattern.search(text)
    if first is None:
        return -1
    end = -1
    for m in pattern.finditer(text, first.start()):
        end = m.end()
    return end


def of_goal(clause: str) -> bool:
    """Whether a percentage after `clause` is the share of a goal reached (完成全年目标的71%)."""
    return any(p.search(clause) for p in _of_goal())


@cache
def _of_goal() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in load("measures")["share"]["of_goal"])


def read_measure(window: str, kind: str, context: str = "") -> Reading:
    """The measure of a number of unit `kind`, from the words of its clause before it (see
    _read_measure); a change in points, and a percentage a rate moved to, look at the context."""
    if kind == PERCENT and percent_as_points(window):
        return replace(_read_measure(window, POINTS, context), percent_points=True)
    if kind == POINTS or (kind == PERCENT and _patterns()["to_level"].search(window)):
        return _read_measure(window, kind, context)
    return _read_measure_cached(window, kind)


@lru_cache(maxsize=WINDOW_CACHE)
def _read_measure_cached(window: str, kind: str) -> Reading:
    return _read_measure(window, kind, "")


def _read_measure(window: str, kind: str, context: str = "") -> Reading:
    """The measure of a number of unit `kind`, from the words of its clause before it.

    `context` is the sentence before the window, consulted for the rate noun that decides
    whether 收窄/扩大 is an improvement (降幅收窄) or a slowdown (涨幅收窄).
    """
    text = window
    for noun in words("measures", "growth", "not_verbs"):
        text = text.replace(noun, "")
    reader = _READERS.get(kind)
    return reader(text, context) if reader else Reading("level")


def _points_reading(text: str, context: str) -> Reading:
    """A change in points: a pull, or a change of a rate signed by its verb and rate noun."""
    p = _patterns()
    influence = _last(p["influence"], text)
    # 影响总水平下降约3.2个百分点 (a pull), not 受……影响,增速回落 (a cause).
    if influence >= 0 and load("measures")["pull"]["cause"] not in text[:influence]:
        after = text[influence:]
        up, down = _last(p["growth_up"], after), _last(p["growth_down"], after)
        if max(up, down) > 0:
            return Reading("pull", -1 if down > up else 1)
    if p["pull_down"].search(text):
        return Reading("pull", -1)
    if p["direct_pull"].search(text):
        return Reading("pull")
    up, down = _last(p["change_up"], text), _last(p["change_down"], text)
    if (pull := _last(p["pull"], text)) >= 0 and max(up, down) < pull:
        return Reading("pull")
    widen, narrow = _last(p["widen"], text), _last(p["narrow"], text)
    # A change of a fall (降幅高于全国2.95个百分点, 降幅收窄) is positive when the fall got smaller.
    # The last rate named decides: a share (比重较年初提高) is no fall even after a 降幅.
    here = text if p["gaps"].search(text) else context + text
    falling = _last(p["rate_down"], here) > max(_last(p["rate_up"], here), _last(p["share"], here))
    flip = -1 if falling else 1
    pos, sign = max([(up, flip), (down, -flip), (widen, flip), (narrow, -flip)])
    return Reading("growth_change", sign if pos >= 0 else 1)


def _tenths_reading(text: str, context: str) -> Reading:
    """七成企业实现盈利 is a share; 快递业务量同比增长约5成 a growth of 50 %."""
    p = _patterns()
    if p["contribution"].search(text):
        return Reading("contribution")  # 最终消费支出对经济增长贡献率超过了5成
    up, down = _last(p["growth_up"], text), _last(p["growth_down"], text)
    if max(up, down) >= 0 and not p["share"].search(text):
        return Reading("growth", -1 if down > up else 1)
    return Reading("share")


def _percent_reading(text: str, context: str) -> Reading:
    """A contribution, a share, a rate's new level or a growth signed by its verb or rate noun."""
    p = _patterns()
    if p["contribution"].search(text):
        return Reading("contribution")
    if p["share"].search(text) and _last(p["share"], text) >= _last(p["growth_up"], text):
        return Reading("share")
    if p["of_whole"].search(text):
        return Reading("share")
    if p["to_level"].search(text):
        return _moved_to_reading(context + text)
    up, down = _last(p["growth_up"], text), _last(p["growth_down"], text)
    rate_up, rate_down = _last(p["rate_up"], text), _last(p["rate_down"], text)
    pos, sign = max((up, 1), (down, -1), (rate_up, 1), (rate_down, -1))
    if pos >= 0:
        return Reading("growth", -1 if pos == down else sign)  # 负增长 ends where its 增长 does
    if p["bare_basis"].search(text):
        return Reading("growth")
    return Reading("level")


def names_a_share(text: str) -> bool:
    """Whether text names a share (占全部投资的比重): the rate a bare figure after it gives."""
    return _patterns()["share"].search(text) is not None


def moved_to(clause: str) -> Reading | None:
    """The reading of a percentage a rate moved to, the clause before it ending with the move
    (上行0.9个百分点至): the window of such a figure is 至 alone, so its clause is read; None otherwise."""
    return _moved_to_reading(clause) if _patterns()["to_level"].search(clause) else None


def _moved_to_reading(here: str) -> Reading:
    """增速降至10.1%: the rate's new level; 失业率降至5.0%: a level; 降幅收窄至3%: a fall of 3 %.
    `here` holds the clause before too: the rate may be named there (增速…回调,2013年降至10.1%)."""
    p = _patterns()
    named_up, named_down = _last(p["rate_up"], here), _last(p["rate_down"], here)
    if p["share"].search(here) and _last(p["share"], here) > max(named_up, named_down):
        return Reading("share")  # 占全部规模工业比重分别提高至10.5%; 比重从69.76%上升到72.33%
    if max(named_up, named_down) < 0:
        # 食品CPI同比上行0.9个百分点至1.1%: a rate named by its basis alone, in the clause of the move
        tail = here[max(here.rfind(mark) for mark in load("measures")["clauses"]["ends"]) + 1:]
        if p["contribution"].search(tail):
            return Reading("contribution")  # 贡献率由去年同期的52.5%提高到58.1%
        return Reading("growth") if p["yoy"].search(tail) or p["mom"].search(tail) else Reading("level")
    return Reading("growth", -1 if named_down > named_up else 1)


def _times_reading(text: str, context: str) -> Reading:
    """增长2.8倍 is a growth of 280 %; 是上年的2.8倍 a level."""
    p = _patterns()
    multiple = load("measures")["multiple"]
    up, down = _last(p["growth_up"], text), _last(p["growth_down"], text)
    if max(up, down) >= 0 and _without_prefix_qualifier(text).rstrip(" " + "".join(multiple["particles"])).endswith(
            tuple(multiple["growth_verbs"])):
        return Reading("growth", 1, times_growth=True)  # 增长2.8倍, 增长近2倍, 增长超过2倍
    return Reading("level")


def _without_prefix_qualifier(text: str) -> str:
    """The text before a figure without the word that says how exact the figure is (近, 超过)."""
    stripped = text.rstrip(" ")
    for word in _prefix_qualifiers():
        if stripped.endswith(word):
            return stripped[:-len(word)]
    return text


@cache
def _prefix_qualifiers() -> tuple[str, ...]:
    """The qualifier words said before a figure, longest first."""
    prefix = load("qualifiers")["prefix"]
    return tuple(sorted({w for ws in prefix.values() for w in ws}, key=len, reverse=True))


_READERS: dict[str, Callable[[str, str], Reading]] = {
    POINTS: _points_reading, TENTHS: _tenths_reading, PERCENT: _percent_reading, TIMES: _times_reading}


MINUS_REACH = 4  # how much of the text before a figure its own minus sign is read in


@lru_cache(maxsize=WINDOW_CACHE)
def has_minus(before: str) -> bool:
    """Whether the figure after `before` carries its own minus sign (同比-9.6%, 至-14.6%)."""
    return _patterns()["minus"].search(before[-MINUS_REACH:]) is not None


def verb_sign(word: str) -> int:
    """+1 for a verb of growth (增长), -1 for one of decline (下降), 0 for anything else."""
    if _patterns()["growth_down"].fullmatch(word):
        return -1
    return 1 if _patterns()["growth_up"].fullmatch(word) else 0


@cache
def list_verb_gap() -> re.Pattern:
    """The gap between two figures of a 分别 list that each carry their verb (分别下降29.8%、增长6.5%)."""
    verbs = "|".join(map(re.escape, words("measures", "growth", "up") + words("measures", "growth", "down")))
    return re.compile(rf"\s*(?:{_alt('measures', 'growth', 'list_joiners')})\s*(?P<verb>{verbs})\s*")


def amount_change_verb(window: str) -> str:
    """The verb of absolute change an amount follows (比上年增加4万人 -> 增加, 降低0.25元 -> 降低), or ''.
    A verb with 至/到 (降至) moves to a level and is none."""
    m = _patterns()["amount_change"].search(window.rstrip(_before_figure()))
    return m.group() if m else ""


@lru_cache(maxsize=WINDOW_CACHE)
def growth_basis(text: str) -> str | None:
    """yoy / mom named in `text` (the last one wins), 'avg' for an average annual rate, else None."""
    p = _patterns()
    if any(w in text for w in _average()):
        return "avg"
    yoy, mom = _last(p["yoy"], text), _last(p["mom"], text)
    if yoy < 0 and mom < 0:
        return None
    return "yoy" if yoy > mom else "mom"


@cache
def _average() -> tuple[str, ...]:
    return tuple(load("measures")["basis"]["average"])


@cache
def _comparator_patterns() -> dict[str, re.Pattern]:
    """The patterns of measures.toml [comparator_patterns], with the verbs of [change] filled in."""
    table = load("measures")["comparator_patterns"]
    change = {k: words("measures", "change", k) for k in ("up", "down", "widen", "narrow")}
    verbs = "|".join(map(re.escape, sorted({w for ws in change.values() for w in ws}, key=len, reverse=True)))
    after = load("measures")["change"]["after_basis"]
    up_down = {*change["up"], *change["down"]}
    return {
        "preposition": re.compile(table["preposition"].replace("{verbs}", verbs)),
        "verb": re.compile(table["verb"]),
        "percent_as_points": re.compile(table["percent_as_points"].replace("{verbs}", verbs)),
        "trailing_figure": re.compile(table["trailing_figure"]),
        "yoy": re.compile(table["yoy"].replace("{after_basis}", "|".join(after))),
        "basis_named": re.compile(table["basis_named"].replace("{after_basis}", "|".join(after))),
        "mom": re.compile(table["mom"].replace("{after_basis}", "|".join(w for w in after if w in up_down))),
        "bare": re.compile(table["bare_period"] + table["bare_after"].replace("{after_basis}", "|".join(after)) + "$"),
        "bare_after": re.compile(table["bare_after"].replace("{after_basis}", "|".join(after))
                                 + f"(?={table['bare_points']})"),
    }


def percent_as_points(window: str) -> bool:
    """Whether a percentage right after the window is a rate's change printed with % (增速较前三季度回落2.7%)."""
    return _comparator_patterns()["percent_as_points"].search(window.rstrip()) is not None


def compared_without_preposition(sentence: str, end: int) -> bool:
    """Whether the period ending at `end` is compared with, its 比 lost (1-4月提高5.0个百分点)."""
    return _comparator_patterns()["bare_after"].match(sentence, end) is not None


@lru_cache(maxsize=WINDOW_CACHE)
def change_comparator(window: str) -> str | None:
    """The raw comparator of a change in points: 较一季度 -> '一季度', 高于全省 -> '全省'."""
    p = _comparator_patterns()
    if named := p["basis_named"].search(window.rstrip()):
        return named.group("x")  # 环比7月提高: the month named
    found = list(matches(p["preposition"], window))
    if found:
        m = found[-1]
        return m.group("x").strip()
    stripped = p["trailing_figure"].sub("", window.rstrip())
    v = p["verb"].search(stripped)
    if v:
        return v.group("x").strip()
    table = load("measures")["comparator_patterns"]
    if bare := p["bare"].search(window):
        return bare.group("x")  # …增长22.6%,1-4月提高5.0个百分点: 比 lost before the period
    if p["yoy"].search(window):
        return table["yoy_comparator"]
    if p["mom"].search(window):
        return table["mom_comparator"]
    return None


@cache
def _before_figure() -> str:
    """What may stand between a verb and its figure: spaces, particles (了) and approximations (约)."""
    table = load("measures")
    return " " + "".join(table["multiple"]["particles"]) + "".join(table["to_level"]["approx_between"])


@cache
def _clause_end() -> re.Pattern:
    return re.compile(f"[{''.join(map(re.escape, load('measures')['clauses']['ends']))}]")


def _compares_rates(sentence: str, end: int) -> bool:
    """Whether the 比上月/同比 ending at `end` compares two rates (降幅比上月扩大2.0个百分点): it is
    then the comparator of a change in points, not the basis of the growth rates after it."""
    stop = _clause_end().search(sentence, end)
    clause = sentence[end:stop.start() if stop else len(sentence)]
    # …同比上行0.9个百分点至1.1%: the basis of the rate moved, which the figure after 至 is
    return any(w in clause and not any(w + to in clause for to in _moved_to_after_unit())
               for w in _rate_comparison_units())


@cache
def _moved_to_after_unit() -> tuple[str, ...]:
    return words("measures", "basis", "moved_to_after_unit")


@cache
def _rate_comparison_units() -> tuple[str, ...]:
    return words("measures", "basis", "compares_rates_unit")


class SentenceCues:
    """Where a sentence names 同比/环比, an average annual rate and a target, found once so that
    each number can ask about the text before it without scanning that text again (none of these
    words holds a digit, so none runs into the number)."""

    __slots__ = ("_yoy", "_mom", "_avg", "_target", "target_word")

    def __init__(self, sentence: str):
        p = _patterns()
        self._yoy = [m.end() for m in matches(p["yoy"], sentence) if not _compares_rates(sentence, m.end())]
        self._mom = [m.end() for m in matches(p["mom"], sentence) if not _compares_rates(sentence, m.end())]
        ends = [sentence.find(w) + len(w) for w in _average() if w in sentence]
        self._avg = min(ends) if ends else None
        consensus = {m.end() for m in _consensus().finditer(sentence)}
        target = next((m for m in matches(p["target"], sentence)
                       if not _measured_against(sentence, m.start()) and m.end() not in consensus), None)
        self._target = target.end() if target else None
        self.target_word = target.group() if target else ""

    def basis_before(self, pos: int) -> str | None:
        """growth_basis(sentence[:pos])."""
        if self._avg is not None and self._avg <= pos:
            return "avg"
        yoy = max((e for e in self._yoy if e <= pos), default=-1)
        mom = max((e for e in self._mom if e <= pos), default=-1)
        if yoy < 0 and mom < 0:
            return None
        return "yoy" if yoy > mom else "mom"

    def target_before(self, pos: int) -> bool:
        """is_target(sentence[:pos])."""
        return self._target is not None and self._target <= pos

    def target_since(self, pos: int) -> bool:
        """Whether the sentence's first target cue stands at or after pos."""
        return self._target is not None and self._target >= pos


@cache
def _consensus_patterns() -> tuple[re.Pattern, re.Pattern]:
    """The market's forecast before a figure (预期0.8%): anywhere in a sentence, and at the end of
    the text before a figure."""
    cue = "|".join(map(re.escape, words("measures", "target", "consensus")))
    return re.compile(rf"(?:{cue})(?=\s*[-−]?\s*\d)"), re.compile(rf"(?:{cue})\s*[-−]?\s*$")


def _consensus() -> re.Pattern:
    return _consensus_patterns()[0]


def is_consensus(before: str) -> bool:
    """Whether the text before a figure ends with the market's forecast (预期0.8%, 预期-2%)."""
    return _consensus_patterns()[1].search(before[-12:]) is not None


def _measured_against(sentence: str, start: int) -> bool:
    """Whether the target cue at `start` names the goal an outcome is measured against."""
    clause = sentence[:start]
    clause = clause[max(clause.rfind(mark) for mark in load("measures")["clauses"]["ends"]) + 1:]
    return any(w in clause for w in _measured_against_words())


@cache
def _measured_against_words() -> tuple[str, ...]:
    return words("measures", "target", "measured_against")


@cache
def _comparison_clauses() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(x) for x in load("measures")["comparison_clause"]["patterns"])


def clause_comparator(clause: str) -> str | None:
    """The comparator a clause of its own names (与上年同期相比 -> 上年同期), else None."""
    for pattern in _comparison_clauses():
        if m := pattern.match(clause):
            return m.group("x")
    return None


@cache
def points_unit() -> str:
    return load("units")["index_levels"]["points_unit"]


_CHANGE_TAIL = 3  # a verb of change this close before the figure (上升2.69点, 下降了7.67点)


def index_change(window: str) -> Reading | None:
    """A change of an index in its own points when a verb of change ends the window, else None."""
    p = _patterns()
    tail = window.rstrip()[-_CHANGE_TAIL:]
    up, down = _last(p["change_up"], tail), _last(p["change_down"], tail)
    if max(up, down) < 0:
        return None
    return Reading("growth_change", -1 if down > up else 1)


@cache
def estimate_words() -> tuple[str, ...]:
    return words("measures", "target", "estimates")


def names_goals(heading: str) -> bool:
    """Whether a section heading names goals or an outlook (二、2025年主要目标任务, 展望2018年)."""
    return any(w in heading for w in words("measures", "target", "section_words"))


def opens_goal_list(sentence: str) -> bool:
    """Whether a sentence opens a list of goals (今年经济社会发展主要预期目标是:…)."""
    return _goal_list().search(sentence) is not None


@cache
def _goal_list() -> re.Pattern:
    return re.compile(load("measures")["target"]["goal_list"])


def is_target(text: str) -> bool:
    return any(not _measured_against(text, m.start()) for m in matches(_patterns()["target"], text))
