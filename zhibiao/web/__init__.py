"""The web dashboard over a fact store: `zhibiao serve`, or `create_app(db_path)` for any ASGI server."""

from zhibiao.web.app import create_app

__all__ = ["create_app"]
