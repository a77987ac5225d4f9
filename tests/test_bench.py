"""``kg bench`` and the corpus it builds from (no speed is asserted here: speed lives in the benchmark)."""

from __future__ import annotations

from pathlib import Path

from kg.bench import format_report, run_bench
from kg.corpus import make_corpus

ROOT = Path(__file__).resolve().parent.parent


def test_bench_corpus_reaches_size_with_varied_copies(tmp_path: Path) -> None:
    files = make_corpus([ROOT / "seeds"], tmp_path / "a", 0.2, seed=1)
    total = sum(f.stat().st_size for f in files)
    assert total >= 200_000
    seed_texts = {p.read_bytes() for p in (ROOT / "seeds").iterdir()}
    texts = [f.read_bytes() for f in files]
    assert len(set(texts)) == len(texts)
    assert not seed_texts & set(texts)


def test_bench_corpus_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    a = make_corpus([ROOT / "seeds"], tmp_path / "a", 0.05, seed=5)
    b = make_corpus([ROOT / "seeds"], tmp_path / "b", 0.05, seed=5)
    assert [f.read_bytes() for f in a] == [f.read_bytes() for f in b]


def test_bench_report_has_every_stage_and_the_jieba_reference(tmp_path: Path) -> None:
    report = run_bench(size_mb=0.05, jobs=(1,), seeds=ROOT / "seeds", work_dir=tmp_path, incremental=True)
    assert report.jieba_seconds > 0
    assert [r.label for r in report.runs] == ["build --jobs 1", "cold cache", "+1 document"]
    first, cold, added = report.runs
    assert {"read", "nlp", "relations", "resolve", "export", "total"} <= set(first.timings)
    assert first.peak_rss_mb > 0
    assert set(first.exports) >= {"turtle", "jsonl"}
    assert added.documents == cold.documents + 1 and added.extracted == 1
    text = format_report(report)
    assert "jieba.lcut" in text and "end to end" in text and "peak RSS" in text
    assert not list(tmp_path.iterdir())  # the temporary corpus is gone


def test_bench_cli_rejects_bad_jobs(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["bench", "--jobs", "1,x", "--work-dir", str(tmp_path)])
    assert result.exit_code == 1 and "--jobs" in result.output
