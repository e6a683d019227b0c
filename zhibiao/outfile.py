"""Output files written whole or not at all.

Everything goes to a temporary file beside the target, which is renamed over the target only when
the write has finished: a full disk, a crash or Ctrl-C half-way leave no truncated file (and an
older file of the same name as it was). Every OS error becomes one OutputError naming the file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from zhibiao.errors import OutputError


def reason(err: OSError) -> str:
    """The OS's words for an error, lower-cased ("no space left on device")."""
    text = err.strerror or str(err) or type(err).__name__
    return text[0].lower() + text[1:]


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path to write to; renamed to `path` when the block ends without an error."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(str(path), f"no such folder {folder}" if not folder.exists() else f"{folder} is not a folder")
    if path.is_dir():
        raise OutputError(str(path), "is a folder")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
        os.close(handle)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 is for secrets, not exports
    except OSError as err:
        raise OutputError(str(path), reason(err)) from None
    try:
        yield Path(temporary)
        os.replace(temporary, path)
    except OSError as err:
        _remove(temporary)
        raise OutputError(str(path), reason(err)) from None
    except BaseException:
        _remove(temporary)
        raise


@contextlib.contextmanager
def text_output(path: Path, *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """A text file opened for writing through `replacing`, flushed to disk before the rename."""
    with replacing(path) as temporary:
        try:
            with temporary.open("w", encoding=encoding, newline="") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as err:
            raise OutputError(str(path), reason(err)) from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
