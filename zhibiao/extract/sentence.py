"""One sentence in, its facts out: the sentence grammar."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache, lru_cache

from zhibiao.extract import measures as M
from zhibiao.extract.attributes import emit_facts, sentence_quote
from zhibiao.extract.comparators import is_comparator
from zhibiao.extract.compared import ShiftedMap, compared_facts, find_brackets, moved_times, without_brackets
from zhibiao.extract.context import (
    ArticleState,
    ParagraphState,
    blank_times,
    carry_context,
    context_words,
    period_for,
    subordinate_time,
    without_other_times,
)
from zhibiao.extract.lexicon import (
    BRACKET_CLOSE,
    BRACKET_OPEN,
    CIRCUMSTANCE,
    CLAUSE_MARKS,
    COMPARATOR_BEFORE,
    COUNTED_PLACES,
    ENUMERATION,
    FULL_STOP,
    GROWTH_LIKE,
    HAVE,
    HAVE_TAIL,
    JOINED_MEMBER,
    LIST_MARKS,
    NAME_QUOTE,
    NAME_QUOTE_WORDS,
    OF,
    PLACE_MEMBER,
    REFERENCE_AFTER,
    REFERENCE_KEPT_AFTER,
    REST_OF_PLACES,
    SET_AFTER,
    SET_MEMBER,
    SPREAD_NOT_THINGS,
    SPREAD_OVER,
    SUPERLATIVE,
    THRESHOLD_AFTER,
    THRESHOLD_COUNTED,
)
from zhibiao.extract.lists import (
    Group,
    distribute,
    figure_groups,
    tier_heads,
)
from zhibiao.extract.mentions import (
    COUNT,
    MONEY,
    PERCENT,
    PHYSICAL,
    POINTS,
    TENTHS,
    Mention,
    find_mentions,
)
from zhibiao.extract.periods import TimeMention, previous, shift_year
from zhibiao.extract.record import GroupState, SentenceState
from zhibiao.extract.regions import (
    find_regions,
    place_at_start,
    province_of,
)
from zhibiao.extract.subjects import (
    AFTER_COUNT_MAX,
    WINDOW_CACHE,
    account_holder,
    account_left_out,
    as_activity,
    bracketed_rate,
    canonical,
    compared_change,
    compound_part,
    coordinated_object,
    counts_a_change,
    counts_holders_of_an_account,
    daily_average_subject,
    driven_amount,
    driven_subject,
    ends_with_rate,
    holder_measure,
    is_anaphor,
    is_bare_noun_phrase,
    is_change_amount,
    is_counted_account,
    is_holders_measure,
    link_parts,
    list_member_name,
    noun_after_distributive,
    outcome_of_plan,
    partner_ellipsis,
    production_subject,
    projects_at_stage,
    ranks_within,
    reaches,
    resolve_anaphor,
    segment_subject,
    set_by_predicate,
    sibling_predicate,
    subject_after,
    subject_after_amount,
    subject_from_window,
    subject_ranked_by,
    superlative_member,
    swapped_account,
    total_of,
    usable_topic,
    verb_object,
    without_leading_of,
)
from zhibiao.ingest.segment import Sentence, clauses
from zhibiao.models import Document, Fact
from zhibiao.period import Period, year_period
from zhibiao.rules import load, words

_THRESHOLD_AFTER = re.compile(r"[\u4e00-\u9fff]")




_AFTER_READ = 24  # 的全国工业生产者出厂价格总水平同比降幅中: a figure restated inside what it names


def _keep(sentence: str, m: Mention) -> bool:
    if _masked(sentence, m):
        return False  # 达到2112.*亿元, 增长*.2%: a figure with digits masked is no value
    after = sentence[m.end:m.end + _AFTER_READ]
    if m.kind in (MONEY, PHYSICAL, PERCENT) and m.suffix in ("at_least", "at_most") and _THRESHOLD_AFTER.match(after):
        # 2000万元及以上的企业, 位于51.0%以上景气区间: a class boundary, not a figure.
        return False
    if m.unit_text == _rank_moves()[0] and sentence[:m.start].rstrip().endswith(_rank_moves()[1]):
        return False  # 较上月提升2位: places moved in a ranking
    if m.kind == MONEY and _sizes_a_class(sentence, m):
        return False  # 5-10亿元(不含10亿元)项目1个: the size of a class of projects
    if m.kind == PERCENT and (THRESHOLD_AFTER.match(after) or THRESHOLD_COUNTED.search(sentence, max(0, m.start - 24),
                                                                                      m.start)):
        return False  # PMI高于50%时, 14个行业高于50%: a line drawn, not a figure
    if REFERENCE_AFTER.match(after) and not sentence[:m.start].endswith(REFERENCE_KEPT_AFTER):
        return False
    return not after.startswith(_names_after())


def _masked(sentence: str, m: Mention) -> bool:
    mask = _digit_mask()
    return mask in sentence[max(0, m.start - _MASK_REACH):m.end + 1]


@cache
def _digit_mask() -> str:
    return load("units")["mentions"]["digit_mask"]


_MASK_REACH = 2  # a mask this far before the figure's first digit (*.2%, 1*.5%) hides part of it


def _sizes_a_class(sentence: str, m: Mention) -> bool:
    after, before = _class_amounts()
    if sentence.endswith(before, 0, m.start):
        return sentence.startswith(")", m.end) and after.match(sentence, m.end + 1) is not None
    return after.match(sentence, m.end) is not None


@cache
def _class_amounts() -> tuple[re.Pattern, tuple[str, ...]]:
    table = load("units")["class_amounts"]
    return re.compile(table["after"]), tuple(table["before"])


@cache
def _rank_moves() -> tuple[str, tuple[str, ...]]:
    table = load("units")["mentions"]
    return table["rank_unit"], tuple(table["rank_moves"])


@cache
def _names_after() -> tuple[str, ...]:
    return words("units", "names_after", "words")


_DETERMINER_GAP_MAX = 30


_DETERMINER_MAX = 1000  # 3家, 15个, 64个: a small whole count of holders


def _names_a_subject(s: str, m: Mention, following: list[Mention]) -> bool:
    """十种有色金属335万吨: a count that is part of the name of what the next figure measures; and
    3家基础电信企业完成收入387亿元: a count of the holders of the figure after it in the clause."""
    between = s[m.end:following[0].start] if following else OF
    if m.kind != COUNT or between == OF:
        return False  # (完成年度目标任务132个的59.09%: 的 alone after the count, the whole a share is of)
    if is_bare_noun_phrase(between):
        return True
    if counts_holders_of_an_account(between):
        return False  # 484家规上工业企业增加值同比增长8.1%: how many enterprises the figure covers
    return _counts_holders(m, between, following[0])


def _counts_holders(m: Mention, between: str, after: Mention) -> bool:
    """3家基础电信企业完成收入387亿元: a small whole count of the holders of the figure after it."""
    # 3家基础电信企业的移动电话用户总数达16.41亿户: a count of what the holders have, too
    holders_of = after.kind == COUNT and OF in between and after.unit_text != m.unit_text
    return ((after.kind in (MONEY, PERCENT, PHYSICAL) or holders_of) and m.scale == 1
            and m.value < _DETERMINER_MAX and m.value == m.value.to_integral_value()
            and len(between) <= _DETERMINER_GAP_MAX
            and not any(mark in between for mark in CLAUSE_MARKS + ENUMERATION + FULL_STOP)
            # 13个大类商务快件指数高于100%: the figure after is a threshold, the count the fact
            and not COMPARATOR_BEFORE.search(between))




def sentence_facts(doc: Document, sent: Sentence, ps: ParagraphState, art: ArticleState,
                   mapped) -> list[Fact]:
    """The sentence grammar; a sentence that gives the values it compares with in brackets
    (比全省(7.4%)高1.7个百分点) is read without them, and they become facts of their own (compared.py)."""
    brackets = find_brackets(sent.text, art)
    if not brackets:
        return _sentence_facts(doc, sent, ps, art, mapped)
    bare, where = without_brackets(sent, brackets)
    times = art.times.get(sent.start, [])
    art.times[sent.start] = moved_times(times, brackets)
    try:
        facts = _sentence_facts(doc, bare, ps, art, ShiftedMap(mapped, sent, where))
    finally:
        art.times[sent.start] = times
    return compared_facts(doc, sent, brackets, facts, mapped)


def _sentence_facts(doc: Document, sent: Sentence, ps: ParagraphState, art: ArticleState,
                    mapped) -> list[Fact]:
    """Read the sentence once, walk its groups of figures through the passes in order, then
    leave the paragraph what the sentences after it rely on."""
    st = read_sentence(doc, sent, ps, art, mapped)
    if ps.basis == "mom" and st.times and st.times[0].start <= 1 and st.times[0].kind == "period":
        ps.basis = None  # …环比增长86.6%。3月份,广西铁路运输进出口…增长1.8倍: a new statement, year on year
    st.facts = ratio_facts(st)
    for group in figure_groups(st.text, st.mentions, st.spans):
        g = open_group(st, group)
        for run in GROUP_PASSES:
            run(st, g)
    st.facts = _periods_from_rates(tier_heads(st.facts))
    carry_context(st)
    return st.facts


def read_sentence(doc: Document, sent: Sentence, ps: ParagraphState, art: ArticleState,
                  mapped) -> SentenceState:
    """What the passes read: the sentence's clauses, times, figures, places and cues, found once."""
    s = sent.text
    names = ([m.span() for m in NAME_QUOTE.finditer(s)]
             if NAME_QUOTE_WORDS is None or any(w in s for w in NAME_QUOTE_WORDS) else [])
    found = art.times.get(sent.start, [])
    # The clauses, needed only by the figures and by a time in a circumstantial phrase
    spans = clauses(s) if found and CIRCUMSTANCE in s else []
    times = _sentence_times(s, found, names, spans)
    mentions = _sentence_mentions(s, times, names)
    if mentions and not spans:
        spans = clauses(s)
    compared = frozenset(t.start for t in times if is_comparator(s, t))
    # The cues are read only by the groups of figures: a sentence without any gets none.
    cues = M.SentenceCues(s) if mentions else _NO_CUES
    if ps.region and _NEW_VIEW.match(s) and province_of(ps.region) is not None:
        ps.region = None  # 从重点产品看,…: a new view of the whole, not of the provinces the sentence before named
    return SentenceState(doc, sent, ps, art, mapped, s, spans, times, mentions, find_regions(s), cues, compared,
                         ps.last_list)


