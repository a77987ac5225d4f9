"""``kg bench``: how fast a build is, stage by stage, against ``jieba.lcut`` on the same text.

Why a reference in the same run: MB/s figures depend on the machine and its
load; the ratio to plain word segmentation (what every Chinese pipeline does
at least once) does not, and the target is stated as that ratio. Each build
runs in a fresh process so its peak memory is its own; the reference runs in
another, one document at a time, so neither holds the corpus.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["BenchRun", "BenchReport", "format_report", "run_bench"]

MB = 1_000_000


@dataclass
class BenchRun:
    """One build: its settings, wall times per stage and peak memory."""

    label: str
    jobs: int
    documents: int
    input_bytes: int
    timings: dict[str, float]
    peak_rss_mb: float
    worker_peak_rss_mb: float
    extracted: int = 0
    extracted_bytes: int = 0
    exports: dict[str, float] = field(default_factory=dict)
    graph: dict[str, int] = field(default_factory=dict)


@dataclass
class BenchReport:
    """Everything ``kg bench`` measured in one run."""

    corpus: str
    documents: int
    input_bytes: int
    jieba_seconds: float
    runs: list[BenchRun] = field(default_factory=list)


def _peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def _time_exports(kg: Any, extractions: Any, scratch: Path) -> dict[str, float]:
    """Seconds each exporter takes on its own (written to a scratch folder)."""
    import importlib

    from kg.export import FORMATS
    from kg.parallel import _WRITERS

    seconds: dict[str, float] = {}
    for name in FORMATS:
        if name not in _WRITERS:
            continue
        module, function, takes_extractions, _ = _WRITERS[name]
        writer = getattr(importlib.import_module(module), function)
        t0 = time.perf_counter()
        writer(extractions if takes_extractions else kg, scratch / FORMATS[name])
        seconds[name] = time.perf_counter() - t0
    return seconds


def _build_child(conn: Any, inputs: list[str], out: str, jobs: int, cache_dir: str | None,
                 detail: bool) -> None:
    """Run one build in this (fresh) process and send back what it measured."""
    from kg.pipeline import build

    t0 = time.perf_counter()
    result = build(inputs, out, jobs=jobs, cache_dir=cache_dir)
    wall = time.perf_counter() - t0
    own, child = _peak_mb()
    timings = dict(result.timings)
    timings["total"] = wall
    graph = {
        "entities": len(result.kg.entities),
        "relations": len(result.kg.relations),
        "evidence": sum(len(r.evidence) for r in result.kg.relations.values()),
        "mentions": sum(len(e.mentions) for e in result.extractions),
        "export_bytes": sum(f.stat().st_size for f in Path(out).rglob("*") if f.is_file()),
    }
    exports = _time_exports(result.kg, result.extractions, Path(out) / ".bench-scratch") if detail else {}
    shutil.rmtree(Path(out) / ".bench-scratch", ignore_errors=True)
    conn.send({"documents": len(result.extractions), "input_bytes": result.input_bytes, "timings": timings,
               "own": own, "child": child, "extracted": len(result.extracted),
               "extracted_bytes": result.extracted_bytes, "exports": exports,
               "graph": graph})
    conn.close()


def _jieba_child(conn: Any, paths: list[str]) -> None:
    """Segment every file with ``jieba.lcut``, one at a time; send back the seconds spent segmenting."""
    import logging

    import jieba

    from kg.ingest import decode_bytes

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # the dictionary load is not segmentation
    seconds = 0.0
    for p in paths:
        text = decode_bytes(Path(p).read_bytes(), p)
        t0 = time.perf_counter()
        jieba.lcut(text)
        seconds += time.perf_counter() - t0
    conn.send(seconds)
    conn.close()


def _in_child(target: Any, *args: Any) -> Any:
    """Run ``target(conn, *args)`` in a fresh process and return what it sends."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=target, args=(child, *args))
    proc.start()
    child.close()
    try:
        value = parent.recv()
    except EOFError:
        proc.join()
        raise RuntimeError(f"benchmark step {target.__name__} died (exit code {proc.exitcode})") from None
    proc.join()
    return value


