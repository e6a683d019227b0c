"""zhibiao: a verified, citable database of indicator facts from Chinese economic reports."""

from zhibiao.api import extract, extract_text, open
from zhibiao.errors import InputError, RulesError, StoreError, StoreLockedError, ZhibiaoError
from zhibiao.extract import extract_document
from zhibiao.models import Document, Extraction, Fact, ReadFailure
from zhibiao.store import IngestReport, Store

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