_NO_CUES = M.SentenceCues("")
_NEW_VIEW = re.compile(load("subjects")["lead"]["new_view"])


def _sentence_times(s: str, found: list[TimeMention], names: list[tuple[int, int]],
                    spans: list[tuple[int, int]]) -> list[TimeMention]:
    """The times that may set a period: none inside a quoted name or a circumstantial phrase."""
    # (a time around a quoted name, “十三五”期间, is no time inside it)
    times = [t for t in found if not any(a <= t.start < b and t.end <= b for a, b in names)
             and not subordinate_time(s, t, spans)]
    return without_other_times(s, times)


def _sentence_mentions(s: str, times: list[TimeMention], names: list[tuple[int, int]]) -> list[Mention]:
    """The figures, without those in times or names, class boundaries, references and counts that
    name a subject."""
    mentions = [m for m in find_mentions(s, [(t.start, t.end) for t in times] + names) if _keep(s, m)]
    return [m for i, m in enumerate(mentions) if not _names_a_subject(s, m, mentions[i + 1:i + 2])]


def open_group(st: SentenceState, group: Group) -> GroupState:
    """A group's window: the words from the last group (or its clause) up to its first figure."""
    s, first = st.text, group.mentions[0]
    win_start = max(group.clause_start, st.prev_end)
    if SET_MEMBER.fullmatch(s[win_start:first.start]):
        win_start = group.clause_start
    numberless = [(a, b) for a, b in st.spans if st.prev_end <= a and b <= win_start]
    st.prev_end = (group.upper or group.mentions[-1]).end
    return GroupState(group, first, group.mentions[-1].end, win_start, s[win_start:first.start],
                      blank_times(s, st.times, win_start, first.start), numberless, len(group.mentions))


