"""The context a report relies on: the article and paragraph state, the reference date
periods are read against, period inheritance, and what a sentence leaves for the next one."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import replace
from datetime import date, timedelta
from functools import cache, lru_cache

from zhibiao.extract import measures as M
from zhibiao.extract.comparators import from_comparator, is_comparator
from zhibiao.extract.lexicon import (
    BRACKET_CLOSE,
    BRACKET_OPEN,
    CIRCUMSTANCE,
    CIRCUMSTANCE_FIGURE,
    CLAUSE_MARKS,
    COMPARATOR_BEFORE,
    COMPARATOR_OPENERS,
    CONVERSION_AFTER,
    FROM_BEFORE,
    FROM_WORDS,
    FULL_STOP,
    GROWTH_LIKE,
    LIST_END,
    LIST_MARKS,
    MULTIPLE_OF,
    NATIONAL_NAME,
    OF,
    PART_AFTER,
    PART_BEFORE,
    SAME_PERIOD_OPENERS,
    TO_WORDS,
    WRITTEN_YEAR,
)
from zhibiao.extract.periods import TimeMention, end_date, find_times
from zhibiao.extract.record import ArticleState, ParagraphState, SentenceState
from zhibiao.extract.regions import (
    COUNTRY,
    GLOBAL,
    LOCAL_CITY,
    LOCAL_PROVINCE,
    NATIONAL,
    PLACE,
    PlaceProfile,
    article_zone,
    find_regions,
    has_prefecture,
    local_region,
    names_zone,
    place_profile,
    province_of,
)
from zhibiao.extract.subjects import WINDOW_CACHE
from zhibiao.ingest.segment import Article, Paragraph
from zhibiao.period import Period, quarter_period
from zhibiao.rules import load, words

PLACE_OPENER_REACH = 12  # how far back a place said before a time phrase is looked for
SOLE_PLACE_MENTIONS = 2  # how often an article must name its place to be taken as about it


def article_state(art: Article, art_text: str, header: str, pub: date | None,
                  host: str | None = None, own_site: str | None = None) -> ArticleState:
    """The article's place (from its text, header and host; `own_site` the place of a government's
    site that carries it, hosts.government_place), its reference date and times."""
    places = place_profile(art_text, header, host)
    times = _times(art, pub)
    reference = _reference_date(art, times, pub)
    if reference != pub:
        pub, times = reference, _times(art, reference)
    named = [t.value for para in art.paragraphs for sent in para.sentences for t in times[sent.start]
             if t.kind == "period" and t.value and not is_comparator(sent.text, t) and not _ahead(t.value, pub)]
    periods = set(named)
    zone = article_zone(art_text)
    region = zone or _default_region(places)
    if region == NATIONAL_NAME and _names_no_place(places, art_text):
        region = _unnamed_place(art_text, own_site)
    return ArticleState(pub, region, places.province, places.city, len(periods) <= 1, times,
                        zone=zone, ahead=named[0] if named else None)


def _ahead(period: str, pub: date | None) -> bool:
    """A period that ends after publication (为2026年…奠定基础 in a 2025 review of February 2026): a plan
    or a goal, not another period the article reports on."""
    if pub is None:
        return False
    end = end_date(period)
    return end is not None and end > pub.isoformat()


def _default_region(places: PlaceProfile) -> str | None:
    """The place of a figure that names none. The host's place (host_place) is the article's when
    it names none: it tells what 全省/全市 mean, but makes no release local by itself, since
    provincial sites repost national releases that say neither 全国 nor 全省."""
    province, city = places.province, places.city
    # 全州 of a county's site is the prefecture; a county or district the text names twice is its own
    # (正蓝旗人民政府工作报告…承办了全盟…会议: the banner's figures)
    if places.local_city and not (places.named >= SOLE_PLACE_MENTIONS and has_prefecture(city)):
        return local_region(places.local_city_word, LOCAL_CITY, province, city)
    if places.local_province:
        return local_region(places.local_word, LOCAL_PROVINCE, province, city)  # 全区 of a district
    below = places.below_nation and places.provinces <= 1
    if not places.national and (places.named >= SOLE_PLACE_MENTIONS or below) and (city or province):
        # A release that names only its own province or city, and never the nation, is about it; so
        # is one that sets its figures against the nation's (高于全国), on a site of its place, unless
        # it names the places of several provinces (江苏、山东…等9个工业大省增速高于全国平均水平: members).
        return city if city and (province is None or province_of(city) == province) else province
    return NATIONAL_NAME


def _names_no_place(places: PlaceProfile, text: str) -> bool:
    """Whether an article names no place, no "here" and no body that reports the nation's figures."""
    return (places.named == 0 and not (places.national or places.local_province or places.local_city)
            and not any(body in text for body in _national_bodies()))


