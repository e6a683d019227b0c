"""The hostile corpus: documents whose every field an attacker chose (tests/fixtures/hostile.jsonl).

Script tags, event handlers, `<!--<script>`, javascript:/data:/vbscript: URLs in mixed case, behind
spaces, tabs, control characters and entities, U+2028/2029, spreadsheet formulas (=, +, -, @, tab, CR),
ids with `/`, `..`, `%2F`, `~`, a `.json` ending and control characters, ANSI escapes and rich markup.
Each document also states a real-looking figure so that its facts reach the charts, tables and exports.
"""

import json
from pathlib import Path

HOSTILE = Path(__file__).parent / "fixtures" / "hostile.jsonl"


def hostile_documents() -> list[dict]:
    return [json.loads(line) for line in HOSTILE.read_text(encoding="utf-8").splitlines() if line.strip()]
