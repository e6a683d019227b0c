"""The attributes of one figure: its place, qualifier and quote, and the fact record itself."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from zhibiao.extract import measures as M
from zhibiao.extract.comparators import (
    basis_for,
    comparator_list,
    each_place,
    multiple_basis,
    resolve_comparator,
    since_year_end,
)
from zhibiao.extract.context import ArticleState, ParagraphState, is_date
from zhibiao.extract.lexicon import APPROX_WORD, CLAUSE_MARKS, FULL_STOP
from zhibiao.extract.lists import leading_places, place_list
from zhibiao.extract.mentions import (
    COUNT,
    MONEY,
    PERCENT,
    PHYSICAL,
    POINTS,
    TENTHS,
    TIMES,
    Mention,
)
from zhibiao.extract.periods import end_date
from zhibiao.extract.record import GroupState, SentenceState
from zhibiao.extract.regions import (
    COUNTRY,
    GLOBAL,
    LOCAL_CITY,
    LOCAL_PROVINCE,
    NATIONAL,
    PLACE,
    bracketed_before,
    local_region,
    names_zone,
    place_at_start,
)
from zhibiao.extract.subjects import (
    compared_change,
    contributor,
    set_picked_from,
    split_list,
)
from zhibiao.ingest.segment import Sentence
from zhibiao.models import Document, Fact
from zhibiao.rules import load, words

CLAUSE_GROUP_END = ";"


def region_at(regions, pos: int, ps: ParagraphState, art: ArticleState, text: str = "") -> str | None:
    """The place of a figure at `pos`: the last place named before it in the sentence (a country
    only within its clause group: 邀请意大利的企业家来晋考察;全年对接企业1755家 is not Italy's), else
    the paragraph's, else the article's."""
    chosen = None
    for r in regions:
        if r.start >= pos:
            break
        if r.level == COUNTRY and CLAUSE_GROUP_END in text[r.end:pos]:
            continue
        if text.startswith(_standard_after(), r.end):
            continue  # 是全球平均水平的2.75倍: the standard, not the place
        if bracketed_before(text, r, pos):
            continue
        chosen = r
    if chosen is None:
        return ps.region if ps.region else art.default_region
    if art.zone and names_zone(text, chosen, art.zone):
        return art.zone  # 白城经济开发区, 全区 in the zone's own article
    if chosen.kind == PLACE or chosen.kind in (NATIONAL, GLOBAL):
        return chosen.name
    if chosen.kind in (LOCAL_PROVINCE, LOCAL_CITY):
        return local_region(text[chosen.start:chosen.end], chosen.kind, art.province, art.city)
    return art.default_region


@cache
def _standard_after() -> tuple[str, ...]:
    return words("regions", "standard_after", "words")


def qualifier_of(window: str, m: Mention) -> str:
    """at_least/at_most/approx from 多/余 or 以上/左右 around the number, else from the words before
    it (超过, 近, 约 — or 约占 a few characters back)."""
    if m.infix:
        return "at_least"
    if m.suffix:
        return m.suffix
    by_last, within, distance, not_before = _qualifier_rules()
    near = window[-(distance + 2):]
    if APPROX_WORD in near:
        for word in within:
            at = near.rfind(word)
            if at >= 0 and "," not in near[at:] and ";" not in near[at:] and len(near) - at - len(word) <= distance:
                return "approx"
        if window.endswith(APPROX_WORD) and not window.endswith(not_before):
            return "approx"
    tail = window.rstrip()[-4:]
    for word, qualifier in by_last.get(tail[-1:], ()):  # longest first: 不超过 is at most, 超过 at least
        if tail.endswith(word):
            return qualifier
    return "exact"


@cache
def _qualifier_rules() -> tuple[dict[str, tuple[tuple[str, str], ...]], tuple[str, ...], int, tuple[str, ...]]:
    """Prefix qualifier words by their last character (longest first), and the 约 rules."""
    table = load("qualifiers")
    prefixes = sorted(((w, q) for q in ("approx", "at_least", "at_most") for w in table["prefix"][q]),
                      key=lambda wq: -len(wq[0]))
    by_last: dict[str, list[tuple[str, str]]] = {}
    for word, qualifier in prefixes:
        by_last.setdefault(word[-1], []).append((word, qualifier))
    near = table["approx_within"]
    return ({k: tuple(v) for k, v in by_last.items()}, tuple(near["words"]), near["distance"],
            tuple(near["not_before"]))


@cache
def _stock_words() -> tuple[str, ...]:
    return words("subjects", "stocks", "words")


@cache
def _new_openers() -> tuple[str, ...]:
    return words("subjects", "stocks", "new_openers")


# Every field of a Fact with its default, in the order its __init__ assigns them (the required ones
# are always given).
_FACT_DEFAULTS = {f.name: f.default for f in fields(Fact)}


def new_fact(**given) -> Fact:
    """Fact(**given), the same object its generated __init__ builds (the same fields in the same
    order), without the frozen dataclass's guarded assignment of each of its sixteen fields: a
    fact is made for every figure."""
    fact = object.__new__(Fact)
    object.__setattr__(fact, "__dict__", {**_FACT_DEFAULTS, **given})
    return fact


def make_fact(doc: Document, subject: str, m: Mention, reading: M.Reading, window: str, period: str | None,
              basis: str | None, region: str | None, modality: str, sent: Sentence, mapped) -> Fact:
    """The fact of one figure, its measure settled by the figure's kind and its period by what
    the subject is (a stock is at the period's end)."""
    value, unit = _signed_value(m, reading)
    if M.has_minus(sent.text[max(0, m.start - M.MINUS_REACH):m.start]):
        value = -value  # 同比-9.6%, 至-14.6%: the figure's own sign
    subject, change = _with_amount_change(subject, window, reading.measure, m)
    if reading.measure == "level":
        period = _since_year_end_period(period, window)
    measure = _measure_of_kind(m, reading.measure)
    if reading.percent_points and reading.measure == "growth_change":
        measure, unit = "growth_change", "pp"  # 增速较前三季度回落2.7%: points, printed with %
    if measure in ("contribution", "pull"):
        subject = contributor(subject)
    value, unit = _per_day_named(subject, value, unit)
    start = mapped.to_original(sent.start + m.start)
    end = mapped.to_original(sent.start + m.end - 1) + 1
    if period and measure in ("level", "growth"):
        period = _period_of_what_it_is(subject, period, bool(change), _built_before(sent.text, m, measure))
    return new_fact(
        doc=doc.id, subject=subject, measure=measure, value=float(value), unit=unit,
        qualifier=qualifier_of(window or "", m) if window else ("at_least" if m.infix else m.suffix or "exact"),
        period=period, basis=basis if measure in ("growth", "growth_change") or m.kind == TIMES else None,
        region=region, modality="target" if _names_annual_plan(subject) else modality,
        quote=sentence_quote(sent.text, m.start, m.end), span=(start, end),
    )


def _per_day_named(subject: str, value: Decimal, unit: str) -> tuple[Decimal, str]:
    """粗钢日产305.37万吨/日: a daily amount named so is in the unit of the total (t); its per-day says
    nothing more (not 污水日处理能力2.15亿立方米/日, a capacity kept in its rate)."""
    per_day, daily = _per_day_rules()
    suffix = next((p for p in per_day if unit.endswith(p)), "")
    if not suffix or not any(word in subject for word in daily):
        return value, unit
    canonical, factor = load("units")["physical"].get(unit[:-len(suffix)], (unit[:-len(suffix)], 1))
    return value * Decimal(str(factor)), canonical


@cache
def _per_day_rules() -> tuple[tuple[str, ...], tuple[str, ...]]:
    table = load("units")["per_day"]
    return tuple(table["suffixes"]), tuple(table["daily_names"])


def _signed_value(m: Mention, reading: M.Reading) -> tuple[Decimal, str]:
    """A multiple of growth (增长1.5倍) in percent; a change signed by its verb."""
    value: Decimal = m.value
    unit = m.unit
    if m.kind == TIMES and (reading.times_growth or reading.measure == "growth"):
        value, unit = value * 100, "%"
    if reading.measure in ("growth", "growth_change", "pull"):
        value = value * reading.sign
    return value, unit


def _with_amount_change(subject: str, window: str, measure: str, m: Mention) -> tuple[str, str]:
    """常住人口3856万人,比上年末增加4万人: the change is 常住人口增加 (FACTS.md: 净亏损)."""
    change = ""
    if measure == "level" and window and m.kind in (MONEY, PHYSICAL, COUNT):
        change = M.amount_change_verb(window)
    if change and not subject.endswith(change):
        subject = compared_change(subject, change, window)
    return subject, change


def _built_before(sentence: str, m: Mention, measure: str) -> bool:
    """Whether the figure counts what has been built so far (累计建成充电桩49.2万台), or is the growth said
    right after such a count (…,同比增长3.6倍), in the same clause group."""
    text = sentence[:m.start]
    at = max(text.rfind(word) for word in _built_words())
    if at < 0 or any(mark in text[at:] for mark in _GROUP_ENDS):
        return False
    return measure == "growth" or not any(mark in text[at:] for mark in CLAUSE_MARKS)


_GROUP_ENDS = (";", FULL_STOP)


def _period_of_what_it_is(subject: str, period: str, change: bool, built: bool) -> str:
    """A stock (余额, 保有量, what has been built so far) is at the period's end; a flow counted up to a day
    (营业收入 至2021年底) spans the months to it; a planned amount (计划总投资 of the projects signed) is
    their attribute at the day."""
    if _names_annual_plan(subject) and (year := _YEAR_OF.match(period)):
        return year.group()  # 2023年…年度计划投资561.86亿元, 1-6月累计完成…: the year's plan, not the half's
    if not change and (_is_stock(subject) or built):
        return end_date(period) or period
    if is_date(period) and subject.endswith(_flows()) and not any(word in subject for word in _plan_words()):
        return _flow_to_date(period)
    return period


_YEAR_OF = re.compile(r"\d{4}(?=-)")


def _names_annual_plan(subject: str) -> bool:
    """Whether a subject is what a year's plan sets (年度计划投资, 年度投资计划, 年计划): a target of that year."""
    return any(word in subject for word in words("subjects", "annual_plans", "words"))


@cache
def _flows() -> tuple[str, ...]:
    return _amounts() + words("measures", "growth", "flows")


@cache
def _built_words() -> tuple[str, ...]:
    return words("subjects", "stocks", "built")


@cache
def _plan_words() -> tuple[str, ...]:
    return words("subjects", "plan_outcome", "plans")


def _flow_to_date(period: str) -> str:
    """至2021年底,…营业收入26.47万亿元: a flow counted up to a month's last day is the span from January
    to that month (the year, at a year's end), not a stock at the day."""
    year, month = period[:4], period[5:7]
    if end_date(period[:7]) != period:
        return period
    if month == "12":
        return year
    return f"{year}-01/{period[:7]}" if month != "01" else period[:7]


def _since_year_end_period(period: str | None, window: str) -> str | None:
    """截至10月末…比上年末净增4694万户: the additions since January, not a stock at the date (at a
    year-end, 年末…比上年末增加4万人, the date stands, as for the stock itself)."""
    if period is None or not is_date(period) or period[5:7] == "12" or not since_year_end(window):
        return period
    return f"{period[:4]}-01/{period[:7]}" if period[5:7] != "01" else period[:7]


def _measure_of_kind(m: Mention, measure: str) -> str:
    """The measure a figure's kind implies: tenths a share (unless a growth or a contribution),
    per-thousand rates a level, percent changes a growth, points a change of a rate."""
    if m.kind == TENTHS and measure not in ("growth", "contribution"):
        measure = "share"
    if m.unit == "‰":  # births, deaths, natural increase per thousand: rates stated as levels
        measure = "level"
    if m.kind == PERCENT and measure == "growth_change":
        measure = "growth"
    if m.kind == POINTS and measure in ("level", "share", "growth"):
        measure = "growth_change"
    return measure


def _is_stock(subject: str) -> bool:
    """A stock (余额, 保有量) is measured at the period's end; new ones (新增…) are flows."""
    return subject.endswith(_stock_words()) and not subject.startswith(_new_openers())


QUOTE_MAX = 500  # the longest sentence of the dev and demo sets is 277 characters


QUOTE_REACH = 200


def sentence_quote(sentence: str, start: int, end: int) -> str:
    """The sentence a figure stands in; an absurd one (hundreds of characters without a full stop: a
    dump, a table flattened into one line) only around the figure, from the clause mark before it to the
    one after it within QUOTE_REACH, so that a line of megabytes is not the quote of every fact on it."""
    if len(sentence) <= QUOTE_MAX:
        return sentence.strip()
    lo, hi = max(0, start - QUOTE_REACH), min(len(sentence), end + QUOTE_REACH)
    before = max(sentence.rfind(mark, lo, start) for mark in CLAUSE_MARKS)
    after = [i for i in (sentence.find(mark, end, hi) for mark in CLAUSE_MARKS) if i >= 0]
    return sentence[before + 1 if before >= 0 else lo:min(after) + 1 if after else hi].strip()


ESTIMATE_REACH = timedelta(days=31)


def estimates_the_past(cues: M.SentenceCues, period: str | None, pub: date | None) -> bool:
    """Whether the sentence's target cue only estimates (预计) the outcome of a period over, or all but
    over (ending within ESTIMATE_REACH: 预计2016年全年 at the ministry's conference of late December),
    when the page came out."""
    if pub is None or period is None or cues.target_word not in M.estimate_words():
        return False
    end = end_date(period)
    return end is not None and end < (pub + ESTIMATE_REACH).isoformat()


def emit_facts(st: SentenceState, g: GroupState) -> None:
    """The attributes the group's figures share (basis, place, modality), then a fact for each."""
    reading = _amount_reading(st, g)
    first, n = g.first, g.n
    bases = _group_bases(st, g, reading)
    region = region_at(st.regions, first.start, st.ps, st.art, st.text)
    places = _group_places(st, g, region)
    st.distributed = st.distributed or bool(places)
    modality = _modality(st, g)
    group = g.group
    emitted = len(st.facts)
    for i, m in enumerate(group.mentions):
        sub = g.subjects[i] if i < len(g.subjects) else g.subjects[-1]
        if not sub:
            continue
        where = places[i] if places else region
        own_reading = replace(reading, sign=group.signs[i]) if i in group.signs else reading
        fact = make_fact(st.doc, sub, m, own_reading, g.window if m is first else "", g.periods[i], bases[i],
                         where, modality, st.sent, st.mapped)
        if group.upper is not None:
            upper = make_fact(st.doc, sub, group.upper, reading, "", g.periods[i], bases[i], where, modality,
                              st.sent, st.mapped)
            assert fact.span is not None and upper.span is not None, "make_fact sets the span"
            fact = replace(fact, value_max=upper.value, span=(fact.span[0], upper.span[1]))
        st.facts.extend(_each_compared(fact, g.n))
    if n > 1:
        st.facts[emitted:] = _shared_qualifier(st.facts[emitted:], first.suffix is None)


def _shared_qualifier(facts: list[Fact], said_before: bool = False) -> list[Fact]:
    """约9%、12%和9%; 分别超过90家和870家; 4%、26%和14%左右; 12%和10%以上: a list qualified once, before its
    first figure (by a word before it, `said_before`) or after its last, is qualified throughout."""
    if len(facts) < 2:
        return facts
    qualifiers = [f.qualifier for f in facts]
    if qualifiers[0] == "approx" and set(qualifiers[1:]) == {"exact"}:
        shared = "approx"
    elif said_before and qualifiers[0] in ("at_least", "at_most") and set(qualifiers[1:]) == {"exact"}:
        shared = qualifiers[0]
    elif qualifiers[-1] in ("approx", "at_least") and set(qualifiers[:-1]) == {"exact"}:
        shared = qualifiers[-1]
    else:
        return facts
    return [replace(f, qualifier=shared) for f in facts]


def _each_compared(fact: Fact, n: int) -> list[Fact]:
    """高于武汉、宁波0.6个百分点: the one gap against each place listed."""
    if n > 1 or fact.measure != "growth_change":
        return [fact]
    return [replace(fact, basis=basis) for basis in each_place(fact.basis)]


def _amount_reading(st: SentenceState, g: GroupState) -> M.Reading:
    """The group's reading; a percentage said as a level of amounts is their growth (8月份仅为8.9% of
    规模以上工业增加值)."""
    if g.reading.measure == "level" and g.first.kind == PERCENT and _percent_of_amount(st, g):
        return replace(g.reading, measure="growth")
    goal = _goal_after(st, g)
    if goal and goal.group("growth") and g.first.kind == PERCENT and g.reading.measure == "level":
        return replace(g.reading, measure="growth")  # 年初5%左右的增长目标
    return g.reading


def _goal_after(st: SentenceState, g: GroupState) -> re.Match | None:
    """The goal named right after the group's last figure (5%左右的增长目标), if any."""
    return _goal_after_pattern().match(st.text, g.group.mentions[-1].end)


@cache
def _goal_after_pattern() -> re.Pattern:
    return re.compile(load("measures")["target"]["goal_after"])


@cache
def _goal_nouns() -> tuple[str, ...]:
    return words("measures", "target", "goal_nouns")


def _percent_of_amount(st: SentenceState, g: GroupState) -> bool:
    """Whether a percentage said as a level is of amounts (增加值, 产量), in a clause that speaks of
    no rate or part: then it is their growth."""
    if not g.subjects or not all(s.endswith(_amounts()) for s in g.subjects if s):
        return False
    last = g.group.mentions[-1].end
    ends = [i for i in (st.text.find(mark, last) for mark in CLAUSE_MARKS) if i >= 0]
    clause = st.text[g.group.clause_start:min(ends) if ends else len(st.text)]
    return not any(cue in clause for cue in _not_amount_cues())


@cache
def _amounts() -> tuple[str, ...]:
    return words("measures", "growth", "amounts")


@cache
def _not_amount_cues() -> tuple[str, ...]:
    return words("measures", "growth", "not_amount_cues")


def _group_places(st: SentenceState, g: GroupState, region: str | None) -> list[str] | None:
    """The places of a list of figures, one each: listed before them, opening their subjects, or listed
    for a list of as many figures before them in the sentence."""
    n = g.n
    places = place_list(st.text, st.regions, st.subject_from, g.first.start, n)
    if not places and g.inherited and g.numberless:
        # 浙江和山东的企业数量最多,分别达到212家和200家: the places open the clause the figures point back to
        places = place_list(st.text, st.regions, g.numberless[-1][0], g.first.start, n)
    if not places and (places := leading_places(g.subjects, n)):
        # 东部地区5G基站, 中部地区5G基站…: each place is its figure's region, not part of its subject; a place
        # alone (东、中、西部分别增长…) is the region of the thing spoken of
        g.subjects = [s[at:] if len(s) - (at := place_at_start(s)) >= 2 else s for s in g.subjects]
    if not places and st.places_listed and len(st.places_listed) == n and region == st.region_before_list:
        places = st.places_listed  # 东、中、西部和东北地区…分别为…;5G移动电话用户分别达…: the same places
    elif places:
        st.places_listed, st.region_before_list = places, region
    if places:
        _places_of_thing(st, g)
    return places


def _places_of_thing(st: SentenceState, g: GroupState) -> None:
    """东、中、西部分别有…: subjects that name only the places are the thing spoken of, there by place."""
    n = g.n
    if any(_only_places(s, n) for s in g.subjects) and (thing := _thing_of_places(st, g)):
        g.subjects = [thing if _only_places(s, n) else s for s in g.subjects]
        if st.subjects and _only_places(st.subjects[-1], n):
            st.subjects[-1] = thing  # …,占比分别为61%、25%、14%: what a word pointing back means


def _only_places(subject: str, n: int) -> bool:
    """东部地区, 东、中、西部: a subject that names only the places of a list."""
    if place_at_start(subject) == len(subject):
        return True
    parts = split_list(subject, n) or []
    return bool(parts) and all(place_at_start(p) == len(p) for p in parts)


def _thing_of_places(st: SentenceState, g: GroupState) -> str:
    """The thing last named before a list of places alone (第三批小巨人企业中,东、中、西部分别有…), or ''."""
    picked = [found for a, b in g.numberless if (found := set_picked_from(st.text[a:b]))]
    for named in (*picked[-1:], *reversed(st.subjects), *reversed(st.ps.subjects)):
        if named not in g.subjects and named != g.base and place_at_start(named) < len(named):
            return named
    return ""


def _group_bases(st: SentenceState, g: GroupState, reading: M.Reading) -> list[str | None]:
    """What each figure is compared with; 分别比全国、全省平均水平高3.4和3.9个百分点: one subject,
    compared with each in turn."""
    basis = basis_for(reading.measure, g.window, st.cues, g.first.start, g.periods[0], st.ps, st.art)
    if g.first.kind == TIMES and reading.measure == "level":
        basis = multiple_basis(g.window, g.subject)  # 是全球平均水平的2.75倍
    if reading.measure == "growth_change" and (compared := comparator_list(g.window, g.n)):
        return [resolve_comparator(c, g.periods[i], st.art.pub) for i, c in enumerate(compared)]
    return [basis] * g.n


def _modality(st: SentenceState, g: GroupState) -> str:
    """A target, unless its cue only estimates (预计) a period over before publication; the figure
    right after a goal noun (完成签约目标50亿元的115.56%) is the goal."""
    if g.first.kind in (MONEY, PHYSICAL, COUNT) and st.text[:g.first.start].rstrip().endswith(_goal_nouns()):
        return "target"  # an amount, not a gap to the goal (快于年初确定的预期目标0.8个百分点)
    if _goal_after(st, g):
        return "target"  # 圆满完成年初5%左右的增长目标: the goal named after its figure
    if M.is_consensus(st.text[:g.first.start]):
        return "target"  # 前值0.7%,预期0.8%: the market's forecast of the reading
    if st.cues.target_before(g.first.start) and _done_since_cue(st, g):
        return "actual"  # …将达到213家,在名单公示前,南京市已累计培育…106家: what is done already
    if not st.cues.target_before(g.first.start):
        # under a heading of goals, after a sentence that opened a list of them, or said as what will be
        # done in a year not yet over (2021年全省工信系统将…,净增1000家规上工业企业)
        planned = st.art.section_target or st.ps.goals or _will(st, g)
        return "target" if planned and not _over(g.periods[0], st.art.pub) else "actual"
    return "actual" if estimates_the_past(st.cues, g.periods[0], st.art.pub) else "target"


def _done_since_cue(st: SentenceState, g: GroupState) -> bool:
    """Whether the figure's own words, after the clause that set a goal, say it is done already (已累计培育)."""
    start = next((a for a, b in st.spans if a <= g.first.start < b), g.win_start)
    return not st.cues.target_since(start) and any(
        w in st.text[start:g.first.start] for w in words("measures", "target", "done"))


def _will(st: SentenceState, g: GroupState) -> bool:
    """Whether the sentence says what will be done (将) before the figure, in a period that ends after
    the page came out, or names a period of its own ending long after it, or the figure's period lies in
    a later year (截至2025年底 said in December 2025 is an estimate of the outcome, as annotated, not a plan)."""
    period, pub = g.periods[0], st.art.pub
    if not period or pub is None or not period[:4].isdigit():
        return False
    if int(period[:4]) > pub.year:
        return True  # 到2025年,…营业收入达到2万亿元 in 2021: a year not begun is no outcome (its first year leads)
    end = end_date(period)
    if (end is not None and end > (pub + FUTURE_REACH).isoformat() and not _events().search(st.text)
            and any(t.value == period for t in st.times)):
        return True  # 今年全市固定资产投资增长7%以上 in January: a year barely begun has no outcome yet
    if not any(w in st.text[:g.first.start] for w in words("measures", "target", "future")):
        return False
    return end is not None and end > pub.isoformat()


@cache
def _events() -> re.Pattern:
    return re.compile("|".join(map(re.escape, words("measures", "target", "events"))))


FUTURE_REACH = timedelta(days=183)  # a period ending more than half a year after the page: what is planned


def _over(period: str | None, pub: date | None) -> bool:
    """Whether a period had ended when the page came out (2024年 in a 2025 report's list of goals)."""
    end = end_date(period) if period and pub else None
    return end is not None and pub is not None and end < pub.isoformat()
