"""The briefing as Markdown (footnotes) and as HTML (each number a link to its evidence, its quote on
hover, charts as inline SVG). Text from documents is data: escaped for each format."""

from __future__ import annotations

import re
from pathlib import Path

from zhibiao.report import text as T
from zhibiao.report.model import Figure, Report, Sentence

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!])")
# The dashboard's templates and stylesheet (found by path: importing zhibiao.web would load FastAPI).
TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"
STATIC = Path(__file__).resolve().parent.parent / "web" / "static"


def _flat(text: str | None) -> str:
    """One line of text without control characters (scraped quotes can hold anything)."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def md_escape(text: str | None) -> str:
    return _MD_SPECIAL.sub(r"\\\1", _flat(text))


def _md_sentence(report: Report, sentence: Sentence) -> str:
    out = []
    for part in sentence.parts:
        if isinstance(part, str):
            out.append(md_escape(part))
        else:
            out.append(f"{md_escape(report.figure(part).text)}[^{part}]")
    return "".join(out)


def _source_line(source) -> str:
    words = T.words("render")
    title = md_escape(source.title)
    date = source.published or words["no_date"]
    url = f"<{source.url}>" if source.url and _safe_url(source.url) else words["no_url"]
    return words["source"].format(title=title, date=date, url=url, quote=md_escape(source.quote))


def _safe_url(url: str) -> bool:
    return url.startswith(("http://", "https://")) and not re.search(r"[\s<>\"']", url)


def footnote_text(report: Report, figure: Figure) -> str:
    """What a figure's footnote says, in Markdown."""
    words = T.words("render")
    lines = []
    if figure.kind == "computed":
        a, b = figure.inputs
        lines.append(words["computed"].format(derivation=md_escape(figure.derivation), a=f"[^{a}]", b=f"[^{b}]"))
        if figure.sources:
            lines.append(words["also_stated"])
    elif figure.kind == "derived":
        lines.append(words["derived"].format(derivation=md_escape(figure.derivation)))
    elif figure.stories > 1 or figure.copies > 1:
        lines.append(words["agreeing"].format(stories=figure.stories, copies=figure.copies))
    for source in figure.sources:
        lines.append(_source_line(source))
    if figure.dissent:
        others = "、".join(f"{md_escape(report.figure(n).text)}[^{n}]" for n in figure.dissent)
        lines.append(words["dissent"].format(others=others))
    return " ".join(lines)


def to_markdown(report: Report) -> str:
    """The briefing as Markdown with a footnote per figure. Deterministic: the same report, the same text."""
    words = T.words("render")
    out = [f"# {md_escape(report.title)}", "", f"> {words['byline'].format(region=md_escape(report.region))}", ""]
    for section in report.sections:
        out += [f"## {md_escape(section.title)}", ""]
        for paragraph in section.paragraphs:
            if paragraph.heading:
                out += [f"### {md_escape(paragraph.heading)}", ""]
            out += ["".join(_md_sentence(report, s) for s in paragraph.sentences), ""]
    for figure in report.figures:
        out.append(f"[^{figure.n}]: {footnote_text(report, figure)}")
    return "\n".join(out).rstrip() + "\n"


# -- HTML ------------------------------------------------------------------------------------------


def _tip(report: Report, figure: Figure) -> str:
    words = T.words("render")
    if figure.kind == "computed":
        return words["computed_tip"].format(derivation=_flat(figure.derivation))
    source = figure.sources[0]
    head = f"《{_flat(source.title)}》{source.published or ''}"
    if figure.kind == "derived":
        return f"{words['derived_tip'].format(derivation=_flat(figure.derivation))} {head}：“{_flat(source.quote)}”"
    return f"{head}：“{_flat(source.quote)}”"


def html_view(report: Report, *, evidence_base: str = "", charts: bool = True) -> dict:
    """What the HTML templates show: sentences as segments, figures with link, tip and footnote."""
    def segments(sentence: Sentence) -> list[dict]:
        out: list[dict[str, str | int]] = []
        for part in sentence.parts:
            if isinstance(part, str):
                out.append({"text": part})
            else:
                f = report.figure(part)
                link = (evidence_base + f.link) if f.link and f.kind != "computed" else f"#fn-{f.n}"
                out.append({"figure": f.n, "text": f.text, "kind": f.kind, "href": link, "tip": _tip(report, f)})
        return out

    sections = [{"key": s.key, "title": s.title,
                 "paragraphs": [{"heading": p.heading, "sentences": [segments(x) for x in p.sentences]}
                                for p in s.paragraphs]} for s in report.sections]
    notes = []
    for f in report.figures:
        notes.append({"n": f.n, "kind": f.kind, "text": f.text, "inputs": f.inputs, "dissent": f.dissent,
                      "derivation": _flat(f.derivation), "stories": f.stories, "copies": f.copies,
                      "sources": [{"title": _flat(s.title), "published": s.published,
                                   "url": s.url if s.url and _safe_url(s.url) else None, "quote": _flat(s.quote),
                                   "href": evidence_base + s.evidence} for s in f.sources]})
    drawn = []
    if charts and report.charts:
        from zhibiao.report.charts import svg

        drawn = [{"key": c.key, "title": c.title, "svg": svg(c)} for c in report.charts]
    return {"title": report.title, "period": report.period, "region": report.region, "sections": sections,
            "notes": notes, "charts": drawn, "words": T.words("render")}


def _environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                       trim_blocks=True, lstrip_blocks=True)


def to_html(report: Report, *, evidence_base: str = "http://127.0.0.1:8000", charts: bool = True) -> str:
    """A standalone HTML page (its stylesheet inside, print CSS included) whose numbers link to the
    evidence pages of `zhibiao serve` at `evidence_base`."""
    css = (STATIC / "report.css").read_text("utf-8")
    template = _environment().get_template("report_standalone.html")
    return template.render(r=html_view(report, evidence_base=evidence_base.rstrip("/"), charts=charts), css=css)
