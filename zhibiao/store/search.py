"""Full-text search over facts (subject and quote) for Chinese: a character-bigram inverted index.

DuckDB's own full-text search splits text on spaces and punctuation, and Chinese has neither between
words, so a report's whole clause would be one "word". Here every fact's text (subject, a newline,
quote; simplified, NFKC, lower-cased) is cut into overlapping character bigrams; a query is cut the
same way and a fact is a candidate when it holds every bigram of every query term. Candidates are
then checked for the terms themselves (bigrams can match out of order), so results are exact
substring matches, in any script the user types: queries go through the same t2s conversion
(opencc) as the documents did, so 規模以上工業 finds 规模以上工业.

Quotes and subjects are stored simplified and in ASCII width already (zhibiao.ingest.normalize), so the
index only lower-cases them. A one-character term has no bigram: each text is indexed with an end
marker appended, so every character starts some bigram and a one-character term is a range scan
over the bigrams it starts.

The index lives in a DuckDB file beside the database (``facts.duckdb`` -> ``facts.search.duckdb``),
built on first use and rebuilt when the store's fingerprint (documents, their hashes and ingest
times, facts, catalogue) changes; its bigram table is sorted, so DuckDB's min/max zone maps skip
all but the row groups that hold a queried bigram. Where that file cannot be written (a read-only
folder, another process holding it) the index is built in memory instead.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import duckdb

from zhibiao.store.schema import first_row, one_row

MAX_QUERY_CHARS = 100
MAX_TERMS = 8
_END = "\x01"  # appended to every indexed text: the last character starts a bigram too
_TOP = "\U0010ffff"
# Spaces and punctuation separate terms; "." and ":" do not (3.8%, 12:00).
_SPLIT = re.compile(r"[\s,，、;；。!?！？\"“”'‘’()（）\[\]【】《》<>]+")
INDEX_VERSION = "1"

_SELECT_SOURCE = """
    SELECT f.doc_id AS doc, f.seq, f.indicator, f.subject, f.measure, f.value, f.value_max, f.unit, f.qualifier,
           f.period_key AS period, f.period_type, f.basis, f.region, f.quote, f.derived, d.published, d.title
    FROM facts f JOIN documents d ON d.id = f.doc_id