def _unnamed_place(text: str, own_site: str | None) -> str | None:
    """The place of a page that names none: its government's site (a bare table on tj.jiangsu.gov.cn);
    unknown for a local bureau's release (记者从区统计局获悉); else the nation's."""
    if own_site:
        return own_site
    return None if _local_body_named(text) else NATIONAL_NAME


def _local_body_named(text: str) -> bool:
    return any(body in text for body in words("regions", "local_bodies", "words"))


@cache
def _national_bodies() -> tuple[str, ...]:
    return words("regions", "national_bodies", "words")


def _times(art: Article, pub: date | None) -> dict[int, list[TimeMention]]:
    return {sent.start: find_times(sent.text, pub) for para in art.paragraphs for sent in para.sentences}


ARCHIVE_YEARS = 2  # a page dated this many years after the period it opens with reposts an old report


_OPENING_PARAGRAPHS = 2


_YEAR_WRITTEN = re.compile(r"\d{4}")


def _reference_date(art: Article, times: dict[int, list[TimeMention]], pub: date | None) -> date | None:
    """The date periods without a year are read against: the publication date, unless the first
    period the article names writes out its year and lies ARCHIVE_YEARS or more before that date
    (a 2018 repost of 发布2011年1至4月外贸情况…前4个月…): then the day after that period."""
    if pub is None:
        return None
    for para in art.paragraphs[:_OPENING_PARAGRAPHS]:
        for sent in para.sentences:
            for t in times[sent.start]:
                if (t.kind != "period" or not t.value or is_comparator(sent.text, t)
                        or FROM_BEFORE.search(sent.text[max(0, t.start - 1):t.start])):
                    continue
                if not _YEAR_WRITTEN.search(sent.text[t.start:t.end]):
                    return pub
                end = end_date(t.value)
                if end is None or int(end[:4]) > pub.year - ARCHIVE_YEARS or _later_year_said(times[sent.start], pub):
                    return pub
                return date.fromisoformat(end) + timedelta(days=1)
    return pub


def _later_year_said(times: list[TimeMention], pub: date) -> bool:
    """Whether a sentence also names a recent year (2019年…第一批…;2020年第二批…;今年第三批…): it looks back
    from the page's own time, it is no old report."""
    return any(t.kind == "period" and t.value and t.value[:4].isdigit() and int(t.value[:4]) > pub.year - ARCHIVE_YEARS
               for t in times)




def names_a_report(s: str, t: TimeMention) -> bool:
    """A company report named anywhere in a sentence (中国中铁公布了2019年度业绩报告), or a release
    about a period (通报了今年1月份通信业运行状况), sets the period of what follows."""
    if s[t.start:t.end].endswith(_report_words()):
        return True
    after = s[t.end:t.end + _RELEASE_REACH]
    ends = [i for i in (after.find(m) for m in CLAUSE_MARKS + FULL_STOP) if i >= 0]
    return any(word in after[:min(ends, default=len(after))] for word in context_words("release_after"))


_RELEASE_REACH = 32  # how far after a period the name of a release about it may end


@cache
def _report_words() -> tuple[str, ...]:
    return words("periods", "reports")


@cache
def context_words(key: str) -> tuple[str, ...]:
    """A word list of rules/periods.toml [context] (previous_reading 前值, since 以来, flat 持平 …)."""
    return words("periods", "context", key)