def read_topics(st: SentenceState, g: GroupState) -> None:
    """Clauses without figures before the group: a basis (同比), a comparator (与2012年相比) or a
    topic the figures after it are about."""
    s = st.text
    for a, b in g.numberless:
        named = M.growth_basis(s[a:b])
        if named in ("yoy", "mom"):
            st.ps.basis = named
        if compared := M.clause_comparator(s[a:b]):
            st.art.change_comparator = compared
            continue  # 与2012年相比: what the changes after it are against, no topic
        clause = blank_times(s, st.times, a, b)
        before = st.subjects or st.ps.subjects
        topic = _topic_of(st, superlative_member(clause, before[-1] if before else "") or usable_topic(clause))
        if topic:
            st.subjects.append(topic)
            # 建材行业在…拉动下,实现主营业务收入…: the holder of the figures after it is the one named here
            st.last_holder = topic if st.last_holder else ""
            st.linked_holder = topic if st.linked_holder else ""


def _topic_of(st: SentenceState, topic: str) -> str:
    """A topic read with the names before it: 民营企业加大自主创新力度,进出口持续增长,占…: the measured noun
    is the branch's named before in the sentence; 全国水泥产量…。多数省份产量均有下降: a head noun repeats
    the paragraph's last name."""
    if topic and st.subjects:
        return holder_measure(st.subjects[-1], topic) or topic
    before = st.ps.subjects
    if topic and before and len(before[-1]) > len(topic) >= 2 and before[-1].endswith(topic):
        return before[-1]
    return topic


def read_group_measure(st: SentenceState, g: GroupState) -> None:
    """The measure; a change in points reads its rate noun (增速 or 降幅) back to where its
    subject was named."""
    s, first = st.text, g.first
    reading = M.read_measure(g.window, first.kind, s[st.subject_from:g.win_start])
    if first.kind == PERCENT and M.of_goal(s[g.group.clause_start:first.start]):
        reading = M.Reading("share")
    elif first.kind == PERCENT and reading.measure == "level" and len(g.window.strip(" -−")) <= 1:
        reading = M.moved_to(s[g.group.clause_start:first.start]) or reading  # …个百分点至1.1%
    if first.unit == M.points_unit() and reading.measure == "level":
        # 环比上升2.69点: a change of an index, in its points.
        reading = M.index_change(g.window) or reading
    if reading.measure == "level":
        reading = _bare_reading(st, g) or reading
    g.reading = st.last_reading = reading if not _bracketed_rate(st, g) else M.Reading("level")
    # 31个省份规上工业增加值保持增长: a count of the members that changed is read over the span
    # of the change, as a rate is.
    g.counted_change = first.kind == COUNT and counts_a_change(s[g.last_end:][:AFTER_COUNT_MAX])


