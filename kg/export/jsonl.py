"""``extractions.jsonl``: one line per document in the annotation guide's format (what ``kg extract`` prints)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator

from kg.export.atomic import atomic_open
from kg.gcpause import no_cycle_collection
from kg.model import Extraction

__all__ = ["generate_jsonl", "write_jsonl"]


def generate_jsonl(extractions: Iterable[Extraction]) -> Iterator[str]:
    """One JSON line per document, sorted by document id."""
    for ext in sorted(extractions, key=lambda e: e.doc_id):
        yield json.dumps(ext.to_json(), ensure_ascii=False, sort_keys=False) + "\n"


def write_jsonl(extractions: Iterable[Extraction], path: str | os.PathLike[str]) -> None:
    """Write ``generate_jsonl`` to ``path`` atomically."""
    with no_cycle_collection(), atomic_open(path) as fh:
        fh.writelines(generate_jsonl(extractions))
