"""Compose the stages: ingest -> nlp -> relations -> resolve -> export.

``extract_documents`` turns files into per-document extractions (a bad file
becomes a skip with its reason, never a failed batch); ``build`` resolves them
and writes every export.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import IngestError
from kg.ingest import DEFAULT_MAX_BYTES, discover, read_document
from kg.model import Document, Extraction, KnowledgeGraph

__all__ = ["BuildResult", "Skip", "build", "extract_document", "extract_documents"]


@dataclass(frozen=True)
class Skip:
    """A document left out of the build, and why."""

    path: str
    reason: str


@dataclass
class BuildResult:
    """What a build made: the graph, the extractions, the skips and where the exports went."""

    kg: KnowledgeGraph
    extractions: list[Extraction]
    skipped: list[Skip] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)


_NLP = None


def _nlp():  # type: ignore[no-untyped-def]
    """One pipeline per process (building it loads the segmenter's dictionary)."""
    global _NLP
    if _NLP is None:
        from kg.nlp import make_nlp

        _NLP = make_nlp()
    return _NLP


def extract_document(document: Document) -> Extraction:
    """Run the NLP and relation stages on one document."""
    from kg.nlp import extract_mentions
    from kg.relations import extract_relations

    mentions = extract_mentions(_nlp(), document)
    relations, delegations = extract_relations(document, mentions)
    return Extraction(document.doc_id, document.source, mentions, relations, delegations, list(document.warnings))


def extract_documents(
    inputs: Iterable[str | os.PathLike[str]], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Extraction | Skip]:
    """Extract every file under ``inputs`` in a stable order; bad files yield a :class:`Skip`."""
    for path in discover(inputs):
        try:
            document = read_document(path, max_bytes=max_bytes)
        except IngestError as exc:
            yield Skip(exc.path, exc.reason)
            continue
        yield extract_document(document)


def build(inputs: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str],
          max_bytes: int = DEFAULT_MAX_BYTES) -> BuildResult:
    """Extract, resolve and export; return what was made."""
    from kg.export import write_all
    from kg.resolve import resolve

    extractions: list[Extraction] = []
    skipped: list[Skip] = []
    for item in extract_documents(inputs, max_bytes=max_bytes):
        (skipped if isinstance(item, Skip) else extractions).append(item)  # type: ignore[arg-type]
    kg = resolve(extractions)
    outputs = write_all(kg, extractions, out_dir)
    return BuildResult(kg, extractions, skipped, outputs)
