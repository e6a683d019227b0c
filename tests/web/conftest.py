"""Web fixtures: the demo corpus ingested once per session, and an in-process client (httpx over ASGI)."""

import asyncio
from pathlib import Path

import httpx
import pytest

import zhibiao
from zhibiao.web import create_app

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"


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
