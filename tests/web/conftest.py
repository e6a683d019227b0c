"""Web fixtures: the demo corpus ingested once per session, and an in-process client (httpx over ASGI)."""

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

import zhibiao
from zhibiao.web import create_app

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"


@contextmanager
def served_on_loopback(db: Path) -> Iterator[str]:
    """The dashboard over `db`, served by uvicorn in a thread on a free loopback port; its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(db)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)
        app.state.store.close()


@pytest.fixture(scope="session")
def loopback():
    """served_on_loopback, for module fixtures that serve a database to a browser or a fuzzer."""
    return served_on_loopback


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web") / "demo.duckdb"
    with zhibiao.open(path) as store:
        report = store.ingest([DEMO])
    assert not report.failures
    return path


class Client:
    """A synchronous face on httpx's ASGI transport: requests go straight into the app, no server.

    Exceptions the app does not handle propagate (raise_app_exceptions), so a route that would answer
    500 fails its test with the traceback instead.
    """

    def __init__(self, app, raise_app_exceptions: bool = True):
        self.app = app
        self.raise_app_exceptions = raise_app_exceptions

    def get(self, path: str, **kwargs) -> httpx.Response:
        async def go():
            transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=self.raise_app_exceptions)
            async with httpx.AsyncClient(transport=transport, base_url="http://zhibiao.test") as client:
                return await client.get(path, **kwargs)

        return asyncio.run(go())


@pytest.fixture(scope="session")
def make_client():
    """Client, for tests that build an app of their own."""
    return Client


@pytest.fixture(scope="session")
def demo_app(demo_db):
    app = create_app(demo_db)
    yield app
    app.state.store.close()


@pytest.fixture(scope="session")
def client(demo_app) -> Client:
    return Client(demo_app)
