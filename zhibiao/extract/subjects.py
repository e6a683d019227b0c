"""The thing a number measures, from the words before (or after) it.

The subject is read from the clause window that ends at the number: opening words (其中,
数据显示), places and periods are dropped, a linking verb is folded (国有控股企业实现利润总额
-> 国有控股企业利润总额), and the phrase ends where the change begins (同比, 增长, 为 ...).
Pronoun-like words (增速, 比重) point back to the subject named before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from zhibiao.extract.lexicon import last_distributive
from zhibiao.extract.regions import place_at_start, place_words, region_at_start
from zhibiao.rules import alternation, load, words
from zhibiao.rules.literals import AnyOf, Opened, first_chars, reach_from_end, required_words, words_gate

# Reports are formulaic: the same few thousand clause windows (,同比增长 / 其中,出口) recur across
# documents, so the pure functions of a window keep their last results.
WINDOW_CACHE = 1 << 15


@dataclass(frozen=True)
class _Marks:
    """The characters and particles the subject rules read (subjects.toml [trim], [quotes],
    [particles], [list_split])."""

    trim: str               # trimmed off a window's edges
    trim_keep_quotes: str   # the same without quotes and brackets
    open_quote: str
    close_quote: str
    of: str                 # X的Y
    etc: str                # A、B等C
    done: str               # 发行了
    per: str                # 每公顷
    opening: str            # brackets and quotes a list is not split inside
    closing: str
    separators: str         # list separators anywhere
    inner_separators: str   # list separators not at either end
    ordinal_prefix: str
    ordinal_separator: str


@cache
def _marks() -> _Marks:
    table = load("subjects")
    split = table["list_split"]
    return _Marks(table["trim"]["edges"], table["trim"]["edges_keep_quotes"], table["quotes"]["open"],
                  table["quotes"]["close"], table["particles"]["of"], table["particles"]["etc"],
                  table["particles"]["done"], table["particles"]["per"], split["opening"], split["closing"],
                  split["separators"], split["inner_separators"], split["ordinal_prefix"],
                  split["ordinal_separator"])


@cache
def _patterns() -> dict:
    table = load("subjects")
    lead = "|".join(map(re.escape, words("subjects", "lead", "words") + words("subjects", "marks", "words")))
    keep = alternation("subjects", "lead", "keep")
    over_keep = alternation("subjects", "lead", "over_keep")
    frames_first = "|".join(table["lead"]["frames_first"])
    lead_patterns = "|".join(table["lead"]["patterns"] + table["lead"]["frames"])
    # A basis (同比, 按年, 环比 ...) ends a subject as a change verb does.
    stops = {*words("subjects", "stop", "words"),
             *words("measures", "basis", "yoy"), *words("measures", "basis", "mom")}
    stop = "|".join(map(re.escape, sorted(stops, key=len, reverse=True)))
    link = alternation("subjects", "link_verbs", "words")
    method = tuple(re.compile(p) for p in table["method"]["patterns"])
    any_method = "|".join(f"(?:{p.pattern})" for p in method)
    return {
        # Tried in order: these, then a place (place_at_start), then lead_after_place.
        "lead": re.compile(rf"^(?:{frames_first}|{over_keep}|(?!{keep})(?:{lead}|{lead_patterns}))"),
        "lead_after_place": Opened(re.compile(table["lead"]["after_place"])),
        # Scanned without the lookbehind (which would make the engine try every position);
        # find_stop() skips a 为 after 作/认/成/行/因/以, part of a word, not the copula.
        "stop": re.compile(rf"(?:{stop})(?!{table['stop']['not_before']})"),
        "link": re.compile(rf"(?:{link})"),
        "method": method,
        # One scan for any method phrase: most windows hold none, and then none is removed.
        "any_method": AnyOf(method),
        # Cheaper still: the words one of which any method phrase holds (most windows hold none).
        "method_words": words_gate([any_method]),
        "points_back": Opened(_points_back()),
        "reporting": re.compile(alternation("subjects", "reporting", "words")),
        "bare_nouns": re.compile(table["bare_nouns"]["pattern"]),
        "ordinals": re.compile(table["list_split"]["ordinals"]),
    }


def _points_back() -> re.Pattern:
    """A window that points back to the subject named before: the patterns of subjects.toml
    [points_back], or an opening cue of measures.toml [pull] (拉动全省工业增长) other than those it
    sets aside (贡献率为36.9%: the rate is a subject that points back by itself)."""
    table = load("subjects")["points_back"]
    cues = [w for w in words("measures", "pull", "cues") if w not in table["not_cues"]]
    return re.compile("|".join([*table["patterns"], "^(?:" + "|".join(map(re.escape, cues)) + ")"]))


def find_stop(text: str) -> re.Match | None:
    """The first word that ends a subject (同比, 增长, 为 ...), skipping those inside a word that
    goes on naming the thing (签约, 作为)."""
    pattern = _patterns()["stop"]
    m = pattern.search(text)
    while m is not None and _inside_kept_word(text, m.start(), m.group()):
        m = pattern.search(text, m.start() + 1)
    return m


def _inside_kept_word(text: str, at: int, stop: str) -> bool:
    for word, offset in _stop_keep().get(stop, ()):
        start = at - offset
        if start >= 0 and text.startswith(word, start):
            return True
    return False


@cache
def _stop_keep() -> dict[str, tuple[tuple[str, int], ...]]:
    """For each stop word, the kept words that hold it and where in them it stands."""
    stops = words("subjects", "stop", "words")
    found: dict[str, list[tuple[str, int]]] = {}
    for word in words("subjects", "stop", "keep"):
        for stop in stops:
            if (offset := word.find(stop)) >= 0:
                found.setdefault(stop, []).append((word, offset))
    return {k: tuple(v) for k, v in found.items()}


@dataclass(frozen=True)
class _Canonical:
    """The patterns of subjects.toml [canonical], in the order canonical() applies them."""

    selected_into: re.Pattern  # 获评, 入选: the class selected into names the thing
    selectors: re.Pattern      # 工信部: who selected it, dropped
    predicate: re.Pattern      # 延续, 纳入: the name ends before it
    carried_out: re.Pattern    # the last of 开展, 实施: the name starts after it
    said_by: re.Pattern        # the last of 认为, 预计 (and no 开展 after it): the name starts after it
    doing: re.Pattern          # 建设, 登记 opening the name: dropped
    doing_first: frozenset[str] | None  # the characters it may open with (first_chars)
    scope: re.Pattern          # 首批, 国家层面: dropped
    place_set: re.Pattern      # 四个地区, 3省区 opening the name: dropped
    zone: re.Pattern           # 海关关区, 开发区 opening the name: dropped
    lead: re.Pattern           # an opening word after a scope word: dropped
    tail: re.Pattern           # 总数, 目标 at the end: dropped
    tail_reach: int            # how far back from the end a match of `tail` may start
    inner: re.Pattern          # 比去年同期 inside a name (利润比去年同期增长的行业): dropped
    inner_words: tuple[str, ...] | None  # one of which any match of `inner` holds (required_words)


@cache
def _canonical_rules() -> _Canonical:
    table = load("subjects")["canonical"]
    predicates = "|".join(map(re.escape, sorted(table["predicates"], key=len, reverse=True)))
    doing = "|".join(map(re.escape, sorted(table["doing"], key=len, reverse=True)))
    keep = "|".join(map(re.escape, table["doing_keep"]))
    carried = "|".join(alternation("subjects", "canonical", key) for key in ("carried_out", "said_by"))
    return _Canonical(
        selected_into=re.compile(alternation("subjects", "canonical", "selected_into")),
        selectors=re.compile(f"^(?:{alternation('subjects', 'canonical', 'selectors')})"),
        predicate=re.compile(predicates),
        carried_out=re.compile(rf"(?:{carried})(?!.*(?:{carried}))"),
        said_by=re.compile(rf"(?:{alternation('subjects', 'canonical', 'speaker_verbs')})(?!.*(?:{carried}))"),
        doing=(doing_pattern := re.compile(rf"^(?!{keep})(?:{doing})(?={table['doing_before']})")),
        doing_first=first_chars(doing_pattern.pattern),
        scope=re.compile("^(?:" + "|".join(table["scope_openers"]) + ")(?=..)"),
        place_set=re.compile(table["place_sets"]),
        zone=re.compile(table["zones"]),
        lead=_patterns()["lead"],
        tail=(tail := re.compile("(?:" + "|".join(table["tails"]) + ")$")),
        tail_reach=reach_from_end(tail),
        inner=(inner := re.compile("|".join(table["inner"]))),
        inner_words=required_words(inner.pattern),
    )


@cache
def _doing_words() -> frozenset[str]:
    table = load("subjects")["canonical"]
    return frozenset(table["doing"]) - frozenset(table["doing_alone_kept"])


_COUNT_ONLY = re.compile(r"[\d.]+\D{0,2}")


def contributor(subject: str) -> str:
    """What contributes to (or pulls) a total is the branch, not its value added (FACTS.md:
    高技术制造业…贡献率为23.3% -> 高技术制造业)."""
    for word in words("subjects", "canonical", "contributor_drops"):
        if subject.endswith(word) and len(subject) - len(word) >= 2:
            return subject[: -len(word)]
    return subject


@lru_cache(maxsize=WINDOW_CACHE)
def canonical(subject: str) -> str:
    """The subject as a statistician labels a table row (FACTS.md "Subjects"): no verb of what it
    does after it, no verb of doing or framing before it, no scope word that only selects it."""
    r = _canonical_rules()
    if (m := r.selected_into.search(subject)) and m.start() >= 2 and len(subject) - m.end() >= 2:
        return canonical(r.selectors.sub("", subject[m.end():]))
    if (m := r.predicate.search(subject)) and m.start() >= 2 and not _COUNT_ONLY.fullmatch(subject, 0, m.start()):
        # …(PMI)总体延续扩张态势, 工业制造业的快速发展: an adverb or 的 before the verb goes too
        subject = _strip_tail(subject[:m.start()]).removesuffix(_marks().of)
    if (m := r.carried_out.search(subject)) and len(subject) - m.end() >= 2:
        subject = subject[m.end():]
    for _ in range(3):
        before = subject
        subject = _without_doing(r, subject)
        subject = r.scope.sub("", subject, count=1)
        subject = r.zone.sub("", r.place_set.sub("", subject, count=1), count=1)
        if (m := r.lead.match(subject)) and len(subject) - m.end() >= 2:
            subject = subject[m.end():]  # 国家层面累计培育绿色工厂: a lead word after a scope word
        if subject == before:
            break
    # The tail ends the subject: the search starts no farther back than the longest tail reaches.
    if (m := r.tail.search(subject, max(0, len(subject) - r.tail_reach))) and m.start() >= 2:
        subject = subject[:m.start()]
    subject = _without_of(_product_output(_without_basis(subject)))
    subject = _verb_as_noun(without_leading_of(_undoubled(subject)))
    subject = _full_names().get(subject, subject)
    return _mainland_terms(subject)


def _mainland_terms(subject: str) -> str:
    """软体业务收入 -> 软件业务收入: Taiwan's words for the mainland statistics' names."""
    pattern, terms = _taiwan_terms()
    return pattern.sub(lambda m: terms[m.group()], subject) if pattern.search(subject) else subject


@cache
def _taiwan_terms() -> tuple[re.Pattern, dict[str, str]]:
    terms = dict(load("subjects")["canonical"]["taiwan_terms"])
    return re.compile("|".join(map(re.escape, sorted(terms, key=len, reverse=True)))), terms


@cache
def _verb_nouns() -> tuple[dict[str, str], tuple[int, ...]]:
    nouns = dict(load("subjects")["verb_nouns"])
    return nouns, tuple(sorted({len(v) for v in nouns}, reverse=True))


def _verb_as_noun(subject: str) -> str:
    """宁德时代装机 -> 宁德时代装机量: an activity verb ending a name measures its volume; not after the
    words that make it a kind of its own (风电新增装机, 光伏发电装机, 项目装机: the statistics' labels)."""
    nouns, lengths = _verb_nouns()
    verb = next((subject[-n:] for n in lengths if subject[-n:] in nouns), None)
    if verb is None or subject[:-len(verb)].endswith(_verb_nouns_kept_after()):
        return subject
    return subject[:-len(verb)] + nouns[verb]


@cache
def _verb_nouns_kept_after() -> tuple[str, ...]:
    return words("subjects", "verb_nouns_kept", "after")


def as_activity(subject: str) -> str:
    """太阳能发电量 -> 太阳能发电: an amount of money is spent on the activity, not on its volume
    (其中,太阳能发电2000亿元)."""
    nouns, _ = _verb_nouns()
    noun = next((v for v in nouns.values() if subject.endswith(v) and len(subject) > len(v)), None)
    if noun is None:
        return subject
    verb = next(k for k, v in nouns.items() if v == noun)
    return subject[:-len(noun)] + verb


MIN_AFTER_OF = 3


def without_leading_of(subject: str) -> str:
    """A name does not open with 的 (有18个行业的增速同比加快: 增速同比加快的行业, not 的增速…)."""
    of = _marks().of
    return subject[len(of):] if subject.startswith(of) and len(subject) > MIN_AFTER_OF else subject


def _without_of(subject: str) -> str:
    """交通和通信的价格 -> 交通和通信价格, 轿车(基本型乘用车)的销量 -> 轿车销量: an account said with 的."""
    pattern, kept = _of_account()
    m = pattern.fullmatch(subject)
    if m is None or any(word in m["thing"] for word in kept):
        return subject
    return m["thing"] + m["account"]


@cache
def _of_account() -> tuple[re.Pattern, tuple[str, ...]]:
    table = load("subjects")["canonical"]
    heads = "|".join(map(re.escape, sorted(table["of_heads"], key=len, reverse=True)))
    of = _marks().of
    pattern = re.compile(rf"(?P<thing>[^{of}]{{2,20}}?)(?:[((][^()()]{{1,12}}[))])?{of}(?P<account>{heads})")
    return pattern, tuple(table["of_kept"])


@cache
def _full_names() -> dict[str, str]:
    return dict(load("subjects")["canonical"]["full_names"])


def _undoubled(subject: str) -> str:
    """农副产品加工业工业增加值 -> 农副产品加工业增加值: a branch's account with 工业 written twice; 县域地区地区
    生产总值 -> 县域地区生产总值: an area's GDP with 地区 written twice."""
    pattern, needs = _doubled()
    if needs is not None and not any(w in subject for w in needs):
        return subject  # (most names hold none of the words every match needs)
    return pattern.sub(lambda m: m.group("branch") or m.group("area"), subject, count=1)


@cache
def _doubled() -> tuple[re.Pattern, tuple[str, ...] | None]:
    pattern = load("subjects")["canonical"]["doubled"]
    return re.compile(pattern), required_words(pattern)


def _without_doing(r: _Canonical, subject: str) -> str:
    """The subject without the verb of doing it opens with, if any (the pattern is anchored at the
    start: one that opens with none of its first characters keeps the subject as it is)."""
    if subject in _doing_words():
        return ""  # 今年还要建设100个: the verb alone names nothing; the thing was named before
    if r.doing_first is None or subject[:1] in r.doing_first:
        return r.doing.sub("", subject, count=1)
    return subject


def _nearest_part(text: str, after: bool) -> str:
    """A title's separator (|) bounds a name: the part nearest the figure, the one before the first
    separator for a thing named after the figure (5个国家级制造业中试平台|亚洲码…), the one after the
    last for a window before it (…运行|制造业采购经理指数为)."""
    for mark in words("subjects", "canonical", "cut_at"):
        head, cut, tail = (text.partition(mark) if after else text.rpartition(mark))
        if cut:
            return head if after else tail
    return text


def _without_basis(subject: str) -> str:
    """利润比去年同期增长 -> 利润增长: the basis said inside a name has a field of its own."""
    r = _canonical_rules()
    if r.inner_words is not None and not any(w in subject for w in r.inner_words):
        return subject  # most subjects hold none of its words
    inner = r.inner
    if (m := inner.search(subject)) and m.start() >= 1 and len(subject) - m.end() >= 2:
        return inner.sub("", subject)
    return subject


def _product_output(subject: str) -> str:
    """生产新能源汽车 -> 新能源汽车产量: the output a production verb before its product names."""
    verb_objects, keep = _verb_objects()
    for verb, noun in verb_objects:
        if subject.startswith(verb) and len(subject) - len(verb) >= 2 and not subject.startswith(keep):
            return subject[len(verb):] + noun
        # 规模以上工业企业生产原煤7.73亿吨: the firms that produce are the scope, the product is named
        at = subject.find(verb)
        if (at > 0 and subject[:at].endswith(_producers()) and len(subject) - at - len(verb) >= 2
                and not subject[at:].startswith(keep)):
            return subject[at + len(verb):] + noun
    return subject


@cache
def _producers() -> tuple[str, ...]:
    return words("subjects", "canonical", "verb_object_holders")


@cache
def _verb_objects() -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    table = load("subjects")["canonical"]
    return tuple(table["verb_objects"].items()), tuple(table["verb_objects_keep"])


@cache
def _tails() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The words that hold a stop word (kept whole), and the qualifier and adverb tail words by
    their last character, longest first."""
    by_last: dict[str, list[str]] = {}
    tails = (words("subjects", "qualifier_tail", "words") + words("subjects", "adverb_tail", "words")
             + words("subjects", "currency_tail", "words")
             + tuple(_marks().per + w for w in words("units", "per_units", "words")))  # 平均单产每公顷5482.9公斤
    for word in sorted(tails, key=len, reverse=True):
        by_last.setdefault(word[-1], []).append(word)
    return words("subjects", "stop", "keep"), {k: tuple(v) for k, v in by_last.items()}


@lru_cache(maxsize=WINDOW_CACHE)
def _strip_tail(text: str) -> str:
    """The text without one qualifier word at its end (the longest that fits), unless that word
    ends a word that goes on naming the thing (签约 is no 签 + 约)."""
    keep, by_last = _tails()
    if text.endswith(keep):
        return text
    for tail in by_last.get(text[-1:], ()):
        if text.endswith(tail):
            return text[: -len(tail)]
    return text


@cache
def _anaphora() -> tuple[frozenset, tuple[str, ...]]:
    return frozenset(words("subjects", "anaphora", "words")), ("", *words("subjects", "anaphora_prefixes", "words"))


def clean_window(text: str) -> str:
    """Remove method phrases (扣除价格因素, (下同)) that sit between a subject and its number."""
    p = _patterns()
    gate = p["method_words"]
    if (gate is not None and gate.search(text) is None) or not p["any_method"].search(text):
        return text
    for pattern in p["method"]:
        text = pattern.sub("", text)
    return text


def _lead_end(p: dict[str, re.Pattern], text: str) -> int:
    """Where the opening word (其中, 从行业看), place (全省, 湖北) or 各/的 that text begins with ends; 0 if none."""
    m = p["lead"].match(text)
    if m:
        return m.end()
    end = place_at_start(text)
    if end:
        return end
    m = p["lead_after_place"].match(text)
    return m.end() if m else 0


def subject_from_window(window: str) -> str:
    """The subject named in the text before a number, or '' when it names none."""
    return _window_parts(window)[0]


def link_parts(window: str) -> tuple[str, str]:
    """(holder, link verb) of a window that names who produced what (国有控股企业 实现 利润总额):
    ("", "实现") when it opens with the verb (实现利润总额 — the holder named before), ("", "")
    when it has none."""
    _, holder, link = _window_parts(window)
    return holder, link


@lru_cache(maxsize=WINDOW_CACHE)
def _window_parts(window: str) -> tuple[str, str, str]:
    """(subject, holder, link verb) of a window, read once: method phrases out, a heading glued
    before it skipped, opening words dropped, a link verb folded, the subject ended at its stop."""
    trim = _marks().trim
    text = clean_window(_nearest_part(window, after=False)).strip(trim)
    if _patterns()["points_back"].match(text):
        return "", "", ""  # 是全国平均水平的7.1倍: a multiple of another's, the subject named before
    glued = _after_glued_heading(text)
    if glued is not None:
        return glued
    text = _drop_leads(text)
    if not text:
        return "", "", ""
    text, holder, verb = _fold_link(text)
    subject = ""
    if (m := _canonical_rules().said_by.search(text)) and len(text) - m.end() >= 2:
        subject = _subject_before_stop(text[m.end():])  # 分析师姜超预计3月CPI…: what is expected, whoever expects it
    subject = subject or _subject_before_stop(text)
    if not subject and (added := _object_before(text)):
        subject = _subject_before_stop(added)  # 增加科技创新和技术改造再贷款额度: the thing added
    return subject, holder, verb


def _object_before(text: str) -> str:
    """What follows a verb of adding that opens the text (增加…额度), or ''."""
    verb = next((v for v in words("subjects", "object_before", "verbs") if text.startswith(v)), "")
    rest = text[len(verb):]
    if not verb or len(rest) < 2 or rest.startswith(words("subjects", "object_before", "not_after")):
        return ""
    return rest


def _after_glued_heading(text: str) -> tuple[str, str, str] | None:
    """The parts of what follows a heading glued to the sentence (营业收入保持较快增长 2018年规模以上
    服务业企业营业收入同比增长), or None when the window holds no such heading."""
    head, space, rest = text.rpartition(" ")
    if space and find_stop(head) and len(rest) >= 2 and not find_stop(rest[:1]) and _window_parts(rest)[0]:
        return _window_parts(rest)
    return None


def _drop_leads(text: str) -> str:
    """The text without the opening words, places and 各/的 it begins with (up to eight)."""
    p, trim = _patterns(), _marks().trim
    for _ in range(8):
        end = _lead_end(p, text)
        if not end:
            break
        text = text[end:].strip(trim)
    return text


@cache
def _link_kept_after() -> tuple[str, ...]:
    return words("subjects", "link_verbs", "kept_after")


def _fold_link(text: str) -> tuple[str, str, str]:
    """(text, holder, link verb): a link verb folded (国有控股企业实现利润总额 -> 国有控股企业利润总额),
    or dropped when the window opens with it (实现利润总额: the holder was named before)."""
    link = _patterns()["link"].search(text)
    if link is None:
        return text, "", ""
    if link.start() == 0:
        return text[link.end():], "", link.group()
    holder = text[:link.start()]
    if (text.startswith(_marks().of, link.end()) or any(w in holder for w in _link_kept_after())
            or text.startswith(_link_noun_after(), link.end())):  # (固定资产投资完成额: a noun, no link)
        return text, "", ""  # 通过公共网络实现(的)零售额: the verb of a phrase inside the name
    rest = text[link.end():].removeprefix(_marks().done)  # 完成了: the aspect particle goes with its verb
    stop = find_stop(rest)
    made = rest[:stop.start()] if stop else rest
    holder_stop = find_stop(holder)
    if holder_stop and holder_stop.start() > 0:
        holder = holder[:holder_stop.start()]
    holder = _strip_tail(holder)  # 签约总金额已完成: an adverb between the holder and its verb
    if len(made) > _NAMES_ITS_HOLDER and made[:_NAMES_ITS_HOLDER] == holder[:_NAMES_ITS_HOLDER]:
        return made, holder, link.group()  # 软件和信息技术服务业实现软件业务收入: the account names its holder
    return holder + made, holder, link.group()


@cache
def _link_noun_after() -> tuple[str, ...]:
    return words("subjects", "link_verbs", "noun_after")


_NAMES_ITS_HOLDER = 2  # the characters an account shares with its holder's name when it names it


def _subject_before_stop(text: str) -> str:
    """The subject a text names before the word that ends it (同比, 增长, 为 ...): without the
    qualifiers at its end, in canonical form; '' when it points back or names nothing."""
    marks = _marks()
    trim = marks.trim
    if _patterns()["points_back"].match(text):
        return ""  # 对全市规上工业增长的贡献率 / 拉动全省工业增长: the subject is the one named before
    stop = find_stop(text)
    if stop and stop.start() == 0:
        return ""
    if stop:
        text = text[:stop.start()]
    if text.strip(trim) in _anaphora()[0]:
        return text.strip(trim)  # 两年平均 points back whole, before 均 is read as a tail
    for _ in range(3):
        text = _strip_tail(text.strip(trim)).strip(trim)
    if text.endswith(marks.of):
        # 企业数量从2015年的1000家: what stands before the time and its 的 may end in a tail word too
        text = _strip_tail(text[:-len(marks.of)].strip(trim)).strip(trim)
    if text in _bare_verbs():
        return ""  # 与上年同期比降34.06%: a verb of change alone names nothing
    return _balance_quotes(canonical(text))


@cache
def _bare_verbs() -> tuple[str, ...]:
    """A tuple, not a set: it is tested with `in` and with str.endswith, which takes only tuples."""
    return tuple(dict.fromkeys(words("measures", "growth", "up") + words("measures", "growth", "down")))


def _balance_quotes(text: str) -> str:
    marks = _marks()
    opening, closing = marks.open_quote, marks.close_quote
    if opening not in text and closing not in text and "(" not in text:
        return text.strip(marks.trim_keep_quotes)  # most subjects: nothing to balance
    if text.count(opening) > text.count(closing) and text.startswith(opening):
        text = text[len(opening):]
    if text.count(closing) > text.count(opening) and text.endswith(closing):
        text = text[:-len(closing)]
    elif text.count(closing) > text.count(opening):
        text = opening + text  # “5G+工业互联网”项目: the opening quote was trimmed with the window's edge
    if text.count("(") > text.count(")"):
        text = text[: text.rindex("(")] if text.rindex("(") > 0 else text.replace("(", "")
    return text.strip(marks.trim_keep_quotes)


def is_bare_noun_phrase(text: str) -> bool:
    """A few Chinese characters with no verb of change or link in them: 有色金属 in
    十种有色金属335万吨, where the count names the thing another figure measures; not one that says
    where the things counted are (300家企业分布在26个省)."""
    p = _patterns()
    return (bool(p["bare_nouns"].fullmatch(text)) and not find_stop(text) and not p["link"].search(text)
            and not _accounts_after()[1].search(text))


AFTER_COUNT_MAX = 24


@lru_cache(maxsize=WINDOW_CACHE)
def subject_after(text: str) -> str:
    """The counted thing named after a measure word: 45个国家先进制造业集群 -> 国家先进制造业集群.

    Only the first AFTER_COUNT_MAX characters matter (callers pass no more, which keeps the
    cache small)."""
    text = _compared_inside().sub("", _nearest_part(text, after=True))
    if reached := _reached().match(text):
        return _balance_quotes(reached.group(1))
    phrase_pattern, opener = _after_phrase()
    m = phrase_pattern.match(text)
    if not m:
        return ""
    phrase = m.group()
    not_openers, closers = _after_count()
    if not opener.match(phrase) or phrase.startswith(not_openers):
        return ""
    if ranked := _ranking().search(phrase):
        phrase = phrase[:ranked.start()]
    if (named := _set_nouns().match(phrase)) and phrase.startswith(_member_copulas(), named.end()):
        return named.group()  # 5个行业是电气机械…、化学原料…: the members are named after the copula
    if counted := _counted_set(phrase, text[m.end():m.end() + 1].isdigit()) or _projects_by_stage(phrase):
        return counted
    phrase = _before_accounts(phrase)
    for closer in closers:
        if phrase.endswith(closer):
            phrase = phrase[: -len(closer)]
            break
    return _balance_quotes(canonical(_without_joiner(phrase)))


def _without_joiner(phrase: str) -> str:
    """技改扶持资金和 (…和5000万元…) -> 技改扶持资金: the word joining the next figure is no part of the thing."""
    joiner = _joiner_at_end(phrase)
    return phrase[:len(phrase) - len(joiner)] if joiner and len(phrase) - len(joiner) >= 2 else phrase


def _joiner_at_end(text: str) -> str:
    joiners, not_joiners = _joiners()
    return "" if text.endswith(not_joiners) else next((j for j in joiners if text.endswith(j)), "")


@cache
def _joiners() -> tuple[tuple[str, ...], tuple[str, ...]]:
    return words("subjects", "after_count", "joiners"), words("subjects", "after_count", "not_joiners")


def _before_accounts(phrase: str) -> str:
    """Counted holders without the account named after them (1666家规上工业企业增加值同比增长7.6%: the
    count is of 规上工业企业, whatever their value added did), or what is happening to them (将在…签约)."""
    accounts, stops = _accounts_after()
    if (stop := stops.search(phrase, 2)) is not None:
        phrase = phrase[:stop.start()]
    m = accounts.search(phrase, 2)
    return phrase[:m.start("holder") + len(m.group("holder"))] if m else phrase


def counts_holders_of_an_account(text: str) -> bool:
    """家规上工业企业增加值同比增长: the count is of holders named right before their account (484家规上工业
    企业增加值同比增长8.1%): a fact of its own, not a word of the name of the figure after it."""
    return _accounts_after()[0].search(text) is not None


@cache
def _accounts_after() -> tuple[re.Pattern, re.Pattern]:
    table = load("subjects")["after_count"]
    holders = "|".join(map(re.escape, table["holders"]))
    accounts = "|".join(map(re.escape, table["accounts_after"]))
    return re.compile(rf"(?P<holder>{holders})(?:{accounts})"), re.compile("|".join(table["phrase_stops"]))


@cache
def _after_phrase() -> tuple[re.Pattern, re.Pattern]:
    """The phrase after a count (up to AFTER_COUNT_MAX characters) and what it may open with."""
    table = load("subjects")["after_count"]
    return re.compile(rf"{table['phrase_chars']}{{1,{AFTER_COUNT_MAX}}}"), re.compile(table["openers"])


@cache
def _reached() -> re.Pattern:
    return re.compile("|".join(load("subjects")["after_count"]["reached"]))


def counts_a_change(after: str) -> bool:
    """Whether the text after a count names a set by how its members changed (行业利润总额同比增加)."""
    m = _after_phrase()[0].match(after)
    return bool(m and _counted_set(m.group(), after[m.end():m.end() + 1].isdigit()))


def _counted_set(phrase: str, figure_follows: bool = False) -> str:
    """The set a count counts when what its members did follows it (行业由亏转盈 -> 由亏转盈的行业,
    省份规上工业增加值保持增长 -> 省份), or ''; not holders whose account's figure follows (484家企业增加值
    同比增长8.1%: the count is of the holders, the figure their total's)."""
    m = _set_nouns().match(phrase)
    if not m or (figure_follows and m.group("classed") in _holder_words()):
        return ""
    rest = phrase[m.end():].strip(_marks().trim)
    if len(rest) < 2 or not (find_stop(rest) or _canonical_rules().predicate.search(rest)
                             or rest.endswith(_bare_verbs())):
        return ""
    if m.group("alone"):
        return m.group("alone")
    rest = _BRACKETED.sub("", rest)  # 回升(或降幅收窄): an aside in brackets names no more of the set
    return _without_basis(rest) + _marks().of + m.group("classed")


_BRACKETED = re.compile(r"\([^()]*\)?$|\([^()]*\)")


def _projects_by_stage(phrase: str) -> str:
    """续建项目复工 -> 续建项目, 项目竣工投产(试生产) -> 竣工投产项目 (subjects.toml [after_count] project);
    '' when the phrase counts no projects at a stage."""
    head, stages, adverbs = _project_words()
    at = phrase.find(head)
    if at < 0:
        return ""
    rest = _BRACKETED.sub("", phrase[at + len(head):]).strip(_marks().trim)
    bare = rest
    while bare.startswith(adverbs):
        bare = bare[next(len(a) for a in adverbs if bare.startswith(a)):]
    if not bare.startswith(stages):
        return ""
    return phrase[:at + len(head)] if at > 0 else bare + head


def projects_at_stage(subject: str, unit_text: str) -> str:
    """已开工1282项: a stage alone, counted in the measure words of projects, names the projects at it
    (开工项目); '' otherwise."""
    head, stages, _ = _project_words()
    if subject in stages and unit_text in words("subjects", "after_count", "project_units"):
        return subject + head
    return ""


@cache
def _project_words() -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    table = load("subjects")["after_count"]
    by_length = sorted(table["project_adverbs"], key=len, reverse=True)
    return table["project"], tuple(table["project_stages"]), tuple(by_length)


@cache
def _holder_words() -> frozenset[str]:
    return frozenset(words("subjects", "after_count", "holders"))


@cache
def _set_nouns() -> re.Pattern:
    table = load("subjects")["after_count"]
    classed = "|".join(map(re.escape, sorted(table["sets_named_by_predicate"], key=len, reverse=True)))
    alone = "|".join(map(re.escape, sorted(table["sets_named_alone"], key=len, reverse=True)))
    return re.compile(rf"(?P<classed>{classed})|(?P<alone>[\u4e00-\u9fff]{{0,3}}?(?:{alone}))")


@cache
def _compared_inside() -> re.Pattern:
    return re.compile(load("subjects")["after_count"]["compared_inside"])


@cache
def _member_copulas() -> tuple[str, ...]:
    return words("subjects", "after_count", "member_copulas")


@cache
def _ranking() -> re.Pattern:
    return re.compile("|".join(map(re.escape, words("subjects", "after_count", "rankings"))))


def ranks_within(text: str) -> bool:
    """Whether text (what follows a counted thing) opens with a ranking in that field: 中排名第1位."""
    closers = _after_count()[1]
    for closer in closers:
        if text.startswith(closer):
            text = text[len(closer):]
            break
    return bool(_ranking().match(text))


@cache
def _after_count() -> tuple[tuple[str, ...], tuple[str, ...]]:
    return words("subjects", "after_count", "not_openers"), words("subjects", "after_count", "closers")


@lru_cache(maxsize=WINDOW_CACHE)
def is_anaphor(subject: str) -> bool:
    """Whether a subject only points back (增速, 比重, 当月同比增速) rather than naming a thing."""
    if not subject:
        return True
    anaphora, prefixes = _anaphora()
    if subject in anaphora:
        return True
    if len(subject) > 6:
        return False
    for prefix in prefixes:
        rest = subject[len(prefix):]
        if subject.startswith(prefix) and len(rest) >= 2 and rest in anaphora:
            return True
    return False


def bracketed_rate(window: str) -> str:
    """The rate a share is named as in brackets right before its figure (占总人口比重(常住人口城镇化率)为),
    or ''."""
    m = _bracketed_rate().search(window)
    return m.group("rate") if m else ""


@cache
def _bracketed_rate() -> re.Pattern:
    return re.compile(load("subjects")["bracketed_rate"]["pattern"])


def resolve_anaphor(anaphor: str, prior: str) -> str:
    """What an anaphor stands for: the subject named before, or, for a total (总量) after "X的Y",
    X的总量."""
    of = _marks().of
    if anaphor in words("subjects", "anaphora_heads", "words") and of in prior:
        return prior.rsplit(of, 1)[0] + of + anaphor
    if anaphor in words("subjects", "account_anaphora", "rates") and not prior.endswith(anaphor):
        return prior + anaphor  # 移动宽带用户…,渗透率达55.0%: the users' penetration rate
    accounts, others = _account_anaphora()
    if anaphor in accounts and not prior.endswith(anaphor) and (other := next(
            (a for a in others if prior.endswith(a)), "")):
        return prior[:len(prior) - len(other)] + anaphor  # 产值…,增加值增速: the holder's value added
    if anaphor in _total_heads()[0]:
        return total_of(prior)  # 移动电话用户净增1006.4万户,总数达到12.96亿户: the users', not the change's
    return prior


@cache
def _account_anaphora() -> tuple[frozenset[str], tuple[str, ...]]:
    table = load("subjects")["account_anaphora"]
    return frozenset(table["words"]), tuple(sorted(table["accounts"], key=len, reverse=True))


def total_of(prior: str) -> str:
    """The thing a change was of (5G基站新增 -> 5G基站), for its total named after it."""
    _, changes = _total_heads()
    verb = next((v for v in changes if prior.endswith(v) and len(prior) - len(v) >= 2), "")
    return prior[:len(prior) - len(verb)]


def reaches(window: str) -> bool:
    """Whether a window says a level was reached (目前已达到), for a figure that names nothing else."""
    return any(v in window for v in words("subjects", "total_heads", "reach_verbs"))


@cache
def _total_heads() -> tuple[frozenset[str], tuple[str, ...]]:
    table = load("subjects")["total_heads"]
    return frozenset(table["words"]), tuple(sorted(table["change_verbs"], key=len, reverse=True))


def subject_after_amount(window: str, after: str) -> str:
    """The thing an amount measures when the window ends with a verb that takes it as its object
    and the thing comes after the amount (发行了3亿元短期融资券 -> 短期融资券, 产生1628.94万元的利息支出
    -> 利息支出); '' otherwise."""
    marks = _marks()
    verb_end = window.rstrip(" " + marks.done)
    produced = next((noun for verb, noun in _production_nouns() if verb_end.endswith(verb)), "")
    if not produced and not verb_end.endswith(_object_verbs()):
        return ""
    phrase = subject_after(after.lstrip(" " + marks.of))
    thing = phrase.split(marks.of, 1)[0]
    # (出口了23.51万亿元的制造业产品 -> 制造业产品出口: a verb of producing or trading names the flow)
    return thing + produced if len(thing) >= 2 else ""


def coordinated_object(window: str, prior: str, after: str) -> str:
    """新增2亿元技改扶持资金和5000万元技术创新扶持资金: an amount right after the thing the figure before
    measured and a joiner is another object of the same verb, the thing named after it; '' otherwise."""
    joiner = _joiner_at_end(window)
    if not prior or not joiner or window[:len(window) - len(joiner)].strip() != prior:
        return ""
    thing = subject_after(after.lstrip(" " + _marks().of)).split(_marks().of, 1)[0]
    return thing if len(thing) >= 2 else ""


def driven_subject(window: str) -> str:
    """The thing a driver verb moved (有力带动固定资产投资增长 -> 固定资产投资), or ''."""
    m = _driven().search(window)
    return subject_from_window(m.group("x")) if m else ""


def driven_amount(window: str) -> str:
    """The thing an amount right after a driver verb measures (带动企业投资162.8亿元 -> 企业投资), or ''."""
    m = _driven_amount().search(window)
    return subject_from_window(m.group("x")) if m else ""


@cache
def _driven() -> re.Pattern:
    table = load("subjects")["drivers"]
    drivers = alternation("subjects", "drivers", "words")
    basis = alternation("subjects", "drivers", "basis")
    grow = alternation("measures", "growth", "up") + "|" + alternation("measures", "growth", "down")
    return re.compile(rf"(?:{drivers})(?P<x>{table['driven']})(?:{basis})?(?:{grow})$")


@cache
def _driven_amount() -> re.Pattern:
    drivers = alternation("subjects", "drivers", "words")
    return re.compile(rf"(?:{drivers})(?P<x>{load('subjects')['drivers']['driven_amount']})$")


@cache
def _production_nouns() -> tuple[tuple[str, str], ...]:
    return tuple(load("subjects")["production_verbs"].items())


@cache
def _object_verbs() -> tuple[str, ...]:
    return words("subjects", "object_after", "verbs")


def subject_ranked_by(window: str, after: str) -> str:
    """The thing figures measure when a window opens the 以…的X位列 construction (分别以8552亿元的
    软件业务收入位列前三): X, read from the text after the figures; '' otherwise."""
    openers, named_before, named_in = _ranked_by()
    if not window.rstrip(_marks().trim).endswith(openers):
        return ""
    if m := named_before.match(after):
        return _balance_quotes(m.group(1))
    # 分别以4250亿元、4114亿元位列全国县域GDP排名前三: the thing ranked, in the ranking
    if m := named_in.match(after):
        return subject_from_window(m.group(1))
    return ""


@cache
def _ranked_by() -> tuple[tuple[str, ...], re.Pattern, re.Pattern]:
    table = load("subjects")["ranked_by"]
    rankings = alternation("subjects", "ranked_by", "rankings")
    return (tuple(table["openers"]), re.compile(table["named_before"].replace("<rankings>", rankings)),
            re.compile(table["named_in"].replace("<rankings>", rankings)))


def production_subject(verb: str, earlier: list[str]) -> str:
    """乘用车生产126.15万辆;销售121.31万辆: for a subject that is a bare production verb (销售), the
    holder of the last earlier subject made of a holder and such a verb, with the verb's noun
    (乘用车销量); '' when there is none."""
    verbs = load("subjects")["production_verbs"]
    if verb not in verbs:
        return ""
    for subject in reversed(earlier):
        for other in verbs:
            # a holder of two characters at least: 进出口 is no holder 进 with 出口
            if subject.endswith(other) and len(subject) - len(other) >= 2 and other != verb:
                return subject[: -len(other)] + verbs[verb]
    return ""


def daily_average_subject(subject: str, earlier: list[str]) -> str:
    """日均生产 after 原煤产量: 原煤日均产量, the daily average of the last total named; '' when the
    subject is no bare daily average or nothing was named before."""
    table = load("subjects")["daily_average"]
    name = table["names"].get(subject)
    if not name:
        return ""
    averages = tuple(table["names"].values())
    for before in reversed(earlier):
        if before.endswith(averages):
            continue  # 从日均产量来看,…日均产量为305万吨: a daily average named as a topic is no total
        head = next((h for h in table["heads"] if before.endswith(h) and len(before) - len(h) >= 2), "")
        if head:
            return before[: -len(head)] + name
    return ""


def is_holders_measure(subject: str) -> bool:
    """Whether a subject is an account that a holder has (利润总额, 营业收入), named bare after the
    holder's first one."""
    return subject in _holders_measures()


@cache
def _holders_measures() -> frozenset[str]:
    return frozenset(words("subjects", "holders_measures", "words"))


@lru_cache(maxsize=WINDOW_CACHE)
def account_holder(subject: str) -> str:
    """The holder of a subject named with one of a holder's accounts (规模以上水泥工业营业收入 ->
    规模以上水泥工业), for the accounts named bare after it; '' when it names none."""
    account = next((a for a in _holders_measures_longest_first() if subject.endswith(a)), "")
    holder = subject[:len(subject) - len(account)]
    if not account or len(holder) < 2 or not (is_bare_noun_phrase(holder) or _industry_name(holder)):
        return ""  # 资产总额、营业收入、出口交货值: a list of accounts holds no holder
    return "" if holder.endswith(_holders_measures_longest_first()) else holder


INDUSTRY_NAME_MAX = 24


def _industry_name(text: str) -> bool:
    """An industry's name, which may hold 及 or 和 (电子元件及电子专用材料制造业): no list mark, no
    account, no verb of change or link in it."""
    p = _patterns()
    return (len(text) <= INDUSTRY_NAME_MAX and text.endswith(_industry_suffixes())
            and not any(mark in text for mark in _marks().separators) and not find_stop(text)
            and not p["link"].search(text) and not any(a in text for a in _holders_measures()))


@cache
def _industry_suffixes() -> tuple[str, ...]:
    return words("subjects", "industry_names", "suffixes")


@cache
def _holders_measures_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_holders_measures(), key=len, reverse=True))


