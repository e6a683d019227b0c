"""The extract stage: numbers, units, measures, subjects, periods, regions -> facts."""

from zhibiao.extract import lexer, measures, periods, regions, subjects
from zhibiao.extract.assemble import extract_document

__all__ = ["clear_caches", "extract_document"]

_WINDOW_CACHED = (
    subjects._window_parts, subjects.subject_after, subjects.is_anaphor, subjects.usable_topic,
    measures._read_measure_cached, measures.growth_basis, measures.change_comparator, periods._find_times,
    regions._find_regions,
)


def clear_caches() -> None:
    """Forget the results kept for recurring clause windows (a benchmark starts cold with it)."""
    for fn in _WINDOW_CACHED:
        fn.cache_clear()
    lexer.clear_caches()
