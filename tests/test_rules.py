from importlib import resources

import pytest

import zhibiao
from zhibiao import rules
from zhibiao.errors import RulesError

# The top-level keys each rule table must have (the code reads them); a table may hold more.
# A table of entries keyed by name (indicators.toml) lists instead the fields every entry has,
# under ENTRY_FIELDS. Adding a table to zhibiao/rules/ means adding its line here.
SCHEMA: dict[str, set[str]] = {
    "bases": {"two_year_average", "comparators", "same_period", "year", "clause_end"},
    "boilerplate": {"bullets", "cut_after", "drop_line", "inline", "nav_line"},
    "script": {"taiwan_terms", "variant_characters", "written_years"},
    "catalogue": {"group", "modifier"},
    "checks": {"jump"},
    "counties": {"counties", "districts"},
    "derive": {"changed", "clause_end"},
    "display": {"frequencies", "groups", "indicators", "units"},
    "gate": {"numerals", "ordinal", "prefix", "table", "units"},
    "grammar": {"marks", "comparator", "lists", "context", "sentence", "qualifier"},
    "hosts": {"names", "gov_cn"},
    "indicators": {"gdp", "cpi"},
    "measures": {"growth", "change", "amount_change", "to_level", "share", "contribution", "pull", "basis",
                 "target", "multiple", "comparison_clause", "comparators"},
    "periods": {"context", "cumulative", "halves", "month_names", "now", "quarters", "relative_year",
                "relative_year_places", "reports", "reset", "ten_days"},
    "qualifiers": {"approx_within", "infix", "prefix", "suffix"},
    "regions": {"areas", "cities", "compared_before", "countries", "global", "local", "national", "not_places",
                "standard_after",
                "not_region_after", "not_region_before", "organization_names", "provinces"},
    "report": {"classifiers", "headline", "measures", "national", "notes", "periods", "programmes", "qualifiers",
               "render", "sections", "templates", "title", "title_region", "verbs"},
    "scope": {"economic", "off_topic", "thresholds"},
    "subjects": {"lead", "marks", "change_amounts", "currency_tail", "daily_average", "topics",
                 "predicate_openers", "method", "link_verbs",
                 "holders_measures", "counted_accounts", "drivers", "production_verbs", "object_after", "object_before",
                 "ranked_by",
                 "stop", "canonical", "after_count", "qualifier_tail", "adverb_tail", "anaphora_heads",
                 "total_heads", "account_anaphora", "holder_measure", "plan_outcome", "segment_topics",
                 "after_distributive", "anaphora_prefixes", "anaphora", "distributive", "list_heads", "stocks",
                 "shared_heads",
                 "complete_noun_ends", "ratios", "trim", "quotes", "particles", "reporting", "points_back",
                 "bare_nouns", "list_split"},
    "tables": {"label_headers", "unit_headers", "measures", "level_headers", "label_measures", "periods",
               "comparison", "unit_line", "captions", "notes", "label_marks", "placeholders", "change_headers",
               "change_cells", "point_units", "titles", "patterns", "measure_rows", "same_span"},
    "units": {"acronyms", "bare_multipliers", "class_amounts", "classifiers", "currencies", "durations",
              "index_levels", "latin", "multipliers", "multipliers_not_before", "names_after", "needs_multiplier",
              "per_units", "physical"},
    "vintages": {"stages", "words", "not_vintage", "sentence_end"},
}
ENTRY_FIELDS: dict[str, set[str]] = {
    "indicators": {"name_zh", "name_en", "group", "definition", "measure", "unit", "aliases"},
}


def _table_files() -> list[str]:
    """The rule tables the package ships: every .toml file in zhibiao/rules/."""
    return sorted(f.name.removesuffix(".toml") for f in resources.files("zhibiao.rules").iterdir()
                  if f.name.endswith(".toml"))


def test_rules_folder_holds_tables():
    assert {"units", "measures", "periods", "subjects", "tables"} <= set(_table_files())


@pytest.mark.parametrize("name", _table_files())
def test_rules_every_table_has_a_schema(name):
    assert name in SCHEMA, f"rules/{name}.toml: add its expected top-level keys to SCHEMA in this file"


@pytest.mark.parametrize("name", sorted(SCHEMA))
def test_rules_every_schema_names_a_table(name):
    assert name in _table_files()


@pytest.mark.parametrize("name", _table_files())
def test_rules_every_table_loads_with_its_keys(name):
    table = rules.load(name)
    assert table
    assert SCHEMA.get(name, set()) <= set(table), sorted(SCHEMA.get(name, set()) - set(table))


@pytest.mark.parametrize("name", sorted(ENTRY_FIELDS))
def test_rules_every_entry_has_its_fields(name):
    for key, entry in rules.load(name).items():
        assert ENTRY_FIELDS[name] <= set(entry), (key, sorted(ENTRY_FIELDS[name] - set(entry)))


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