def is_counted_account(subject: str) -> bool:
    """Whether a subject is an amount of counted things named bare after their count (成交额)."""
    return subject in _counted_accounts()


@cache
def _counted_accounts() -> frozenset[str]:
    return frozenset(words("subjects", "counted_accounts", "words"))


@cache
def _change_amounts() -> frozenset[str]:
    return frozenset(words("subjects", "change_amounts", "words"))


def is_change_amount(subject: str) -> bool:
    """Whether a subject is only a verb of absolute change (增产 in …352.4亿斤,增产0.5亿斤)."""
    return subject in _change_amounts()


def compared_change(holder: str, verb: str, window: str) -> str:
    """The name of a change amount: its holder and verb (总产量增产), and for more or less than a year
    before (新增人民币贷款3.13万亿元,同比多增3951亿元) the comparison too, as the series is named
    (新增人民币贷款同比多增), the holder without the verb of its own flow (企业贷款新增 -> 企业贷款)."""
    table = load("subjects")["change_amounts"]
    compared = next((w for w in table["compared"] if window.rstrip().endswith(w + verb)), "")
    if not compared or verb not in table["compared_verbs"]:
        return holder + verb
    flow = next((v for v in table["holder_flows"] if holder.endswith(v) and len(holder) > len(v) + 1), "")
    return holder[:len(holder) - len(flow)] + compared + verb