"""


class QueryError(ValueError):
    """A search query that cannot be searched (empty, too long, nothing searchable in it)."""


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("tw2s")


def simplify(text: str) -> str:
    """NFKC (full-width forms to ASCII) and traditional script to simplified, as cleaning does."""
    return _t2s().convert(unicodedata.normalize("NFKC", text))


def normalize_text(text: str) -> str:
    """The form both indexed texts and queries are compared in: NFKC, simplified script, lower case."""
    return simplify(text).lower()


def query_terms(query: str) -> list[str]:
    """The terms of a query: normalised, split on spaces and punctuation, duplicates dropped.

    Raises QueryError for an empty or over-long query, or one with nothing to search for.
    """
    if query is None or not query.strip():
        raise QueryError("the query is empty")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is longer than {MAX_QUERY_CHARS} characters")
    terms: list[str] = []
    for term in _SPLIT.split(normalize_text(query)):
        term = term.strip()
        if term and term not in terms:
            terms.append(term)
    if not terms:
        raise QueryError("the query has no characters to search for (only spaces or punctuation)")
    if len(terms) > MAX_TERMS:
        raise QueryError(f"the query has more than {MAX_TERMS} terms")
    return terms


def bigrams(term: str) -> list[str]:
    return sorted({term[i:i + 2] for i in range(len(term) - 1)})


def fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """What the index was built from: changes whenever a document or fact is stored, replaced or re-linked."""
    docs = one_row(con, """SELECT count(*), coalesce(bit_xor(hash(id || content_hash)), 0),
                                    coalesce(max(ingested_at)::VARCHAR, '') FROM documents""")
    facts = one_row(con, "SELECT count(*) FROM facts")[0]
    row = first_row(con, "SELECT value FROM meta WHERE key = 'catalogue'")
    return f"v{INDEX_VERSION}:{docs[0]}:{docs[1]}:{docs[2]}:{facts}:{row[0] if row else ''}"


@dataclass
class SearchResult:
    query: str
    terms: list[str]
    total: int
    hits: list[dict] = field(default_factory=list)


def index_path(db_path: Path) -> Path:
    """Where the index of `db_path` is kept: facts.duckdb -> facts.search.duckdb."""
    return db_path.with_name(db_path.stem + ".search.duckdb")


class SearchIndex:
    """The bigram index of one store, kept current against its fingerprint."""

    def __init__(self, db_path: Path, *, in_memory: bool = False):
        self.db_path = Path(db_path)
        self.path: Path | None = None if in_memory else index_path(self.db_path)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._fingerprint: str | None = None
        self.rebuilds = 0
        self._lock = threading.Lock()  # one connection to the index: searches from several threads take turns

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
            self._fingerprint = None

    def _open(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            if self.path is not None:
                try:
                    self._con = duckdb.connect(str(self.path))
                except (duckdb.Error, OSError):
                    self.path = None  # read-only folder or a file another process holds: build in memory
            if self._con is None:
                self._con = duckdb.connect(":memory:")
            self._con.execute("CREATE TABLE IF NOT EXISTS search_meta (key VARCHAR, value VARCHAR)")
            row = first_row(self._con, "SELECT value FROM search_meta WHERE key = 'fingerprint'")
            self._fingerprint = row[0] if row else None
        return self._con

    def ensure(self, store_con: duckdb.DuckDBPyConnection) -> bool:
        """Bring the index up to date with the store; True when it had to be (re)built."""
        con = self._open()
        current = fingerprint(store_con)
        if current == self._fingerprint:
            return False
        relation = store_con.sql(_SELECT_SOURCE + " ORDER BY f.doc_id, f.seq")
        source = relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.arrow()
        con.begin()
        try:
            con.execute("DROP TABLE IF EXISTS search_facts")
            con.execute("DROP TABLE IF EXISTS search_grams")
            con.register("search_source", source)
            con.execute("""CREATE TABLE search_facts AS
                SELECT row_number() OVER () AS fid, *,
                       lower(subject) || chr(10) || lower(quote) AS text
                FROM search_source""")
            con.unregister("search_source")
            con.execute(f"""CREATE TABLE search_grams AS
                SELECT DISTINCT substr(t, i, 2) AS gram, fid
                FROM (SELECT fid, text || '{_END}' AS t FROM search_facts) AS s,
                     LATERAL (SELECT unnest(range(1, length(s.t))) AS i)
                ORDER BY gram, fid""")
            con.execute("DELETE FROM search_meta WHERE key = 'fingerprint'")
            con.execute("INSERT INTO search_meta VALUES ('fingerprint', ?)", [current])
            con.commit()
        except BaseException:
            con.rollback()
            raise
        self._fingerprint = current
        self.rebuilds += 1
        return True

    def search(self, store_con: duckdb.DuckDBPyConnection, query: str, *, limit: int = 50,
               offset: int = 0) -> SearchResult:
        """Facts whose subject or quote contains every term of `query` (subject matches first, then the
        newest documents)."""
        terms = query_terms(query)
        with self._lock:
            return self._search(store_con, query, terms, limit, offset)

    def _search(self, store_con: duckdb.DuckDBPyConnection, query: str, terms: list[str], limit: int,
                offset: int) -> SearchResult:
        self.ensure(store_con)
        con = self._open()
        parts: list[str] = []
        params: list[object] = []
        for n, term in enumerate(terms):
            if len(term) == 1:
                parts.append("SELECT fid, ? AS tag FROM search_grams WHERE gram >= ? AND gram < ?")
                params += [f"u{n}", term, term + _TOP]
            else:
                parts.append("SELECT fid, gram AS tag FROM search_grams WHERE gram IN (SELECT unnest(?::VARCHAR[]))")
                params.append(bigrams(term))
        tags = sum(1 if len(t) == 1 else len(bigrams(t)) for t in terms)
        checks = " AND ".join("contains(f.text, ?)" for _ in terms)
        subject_hits = " + ".join("contains(lower(f.subject), ?)::INTEGER" for _ in terms)
        sql = f"""
            WITH candidates AS (
                SELECT fid FROM ({' UNION ALL '.join(parts)}) GROUP BY fid HAVING count(DISTINCT tag) = ?
            )
            SELECT f.* EXCLUDE (fid, text), ({subject_hits}) AS subject_hits, count(*) OVER () AS total
            FROM candidates c JOIN search_facts f ON f.fid = c.fid
            WHERE {checks}
            ORDER BY subject_hits DESC, f.published DESC NULLS LAST, f.doc, f.seq
            LIMIT ? OFFSET ?"""
        cursor = con.execute(sql, [*params, tags, *terms, *terms, int(limit), int(offset)])
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
        total = rows[0].pop("total") if rows else self._count(sql, [*params, tags, *terms, *terms], offset)
        for row in rows:
            row.pop("total", None)
        return SearchResult(query, terms, total, rows)

    def _count(self, sql: str, params: list, offset: int) -> int:
        """The number of hits when the page asked for is empty (past the end)."""
        if offset == 0:
            return 0
        assert self._con is not None  # opened by the search that asks
        cursor = self._con.execute(f"SELECT count(*) FROM ({sql})", [*params, 10**9, 0])
        return cursor.fetchall()[0][0]

    def size(self) -> dict[str, int]:
        con = self._open()
        out = {}
        for table in ("search_facts", "search_grams"):
            try:
                out[table] = one_row(con, f"SELECT count(*) FROM {table}")[0]
            except duckdb.CatalogException:
                out[table] = 0
        return out
