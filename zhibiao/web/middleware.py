"""One ASGI layer around the whole dashboard: security headers on every answer, HEAD for every GET
route, CORS on the data answers, and the time the app took (Server-Timing).

It is plain ASGI (no BaseHTTPMiddleware task group per request), so it costs microseconds on a
cached answer.
"""

from __future__ import annotations

import time

# Only the project's own scripts, styles and images; no plugins, frames, <base> or foreign forms.
# ECharts styles its elements through the CSSOM (element.style), which style-src does not restrict.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
                           "frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
_RAW_HEADERS = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]
# The data answers (JSON twins, CSV, XLSX, Markdown, Atom, the OpenAPI schema) form a read-only public API: any
# page may read them (Access-Control-Allow-Origin: *), and so any site may load them
# (Cross-Origin-Resource-Policy: cross-origin); the pages themselves stay same-origin.
TWIN_SUFFIXES = (".json", ".csv", ".xlsx", ".md", ".atom")
_TWIN_HEADERS = [(b"access-control-allow-origin", b"*"), (b"cross-origin-resource-policy", b"cross-origin")]


def is_twin(path: str) -> bool:
    return path.endswith(TWIN_SUFFIXES)


def _drop_blank_parameters(query: bytes) -> bytes:
    """A filter form sends the fields left blank as empty parameters (`?region=&measure=growth`): they
    filter nothing, so they are dropped before validation (a twin's URL is its page's with `.json`)."""
    if b"=&" not in query + b"&":
        return query
    return b"&".join(p for p in query.split(b"&") if p and not p.endswith(b"="))


class Hardened:
    """Adds SECURITY_HEADERS (unless a route set its own) and Server-Timing to every HTTP answer, CORS to
    the data answers, and answers HEAD as the GET of the same URL without its body (same status and
    headers)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = dict(scope, method="GET")
        query = scope.get("query_string", b"")
        twin = is_twin(scope["path"])
        if query and (cleaned := _drop_blank_parameters(query)) != query:
            scope = dict(scope, query_string=cleaned)
        extra = _TWIN_HEADERS if twin else []
        started = time.perf_counter()

        async def hardened_send(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in extra if k not in present]
                present.update(k for k, _ in extra)
                headers += [(k, v) for k, v in _RAW_HEADERS if k not in present]
                took = (time.perf_counter() - started) * 1000
                headers.append((b"server-timing", f"app;dur={took:.1f}".encode("latin-1")))
                message = dict(message, headers=headers)
            elif message["type"] == "http.response.body" and head:
                message = dict(message, body=b"")
            await send(message)

        await self.app(scope, receive, hardened_send)
