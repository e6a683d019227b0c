"""Put the pieces together: one document in, its facts out.

The walk keeps three levels of context, because Chinese reports state things once and
then rely on them: the article (its place, its time, how changes are compared), the
paragraph (the period and place just named, 同比 or 环比), and the sentence (the subjects
just named, for 增速, 分别 and 其中).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from zhibiao.extract import measures as M
from zhibiao.extract.bases import mark_bases
from zhibiao.extract.hosts import host_place
from zhibiao.extract.mentions import (
    COUNT,
    MONEY,
    PERCENT,
    PHYSICAL,
    POINTS,
    TENTHS,
    TIMES,
    Mention,
    find_mentions,
)
from zhibiao.extract.periods import TimeMention, end_date, find_times, previous, shift_year
from zhibiao.extract.regions import (
    GLOBAL,
    LOCAL_CITY,
    LOCAL_PROVINCE,
    MUNICIPALITIES,
    NATIONAL,
    PLACE,
    find_regions,
    place_profile,
    province_of,
)
from zhibiao.extract.scope import economic_score, enough_economic, has_off_topic, in_scope
from zhibiao.extract.subjects import (
    AFTER_COUNT_MAX,
    comma_list,
    contributor,
    counts_a_change,
    driven_subject,
    is_anaphor,
    is_bare_noun_phrase,
    is_change_amount,
    is_counted_account,
    is_distributive,
    is_holders_measure,
    link_parts,
    production_subject,
    ranks_within,
    resolve_anaphor,
    split_list,
    subject_after,
    subject_after_amount,
    subject_from_window,
    subject_ranked_by,
    tier_ends,
    usable_topic,
)
from zhibiao.extract.tables import Table, find_tables, read_table
from zhibiao.extract.vintages import mark_vintages
from zhibiao.ingest.clean import clean
from zhibiao.ingest.normalize import normalize
from zhibiao.ingest.segment import Article, Paragraph, Sentence, articles, clauses
from zhibiao.models import Document, Extraction, Fact
from zhibiao.rules import load, words

SOLE_PLACE_MENTIONS = 2  # how often an article must name its place to be taken as about it
HEADER_CHARS = 800  # the top of the page, where a title or dateline names the place
GROWTH_LIKE = ("growth", "growth_change", "contribution", "pull")
_NAME_QUOTE = re.compile(r"“[^“”]{0,14}\d[^“”]{0,14}”|《[^《》]{0,60}》|\([A-Za-z0-9 ._-]{1,40}\)")
_RANGE_GAP = re.compile(r"\s*(至|到|~|-|—|–)\s*")
_LIST_GAP = re.compile(r"\s*(、|和|及|与|以及|,)?\s*")
_COMPARATOR_BEFORE = re.compile(r"(比|较|与|于|同|和|低于|高于|快于|慢于) ?$")  # 比 1-4月份: a spaced-out page
_LOCAL_BEFORE = re.compile(r"(由|从)$")
_THRESHOLD_AFTER = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_MARKS = ",;:"
_REFERENCE_AFTER = re.compile(r"^的(同比|环比)?(涨幅|增速|增幅|降幅|增长|水平|基础)")


@dataclass
class ArticleState:
    pub: date | None
    default_region: str | None
    province: str | None
    city: str | None
    single_period: bool
    times: dict[int, list[TimeMention]] = field(default_factory=dict)
    last_period: str | None = None
    change_comparator: str | None = None
    written_year: int | None = None  # the year of the last period written out with its year


@dataclass
class ParagraphState:
    period: str | None = None
    span: str | None = None  # the span named before a date that ends it (1至8月 … 8月末), for rates
    region: str | None = None
    basis: str | None = None
    subjects: list[str] = field(default_factory=list)
    last_list: list[str] | None = None  # the subjects of the last 分别 list, for one that points back


def extract_document(doc: Document) -> Extraction:
    """Clean a document and extract its facts."""
    normalized = normalize(doc.text)
    mapped = clean(normalized)
    text = mapped.text
    result = Extraction(doc, [], text)
    parts = articles(text)
    if has_off_topic(text):
        # Articles hold every word of the text (words do not cross lines), so their counts add up.
        scores = [economic_score(text[art.start:art.end]) for art in parts]
        if not in_scope(sum(e for e, _ in scores), sum(o for _, o in scores)):
            return result
    elif enough_economic(text):
        scores = [(1, 0)] * len(parts)  # no article is off topic
    else:
        return result
    header = (doc.title or "") + "\n" + normalized.text[:HEADER_CHARS]
    host = host_place(doc.url)
    facts: list[Fact] = []
    table_facts: list[Fact] = []
    for n, (art, (econ, off)) in enumerate(zip(parts, scores, strict=True)):
        if off > econ:
            continue
        art_text = text[art.start:art.end]
        state = _article_state(art, art_text, header if n == 0 else "", doc.date, host)
        tables = {t.first: t for t in find_tables(art.paragraphs)}
        skip_to = -1
        for i, para in enumerate(art.paragraphs):
            if i in tables:
                table_facts.extend(_table_facts(doc, tables[i], state, mapped))
                skip_to = tables[i].last
            if i <= skip_to:
                continue
            facts.extend(_paragraph_facts(doc, para, state, mapped))
    # A table row is short and unpunctuated like a headline, but it restates nothing.
    facts = _dedupe(_drop_headline_repeats(facts), table_facts)
    result.facts = mark_vintages(mark_bases(facts, doc.text), doc.text)  # bases and vintages: README
    return result


def _table_facts(doc: Document, table: Table, art: ArticleState, mapped) -> list[Fact]:
    """A table's cells, read with the period and place the article has given so far."""
    out = []
    for cell in read_table(table, art.pub, art.last_period, art.default_region):
        start = mapped.to_original(cell.start)
        end = mapped.to_original(cell.end - 1) + 1
        out.append(Fact(doc=doc.id, subject=cell.subject, measure=cell.measure, value=float(cell.value),
                        unit=cell.unit, period=cell.period, basis=cell.basis, region=cell.region,
                        quote=cell.quote, span=(start, end)))
    return out


