"""Compose the stages: ingest -> nlp -> relations -> resolve -> export.

``build`` extracts every document (:mod:`kg.extract`, here, on local worker
processes or on a Dask cluster, through an on-disk store that doubles as the
incremental cache), resolves and writes every export. A bad file becomes a
skip with its reason, never a failed batch.
"""

from __future__ import annotations

import contextlib
import gc
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError
from kg.extract import Skip, extract_document, extract_documents
from kg.gcpause import no_cycle_collection
from kg.ingest import DEFAULT_MAX_BYTES, discover, display_path, doc_ids
from kg.model import Extraction, KnowledgeGraph

if TYPE_CHECKING:
    from kg.cache import ExtractionStore
    from kg.parallel import Done

__all__ = ["BuildResult", "NothingBuiltError", "Skip", "SkippedDocumentsError", "build", "extract_document", "extract_documents"]


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
    #: Seconds per stage: wall time for extract/load/resolve/export/total, summed
    #: per-document time (over all workers) for read/nlp/relations.
    timings: dict[str, float] = field(default_factory=dict)
    #: Ids of the documents extracted in this build (the others came from the cache).
    extracted: list[str] = field(default_factory=list)
    #: Bytes of the documents that were built, and of those extracted in this build.
    input_bytes: int = 0
    extracted_bytes: int = 0


def build(inputs: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str],
          max_bytes: int = DEFAULT_MAX_BYTES, strict: bool = False, *, jobs: int = 1,
          scheduler: str | None = None, cache_dir: str | os.PathLike[str] | None = None) -> BuildResult:
    """Extract, resolve and export; return what was made.

    With ``strict``, any skipped document raises :class:`SkippedDocumentsError`
    before anything is written, so the previous exports stay as they were;
    when no document at all can be built, :class:`NothingBuiltError` does the same.

    Each document's extraction goes to disk as soon as it is made: into
    ``cache_dir`` when given (a later build re-extracts only documents whose
    bytes, id or pipeline version changed), else into a temporary folder
    removed at the end. ``jobs`` > 1 extracts (and exports) on that many local
    processes; ``scheduler`` (a Dask address such as ``tcp://host:8786``)
    extracts on a Dask cluster instead. Resolution and export run here, on the
    extractions in document order, so every mode writes the same bytes.
    """
    try:
        return _build(inputs, out_dir, max_bytes, strict, jobs, scheduler, cache_dir)
    finally:
        gc.unfreeze()  # the records frozen while building (see no_cycle_collection) are collectable again


