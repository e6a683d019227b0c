"""The optional fields of a record (a JSON Lines line, a Parquet row, an index entry), checked, and the
one-line reason for an OS or parse error. Shared by zhibiao.ingest.read and zhibiao.ingest.stream."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from zhibiao.ingest.dates import parse_date


def optional_id(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError('"id" must be a string')
    return str(value).strip() or None


def optional_str(value: Any, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f'"{name}" must be a string')
    return value.strip() or None


def optional_date(value: Any) -> date | None:
    """An optional YYYY-MM-DD (or YYYY年M月D日) value; raise ValueError for anything else."""
    if value is None or value == "":
        return None
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise ValueError(f"bad date {value!r} (expected YYYY-MM-DD)")
    return parsed


def error_reason(err: Exception) -> str:
    """A one-line reason for an OS or parse error."""
    if isinstance(err, FileNotFoundError):
        return "no such file or directory"
    if isinstance(err, OSError) and err.strerror:
        return err.strerror[0].lower() + err.strerror[1:]
    if isinstance(err, json.JSONDecodeError):
        return f"invalid JSON: {err.msg} (line {err.lineno}, column {err.colno})"
    return " ".join(str(err).split()) or type(err).__name__
