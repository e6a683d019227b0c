"""Language knowledge as data: each TOML file here is one rule table, loaded once.

The loader rejects empty patterns and duplicate entries, so a table that grows stays sound.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from zhibiao.errors import RulesError


@cache
def load(name: str) -> dict:
    """The parsed table `name` (without .toml), validated."""
    try:
        raw = resources.files(__package__).joinpath(f"{name}.toml").read_text("utf-8")
    except FileNotFoundError as e:
        raise RulesError(name, "no such rule table") from e
    table = tomllib.loads(raw)
    _validate(name, table, ())
    return table


def _validate(name: str, node, path: tuple) -> None:
    where = ".".join(map(str, path)) or "(top)"
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and not key.strip():
                raise RulesError(name, f"empty key in {where}")
            _validate(name, value, (*path, key))
    elif isinstance(node, list):
        seen = set()
        for item in node:
            if isinstance(item, str):
                if not item:
                    raise RulesError(name, f"empty pattern in {where}")
                if item in seen:
                    raise RulesError(name, f"duplicate entry {item!r} in {where}")
                seen.add(item)
            else:
                _validate(name, item, path)


@cache
def words(name: str, *path: str) -> tuple[str, ...]:
    """A word list from a table, longest first (so alternations prefer the longest match)."""
    node = load(name)
    for key in path:
        node = node[key]
    return tuple(sorted(node, key=len, reverse=True))


@cache
def alternation(name: str, *path: str) -> str:
    """A regex alternation of a word list, longest first, escaped."""
    import re

    return "|".join(re.escape(w) for w in words(name, *path))