@cache
def _predicate_openers() -> tuple[str, ...]:
    return words("subjects", "predicate_openers", "words")


def _opens_predicate(text: str) -> bool:
    """Whether a text opens with a predicate (为, 居, 第…) and not with a name that begins like one (居民)."""
    return text.startswith(_predicate_openers()) and not text.startswith(_predicate_keep())


@cache
def _predicate_keep() -> tuple[str, ...]:
    return words("subjects", "predicate_openers", "keep")


@lru_cache(maxsize=WINDOW_CACHE)
def usable_topic(clause: str) -> str:
    """A subject named by a clause without numbers, kept for a later clause that points back."""
    stripped = clause.strip(_marks().trim)
    if _patterns()["reporting"].search(clause) or _opens_predicate(stripped):
        return ""
    causes, viewed_from, level_with = _topic_frames()
    if causes.fullmatch(stripped) or level_with.fullmatch(stripped):
        return ""  # 受翘尾因素影响, 与重庆持平: why or how the figures moved, not what they measure
    if m := viewed_from.fullmatch(stripped):
        stripped = clause = m.group("topic")  # 从地方公共财政收入总额来看: the topic is what it looks at
    elif stripped.endswith(_after_count()[1]):
        return ""  # 10省份中, 在全部行业中: the field the next figures rank in, not a topic
    if stripped.startswith(_anaphor_predicates().get(stripped[:1], ())):
        return ""  # 规模创历史同期新高: says something of the figure before, names nothing new
    subject = subject_from_window(clause)
    if _opens_predicate(subject) or subject.startswith(_partitions()) or subject.endswith(_generic_ends()):
        return ""
    return subject if 2 <= len(subject) <= 20 and not is_anaphor(subject) else ""


