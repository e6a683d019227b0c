"""Exceptions with one-line messages meant for users.

    ZhibiaoError
     ├── InputError      a file or document that cannot be read (names the file)
     └── RulesError      a rule table in zhibiao/rules/ is malformed (a bug, caught by tests)
"""

from __future__ import annotations


class ZhibiaoError(Exception):
    """Base class: str(error) is a complete one-line message."""


class InputError(ZhibiaoError):
    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class RulesError(ZhibiaoError):
    def __init__(self, table: str, reason: str):
        super().__init__(f"rules/{table}: {reason}")