def _article_state(art: Article, art_text: str, header: str, pub: date | None,
                   host: str | None = None) -> ArticleState:
    # The host's place (host_place) is the article's when it names none: it tells what 全省/全市
    # mean, but makes no release local by itself, since provincial sites repost national releases
    # that say neither 全国 nor 全省.
    places = place_profile(art_text, header, host)
    province, city = places.province, places.city
    if places.local_city:
        default = city or (province if province in MUNICIPALITIES else None)
    elif places.local_province:
        default = province
    elif not places.national and places.named >= SOLE_PLACE_MENTIONS and (city or province):
        # A release that names only its own province or city, and never the nation, is about it.
        default = city if city and (province is None or province_of(city) == province) else province
    else:
        default = "全国"
    times = _times(art, pub)
    reference = _reference_date(art, times, pub)
    if reference != pub:
        pub, times = reference, _times(art, reference)
    periods = {t.value for para in art.paragraphs for sent in para.sentences for t in times[sent.start]
               if t.kind == "period" and t.value and not _is_comparator(sent.text, t)}
    return ArticleState(pub, default, province, city, len(periods) <= 1, times)


def _times(art: Article, pub: date | None) -> dict[int, list[TimeMention]]:
    return {sent.start: find_times(sent.text, pub) for para in art.paragraphs for sent in para.sentences}


def _is_comparator(sentence: str, t: TimeMention) -> bool:
    return bool(_COMPARATOR_BEFORE.search(sentence[max(0, t.start - 3):t.start]))


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
                if (t.kind != "period" or not t.value or _is_comparator(sent.text, t)
                        or _LOCAL_BEFORE.search(sent.text[max(0, t.start - 1):t.start])):
                    continue
                if not _YEAR_WRITTEN.search(sent.text[t.start:t.end]):
                    return pub
                end = end_date(t.value)
                if end is None or int(end[:4]) > pub.year - ARCHIVE_YEARS:
                    return pub
                return date.fromisoformat(end) + timedelta(days=1)
    return pub


@dataclass
class _Group:
    mentions: list[Mention]
    clause_start: int
    upper: Mention | None = None   # 30%至40%: one fact, the range's upper bound
    signs: dict[int, int] = field(default_factory=dict)  # members with a verb of their own: its sign


def _paragraph_facts(doc: Document, para: Paragraph, art: ArticleState, mapped) -> list[Fact]:
    ps = ParagraphState()
    out: list[Fact] = []
    for sent in para.sentences:
        out.extend(_sentence_facts(doc, sent, para, ps, art, mapped))
    return out


def _masks(sentence: str, times: list[TimeMention]) -> list[tuple[int, int]]:
    spans = [(t.start, t.end) for t in times]
    spans += [m.span() for m in _NAME_QUOTE.finditer(sentence)]
    return spans


def _keep(sentence: str, m: Mention) -> bool:
    after = sentence[m.end:m.end + 8]
    if m.kind in (MONEY, PHYSICAL, PERCENT) and m.suffix in ("at_least", "at_most") and _THRESHOLD_AFTER.match(after):
        # 2000万元及以上的企业, 位于51.0%以上景气区间: a class boundary, not a figure.
        return False
    return not _REFERENCE_AFTER.match(after) and not after.startswith(_names_after())


@cache
def _names_after() -> tuple[str, ...]:
    return words("units", "names_after", "words")


_DETERMINER_GAP_MAX = 30
_DETERMINER_MAX = 1000  # 3家, 15个, 64个: a small whole count of holders


def _names_a_subject(s: str, m: Mention, following: list[Mention]) -> bool:
    """十种有色金属335万吨: a count that is part of the name of what the next figure measures; and
    3家基础电信企业完成收入387亿元: a count of the holders of the figure after it in the clause."""
    if m.kind != COUNT or not following:
        return False
    between = s[m.end:following[0].start]
    if is_bare_noun_phrase(between):
        return True
    # 3家基础电信企业的移动电话用户总数达16.41亿户: a count of what the holders have, too
    holders_of = following[0].kind == COUNT and "的" in between and following[0].unit_text != m.unit_text
    return ((following[0].kind in (MONEY, PERCENT, PHYSICAL) or holders_of) and m.scale == 1 and m.value < _DETERMINER_MAX
            and m.value == m.value.to_integral_value() and len(between) <= _DETERMINER_GAP_MAX
            and not any(mark in between for mark in _CLAUSE_MARKS + "、。")
            # 13个大类商务快件指数高于100%: the figure after is a threshold, the count the fact
            and not _COMPARATOR_BEFORE.search(between))


def _groups(sentence: str, mentions: list[Mention], spans: list[tuple[int, int]]) -> list[_Group]:
    groups: list[_Group] = []
    for m in mentions:
        clause_start = next((a for a, b in spans if a <= m.start < b), 0)
        if groups:
            last = groups[-1].mentions[-1]
            gap = sentence[last.end:m.start]
            if (_RANGE_GAP.fullmatch(gap) and len(groups[-1].mentions) == 1 and groups[-1].upper is None
                    and last.unit == m.unit and m.value > last.value):
                groups[-1].upper = m
                continue
            own = M.list_verb_gap().fullmatch(gap)
            if (own and last.kind == m.kind == PERCENT and _distributes(sentence, groups[-1])
                    and (sign := M.verb_sign(own.group("verb")))):
                # 分别下降29.8%、增长6.5%和增长4.1%: one list, each figure signed by its verb
                groups[-1].signs[len(groups[-1].mentions)] = sign
                groups[-1].mentions.append(m)
                continue
            if (_LIST_GAP.fullmatch(gap) and _same_quantity(last, m)
                    and (gap.strip() != "," or last.bare or _distributes(sentence, groups[-1]))):
                groups[-1].mentions.append(m)
                continue
        groups.append(_Group([m], clause_start))
    return groups


def _same_quantity(a: Mention, b: Mention) -> bool:
    """Whether two figures can stand in one list: the same kind and unit, or a multiple and a
    percentage of growth (产量分别增长5.3倍和69.5%)."""
    return (a.kind == b.kind and a.unit == b.unit) or {a.kind, b.kind} == _GROWTH_KINDS


_GROWTH_KINDS = {TIMES, PERCENT}


