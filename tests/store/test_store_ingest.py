"""Ingest into the store: what is stored, idempotent re-ingest, replacement, failures."""

import duckdb

import zhibiao
from zhibiao.models import Document
from zhibiao.prepare import content_hash

STABLE = ["doc", "seq", "indicator", "subject", "measure", "value", "unit", "qualifier", "period", "basis", "region",
          "modality", "quote", "span_start", "span_end", "derived", "derivation", "story"]


def _records(df):
    return df.astype(object).where(df.notna(), None).to_dict("records")


def _snapshot(path):
    with zhibiao.open(path) as store:
        facts = _records(store.facts()[STABLE])
        docs = _records(store.documents()[["id", "story", "copies", "fact_count", "content_hash"]])
        return store.counts(), facts, docs


def test_store_ingest_stores_documents_facts_and_stories(db):
    with zhibiao.open(db) as store:
        counts = store.counts()
        docs = store.documents().set_index("id")
        assert counts["documents"] == 5 and counts["story_signatures"] == 5
        assert counts["facts"] == int(docs["fact_count"].sum()) > 10
        assert docs.loc["h1", "story"] == docs.loc["h1-repost", "story"]
        assert docs.loc["h1", "copies"] == 2
        assert len(set(docs["story"])) == 4
        assert store.check() == []
    con = duckdb.connect(str(db), read_only=True)
    text, clean, published = con.execute(
        "SELECT original_text, clean_text, published FROM documents WHERE id = 'h1-repost'").fetchone()
    con.close()
    assert "國家統計局" in text and "国家统计局" in clean and str(published) == "2023-07-18"


def test_store_reingest_is_idempotent(db, corpus):
    before = _snapshot(db)
    with zhibiao.open(db) as store:
        report = store.ingest([corpus])
    assert (report.added, report.replaced, report.unchanged) == (0, 0, 5)
    assert _snapshot(db) == before


def test_store_force_reextracts_to_the_same_result(db, corpus):
    before = _snapshot(db)
    with zhibiao.open(db) as store:
        report = store.ingest([corpus], force=True)
    assert report.replaced == 5
    assert _snapshot(db) == before


def test_store_a_changed_document_replaces_its_facts(db, corpus):
    (corpus / "q1.txt").write_text("一季度,全国规模以上工业增加值同比增长3.3%。", encoding="utf-8")
    with zhibiao.open(db) as store:
        report = store.ingest([corpus])
        assert (report.added, report.replaced, report.unchanged) == (0, 1, 4)
        q1 = store.facts(doc="q1")
        assert q1["value"].tolist() == [3.3]
        assert store.check() == []
        # The stated 3.3 now contradicts the 3.0 implied by the half-year report.
        conflicts = store.conflicts(indicator="industrial_value_added")
        assert conflicts["kind"].tolist() == ["derived vs stated"]
        assert sorted([conflicts["value_a"][0], conflicts["value_b"][0]]) == [3.0, 3.3]


def test_store_a_new_repost_joins_the_stored_story(db, tmp_path):
    extra = tmp_path / "later"
    extra.mkdir()
    text = ("转载 | 国家统计局发布数据,2023年上半年,全国规模以上工业增加值同比增长3.8%,增速较一季度加快0.8个百分点。"
            "其中,二季度增长4.5%。截至6月底,全国5G基站总数达到293.7万个。")
    (extra / "h1-third.txt").write_text(text, encoding="utf-8")
    with zhibiao.open(db) as store:
        store.ingest([extra], date=None)
        docs = store.documents().set_index("id")
        assert docs.loc["h1-third", "story"] == docs.loc["h1", "story"]
        assert docs.loc["h1", "copies"] == 3
        row = store.series("industrial_value_added", period_type="H").iloc[0]
        assert (row["period"], row["stories"], row["copies"]) == ("2023-H1", 1, 3)


def test_store_bad_documents_are_reported_and_the_rest_stored(tmp_path, corpus):
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02" * 50)
    (corpus / "empty.txt").write_bytes(b"")
    with zhibiao.open(tmp_path / "x.duckdb") as store:
        report = store.ingest([corpus])
        assert report.added == 5
        assert sorted(f.source.rsplit("/", 1)[-1] for f in report.failures) == ["broken.txt", "empty.txt"]
        assert store.counts()["documents"] == 5


def test_store_content_hash_covers_text_and_date():
    a = Document("a", "文本", "a.txt")
    assert content_hash(a) == content_hash(Document("a", "文本", "elsewhere.txt"))
    assert content_hash(a) != content_hash(Document("a", "文本2", "a.txt"))
    from datetime import date

    assert content_hash(a) != content_hash(Document("a", "文本", "a.txt", date(2024, 1, 1)))


def test_store_small_batches_give_the_same_database(tmp_path, corpus, db):
    path = tmp_path / "one-by-one.duckdb"
    with zhibiao.open(path) as store:
        store.ingest([corpus], batch_size=1)
    assert _snapshot(path) == _snapshot(db)