def _bare_reading(st: SentenceState, g: GroupState) -> M.Reading | None:
    """The reading of a figure whose own words name no measure: the share a clause before it names
    (占全部投资的比重均稳定过半,其中2021年为56.5%), or the reading of the figure before it."""
    if g.first.kind == PERCENT and any(M.names_a_share(st.text[a:b]) for a, b in g.numberless):
        return M.Reading("share")
    if st.last_reading and (before := _as_the_reading_before(g, st.last_reading)):
        return before
    if g.first.kind == PERCENT and (place := _place_bracketed(st, g)) >= 0:
        # 从前三季度GDP增速看,…除广东(3.4%)外: what the sentence measured before the place; the bracketed
        # figure carries its own sign (负增长,张掖市(-5.1%))
        measure = M.read_measure(st.text[:place], PERCENT).measure
        return M.Reading(measure) if measure != "level" else None
    return None


def _as_the_reading_before(g: GroupState, last: M.Reading) -> M.Reading | None:
    """A level measured as the figure before: another member of its list (低于1-2月份的5.1%和去年四季度的
    5.9%), the reading before it (同比-1.9%,前值-2.2%) or the market's forecast of it (预期-2%)."""
    if _member_of_list(g.window.strip(), g.first.kind, last):
        return last
    if _previous_reading(g.window) or M.is_consensus(g.window):
        return M.Reading(last.measure)
    return None


@lru_cache(maxsize=WINDOW_CACHE)
def _previous_reading(window: str) -> bool:
    return any(word in window for word in context_words("previous_reading"))


def _member_of_list(window: str, kind: str, last: M.Reading) -> bool:
    """A figure joined to the one before with only its own period or name (和去年四季度的), or a rate
    after a place and 为 (…增长31.1%,白银市为19.1%): another member of the same list."""
    if JOINED_MEMBER.match(window):
        return True
    member = PLACE_MEMBER.match(window) if kind == PERCENT and last.measure == "growth" else None
    return member is not None and place_at_start(member.group("x")) == len(member.group("x"))


def read_group_period(st: SentenceState, g: GroupState) -> None:
    measure = "growth" if g.counted_change else g.reading.measure
    g.period, g.period_list = period_for(st.text, st.times, g.first.start, measure, st.ps, st.art, st.compared)
    if g.period and _previous_reading(g.window_clean):
        g.period = previous(g.period) or g.period  # 前值为跌13.1%: the reading of the period before
    elif g.period and _YEAR_AGO.search(g.window):
        g.period = shift_year(g.period) or g.period  # 去年同期为下降1.5%: the same span a year back
    else:
        g.period = _month_alone_of_span(st, g, _cumulative_to_month(st, g))
    if g.period and st.text[:g.first.start].rstrip().endswith(_year_goals()):
        g.period = _year_of(g.period)  # 1-6月份,…完成年度目标任务132个的59.09%: the goal is the year's


@cache
def _year_goals() -> tuple[str, ...]:
    return words("measures", "target", "year_goals")


def _year_of(period: str) -> str:
    p = Period.parse(period)
    return year_period(p.year) if p is not None and p.year is not None and p.form != "years" else period


_SPAN_FORMS = ("months", "half", "quarter")


def _month_alone_of_span(st: SentenceState, g: GroupState, p: str | None) -> str | None:
    """1-5月,…实现产值4568.3亿元,…其中当月实现产值1001.1亿元: after 当月 (or 单月, 本月) with no time of
    its own, a figure of a span of months is its last month's."""
    before = st.text[:g.first.start]
    if _MONTH_ALONE.search(before) is None:
        return p
    span = Period.parse(p)
    if span is None or span.form not in _SPAN_FORMS or span.year is None or span.first == span.last:
        return p
    since = max([t.end for t in st.times if t.end <= g.first.start], default=0)
    for word in context_words("month_alone"):
        at = before.find(word, since)
        # (本月止累计 is the span again)
        if at >= 0 and not before.startswith(_SPAN_AGAIN, at + len(word)):
            return str(Period.of_month(span.year, span.last))
    return p


def _cumulative_to_month(st: SentenceState, g: GroupState) -> str | None:
    """2014年4月,企业累计实现工业增加值31.87亿元,同比增长6.4%;实现利润总额…: after 累计, a month named
    before it is the span from January to that month, for the amounts and rates after it in the sentence."""
    p = g.period
    before = st.text[:g.first.start]
    at = max(before.rfind(w) for w in context_words("cumulative"))
    if at < 0 or not p:
        return p
    month = Period.parse(p)
    if month is None or month.form != "month" or month.year is None or month.last == 1 or g.first.kind == COUNT:
        return p  # (累计培育专精特新中小企业7万家: a count of what exists, no flow over the months)
    if any(t.end > at for t in st.times if t.end <= g.first.start):
        return p  # a time named after 累计 (1-4月累计增长5%;4月份增长6%)
    if any(w in before[at:] for w in context_words("month_alone")):
        return p
    return str(Period.of_months(month.year, 1, month.last))


_SPAN_AGAIN = tuple(context_words("month_alone_span"))
_YEAR_AGO = re.compile("|".join(map(re.escape, context_words("year_ago_reading"))))
_MONTH_ALONE = re.compile("|".join(map(re.escape, context_words("month_alone"))))


# The subject: the resolvers in order, the first that names one wins; those marked True also
# replace the window's subject (`base`) that lists are split from.
def _bracketed_rate(st: SentenceState, g: GroupState) -> str:
    """占总人口比重(常住人口城镇化率)为60.84%: the rate itself, a level."""
    return bracketed_rate(g.window_clean) if g.first.kind == PERCENT else ""


