"""Run the extraction of many documents on this machine: in-process or on N processes.

Why processes: extraction is pure-Python rule matching, so threads would
share one interpreter lock. ``--jobs N`` extracts on this process and N - 1
worker processes. Each worker builds the NLP pipeline once (the pool
initializer), takes documents in batches, writes each extraction to the
:class:`~kg.cache.ExtractionStore` itself and sends back only a small
:class:`Done` record, so results never queue up in memory and nothing large
crosses a pipe. This process takes batches from the same queue between
reading back what the workers stored; its own extractions stay in memory
(the build needs them all there anyway). The order documents finish in does
not matter: the build sorts by document id afterwards, so ``--jobs 2``
writes the same bytes as ``--jobs 1``.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from kg.cache import ExtractionStore, document_key
from kg.errors import IngestError
from kg.model import Extraction

__all__ = ["Done", "ExportSession", "Outcome", "can_export_in_parallel", "export_session", "extract_path",
           "import_writers", "run_local"]


@dataclass(frozen=True)
class Done:
    """A document whose extraction is in the store (made now, or found there)."""

    doc_id: str
    key: str
    size: int
    cached: bool
    seconds: dict[str, float] = field(default_factory=dict)
    pid: int = 0  # the process that made it
    #: The extraction itself when this process made it and kept it (see :func:`extract_path`).
    extraction: Extraction | None = field(default=None, compare=False, repr=False)


#: ``(index in the discovered file list, result)``; the result is a Done or a pipeline Skip.
Outcome = tuple[int, object]


def extract_path(index: int, path: Path, doc_id: str, store: ExtractionStore, version: str, max_bytes: int,
                 reuse: bool, keep: bool = False) -> Outcome:
    """Read, extract and store one file; with ``reuse``, take a stored extraction instead when there is one.

    With ``keep``, the :class:`Done` record carries the extraction, and a
    scratch store (a build's spool, which only this build reads) gets no copy.
    """
    from kg.ingest import read_document
    from kg.extract import Skip, extract_or_skip, take_setup_seconds, warm_up

    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    try:
        size = path.stat().st_size
        data: bytes | None = path.read_bytes() if size <= max_bytes else None
    except OSError:
        size, data = 0, None
    key = document_key(doc_id, path.name, data or b"", version)
    if reuse and data and key in store:
        return index, Done(doc_id, key, size, True)
    t_setup = time.perf_counter()
    warm_up()  # once per process, before reading, so its imports count as set-up, not as reading
    t0 += time.perf_counter() - t_setup
    try:
        # Bytes already read for the key are not read again; when they could not be, ingest says why.
        document = read_document(path, max_bytes=max_bytes, doc_id=doc_id, data=data)
    except IngestError as exc:
        return index, Skip(exc.path, exc.reason)
    seconds["read"] = time.perf_counter() - t0
    extraction = extract_or_skip(path, document, timings=seconds)
    setup = take_setup_seconds()
    if setup:
        seconds["setup"] = setup
    if isinstance(extraction, Skip):
        return index, extraction
    if not (keep and store.scratch):
        store.put(key, extraction)
    return index, Done(doc_id, key, size, False, seconds, os.getpid(), extraction if keep else None)


def _init_worker() -> None:
    """Import and warm the stages once per worker, before the first document arrives."""
    from kg.extract import warm_up

    warm_up()


def _extract_batch(batch: Sequence[tuple[int, Path, str]], store: ExtractionStore, version: str, max_bytes: int,
                   reuse: bool) -> list[Outcome]:
    return [extract_path(i, p, doc_id, store, version, max_bytes, reuse) for i, p, doc_id in batch]


def _context() -> multiprocessing.context.BaseContext:
    """``fork`` where the platform has it (workers start in milliseconds with kg already imported)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _batches(paths: Sequence[Path], ids: Mapping[Path, str], jobs: int) -> list[list[tuple[int, Path, str]]]:
    """Documents in batches of about equal bytes, largest documents first.

    Why: the build waits for the last batch, so the batches that finish a
    run should be the small ones; a batch of several documents saves round
    trips, and about 32 batches per worker keep every worker busy to the end.
    """
    sizes = [_size(p) for p in paths]
    budget = max(1, sum(sizes) // (jobs * 32))
    batches: list[list[tuple[int, Path, str]]] = []
    current: list[tuple[int, Path, str]] = []
    held = 0
    for i in sorted(range(len(paths)), key=lambda i: (-sizes[i], i)):
        current.append((i, paths[i], ids[paths[i]]))
        held += sizes[i]
        if held >= budget or len(current) >= 16:
            batches.append(current)
            current, held = [], 0
    if current:
        batches.append(current)
    return batches


def run_local(paths: Sequence[Path], ids: Mapping[Path, str], store: ExtractionStore, version: str,
              max_bytes: int, jobs: int = 1, reuse: bool = True) -> Iterator[Outcome]:
    """Extract every path (with its document id from ``ids``) into ``store``; yield each :data:`Outcome`.

    ``jobs`` 1 runs in this process; more runs this process and ``jobs`` - 1
    worker processes on one queue of batches. The records of the documents
    extracted here carry their extraction (``Done.extraction``).
    """
    batches = deque(_batches(paths, ids, jobs)) if jobs > 1 else deque()
    if len(batches) <= 1:
        for i, path in enumerate(paths):
            yield extract_path(i, path, ids[path], store, version, max_bytes, reuse)
        return
    workers = min(jobs - 1, len(batches) - 1)
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_init_worker) as pool:
        pending: set[Future[list[Outcome]]] = set()
        while batches or pending:
            # Two batches queued per worker: one to work on, one to start as soon as it is done.
            while batches and len(pending) < 2 * workers:
                pending.add(pool.submit(_extract_batch, batches.popleft(), store, version, max_bytes, reuse))
            if batches:  # the workers are busy: take the next batch here
                for i, path, doc_id in batches.popleft():
                    yield extract_path(i, path, doc_id, store, version, max_bytes, reuse, keep=True)
                finished = [f for f in pending if f.done()]
            else:
                finished = list(wait(pending, return_when=FIRST_COMPLETED).done)
            for future in finished:
                pending.discard(future)
                yield from future.result()


# --- exports on several processes -------------------------------------------------------------

#: Known exporters as (module, function, whether it takes the extractions instead of the graph, relative
#: cost: CPU seconds of each writer alone on the 10 MB bench corpus), used to split them into even shares.
_WRITERS: dict[str, tuple[str, str, bool, float]] = {
    "turtle": ("kg.export.turtle", "write_turtle", False, 0.25),
    "html": ("kg.export.html", "write_html", False, 0.19),
    "graphml": ("kg.export.graphml", "write_graphml", False, 0.17),
    "jsonl": ("kg.export.jsonl", "write_jsonl", True, 0.20),
    "neo4j": ("kg.export.neo4j", "write_neo4j", False, 0.10),
}

_EXPORT_STATE: tuple[object, object, Path] | None = None


def shares(jobs: int, names: Sequence[str] | None = None) -> list[list[str]]:
    """``names`` (default: every format) split into ``jobs`` groups of about equal cost.

    Longest first, each to the lightest group. The first group is the
    heaviest: this process writes it, since a forked child pays extra for
    copying the pages of the graph it touches.
    """
    names = list(_WRITERS) if names is None else list(names)
    groups: list[list[str]] = [[] for _ in range(max(1, min(jobs, len(names))))]
    loads = [0.0] * len(groups)
    for name in sorted(names, key=lambda n: (-_WRITERS[n][3], n)):
        i = loads.index(min(loads))
        groups[i].append(name)
        loads[i] += _WRITERS[name][3]
    order = sorted(range(len(groups)), key=lambda i: -loads[i])
    return [groups[i] for i in order]


def _write_share(names: Sequence[str]) -> list[str]:
    import importlib

    assert _EXPORT_STATE is not None, "called outside an export session"
    kg, extractions, out = _EXPORT_STATE
    from kg.export import FORMATS

    for name in names:
        module, function, takes_extractions, _ = _WRITERS[name]
        getattr(importlib.import_module(module), function)(extractions if takes_extractions else kg,
                                                           out / FORMATS[name])
    return list(names)


def import_writers() -> None:
    """Import every writer module ahead of the export.

    Why: the build calls this while the documents are extracted, so the
    imports do not sit between resolution and the export.
    """
    for module, *_ in _WRITERS.values():
        importlib.import_module(module)


def can_export_in_parallel() -> bool:
    """Whether this platform can fork export writers and every format has a known writer."""
    from kg.export import FORMATS

    return "fork" in multiprocessing.get_all_start_methods() and set(FORMATS) == set(_WRITERS)


class ExportSession:
    """Every export format written on ``jobs`` processes into one staging folder.

    Why a session: the formats made from the extractions alone (JSONL) can be
    written by a forked child while this process is still resolving the
    graph; the graph formats are then split into shares of about equal cost,
    this process writing the heaviest and forked children the rest (they
    share the graph and its nodes-and-edges view without a pipe). The files
    and their all-or-nothing placement are those of ``write_all``.
    """

    def __init__(self, staging: Path, jobs: int) -> None:
        self.staging = staging
        self.jobs = max(2, jobs)
        self._pools: list[ProcessPoolExecutor] = []
        self._futures: list[Future[list[str]]] = []
        self._extractions: Sequence[object] = ()
        import_writers()  # once here, not once per child (a no-op when the build imported them already)

    def _fork(self, workers: int, state: tuple[object, object, Path], jobs: Sequence[Sequence[str]]) -> None:
        global _EXPORT_STATE
        _EXPORT_STATE = state
        try:  # with fork, the pool starts its processes at the first submit: they see this state
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
            self._pools.append(pool)
            self._futures.extend(pool.submit(_write_share, names) for names in jobs)
        finally:
            _EXPORT_STATE = None

    def write_extractions(self, extractions: Sequence[object]) -> None:
        """Start the formats that need only the extractions, in a forked child."""
        self._extractions = extractions
        early = [name for name, (*_, takes_extractions, _cost) in _WRITERS.items() if takes_extractions]
        if early:
            self._fork(1, (None, extractions, self.staging), [early])

    def write_graph(self, kg: object) -> None:
        """Write the graph formats: the heaviest share here, the others in forked children; wait for all."""
        global _EXPORT_STATE
        from kg.export.elements import shared_elements

        names = [name for name, (*_, takes_extractions, _cost) in _WRITERS.items() if not takes_extractions]
        mine, *theirs = shares(self.jobs, names)
        # The early child has (usually) finished while the graph was resolved; its pool's thread must be
        # gone before forking again, or a child could inherit a lock that thread holds.
        self._wait()
        with shared_elements(kg):  # type: ignore[arg-type]
            if theirs:
                self._fork(len(theirs), (kg, self._extractions, self.staging), theirs)
            _EXPORT_STATE = (kg, self._extractions, self.staging)
            try:
                _write_share(mine)
            finally:
                _EXPORT_STATE = None
            self._wait()

    def _wait(self) -> None:
        for future in self._futures:
            future.result()
        self.close()
        self._pools.clear()
        self._futures.clear()

    def close(self) -> None:
        """Wait for (or, after an error, cancel) every child."""
        for pool in self._pools:
            pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def export_session(folder: str | os.PathLike[str], jobs: int) -> Iterator[ExportSession]:
    """An :class:`ExportSession` on a staging folder whose files replace ``folder``'s only if the block succeeds."""
    from kg.export.atomic import staged_folder

    with staged_folder(folder) as staging:
        session = ExportSession(staging, jobs)
        try:
            yield session
        finally:
            session.close()
