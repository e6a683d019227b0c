"""The extract stage: numbers, units, measures, subjects, periods, regions -> facts."""

from zhibiao import period
from zhibiao.extract import (
    comparators,
    context,
    hosts,
    lexer,
    measures,
    numbers,
    periods,
    regions,
    sentence,
    subjects,
    tables,
)
from zhibiao.extract.assemble import extract_document

__all__ = ["clear_caches", "extract_document"]

_WINDOW_CACHED = (
    subjects._window_parts, subjects.subject_after, subjects.is_anaphor, subjects.usable_topic,
    measures._read_measure_cached, measures.growth_basis, measures.change_comparator, periods._find_times,
    regions._find_regions,
    subjects.canonical, subjects._strip_tail, subjects.account_holder, measures.has_minus, periods._month,
    numbers.parse_number, context._part_of, context.is_date, context._without_place_said_first,
    sentence._previous_reading, tables._header_cell, hosts.host_labels, hosts.host_place,
    period.shift_year, period.previous, period.end_date, period.end_month, comparators.resolve_comparator,
)


def clear_caches() -> None:
    """Forget the results kept for recurring clause windows (a benchmark starts cold with it)."""
    for fn in _WINDOW_CACHED:
        fn.cache_clear()
    lexer.clear_caches()
