"""Work per character of extraction, counted in CPU instructions (valgrind's callgrind), not timed:
the figure issue 14 is measured by, steady on a busy machine where seconds are not.

Usage: .venv/bin/python benchmarks/work_per_char.py [--corpus DIR ...]. Prints figures, asserts nothing.

One cold pass (caches cleared) of extract_document over the demo corpus and, when present, the shared
dev sets; the same process run with nothing to extract is subtracted, so imports and rule tables
loading are not counted. Needs valgrind on PATH.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
CORPORA = [REPO / "examples" / "demo", SHARED / "dev", SHARED / "dev2"]
PROFILE = REPO / "artifacts" / "callgrind.out"
PASS = """
import sys
from pathlib import Path
from zhibiao.extract import clear_caches, extract_document
from zhibiao.ingest.read import iter_documents
from zhibiao.models import Document, ReadFailure
docs = [d for p in sys.argv[2:] for d in iter_documents([Path(p)]) if not isinstance(d, ReadFailure)]
extract_document(Document("warm", "2025年1-6月,规模以上工业增加值同比增长6.4%。", "<warm>", None))
clear_caches()
if sys.argv[1] == "pass":
    for doc in docs:
        extract_document(doc)
print(len(docs), sum(len(d.text) for d in docs))
"""


def _instructions(mode: str, corpora: list[Path], out: Path) -> tuple[int, str]:
    run = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", PASS,
                          mode, *map(str, corpora)], capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", run.stderr).group(1)), run.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, action="append", help="folders to read (default: demo, dev, dev2)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    corpora = [c for c in (args.corpus or CORPORA) if c.is_dir()]
    PROFILE.parent.mkdir(exist_ok=True)
    full, counts = _instructions("pass", corpora, PROFILE)
    with tempfile.TemporaryDirectory() as tmp:
        empty, _ = _instructions("empty", corpora, Path(tmp) / "empty.out")
    docs, chars = map(int, counts.split())
    names = ", ".join(c.name for c in corpora)
    print(f"corpus:                   {docs} documents, {chars:,} characters ({names})")
    print(f"instructions, pass:       {full - empty:,}")
    print(f"instructions per char:    {(full - empty) // max(chars, 1):,}")
    print(f"profile (whole process):  callgrind_annotate {PROFILE.relative_to(REPO)}")


if __name__ == "__main__":
    main()
