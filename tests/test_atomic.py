"""Exports are replaced whole: a failed or killed build leaves the previous exports as they were."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_robust_corpus import write_articles

from kg.export.atomic import STAGING_PREFIX, atomic_open, staged_folder

ROOT = Path(__file__).resolve().parent.parent


def test_atomic_open_keeps_old_content_when_the_write_fails(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_open(target) as fh:
            fh.write("half of the new")
            raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_atomic_open_gives_new_files_the_usual_permissions(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    with atomic_open(tmp_path / "atomic.txt") as fh:
        fh.write("x")
    assert (tmp_path / "atomic.txt").stat().st_mode == plain.stat().st_mode


def test_atomic_open_keeps_permissions_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "shared.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    with atomic_open(target) as fh:
        fh.write("new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_atomic_staged_folder_replaces_files_only_when_all_are_written(tmp_path):
    out = tmp_path / "exports"
    out.mkdir()
    (out / "a.txt").write_text("old a", encoding="utf-8")
    (out / "notes.md").write_text("the user's own file", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with staged_folder(out) as staging:
            (staging / "a.txt").write_text("new a", encoding="utf-8")
            raise RuntimeError("exporter failed")
    assert (out / "a.txt").read_text(encoding="utf-8") == "old a"
    with staged_folder(out) as staging:
        (staging / "a.txt").write_text("new a", encoding="utf-8")
        (staging / "sub").mkdir()
        (staging / "sub" / "b.csv").write_text("b", encoding="utf-8")
    assert (out / "a.txt").read_text(encoding="utf-8") == "new a"
    assert (out / "sub" / "b.csv").read_text(encoding="utf-8") == "b"
    assert (out / "notes.md").read_text(encoding="utf-8") == "the user's own file"
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "notes.md", "sub"]


def test_atomic_staged_folder_removes_staging_left_by_a_dead_build(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"{STAGING_PREFIX}{int(dead.stdout)}-abc"
    stale.mkdir()
    (stale / "graph.ttl").write_text("half", encoding="utf-8")
    with staged_folder(tmp_path) as staging:
        (staging / "graph.ttl").write_text("whole", encoding="utf-8")
    assert not stale.exists()
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "whole"


# --- interruption: kill a real build process and look at what is left -------------------------------


def _snapshot(out: Path) -> dict[str, bytes]:
    """Every export file (staging folders of killed builds are not exports)."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not any(part.startswith(STAGING_PREFIX) for part in p.relative_to(out).parts)
    }


def _assert_exports_parse(out: Path) -> None:
    import networkx as nx
    import rdflib

    for line in (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)
    rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    nx.read_graphml(out / "graph.graphml")
    for name in ("nodes.csv", "relationships.csv"):
        with open(out / "neo4j" / name, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows and all(len(row) == len(rows[0]) for row in rows), name
    assert (out / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def _build_cmd(corpus: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out)]


def _entries(out: Path) -> set[str]:
    """Every path below ``out``; a build may remove a staging folder while we walk it (os.walk skips it)."""
    found: set[str] = set()
    for root, dirs, files in os.walk(out):
        for name in dirs + files:
            found.add(str((Path(root) / name).relative_to(out)))
    return found


def _export_phase_seconds(corpus: Path, out: Path) -> float:
    """Seconds from a build's first write into ``out`` to its exit, measured on one full build."""
    out.mkdir()
    proc = subprocess.Popen(_build_cmd(corpus, out), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not any(out.iterdir()) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    started = time.monotonic()
    proc.wait(timeout=120)
    assert proc.returncode == 0
    return time.monotonic() - started


def _kill_build(corpus: Path, out: Path, when: str, delay: float) -> str:
    """Start a build and SIGKILL it (with any workers it started); ``when`` is "start" (after ``delay``)
    or "export" (``delay`` after the build first creates anything in ``out``). Returns the phase the
    kill landed in."""
    untouched = _entries(out)
    proc = subprocess.Popen(_build_cmd(corpus, out), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        if when == "export":
            while _entries(out) == untouched and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
        time.sleep(delay)
        phase = "extract" if _entries(out) == untouched else "export"
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode in (0, -signal.SIGKILL), proc.returncode
    # A fast machine may finish the exports before a late kill lands: that run counts as "done".
    return phase if proc.returncode == -signal.SIGKILL else "done"


def test_atomic_build_killed_at_any_moment_leaves_previous_exports_whole(tmp_path):
    previous = tmp_path / "previous"
    write_articles(previous, count=3, sentences=12, seed=1)
    bigger = tmp_path / "bigger"
    write_articles(bigger, count=40, sentences=80, seed=2)
    out = tmp_path / "out"
    subprocess.run(_build_cmd(previous, out), cwd=ROOT, check=True, capture_output=True)
    before = _snapshot(out)
    assert {"extractions.jsonl", "graph.ttl", "graph.graphml", "graph.html", "neo4j/nodes.csv"} <= set(before)

    # Kill moments inside the export phase are fractions of how long that phase takes on this machine,
    # so the test stays meaningful however fast the exporters become.
    export_seconds = _export_phase_seconds(bigger, tmp_path / "timing")
    complete = _snapshot(tmp_path / "timing")
    phases = []
    for when, delay in [("start", 0.5), ("start", 1.5), ("export", 0.0), ("export", 0.2 * export_seconds),
                        ("export", 0.45 * export_seconds), ("export", 0.7 * export_seconds)]:
        phases.append(_kill_build(bigger, out, when, delay))
        # Either the kill came before the exports were placed (the previous set, whole) or after
        # (the complete new set, byte-identical to the timing build's): never a mix, never a part.
        now = _snapshot(out)
        assert now == before or now == complete, (when, delay)
        _assert_exports_parse(out)
    assert "extract" in phases and phases.count("export") >= 2, phases

    # The next build completes, replaces every export and clears the killed builds' staging folders.
    subprocess.run(_build_cmd(bigger, out), cwd=ROOT, check=True, capture_output=True)
    after = _snapshot(out)
    assert set(after) == set(before)
    changed = {name for name in before if after[name] != before[name]}
    data_files = {name for name in before if not name.endswith(".cypher")}  # Cypher scripts do not hold data
    assert data_files <= changed
    assert not any(out.glob(STAGING_PREFIX + "*"))
    _assert_exports_parse(out)


def test_atomic_export_that_cannot_be_placed_replaces_nothing(tmp_path):
    from kg.errors import ExportError
    from kg.pipeline import build

    first, second = tmp_path / "first", tmp_path / "second"
    write_articles(first, count=2, sentences=6, seed=3)
    write_articles(second, count=2, sentences=6, seed=4)
    out = tmp_path / "out"
    build([first], out)
    (out / "graph.html").unlink()
    (out / "graph.html").mkdir()  # something the user put where an export goes
    before = _snapshot(out)
    with pytest.raises(ExportError, match="graph.html"):
        build([second], out)
    assert _snapshot(out) == before


def test_atomic_export_folder_that_is_a_file_is_a_one_line_error(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    corpus = tmp_path / "in"
    write_articles(corpus, count=1, sentences=4, seed=5)
    blocker = tmp_path / "exports"
    blocker.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(corpus), "-o", str(blocker)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == f"error: {blocker}: cannot write exports there (File exists)"
    assert blocker.read_text(encoding="utf-8") == "not a folder"
