"""Micro-benchmark of find_regions, the place lookup that runs on every sentence.

Usage: .venv/bin/python benchmarks/regions.py [--repeat 7] [--number 20]. Asserts nothing.

Two sets of 1,000 sentences: one typical sentence repeated (no place named but 全省/全国),
and the first 1,000 sentences of the demo and shared dev corpora, cycled if fewer.
Prints the best of --repeat runs, each timing --number passes over the set.
"""

from __future__ import annotations

import argparse
import timeit
from pathlib import Path

from zhibiao.extract.regions import find_regions
from zhibiao.ingest.clean import clean
from zhibiao.ingest.normalize import normalize
from zhibiao.ingest.segment import paragraphs

REPO = Path(__file__).resolve().parents[1]
FOLDERS = [REPO / "examples" / "demo", REPO.parent / "shared" / "corpus" / "dev",
           REPO.parent / "shared" / "corpus" / "dev2"]
TYPICAL = "上半年,全省规模以上工业增加值同比增长6.4%,增速高于全国平均水平1.2个百分点。"
SIZE = 1000


def corpus_sentences() -> list[str]:
    out: list[str] = []
    for folder in FOLDERS:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.txt")):
            text = clean(normalize(path.read_text(encoding="utf-8", errors="replace"))).text
            out.extend(s.text for p in paragraphs(text) for s in p.sentences)
    if not out:
        return [TYPICAL] * SIZE
    return [out[i % len(out)] for i in range(SIZE)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--number", type=int, default=20)
    args = parser.parse_args()
    find_regions(TYPICAL)  # warm up: the lexicon is built lazily
    sets = {"typical sentence x1000": [TYPICAL] * SIZE, "corpus sentences x1000": corpus_sentences()}
    for label, sents in sets.items():
        runs = timeit.repeat(lambda s=sents: [find_regions(x) for x in s], repeat=args.repeat, number=args.number)
        per_pass = min(runs) / args.number
        chars = sum(map(len, sents))
        mentions = sum(len(find_regions(x)) for x in sents)
        print(f"{label:<26}{per_pass * 1000:8.2f} ms/pass  {per_pass / SIZE * 1e6:6.2f} us/sentence  "
              f"{chars / per_pass / 1e6:5.2f} M chars/s  ({chars:,} chars, {mentions} mentions)")


if __name__ == "__main__":
    main()
