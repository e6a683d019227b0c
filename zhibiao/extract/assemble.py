"""Put the pieces together: one document in, its facts out.

The walk keeps three levels of context, because Chinese reports state things once and
then rely on them: the article (its place, its time, how changes are compared), the
paragraph (the period and place just named, 同比 or 环比), and the sentence (the subjects
just named, for 增速, 分别 and 其中).
"""

from __future__ import annotations

from zhibiao.extract.attributes import QUOTE_MAX as QUOTE_MAX
from zhibiao.extract.attributes import QUOTE_REACH as QUOTE_REACH
from zhibiao.extract.bases import mark_bases
from zhibiao.extract.context import ArticleState, ParagraphState, article_state, note_section, section_heading
from zhibiao.extract.dedupe import dedupe, drop_headline_repeats
from zhibiao.extract.hosts import government_place, host_place
from zhibiao.extract.preload import preload
from zhibiao.extract.scope import economic_score, enough_economic, has_off_topic, in_scope, is_foreign_prose
from zhibiao.extract.sentence import sentence_facts
from zhibiao.extract.tables import Table, find_tables, read_table
from zhibiao.extract.vintages import mark_vintages
from zhibiao.ingest.clean import clean
from zhibiao.ingest.normalize import normalize
from zhibiao.ingest.segment import Paragraph, articles
from zhibiao.models import Document, Extraction, Fact

HEADER_CHARS = 800  # the top of the page, where a title or dateline names the place
ARTICLE_ANCHOR = 24  # characters of an article's opening sought in the page's top


def extract_document(doc: Document) -> Extraction:
    """Clean a document and extract its facts."""
    preload()  # the rule tables and patterns, once per process
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
    host, own_site = host_place(doc.url), government_place(doc.url)
    facts: list[Fact] = []
    table_facts: list[Fact] = []
    for n, (art, (econ, off)) in enumerate(zip(parts, scores, strict=True)):
        if off > econ:
            continue
        art_text = text[art.start:art.end]
        state = article_state(art, art_text, _page_top(header, art_text) if n == 0 else "", doc.date, host,
                              own_site)
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
    facts = dedupe(drop_headline_repeats(facts), table_facts)
    result.facts = mark_vintages(mark_bases(facts, doc.text), doc.text)  # bases and vintages: README
    return result


def _page_top(header: str, art_text: str) -> str:
    """The header up to where the article begins: a place in the article's first lines is counted
    once, with the article, not again as the page's top (which would make a city named once in a
    province's release the release's place)."""
    opening = art_text.lstrip()[:ARTICLE_ANCHOR]
    at = header.find(opening) if len(opening) == ARTICLE_ANCHOR else -1
    return header[:at] if at >= 0 else header


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


def _paragraph_facts(doc: Document, para: Paragraph, art: ArticleState, mapped) -> list[Fact]:
    ps = ParagraphState(period=art.section_period, basis=art.section_basis)
    out: list[Fact] = []
    for sent in para.sentences:
        if is_foreign_prose(sent.text):
            continue
        out.extend(sentence_facts(doc, sent, ps, art, mapped))
    if not out and para.headline and section_heading(para.text):
        note_section(para, art)
    return out