def _ranked_by(st: SentenceState, g: GroupState) -> str:
    return subject_ranked_by(g.window_clean, st.text[g.last_end:g.last_end + AFTER_COUNT_MAX])


def _object_after(st: SentenceState, g: GroupState) -> str:
    if g.first.kind in (MONEY, PHYSICAL) and g.n == 1:
        after = st.text[g.last_end:g.last_end + AFTER_COUNT_MAX]
        return (subject_after_amount(g.window_clean, after)
                or coordinated_object(g.window_clean, st.subjects[-1] if st.subjects else "", after))
    return ""


def _driven_by(st: SentenceState, g: GroupState) -> str:
    if g.first.kind == PERCENT and g.reading.measure == "growth":
        return driven_subject(g.window_clean)
    return driven_amount(g.window_clean) if g.first.kind in (MONEY, PHYSICAL) and g.reading.measure == "level" else ""


def _list_member(st: SentenceState, g: GroupState) -> str:
    """我省有9家企业 after 第一批专精特新“小巨人”企业名单中: members of the list named before."""
    return list_member_name(st.text[:g.first.start], g.after) if g.first.kind == COUNT and g.after else ""


def _count_after(st: SentenceState, g: GroupState) -> str:
    if g.first.kind not in (COUNT, TENTHS):
        return ""
    if g.first.kind == TENTHS and g.after and (member := set_by_predicate(g.after, _clauses_before(st, g))):
        return member  # 从“小巨人”企业看,超六成属于工业基础领域
    picked = g.window_clean.strip()
    if g.after and picked.endswith(OF) and SUPERLATIVE in picked:
        # 拉动全市工业增长最有力的5个行业是…: the set is the one the superlative picks out
        picked = picked[place_at_start(picked):-len(OF)]
        return without_leading_of(canonical(picked)) + OF + g.after
    return g.after


def _clauses_before(st: SentenceState, g: GroupState) -> list[str]:
    return [st.text[a:b] for a, b in st.spans if b <= g.first.start]


def _set_noun(st: SentenceState, g: GroupState) -> str:
    """有5个…: a count of the members of the set just named (…中,)."""
    if g.window_clean.rstrip().endswith(HAVE) and st.set_noun and g.base:
        return HAVE_TAIL.sub("", g.base) + OF + st.set_noun
    return ""


SUBJECT_RESOLVERS: tuple[tuple[str, Callable[[SentenceState, GroupState], str], bool], ...] = (
    ("bracketed_rate", _bracketed_rate, True),
    ("ranked_by", _ranked_by, True),
    ("object_after", _object_after, True),
    ("driven_by", _driven_by, True),
    ("list_member", _list_member, False),
    ("count_after", _count_after, False),
    ("set_noun", _set_noun, False),
)


def choose_subject(st: SentenceState, g: GroupState) -> None:
    """The subject named by the window, unless a resolver names it elsewhere; the window's one
    (`window`) when none does."""
    s = st.text
    g.base = _without_leading_count(subject_from_window(g.window_clean))
    if g.base and (noun := noun_after_distributive(g.window_clean, g.n)) and not g.base.endswith(noun):
        g.base += noun  # 对东盟、欧盟分别进出口…: 对东盟进出口, 对欧盟进出口
    if g.first.kind in (COUNT, TENTHS):
        g.after = subject_after(s[g.last_end:g.last_end + AFTER_COUNT_MAX])
        g.base = projects_at_stage(g.base, g.first.unit_text) or g.base
    if g.after and SET_AFTER.match(s[g.last_end:]):
        st.set_noun = g.after
    # 在全省18个省辖市中排名第1位: the field ranked in, not a topic for the figures after it.
    ranked_from = g.last_end + len(g.after)
    g.ranked_in = bool(g.after) and ranks_within(s[ranked_from:ranked_from + 8])
    g.subject = g.base
    for _name, resolve, replaces_base in SUBJECT_RESOLVERS:
        if found := resolve(st, g):
            g.subject = found = without_leading_of(found)
            if replaces_base:
                g.base = found
            break
    if g.first.kind == MONEY:
        g.subject = as_activity(g.subject)  # 其中,太阳能发电2000亿元: money spent on it, not its output


def name_holders(st: SentenceState, g: GroupState) -> None:
    """A subject whose holder was named before: by a link verb (完成投资), or by a count."""
    holder, link = link_parts(g.window_clean)
    if not holder and not st.last_holder and g.window_clean.lstrip(",;").startswith(_fared_links()):
        holder = _topic_fared(st, g)  # 汽车类商品稳定增长,实现零售额175.8亿元: the kind that fared so
        subject = holder + g.subject if holder and g.subject and not is_anaphor(g.subject) else g.subject
    else:
        subject = _holder_named_before(st, g.subject, holder, link)
    g.subject = _note_holder(st, g.first.kind, subject, holder, link)


@cache
def _fared_links() -> tuple[str, ...]:
    return words("subjects", "topics", "fared_links")


@cache
def _fared_kinds() -> tuple[str, ...]:
    return words("subjects", "topics", "fared_kinds")