def _distributes(sentence: str, group: _Group) -> bool:
    """Whether a group's values follow a 分别 (分别增长10.3%,10.4%,10.9%: commas list them too)."""
    return _DISTRIBUTIVE_WORD in sentence[group.clause_start:group.mentions[0].start]


_DISTRIBUTIVE_WORD = "分别"
# 均 as "each" (均比上月回升), not inside 平均, 人均, 日均, 均价.
_EACH = re.compile(r"(?<![平人户日年月亩])均(?![值价衡匀])")


def _sentence_facts(doc, sent: Sentence, para: Paragraph, ps: ParagraphState, art: ArticleState,
                    mapped) -> list[Fact]:
    s = sent.text
    names = [m.span() for m in _NAME_QUOTE.finditer(s)]
    spans = clauses(s)
    times = [t for t in art.times.get(sent.start, []) if not any(a <= t.start < b for a, b in names)
             and not _subordinate_time(s, t, spans)]
    times = _without_other_times(s, times)
    mentions = [m for m in find_mentions(s, _masks(s, times)) if _keep(s, m)]
    mentions = [m for i, m in enumerate(mentions) if not _names_a_subject(s, m, mentions[i + 1:i + 2])]
    regions = find_regions(s)
    cues = M.SentenceCues(s)
    sentence_subjects: list[str] = []
    last_holder = ""  # the holder of the last subject, for a clause that opens with 完成/实现
    linked_holder = ""  # the last holder named with a link verb (X实现营业收入), for a bare 利润总额 after it
    distributed = False  # whether a list of places gave its figures their places
    subject_from = 0  # where the last subject named in the sentence was read
    last_list: list[str] | None = ps.last_list
    set_noun = ""
    counted = ""  # the thing the last count in the sentence counted, for its amounts named bare after it
    out: list[Fact] = _ratio_facts(doc, sent, ps, art, mapped, times)
    groups = _groups(s, mentions, spans)
    prev_end = 0
    for group in groups:
        first = group.mentions[0]
        win_start = max(group.clause_start, prev_end)
        if re.fullmatch(r"[\u4e00-\u9fff]{0,8}中的", s[win_start:first.start]):
            win_start = group.clause_start
        window = s[win_start:first.start]
        window_clean = _blank_times(s, times, win_start, first.start)
        # Topics named by clauses without numbers before this group.
        numberless = [(a, b) for a, b in spans if prev_end <= a and b <= win_start]
        for a, b in numberless:
            named = M.growth_basis(s[a:b])
            if named in ("yoy", "mom"):
                ps.basis = named
            if compared := M.clause_comparator(s[a:b]):
                art.change_comparator = compared
                continue  # 与2012年相比: what the changes after it are against, no topic
            topic = usable_topic(_blank_times(s, times, a, b))
            if topic:
                sentence_subjects.append(topic)
        prev_end = (group.upper or group.mentions[-1]).end
        n = len(group.mentions)
        # A change in points reads its rate noun (增速 or 降幅) back to where its subject was named.
        reading = M.read_measure(window, first.kind, s[subject_from:win_start])
        if first.kind == PERCENT and M.of_goal(s[group.clause_start:first.start]):
            reading = M.Reading("share")
        if first.unit == M.points_unit() and reading.measure == "level":
            # 环比上升2.69点: a change of an index, in its points.
            reading = M.index_change(window) or reading
        # 31个省份规上工业增加值保持增长: a count of the members that changed is read over the span
        # of the change, as a rate is.
        counted_change = first.kind == COUNT and counts_a_change(s[group.mentions[-1].end:][:AFTER_COUNT_MAX])
        period, period_list = _period_for(s, times, first.start, "growth" if counted_change else reading.measure,
                                          ps, art)
        # Subject.
        base = _without_leading_count(subject_from_window(window_clean))
        last_end = group.mentions[-1].end
        after = subject_after(s[last_end:last_end + AFTER_COUNT_MAX]) if first.kind in (COUNT, TENTHS) else ""
        if after and re.match(r"[^,;。]*中[,;:]", s[group.mentions[-1].end:]):
            set_noun = after
        # 在全省18个省辖市中排名第1位: the field ranked in, not a topic for the figures after it.
        ranked_in = bool(after) and ranks_within(s[last_end + len(after):last_end + len(after) + 8])
        ranked_by = subject_ranked_by(window_clean, s[last_end:last_end + AFTER_COUNT_MAX])
        object_after = (subject_after_amount(window_clean, s[last_end:last_end + AFTER_COUNT_MAX])
                        if first.kind in (MONEY, PHYSICAL) and n == 1 else "")
        driven = driven_subject(window_clean) if first.kind == PERCENT and reading.measure == "growth" else ""
        if ranked_by:
            subject = base = ranked_by
        elif object_after:
            subject = base = object_after
        elif driven:
            subject = base = driven
        elif first.kind in (COUNT, TENTHS) and after:
            subject = after
        elif window_clean.rstrip().endswith("有") and set_noun and base:
            subject = re.sub(r"的?有$", "", base) + "的" + set_noun
        else:
            subject = base
        holder, link = link_parts(window_clean)
        if link and not holder and last_holder and subject and not is_anaphor(subject):
            # 全市新开工项目增长333.4%,完成投资占全市的比重为10.4%: the holder named before.
            subject = last_holder + link + subject
        elif counted and is_counted_account(subject):
            # 全国共登记技术合同近41万件,成交额超过3万亿元: the contracts' turnover
            subject = counted + subject
        if first.kind == COUNT and subject and not is_anaphor(subject):
            counted = subject
        elif not link and linked_holder and is_holders_measure(subject):
            # 四大支柱产业合计主营业务收入10905.4亿元…;利润总额890.3亿元: the same holder's
            subject = linked_holder + subject
        elif subject and not is_anaphor(subject) and first.kind not in (COUNT, TENTHS):
            last_holder = holder or (subject if not link else "")
            linked_holder = holder if link else linked_holder
        inherited = False
        if is_anaphor(subject):
            prior = sentence_subjects[-1] if sentence_subjects else (ps.subjects[-1] if ps.subjects else "")
            subject, inherited = (resolve_anaphor(subject, prior) if prior else subject), True
        elif produced := production_subject(subject, sentence_subjects):
            subject = produced
        elif is_change_amount(subject) and (sentence_subjects or ps.subjects):
            # 夏粮总产量352.4亿斤,增产0.5亿斤,增长0.15%: the change is named by its subject and verb,
            # and the rate after it is still the subject's.
            subject = (sentence_subjects or ps.subjects)[-1] + subject
            inherited = True
        elif sentence_subjects and len(sentence_subjects[-1]) > len(subject) >= 2 \
                and sentence_subjects[-1].endswith(subject):
            # 第二产业用电量同比增长5.0%,用电量占……比重为72.3%: the head noun repeats the subject.
            subject = sentence_subjects[-1]
        # 分别 and coordinated values.
        subjects = [subject] * n
        periods = [period] * n
        if n > 1 and not period_list:
            period_list = _each_period(window, period, n)
        if n > 1:
            if period_list and len(period_list) == n:
                periods = list(period_list)
            elif (parts := split_list(base, n)) and not inherited:
                # 乘用车产销分别完成…; 产销量比上月分别下降…: a bare 产销 is the pair just named.
                same_pair = last_list and len(last_list) == n and all(
                    a.endswith(b) for a, b in zip(last_list, parts, strict=True))
                subjects = list(last_list) if same_pair and is_distributive(base) else parts
            elif (last_list and len(last_list) == n and inherited
                  and (last_list is not ps.last_list or len(_distinct_tail(sentence_subjects, n)) < n)):
                # the list named before (in this sentence, or the last one if this sentence names
                # fewer things than it has figures)
                subjects = list(last_list)
            elif ("分别" in window and not inherited
                  and len(members := _members(s, times, numberless)) >= n - 1
                  and (parts := comma_list(members[len(members) - (n - 1):], base))):
                # 信息传输、软件和信息技术服务业,租赁和商务服务业,金融业增加值同比分别增长…
                subjects = parts
            elif ("分别" in window and not inherited and base
                  and (parts := _list_before(_members(s, times, numberless), base, n))):
                # 汽车零配件、灯具、船舶出口拉动作用强劲,分别出口113.7亿元、…: the list is in the clause before
                subjects = parts
            elif ("分别" in window and len(_distinct_tail(sentence_subjects, n)) == n and inherited
                  and not _comparator_list(window, n)):
                subjects = _distinct_tail(sentence_subjects, n)
            if len(set(subjects)) == n:
                last_list = subjects
        elif _EACH.search(window[-5:] if not window.lstrip().startswith("均") else "均") and (
                (parts := split_list(base, 2)) or (inherited and last_list)):
            # 大、中型企业……分别增长2.3%和0.4%,均比上月回升1.4个百分点: one figure for each.
            subjects = parts or list(last_list)
            n = len(subjects)
            group = _Group(group.mentions * n, group.clause_start)
            periods = periods * n
        if not inherited and subject and not ranked_in:
            sentence_subjects.append(subject)
            subject_from = win_start
            if first.kind == POINTS:
                reading = M.read_measure(window, first.kind, "")
        # Attributes shared by the group.
        basis = _basis(reading.measure, window, cues, first.start, periods[0], ps, art)
        bases = [basis] * n
        if reading.measure == "growth_change" and (compared := _comparator_list(window, n)):
            # 分别比全国、全省平均水平高3.4和3.9个百分点: one subject, compared with each in turn.
            bases = [_resolve_comparator(c, periods[i], art.pub) for i, c in enumerate(compared)]
        region = _region(regions, first.start, ps, art)
        places = _place_list(s, regions, subject_from, first.start, n) or _leading_places(subjects, n)
        distributed = distributed or bool(places)
        modality = "target" if cues.target_before(first.start) else "actual"
        if modality == "target" and _estimates_the_past(cues, periods[0], art.pub):
            modality = "actual"
        for i, m in enumerate(group.mentions):
            sub = subjects[i] if i < len(subjects) else subjects[-1]
            if not sub:
                continue
            where = places[i] if places else region
            own_reading = replace(reading, sign=group.signs[i]) if i in group.signs else reading
            fact = _fact(doc, sub, m, own_reading, window if m is first else "", periods[i], bases[i], where,
                         modality, sent, mapped)
            if group.upper is not None:
                upper = _fact(doc, sub, group.upper, reading, "", periods[i], bases[i], where, modality, sent, mapped)
                fact = replace(fact, value_max=upper.value, span=(fact.span[0], upper.span[1]))
            out.append(fact)
    out = _periods_from_rates(_tier_heads(out))
    # Context for the sentences that follow.
    for t in times:
        if t.kind == "period" and t.value and not _is_comparator(s, t):
            _note_written_year(s, t, art)
        if _sub_period(s, t):
            continue
        if (t.kind == "period" and t.value and not _COMPARATOR_BEFORE.search(s[max(0, t.start - 3):t.start])
                and (_sets_context(s, t) or _names_a_report(s, t))):
            named = _in_context_year(s, t, art)
            ps.span = ps.period if _ends(ps.period, named) else (None if _is_date(named) else named)
            ps.period = art.last_period = named
        elif t.kind == "reset":
            ps.period = None
    tail_basis = M.growth_basis(s[prev_end:])
    if tail_basis and tail_basis != "avg":
        ps.basis = tail_basis
    for r in regions if not distributed else ():  # a list of places is each figure's, not the paragraph's
        # The world is the paragraph's place only after a figure about it (全球粗钢产量…), not after
        # a phrase (应对全球气候变化, 全球首架) in a national release.
        if r.kind in (PLACE, NATIONAL) or (r.kind == GLOBAL and any(f.region == r.name for f in out)):
            ps.region = r.name
    if sentence_subjects:
        ps.subjects.extend(sentence_subjects)
    ps.last_list = last_list
    for f in out:
        if f.measure == "growth" and f.basis in ("yoy", "mom"):
            ps.basis = f.basis
    return out