def list_member_name(before: str, counted: str) -> str:
    """The name of the members of the list named last in `before` (第一批专精特新“小巨人”企业名单中,我省有…)
    when the counted noun is its head (企业), or ''; a batch named alone (第二批名单中) takes the head of the
    list named before it."""
    pattern, particles, batch = _list_member_rules()
    names = [m.group("name") for m in pattern.finditer(before)]
    if not names or not counted:
        return ""
    name = _list_name(names[-1], particles)
    if batch.fullmatch(name):
        heads = [h for h in (_list_name(n, particles) for n in names[:-1]) if not batch.fullmatch(h)]
        head = heads[-1] if heads else ""
        name += head[m.end():] if (m := batch.match(head)) else head
    return name if name.endswith(counted) and len(name) > len(counted) else ""


def _list_name(text: str, particles: tuple[str, ...]) -> str:
    # (省工信厅日前公布2025年第一批省级专精特新中小企业认定名单: who announced it, the year, the batch and the act
    # of choosing go; what is listed stays)
    name = _list_tail().sub("", canonical(_list_year().sub("", canonical(text))))
    for particle in particles:
        if particle in name:
            name = name.rsplit(particle, 1)[1]
    return name


@cache
def _list_tail() -> re.Pattern:
    return re.compile(load("subjects")["list_members"]["tail"])


