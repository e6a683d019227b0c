"""zhibiao: a verified, citable database of indicator facts from Chinese economic reports."""

from zhibiao.api import extract, extract_text
from zhibiao.errors import InputError, RulesError, ZhibiaoError
from zhibiao.extract import extract_document
from zhibiao.models import Document, Extraction, Fact, ReadFailure

__all__ = [
    "Document",
    "Extraction",
    "Fact",
    "InputError",
    "ReadFailure",
    "RulesError",
    "ZhibiaoError",
    "extract",
    "extract_document",
    "extract_text",
]
__version__ = "0.1.0"
