"""The same inputs give byte-identical exports, whatever the order they are listed in and wherever they are.

Each build runs in its own process with its own hash seed, so set and dict
ordering that depends on string hashing would show up as a difference.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from test_robust_corpus import hostile_corpus, write_articles

ROOT = Path(__file__).resolve().parent.parent


def _build(inputs: list[Path], out: Path, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    cmd = [sys.executable, "-m", "kg", "build", *map(str, inputs), "-o", str(out), "--max-bytes", "1000000"]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode in (0, 3), done.stderr


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_determinism_same_files_any_order_any_place_give_identical_exports(tmp_path):
    corpus = tmp_path / "a" / "corpus"
    write_articles(corpus / "news", count=6, sentences=16, seed=5)
    write_articles(corpus / "more" / "news", count=3, sentences=10, seed=6)  # same file names, other folder
    hostile_corpus(corpus / "hostile")
    copy = tmp_path / "elsewhere" / "deeper" / "copy"
    shutil.copytree(corpus, copy)

    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    shuffled = sorted(p for p in copy.rglob("*") if p.is_file())
    random.Random(11).shuffle(shuffled)

    _build([corpus], tmp_path / "out1", hash_seed="1")
    _build(list(reversed(files)), tmp_path / "out2", hash_seed="2")
    _build(shuffled, tmp_path / "out3", hash_seed="3")

    first = _files(tmp_path / "out1")
    assert {"extractions.jsonl", "graph.ttl", "graph.graphml", "graph.html", "neo4j/nodes.csv"} <= set(first)
    for other in ("out2", "out3"):
        files_other = _files(tmp_path / other)
        assert sorted(files_other) == sorted(first)
        differing = [name for name in first if files_other[name] != first[name]]
        assert differing == [], other
