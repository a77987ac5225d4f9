"""Warm CPU seconds of each rule recognizer, and of ``find_entities`` (all of them plus settling), on a corpus.

The first ``--warm`` documents run through ``extract_document`` first, so lexicons,
compiled patterns and memo tables are loaded; the rest are segmented once and
then each recognizer runs on every one of them. The fastest of ``--rounds``
rounds counts (CPU time, so other processes on the machine matter less). Run::

    .venv/bin/python benchmarks/bench_recognizers.py /work/wt/corpus10 [--docs 400] [--warm 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

import rjieba

from kg.ingest import discover, read_document
from kg.nlp.analysis import analyse
from kg.nlp.recognizers import RECOGNIZERS, find_entities
from kg.extract import extract_document


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--docs", type=int, default=400, help="documents to read (warm-up ones included)")
    ap.add_argument("--warm", type=int, default=100, help="documents that only warm up")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    docs = [read_document(p) for p in discover([args.corpus])[: args.docs]]
    for doc in docs[: args.warm]:
        extract_document(doc)
    segmented = []
    for doc in docs[args.warm :]:
        pairs = rjieba.tag(doc.clean)
        segmented.append((doc.clean, [w for w, _ in pairs], [t for _, t in pairs]))
    steps = [(r.__name__, r) for r in RECOGNIZERS] + [("find_entities", find_entities)]
    best = {name: float("inf") for name, _ in steps}
    gc.disable()
    for _ in range(args.rounds):
        spent = dict.fromkeys(best, 0.0)
        for text, words, tags in segmented:
            for name, step in steps:
                an = analyse(text, words, tags)
                t0 = time.process_time()
                list(step(an))
                spent[name] += time.process_time() - t0
        best = {name: min(best[name], spent[name]) for name in best}
    gc.enable()
    mb = sum(len(text.encode("utf-8")) for text, _, _ in segmented) / 1e6
    print(f"{len(segmented)} documents, {mb:.2f} MB, CPU seconds (fastest of {args.rounds} rounds):")
    for name, seconds in best.items():
        print(f"  {name:20s} {seconds:7.3f} s  {mb / seconds:7.2f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
