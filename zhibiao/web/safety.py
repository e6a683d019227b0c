"""What keeps text strangers wrote inert on the dashboard: links, inline JSON, path keys, file paths.

Every page gets these through the Jinja environment (filters `safe_href` and `json_script`) and
through zhibiao.web.views (document, evidence and indicator URLs), so a new page inherits them.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

# What a browser drops from a URL before reading its scheme: leading and trailing C0 controls and
# spaces, and every tab and newline inside (WHATWG URL standard).
_URL_TRIM = "".join(chr(c) for c in range(0x21))
_URL_DROP = str.maketrans("", "", "\t\n\r")
_WEB_URL = re.compile(r"https?://[^\s/\\?#]", re.IGNORECASE)


def safe_href(url) -> str | None:
    """`url` when it is an http(s) URL a browser would also read as one, else None (shown as text).

    javascript:, data:, vbscript: and everything else that is not http or https never becomes a link,
    however it is spelt (JaVaScRiPt:, " javascript:", "java\\tscript:", entities, which stay literal
    text after escaping and so are not a scheme at all).
    """
    if not isinstance(url, str):
        return None
    cleaned = url.strip(_URL_TRIM).translate(_URL_DROP)
    if not _WEB_URL.match(cleaned) or any(ord(c) < 0x20 or c == "\x7f" for c in cleaned):
        return None
    return cleaned


_JSON_HTML = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                            "\u2029": "\\u2029"})


def json_for_html(value) -> str:
    """JSON to put inside <script type="application/json">: no <, >, & or line separators in it, so
    no string (`</script>`, `<!--<script>`) can end the block or change how the HTML parser reads it.
    JSON.parse reads the escapes back to the same characters."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False).translate(_JSON_HTML)


# -- keys in URL paths ------------------------------------------------------------------------------

OPAQUE = "~"
_UNSAFE_KEY = re.compile(r"[/\\\x00-\x1f\x7f]|^~|^\.*$|\.(json|csv)$", re.IGNORECASE)


def path_key(text: str) -> str:
    """A path segment that routes back to `text`, whatever it holds.

    Ordinary ids and subjects are their own key (percent-encoded by the caller). Anything a server or
    browser would take apart — a `/` (decoded before routing) or `\\` (a `/` to browsers), `.`, `..` or
    nothing (dot segments), a `.json`/`.csv` ending (read as the twin), a control character, a leading
    `~` — becomes `~` and its UTF-8 in unpadded base64url: letters, digits, `-` and `_` only.
    """
    if not _UNSAFE_KEY.search(text):
        return text
    return OPAQUE + base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def evidence_path(doc: str, seq: int, suffix: str = "") -> str:
    """The path of fact `seq` of document `doc` on the dashboard, whatever the id holds."""
    return f"/evidence/{quote(path_key(doc), safe='')}/{int(seq)}{suffix}"


def from_path_key(key: str) -> str:
    """The id or subject a path segment names (the inverse of path_key; a plain key is itself)."""
    if not key.startswith(OPAQUE):
        return key
    body = key[len(OPAQUE):]
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8")
    except (binascii.Error, ValueError):
        return key  # not one of ours: looked up as it is, and so most likely a clean 404


# -- file paths -------------------------------------------------------------------------------------


def shown_source(source) -> str | None:
    """A document's source as pages and API answers show it: an absolute path of this machine is
    reduced to its file name (with any `:line` or `#record` suffix it carries)."""
    if not isinstance(source, str) or not source:
        return source
    for kind in (PurePosixPath, PureWindowsPath):
        path = kind(source)
        if path.is_absolute() or (kind is PureWindowsPath and path.drive):
            return path.name
    return source


def hide_paths(message: str, *paths) -> str:
    """`message` with each of `paths` (absolute file names) replaced by its bare name."""
    for path in paths:
        if path:
            text = str(path)
            message = message.replace(text, PurePosixPath(text).name)
    return message
