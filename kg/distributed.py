"""Run the extraction on a Dask cluster (``dask.distributed``): one task per document.

Why Dask: it is the cluster engine many data teams already run, and our unit
of work (a document in, an extraction out) needs nothing shared. The client
reads each file and sends its bytes, so workers need ``kg`` installed but no
access to the client's files (they must run the same ``kg``: the client
checks each worker's pipeline version first); it checks the cache first and
sends only the documents that changed. Extractions come back to the client as they finish
and go straight to the store; resolution and export then run on the client.
At most ``window`` documents are in flight, so neither side holds the corpus.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from kg.cache import ExtractionStore, document_key, pipeline_version
from kg.errors import IngestError, KGError
from kg.parallel import Done, Outcome

__all__ = ["extract_bytes", "run_on_cluster"]


def worker_version() -> str:
    """The pipeline version of the ``kg`` this process runs (a worker must match the client)."""
    return pipeline_version()


def extract_bytes(name: str, doc_id: str, data: bytes, max_bytes: int) -> tuple[object, dict[str, float], int]:
    """The extraction (or Skip) of one file given as its display name, id and bytes; runs on a worker.

    The bytes are written to a private temporary file with the original
    suffix so the one ingest code path (decoding, HTML, cleaning) reads them;
    the document keeps the name and id the client gave. Returns the result,
    the seconds per stage and the worker's process id.
    """
    from kg.ingest import read_document
    from kg.extract import Skip, extract_or_skip

    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kg-task-") as tmp:
        local = Path(tmp) / ("document" + Path(name).suffix)
        local.write_bytes(data)
        try:
            document = read_document(local, max_bytes=max_bytes, doc_id=doc_id)
        except IngestError as exc:
            return Skip(name, exc.reason), seconds, os.getpid()
    document.source = name
    seconds["read"] = time.perf_counter() - t0
    return extract_or_skip(Path(name), document, timings=seconds), seconds, os.getpid()


def run_on_cluster(paths: Sequence[Path], ids: Mapping[Path, str], store: ExtractionStore, version: str,
                   max_bytes: int, address: str,
                   reuse: bool = True, window: int = 256, timeout: str = "20s") -> Iterator[Outcome]:
    """Extract every path (id from ``ids``) on the cluster at ``address`` into ``store``; yield outcomes."""
    try:
        from distributed import Client, as_completed
    except ImportError:  # pragma: no cover - distributed is pinned in requirements.lock
        raise ImportError("--scheduler needs dask.distributed: pip install 'kg[dask]'") from None
    from kg.ingest import display_path, read_document
    from kg.extract import Skip

    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise KGError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        versions = client.run(worker_version) if paths else {}
        stale = sorted(w for w, v in versions.items() if v != version)
        if stale:
            raise KGError(f"Dask worker(s) {', '.join(stale)} run another kg (pipeline version differs from this "
                          f"client's {version}): install the same kg and lexicons on every worker")
        pending: dict[object, tuple[int, str, int]] = {}
        queue = as_completed()
        it = iter(enumerate(paths))

        def submit_next() -> Outcome | None:
            """Send the next document that is not cached; return the outcome of one that needs no task."""
            for index, path in it:
                try:
                    size = path.stat().st_size
                    data = path.read_bytes() if size <= max_bytes else None
                except OSError:
                    data = None
                if data is None:  # let ingest say why (unreadable, over the limit)
                    try:
                        read_document(path, max_bytes=max_bytes)
                    except IngestError as exc:
                        return index, Skip(exc.path, exc.reason)
                    data = path.read_bytes()
                size = len(data)
                doc_id = ids[path]
                key = document_key(doc_id, path.name, data, version)
                if reuse and key in store:
                    return index, Done(doc_id, key, size, True)
                future = client.submit(extract_bytes, display_path(path), doc_id, data, max_bytes,
                                       key=f"kg-extract-{key}")
                pending[future] = (index, key, size)
                queue.add(future)
                return None
            return None

        def fill() -> Iterator[Outcome]:
            while len(pending) < window:
                before = len(pending)
                local = submit_next()
                if local is not None:
                    yield local
                elif len(pending) == before:
                    return  # no more paths

        yield from fill()
        while pending:
            future = next(queue)
            index, key, size = pending.pop(future)
            result, seconds, pid = future.result()
            future.release()
            if isinstance(result, Skip):
                yield index, result
            else:
                store.put(key, result)
                yield index, Done(result.doc_id, key, size, False, seconds, pid)
            yield from fill()