def sets_context(s: str, t: TimeMention) -> bool:
    """A time phrase that opens a clause (上半年,…; 数据显示,2月我国…; 截至6月底) sets the period
    of what follows; one inside a clause, an aside about another period (1—6月份为下降0.5%,
    5月份以来) or a sentence that breaks the period down (分季度看,…) leaves it as it was."""
    openers, asides, not_after = _context_rules()
    if s.lstrip().startswith(asides):
        return False
    if _meeting_after().match(s, t.end) or _planned(s, t):
        return False  # 2023年政府工作报告, 部署2023年重点任务: the year planned for
    before = _without_place_said_first(s[:t.start].rstrip())
    for opener in openers if before.endswith(openers) else ():
        if before.endswith(opener):
            before = before[: -len(opener)].rstrip()
            break
    if looks_back(s, t):
        return True  # …工作回顾2020年是极不平凡的一年, 总结2022年全省工信工作: the year a report looks back on
    return (not before or before[-1] in CLAUSE_MARKS) and not s.startswith(not_after, t.end)


def _planned(s: str, t: TimeMention) -> bool:
    """部署2023年重点任务: a year a meeting plans for."""
    return s[:t.start].endswith(context_words("plan_verbs"))


def looks_back(s: str, t: TimeMention) -> bool:
    """2020年是极不平凡的一年, 总结2022年全省工信工作: a year a report looks back on."""
    return bool(_year_reviewed().match(s, t.end)) or s[:t.start].endswith(context_words("review_verbs"))


@cache
def _year_reviewed() -> re.Pattern:
    return re.compile(load("periods")["context"]["year_reviewed"])


@cache
def _place_suffixes() -> tuple[str, ...]:
    return words("periods", "context", "place_suffixes")


@lru_cache(maxsize=WINDOW_CACHE)
def _without_place_said_first(before: str) -> str:
    """The text before a time phrase without the place said right before it (该省一季度, 山东省一季度)."""
    for word in words("periods", "context", "place_openers"):
        if before.endswith(word):
            return before[: -len(word)].rstrip()
    if m := _firm_opener().search(before):
        return before[:m.start()].rstrip()  # 华虹半导体(1347)第二季…: a firm said first
    if _byline_opener().match(before):
        return ""  # 荆楚网消息(见习记者…)12月27日,…: the item opens with its time
    if not before.endswith(_place_suffixes()):
        return before  # (a scan for a place only where a place's name could end)
    places = find_regions(before[-PLACE_OPENER_REACH:])
    if places and places[-1].end == len(before[-PLACE_OPENER_REACH:]) and places[-1].kind == PLACE:
        return before[: len(before) - (places[-1].end - places[-1].start)].rstrip()
    return before


@cache
def _byline_opener() -> re.Pattern:
    return re.compile(load("periods")["context"]["byline_opener"])


@cache
def _firm_opener() -> re.Pattern:
    return re.compile(load("periods")["context"]["firm_opener"])


@cache
def _context_rules() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return (words("periods", "context", "openers"), words("periods", "context", "asides"),
            words("periods", "context", "not_before"))


def sub_period(s: str, t: TimeMention) -> bool:
    """其中二季度 / 6月份当月: a part of the period being reported, which it does not replace."""
    return bool(PART_BEFORE.search(s[max(0, t.start - 3):t.start]) or s.startswith(PART_AFTER, t.end))


def without_other_times(s: str, times: list[TimeMention]) -> list[TimeMention]:
    """同比2020年增长48%、2019年增长14%: a time listed after a compared time, in the same clause, is
    compared with too; and 全年 in 全年目标 is the goal's. Neither sets a period (each stays as a
    mask, out of the subject's words)."""
    out: list[TimeMention] = []
    compared_end = -1
    for t in times:
        listed = (compared_end >= 0 and t.start > 0 and s[t.start - 1] in LIST_MARKS
                  and not any(ch in CLAUSE_MARKS + FULL_STOP for ch in s[compared_end:t.start]))
        if _goal_span().match(s, t.end):
            t = replace(t, kind="mask")  # 完成全年目标的133%: the goal's span, not the figure's period
        elif COMPARATOR_BEFORE.search(s[max(0, t.start - 3):t.start]) or listed:
            compared_end = t.end
            if listed:
                t = replace(t, kind="mask")
        else:
            compared_end = -1
        out.append(t)
    return out


