"""The extract stage: numbers, units, measures, subjects, periods, regions -> facts."""

from zhibiao.extract.assemble import extract_document

__all__ = ["extract_document"]
