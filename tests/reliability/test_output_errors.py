"""Issue 12, item 7: `extract -o /no/such/dir/out.jsonl` was a traceback; a full disk gave DuckDB's
"cannot rollback - no transaction is active" instead of "no space left on device"; `export` on a full
disk left a truncated file. Every output error is one line naming the file, and output files are
written to a temporary file renamed when complete (zhibiao.outfile)."""

import errno
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhibiao import outfile
from zhibiao.cli import app
from zhibiao.errors import OutputError

runner = CliRunner()
DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"
ZHIBIAO = Path(sys.executable).with_name("zhibiao")


def _one_line_error(result, *words: str) -> None:
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize("command", [["extract", str(DEMO / "guangdong-2024-q1.txt")],
                                     ["export", "--format", "csv"], ["export", "--format", "xlsx"],
                                     ["export", "--format", "parquet"]])
def test_an_output_in_a_missing_folder_is_one_line(tmp_path, db, command):
    target = tmp_path / "no" / "such" / "out.file"
    extra = ["--db", str(db)] if command[0] == "export" else []
    result = runner.invoke(app, [*command, *extra, "-o", str(target)])
    _one_line_error(result, str(target), "no such folder")
    assert not (tmp_path / "no").exists()


def _full(path: str) -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx", "parquet"])
def test_a_full_disk_during_export_is_one_line_and_leaves_the_old_file(tmp_path, db, monkeypatch, fmt):
    target = tmp_path / f"facts.{fmt}"
    target.write_bytes(b"the previous export")
    real_replace = os.replace

    def full_disk(source, destination):  # the data went out, the disk filled before the rename
        raise _full(str(destination))

    monkeypatch.setattr(outfile.os, "replace", full_disk)
    result = runner.invoke(app, ["export", "--format", fmt, "--db", str(db), "-o", str(target)])
    monkeypatch.setattr(outfile.os, "replace", real_replace)
    _one_line_error(result, str(target), "no space left on device")
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["facts.duckdb", target.name, "corpus"])


def test_a_write_that_fails_half_way_leaves_no_file(tmp_path):
    target = tmp_path / "out.jsonl"
    with pytest.raises(OutputError, match="no space left on device"), outfile.text_output(target) as out:
        out.write("half of it\n")
        raise _full(str(target))
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def small_disk(tmp_path):
    """A 64 KB file system (tmpfs; needs root and mount, else the test is skipped)."""
    mount = tmp_path / f"small-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_extract_onto_a_full_disk_is_one_line_and_no_partial_file(small_disk):
    target = small_disk / "facts.jsonl"
    done = subprocess.run([str(ZHIBIAO), "extract", str(DEMO), "-o", str(target)], capture_output=True, text=True)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error")]
    assert errors == [f"error cannot write {target}: no space left on device"]
    assert list(small_disk.iterdir()) == []


def test_ingest_onto_a_full_disk_names_the_cause(small_disk):
    done = subprocess.run([str(ZHIBIAO), "ingest", str(DEMO), "--db", str(small_disk / "facts.duckdb")],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "cannot rollback" not in done.stderr
    assert "No space left on device" in done.stderr