def run_bench(inputs: Sequence[str | os.PathLike[str]] = (), size_mb: float = 10.0, jobs: Sequence[int] = (1,),
              seeds: str | os.PathLike[str] = "seeds", work_dir: str | os.PathLike[str] | None = None,
              incremental: bool = False, progress: Any = None) -> BenchReport:
    """Build a corpus (``inputs``, or ``size_mb`` MB of varied copies of ``seeds``) once per ``jobs`` value.

    With ``incremental``, also build with a cache, add one new document and
    build again, to show what a rebuild costs.
    """
    from kg.corpus import make_corpus
    from kg.ingest import discover

    say = progress or (lambda _msg: None)
    with tempfile.TemporaryDirectory(prefix="kg-bench-", dir=work_dir) as tmp:
        work = Path(tmp)
        if inputs:
            corpus_inputs = [str(p) for p in inputs]
            label = ", ".join(corpus_inputs)
        else:
            say(f"writing a {size_mb:g} MB corpus from {seeds} ...")
            make_corpus([seeds], work / "corpus", size_mb)
            corpus_inputs = [str(work / "corpus")]
            label = f"{size_mb:g} MB of varied copies of {seeds}"
        paths = [str(p) for p in discover(corpus_inputs)]
        total = sum(Path(p).stat().st_size for p in paths)
        say(f"jieba.lcut on {len(paths)} documents ({total / MB:.1f} MB) ...")
        report = BenchReport(label, len(paths), total, _in_child(_jieba_child, paths))
        for i, j in enumerate(jobs):
            say(f"kg build --jobs {j} --no-cache ...")
            data = _in_child(_build_child, corpus_inputs, str(work / f"out-j{j}"), j, None, i == 0)
            report.runs.append(_run(f"build --jobs {j}", j, data))
        if incremental:
            cache = str(work / "cache")
            say("kg build with a cache (cold) ...")
            report.runs.append(_run("cold cache", 1, _in_child(_build_child, corpus_inputs, str(work / "out-c"),
                                                                1, cache, False)))
            extra = work / "added"
            make_corpus([seeds], extra, 0.000001, seed=len(paths) + 1, prefix="added")
            say("kg build after adding one document ...")
            report.runs.append(_run("+1 document", 1, _in_child(_build_child, [*corpus_inputs, str(extra)],
                                                                 str(work / "out-c"), 1, cache, False)))
    return report


def _run(label: str, jobs: int, data: dict[str, Any]) -> BenchRun:
    return BenchRun(label, jobs, data["documents"], data["input_bytes"], data["timings"], data["own"],
                    data["child"], data["extracted"], data["extracted_bytes"], data["exports"], data["graph"])


def _rate(nbytes: int, seconds: float) -> str:
    return f"{nbytes / MB / seconds:8.2f} MB/s" if seconds > 0 else "       - MB/s"


def format_report(report: BenchReport) -> str:
    """The report as a plain-text table (what the README shows)."""
    n = report.input_bytes
    lines = [f"corpus: {report.corpus}: {report.documents} documents, {n / MB:.1f} MB",
             f"reference jieba.lcut: {report.jieba_seconds:7.2f} s {_rate(n, report.jieba_seconds)}", ""]
    per_doc = ("read", "nlp", "relations")
    for run in report.runs:
        t = run.timings
        lines.append(f"{run.label}: {run.documents} documents ({run.extracted} extracted), "
                     f"{run.input_bytes / MB:.1f} MB")
        if "setup" in t:
            lines.append(f"  {'setup':<14}{t['setup']:8.2f} s  (import and warm the stages; summed over processes)")
        for stage in per_doc:
            if stage in t:
                lines.append(f"  {stage:<14}{t[stage]:8.2f} s {_rate(run.extracted_bytes, t[stage])}  (per core)")
        for stage in ("extract", "load", "resolve", "export"):
            if stage in t:
                note = "  (with workers: read back as documents finish, inside extract)" if stage == "load" else ""
                lines.append(f"  {stage:<14}{t[stage]:8.2f} s {_rate(run.input_bytes, t[stage])}{note}")
        for name, seconds in run.exports.items():
            lines.append(f"    {name:<12}{seconds:8.2f} s {_rate(run.input_bytes, seconds)}  (alone)")
        total = t.get("total", 0.0)
        ratio = (n / total) / (n / report.jieba_seconds) if total and report.jieba_seconds else 0.0
        lines.append(f"  {'end to end':<14}{total:8.2f} s {_rate(run.input_bytes, total)}  "
                     f"= {ratio:.2f}x jieba.lcut")
        lines.append(f"  peak RSS      {run.peak_rss_mb:8.0f} MB main, {run.worker_peak_rss_mb:.0f} MB largest worker")
        if run.graph:
            g = run.graph
            lines.append(f"  graph         {g['entities']} entities, {g['relations']} relations, "
                         f"{g['evidence']} evidence, {g['mentions']} mentions; exports {g['export_bytes'] / MB:.1f} MB")
        lines.append("")
    by_jobs = {r.jobs: r.timings.get("total", 0.0) for r in report.runs if r.label.startswith("build")}
    if 1 in by_jobs and len(by_jobs) > 1:
        for j, secs in sorted(by_jobs.items()):
            if j != 1 and secs:
                lines.append(f"speed-up --jobs {j} vs --jobs 1: {by_jobs[1] / secs:.2f}x")
    return "\n".join(lines).rstrip() + "\n"