@cache
def _goal_span() -> re.Pattern:
    return re.compile(load("measures")["share"]["goal_span"])


def subordinate_time(s: str, t: TimeMention, spans: list[tuple[int, int]]) -> bool:
    """在一季度良好开局的基础上: a time inside a circumstantial phrase sets no period."""
    if t.kind == "period" and s.startswith(CONVERSION_AFTER, t.end):
        return True  # 按2017年平均汇率计算: the rate's year
    if t.kind != "period" or CIRCUMSTANCE not in s:
        return False
    clause = next((s[a:b] for a, b in spans if a <= t.start < b), "")
    return t.kind == "period" and CIRCUMSTANCE in clause and not CIRCUMSTANCE_FIGURE.search(clause)


def blank_times(s: str, times: list[TimeMention], a: int, b: int) -> str:
    """s[a:b] with time expressions taken out, so they do not end up in subjects."""
    for t in times:
        if t.start < b and t.end > a:
            break
    else:
        return s[a:b]  # most windows hold no time
    chars = list(s[a:b])
    for t in times:
        for i in range(max(t.start, a), min(t.end, b)):
            chars[i - a] = ""
    return "".join(chars)


def period_for(s: str, times: list[TimeMention], pos: int, measure: str, ps: ParagraphState,
               art: ArticleState, compared: Container[int]) -> tuple[str | None, tuple[str, ...] | None]:
    """The period of a number at `pos`: the last one named before it in the sentence, else the
    paragraph's, else (for rates, or when the article speaks of a single period) the article's.
    `compared` holds the starts of the times compared with (比上年), which set no period."""
    period: str | None = None
    found = False
    period_list: tuple[str, ...] | None = None
    for t in times:
        if t.start >= pos:
            break
        if found and _part_left_behind(s, t, pos, period):
            continue  # 一季度水泥产量…,3月份水泥产量…;平板玻璃产量…: the quarter's again after the semicolon
        if _value_of_period(s, t, pos):
            found, period = True, t.value  # 降幅低于1-2月份的5.1%和去年四季度的5.9%: the value of that period
            continue
        if t.start in compared or _bracketed_before(s, t, pos) or _restated_before(s, t, pos):
            continue  # 增长6.8%(2016年为下降9.6%),其中笔记本电脑…: an aside in brackets, closed before the figure
        if (ends := _span_end_at(s, t, pos)) is not None:
            found, period = True, ends  # 2020年至2024年,…由31.3万亿元攀升至40.5万亿元
            continue
        read = _period_named(s, t, pos, art)
        if read is None:
            continue
        found, period = True, read[0]
        if t.kind != "date":  # a date sets the period, and leaves a list named before it
            period_list = read[1]
    if not found:
        period = _unnamed_period(s, pos, measure, ps, art)
    return from_comparator(s, pos, period), period_list


def _value_of_period(s: str, t: TimeMention, pos: int) -> bool:
    """降幅低于1-2月份的5.1%: the figure at `pos` is the value of the period just before its 的 (not in
    是2012年的3.5倍, where that year is the base of the multiple)."""
    return (t.kind in ("period", "mask", "span") and bool(t.value) and s[t.end:pos].strip() == OF
            and not MULTIPLE_OF.match(s, t.end))


def _unnamed_period(s: str, pos: int, measure: str, ps: ParagraphState, art: ArticleState) -> str | None:
    """The period of a figure whose sentence names none before it."""
    if ps.years and measure == "growth" and _annual_average_before(s, pos):
        return ps.years  # 2013年至2021年,…。高技术产业投资年均增长16.3%: the average over those years
    inherited = _inherited_period(measure, ps, art, s.lstrip().startswith(SAME_PERIOD_OPENERS))
    return inherited or _quarter_reported(s, art.pub) or _first_named(measure, art) or _list_year(s, measure)