@cache
def _list_year() -> re.Pattern:
    return re.compile(load("subjects")["list_members"]["year_before"])


@cache
def _list_member_rules() -> tuple[re.Pattern, tuple[str, ...], re.Pattern]:
    table = load("subjects")["list_members"]
    return re.compile(table["named"]), tuple(table["particles"]), re.compile(table["batch"])


def set_picked_from(clause: str) -> str:
    """第三批小巨人企业中, 在10个州(市)中: the set the members after it are picked from, or ''."""
    stripped = clause.strip(_marks().trim)
    closer = next((c for c in _after_count()[1] if stripped.endswith(c)), "")
    subject = subject_from_window(stripped[:-len(closer)]) if closer else ""
    return subject if 2 <= len(subject) <= 20 and not is_anaphor(subject) else ""


def superlative_member(clause: str, prior: str) -> str:
    """增长最快的是医疗仪器设备及器械制造 after a figure of 医药工业…主营业务收入: the member ranked, with the
    account of the figure named before (医疗仪器设备及器械制造主营业务收入); '' when the clause ranks none."""
    m = _superlative().fullmatch(clause.strip(_marks().trim))
    member = subject_from_window(m.group("member")) if m else ""
    if len(member) < 2:
        return ""
    account = next((a for a in _accounts_longest_first() if prior.endswith(a) and not member.endswith(a)), "")
    return member + account


