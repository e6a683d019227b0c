"""Imported once by the worker processes' forkserver (zhibiao.parallel): everything a worker
needs is loaded and compiled here, before the workers fork, so that no worker pays it again.

Importing this module has that one effect on purpose; nothing else imports it.
"""

from datetime import date

from zhibiao import pipeline, stories
from zhibiao.catalogue import load_catalogue
from zhibiao.extract import clear_caches, extract_document
from zhibiao.models import Document

__all__ = ["pipeline", "stories"]

# One small report through the whole grammar compiles every rule table's patterns.
extract_document(Document("preload", "上半年,全国规模以上工业增加值同比增长6.4%,增速较一季度加快0.8个百分点。"
                                     "截至6月底,5G基站总数达455万个。\n产品名称\t本月\n粗钢(万吨)\t8318\n",
                          "<preload>", date(2025, 7, 15)))
clear_caches()
load_catalogue()
