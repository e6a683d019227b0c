"""Lists of figures and what they are distributed over: 分别, 均 and 各, places and tiers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from zhibiao.extract import measures as M
from zhibiao.extract.comparators import comparator_list
from zhibiao.extract.context import blank_times
from zhibiao.extract.lexicon import (
    BARE_CHANGE,
    COUNTED_MEMBERS,
    CUMULATIVE,
    EACH,
    EACH_MONTH,
    EACH_PAIR,
    EACH_QUARTER,
    EACH_WORD,
    LIST_END,
    LIST_GAP,
    LIST_MARKS,
    MEMBER_LIST_OPENERS,
    QUARTER_WORD,
    RANGE_GAP,
    TIME_DIGITS,
    has_distributive,
    last_distributive,
)
from zhibiao.extract.mentions import (
    PERCENT,
    TIMES,
    Mention,
)
from zhibiao.extract.periods import TimeMention
from zhibiao.extract.record import Group, GroupState, SentenceState
from zhibiao.extract.regions import (
    PLACE,
    find_regions,
    place_at_start,
)
from zhibiao.extract.subjects import (
    comma_list,
    compound_part,
    find_stop,
    is_anaphor,
    is_distributive,
    shared_head_of,
    split_list,
    subject_from_window,
    tier_ends,
    verb_object,
)
from zhibiao.models import Fact
from zhibiao.period import Period


def figure_groups(sentence: str, mentions: list[Mention], spans: list[tuple[int, int]]) -> list[Group]:
    """The sentence's figures in groups read together: a figure joins the group before it when
    one of JOINS takes it (a range's upper bound, a member of a list), else opens a new one."""
    groups: list[Group] = []
    for m in mentions:
        for join in JOINS if groups else ():
            if join(sentence, groups[-1], m):
                break
        else:
            groups.append(Group([m], next((a for a, b in spans if a <= m.start < b), 0)))
    return groups


def _closes_range(sentence: str, group: Group, m: Mention) -> bool:
    """30%至40%: one fact, the range's upper bound."""
    last = group.mentions[-1]
    if (RANGE_GAP.fullmatch(sentence[last.end:m.start]) and len(group.mentions) == 1 and group.upper is None
            and last.unit == m.unit and m.value > last.value):
        group.upper = m
        return True
    return False


def _signed_member(sentence: str, group: Group, m: Mention) -> bool:
    """分别下降29.8%、增长6.5%和增长4.1%: one list, each figure signed by its verb."""
    last = group.mentions[-1]
    own = M.list_verb_gap().fullmatch(sentence[last.end:m.start])
    if (own and last.kind == m.kind == PERCENT and distributes(sentence, group)
            and (sign := M.verb_sign(own.group("verb")))):
        group.signs[len(group.mentions)] = sign
        group.mentions.append(m)
        return True
    return False


def _list_member(sentence: str, group: Group, m: Mention) -> bool:
    """5.8%、6.8%: the next figure of a list of the same quantity (after a comma only when the
    figure before is bare or the list follows 分别)."""
    last = group.mentions[-1]
    gap = sentence[last.end:m.start]
    if (LIST_GAP.fullmatch(gap) and _same_quantity(last, m)
            and (gap.strip() != "," or last.bare or distributes(sentence, group))):
        group.mentions.append(m)
        return True
    return False


def _mixed_member(sentence: str, group: Group, m: Mention) -> bool:
    """落地项目和落地金额分别为77个和261亿元: after 分别, figures of other units each measure one of the
    things its clause lists before 分别 (at least as many as the figures so far: 正极材料、负极材料、隔膜、
    电解液产量分别约为45万吨、35万吨、34亿平方米和13万吨)."""
    last = group.mentions[-1]
    if not LIST_GAP.fullmatch(sentence[last.end:m.start]) or not distributes(sentence, group):
        return False
    at, _ = last_distributive(sentence, group.clause_start, group.mentions[0].start)
    named = TIME_DIGITS.sub("", sentence[group.clause_start:at])
    if at < 0 or any(c.isdigit() for c in named) or not _lists_at_least(named, len(group.mentions) + 1):
        return False
    group.mentions.append(m)
    return True


LIST_MEMBERS_MAX = 12


def _lists_at_least(named: str, n: int) -> bool:
    """Whether `named` lists n things or more (up to LIST_MEMBERS_MAX)."""
    return any(split_list(named, k) is not None for k in range(n, max(n, LIST_MEMBERS_MAX) + 1))


JOINS: tuple[Callable[[str, Group, Mention], bool], ...] = (_closes_range, _signed_member, _list_member,
                                                            _mixed_member)



def _same_quantity(a: Mention, b: Mention) -> bool:
    """Whether two figures can stand in one list: the same kind and unit, or a multiple and a
    percentage of growth (产量分别增长5.3倍和69.5%)."""
    return (a.kind == b.kind and a.unit == b.unit) or {a.kind, b.kind} == _GROWTH_KINDS


_GROWTH_KINDS = {TIMES, PERCENT}


def distributes(sentence: str, group: Group) -> bool:
    """Whether a group's values follow a 分别 (分别增长10.3%,10.4%,10.9%: commas list them too)."""
    return has_distributive(sentence[group.clause_start:group.mentions[0].start])




# 均 as "each" (均比上月回升), not inside 平均, 人均, 日均, 均价.


def each_period(window: str, period: str | None, n: int) -> list[str] | None:
    """各月同比分别上涨0.9%、0.5%…: one figure per month (or 各季度: per quarter) of the year spoken of."""
    year = period[:4] if period and period[:4].isdigit() else None
    if year is None:
        return None
    if EACH_MONTH in window and n <= 12:
        return [f"{year}-{m:02d}" for m in range(1, n + 1)]
    if EACH_QUARTER in window and n <= 4:
        return [f"{year}-Q{q}" for q in range(1, n + 1)]
    return _months_of_range(window, period, n) or _quarters_of_span(window, period, n)


def _quarters_of_span(window: str, period: str | None, n: int) -> list[str] | None:
    """去年前三个季度规模以上工业增加值增速为11.6%、9.5%和9.1%: a span of whole quarters from January,
    named by its quarters, with one figure per quarter is a list of quarters (no members listed)."""
    if QUARTER_WORD not in window or any(mark in window for mark in LIST_MARKS):
        return None
    p = Period.parse(period)
    if p is None or p.form not in ("months", "half") or p.year is None or p.end_year not in (p.year, None):
        return None
    if p.first != 1 or p.last % 3 or n != p.last // 3 or n < 2:
        return None
    return [f"{p.year}-Q{q}" for q in range(1, n + 1)]


def _months_of_range(window: str, period: str | None, n: int) -> list[str] | None:
    """2-7月,非烟工业增加值累计增幅分别为7.3%,10.0%…: a range of months after January with one
    figure per month lists the months (累计: each the span from January), as no cumulative span
    starts after January. A list of things named before the figures (2-3月出口和进口分别…) is theirs."""
    if any(mark in window for mark in LIST_MARKS):
        return None
    p = Period.parse(period)
    if p is None or p.form != "months" or p.year is None or p.end_year != p.year or p.first == 1:
        return None
    if n != p.last - p.first + 1:
        return None
    first = 1 if CUMULATIVE in window else None
    return [str(Period("months", p.year, first, m, end_year=p.year)) if first else str(Period("month", p.year, m, m))
            for m in range(p.first, p.last + 1)]


def years_of_span(st: SentenceState, g: GroupState) -> tuple[str, ...] | None:
    """2016年至2018年,分别完成国内生产总值236.3亿元、314.5亿元、365亿元;分别完成…: when the last time
    named before a 分别 list is a span of as many years as it has figures, and no members are listed
    before them, each figure is one year's."""
    last = None
    for t in st.times:
        if t.start >= g.first.start:
            break
        last = t
    if last is None or last.kind not in ("mask", "span") or len(last.values) != g.n:
        return None
    if not has_distributive(st.text[last.end:g.first.start]) or any(mark in g.window for mark in LIST_MARKS):
        return None
    return last.values


def list_before(members: list[str], base: str, n: int) -> list[str] | None:
    """The n subjects of a list that the clause just before names with `base` (A、B、C出口…)."""
    if not members:
        return None
    clause = members[-1]
    at = clause.rfind(base)
    if at <= 0:
        at = clause.find(LIST_END)  # 三宁化工、人福药业…等企业形势较好,产值分别增长…: the list before 等
    if at <= 0 and (stop := find_stop(clause)) is not None and _things_listed(clause[:stop.start()]):
        # 软件产品、数据处理和存储服务增长相对较快,分别实现收入…: the members before how they grew (places
        # listed so, 武汉和十堰已提前…, are where, not what)
        at = stop.start()
    if at <= 0 and (named := subject_from_window(clause)) != clause and _things_listed(named):
        # 电子、汽车行业支撑较强,产值分别增长…: the members before what is said of them
        return split_list(named + base, n) or split_list(named + base, n, inner=False)
    if at <= 0:
        return _listed_after_opener(members, base, n)
    return split_list(clause[:at] + base, n) or split_list(clause[:at] + base, n, inner=False)


def _listed_after_opener(members: list[str], base: str, n: int) -> list[str] | None:
    """排名前十名企业为:大长江、宗申…和银翔,分别销售…: the things listed in the clause after a colon or a
    copula that opens the list; a verb of producing named after them names what they produced."""
    clause = members[-1]
    opened = len(members) >= 2 and members[-2].endswith(MEMBER_LIST_OPENERS)
    if not opened and (at := _opener_before_list(clause)) > 0:
        clause, opened = clause[at:], True  # 前十名的陆企为宁德时代、比亚迪、中创新航,市占分别为…
    names = [name for name in re.split(f"[{LIST_MARKS}]", clause) if name]
    if (not opened or len(names) < 2
            or all(place_at_start(name) == len(name) for name in names)):
        return None  # 江苏、浙江和广东: places, whose figures are theirs by region
    base = verb_object(base) or base
    return split_list(clause + base, n) or split_list(clause + base, n, inner=False)


def _opener_before_list(clause: str) -> int:
    """Where the list after the last copula of a clause begins (陆企为宁德时代、比亚迪: at 宁德时代), when a list
    follows it; 0 otherwise."""
    at = max(clause.rfind(w) for w in MEMBER_LIST_OPENERS)
    rest = clause[at + 1:] if at > 0 else ""
    return at + 1 if rest and any(mark in rest for mark in LIST_MARKS) else 0


def _things_listed(text: str) -> bool:
    """Whether text lists things (A、B和C), none of them opening with a place."""
    names = [n for n in re.split(f"[{LIST_MARKS}]", text) if n]
    return len(names) > 1 and not any(place_at_start(n) for n in names)


def clause_members(s: str, times: list[TimeMention], spans: list[tuple[int, int]]) -> list[str]:
    """The clauses without numbers just before a 分别 list, times left out (前三季度, is none)."""
    return [m for a, b in spans if (m := blank_times(s, times, a, b).strip())]


def distinct_tail(items: list[str], n: int) -> list[str]:
    seen: list[str] = []
    for item in reversed(items):
        if item not in seen:
            seen.append(item)
        if len(seen) == n:
            break
    return list(reversed(seen))


def place_list(s: str, regions, start: int, end: int, n: int) -> list[str] | None:
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
        if run and not LIST_GAP.fullmatch(s[run[-1].end:r.start]):
            run = []
        run.append(r)
    return [r.name for r in run] if len(run) == n else None


def leading_places(subjects: list[str], n: int) -> list[str] | None:
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


def tier_heads(facts: list[Fact]) -> list[Fact]:
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


def distribute(st: SentenceState, g: GroupState) -> None:
    """One subject and period per figure: a 分别 list takes them from the first rule in
    LIST_RULES that finds them; a single figure followed by 均 is each named thing's."""
    g.subjects = [g.subject] * g.n
    g.periods = [g.period] * g.n
    if g.n > 1:
        if not g.period_list:
            g.period_list = each_period(g.window, g.period, g.n) or years_of_span(st, g)
        for rule in LIST_RULES:
            if rule(st, g):
                break
        if len(set(g.subjects)) == g.n:
            st.last_list = g.subjects
            st.listed_at = len(st.subjects)
    else:
        _each(st, g)


def _periods_listed(st: SentenceState, g: GroupState) -> bool:
    """5、6月当月同比增速分别为5.8%、6.8%: a period for each figure."""
    if g.period_list and len(g.period_list) == g.n:
        g.periods = list(g.period_list)
        return True
    return False


def _subject_split(st: SentenceState, g: GroupState) -> bool:
    """乘用车产销分别完成…; 产销量比上月分别下降…: the subject is a list (a bare 产销 is the pair
    just named)."""
    base = g.subject if g.inherited and is_distributive(g.subject) else g.base
    if (g.inherited and base is g.base) or not (parts := split_list(base, g.n)):
        return False  # (三次产业结构为8.4:40.9:50.7,对经济增长贡献率分别为…: the compound named before, distributed)
    last = st.last_list
    same_pair = last and len(last) == g.n and all(a.endswith(b) for a, b in zip(last, parts, strict=True))
    g.subjects = list(last) if last and same_pair and is_distributive(base) else parts
    return True


def _members_by_separator(st: SentenceState, g: GroupState) -> bool:
    """衣着、生活用品及服务、居住价格分别上涨…: members whose names hold 及 or 和, listed by 、 alone
    (tried after the clauses listed: 采矿业,制造业,电力、热力、燃气及水生产和供应业分别… is three)."""
    if g.inherited or not (parts := split_list(g.base, g.n, inner=False)):
        return False
    g.subjects = parts
    return True


def _list_named_before(st: SentenceState, g: GroupState) -> bool:
    """The list named before (in this sentence, or the last one if this sentence names fewer
    things than it has figures)."""
    last = st.last_list
    # …建材行业…实现主营业务收入…、利润…,同比分别增长: things named since the list are what a new one is about
    named_since = last is not st.ps.last_list and any(s not in (last or ()) for s in st.subjects[st.listed_at:])
    if (last and len(last) == g.n and g.inherited and not named_since
            and (last is not st.ps.last_list or len(distinct_tail(st.subjects, g.n)) < g.n)):
        g.subjects = list(last)
        return True
    return False


def _clauses_of_a_kind(st: SentenceState, g: GroupState) -> bool:
    """信息传输、软件和信息技术服务业,租赁和商务服务业同比分别增长…: members one per clause, each ending as
    the last does (…业), are the list, before a 和 inside the last is read as one."""
    if not has_distributive(g.window) or g.inherited or not g.base or g.n < 2:
        return False
    members = clause_members(st.text, st.times, g.numberless)
    if len(members) < g.n - 1:
        return False
    taken = members[len(members) - (g.n - 1):]
    if any(not m.strip() or m.strip()[-1] != g.base[-1] for m in taken):
        return False
    return _clauses_listed(st, g)


def _clauses_listed(st: SentenceState, g: GroupState) -> bool:
    """信息传输、软件和信息技术服务业,租赁和商务服务业,金融业增加值同比分别增长…"""
    if not has_distributive(g.window) or g.inherited:
        return False
    if _listed_after_colon(st, g):
        return False
    members = clause_members(st.text, st.times, g.numberless)
    if len(members) >= g.n - 1 and (parts := comma_list(members[len(members) - (g.n - 1):], g.base)):
        g.subjects = parts
        return True
    return False


def _listed_after_colon(st: SentenceState, g: GroupState) -> bool:
    """上升的行业有:A、B,综合能源消费量分别上升…: the clause before the figures lists the members after a
    colon; the clause with the figures names what they measure, not one more member."""
    if not g.numberless:
        return False
    a, b = g.numberless[-1]
    return a > 0 and st.text[a - 1] == ":" and _things_listed(st.text[a:b].strip())


def _list_in_clause_before(st: SentenceState, g: GroupState) -> bool:
    """汽车零配件、灯具、船舶出口拉动作用强劲,分别出口113.7亿元、…: the list is in the clause before."""
    if not has_distributive(g.window) or g.inherited or not g.base:
        return False
    if _listed_after_colon(st, g):
        a, b = g.numberless[-1]
        named = st.text[a:b].strip()
        if parts := split_list(named, g.n) or split_list(named, g.n, inner=False):
            g.subjects = [_with_head(p, g.base) for p in parts]
            return True
    if parts := list_before(clause_members(st.text, st.times, g.numberless), g.base, g.n):
        g.subjects = parts
        return True
    return False


def _members_in_clause_before(st: SentenceState, g: GroupState) -> bool:
    """医药制造业、非金属矿物制品业、农副食品加工业居后三位,分别下降…: with nothing named after the
    clause but 分别 and a verb, the clause before lists the members; each takes the head noun of the
    figure they are part of (规模以上工业增加值 -> 医药制造业增加值)."""
    listed = has_distributive(g.window) or BARE_CHANGE.match(g.window_clean.strip(",;")) is not None
    if not listed or (g.base and not is_anaphor(g.base)) or not g.inherited:
        return False  # (a rate word alone points back: 市占分别为…)
    members = clause_members(st.text, st.times, g.numberless)
    # (前十名的陆企为宁德时代、比亚迪、中创新航: the members listed after the copula)
    named = subject_from_window(members[-1][_opener_before_list(members[-1]):]) if members else ""
    parts = (split_list(named, g.n) or split_list(named, g.n, inner=False)) if named else None
    if not parts or any(not part for part in parts):
        return False
    named_before = [g.subject, *reversed(st.subjects), *reversed(st.ps.subjects)]
    head = next((h for s in named_before if (h := shared_head_of(s))), "")
    g.subjects = [_with_head(p, head) for p in parts]
    return True


def _members_counted_before(st: SentenceState, g: GroupState) -> bool:
    """最有力的5个行业是电气机械和器材制造业、…和化学原料和化学制品制造业,增速分别为…: the clause before counts
    as many members as the list has figures and names them after its copula."""
    if not has_distributive(g.window):
        return False
    before = [(a, b) for a, b in st.spans if b <= g.first.start]
    own = next((a for a, b in st.spans if a <= g.first.start < b), None)
    clause = next((st.text[a:b] for a, b in reversed(before) if a < (own if own is not None else b)), "")
    m = COUNTED_MEMBERS.search(clause.rstrip(",;"))
    if not m or int(m.group("count")) != g.n:
        return False
    named = m.group("members")
    parts = split_list(named, g.n) or split_list(named, g.n, inner=False)
    if not parts or any(not part for part in parts):
        return False
    g.subjects = parts
    return True


def _with_head(member: str, head: str) -> str:
    """A member with the head noun of the figure it is part of, unless it has one of its own (…产量)."""
    return member if not head or member.endswith(head) or shared_head_of(member) else member + head


def _subjects_named_before(st: SentenceState, g: GroupState) -> bool:
    """The last n distinct subjects of the sentence, unless the figures are compared with n things."""
    if (has_distributive(g.window) and g.inherited and len(tail := distinct_tail(st.subjects, g.n)) == g.n
            and not comparator_list(g.window, g.n)):
        g.subjects = tail
        return True
    return False


LIST_RULES: tuple[Callable[[SentenceState, GroupState], bool], ...] = (
    _periods_listed,
    _clauses_of_a_kind,
    _subject_split,
    _members_in_clause_before,
    _members_counted_before,
    _list_named_before,
    _clauses_listed,
    _members_by_separator,
    _list_in_clause_before,
    _subjects_named_before,
)


def _each(st: SentenceState, g: GroupState) -> None:
    """大、中型企业……分别增长2.3%和0.4%,均比上月回升1.4个百分点: one figure for each."""
    window = g.window
    each = EACH.search(window[-5:] if not window.lstrip().startswith(EACH_WORD) else EACH_WORD)
    if not each and EACH_PAIR not in window[-6:]:
        return
    parts = [compound_part(parts[0], p) or p for p in parts] if (parts := split_list(g.base, 2)) else parts
    if not parts and not (g.inherited and st.last_list):
        return
    g.subjects = parts or list(st.last_list or ())
    g.n = len(g.subjects)
    g.group = Group(g.group.mentions * g.n, g.group.clause_start)
    g.periods = g.periods * g.n