@cache
def _superlative() -> re.Pattern:
    return re.compile(load("subjects")["topics"]["superlative"])


@cache
def _accounts_longest_first() -> tuple[str, ...]:
    return tuple(sorted(words("subjects", "after_count", "accounts_after"), key=len, reverse=True))


@cache
def _generic_ends() -> tuple[str, ...]:
    return words("subjects", "topics", "generic_ends")


@cache
def _partitions() -> tuple[str, ...]:
    return tuple(load("subjects")["topics"]["partitions"])


@cache
def _anaphor_predicates() -> dict[str, tuple[str, ...]]:
    """An anaphor followed by a predicate opener (规模创…), each pair written out and filed by its
    first character, so that one startswith tests those a text may open with."""
    anaphora, _ = _anaphora()
    by_first: dict[str, list[str]] = {}
    for pair in (a + o for a in anaphora for o in _predicate_openers()):
        by_first.setdefault(pair[0], []).append(pair)
    return {first: tuple(pairs) for first, pairs in by_first.items()}


@cache
def _topic_frames() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    table = load("subjects")["topics"]
    causes, viewed_from, level_with = (re.compile("|".join(table[k])) for k in ("causes", "viewed_from", "level_with"))
    return causes, viewed_from, level_with


def set_by_predicate(predicate: str, clauses: list[str]) -> str:
    """超六成属于工业基础领域 after 从专精特新“小巨人”企业看: the share is of the members of the set viewed that
    the predicate picks out (属于工业基础领域的专精特新“小巨人”企业); '' when the phrase after the figure is no
    such predicate or no clause before names the set viewed."""
    if not predicate.startswith(words("subjects", "topics", "member_predicates")):
        return ""
    viewed_from = _topic_frames()[1]
    for clause in reversed(clauses):
        if m := viewed_from.fullmatch(clause.strip(_marks().trim)):
            topic = subject_from_window(m.group("topic"))
            # (a set of members, not a dimension viewed: 从所处行业看 names no members)
            sets = words("subjects", "topics", "member_sets")
            return predicate + _marks().of + topic if len(topic) >= 2 and topic.endswith(sets) else ""
    return ""


def comma_list(clauses: list[str], last: str) -> list[str] | None:
    """Subjects listed one per clause before a 分别 (A业,B业,C业增加值分别增长…): each clause names a
    member, and the head noun of the last member is shared."""
    items = [c.strip(_marks().trim) for c in clauses]
    if items:
        items[0] = items[0][_lead_end(_patterns(), items[0]):]  # 其中交通运输、仓储和邮政业,…: the list opens after it
    if not last or not all(_bare_name(i) for i in items):
        return None
    head = next((h for h in words("subjects", "shared_heads", "words") if last.endswith(h) and len(last) > len(h)), "")
    return [i if i.endswith(head) else i + head for i in items] + [last]


def _bare_name(item: str) -> bool:
    """A clause that is a name and nothing else: no verb, no digit, no reporting phrase (数据显示,
    为中国前三大伙伴)."""
    return bool(item) and len(item) <= COMMA_ITEM_MAX and not _DIGIT.search(item) and \
        subject_from_window(item) == item and not _patterns()["reporting"].search(item) \
        and not _opens_predicate(item)  # 呈现五增五减态势 says how things went


COMMA_ITEM_MAX = 24
_DIGIT = re.compile(r"\d")


def segment_subject(topic: str, subject: str) -> str:
    """A measured noun alone (产量) after a topic naming a segment (硅片环节): the segment's (硅片产量); ''
    otherwise."""
    if subject not in _shared_heads():
        return ""
    segment = next((topic[:-len(w)] for w in words("subjects", "segment_topics", "words") if topic.endswith(w)), "")
    return segment + subject if len(segment) >= 2 else ""


def holder_measure(prior: str, subject: str) -> str:
    """A measured noun alone (产值, 增加值) after a branch named in the same sentence with no measure of
    its own (新材料产业加快发展,产值从…): the branch's; '' otherwise."""
    categories = load("subjects")["list_heads"]["categories"]
    if subject not in _shared_heads() or subject in categories or len(prior) < 2:
        return ""
    size = next((w for w in words("subjects", "holder_measure", "size_words") if prior.endswith(w)), "")
    prior = prior[:len(prior) - len(size)]
    holders = words("subjects", "after_count", "holders")
    if not prior.endswith(_holder_ends()) or any(prior.endswith(h) for h in _heads_longest_first() if h not in holders):
        return ""
    return prior + subject


def swapped_account(prior: str, subject: str) -> str:
    """汽车制造业产能利用率达到75.7%,…,增加值同比增长25.4%: another account of the branch just measured
    (汽车制造业增加值); '' when the name before ends with no measured noun of a branch."""
    measures = _branch_measures()
    if subject not in _shared_heads() or not prior.endswith(measures):
        return ""
    ending = next((m for m in measures if prior.endswith(m) and m != subject), "")
    holder = prior[:len(prior) - len(ending)]
    return holder + subject if ending and len(holder) >= 2 and holder.endswith(_holder_ends()) else ""


@cache
def _branch_measures() -> tuple[str, ...]:
    """The measured nouns a branch's name may end with, longest first."""
    measures = {*_shared_heads(), *words("subjects", "holder_measure", "rates")}
    return tuple(sorted(measures, key=len, reverse=True))


@cache
def _holder_ends() -> tuple[str, ...]:
    return words("subjects", "holder_measure", "holder_ends")


def verb_object(subject: str) -> str:
    """A verb of producing left as the whole name (…分别销售15.82万辆、9.98万辆: 销售) names what it
    produced (销量); '' for any other name."""
    return dict(_verb_objects()[0]).get(subject, "")