def _list_year(s: str, measure: str) -> str | None:
    """400个5G工厂项目进入《2024年5G工厂名录》: members counted with a list named with its year are that year's."""
    m = _list_year_pattern().search(s) if measure == "level" else None
    return m.group("year") if m else None


@cache
def _list_year_pattern() -> re.Pattern:
    return re.compile(load("periods")["context"]["list_year"])


def _first_named(measure: str, art: ArticleState) -> str | None:
    """初步核算,全县地区生产总值…增长5.2%, said before the article names its 一季度: a rate stated ahead of any
    period is the first period the article names."""
    return art.ahead if measure in GROWTH_LIKE and art.first_period is None else None


def _quarter_reported(s: str, pub: date | None) -> str | None:
    """中芯期内收入22.09亿美元,按年升16.2%,按季跌1.7% (a results page of 8 August): a firm's "period" compared
    quarter on quarter is the last quarter that ended before the page."""
    words_in = context_words("reporting_period")
    if pub is None or not any(w in s for w in words_in) or not any(w in s for w in context_words("quarter_basis")):
        return None
    quarter = (pub.month - 1) // 3  # the quarter before the page's
    year = pub.year if quarter else pub.year - 1
    return quarter_period(year, quarter or 4)


def _annual_average_before(s: str, pos: int) -> bool:
    """Whether the clause before `pos` says its figure is an average per year (年均增长16.3%)."""
    start = max(s.rfind(mark, 0, pos) for mark in CLAUSE_MARKS) + 1
    return any(word in s[start:pos] for word in context_words("annual_average"))


def _part_left_behind(s: str, t: TimeMention, pos: int, whole: str | None) -> bool:
    """A part of the period named before (3月份 after 一季度) that a clause group closed before `pos`."""
    return t.kind == "period" and _part_of(t.value, whole) and ";" in s[t.end:pos]


def _bracketed_before(s: str, t: TimeMention, pos: int) -> bool:
    """Whether the time t stands in brackets that close before `pos`, beside other words (2016年为下降9.6%):
    an aside; a bracket that holds the time alone glosses the words before it (上周(8月26日至9月1日))."""
    start = t.start
    opened = s.rfind(BRACKET_OPEN, 0, start)
    if not (opened > s.rfind(BRACKET_CLOSE, 0, start) and BRACKET_CLOSE in s[start:pos]):
        return False
    return not (opened == start - 1 and s.startswith(BRACKET_CLOSE, t.end))


def _restated_before(s: str, t: TimeMention, pos: int) -> bool:
    """增长3.6%,1-4月份为下降3.1%;其中教育…: a clause restating another period's reading, after a
    figure of the sentence's own period (or 持平) and closed before `pos`, leaves the figures after it
    alone; so does a since-phrase for the figures after the clause group it opens."""
    if t.kind != "period":
        return False
    if s.startswith(context_words("since"), t.end):
        return ";" in s[t.end:pos]  # 今年3月以来,原煤产量已经连续4个月…;日均生产1028万吨: the month's
    if not s.startswith(context_words("restated_after"), t.end):
        return False
    before = s[:t.start].rstrip()
    if not before or before[-1] not in CLAUSE_MARKS or not (any(ch.isdigit() for ch in before)
                                                             or before[:-1].endswith(context_words("flat"))):
        return False
    closed = next((i for i in range(t.end, pos) if s[i] in CLAUSE_MARKS), -1)
    return closed >= 0 and not s[closed + 1:pos].lstrip().startswith(COMPARATOR_OPENERS)


def section_heading(text: str) -> bool:
    """一、6月份工业生产者价格同比变动情况: a numbered heading of a section."""
    return _section_heading().match(text.strip()) is not None


@cache
def _section_heading() -> re.Pattern:
    return re.compile(load("periods")["context"]["section_heading"])


