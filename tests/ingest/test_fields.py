"""zhibiao.ingest.fields: a record's optional fields, and one-line reasons for errors."""

import json
from datetime import date

import pytest

from zhibiao.ingest.fields import error_reason, optional_date, optional_id, optional_str


@pytest.mark.parametrize(("value", "expected"), [(None, None), ("", None), (" a ", "a"), (7, "7"), ("  ", None)])
def test_fields_optional_id(value, expected):
    assert optional_id(value) == expected


@pytest.mark.parametrize("value", [True, 1.5, ["a"], {"a": 1}])
def test_fields_optional_id_refuses_other_types(value):
    with pytest.raises(ValueError, match='"id" must be a string'):
        optional_id(value)


@pytest.mark.parametrize(("value", "expected"), [(None, None), (" t ", "t"), ("", None)])
def test_fields_optional_str(value, expected):
    assert optional_str(value, "title") == expected


def test_fields_optional_str_names_the_field():
    with pytest.raises(ValueError, match='"url" must be a string'):
        optional_str(3, "url")


@pytest.mark.parametrize(("value", "expected"), [
    (None, None), ("", None), ("2024-05-06", date(2024, 5, 6)), ("2024年5月6日", date(2024, 5, 6)),
])
def test_fields_optional_date(value, expected):
    assert optional_date(value) == expected


@pytest.mark.parametrize("value", ["yesterday", 20240506])
def test_fields_optional_date_refuses_what_is_no_date(value):
    with pytest.raises(ValueError, match="bad date"):
        optional_date(value)


def _json_error() -> json.JSONDecodeError:
    try:
        json.loads("{")
    except json.JSONDecodeError as err:
        return err
    raise AssertionError("unreachable")


@pytest.mark.parametrize(("err", "expected"), [
    (FileNotFoundError(2, "No such file or directory"), "no such file or directory"),
    (PermissionError(13, "Permission denied"), "permission denied"),
    (_json_error(), "invalid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"),
    (ValueError("two\n  lines"), "two lines"),
    (ValueError(), "ValueError"),
])
def test_fields_error_reason_is_one_line(err, expected):
    assert error_reason(err) == expected
