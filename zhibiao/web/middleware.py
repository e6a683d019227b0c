"""One ASGI layer around the whole dashboard: security headers on every answer, HEAD for every GET
route, and the time the app took (Server-Timing).

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


class Hardened:
    """Adds SECURITY_HEADERS (unless a route set its own) and Server-Timing to every HTTP answer, and
    answers HEAD as the GET of the same URL without its body (same status and headers)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = dict(scope, method="GET")
        started = time.perf_counter()

        async def hardened_send(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in _RAW_HEADERS if k not in present]
                took = (time.perf_counter() - started) * 1000
                headers.append((b"server-timing", f"app;dur={took:.1f}".encode("latin-1")))
                message = dict(message, headers=headers)
            elif message["type"] == "http.response.body" and head:
                message = dict(message, body=b"")
            await send(message)

        await self.app(scope, receive, hardened_send)
