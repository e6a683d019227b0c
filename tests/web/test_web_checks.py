"""The consistency checks page and its JSON twin."""

import zhibiao
from tests.test_checks import CORPUS


def test_checks_page_and_its_twin(tmp_path, make_client):
    from tests.conftest import write_corpus
    from zhibiao.web import create_app

    db = tmp_path / "checks.duckdb"
    with zhibiao.open(db) as store:
        store.ingest([write_corpus(tmp_path / "corpus", CORPUS)])
    client = make_client(create_app(db))
    d = client.get("/checks.json").json()
    assert d["total"] == 2 and d["counts"] == {"change_contradicts_levels": 1, "share_above_100": 1}
    figures = [x for g in d["indicators"] for f in g["findings"] for x in f["figures"]]
    assert all(x["evidence"].startswith("/evidence/") for x in figures)
    html = client.get("/checks").text
    assert "128.5%" in html and 'data-check="share_above_100"' in html
    assert client.get("/checks.json?indicator=nope").status_code == 404