def compound_part(prior: str, subject: str) -> str:
    """摩托车产销…,环比产量增长3.04%,销量下降0.2%: a part of a compound (产量 of 产销) named bare after a
    subject holding the compound, or holding another part of it, is that holder's part; '' otherwise."""
    held = [(compound, parts) for compound, parts in _distributive() if subject in parts]
    for compound, _parts in held:
        if prior.endswith(compound):
            holder = prior[: -len(compound)]
            return holder + subject if len(holder) >= COMPOUND_HOLDER_MIN else ""
    for _compound, parts in held:
        sibling = next((p for p in parts if p != subject and prior.endswith(p)), "")
        holder = prior[: -len(sibling)] if sibling else ""
        if len(holder) >= COMPOUND_HOLDER_MIN and not holder.endswith(_compound_heads()):
            return holder + subject
    return ""


COMPOUND_HOLDER_MIN = 2


@cache
def _compound_heads() -> tuple[str, ...]:
    """What a compound's part may end a longer compound with (进出口 ends with 出口): no holder."""
    return tuple({c[: -len(p)] for c, parts in _distributive() for p in parts if c.endswith(p)} - {""})


def sibling_predicate(prior: str, subject: str) -> str:
    """23个行业利润总额同比增加,14个行业减少: a set named by a bare change (减少的行业) after a sibling set
    named by an account and its change (利润总额同比增加的行业) is of that account (利润总额减少的行业); ''
    otherwise."""
    of = _marks().of
    pred, _, members = subject.partition(of)
    before, _, prior_members = prior.partition(of)
    if not members or members != prior_members or pred not in _change_verbs():
        return ""
    verb = next((v for v in _change_verbs_longest_first() if before.endswith(v)), "")
    account = before[:len(before) - len(verb)] if verb else ""
    for word in words("measures", "basis", "yoy"):
        account = account.removesuffix(word)
    return account + pred + of + members if len(account) >= 2 and account != pred else ""


@cache
def _change_verbs() -> frozenset[str]:
    return frozenset(words("measures", "growth", "up") + words("measures", "growth", "down"))


@cache
def _change_verbs_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_change_verbs(), key=len, reverse=True))


def outcome_of_plan(prior: str, head: str, window: str) -> str:
    """完成投资 after 计划投资: the outcome of a planned amount named by its head noun after a verb of
    outcome, with the verb; '' when the prior is no plan or no such verb stands before the head."""
    table = load("subjects")["plan_outcome"]
    if not prior[:len(prior) - len(head)].endswith(tuple(table["plans"])):
        return ""
    before = window.rstrip()[:len(window.rstrip()) - len(head)] if window.rstrip().endswith(head) else ""
    verb = next((v for v in table["outcomes"] if before.endswith(v)), "")
    return verb + head if verb else ""


def partner_ellipsis(prior: str, subject: str) -> str:
    """与欧盟双边贸易增长3.2%,与日本下降8.2%: a partner named alone after a partner with what is traded
    with it takes that (与日本双边贸易); '' otherwise."""
    partners = tuple(load("subjects")["list_heads"]["partner_prepositions"])
    if not subject.startswith(partners) or not prior.startswith(subject[0]):
        return ""
    own, before = place_words(subject), place_words(prior)
    if not own or (own[0].start, own[0].end) != (1, len(subject)) or not before or before[0].start != 1:
        return ""
    traded = prior[before[0].end:]
    return subject + traded if len(traded) >= 2 else ""


def shared_head_of(subject: str) -> str:
    """The longest known head noun of a measure a subject ends with (规模以上工业增加值 -> 增加值), or ''
    (a category such as 行业 in 十大重点行业 is no measure)."""
    categories = load("subjects")["list_heads"]["categories"]
    return next((h for h in _heads_longest_first()
                 if subject.endswith(h) and len(subject) > len(h) and h not in categories), "")


@cache
def _heads_longest_first() -> tuple[str, ...]:
    return tuple(sorted(words("subjects", "shared_heads", "words"), key=len, reverse=True))


@cache
def _shared_heads() -> frozenset[str]:
    return frozenset(words("subjects", "shared_heads", "words"))


def noun_after_distributive(window: str, n: int) -> str:
    """The noun a 分别 list's figures measure when it follows the 分别 (…日本分别进出口3492.3亿元 -> 进出口),
    unless it is a compound of n parts that the list spreads over itself (分别进出口 of two figures)."""
    marks = _marks()
    at, word = last_distributive(window)
    before, after = window[:max(at, 0)], window[at + len(word):] if word else window
    noun = after.strip(marks.trim)
    if not word or noun not in _after_distributive():
        return ""
    parts = load("subjects")["distributive"].get(noun)
    return "" if parts is not None and len(parts) == n and not _lists_partners(before) else noun


def _lists_partners(text: str) -> bool:
    """对美国和欧盟(…): partners listed, which a 分别 list spreads the figures over (not 进口 and 出口)."""
    text = text.strip(_marks().trim)
    partners = tuple(load("subjects")["list_heads"]["partner_prepositions"])
    return any(text.rfind(p) >= 0 and any(j in text[text.rfind(p):] for j in _joiners()[0]) for p in partners)


@cache
def _after_distributive() -> frozenset[str]:
    return frozenset(words("subjects", "after_distributive", "words"))


def is_distributive(subject: str) -> bool:
    """A compound that a 分别 list distributes, alone: 产销, 产销量, 进出口."""
    return subject in load("subjects")["distributive"]


def _spell_ordinals(m: re.Match) -> str:
    """第一、二、三产业 (ordinals sharing 第 and the noun after the last): each ordinal in full."""
    marks = _marks()
    noun = m.group(3)
    ordinals = (m.group(1), *m.group(2).split(marks.ordinal_separator)[1:])
    return marks.ordinal_separator.join(f"{marks.ordinal_prefix}{o}{noun}" for o in ordinals)


def split_list(subject: str, n: int, inner: bool = True) -> list[str] | None:
    """Split a coordinated subject into n subjects: 工业机器人、服务机器人的产量 -> 工业机器人产量,
    服务机器人产量; 中、小型企业PMI -> 中型企业PMI, 小型企业PMI; 汽车产销 -> 汽车产量, 汽车销量.
    Not `inner`: at 、 alone (衣着、生活用品及服务、居住价格: members whose names hold 及 or 和)."""
    distributed = _distribute_compound(subject, n)
    if distributed is not None:
        return distributed
    subject = _patterns()["ordinals"].sub(_spell_ordinals, subject)
    items = [i.strip(_marks().trim) for i in _split_top(subject, inner)]
    if len(items) > n:
        items = _members_by_suffix(subject, inner, n) or items
    if len(items) != n or any(not i for i in items):
        return None
    items[-1] = _list_count().sub("", items[-1])  # 新能源、…电子信息五个领域: 电子信息领域
    head, items[-1] = _shared_head(items)
    return _share_holder(_share_preposition(_with_head(items, head)))


@cache
def _list_count() -> re.Pattern:
    """The count of the members said between the last of them and their head (三大行业, 五个领域)."""
    return re.compile(load("subjects")["list_heads"]["count_of_members"])


def _share_holder(items: list[str]) -> list[str]:
    """新能源汽车的产量与销量 -> 新能源汽车产量, 新能源汽车销量: a holder named with 的 before the first
    account holds the bare accounts after it."""
    of = _marks().of
    if of not in items[0]:
        return items
    holder, account = items[0].rsplit(of, 1)
    heads = _of_heads()
    if not holder or account not in heads or not all(i in heads for i in items[1:]):
        return items
    return [holder + i for i in (account, *items[1:])]


@cache
def _of_heads() -> frozenset[str]:
    return frozenset(load("subjects")["canonical"]["of_heads"])


def _distribute_compound(subject: str, n: int) -> list[str] | None:
    """A subject holding a compound of n parts (产销, 进出口), once per part; the longest first."""
    for compound, parts in _distributive():
        if compound in subject and len(parts) == n and not _lists_partners(subject.split(compound, 1)[0]):
            return [subject.replace(compound, part, 1) for part in parts]
    return None


@cache
def _distributive() -> tuple[tuple[str, list[str]], ...]:
    return tuple(sorted(load("subjects")["distributive"].items(), key=lambda kv: -len(kv[0])))


def _parallel_stem(items: list[str]) -> int:
    """新开工、新竣工亿元以上工业项目; 进口、出口总额: members of one length that open or end as the last
    member's first word does share what follows that word; its length, or 0."""
    last, stems = items[-1], {len(i) for i in items[:-1]}
    if len(stems) != 1 or not PARALLEL_STEM_MIN <= (stem := stems.pop()) <= PARALLEL_STEM_MAX or len(last) - stem < 2:
        return 0
    word = last[:stem]
    return stem if all(i != word and (i[0] == word[0] or i[-1] == word[-1]) for i in items[:-1]) else 0


PARALLEL_STEM_MIN, PARALLEL_STEM_MAX = 2, 4


