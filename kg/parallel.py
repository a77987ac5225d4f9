"""Run the extraction of many documents on this machine: in-process or on N worker processes.

Why processes: extraction is pure-Python rule matching, so threads would
share one interpreter lock. Each worker builds the NLP pipeline once (the
pool initializer), takes documents in batches, writes each extraction to the
:class:`~kg.cache.ExtractionStore` itself and sends back only a small
:class:`Done` record, so results never queue up in memory and nothing large
crosses a pipe. The order documents finish in does not matter: the build
sorts by document id afterwards, so ``--jobs 2`` writes the same bytes as
``--jobs 1``.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.cache import ExtractionStore, document_key
from kg.errors import IngestError

__all__ = ["Done", "Outcome", "extract_path", "run_local", "write_exports"]


@dataclass(frozen=True)
class Done:
    """A document whose extraction is in the store (made now, or found there)."""

    doc_id: str
    key: str
    size: int
    cached: bool
    seconds: dict[str, float] = field(default_factory=dict)
    pid: int = 0  # the process that made it
    #: The extraction itself when it was made in this process (saves reading it back); never sent between processes.
    extraction: object | None = field(default=None, compare=False, repr=False)


#: ``(index in the discovered file list, result)``; the result is a Done or a pipeline Skip.
Outcome = tuple[int, object]


def extract_path(index: int, path: Path, doc_id: str, store: ExtractionStore, version: str, max_bytes: int,
                 reuse: bool) -> Outcome:
    """Read, extract and store one file; with ``reuse``, take a stored extraction instead when there is one."""
    from kg.ingest import read_document
    from kg.pipeline import Skip, extract_or_skip, take_setup_seconds

    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= max_bytes else b""
    except OSError:
        size, data = 0, b""
    key = document_key(doc_id, path.name, data, version)
    if reuse and data and key in store:
        return index, Done(doc_id, key, size, True)
    try:
        document = read_document(path, max_bytes=max_bytes, doc_id=doc_id)
    except IngestError as exc:
        return index, Skip(exc.path, exc.reason)
    seconds["read"] = time.perf_counter() - t0
    extraction = extract_or_skip(path, document, timings=seconds)
    setup = take_setup_seconds()
    if setup:
        seconds["setup"] = setup
    if isinstance(extraction, Skip):
        return index, extraction
    store.put(key, extraction)
    return index, Done(doc_id, key, size, False, seconds, os.getpid(), extraction)


def _init_worker() -> None:
    """Build the NLP pipeline once per worker, before the first document arrives."""
    from kg.pipeline import _nlp

    _nlp()


def _extract_batch(batch: Sequence[tuple[int, Path, str]], root: str, version: str, max_bytes: int,
                   reuse: bool) -> list[Outcome]:
    store = ExtractionStore(root)
    outcomes = [extract_path(i, p, doc_id, store, version, max_bytes, reuse) for i, p, doc_id in batch]
    # Only the small record crosses the pipe; the parent reads the extraction from the store.
    return [(i, replace(d, extraction=None) if isinstance(d, Done) else d) for i, d in outcomes]


def _context() -> multiprocessing.context.BaseContext:
    """``fork`` where the platform has it (workers start in milliseconds with kg already imported)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_local(paths: Sequence[Path], ids: Mapping[Path, str], store: ExtractionStore, version: str,
              max_bytes: int, jobs: int = 1, reuse: bool = True) -> Iterator[Outcome]:
    """Extract every path (with its document id from ``ids``) into ``store``; yield each :data:`Outcome`.

    ``jobs`` 1 runs in this process; more starts that many worker processes.
    """
    if jobs <= 1 or len(paths) <= 1:
        for i, path in enumerate(paths):
            yield extract_path(i, path, ids[path], store, version, max_bytes, reuse)
        return
    indexed = [(i, p, ids[p]) for i, p in enumerate(paths)]
    # Small batches keep both workers busy to the end; big enough to amortize the round trip.
    size = max(1, min(16, len(indexed) // (jobs * 8) or 1))
    batches = [indexed[i : i + size] for i in range(0, len(indexed), size)]
    with ProcessPoolExecutor(max_workers=min(jobs, len(batches)), mp_context=_context(), initializer=_init_worker) as pool:
        futures = [pool.submit(_extract_batch, b, str(store.root), version, max_bytes, reuse) for b in batches]
        for future in as_completed(futures):
            yield from future.result()


# --- exports on several processes -------------------------------------------------------------

#: Known exporters as (module, function, whether it takes the extractions instead of the graph, relative
#: cost: CPU seconds of each writer alone on the 10 MB bench corpus), used to split them into even shares.
_WRITERS: dict[str, tuple[str, str, bool, float]] = {
    "turtle": ("kg.export.turtle", "write_turtle", False, 0.45),
    "html": ("kg.export.html", "write_html", False, 0.33),
    "graphml": ("kg.export.graphml", "write_graphml", False, 0.30),
    "jsonl": ("kg.export.jsonl", "write_jsonl", True, 0.27),
    "neo4j": ("kg.export.neo4j", "write_neo4j", False, 0.20),
}

_EXPORT_STATE: tuple[object, object, Path] | None = None


def shares(jobs: int) -> list[list[str]]:
    """The formats split into ``jobs`` groups of about equal cost (longest first, each to the lightest group).

    The first group is the heaviest: this process writes it, since a forked
    child pays extra for copying the pages of the graph it touches.
    """
    groups: list[list[str]] = [[] for _ in range(max(1, min(jobs, len(_WRITERS))))]
    loads = [0.0] * len(groups)
    for name in sorted(_WRITERS, key=lambda n: (-_WRITERS[n][3], n)):
        i = loads.index(min(loads))
        groups[i].append(name)
        loads[i] += _WRITERS[name][3]
    order = sorted(range(len(groups)), key=lambda i: -loads[i])
    return [groups[i] for i in order]


def _write_share(names: Sequence[str]) -> list[str]:
    import importlib

    assert _EXPORT_STATE is not None, "called outside write_exports"
    kg, extractions, out = _EXPORT_STATE
    from kg.export import FORMATS

    for name in names:
        module, function, takes_extractions, _ = _WRITERS[name]
        getattr(importlib.import_module(module), function)(extractions if takes_extractions else kg,
                                                           out / FORMATS[name])
    return list(names)


def write_exports(kg: object, extractions: Sequence[object], folder: str | os.PathLike[str],
                  jobs: int = 1) -> dict[str, Path]:
    """Write every export format on ``jobs`` processes: this one and ``jobs - 1`` forked children.

    The formats are split into shares of about equal cost; children are
    forked so they share the graph (and the nodes and edges made once for
    three of the writers) without copying it through a pipe. Each writes its
    files into the same staging folder ``write_all`` uses, so the bytes, and
    the all-or-nothing replacement, are the same. Falls back to ``write_all``
    in this process when the platform cannot fork or the export package lists
    a format this module does not know.
    """
    global _EXPORT_STATE
    import importlib

    from kg.export import FORMATS, write_all

    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods() or set(FORMATS) != set(_WRITERS):
        return write_all(kg, extractions, folder)  # type: ignore[arg-type]
    from kg.export.atomic import staged_folder
    from kg.export.elements import shared_elements

    for module, *_ in _WRITERS.values():  # imported once here, not once per child
        importlib.import_module(module)
    out = Path(folder)
    mine, *theirs = shares(jobs)
    with staged_folder(out) as staging, shared_elements(kg):  # type: ignore[arg-type]
        _EXPORT_STATE = (kg, extractions, staging)
        try:
            with ProcessPoolExecutor(max_workers=len(theirs), mp_context=multiprocessing.get_context("fork")) as pool:
                futures = [pool.submit(_write_share, share) for share in theirs]
                _write_share(mine)
                for future in futures:
                    future.result()
        finally:
            _EXPORT_STATE = None
    return {name: out / file for name, file in FORMATS.items()}
