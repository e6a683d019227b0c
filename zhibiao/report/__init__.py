"""`zhibiao report`: the half-year (or any period's) briefing written from the store, every figure cited.

`build_report(store, period, region=...)` (also `Store.report`) returns the structured briefing
(zhibiao.report.model); zhibiao.report.render turns it into Markdown or HTML.
"""

from zhibiao.report.build import PeriodError, build_report, parse_period
from zhibiao.report.model import Chart, Figure, Paragraph, Report, Section, Sentence, Source

__all__ = ["Chart", "Figure", "Paragraph", "PeriodError", "Report", "Section", "Sentence", "Source", "build_report",
           "parse_period"]
