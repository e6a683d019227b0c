"""Throughput benchmark: the whole per-document pipeline, single process, on a few MB of text.

Usage: .venv/bin/python benchmarks/throughput.py [--mb 3] [--corpus DIR] [--profile]. Asserts nothing.

The corpus is the distinct documents of the demo and shared dev folders, processed in passes
until --mb MB have gone through. The extractor keeps results for recurring clause windows
(reports are formulaic), so each pass starts with those caches cleared: a pass sees each
document once, as a run over a real corpus would, and repeating a document never speeds it up.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import json
import pstats
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from zhibiao.extract import clear_caches, extract_document
from zhibiao.extract.mentions import find_mentions
from zhibiao.extract.periods import find_times
from zhibiao.extract.regions import find_regions
from zhibiao.ingest.clean import clean
from zhibiao.ingest.normalize import normalize
from zhibiao.ingest.segment import articles
from zhibiao.models import Document

try:
    from zhibiao.ingest.read import decode_bytes
except ImportError:  # being written concurrently
    decode_bytes = None

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
SUFFIXES = (".txt", ".html", ".htm")


def load_folder(folder: Path) -> list[tuple[str, str, str, datetime.date | None]]:
    """(id, text, source, date) for each .txt/.html file in folder; dates from index.json if any."""
    meta: dict[str, tuple[str, datetime.date | None]] = {}
    index = folder / "index.json"
    if index.is_file():
        for entry in json.loads(index.read_text(encoding="utf-8")):
            day = datetime.date.fromisoformat(entry["date"]) if entry.get("date") else None
            meta[entry["file"]] = (entry.get("id") or Path(entry["file"]).stem, day)
    docs = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SUFFIXES:
            continue
        doc_id, day = meta.get(path.name, (path.stem, None))
        if path.suffix.lower() == ".txt":
            text = path.read_text(encoding="utf-8", errors="replace")
        else:  # HTML: take the main text the reader extracts, as the CLI would
            try:
                from zhibiao.ingest.read import read_file

                text = read_file(path)[0].text
            except Exception as err:  # the reader is work in progress
                print(f"skipped {path.name}: {err}", file=sys.stderr)
                continue
        docs.append((doc_id, text, str(path), day))
    return docs


def build_corpus(args: argparse.Namespace) -> list[Document]:
    """The distinct documents of the corpus folders."""
    default = [REPO / "examples" / "demo", SHARED / "dev", SHARED / "dev2"]
    folders = [Path(args.corpus)] if args.corpus else default
    seeds = [d for f in folders if f.is_dir() for d in load_folder(f)]
    if not seeds:
        sys.exit("no documents found")
    return [Document(id=doc_id, text=text, source=source, date=day) for doc_id, text, source, day in seeds]


def cycled_corpus(args: argparse.Namespace) -> list[Document]:
    """The distinct documents repeated with distinct ids (doc#0, doc#1 ...) until --mb MB: a corpus
    of that size for benchmarks that store what they read (benchmarks/ingest.py)."""
    seeds = build_corpus(args)
    target, size, out, copy = args.mb * 1_000_000, 0, [], 0
    while size < target:
        for doc in seeds:
            out.append(Document(id=f"{doc.id}#{copy}", text=doc.text, source=doc.source, date=doc.date))
            size += len(doc.text.encode("utf-8"))
            if size >= target:
                break
        copy += 1
    return out


def passes_for(corpus: list[Document], mb: float) -> int:
    size = sum(len(d.text.encode("utf-8")) for d in corpus)
    return max(1, round(mb * 1_000_000 / size))


def run(corpus: list[Document], passes: int = 1) -> int:
    facts = 0
    for _ in range(passes):
        clear_caches()
        facts += sum(len(extract_document(doc).facts) for doc in corpus)
    return facts


def timed(fn, *a) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn(*a)
    return time.perf_counter() - start, out


def line(label: str, value: float, fmt: str = ",.0f") -> None:
    print(f"{label + ':':<26}{value:{fmt}}")


def stages(corpus: list[Document], data: list[bytes], texts: list[str], chars: int,
           one_pass: float) -> tuple[list, float]:
    """Decode, normalize and clean timed apart over one pass of `chars` characters; the normalized texts
    and the time clean took."""
    print("-- stages (one pass over the distinct documents, timed separately)")
    if decode_bytes is not None:
        t_dec, _ = timed(lambda: [decode_bytes(b, d.source) for b, d in zip(data, corpus, strict=True)])
        line("decode_bytes s", t_dec, ".3f")
        line("decode chars/s", chars / t_dec)
    else:
        print(f"{'decode_bytes:':<26}not available")
    t_norm, normed = timed(lambda: [normalize(t) for t in texts])
    t_clean, _ = timed(lambda: [clean(m) for m in normed])
    rest = one_pass - t_norm - t_clean
    for name, t in (("normalize", t_norm), ("clean", t_clean), ("rest (segment+extract)", rest)):
        print(f"{name + ' s:':<26}{t:.3f}  ({100 * t / one_pass:.1f}%)")
    return normed, t_clean


def lexers(corpus: list[Document], normed: list, chars: int, t_clean: float) -> None:
    """Clean+segment, then each lexer alone over every sentence."""
    print("-- lexers alone over every sentence (what any grammar on top of them must stay within)")
    sentences = [(sent.text, doc.date) for doc, m in zip(corpus, normed, strict=True)
                 for art in articles(clean(m).text) for para in art.paragraphs for sent in para.sentences]
    sentence_chars = sum(len(t) for t, _ in sentences)
    t_seg, _ = timed(lambda: [articles(clean(m).text) for m in normed])
    line("clean+segment chars/s", chars / (t_clean + t_seg))
    for name, lexer in (("numbers+units", lambda t, d: find_mentions(t, [])), ("times", find_times),
                        ("places", lambda t, d: find_regions(t))):
        t_lex, _ = timed(lambda lexer=lexer: [lexer(t, d) for t, d in sentences])
        line(f"{name} chars/s", sentence_chars / t_lex)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=3, help="corpus size in MB of UTF-8 text")
    parser.add_argument("--corpus", help="folder of .txt/.html documents (default: demo + shared dev)")
    parser.add_argument("--profile", action="store_true", help="also profile a run with cProfile")
    args = parser.parse_args()

    corpus = build_corpus(args)
    passes = passes_for(corpus, args.mb)
    texts = [d.text for d in corpus]
    data = [t.encode("utf-8") for t in texts]
    chars = sum(map(len, texts)) * passes
    mb = sum(map(len, data)) * passes / 1e6
    extract_document(corpus[0])  # warm up: rule tables and converters load lazily

    secs, facts = timed(run, corpus, passes)
    line("distinct documents", len(corpus))
    line("passes", passes)
    line("documents", len(corpus) * passes)
    line("characters", chars)
    line("MB (UTF-8)", mb, ".2f")
    line("seconds", secs, ".3f")
    line("chars/s", chars / secs)
    line("MB/s", mb / secs, ".3f")
    line("documents/s", len(corpus) * passes / secs, ",.1f")
    line("facts", facts)
    line("facts/s", facts / secs, ",.1f")

    normed, t_clean = stages(corpus, data, texts, chars / passes, secs / passes)
    lexers(corpus, normed, chars / passes, t_clean)

    # Peak is per document (nothing is kept), so trace one pass over the distinct documents.
    tracemalloc.start()
    run(corpus)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    line("tracemalloc peak MB", peak / 1e6, ".2f")
    print(f"{'':<26}(traced pass over the {len(corpus)} distinct documents)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    line("ru_maxrss MB", rss / (2**20 if sys.platform == "darwin" else 2**10), ".1f")

    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(run, corpus, passes)
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(25)
        print("-- cProfile, top 25 by cumulative time")
        print(out.getvalue())


if __name__ == "__main__":
    main()