def _topic_fared(st: SentenceState, g: GroupState) -> str:
    """The thing the clause right before the figure's names as its topic, said with how it fared, or ''."""
    if not g.numberless or not st.subjects:
        return ""
    a, b = g.numberless[-1]
    topic = st.subjects[-1]
    clause = st.text[a:b].strip(",; ")
    kind = topic.endswith(_fared_kinds())
    return topic if kind and clause.startswith(topic) and len(clause) > len(topic) else ""


def _holder_named_before(st: SentenceState, subject: str, holder: str, link: str) -> str:
    if link and not holder and st.last_holder and subject and not is_anaphor(subject):
        # 全市新开工项目增长333.4%,完成投资占全市的比重为10.4%: the holder named before.
        return st.last_holder + link + subject
    if st.counted and is_counted_account(subject):
        # 全国共登记技术合同近41万件,成交额超过3万亿元: the contracts' turnover
        return st.counted + subject
    return subject


def _note_holder(st: SentenceState, kind: str, subject: str, holder: str, link: str) -> str:
    """Remember what a count counted and who holds a figure, for the figures after it."""
    if kind == COUNT and subject and not is_anaphor(subject):
        st.counted = subject
    elif not link and st.linked_holder and is_holders_measure(subject):
        # 四大支柱产业合计主营业务收入10905.4亿元…;利润总额890.3亿元: the same holder's
        return st.linked_holder + subject
    elif subject and not is_anaphor(subject) and kind not in (COUNT, TENTHS):
        st.last_holder = holder or (subject if not link else "")
        # 规模以上水泥工业营业收入同比增长13.2%,利润总额同比下降7.2%: a holder named with its account
        st.linked_holder = holder if link else (account_holder(subject) or st.linked_holder)
    return subject


def resolve_references(st: SentenceState, g: GroupState) -> None:
    """A subject that points back (其中, 增速, the head noun alone) takes the one it points to; else
    the first of REFERENCE_RULES that names it from the subjects named before."""
    if _place_bracketed(st, g) >= 0 and _pointed_to(st, g):
        g.subject = ""
    if is_anaphor(g.subject):
        _resolve_anaphor(st, g)
        return
    for rule in REFERENCE_RULES:
        if rule(st, g):
            return
    if not st.text[:g.last_end].endswith(KINDS_COUNTED):  # 我省生产461种: kinds of product, no output
        g.subject = verb_object(g.subject) or g.subject


def _place_bracketed(st: SentenceState, g: GroupState) -> int:
    """Where the place starts that a figure stands bracketed alone after (江苏(97744.3亿元), 除广东(3.4%)外),
    else -1: the figure is that place's value of what was measured before, and the words before the place
    are no name for it."""
    s, opened = st.text, g.first.start - 1
    if opened < 0 or s[opened] != BRACKET_OPEN or not s.startswith(BRACKET_CLOSE, g.last_end):
        return -1
    return next((r.start for r in st.regions if r.end == opened and r.name and r.level), -1)


def _resolve_anaphor(st: SentenceState, g: GroupState) -> None:
    subject, prior = g.subject, _pointed_to(st, g)
    # with nothing named before, a head noun (增加值) stands for itself and the figures after it
    g.subject = resolve_anaphor(subject, prior) if prior else subject
    if prior and is_change_amount(subject):
        g.subject = compared_change(prior, subject, g.window)  # …,同比多增3951亿元: 新增人民币贷款同比多增
    if not subject and prior and reaches(g.window_clean):
        g.subject = total_of(prior)  # 5G基站新增88.7万个,目前已达到231.2万个: the base stations' total
    if g.subject == prior and (held := holder_measure(prior, subject) or swapped_account(prior, subject)):
        g.subject = held  # 民营工业继续保持良好发展态势,累计完成增加值…: the branch's value added
    # another account of the holder (产值…,增加值增速) is named here; the same thing is inherited
    swapped = bool(prior and subject) and g.subject.endswith(subject) and not prior.endswith(subject)
    g.inherited = bool(prior or not subject) and not swapped


def _produced(st: SentenceState, g: GroupState) -> bool:
    produced = production_subject(g.subject, st.subjects) or daily_average_subject(g.subject, st.subjects)
    if produced:
        g.subject = produced
    return bool(produced)


def _named_after(rule: Callable[[str, str], str]) -> Callable[[SentenceState, GroupState], bool]:
    """A rule that names the subject from the one named last in the sentence."""
    def apply(st: SentenceState, g: GroupState) -> bool:
        found = rule(st.subjects[-1], g.subject) if st.subjects else ""
        if found:
            g.subject = found
        return bool(found)
    apply.__name__ = rule.__name__
    return apply


def _change_amount(st: SentenceState, g: GroupState) -> bool:
    """夏粮总产量352.4亿斤,增产0.5亿斤,增长0.15%: the change is named by its subject and verb, and the
    rate after it is still the subject's."""
    earlier = st.subjects or st.ps.subjects
    if not (is_change_amount(g.subject) and earlier):
        return False
    g.subject, g.inherited = compared_change(earlier[-1], g.subject, g.window), True
    return True


