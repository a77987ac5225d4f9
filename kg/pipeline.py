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

from kg.errors import IngestError, KGError
from kg.ingest import DEFAULT_MAX_BYTES, discover, display_path, doc_ids, read_document
from kg.model import Document, Extraction, KnowledgeGraph

__all__ = ["BuildResult", "NothingBuiltError", "Skip", "SkippedDocumentsError", "build", "extract_document", "extract_documents"]


@dataclass(frozen=True)
class Skip:
    """A document left out of the build, and why."""

    path: str
    reason: str


class SkippedDocumentsError(KGError):
    """A strict build stopped because documents were skipped; nothing was written."""

    def __init__(self, skipped: Sequence[Skip], message: str = "") -> None:
        super().__init__(message or f"{len(skipped)} document(s) skipped, exports left unchanged (--strict)")
        self.skipped = list(skipped)


class NothingBuiltError(SkippedDocumentsError):
    """No document could be read: writing would replace the previous exports with empty ones."""

    def __init__(self, skipped: Sequence[Skip]) -> None:
        super().__init__(skipped, f"no document could be built ({len(skipped)} skipped); exports left unchanged")


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
    """Extract every file under ``inputs`` in a stable order; bad files yield a :class:`Skip`.

    A document on which extraction itself fails is skipped too, with the
    error on one line, so one pathological file never stops the batch.
    """
    paths = discover(inputs)
    ids = doc_ids(paths)
    for path in paths:
        try:
            document = read_document(path, max_bytes=max_bytes, doc_id=ids[path])
        except IngestError as exc:
            yield Skip(exc.path, exc.reason)
            continue
        try:
            extraction = extract_document(document)
        except Exception as exc:  # noqa: BLE001 - any failure on one document becomes its skip
            yield Skip(display_path(path), _one_line(f"extraction failed ({type(exc).__name__}: {exc})"))
            continue
        yield extraction


def _one_line(message: str, limit: int = 200) -> str:
    line = " ".join(message.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def build(inputs: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str],
          max_bytes: int = DEFAULT_MAX_BYTES, strict: bool = False) -> BuildResult:
    """Extract, resolve and export; return what was made.

    With ``strict``, any skipped document raises :class:`SkippedDocumentsError`
    before anything is written, so the previous exports stay as they were;
    when no document at all can be built, :class:`NothingBuiltError` does the same.
    """
    from kg.export import write_all
    from kg.resolve import resolve

    extractions: list[Extraction] = []
    skipped: list[Skip] = []
    for item in extract_documents(inputs, max_bytes=max_bytes):
        (skipped if isinstance(item, Skip) else extractions).append(item)  # type: ignore[arg-type]
    if not extractions:
        raise NothingBuiltError(skipped)
    if strict and skipped:
        raise SkippedDocumentsError(skipped)
    kg = resolve(extractions)
    outputs = write_all(kg, extractions, out_dir)
    return BuildResult(kg, extractions, skipped, outputs)