def note_section(para: Paragraph, art: ArticleState) -> None:
    """The period and basis a numbered heading names hold for its section (none when it names none);
    `para` is a section heading (section_heading)."""
    text = para.text.strip()
    number = _section_heading().match(text)
    title = text[number.end():] if number else text  # 一、6月份: the number is no month of a list
    times = [t for t in find_times(title, art.pub)
             if t.kind == "period" and t.value and not is_comparator(title, t)]  # 增速略低于去年: compared with
    art.section_period = times[0].value if times else None
    basis = M.growth_basis(para.text)
    art.section_basis = basis if basis in ("yoy", "mom") else None
    art.section_target = M.names_goals(text)


def _span_end_at(s: str, t: TimeMention, pos: int) -> str | None:
    """Under a span of years, the first year for a figure right after 由/从 and the last for one right
    after the 至/到 that follows it, in the same clause; None otherwise."""
    if t.kind not in ("mask", "span") or len(t.values or ()) < 2:
        return None
    between = s[t.end:pos]
    if any(mark in between for mark in FULL_STOP):
        return None
    head = between.rstrip()
    if head.endswith(FROM_WORDS):
        return t.values[0]
    start = max(between.rfind(w) for w in FROM_WORDS)
    if start >= 0 and head.endswith(TO_WORDS) and not any(m in between[start:] for m in CLAUSE_MARKS):
        return t.values[-1]
    return None


def _period_named(s: str, t: TimeMention, pos: int,
                  art: ArticleState) -> tuple[str | None, tuple[str, ...] | None] | None:
    """The period (and list of periods) a time before a figure sets for it, None if it sets none."""
    if t.kind == "period":
        if s.startswith(context_words("trend_after"), t.end):
            return None  # 延续2011年下半年以来的低增长态势: the trend, not the figure's period
        if FROM_BEFORE.search(s[max(0, t.start - 3):t.start]) and not _next_mention_is_local(s, t, pos):
            # 由上月下降0.4%转为上涨0.3%: 上月 belongs to the first figure only.
            return None
        return in_context_year(s, t, art), t.values or None
    if t.kind == "list":
        return t.values[-1], t.values
    if t.kind in ("reset", "span"):
        return t.value, None
    if t.kind == "date" and (t.start <= 1 or _byline_opener().match(s, 0, t.start)):
        return t.value, None  # (荆楚网消息(记者…)12月27日,…签约: the day of the event told)
    return None


def _inherited_period(measure: str, ps: ParagraphState, art: ArticleState, same: bool = False) -> str | None:
    """The paragraph's period, else (for rates, a single-period article, or a sentence that opens with
    同期) the article's."""
    if ps.period is not None:
        # 1至8月…;8月末在库单位…;增加值增长8.1%: a rate of a flow is over the span, not at its end
        return ps.span if measure in _SPAN_MEASURES and ps.span and ends(ps.span, ps.period) else ps.period
    if measure in GROWTH_LIKE or art.single_period or same:
        return art.last_period
    # a company's report: what it states with no period is the report's; the event reported: its day's
    return art.report_period or art.event_day


_SPAN_MEASURES = ("growth",)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@lru_cache(maxsize=WINDOW_CACHE)
def _part_of(part: str | None, whole: str | None) -> bool:
    """Whether `part` is a shorter span inside `whole` (2022-03 in 2022-Q1), not a point in it; a year
    is no whole here (2014年…前三季度: the year only dates what follows)."""
    p, w = Period.parse(part), Period.parse(whole)
    if w is None or w.canonical().form == "year":
        return False
    a, b = (p.span() if p else None), (w.span() if w else None)
    return bool(p and a and b and not p.is_date and b[0] <= a[0] and a[1] <= b[1] and a != b)


@lru_cache(maxsize=WINDOW_CACHE)
def is_date(period: str | None) -> bool:
    return bool(period and _DATE.fullmatch(period))


def ends(span: str | None, point: str | None) -> bool:
    """Whether `point` is the date `span` ends on (2024-01/2024-08 and 2024-08-31)."""
    return bool(span and is_date(point) and not is_date(span) and end_date(span) == point)


_WHOLE_YEAR = re.compile(r"(\d{4}|\?{4})(-12-31)?")