def _head_repeated(st: SentenceState, g: GroupState) -> bool:
    """第二产业用电量同比增长5.0%,用电量占……比重为72.3%: the head noun repeats the subject; after a plan
    (计划投资271亿元;1-5月完成投资…) it names the outcome with its verb (plan_outcome)."""
    named = st.subjects
    if named and len(named[-1]) > len(g.subject) >= 2 and named[-1].endswith(g.subject):
        g.subject = outcome_of_plan(named[-1], g.subject, g.window_clean) or named[-1]
        return True
    return False


def _holder_of_rate(st: SentenceState, g: GroupState) -> bool:
    """规上工业增加值同比增长7.5%。…8月当月全区规上工业增速9.7%: a holder named with a rate noun, its account
    left out, is the account named before (in the sentence, else the paragraph)."""
    earlier = st.subjects or st.ps.subjects
    held = account_left_out(earlier[-1], g.subject) if earlier and g.reading.measure == "growth" else ""
    if held and ends_with_rate(g.window_clean):
        g.subject = held
    return bool(held) and g.subject == held


def _counted_again(st: SentenceState, g: GroupState) -> bool:
    """这18个行业的增加值: the members counted before with that number (有18个行业的增速同比加快), named as
    they were there."""
    m = _counted_again_pattern().match(g.subject)
    if m is None:
        return False
    n, rest = float(m["n"]), m["rest"]
    for fact in reversed(st.facts):
        if fact.unit == COUNT_UNIT and fact.value == n:
            head = next((k for k in range(len(rest), 0, -1) if fact.subject.endswith(rest[:k])), 0)
            if head:
                g.subject = fact.subject + rest[head:]
                return True
    return False


COUNT_UNIT = "count"
KINDS_COUNTED = tuple(words("subjects", "canonical", "kinds_counted"))


@cache
def _counted_again_pattern() -> re.Pattern:
    return re.compile(load("subjects")["references"]["counted_again"])


# Tried in order after anaphors: 这18个行业 (members counted before); 硅片环节,…产量 (a segment's); 新材料产业
# 加快发展,产值从… (a branch's); 与欧盟双边贸易增长3.2%,与日本下降8.2% (a partner's ellipsis); 摩托车产销…,销量…
# (a compound's part).
REFERENCE_RULES: tuple[Callable[[SentenceState, GroupState], bool], ...] = (
    _counted_again, _produced, _named_after(segment_subject), _named_after(holder_measure),
    _named_after(partner_ellipsis), _named_after(sibling_predicate), _named_after(compound_part),
    _change_amount, _head_repeated, _holder_of_rate,
)


def _pointed_to(st: SentenceState, g: GroupState) -> str:
    """What an anaphor points to: the subject named last in the sentence, else in the paragraph; not
    the set just counted, or places counted, when a place among them is named (在10个州(市)中,昆明市同比
    增长2.0%)."""
    named, before = st.subjects, st.ps.subjects
    prior = named[-1] if named else (before[-1] if before else "")
    # the place may stand in a clause of its own before the figure (其中江苏省最多,有97个); places
    # counted never grow (3个省份由下降转为增长,宁夏、内蒙古分别由下降11.8%和17.3%转为增长26%和2.8%)
    since = min([a for a, _ in g.numberless] + [g.win_start])
    place_named = any(since <= r.start < g.first.start for r in st.regions)
    if _set_left_behind(st, g, prior, place_named):
        earlier = [name for name in named[:-1] if not _counted_places(name) and name != st.set_noun] or before
        return earlier[-1] if earlier else ""
    # 9个市州工业固定资产投资增速回落,其中:金昌市回落1.8个百分点: what the count says the places' figures measure
    return (measured_by_places(prior) if place_named else "") or prior


def _set_left_behind(st: SentenceState, g: GroupState, prior: str, place_named: bool) -> bool:
    """Whether the subject named last is the set just counted (or places counted), which a figure of one of
    its places, or a rate, does not take."""
    places = _counted_places(prior)
    if not prior or not (prior == st.set_noun or places):
        return False
    if not places and g.first.kind == PERCENT and M.names_a_share(st.text[g.win_start:g.first.start]):
        return False  # 在1.19亿户个体工商户中,…其中江苏省和广东省最多,均占全国8%以上: the places' shares of the thing
    return place_named or (places and g.reading.measure in ("growth", "growth_change"))


def _counted_places(name: str) -> bool:
    """省份, 其余省份: places counted, or the rest of them."""
    return name in COUNTED_PLACES or any(name.startswith(w) and name[len(w):] in COUNTED_PLACES for w in REST_OF_PLACES)


def measured_by_places(counted: str) -> str:
    """What a count of places says their figures measure (市州工业固定资产投资增速回落 -> 工业固定资产投资), or ""."""
    head = next((p for p in _counted_places_longest() if counted.startswith(p) and len(counted) > len(p) + 1), "")
    return subject_from_window(counted[len(head):]) if head else ""


@cache
def _counted_places_longest() -> tuple[str, ...]:
    return tuple(sorted(COUNTED_PLACES, key=len, reverse=True))


