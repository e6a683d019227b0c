"""The web dashboard over a fact store: `zhibiao serve`, or `create_app(db_path)` for any ASGI server.

create_app is imported on first use, so the report (which links to evidence pages through
zhibiao.web.safety) does not load FastAPI.
"""

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from zhibiao.web.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
