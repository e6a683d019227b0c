"""What a number measures (level, growth, share ...), its sign, and what it is compared with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from zhibiao.extract.mentions import PERCENT, POINTS, TENTHS, TIMES
from zhibiao.extract.subjects import WINDOW_CACHE
from zhibiao.rules import load, words


@dataclass(frozen=True)
class Reading:
    measure: str
    sign: int = 1
    times_growth: bool = False


def _alt(*path: str) -> str:
    return "|".join(map(re.escape, words(*path)))


@cache
def _patterns() -> dict[str, re.Pattern]:
    g = load("measures")
    del g
    return {
        "contribution": re.compile(_alt("measures", "contribution", "cues")),
        "share": re.compile(rf"(?:{_alt('measures', 'share', 'cues')})(?!用|领|据|有)"),
        "pull": re.compile(_alt("measures", "pull", "cues")),
        "influence": re.compile(_alt("measures", "pull", "influence")),
        "growth_up": re.compile(rf"(?:{_alt('measures', 'growth', 'up')})(?!值|加值)"),
        "growth_down": re.compile(_alt("measures", "growth", "down")),
        "rate_up": re.compile(_alt("measures", "growth", "rate_up")),
        "rate_down": re.compile(_alt("measures", "growth", "rate_down")),
        "change_up": re.compile(_alt("measures", "change", "up")),
        "change_down": re.compile(_alt("measures", "change", "down")),
        "widen": re.compile(_alt("measures", "change", "widen")),
        "narrow": re.compile(_alt("measures", "change", "narrow")),
        "yoy": re.compile(_alt("measures", "basis", "yoy")),
        "mom": re.compile(_alt("measures", "basis", "mom")),
        "target": re.compile(rf"(?:{_alt('measures', 'target', 'cues')})(?!{_alt('measures', 'target', 'not_before')})"),
        "amount_change": re.compile(rf"(?:{_alt('measures', 'amount_change', 'words')})$"),
        "to_level": re.compile(rf"(?:{_alt('measures', 'to_level', 'words')})[\s约近]*$"),
    }


def _last(pattern: re.Pattern, text: str) -> int:
    """End position of the last match, or -1."""
    end = -1
    for m in pattern.finditer(text):
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
    p = _patterns()
    text = window.replace("增加值", "")
    if kind == POINTS:
        influence = _last(p["influence"], text)
        # 影响总水平下降约3.2个百分点 (a pull), not 受……影响,增速回落 (a cause).
        if influence >= 0 and "受" not in text[:influence]:
            after = text[influence:]
            up, down = _last(p["growth_up"], after), _last(p["growth_down"], after)
            if max(up, down) > 0:
                return Reading("pull", -1 if down > up else 1)
        if re.search("拉动|带动", text):
            return Reading("pull")
        if (pull := _last(p["pull"], text)) >= 0 and max(_last(p["change_up"], text), _last(p["change_down"], text)) < pull:
            return Reading("pull")
        up, down = _last(p["change_up"], text), _last(p["change_down"], text)
        widen, narrow = _last(p["widen"], text), _last(p["narrow"], text)
        # A change of a fall (降幅高于全国2.95个百分点, 降幅收窄) is positive when the fall got smaller.
        # The last rate named decides: a share (比重较年初提高) is no fall even after a 降幅.
        here = context + text
        falling = _last(p["rate_down"], here) > max(_last(p["rate_up"], here), _last(p["share"], here))
        flip = -1 if falling else 1
        candidates = [(up, flip), (down, -flip), (widen, flip), (narrow, -flip)]
        pos, sign = max(candidates)
        return Reading("growth_change", sign if pos >= 0 else 1)
    if kind == TENTHS:
        # 七成企业实现盈利 is a share; 快递业务量同比增长约5成 a growth of 50 %.
        up, down = _last(p["growth_up"], text), _last(p["growth_down"], text)
        if max(up, down) >= 0 and not p["share"].search(text):
            return Reading("growth", -1 if down > up else 1)
        return Reading("share")
    if kind == PERCENT:
        if p["contribution"].search(text):
            return Reading("contribution")
        if p["share"].search(text) and _last(p["share"], text) >= _last(p["growth_up"], text):
            return Reading("share")
        up, down = _last(p["growth_up"], text), _last(p["growth_down"], text)
        rate_up, rate_down = _last(p["rate_up"], text), _last(p["rate_down"], text)
        if p["to_level"].search(text):
            # 增速降至10.1%: the rate's new level; 失业率降至5.0%: a level; 降幅收窄至3%: a fall of 3 %
            here = context + text  # the rate may be named in the clause before (增速…回调,2013年降至10.1%)
            if p["share"].search(here) and _last(p["share"], here) > max(_last(p["rate_up"], here), _last(p["rate_down"], here)):
                return Reading("share")  # 占全部规模工业比重分别提高至10.5%; 比重从69.76%上升到72.33%
            named_up, named_down = _last(p["rate_up"], here), _last(p["rate_down"], here)
            if max(named_up, named_down) < 0:
                return Reading("level")
            return Reading("growth", -1 if named_down > named_up else 1)
        pos, sign = max((up, 1), (down, -1), (rate_up, 1), (rate_down, -1))
        if pos >= 0:
            return Reading("growth", sign)
        return Reading("level")
    if kind == TIMES:
        up, down = _last(p["growth_up"], text), _last(p["growth_down"], text)
        if max(up, down) >= 0 and text.rstrip(" 了").endswith(("增长", "增加", "提高", "上涨", "增", "扩大", "提升")):
            return Reading("growth", 1, times_growth=True)
        return Reading("level")
    return Reading("level")


_AVERAGE = ("年均", "平均每年")


def verb_sign(word: str) -> int:
    """+1 for a verb of growth (增长), -1 for one of decline (下降), 0 for anything else."""
    if _patterns()["growth_down"].fullmatch(word):
        return -1
    return 1 if _patterns()["growth_up"].fullmatch(word) else 0


@cache
def list_verb_gap() -> re.Pattern:
    """The gap between two figures of a 分别 list that each carry their verb (分别下降29.8%、增长6.5%)."""
    verbs = "|".join(map(re.escape, words("measures", "growth", "up") + words("measures", "growth", "down")))
    return re.compile(rf"\s*(?:、|和|及|,)\s*(?P<verb>{verbs})\s*")


def amount_change_verb(window: str) -> str:
    """The verb of absolute change an amount follows (比上年增加4万人 -> 增加, 降低0.25元 -> 降低), or ''.
    A verb with 至/到 (降至) moves to a level and is none."""
    m = _patterns()["amount_change"].search(window.rstrip(" 了约近"))
    return m.group() if m else ""


@lru_cache(maxsize=WINDOW_CACHE)
def growth_basis(text: str) -> str | None:
    """yoy / mom named in `text` (the last one wins), 'avg' for an average annual rate, else None."""
    p = _patterns()
    if any(w in text for w in _AVERAGE):
        return "avg"
    yoy, mom = _last(p["yoy"], text), _last(p["mom"], text)
    if yoy < 0 and mom < 0:
        return None
    return "yoy" if yoy > mom else "mom"


@cache
def _comparator() -> re.Pattern:
    """比/较/与 X before a verb of change in points: X is what the change is against."""
    verbs = "|".join(map(re.escape, sorted({w for k in ("up", "down", "widen", "narrow")
                                              for w in words("measures", "change", k)}, key=len, reverse=True)))
    return re.compile(rf"(?<![同环])(?:比|较|与)(?P<x>[^,;。比较]{{1,16}}?)(?:相比)?(?=(?:增速|增幅|涨幅|降幅)?"
                      rf"(?:分别|均|都|也)?(?:{verbs})(?:了)?(?:[\d一二三四五六七八九十]|$))")

_VERB_COMPARATOR = re.compile(r"(?:高于|低于|快于|慢于|超过|高出|领先)(?P<x>[^,;。]{1,20}?)(?:平均水平)?(?:的)?$")


@lru_cache(maxsize=WINDOW_CACHE)
def change_comparator(window: str) -> str | None:
    """The raw comparator of a change in points: 较一季度 -> '一季度', 高于全省 -> '全省'."""
    matches = list(_comparator().finditer(window))
    if matches:
        m = matches[-1]
        return m.group("x").strip()
    stripped = re.sub(r"[\d.]+个?和?$", "", window.rstrip())
    v = _VERB_COMPARATOR.search(stripped)
    if v:
        return v.group("x").strip()
    if re.search(r"同比(?:分别|均)?(?:提高|提升|上升|下降|回落|增加|减少|加快|放缓|降低|扩大|收窄)", window):
        return "上年同期"
    if re.search(r"环比(?:分别|均)?(?:提高|提升|上升|下降|回落|增加|减少|加快|放缓|降低)", window):
        return "上月"
    return None


_CLAUSE_END = re.compile(r"[,，;；。]")


def _compares_rates(sentence: str, end: int) -> bool:
    """Whether the 比上月/同比 ending at `end` compares two rates (降幅比上月扩大2.0个百分点): it is
    then the comparator of a change in points, not the basis of the growth rates after it."""
    stop = _CLAUSE_END.search(sentence, end)
    clause = sentence[end:stop.start() if stop else len(sentence)]
    return any(w in clause for w in _rate_comparison_units())


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
        self._yoy = [m.end() for m in p["yoy"].finditer(sentence) if not _compares_rates(sentence, m.end())]
        self._mom = [m.end() for m in p["mom"].finditer(sentence) if not _compares_rates(sentence, m.end())]
        ends = [sentence.find(w) + len(w) for w in _AVERAGE if w in sentence]
        self._avg = min(ends) if ends else None
        target = next((m for m in p["target"].finditer(sentence) if not _measured_against(sentence, m.start())), None)
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


def _measured_against(sentence: str, start: int) -> bool:
    """Whether the target cue at `start` names the goal an outcome is measured against."""
    clause = sentence[:start]
    clause = clause[max(clause.rfind(mark) for mark in ",;。") + 1:]
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


def is_target(text: str) -> bool:
    return any(not _measured_against(text, m.start()) for m in _patterns()["target"].finditer(text))
