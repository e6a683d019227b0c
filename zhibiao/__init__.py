"""zhibiao: a verified, citable database of indicator facts from Chinese economic reports."""

from zhibiao.api import extract, extract_text, open
from zhibiao.errors import InputError, RulesError, StoreError, StoreLockedError, ZhibiaoError
from zhibiao.extract import extract_document
from zhibiao.models import Document, Extraction, Fact, ReadFailure

__all__ = [
    "Document",
    "Extraction",
    "Fact",
    "IngestReport",
    "InputError",
    "ReadFailure",
    "RulesError",
    "Store",
    "StoreError",
    "StoreLockedError",
    "ZhibiaoError",
    "extract",
    "extract_document",
    "extract_text",
    "open",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The store brings DuckDB and pandas (a second to import); extraction alone does not need them.
    if name in ("Store", "IngestReport"):
        from zhibiao import handle

        return getattr(handle, name)
    raise AttributeError(f"module 'zhibiao' has no attribute {name!r}")