def _names_a_report(s: str, t: TimeMention) -> bool:
    """A company report named anywhere in a sentence (中国中铁公布了2019年度业绩报告) sets the period
    of what follows: the figures after it are that report's."""
    return s[t.start:t.end].endswith(_report_words())


@cache
def _report_words() -> tuple[str, ...]:
    return words("periods", "reports")


def _sets_context(s: str, t: TimeMention) -> bool:
    """A time phrase that opens a clause (上半年,…; 数据显示,2月我国…; 截至6月底) sets the period
    of what follows; one inside a clause, an aside about another period (1—6月份为下降0.5%,
    5月份以来) or a sentence that breaks the period down (分季度看,…) leaves it as it was."""
    openers, asides, not_after = _context_rules()
    if s.lstrip().startswith(asides):
        return False
    before = s[:t.start].rstrip()
    for opener in openers:
        if before.endswith(opener):
            before = before[: -len(opener)].rstrip()
            break
    return (not before or before[-1] in _CLAUSE_MARKS) and not s.startswith(not_after, t.end)


@cache
def _context_rules() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return (words("periods", "context", "openers"), words("periods", "context", "asides"),
            words("periods", "context", "not_before"))


def _ratio_facts(doc: Document, sent: Sentence, ps: ParagraphState, art: ArticleState, mapped,
                 times: list[TimeMention]) -> list[Fact]:
    """三次产业结构为7.4:44.2:48.4: one share for each part the structure names."""
    s = sent.text
    if ":" not in s:
        return []
    out = []
    for m in _ratio_pattern().finditer(s):
        parts = load("subjects")["ratios"][m["name"]]
        values = m["values"].split(":")
        if len(values) != len(parts):
            continue
        period, _ = _period_for(s, times, m.start("values"), "share", ps, art)
        region = ps.region or art.default_region
        pos = m.start("values")
        for subject, value in zip(parts, values, strict=True):
            start, end = mapped.to_original(sent.start + pos), mapped.to_original(sent.start + pos + len(value) - 1) + 1
            out.append(Fact(doc=doc.id, subject=subject, measure="share", value=float(value), unit="%",
                            period=period, region=region, quote=_quote(s, m.start("values"), m.end("values")),
                            span=(start, end)))
            pos += len(value) + 1
    return out


