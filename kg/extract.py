"""One document in, one extraction out: the NLP and relation stages on a single document.

Why a module of its own: the same per-document step runs in this process,
in local worker processes (``kg.parallel``) and on Dask workers
(``kg.distributed``); each process imports and warms the stages once,
and a failure on one document becomes that document's :class:`Skip`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import IngestError
from kg.ingest import DEFAULT_MAX_BYTES, discover, display_path, doc_ids, read_document
from kg.model import Document, Extraction

__all__ = ["Skip", "extract_document", "extract_documents", "extract_or_skip", "take_setup_seconds", "warm_up"]


@dataclass(frozen=True)
class Skip:
    """A document left out of the build, and why."""

    path: str
    reason: str


_WARM = False
#: Seconds this process spent importing and warming the stages, not yet reported.
_SETUP_SECONDS = 0.0
#: A short invented text run once at set-up: the segmenter loads its dictionary and the recognizers load
#: their lexicons and compile their patterns lazily; that one-time cost belongs to set-up, not to
#: whichever document comes first.
_WARM_UP_TEXT = ("本报讯（记者 王明）3月2日，某某市委书记李华率队赴南方经济技术开发区考察，"
                 "与华东新材料科技有限公司签约年产5万吨锂电池材料项目，推动新能源汽车产业链发展。")


def warm_up() -> None:
    """Import the NLP and relation stages and run them once on a short text (once per process)."""
    global _WARM, _SETUP_SECONDS
    if not _WARM:
        t0 = time.perf_counter()
        from kg.ingest import clean_text, to_simplified
        from kg.nlp import find_mentions
        from kg.relations import extract_relations

        clean, offsets = clean_text(_WARM_UP_TEXT)
        to_simplified(clean)
        warm = Document("warm-up", "warm-up", _WARM_UP_TEXT, clean=clean, offsets=offsets)
        extract_relations(warm, find_mentions(warm))
        _WARM = True
        _SETUP_SECONDS += time.perf_counter() - t0


def take_setup_seconds() -> float:
    """Set-up seconds of this process not reported yet (then zero): one-time cost, shown apart from per-document work."""
    global _SETUP_SECONDS
    seconds, _SETUP_SECONDS = _SETUP_SECONDS, 0.0
    return seconds


def extract_document(document: Document, timings: dict[str, float] | None = None) -> Extraction:
    """Run the NLP and relation stages on one document (adding their seconds to ``timings`` when given)."""
    warm_up()  # first, so importing the stages counts as set-up
    from kg.nlp import find_mentions
    from kg.relations import extract_relations

    t0 = time.perf_counter()
    mentions = find_mentions(document)
    t1 = time.perf_counter()
    relations, delegations = extract_relations(document, mentions)
    if timings is not None:
        timings["nlp"] = timings.get("nlp", 0.0) + t1 - t0
        timings["relations"] = timings.get("relations", 0.0) + time.perf_counter() - t1
    return Extraction(document.doc_id, document.source, mentions, relations, delegations, list(document.warnings))


def extract_or_skip(path: Path, document: Document, timings: dict[str, float] | None = None) -> Extraction | Skip:
    """``extract_document``, with a failure on this one document turned into its :class:`Skip`."""
    try:
        return extract_document(document, timings)
    except Exception as exc:  # noqa: BLE001 - any failure on one document becomes its skip
        return Skip(display_path(path), _one_line(f"extraction failed ({type(exc).__name__}: {exc})"))


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
        yield extract_or_skip(path, document)


def _one_line(message: str, limit: int = 200) -> str:
    line = " ".join(message.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
