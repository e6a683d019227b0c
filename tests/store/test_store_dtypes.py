"""The DataFrames of the API have the same dtypes whatever rows they hold (issue 12)."""

import pandas as pd
import pytest

import zhibiao


@pytest.fixture
def store(db):
    with zhibiao.open(db) as opened:
        yield opened


FRAMES = {
    "facts": lambda s: s.facts(),
    "facts, none": lambda s: s.facts(region="火星"),
    "series": lambda s: s.series("industrial_value_added"),
    "series, none": lambda s: s.series("industrial_value_added", region="火星"),
    "conflicts": lambda s: s.conflicts(),
    "documents": lambda s: s.documents(),
}


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_dates_are_datetimes_values_floats_vocabularies_categories(store, name):
    df = FRAMES[name](store)
    for column in ("published", "published_a", "published_b", "period_start", "period_end"):
        if column in df:
            assert df[column].dtype == "datetime64[ns]", column
    for column in ("value", "value_max", "value_a", "value_b"):
        if column in df:
            assert df[column].dtype == "float64", column
    for column in ("measure", "unit", "period_type"):
        if column in df:
            assert isinstance(df[column].dtype, pd.CategoricalDtype), column


def test_a_series_has_a_time_index(store):
    df = store.series("industrial_value_added", measure="growth", period_type="H")
    indexed = df.set_index("period_end")["value"]
    assert isinstance(indexed.index, pd.DatetimeIndex)
    assert indexed.loc["2023-06-30"] == 3.8
    row = df[df["period"] == "2023-H1"].iloc[0]
    assert (row["period_start"], row["period_end"]) == (pd.Timestamp("2023-01-01"), pd.Timestamp("2023-06-30"))