@cache
def _ratio_pattern() -> re.Pattern:
    names = "|".join(map(re.escape, load("subjects")["ratios"]))
    return re.compile(rf"(?P<name>{names})[^,;。:\d]{{0,8}}?(?P<values>\d+(?:\.\d+)?(?::\d+(?:\.\d+)?){{2,}})")


def _each_period(window: str, period: str | None, n: int) -> list[str] | None:
    """各月同比分别上涨0.9%、0.5%…: one figure per month (or 各季度: per quarter) of the year spoken of."""
    year = period[:4] if period and period[:4].isdigit() else None
    if year is None:
        return None
    if "各月" in window and n <= 12:
        return [f"{year}-{m:02d}" for m in range(1, n + 1)]
    if "各季度" in window and n <= 4:
        return [f"{year}-Q{q}" for q in range(1, n + 1)]
    return None


def _list_before(members: list[str], base: str, n: int) -> list[str] | None:
    """The n subjects of a list that the clause just before names with `base` (A、B、C出口…)."""
    if not members:
        return None
    clause = members[-1]
    at = clause.rfind(base)
    if at <= 0:
        at = clause.find("等")  # 三宁化工、人福药业…等企业形势较好,产值分别增长…: the list before 等
    return split_list(clause[:at] + base, n) if at > 0 else None


def _members(s: str, times: list[TimeMention], spans: list[tuple[int, int]]) -> list[str]:
    """The clauses without numbers just before a 分别 list, times left out (前三季度, is none)."""
    return [m for a, b in spans if (m := _blank_times(s, times, a, b).strip())]


def _sub_period(s: str, t: TimeMention) -> bool:
    """其中二季度 / 6月份当月: a part of the period being reported, which it does not replace."""
    return bool(re.search(r"其中[,]?$", s[max(0, t.start - 3):t.start]) or s.startswith(("当月", "单月"), t.end))


def _tier_heads(facts: list[Fact]) -> list[Fact]:
    """3.5万余家基础级、8200余家先进级、500余家卓越级智能工厂: counts of tiers share the head the last
    one names (基础级智能工厂)."""
    tiers = tier_ends()
    out = list(facts)
    for i, f in enumerate(out):
        if f.unit != "count" or not f.subject.endswith(tiers) or len(f.subject) > _TIER_MAX:
            continue
        for later in out[i + 1:]:
            at = next((later.subject.find(t) for t in tiers if t in later.subject[:_TIER_MAX]), -1)
            if later.unit == "count" and at > 0 and len(later.subject) - at > 2:
                out[i] = replace(f, subject=f.subject + later.subject[at + 1:])
                break
    return out


_TIER_MAX = 4


def _without_other_times(s: str, times: list[TimeMention]) -> list[TimeMention]:
    """同比2020年增长48%、2019年增长14%: a time listed after a compared time, in the same clause, is
    compared with too; and 全年 in 全年目标 is the goal's. Neither sets a period (each stays as a
    mask, out of the subject's words)."""
    out: list[TimeMention] = []
    compared_end = -1
    for t in times:
        listed = (compared_end >= 0 and t.start > 0 and s[t.start - 1] in _LIST_MARKS
                  and not any(ch in _CLAUSE_MARKS + "。" for ch in s[compared_end:t.start]))
        if _goal_span().match(s, t.end):
            t = replace(t, kind="mask")  # 完成全年目标的133%: the goal's span, not the figure's period
        elif _COMPARATOR_BEFORE.search(s[max(0, t.start - 3):t.start]) or listed:
            compared_end = t.end
            if listed:
                t = replace(t, kind="mask")
        else:
            compared_end = -1
        out.append(t)
    return out


_LIST_MARKS = "、和与及"


@cache
def _goal_span() -> re.Pattern:
    return re.compile(load("measures")["share"]["goal_span"])


def _subordinate_time(s: str, t: TimeMention, spans: list[tuple[int, int]]) -> bool:
    """在一季度良好开局的基础上: a time inside a circumstantial phrase sets no period."""
    clause = next((s[a:b] for a, b in spans if a <= t.start < b), "")
    return t.kind == "period" and "基础上" in clause and not re.search(r"\d+(\.\d+)?(%|个百分点|亿|万)", clause)


