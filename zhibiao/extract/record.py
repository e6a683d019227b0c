"""The records the sentence grammar's passes read and write.

A `SentenceState` is built once per sentence (its times, figures, places and cues found once)
and carries what the passes learn as they walk its groups of figures; a `GroupState` is one
group of figures (a figure, a range, or a 分别 list) as the passes resolve it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from zhibiao.extract import measures as M

if TYPE_CHECKING:  # annotations only: the modules below read these records
    from zhibiao.extract.mentions import Mention
    from zhibiao.extract.periods import TimeMention
    from zhibiao.extract.regions import RegionMention
    from zhibiao.ingest.segment import Sentence
    from zhibiao.models import Document, Fact


@dataclass
class ArticleState:
    """What an article establishes for every sentence in it: its date, place and the period it is about."""

    pub: date | None
    default_region: str | None
    province: str | None
    city: str | None
    single_period: bool
    times: dict[int, list[TimeMention]] = field(default_factory=dict)
    last_period: str | None = None
    first_period: str | None = None  # the first period that set the context: what the article reports on
    change_comparator: str | None = None
    written_year: int | None = None  # the year of the last period written out with its year
    report_period: str | None = None  # the span of a company report the article names (2016年年度业绩公告)
    event_day: str | None = None  # the day of a signing or a groundbreaking the article reports (1月8日…集中开工)
    section_period: str | None = None  # what a numbered heading (一、6月份…环比变动情况) sets for its section
    section_basis: str | None = None
    section_target: bool = False  # the section's heading names goals (二、2025年主要目标任务)
    zone: str | None = None  # the development zone the article reports on (regions.article_zone)
    ahead: str | None = None  # the first period the article names, for figures said before any (初步核算,…)


@dataclass
class ParagraphState:
    """What a paragraph's sentences carry to the next: period, region, basis and the subjects named."""

    period: str | None = None
    span: str | None = None  # the span named before a date that ends it (1至8月 … 8月末), for rates
    region: str | None = None
    basis: str | None = None
    subjects: list[str] = field(default_factory=list)
    last_list: list[str] | None = None  # the subjects of the last 分别 list, for one that points back
    goals: bool = False  # a sentence before opened a list of goals (主要预期目标是:…)
    years: str | None = None  # a span of whole years a clause opened with (2013年至2021年,…), for averages over it



UNREAD = M.Reading("level")  # a group's measure before read_group_measure reads it


@dataclass
class Group:
    """Figures read together: one, a range (30%至40%: one fact, its upper bound), or a list."""

    mentions: list[Mention]
    clause_start: int
    upper: Mention | None = None
    signs: dict[int, int] = field(default_factory=dict)  # members with a verb of their own: its sign


@dataclass
class SentenceState:
    """One sentence, read once, and what its groups have named so far."""

    doc: Document
    sent: Sentence
    ps: ParagraphState
    art: ArticleState
    mapped: Any
    text: str
    spans: list[tuple[int, int]]  # the clauses
    times: list[TimeMention]
    mentions: list[Mention]
    regions: list[RegionMention]
    cues: M.SentenceCues
    compared: frozenset[int]  # the starts of the times compared with (比上年同期), which set no period
    last_list: list[str] | None  # the subjects of the last 分别 list, this sentence's or the last one's
    facts: list[Fact] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)  # the subjects named so far, for 增速, 分别 and 其中
    listed_at: int = 0  # how many subjects were named when this sentence's last 分别 list was
    last_holder: str = ""  # the holder of the last subject, for a clause that opens with 完成/实现
    linked_holder: str = ""  # the last holder named with a link verb (X实现营业收入), for a bare 利润总额
    distributed: bool = False  # whether a list of places gave its figures their places
    places_listed: list[str] | None = None  # those places, for the lists of as many figures after them
    region_before_list: str | None = None  # the place a figure there would have had without the list
    subject_from: int = 0  # where the last subject named in the sentence was read
    set_noun: str = ""  # the set a count is taken from (…中,), for the members named after it
    counted: str = ""  # what the last count counted, for its amounts named bare after it
    prev_end: int = 0  # where the last group ended
    last_reading: M.Reading | None = None  # the last group's measure, for a member joined to it (和去年四季度的5.9%)


@dataclass
class GroupState:
    """One group of figures as the passes resolve it: window, measure, period, subject, list."""

    group: Group
    first: Mention  # the group's first figure
    last_end: int  # where its last figure ends
    win_start: int
    window: str  # the words between the last group (or the clause start) and this one
    window_clean: str  # the window with its time phrases taken out
    numberless: list[tuple[int, int]]  # the clauses without figures before the group
    n: int
    reading: M.Reading = UNREAD  # read_group_measure reads it
    counted_change: bool = False
    period: str | None = None
    period_list: tuple[str, ...] | list[str] | None = None
    base: str = ""  # the subject read from the window, before other resolvers
    after: str = ""  # the noun after a count (3家企业)
    ranked_in: bool = False
    subject: str = ""
    inherited: bool = False  # whether the subject was taken from one named before
    subjects: list[str] = field(default_factory=list)
    periods: list[str | None] = field(default_factory=list)
