"""Data flows forward only: every import in the package points down the table of layers.

The pipeline reads and cleans documents (ingest), finds their facts (extract), gives them meaning
(periods, the catalogue, the gate, stories, derived facts), prepares each document for the store
(prepare, pipeline), stores it (store), and only then are series, conflicts, checks, briefings and
the watch built on what is stored; the API puts them together and the web app and the command line
sit on top. A module may import its own layer or any layer below it, never one above: this test
parses every module (imports inside functions and under TYPE_CHECKING included) and names each
import that points up.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "zhibiao"

# Bottom first. A module belongs to the layer of the longest prefix listed for it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # zhibiao.web.safety: the id and URL encodings every link uses, the briefing's too (it imports nothing).
    # zhibiao.period: the period and basis value types that extraction writes and everything after reads.
    ("base", ("zhibiao.models", "zhibiao.errors", "zhibiao.rules", "zhibiao.outfile", "zhibiao.parallel",
              "zhibiao.web.safety", "zhibiao.period")),
    # The gate reads a document's text before anything is extracted from it.
    ("ingest", ("zhibiao.ingest", "zhibiao.gate")),
    ("extract", ("zhibiao.extract",)),
    ("meaning", ("zhibiao.catalogue", "zhibiao.stories", "zhibiao.derive")),
    ("prepare", ("zhibiao.prepare", "zhibiao.pipeline", "zhibiao.engines.rows")),
    ("store", ("zhibiao.store",)),
    ("series", ("zhibiao.series", "zhibiao.analysis", "zhibiao.checks", "zhibiao.report", "zhibiao.watch",
                "zhibiao.export")),
    ("api", ("zhibiao.ingesting", "zhibiao.handle", "zhibiao.api", "zhibiao.engines", "zhibiao.watch.run",
             "zhibiao._preload")),
    ("surface", ("zhibiao.web", "zhibiao.cli")),  # and the package's own __init__
)


# Stricter than the table: the store takes documents already prepared, so it never reaches past
# zhibiao.prepare into the stages that read and extract them.
FORBIDDEN = {"zhibiao.store": ("zhibiao.pipeline", "zhibiao.extract", "zhibiao.ingest")}


# Importing any module of the package runs the package's __init__ first, so `import zhibiao` (for
# its __version__) adds no arrow.
ROOT = "zhibiao"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int:
    best, rank = -1, -1
    for index, (name, prefixes) in enumerate(LAYERS):
        for prefix in (*prefixes, ROOT) if name == "surface" else prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    assert rank >= 0, f"{module} is in no layer: add it to LAYERS"
    return rank


def is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imports(path: Path) -> list[tuple[int, str, str | None]]:
    """(line, imported zhibiao module, imported name or None) for every import in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, None) for alias in node.names if alias.name.startswith("zhibiao")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("zhibiao"):
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                found.append((node.lineno, target, None) if is_module(target) else
                             (node.lineno, node.module, alias.name))
    return found


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def forbidden(importer: str, target: str) -> bool:
    return any(_within(importer, owner) and any(_within(target, t) for t in targets)
               for owner, targets in FORBIDDEN.items())


def allowed(importer: str, target: str, name: str | None = None) -> bool:
    if target == ROOT and name is None:
        return True
    return layer_of(target) <= layer_of(importer) and not forbidden(importer, target)


def backward_arrows(path: Path) -> list[str]:
    importer = module_name(path)
    mine = layer_of(importer)
    out = []
    for line, target, name in imports(path):
        if not allowed(importer, target, name):
            what = f"{target}.{name}" if name else target
            out.append(f"{importer}:{line} ({LAYERS[mine][0]}) imports {what} ({LAYERS[layer_of(target)][0]})")
    return out


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_layers_imports_point_down(path):
    assert backward_arrows(path) == []


@pytest.mark.parametrize(("importer", "target", "expected"), [
    ("zhibiao.store.writer", "zhibiao.prepare", True),
    ("zhibiao.store.writer", "zhibiao.stories", True),
    ("zhibiao.store.database", "zhibiao.extract.assemble", False),
    ("zhibiao.store.database", "zhibiao.ingest.read", False),
    ("zhibiao.store.writer", "zhibiao.series", False),
    ("zhibiao.prepare", "zhibiao.derive", True),
    ("zhibiao.derive", "zhibiao.analysis", False),
    ("zhibiao.ingest.read", "zhibiao", True),
    ("zhibiao.handle", "zhibiao.store.database", True),
    ("zhibiao.store.database", "zhibiao.pipeline", False),
    ("zhibiao.store.queries", "zhibiao.checks", False),
    ("zhibiao.prepare", "zhibiao.ingesting", False),
    ("zhibiao.ingest.stream", "zhibiao.extract.numbers", False),
    ("zhibiao.web.views", "zhibiao.handle", True),
])
def test_layers_table_orders_the_pipeline(importer, target, expected):
    assert allowed(importer, target) is expected


def test_layers_finds_a_backward_import_inside_a_function(tmp_path, monkeypatch):
    store = tmp_path / "zhibiao" / "store"
    store.mkdir(parents=True)
    (tmp_path / "zhibiao" / "pipeline.py").write_text("")
    module = store / "bad.py"
    module.write_text("def f():\n    from zhibiao import pipeline\n    return pipeline\n")
    monkeypatch.setattr(f"{__name__}.PACKAGE", tmp_path / "zhibiao")
    assert backward_arrows(module) == ["zhibiao.store.bad:2 (store) imports zhibiao.pipeline (prepare)"]


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (a name imported from a module counts as the module)."""
    graph: dict[str, set[str]] = {}
    for path in MODULES:
        importer = module_name(path)
        graph[importer] = {target for _, target, _name in imports(path) if target != ROOT}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import one another in a loop (strongly connected components of more
    than one module, by Tarjan's algorithm), each sorted, in order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_layers_no_module_imports_itself_back_through_another():
    # Within a layer too: zhibiao.ingest.read and zhibiao.ingest.stream share decode, html and fields
    # rather than each other's private names. (The web app's pages, on top of everything, are left out.)
    surface = [name for name, _ in LAYERS].index("surface")
    graph = {m: targets for m, targets in import_graph().items() if layer_of(m) < surface}
    assert cycles(graph) == []


@pytest.mark.parametrize(("graph", "expected"), [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
])
def test_layers_cycles_are_found(graph, expected):
    assert cycles(graph) == expected