def _distinct_tail(items: list[str], n: int) -> list[str]:
    seen: list[str] = []
    for item in reversed(items):
        if item not in seen:
            seen.append(item)
        if len(seen) == n:
            break
    return list(reversed(seen))


def _blank_times(s: str, times: list[TimeMention], a: int, b: int) -> str:
    """s[a:b] with time expressions taken out, so they do not end up in subjects."""
    chars = list(s[a:b])
    for t in times:
        for i in range(max(t.start, a), min(t.end, b)):
            chars[i - a] = ""
    return "".join(chars)


def _period_for(s: str, times: list[TimeMention], pos: int, measure: str, ps: ParagraphState,
                art: ArticleState) -> tuple[str | None, tuple[str, ...] | None]:
    """The period of a number at `pos`: the last one named before it in the sentence, else the
    paragraph's, else (for rates, or when the article speaks of a single period) the article's."""
    period: str | None = None
    found = False
    period_list = None
    for t in times:
        if t.start >= pos:
            break
        before = s[max(0, t.start - 3):t.start]
        if _COMPARATOR_BEFORE.search(before):
            continue
        if t.kind == "period":
            if _LOCAL_BEFORE.search(before) and not _next_mention_is_local(s, t, pos):
                # 由上月下降0.4%转为上涨0.3%: 上月 belongs to the first figure only.
                continue
            period, found = _in_context_year(s, t, art), True
            period_list = t.values or None
        elif t.kind == "list":
            period_list, found = t.values, True
            period = t.values[-1]
        elif t.kind == "reset":
            period, found, period_list = None, True, None
        elif t.kind == "date" and t.start <= 1:
            period, found = t.value, True
    if not found:
        if ps.period is not None:
            # 1至8月…;8月末在库单位…;增加值增长8.1%: a rate of a flow is over the span, not at its end
            period = ps.span if measure in _SPAN_MEASURES and ps.span and _ends(ps.span, ps.period) else ps.period
        elif measure in GROWTH_LIKE or art.single_period:
            period = art.last_period
    return _from_comparator(s, pos, period), period_list


_FROM_GAP_MAX = 8
_SPAN_MEASURES = ("growth",)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _is_date(period: str | None) -> bool:
    return bool(period and _DATE.fullmatch(period))


def _ends(span: str | None, point: str | None) -> bool:
    """Whether `point` is the date `span` ends on (2024-01/2024-08 and 2024-08-31)."""
    return bool(span and _is_date(point) and not _is_date(span) and end_date(span) == point)


def _from_comparator(s: str, pos: int, period: str | None) -> str | None:
    """The period of a figure that follows 由上月 or 从上年同期 (由上月下降0.4%转为上涨0.3%): the
    month before, or the same span a year before, `period` (the figure after 转为 keeps `period`)."""
    if period is None:
        return None
    start = max(s.rfind(mark, max(0, pos - _FROM_GAP_MAX - 1), pos) for mark in ("由", "从"))
    if start < 0:
        return period
    between = s[start + 1:pos]
    if any(ch.isdigit() or ch in _CLAUSE_MARKS for ch in between):
        return period
    rules = _comparator_rules()
    if any(between.startswith(w) for w in rules["previous_month"]):
        return previous(period) or period
    if (any(between.startswith(w) for w in rules["same_period_last_year"])
            and not any(w in between for w in rules["year_end"])):
        return shift_year(period) or period
    return period


_WHOLE_YEAR = re.compile(r"(\d{4}|\?{4})(-12-31)?")


_COMPARATOR_ITEMS = re.compile(r"\s*(?:、|和|及|与)\s*")


def _comparator_list(window: str, n: int) -> list[str] | None:
    """The n things a change in points is compared with, one per figure (分别比全国、全省平均水平高
    3.4和3.9个百分点 -> 全国 and 全省, each with the words after the last: 全国平均水平)."""
    if n < 2:
        return None
    raw = M.change_comparator(window)
    items = _COMPARATOR_ITEMS.split(raw) if raw else []
    if len(items) != n or not all(items):
        return None
    *heads, last = items
    tail = next((last[k:] for k in range(1, len(last)) if not any(h.endswith(last[:k]) for h in heads)
                 and len(last[:k]) >= max(len(h) for h in heads)), "")
    return [h + tail for h in heads] + [last]


def _without_leading_count(subject: str) -> str:
    """3家基础电信企业互联网宽带业务收入 -> 基础电信企业互联网宽带业务收入: the count of holders
    (dropped as a figure, _names_a_subject) is no part of the name."""
    m = _leading_count().match(subject)
    return subject[m.end():] if m and len(subject) - m.end() >= 2 else subject


@cache
def _leading_count() -> re.Pattern:
    return re.compile(rf"\d+(?:{'|'.join(map(re.escape, words('units', 'classifiers', 'words')))})")


def _place_list(s: str, regions, start: int, end: int, n: int) -> list[str] | None:
    """The places a list of n figures is about, one each, when the clause before them opens with
    a list of n places (北京、广东、江苏、山东、上海软件业务收入…同比分别增长12.7%、…和15.1%)."""
    if n < 2:
        return None
    run: list = []
    for r in regions:
        if r.end > end:
            break
        if r.start < start or r.kind != PLACE or r.name is None:
            continue
        if run and not _LIST_GAP.fullmatch(s[run[-1].end:r.start]):
            run = []
        run.append(r)
    return [r.name for r in run] if len(run) == n else None


def _periods_from_rates(facts: list[Fact]) -> list[Fact]:
    """A level without a period takes the period of the growth rate the sentence gives for the same
    subject (夏粮产量36.0万吨,同比增长1.2%: the rate's period came from the article, so is the level's)."""
    rated = {f.subject: f.period for f in facts if f.measure in GROWTH_LIKE and f.period}
    return [replace(f, period=rated[f.subject]) if f.period is None and f.measure == "level" and f.subject in rated
            else f for f in facts]


def _leading_places(subjects: list[str], n: int) -> list[str] | None:
    """The places of a list whose subjects each open with a different place or area (东部地区5G基站,
    中部地区5G基站, …): each figure is its place's."""
    if n < 2:
        return None
    leads = []
    for subject in subjects:
        found = find_regions(subject)
        if not found or found[0].start != 0 or found[0].kind != PLACE or found[0].name is None:
            return None
        leads.append(found[0].name)
    return leads if len(set(leads)) == n else None


