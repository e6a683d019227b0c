"""The HTTP API against its own OpenAPI schema, by schemathesis's command line: a bounded run (a fixed
seed, 10 examples per operation, some 600 cases) of every phase (coverage, fuzzing, stateful) and every
check: no 500, only documented status codes, content types and headers, answers that match their models,
invalid input rejected, valid input accepted, undeclared methods refused with 405 and Allow. Against
uvicorn on a loopback port, over the demo corpus plus the hostile one."""

import re
import subprocess
import sys

import pytest

pytest.importorskip("schemathesis")

pytestmark = pytest.mark.slow  # a fuzzer over a served app

SEED = 20260711
EXAMPLES = 10


@pytest.fixture(scope="module")
def served(hostile_db, loopback):
    with loopback(hostile_db) as url:
        yield url


def test_web_api_conforms_to_its_schema(served, tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", f"{served}/openapi.json", "--checks", "all",
         "--max-examples", str(EXAMPLES), "--seed", str(SEED), "--no-color"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)  # its .schemathesis cache goes there
    report = run.stdout + run.stderr
    assert run.returncode == 0, report[-4000:]
    counts = re.search(r"(\d+) generated, (\d+) passed", report)
    assert counts and counts.group(1) == counts.group(2) and int(counts.group(1)) >= 300, report[-2000:]
    tested = re.search(r"Tested: (\d+)", report)
    assert tested and int(tested.group(1)) >= 11, report[-2000:]
