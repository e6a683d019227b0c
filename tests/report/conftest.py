"""A store built once from the demo corpus plus the two ministry briefings of ../shared/corpus/dev."""

from pathlib import Path

import pytest

import zhibiao

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"
DEV = ROOT.parent / "shared" / "corpus" / "dev"


@pytest.fixture(scope="session")
def briefings_db(tmp_path_factory) -> Path:
    if not (DEV / "index.json").is_file():
        pytest.skip("../shared/corpus/dev is absent")
    path = tmp_path_factory.mktemp("report") / "briefings.duckdb"
    with zhibiao.open(path) as store:
        assert not store.ingest([DEMO]).failures
        assert not store.ingest([DEV]).failures
    return path


@pytest.fixture(scope="session")
def briefings(briefings_db):
    store = zhibiao.open(briefings_db)
    yield store
    store.close()
