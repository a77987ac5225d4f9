"""``--jobs N``: extraction on N worker processes writes the same bytes as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cache import ExtractionStore, pipeline_version
from kg.corpus import make_corpus
from kg.ingest import DEFAULT_MAX_BYTES, discover, doc_ids
from kg.parallel import Done, run_local
from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path (temporary files of atomic writes excluded)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".tmp")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 24 varied documents, plus one file ingest must skip."""
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus([ROOT / "seeds"], folder, 0.35, seed=7)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_parallel_jobs_two_writes_same_exports_as_jobs_one(corpus: Path, tmp_path: Path) -> None:
    one = build([corpus], tmp_path / "j1", jobs=1)
    two = build([corpus], tmp_path / "j2", jobs=2)
    assert tree_bytes(tmp_path / "j1") == tree_bytes(tmp_path / "j2")
    assert [e.doc_id for e in one.extractions] == [e.doc_id for e in two.extractions]
    assert one.skipped == two.skipped and len(one.skipped) == 1


def test_parallel_run_local_uses_the_number_of_processes_asked(corpus: Path, tmp_path: Path) -> None:
    paths = discover([corpus])
    outcomes = list(run_local(paths, doc_ids(paths), ExtractionStore(tmp_path), pipeline_version(), DEFAULT_MAX_BYTES, jobs=2,
                              reuse=False))
    assert sorted(i for i, _ in outcomes) == list(range(len(paths)))
    pids = {d.pid for _, d in outcomes if isinstance(d, Done)}
    assert len(pids) == 2


def test_parallel_extraction_lands_in_the_store(corpus: Path, tmp_path: Path) -> None:
    store = ExtractionStore(tmp_path)
    paths = discover([corpus])
    outcomes = list(run_local(paths, doc_ids(paths), store, pipeline_version(), DEFAULT_MAX_BYTES, jobs=2, reuse=False))
    done = [d for _, d in outcomes if isinstance(d, Done)]
    assert len(done) == len(paths) - 1
    for d in done:
        stored = store.get(d.key)
        assert stored is not None and stored.doc_id == d.doc_id


def test_parallel_this_process_extracts_too_and_keeps_its_extractions(corpus: Path, tmp_path: Path) -> None:
    import os

    store = ExtractionStore(tmp_path, scratch=True)
    paths = discover([corpus])
    outcomes = list(run_local(paths, doc_ids(paths), store, pipeline_version(), DEFAULT_MAX_BYTES, jobs=2, reuse=False))
    done = [d for _, d in outcomes if isinstance(d, Done)]
    here = [d for d in done if d.pid == os.getpid()]
    there = [d for d in done if d.pid != os.getpid()]
    assert here and there
    # kept here: the record holds it and the scratch spool has no copy; made by a worker: in the spool
    assert all(d.extraction is not None and d.extraction.doc_id == d.doc_id and d.key not in store for d in here)
    assert all(d.extraction is None and d.key in store for d in there)


def test_parallel_this_process_stores_its_extractions_in_a_lasting_cache(corpus: Path, tmp_path: Path) -> None:
    import os

    store = ExtractionStore(tmp_path)  # a cache the next build reads: every extraction must land in it
    paths = discover([corpus])
    outcomes = list(run_local(paths, doc_ids(paths), store, pipeline_version(), DEFAULT_MAX_BYTES, jobs=2, reuse=False))
    here = [d for _, d in outcomes if isinstance(d, Done) and d.pid == os.getpid()]
    assert here and all(d.key in store for d in here)
