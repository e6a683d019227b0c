"""Where the fact database lives by default (light: the CLI reads it before any store is opened)."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "zhibiao.duckdb"
ENV_DB = "ZHIBIAO_DB"


def default_path() -> Path:
    """$ZHIBIAO_DB, else zhibiao.duckdb in the working directory."""
    return Path(os.environ.get(ENV_DB) or DEFAULT_DB)
