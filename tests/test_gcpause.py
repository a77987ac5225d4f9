"""The collector pause around bulk work: state restored, kept records frozen, nothing left frozen by a build."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from kg.gcpause import no_cycle_collection


@pytest.fixture(autouse=True)
def _clean_collector():
    gc.unfreeze()
    was = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()
    if not was:
        gc.disable()


def test_gcpause_collector_is_off_inside_and_back_on_after() -> None:
    with no_cycle_collection():
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_gcpause_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    with no_cycle_collection():
        pass
    assert not gc.isenabled()


def test_gcpause_keep_freezes_what_the_block_made() -> None:
    with no_cycle_collection(keep=True):
        records = [[i] for i in range(5000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(records)


def test_gcpause_build_leaves_nothing_frozen_even_when_it_fails(tmp_path: Path) -> None:
    from kg.pipeline import NothingBuiltError, build

    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    (good / "a.txt").write_text("澄湖经济开发区引进青禾科技有限公司，发展新材料产业。", encoding="utf-8")
    (bad / "empty.txt").write_bytes(b"")
    build([good], tmp_path / "out", jobs=2)
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    with pytest.raises(NothingBuiltError):
        build([bad], tmp_path / "out2", jobs=2)
    assert gc.get_freeze_count() == 0 and gc.isenabled()