def note_written_year(s: str, t: TimeMention, art: ArticleState) -> None:
    """Remember the year of the period written out last with its year (2022年, 2022年国民经济…公报),
    unless it lies after the publication date (到2025年 in a plan is a target, not the year spoken
    of), nor a year that names a meeting (召开2019年经济工作会议) or one planned for (部署2023年重点任务). A look
    back inside a sentence (经最终核实,2021年生产总值…) leaves the year spoken of as it was."""
    value = t.value or ""
    if _planned(s, t):
        return  # 部署2023年重点任务: the year planned for is not the one spoken of
    if value[:4].isdigit() and _YEAR_WRITTEN.search(s[t.start:t.end]) and not _meeting_after().match(s, t.end):
        year = int(value[:4])
        # an earlier year is spoken of from here on only where it opens a sentence (2022年,北京市…)
        if (art.pub is None or year <= art.pub.year) and (
                art.written_year is None or t.start == 0 or year > art.written_year):
            art.written_year = year


@cache
def _meeting_after() -> re.Pattern:
    return re.compile(load("periods")["context"]["meeting_after"])


def in_context_year(s: str, t: TimeMention, art: ArticleState) -> str | None:
    """The period of a time mention; 全年 or 年末 that writes no year (no digits, no 今年/去年) and
    states an outcome is in the year the article last wrote out (a bulletin on 2022 published in
    May 2023), rather than the year read from the publication date."""
    whole = _WHOLE_YEAR.fullmatch(t.value or "")
    if whole and art.pub is not None and not whole.group(2) and _goal_for_this_year(s, t):
        return f"{art.pub.year:04d}"
    if not whole or art.written_year is None:
        return t.value
    said = s[t.start:t.end]
    if (any(ch.isdigit() for ch in said) or any(w in said for w in _relative_years())
            or M.is_target(s[:t.end + 4]) or _year_named_before(s, t)):
        return t.value  # (2012年,…;全年…: the year its sentence names, read already)
    return f"{art.written_year:04d}" + (whole.group(2) or "")


def _goal_for_this_year(s: str, t: TimeMention) -> bool:
    """力争全年推进3000个…项目: a bare 全年 after a goal's verb, the year in progress."""
    said = s[t.start:t.end]
    return (not any(ch.isdigit() for ch in said) and not any(w in said for w in _relative_years())
            and s[:t.start].endswith(context_words("goal_openers")))


def _year_named_before(s: str, t: TimeMention) -> bool:
    """Whether the sentence names a year before t that is not one compared with (比2012年增长)."""
    return any(not COMPARATOR_BEFORE.search(s[max(0, m.start() - 3):m.start()])
               for m in WRITTEN_YEAR.finditer(s, 0, t.start))


@cache
def _relative_years() -> tuple[str, ...]:
    return words("periods", "relative_year")


def _next_mention_is_local(s: str, t: TimeMention, pos: int) -> bool:
    """由上月 applies to the first figure after it only."""
    between = s[t.end:pos]
    return not re.search(r"\d", between)


def carry_context(st: SentenceState) -> None:
    """What a sentence leaves for the ones after it: the period it sets, its basis, its place,
    the subjects and list it named."""
    _carry_period(st)
    ps = st.ps
    tail_basis = M.growth_basis(st.text[st.prev_end:])
    if tail_basis and tail_basis != "avg":
        ps.basis = tail_basis
    _carry_region(st)
    if st.subjects:
        ps.subjects.extend(st.subjects)
    ps.last_list = st.last_list
    ps.goals = ps.goals or M.opens_goal_list(st.text)
    for f in st.facts:
        if f.measure == "growth" and f.basis in ("yoy", "mom"):
            ps.basis = f.basis


def _carry_period(st: SentenceState) -> None:
    """A period that opens a clause (or names a report) is the paragraph's from here on."""
    s, ps, art = st.text, st.ps, st.art
    if _issue_date(s, st.times):
        return  # (2023年4月) under a bulletin's title: when it was issued, not what it reports on
    for t in st.times:
        compared = t.start in st.compared
        if t.kind == "period" and t.value and not compared:
            note_written_year(s, t, art)
        if sub_period(s, t):
            continue
        if (t.kind == "period" and t.value and not compared
                and (sets_context(s, t) or names_a_report(s, t))):
            _set_period(in_context_year(s, t, art), ps, art, aside=s.startswith(context_words("aside_spans"), t.end))
            if s[t.start:t.end].endswith(_report_words()) or looks_back(s, t):
                # a company's report, or a year looked back on (2022年是…的一年): what the article states with
                # no period of its own is that report's or that year's
                art.report_period = art.report_period or ps.period
        else:
            _carry_reset_or_years(s, t, ps)
    _carry_event_day(st)


