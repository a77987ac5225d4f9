"""Load the general-knowledge lexicons in ``ontology/lexicons/`` (one TSV per kind).

Why one loader: the NLP, relation and resolution stages all read the same
lists (titles, legal suffixes, divisions), and each file states its source in
``#`` header lines. Lexicons are read once per process and cached.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

__all__ = ["LEXICON_DIR", "column", "parse_tsv", "rows"]

#: ``ontology/lexicons`` inside a source checkout, or ``kg/data/lexicons`` when installed elsewhere.
_CANDIDATES = (
    Path(__file__).resolve().parent.parent / "ontology" / "lexicons",
    Path(__file__).resolve().parent / "data" / "lexicons",
)
LEXICON_DIR = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0])


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    """All rows of ``<name>.tsv`` as dicts keyed by the header line (comments skipped)."""
    path = LEXICON_DIR / f"{name}.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return parse_tsv(lines)


def parse_tsv(lines: list[str]) -> tuple[dict[str, str], ...]:
    """TSV lines (the first the header) as dicts, exactly as :class:`csv.DictReader` reads them.

    Why a split first: every worker process reads the lexicons (4,500 rows),
    and with no quote or carriage return in the lines and as many fields in
    every line as in the header, splitting at tabs gives csv's rows at a
    fraction of its cost; any other text goes to csv.
    """
    table = [line.rstrip("\n").split("\t") for line in lines]
    if table and all(len(fields) == len(table[0]) for fields in table):
        text = "".join(lines)
        if '"' not in text and "\r" not in text:
            header = table[0]
            return tuple([dict(zip(header, fields)) for fields in table[1:]])
    return tuple(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=None)
def column(name: str, field: str | None = None) -> tuple[str, ...]:
    """One column of a lexicon (the first by default), de-duplicated, longest first."""
    data = rows(name)
    if not data:
        return ()
    key = field or next(iter(data[0]))
    values = {r[key].strip() for r in data if r.get(key) and r[key].strip()}
    return tuple(sorted(values, key=lambda v: (-len(v), v)))
