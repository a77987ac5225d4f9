"""Shared fixtures: the seeds build is made once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# `kg build` keeps a cache in ./.kg-cache by default; tests that run it (also as a subprocess) build
# fresh each time unless they ask for the cache (tests/test_cache*.py), so no test leans on another's run.
os.environ.setdefault("KG_NO_CACHE", "1")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "gold"


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory):
    """A full build of seeds/ into a temporary folder: (BuildResult, folder)."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seeds-build")
    return build([SEEDS], out), out


def make_document(text: str, doc_id: str = "t"):
    """A Document from a string, cleaned as ingest does."""
    from kg.ingest import clean_text
    from kg.model import Document

    clean, offsets = clean_text(text)
    return Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text, clean=clean, offsets=offsets)
