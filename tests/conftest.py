"""Shared fixtures: a small corpus written for the store tests, and a database ingested from it."""

import json
import os
from pathlib import Path

import pytest
from hostile_corpus import HOSTILE, hostile_documents
from hypothesis import settings

# The gate (`make test`, CI) replays the same generated examples on every run, so it passes or fails
# on the code alone; `make fuzz` (HYPOTHESIS_PROFILE=explore) draws new ones to look for new failures.
settings.register_profile("gate", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=2000, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "gate"))

# Five short reports written for these tests. h1 states a half-year growth and its change against
# Q1 (implying Q1); q1 states Q1 outright (consistent); h1-repost is h1 in traditional characters
# with another site's furniture; gdp-prelim and gdp-revised disagree on 2023 GDP growth.
CORPUS = {
    "h1.txt": ("2023-07-17", "国家统计局发布数据,2023年上半年,全国规模以上工业增加值同比增长3.8%,"
               "增速较一季度加快0.8个百分点。其中,二季度增长4.5%。截至6月底,全国5G基站总数达到293.7万个。"),
    "q1.txt": ("2023-04-18", "一季度,全国规模以上工业增加值同比增长3.0%。3月份,规上工业增加值同比增长3.9%。"),
    "h1-repost.txt": ("2023-07-18", "首頁 > 財經 > 正文\n"
                      "國家統計局發布數據,2023年上半年,全國規模以上工業增加值同比增長3.8%,"
                      "增速較一季度加快0.8個百分點。其中,二季度增長4.5%。截至6月底,全國5G基站總數達到293.7萬個。\n"
                      "責任編輯:李明"),
    "gdp-prelim.txt": ("2024-01-17", "初步核算,2023年全年国内生产总值1260582亿元,按不变价格计算,比上年增长5.2%。"),
    "gdp-revised.txt": ("2024-12-27", "根据第五次全国经济普查结果修订,2023年国内生产总值比上年增长5.4%,"
                                      "比初步核算数提高0.2个百分点。"),
}


def write_corpus(folder: Path, corpus: dict = CORPUS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    index = []
    for name, (day, text) in corpus.items():
        (folder / name).write_text(text, encoding="utf-8")
        index.append({"id": Path(name).stem, "file": name, "date": day})
    (folder / "index.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def db(tmp_path, corpus) -> Path:
    """A database ingested from the corpus, closed again."""
    import zhibiao

    path = tmp_path / "facts.duckdb"
    with zhibiao.open(path) as store:
        report = store.ingest([corpus])
    assert report.added == len(CORPUS) and not report.failures
    return path


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> Path:
    """The demo corpus and the hostile one in one database (so hostile points share charts with real
    ones), ingested from a copy under a temporary folder whose absolute path no answer may show."""
    import shutil

    import zhibiao

    folder = tmp_path_factory.mktemp("hostile-corpus")
    shutil.copy(HOSTILE, folder / HOSTILE.name)
    path = tmp_path_factory.mktemp("hostile-db") / "hostile.duckdb"
    with zhibiao.open(path) as store:
        report = store.ingest([Path(__file__).resolve().parents[1] / "examples" / "demo", folder])
    assert not report.failures and report.added == report.seen > len(hostile_documents())
    return path