def _shared_head(items: list[str]) -> tuple[str, str]:
    """(the head every member shares, the last member without it), the first rule that finds one:
    after a 等 and its category, after a 的, after a short stem, after a tier (国家级、省级制造业创新
    中心), a known head noun; else ('', the last member)."""
    last = items[-1]
    list_heads = load("subjects")["list_heads"]
    stems = {len(i) for i in items[:-1]}
    etc_head = _head_after_etc(last)
    if etc_head is not None:
        # 工业机器人、集成电路等新兴产品产量: the members before 等 take the head after its category
        return etc_head, last.split(_marks().etc, 1)[0]
    if _marks().of in last:
        member, head = last.rsplit(_marks().of, 1)
        return head, member
    if (len(stems) == 1 and (stem := stems.pop()) <= list_heads["max_stem"]
            and last[stem:].startswith(tuple(list_heads["openers"]))):
        return last[stem:], last[:stem]
    if (tier := _tier_end(items)) and 0 < (at := last.find(tier)) < len(last) - 2:
        return last[at + 1:], last[:at + 1]
    if parallel := _parallel_stem(items):
        return last[parallel:], last[:parallel]
    place = region_at_start(last)
    if place and len(last) - place >= 2 and all(region_at_start(i) == len(i) for i in items[:-1]):
        # 东部地区、中部地区和东北地区软件业务收入: places share all that follows the last one
        return last[place:], last[:place]
    return _shared_head_noun(items)


def _shared_head_noun(items: list[str]) -> tuple[str, str]:
    """A known head noun the last member ends with and no other member does (淡水鱼、鸡蛋和食用植物油
    价格 -> 价格)."""
    last = items[-1]
    for h in words("subjects", "shared_heads", "words"):
        if last.endswith(h) and len(last) > len(h) and not any(i.endswith(h) for i in items[:-1]):
            member = last[: -len(h)]
            average = next((a for a in words("subjects", "shared_heads", "averages") if member.endswith(a)), "")
            if average and len(member) > len(average):
                return average + h, member[: -len(average)]  # 粗钢、生铁和钢材日均产量: 粗钢日均产量
            return h, member
    return "", last


def _with_head(items: list[str], head: str) -> list[str]:
    """Each member with the shared head; a one-character member (中、小型企业) takes the rest of the
    last one, and a member that already ends in a measured noun (地区生产总值、规上工业增加值) takes
    no head."""
    return [_member_with_head(items, n, head) for n in range(len(items))]


def _member_with_head(items: list[str], n: int, head: str) -> str:
    item = items[n]
    if len(item) == 1 and len(items[-1]) > 1 and all(len(i) == 1 for i in items[:-1]):
        item = item + items[-1][1:]  # 中、小型企业, 钢、铁、铝材; not 鞋、表、房间空气调节器、家用燃气热水器
    elif item.endswith(_owners()[0]) and (noun := _enterprise_noun(items[-1])):
        item = item + noun  # 规模以上民营和中小工业企业增加值: 民营 takes 工业企业
    elif (branched := _branch_member(items, n, head)) is not None:
        return branched
    elif not item.endswith(_branch_ends()) and any(i.endswith(_branch_word()) for i in items[n + 1:]):
        item = item + (_branch_stem(item) or _branch_word())  # 高技术、战略性新兴、高新技术产业增加值: 高技术产业
    complete = n < len(items) - 1 and head and item.endswith(_complete_noun_ends())
    return item if complete else item + head


def _branch_member(items: list[str], n: int, head: str) -> str | None:
    """装备制造、…等主导产业: 装备制造业; 农业、消费品工业…等产业: each a branch already; None when the head is
    not the branch word alone or the member names no branch."""
    item, stem = items[n], _branch_stem(items[n])
    if head != _branch_word() or not (stem or item.endswith(_branch_ends())):
        return None
    return item + stem


def _branch_stem(item: str) -> str:
    """What a member ending in a branch stem takes to name its branch (装备制造 -> 业), or ''."""
    return next((v for k, v in _branch_stems().items() if item.endswith(k)), "")


def _enterprise_noun(last: str) -> str:
    """The enterprises the last member of a list names after its owner (中小工业企业 -> 工业企业), or ''."""
    owners, nouns = _owners()
    at = next((last.find(o) + len(o) for o in owners if o in last), -1)
    rest = last[at:] if at > 0 else ""
    return next((n for n in nouns if rest.startswith(n)), "")


@cache
def _owners() -> tuple[tuple[str, ...], tuple[str, ...]]:
    table = load("subjects")["list_heads"]
    return (tuple(sorted(table["owners"], key=len, reverse=True)),
            tuple(sorted(table["enterprise_nouns"], key=len, reverse=True)))


@cache
def _branch_word() -> str:
    return load("subjects")["list_heads"]["branch_word"]


@cache
def _branch_stems() -> dict[str, str]:
    return dict(load("subjects")["list_heads"]["branch_stems"])


@cache
def _branch_ends() -> tuple[str, ...]:
    return tuple(load("subjects")["list_heads"]["branch_ends"])


def _share_preposition(out: list[str]) -> list[str]:
    """A preposition before the first member is every member's (对俄罗斯和南非出口 -> 对南非出口)."""
    partners = load("subjects")["list_heads"]["partner_prepositions"]
    lead = next((p for p in partners if out[0].startswith(p)), "")
    if lead and len(out[0]) > len(lead) + 1:
        return [out[0], *(o if o.startswith(lead) else lead + o for o in out[1:])]
    return out


def _head_after_etc(last: str) -> str | None:
    """The head the members of a list closed by 等 share (集成电路等新兴产品产量 -> 产量, 电子等行业增加值
    -> 行业增加值: a branch word stays, alone after a category with no measure: 等主导产业 -> 产业), or None
    when the last member has no 等 before a known head."""
    before, etc, after = last.partition(_marks().etc)
    if not etc or len(before) < 2:
        return None
    for head in words("subjects", "shared_heads", "words"):
        if after.endswith(head):
            category = after[: -len(head)]
            kept = next((w for w in load("subjects")["list_heads"]["etc_kept"] if category.endswith(w)), "")
            return kept + head
    # 装备制造、电子信息、新材料等主导产业: the branch word alone
    return next((w for w in load("subjects")["list_heads"]["etc_kept"] if after.endswith(w)), None)


@cache
def tier_ends() -> tuple[str, ...]:
    """Suffixes of tiers (国家级, 基础级) listed before the head of the last."""
    return tuple(load("subjects")["list_heads"]["tier_ends"])


def _tier_end(items: list[str]) -> str:
    """The tier suffix (级) every member but the last ends with, or ''."""
    for tier in tier_ends():
        if all(i.endswith(tier) for i in items[:-1]):
            return tier
    return ""


@cache
def _complete_noun_ends() -> tuple[str, ...]:
    return tuple(words("subjects", "complete_noun_ends", "words"))


def _members_by_suffix(subject: str, inner: bool, n: int) -> list[str] | None:
    """粮油食品类、日用品类和服装、鞋帽、针纺织品类零售额: where the first members end alike (类), a member runs, as
    written, to the next piece that ends so (服装、鞋帽、针纺织品类), and the last piece closes the last member."""
    spans = _split_spans(subject, inner)
    pieces = [subject[a:b] for a, b in spans]
    if len(pieces) < 2 or not pieces[0] or not pieces[1] or pieces[0][-1] != pieces[1][-1]:
        return None
    suffix, members, first = pieces[0][-1], [], 0
    for i, (a, b) in enumerate(spans):
        if subject[a:b].endswith(suffix) or i == len(spans) - 1:
            members.append(subject[spans[first][0]:b].strip(_marks().trim))
            first = i + 1
    return members if len(members) == n else None


def _split_spans(text: str, inner: bool = True) -> list[tuple[int, int]]:
    """The spans of the parts _split_top cuts text into."""
    marks = _marks()
    spans, depth, start = [], 0, 0
    joiners = marks.inner_separators if inner else ""
    for i, ch in enumerate(text):
        if ch in marks.opening:
            depth += 1
        elif ch in marks.closing:
            depth = max(0, depth - 1)
        if depth == 0 and (ch in marks.separators or (ch in joiners and 0 < i < len(text) - 1)):
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return spans


def _split_top(text: str, inner: bool = True) -> list[str]:
    """Split at 、/和/与/及 outside quotes and brackets (only at 、 when not `inner`)."""
    return [text[a:b] for a, b in _split_spans(text, inner)]


def account_left_out(prior: str, subject: str) -> str:
    """The subject named before when this one is its holder with its account left out (规上工业 after
    规上工业增加值); '' otherwise."""
    if len(subject) < 2 or not prior.startswith(subject):
        return ""
    return prior if prior[len(subject):] in _rate_accounts() else ""


@cache
def _rate_accounts() -> frozenset[str]:
    table = load("subjects")["account_anaphora"]
    return frozenset((*table["words"], *table["accounts"]))


def ends_with_rate(window: str) -> bool:
    """Whether a window ends with a rate noun (…规上工业增速), before its figure."""
    return window.rstrip(_marks().trim).endswith(_rate_nouns())


@cache
def _rate_nouns() -> tuple[str, ...]:
    return (*words("measures", "growth", "rate_up"), *words("measures", "growth", "rate_down"))
