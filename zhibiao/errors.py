"""Exceptions with one-line messages meant for users.

    ZhibiaoError
     ├── InputError        a file or document that cannot be read (names the file)
     ├── RulesError        a rule table in zhibiao/rules/ is malformed (a bug, caught by tests)
     ├── OutputError       an output file that cannot be written (names the file)
     └── StoreError        the fact database cannot be used as asked (names the file)
          └── StoreLockedError   another process holds the database
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


class StoreError(ZhibiaoError):
    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"database {path}: {reason}")


class StoreLockedError(StoreError):
    def __init__(self, path: str, pid: int | None):
        self.pid = pid
        holder = f" (pid {pid})" if pid else ""
        reason = f"in use by another process{holder}; try again when it has finished"
        super().__init__(path, reason)
        self.args = (f"database {path} is {reason}",)

    def __str__(self) -> str:
        return self.args[0]


class OutputError(ZhibiaoError):
    """An output file that cannot be written (a missing folder, a full disk); names the file."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"cannot write {path}: {reason}")