def _estimates_the_past(cues: M.SentenceCues, period: str | None, pub: date | None) -> bool:
    """Whether the sentence's target cue only estimates (预计) a period over before publication."""
    if pub is None or period is None or cues.target_word not in M.estimate_words():
        return False
    end = end_date(period)
    return end is not None and end < pub.isoformat()


def _note_written_year(s: str, t: TimeMention, art: ArticleState) -> None:
    """Remember the latest year of a period written out with its year (2022年, 2022年国民经济…公报),
    unless it lies after the publication date (到2025年 in a plan is a target, not the year spoken
    of). A look back (最终核实2021年生产总值…) leaves the year spoken of as it was."""
    if t.value[:4].isdigit() and _YEAR_WRITTEN.search(s[t.start:t.end]):
        year = int(t.value[:4])
        if art.pub is None or year <= art.pub.year:
            art.written_year = max(year, art.written_year or year)


def _in_context_year(s: str, t: TimeMention, art: ArticleState) -> str | None:
    """The period of a time mention; 全年 or 年末 that writes no year (no digits, no 今年/去年) and
    states an outcome is in the year the article last wrote out (a bulletin on 2022 published in
    May 2023), rather than the year read from the publication date."""
    whole = _WHOLE_YEAR.fullmatch(t.value or "")
    if not whole or art.written_year is None:
        return t.value
    said = s[t.start:t.end]
    if (any(ch.isdigit() for ch in said) or any(w in said for w in _relative_years())
            or M.is_target(s[:t.end + 4])):
        return t.value
    return f"{art.written_year:04d}" + (whole.group(2) or "")


@cache
def _relative_years() -> tuple[str, ...]:
    return words("periods", "relative_year")


def _next_mention_is_local(s: str, t: TimeMention, pos: int) -> bool:
    """由上月 applies to the first figure after it only."""
    between = s[t.end:pos]
    return not re.search(r"\d", between)


def _basis(measure: str, window: str, cues: M.SentenceCues, pos: int, period: str | None, ps: ParagraphState,
           art: ArticleState) -> str | None:
    if measure == "growth":
        compared = M.change_comparator(window)
        if compared and _WRITTEN_YEAR.search(compared) and period:
            # 比2019年1—2月份增长15.7%: against that period, which need not be the year before
            resolved = _resolve_comparator(compared, period, art.pub)
            if resolved and resolved != f"vs:{shift_year(period)}":
                return resolved
        explicit = M.growth_basis(window)
        if explicit == "avg":
            return None
        if explicit:
            return explicit
        carried = cues.basis_before(pos)
        if carried and carried != "avg":
            return carried
        return ps.basis or "yoy"
    if measure == "growth_change":
        comparator = M.change_comparator(window)
        if comparator:
            art.change_comparator = comparator
        else:
            comparator = art.change_comparator
        return _resolve_comparator(comparator, period, art.pub)
    return None


_WRITTEN_YEAR = re.compile(r"\d{4}年")


def _resolve_comparator(comparator: str | None, period: str | None, pub: date | None) -> str | None:
    if not comparator:
        return None
    rules = _comparator_rules()
    if any(w in comparator for w in rules["previous_month"]):
        prev = previous(period)
        return f"vs:{prev}" if prev else None
    if (any(w in comparator for w in rules["same_period_last_year"])
            and not any(w in comparator for w in rules["not_a_period"])):
        if any(w in comparator for w in rules["year_end"]):
            # 比上年末: the last day of the year before
            year = (period or "")[:4]
            return f"vs:{int(year) - 1:04d}-12-31" if year.isdigit() else None
        shifted = shift_year(period)
        return f"vs:{shifted}" if shifted else None
    times = [t for t in find_times(comparator, pub) if t.kind == "period" and t.value]
    if times:
        value = times[-1].value
        year = re.match(r"\d{4}", period or "")
        if year and value and value.startswith(("????",)):
            value = year.group() + value[4:]
        elif year and value and re.match(r"\d{4}", value) and not re.search(r"\d{4}年", comparator):
            value = year.group() + value[4:] if len(value) > 4 and "/" not in value else (
                value.replace(value[:4], year.group()) if "/" in value else value)
        return f"vs:{value}"
    name = comparator
    for opener in rules["name_openers"]:
        if name.startswith(opener):
            name = name[len(opener):]
            break
    name = name.strip()
    for closer in rules["name_closers"]:
        if name.endswith(closer):
            name = name[: -len(closer)]
            break
    return f"vs:{name or comparator}"


@cache
def _stock_words() -> tuple[str, ...]:
    return words("subjects", "stocks", "words")


@cache
def _new_openers() -> tuple[str, ...]:
    return words("subjects", "stocks", "new_openers")


@cache
def _comparator_rules() -> dict[str, tuple[str, ...]]:
    return {k: words("measures", "comparators", k) for k in load("measures")["comparators"]}


def _region(regions, pos: int, ps: ParagraphState, art: ArticleState) -> str | None:
    chosen = None
    for r in regions:
        if r.start >= pos:
            break
        chosen = r
    if chosen is None:
        return ps.region if ps.region else art.default_region
    if chosen.kind == PLACE or chosen.kind in (NATIONAL, GLOBAL):
        return chosen.name
    if chosen.kind == LOCAL_PROVINCE:
        return art.province
    if chosen.kind == LOCAL_CITY:
        return art.city or (art.province if art.province in ("北京市", "天津市", "上海市", "重庆市") else None)
    return art.default_region


def _qualifier(window: str, m: Mention) -> str:
    """at_least/at_most/approx from 多/余 or 以上/左右 around the number, else from the words before
    it (超过, 近, 约 — or 约占 a few characters back)."""
    if m.infix:
        return "at_least"
    if m.suffix:
        return m.suffix
    by_last, within, distance, not_before = _qualifier_rules()
    near = window[-(distance + 2):]
    if "约" in near:
        for word in within:
            at = near.rfind(word)
            if at >= 0 and "," not in near[at:] and ";" not in near[at:] and len(near) - at - len(word) <= distance:
                return "approx"
        if window.endswith("约") and not window.endswith(not_before):
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


