"""The HTTP API against its own OpenAPI schema, by schemathesis's command line: a bounded run (a fixed
seed, 10 examples per operation, some 600 cases) of every phase (coverage, fuzzing, stateful) and every
check: no 500, only documented status codes, content types and headers, answers that match their models,
invalid input rejected, valid input accepted, undeclared methods refused with 405 and Allow. Against
uvicorn on a loopback port, over the demo corpus plus the hostile one."""

import re
import socket
import subprocess
import sys
import threading
import time

import pytest

pytest.importorskip("schemathesis")

SEED = 20260711
EXAMPLES = 10


@pytest.fixture(scope="module")
def served(hostile_db):
    import uvicorn

    from zhibiao.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(hostile_db)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    app.state.store.close()


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