def _build(inputs: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str], max_bytes: int, strict: bool,
           jobs: int, scheduler: str | None, cache_dir: str | os.PathLike[str] | None) -> BuildResult:
    from kg.cache import ExtractionStore, pipeline_version
    from kg.export import write_all
    from kg.parallel import can_export_in_parallel
    from kg.resolve import resolve

    timings: dict[str, float] = {}
    t_start = time.perf_counter()
    paths = discover(inputs)
    ids = doc_ids(paths)
    version = pipeline_version()
    with contextlib.ExitStack() as stack:
        if cache_dir is not None:
            store = ExtractionStore(cache_dir)
        else:
            store = ExtractionStore(stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-spool-")), scratch=True)
        reuse = cache_dir is not None
        t0 = time.perf_counter()
        if scheduler:
            from kg.distributed import run_on_cluster

            outcomes = run_on_cluster(paths, ids, store, version, max_bytes, scheduler, reuse=reuse)
        else:
            from kg.parallel import run_local

            outcomes = run_local(paths, ids, store, version, max_bytes, jobs=jobs, reuse=reuse)
        done: list[tuple[int, Done]] = []
        skips: list[tuple[int, Skip]] = []
        loaded: dict[int, Extraction] = {}
        # With workers, this process reads each of their extractions back as it arrives, between the
        # batches it extracts itself (whose extractions it keeps); extracting alone, it keeps its heap
        # small and reads them back at the end.
        load_early = scheduler is not None or jobs > 1
        export_early = jobs > 1 and can_export_in_parallel()
        t_load = 0.0
        with no_cycle_collection(keep=True) if load_early else contextlib.nullcontext():
            for index, item in outcomes:
                if export_early:  # the workers have started: import the exporters while they extract
                    from kg.parallel import import_writers

                    import_writers()
                    export_early = False
                if isinstance(item, Skip):
                    skips.append((index, item))
                    continue
                done.append((index, item))  # type: ignore[arg-type]
                for stage, seconds in item.seconds.items():  # type: ignore[attr-defined]
                    timings[stage] = timings.get(stage, 0.0) + seconds
                if load_early:
                    t1 = time.perf_counter()
                    loaded[index] = _load(store, paths[index], ids[paths[index]], item, version, max_bytes)  # type: ignore[arg-type]
                    t_load += time.perf_counter() - t1
        timings["extract"] = time.perf_counter() - t0
        done.sort(key=lambda x: x[0])
        skipped = [s for _, s in sorted(skips, key=lambda x: x[0])]
        if not done:
            raise NothingBuiltError(skipped)
        if strict and skipped:
            raise SkippedDocumentsError(skipped)
        with no_cycle_collection(keep=True):
            t1 = time.perf_counter()
            extractions = [loaded.pop(i) if i in loaded else _load(store, paths[i], ids[paths[i]], d, version, max_bytes)
                           for i, d in done]
            timings["load"] = t_load + time.perf_counter() - t1
    # The graph and the extractions live to the end: keep the collector's full passes off them while
    # the exporters allocate (at 100 MB the exporters took 279 s inside a build, 194 s run alone).
    gc.freeze()
    if jobs > 1 and can_export_in_parallel():
        kg, outputs = _resolve_and_export_in_parallel(extractions, out_dir, jobs, timings)
    else:
        with no_cycle_collection(keep=True):
            t0 = time.perf_counter()
            kg = resolve(extractions)
            timings["resolve"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        outputs = write_all(kg, extractions, out_dir)
        timings["export"] = time.perf_counter() - t0
    timings["total"] = time.perf_counter() - t_start
    return BuildResult(kg, extractions, skipped, outputs, timings=timings,
                       extracted=[d.doc_id for _, d in done if not d.cached],
                       input_bytes=sum(d.size for _, d in done),
                       extracted_bytes=sum(d.size for _, d in done if not d.cached))


def _resolve_and_export_in_parallel(extractions: list[Extraction], out_dir: str | os.PathLike[str], jobs: int,
                                    timings: dict[str, float]) -> tuple[KnowledgeGraph, dict[str, Path]]:
    """Resolve here while a forked child writes the JSONL; then write the graph formats on ``jobs`` processes.

    ``export`` is timed from the end of resolution to the last file in place.
    """
    from kg.export import FORMATS
    from kg.parallel import export_session
    from kg.resolve import resolve

    with export_session(out_dir, jobs) as session:
        session.write_extractions(extractions)
        with no_cycle_collection(keep=True):  # the graph too is frozen, before the children fork
            t0 = time.perf_counter()
            kg = resolve(extractions)
            timings["resolve"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        session.write_graph(kg)
    timings["export"] = time.perf_counter() - t0
    out = Path(out_dir)
    return kg, {name: out / file for name, file in FORMATS.items()}


def _load(store: ExtractionStore, path: Path, doc_id: str, done: Done, version: str, max_bytes: int) -> Extraction:
    """The extraction of one document (kept in its record, or read from the store); re-made here if its entry
    cannot be read back."""
    extraction = done.extraction or store.get(done.key)
    if extraction is None:
        from kg.parallel import extract_path

        _, item = extract_path(0, path, doc_id, store, version, max_bytes, reuse=False)
        extraction = store.get(done.key) if not isinstance(item, Skip) else None
        if extraction is None:
            raise KGError(f"{store.path(done.key)}: cannot read back the extraction of {display_path(path)}")
    extraction.source = display_path(path)  # the entry may come from the same file found by another path
    return extraction
