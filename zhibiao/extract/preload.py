"""Everything the extractor reads from its rule tables, made ready before the first document.

The rule tables and the patterns built from them are loaded on first use, each by a function
without arguments whose result is cached (`@cache def _patterns()`). `preload` calls every such
function of the extract and ingest modules once, so no pattern is compiled halfway through a
document, and then moves what is loaded into the collector's permanent generation
(`gc.freeze`): the tables live as long as the process, and a full collection need not walk
them again.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import pkgutil
import sys
from collections.abc import Callable, Iterator

# The ingest steps extract_document runs itself; the readers (html, stream) are not its business.
_INGEST = ("zhibiao.ingest.normalize", "zhibiao.ingest.clean", "zhibiao.ingest.segment")
# Builders with an argument, and the arguments the extractor calls them with.
_WITH_ARGUMENTS = (("zhibiao.extract.regions", "_organization_after", ((), ("newspapers",))),)

_done = False


def preload() -> None:
    """Load every rule table and compile every pattern the extractor uses (once per process)."""
    global _done
    if _done:
        return
    for build in _builders():
        build()
    for module, name, arguments in _WITH_ARGUMENTS:
        for argument in arguments:
            getattr(sys.modules[module], name)(*argument)
    periods = sys.modules["zhibiao.extract.periods"]
    for name in periods._fragments():
        periods._fragment(name)
    _done = True
    gc.freeze()


def _builders() -> Iterator[Callable[[], object]]:
    """The cached functions without parameters defined in the extract modules and the ingest steps."""
    package = importlib.import_module("zhibiao.extract")
    extract = [f"zhibiao.extract.{info.name}" for info in pkgutil.iter_modules(package.__path__)]
    for name in (*extract, *_INGEST):
        module = importlib.import_module(name)
        for fn in list(vars(module).values()):
            if _is_builder(fn, name):
                yield fn


def _is_builder(fn: object, module: str) -> bool:
    wrapped = getattr(fn, "__wrapped__", None)
    if not hasattr(fn, "cache_clear") or wrapped is None or getattr(fn, "__module__", None) != module:
        return False
    try:
        return not inspect.signature(wrapped).parameters
    except (TypeError, ValueError):
        return False