def _carry_event_day(st: SentenceState) -> None:
    """A sentence dated by its opening day that reports a signing or a groundbreaking (1月8日上午,全市重大项目
    集中开工…活动举行): what was signed or started is that day's, in this paragraph and after it; another
    period named later ends that."""
    s, ps, art = st.text, st.ps, st.art
    day = next((t for t in st.times if t.kind == "date" and (t.start <= 1 or _byline_opener().match(s, 0, t.start))),
               None)
    if day is not None and _event_words().search(s):
        ps.period, ps.span, art.event_day = day.value, None, day.value
    elif any(t.kind == "period" and t.value for t in st.times):
        art.event_day = None


@cache
def _event_words() -> re.Pattern:
    return re.compile("|".join(map(re.escape, context_words("events"))))


def _issue_date(s: str, times: list[TimeMention]) -> bool:
    """Whether a sentence is one time in brackets and nothing else (a bulletin's date of issue)."""
    inner = s.strip()
    if not (inner.startswith(BRACKET_OPEN) and inner.endswith(BRACKET_CLOSE)) or len(times) != 1:
        return False
    t = times[0]
    return inner[1:-1].strip() == s[t.start:t.end]


def _carry_reset_or_years(s: str, t: TimeMention, ps: ParagraphState) -> None:
    """A reset (同期) forgets the paragraph's period; a span of whole years opening a clause is kept
    for the averages per year after it."""
    if t.kind == "reset":
        ps.period = None
    elif t.kind == "span" and t.value and sets_context(s, t):
        ps.years = t.value


def _set_period(named: str | None, ps: ParagraphState, art: ArticleState, aside: bool = False) -> None:
    """The paragraph's period from here on, and the article's unless it lies inside the one the
    article first reported on (一季度…;3月份…: the article still reports on the quarter) or is an
    average over a span read beside the month's (`aside`: 1—9月平均,…)."""
    ps.span = ps.period if ends(ps.period, named) else (None if is_date(named) else named)
    ps.period = named
    art.first_period = art.first_period or named
    if not aside and not _part_of(named, art.first_period):
        art.last_period = named


_EXAMPLES_REACH = 40


def _named_as_example(text: str, end: int) -> bool:
    """Whether the place ending at `end` is in a list closed by 等 (江苏、山东…湖北等9个工业大省): one of
    the examples of what the clause speaks of, not its place."""
    rest = text[end:end + _EXAMPLES_REACH]
    at = rest.find(LIST_END)
    if at < 0:
        return False
    between = rest[:at]
    return not any(ch.isdigit() or ch in CLAUSE_MARKS or ch in FULL_STOP for ch in between) and (
        not between or between[0] in LIST_MARKS)


def _carry_region(st: SentenceState) -> None:
    """The last place named is the paragraph's, unless a list of places was each figure's, or the
    places are examples of a class (深圳、苏州…东莞等工业大市实现两位数增长). The world or a country is
    the paragraph's place only after a figure about it (全球粗钢产量…), not after a phrase (应对全球气候
    变化, 全球首架, 赴意大利招商) in a Chinese release."""
    if st.distributed:
        return
    for r in st.regions:
        if _named_as_example(st.text, r.end):
            continue
        abroad = r.kind == GLOBAL or r.level == COUNTRY  # 全球, 意大利: only after a figure about it
        if (r.kind in (PLACE, NATIONAL) and not abroad) or (abroad and any(f.region == r.name for f in st.facts)):
            # 张家界高新区 in the zone's own article is the zone, not its city
            st.ps.region = st.art.zone if st.art.zone and names_zone(st.text, r, st.art.zone) else r.name