def note_subject(st: SentenceState, g: GroupState) -> None:
    """A subject named here (not inherited, not a field ranked in) is the sentence's latest."""
    if not g.inherited and g.subject and not g.ranked_in:
        counted_places = g.first.kind == COUNT and g.subject in COUNTED_PLACES
        if counted_places and (thing := _counted_places_thing(st, g)):
            st.subjects.append(thing)  # 17个省份全社会用电量增速超过…: what the places' figures after it measure
        if counted_places:
            return  # 4个省份增速提高,广西、青海分别提高…: the places' figures are of the thing spoken of
        st.subjects.append(g.subject)
        st.subject_from = g.win_start
        if st.last_list is g.subjects:
            st.listed_at = len(st.subjects)  # the list's own subject (汽车产销) is no thing named since
        if g.first.kind == POINTS:
            g.reading = M.read_measure(g.window, g.first.kind, "")


def _counted_places_thing(st: SentenceState, g: GroupState) -> str:
    """The thing named right after counted places, in their clause (17个省份全社会用电量增速超过全国平均水平
    -> 全社会用电量), or ''."""
    if (m := SPREAD_OVER.search(g.window_clean)) and (thing := subject_from_window(m.group("thing"))) not in (
            *SPREAD_NOT_THINGS, ""):
        return thing  # 2022中国工业百强县分布在全国18个省份: what the places hold
    after = st.text[g.last_end:]
    if not after.startswith(g.subject) or SET_AFTER.match(after):
        return ""  # 在10个州(市)中,…: the set the places after it are taken from
    clause = after[len(g.subject):]
    if clause[:1] in LIST_MARKS or clause[:1].isdigit():
        return ""  # 覆盖全国29个省(区、市)、34个重点行业: another count listed, not what the places measure
    ends = [at for mark in CLAUSE_MARKS + FULL_STOP if (at := clause.find(mark)) >= 0]
    return subject_from_window(clause[:min(ends)] if ends else clause)


GROUP_PASSES: tuple[Callable[[SentenceState, GroupState], None], ...] = (
    read_topics,  # topics before the figures
    read_group_measure,
    read_group_period,
    choose_subject,
    name_holders,
    resolve_references,
    distribute,  # 分别, 均, 各: lists.py
    note_subject,
    emit_facts,  # measure, basis, qualifier, modality, place: attributes.py
)


def ratio_facts(st: SentenceState) -> list[Fact]:
    """三次产业结构为7.4:44.2:48.4: one share for each part the structure names."""
    s, sent, ps, art, mapped = st.text, st.sent, st.ps, st.art, st.mapped
    if ":" not in s:
        return []
    out = []
    for name, m in _ratios(s):
        parts = load("subjects")["ratios"][name]
        values = m["values"].split(":")
        if len(values) != len(parts):
            continue
        period, _ = period_for(s, st.times, m.start("values"), "share", ps, art, st.compared)
        region = ps.region or art.default_region
        pos = m.start("values")
        for subject, value in zip(parts, values, strict=True):
            start, end = mapped.to_original(sent.start + pos), mapped.to_original(sent.start + pos + len(value) - 1) + 1
            out.append(Fact(doc=st.doc.id, subject=subject, measure="share", value=float(value), unit="%",
                            period=period, region=region, quote=sentence_quote(s, m.start("values"), m.end("values")),
                            span=(start, end)))
            pos += len(value) + 1
    return out


def _ratios(s: str) -> Iterator[tuple[str, re.Match]]:
    """Each structure named and its values; a second set right after the first (由上年的10.3:37.4:52.3调整为
    10.3:37.3:52.4) is the same structure at another time."""
    named, then = _ratio_pattern()
    for m in named.finditer(s):
        yield m["name"], m
        if follow := then.match(s, m.end()):
            yield m["name"], follow


@cache
def _ratio_pattern() -> tuple[re.Pattern, re.Pattern]:
    names = "|".join(map(re.escape, load("subjects")["ratios"]))
    values = r"(?P<values>\d+(?:\.\d+)?(?::\d+(?:\.\d+)?){2,})"
    return (re.compile(rf"(?P<name>{names})[^,;{FULL_STOP}:\d]{{0,8}}?{values}"),
            re.compile(rf"[^,;{FULL_STOP}:\d]{{1,6}}?{values}"))


def _without_leading_count(subject: str) -> str:
    """3家基础电信企业互联网宽带业务收入 -> 基础电信企业互联网宽带业务收入: the count of holders
    (dropped as a figure, _names_a_subject) is no part of the name."""
    m = _leading_count().match(subject)
    return subject[m.end():] if m and len(subject) - m.end() >= 2 else subject


@cache
def _leading_count() -> re.Pattern:
    return re.compile(rf"\d+(?:{'|'.join(map(re.escape, words('units', 'classifiers', 'words')))})")


def _periods_from_rates(facts: list[Fact]) -> list[Fact]:
    """A level without a period takes the period of the growth rate the sentence gives for the same
    subject (夏粮产量36.0万吨,同比增长1.2%: the rate's period came from the article, so is the level's)."""
    rated = {f.subject: f.period for f in facts if f.measure in GROWTH_LIKE and f.period}
    return [replace(f, period=rated[f.subject]) if f.period is None and f.measure == "level" and f.subject in rated
            else f for f in facts]
