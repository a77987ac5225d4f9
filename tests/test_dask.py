"""``--scheduler``: extraction on a real Dask cluster writes the same exports as a local build."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.corpus import make_corpus
from kg.errors import KGError
from kg.pipeline import build

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two worker processes on loopback (what a multi-machine cluster looks like to us)."""
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask-corpus")
    make_corpus([ROOT / "seeds"], folder, 0.25, seed=3)
    (folder / "blank.txt").write_bytes(b"  \n\n")  # skipped by ingest on a worker
    return folder


@pytest.mark.slow
def test_dask_build_on_cluster_equals_local_build(cluster, corpus: Path, tmp_path: Path) -> None:
    local = build([corpus], tmp_path / "local")
    remote = build([corpus], tmp_path / "dask", scheduler=cluster.scheduler_address)
    assert tree_bytes(tmp_path / "local") == tree_bytes(tmp_path / "dask")
    assert remote.skipped == local.skipped and len(remote.skipped) == 1
    assert sorted(remote.extracted) == sorted(local.extracted)


@pytest.mark.slow
def test_dask_documents_are_spread_over_both_workers(cluster, corpus: Path, tmp_path: Path) -> None:
    from kg.cache import ExtractionStore, pipeline_version
    from kg.distributed import run_on_cluster
    from kg.ingest import DEFAULT_MAX_BYTES, discover, doc_ids
    from kg.parallel import Done

    paths = discover([corpus])
    outcomes = list(run_on_cluster(paths, doc_ids(paths), ExtractionStore(tmp_path), pipeline_version(), DEFAULT_MAX_BYTES,
                                   cluster.scheduler_address, reuse=False, window=4))
    assert sorted(i for i, _ in outcomes) == list(range(len(paths)))
    pids = {d.pid for _, d in outcomes if isinstance(d, Done)}
    assert len(pids) == 2


@pytest.mark.slow
def test_dask_cached_documents_are_not_sent(cluster, corpus: Path, tmp_path: Path) -> None:
    build([corpus], tmp_path / "first", cache_dir=tmp_path / "cache")
    again = build([corpus], tmp_path / "again", scheduler=cluster.scheduler_address, cache_dir=tmp_path / "cache")
    assert again.extracted == []
    assert tree_bytes(tmp_path / "first") == tree_bytes(tmp_path / "again")


def test_dask_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    from kg.cache import ExtractionStore
    from kg.distributed import run_on_cluster

    (tmp_path / "a.txt").write_text("青禾科技有限公司落户澄湖经济开发区。", encoding="utf-8")
    with pytest.raises(KGError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        list(run_on_cluster([tmp_path / "a.txt"], {tmp_path / "a.txt": "a"}, ExtractionStore(tmp_path / "s"), "v", 1000,
                            "tcp://127.0.0.1:9", timeout="1s"))


@pytest.mark.slow
def test_dask_worker_with_another_kg_version_is_refused(cluster, tmp_path: Path) -> None:
    from kg.cache import ExtractionStore
    from kg.distributed import run_on_cluster

    (tmp_path / "a.txt").write_text("青禾科技有限公司落户澄湖经济开发区。", encoding="utf-8")
    with pytest.raises(KGError, match="run another kg"):
        list(run_on_cluster([tmp_path / "a.txt"], {tmp_path / "a.txt": "a"}, ExtractionStore(tmp_path / "s"),
                            "not-this-version", 1000, cluster.scheduler_address))