def _fact(doc: Document, subject: str, m: Mention, reading: M.Reading, window: str, period, basis, region,
          modality, sent: Sentence, mapped) -> Fact:
    value: Decimal = m.value
    unit = m.unit
    measure = reading.measure
    if m.kind == TIMES and (reading.times_growth or measure == "growth"):
        value, unit = value * 100, "%"
    if measure in ("growth", "growth_change", "pull"):
        value = value * reading.sign
    change = M.amount_change_verb(window) if measure == "level" and window and m.kind in (MONEY, PHYSICAL, COUNT) else ""
    if change and not subject.endswith(change):
        subject += change  # 常住人口3856万人,比上年末增加4万人: the change is 常住人口增加 (FACTS.md: 净亏损)
    if measure == "level" and _is_date(period) and period[5:7] != "12" and _since_year_end(window):
        # 截至10月末…比上年末净增4694万户: the additions since January, not a stock at the date
        # (at a year-end, 年末…比上年末增加4万人, the date stands, as for the stock itself)
        period = f"{period[:4]}-01/{period[:7]}" if period[5:7] != "01" else period[:7]
    if m.kind == TENTHS and measure != "growth":
        measure = "share"
    if m.unit == "‰":  # births, deaths, natural increase per thousand: rates stated as levels
        measure = "level"
    if m.kind == PERCENT and measure == "growth_change":
        measure = "growth"
    if m.kind == POINTS and measure in ("level", "share", "growth"):
        measure = "growth_change"
    if measure in ("contribution", "pull"):
        subject = contributor(subject)
    start = mapped.to_original(sent.start + m.start)
    end = mapped.to_original(sent.start + m.end - 1) + 1
    if (period and not change and subject.endswith(_stock_words()) and measure in ("level", "growth")
            and not subject.startswith(_new_openers())):
        period = end_date(period) or period
    return Fact(
        doc=doc.id, subject=subject, measure=measure, value=float(value), unit=unit,
        qualifier=_qualifier(window or "", m) if window else ("at_least" if m.infix else m.suffix or "exact"),
        period=period, basis=basis if measure in ("growth", "growth_change") else None,
        region=region, modality=modality, quote=_quote(sent.text, m.start, m.end), span=(start, end),
    )


QUOTE_MAX = 500  # the longest sentence of the dev and demo sets is 277 characters
QUOTE_REACH = 200


def _quote(sentence: str, start: int, end: int) -> str:
    """The sentence a figure stands in; an absurd one (hundreds of characters without a full stop: a
    dump, a table flattened into one line) only around the figure, from the clause mark before it to the
    one after it within QUOTE_REACH, so that a line of megabytes is not the quote of every fact on it."""
    if len(sentence) <= QUOTE_MAX:
        return sentence.strip()
    lo, hi = max(0, start - QUOTE_REACH), min(len(sentence), end + QUOTE_REACH)
    before = max(sentence.rfind(mark, lo, start) for mark in _CLAUSE_MARKS)
    after = [i for i in (sentence.find(mark, end, hi) for mark in _CLAUSE_MARKS) if i >= 0]
    return sentence[before + 1 if before >= 0 else lo:min(after) + 1 if after else hi].strip()


def _since_year_end(window: str) -> bool:
    """Whether a window compares with the last year-end (比上年末净增, 较年初增加)."""
    return bool(window) and any(w in window for w in _comparator_rules()["since_year_end"])


def _fact_key(f: Fact) -> tuple:
    return (f.subject, f.value, f.unit, f.measure, f.period, f.region)


def _dedupe(facts: list[Fact], table_facts: list[Fact] = ()) -> list[Fact]:
    """One fact stated twice (a lead sentence and the body, or the text and a table cell) is kept
    once, with the fuller subject. A table restating the text (城镇 | 30601 | 8.4 under
    城镇消费品零售额…增长8.4%) is merged whatever its value; elsewhere only a distinctive value."""
    out: list[Fact] = []
    from_text: list[bool] = []
    by_key: dict[tuple, list[int]] = {}
    for n, f in enumerate([*facts, *table_facts]):
        in_table = n >= len(facts)
        slots = by_key.setdefault(_fact_key(f)[1:], [])
        distinctive = _distinctive(f.value)
        twin = next((i for i in slots if out[i].subject == f.subject or (
            (distinctive or (in_table and from_text[i]))
            and (out[i].subject in f.subject or f.subject in out[i].subject))), None)
        if twin is None:
            slots.append(len(out))
            out.append(f)
            from_text.append(not in_table)
        elif len(f.subject) > len(out[twin].subject):
            out[twin] = f
    return out


def _distinctive(value: float) -> bool:
    """A value unlikely to recur by chance (55788亿元, 11.25%), unlike 0.1 or 5.4: two facts
    with it and nested subjects (工业增加值, 规模以上工业增加值) are one fact stated twice."""
    digits = f"{abs(value):.6g}".replace(".", "").strip("0")
    return abs(value) >= 1000 or len(digits) >= 3


def _drop_headline_repeats(facts: list[Fact]) -> list[Fact]:
    """A headline restating a body figure is the same fact: keep the body's."""
    from zhibiao.ingest.segment import is_headline

    body: dict[tuple, list[str]] = {}
    for f in facts:
        if not is_headline(f.quote):
            body.setdefault((f.value, f.unit, f.measure), []).append(f.subject)
    return [f for f in facts if not (is_headline(f.quote) and any(
        _may_name_the_same(f, other) for other in body.get((f.value, f.unit, f.measure), ())))]


def _may_name_the_same(headline: Fact, subject: str) -> bool:
    """Whether a headline fact may restate a body fact about `subject`: the headline shares two
    characters in a row with it (规上工业增加值 / 规模以上工业增加值, 5G基站), or either subject is
    written in Latin letters (GDP, PMI). A headline on 地区生产总值 up 6.3 % does not restate 茶叶产量
    up 6.3 %."""
    if subject.isascii() or headline.subject.isascii():
        return True
    return any(subject[i:i + 2] in headline.quote for i in range(len(subject) - 1))
