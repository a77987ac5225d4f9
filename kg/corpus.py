"""Make a large test corpus from a few articles, for benchmarks and scale tests.

Why vary the copies: identical copies would hit the extraction cache, merge
into the same few entities and make every later stage trivially small. Each
copy gets its own digits, its own paragraph order and its own place names
(every place name from the divisions lexicon is swapped, consistently within
the copy, for another one), so parks, organizations and sentences multiply
the way they do in a real feed of many regions.
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Sequence
from pathlib import Path

from kg.ingest import decode_bytes, discover

__all__ = ["make_corpus", "vary_text"]

_DIGITS = re.compile(r"\d")


def _place_names() -> list[str]:
    """Prefecture- and county-level short names (two characters or more) to swap in."""
    from kg.lexicons import rows

    names = {r["short"] for r in rows("divisions") if r.get("level") != "province" and len(r.get("short") or "") >= 2}
    return sorted(names)


def vary_text(text: str, rng: random.Random, places: Sequence[str]) -> str:
    """One light variation of ``text``: new digits, paragraphs reordered after the title, places swapped."""
    text = _DIGITS.sub(lambda _m: str(rng.randrange(10)), text)
    paragraphs = text.split("\n\n")
    head, body = paragraphs[:2], paragraphs[2:]
    rng.shuffle(body)
    text = "\n\n".join(head + body)
    if places:
        pattern = _place_pattern(tuple(places))
        mapping: dict[str, str] = {}

        def swap(m: re.Match[str]) -> str:
            name = m.group(0)
            if name not in mapping:
                mapping[name] = places[rng.randrange(len(places))]
            return mapping[name]

        text = pattern.sub(swap, text)
    return text


_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _place_pattern(places: tuple[str, ...]) -> re.Pattern[str]:
    if places not in _PATTERNS:
        ordered = sorted(places, key=lambda p: (-len(p), p))
        _PATTERNS[places] = re.compile("|".join(re.escape(p) for p in ordered))
    return _PATTERNS[places]


def make_corpus(seeds: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str], size_mb: float,
                seed: int = 0, per_folder: int = 1000, prefix: str = "doc") -> list[Path]:
    """Write varied copies of the files under ``seeds`` into ``out_dir`` until it holds ``size_mb`` MB.

    Files go into sub-folders of ``per_folder`` files each, named so the
    corpus sorts in the order it was written; ``prefix`` starts every file
    name (so a second corpus can join a first without clashing document ids).
    Returns the files written.
    """
    sources = [(p.stem, decode_bytes(p.read_bytes(), str(p))) for p in discover(seeds)]
    if not sources:
        raise ValueError(f"no input files under {', '.join(map(str, seeds))}")
    out = Path(out_dir)
    places = _place_names()
    rng = random.Random(seed)
    target = int(size_mb * 1_000_000)
    written: list[Path] = []
    total = 0
    i = 0
    while total < target:
        stem, text = sources[i % len(sources)]
        folder = out / f"part{i // per_folder:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{prefix}{i:06d}_{stem}.txt"
        data = vary_text(text, rng, places).encode("utf-8")
        path.write_bytes(data)
        written.append(path)
        total += len(data)
        i += 1
    return written
