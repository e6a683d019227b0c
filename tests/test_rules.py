import pytest

import zhibiao
from zhibiao import rules
from zhibiao.errors import RulesError

TABLES = ["units", "qualifiers", "measures", "periods", "regions", "scope", "boilerplate", "subjects", "hosts",
          "vintages", "bases", "checks"]


@pytest.mark.parametrize("name", TABLES)
def test_rules_every_table_loads(name):
    assert rules.load(name)


@pytest.mark.parametrize(
    ("node", "message"),
    [({"words": ["同比", "同比"]}, "duplicate"), ({"words": ["同比", ""]}, "empty pattern"), ({" ": 1}, "empty key")],
)
def test_rules_validation_rejects_bad_tables(node, message):
    with pytest.raises(RulesError, match=message):
        rules._validate("t", node, ())


def test_rules_unknown_table_is_an_error():
    with pytest.raises(RulesError):
        rules.load("no_such_table")


def test_public_api_is_what_all_says():
    for name in zhibiao.__all__:
        assert hasattr(zhibiao, name)
    assert set(zhibiao.__all__) >= {"extract", "extract_text", "Fact", "Document"}


def test_extract_text_convenience():
    facts = zhibiao.extract_text("2024年,全国粮食总产量70650万吨,比上年增长1.6%。")
    assert [(f.measure, f.value, f.unit) for f in facts] == [("level", 706500000.0, "t"), ("growth", 1.6, "%")]
