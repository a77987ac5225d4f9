from __future__ import annotations

import json

from conftest import GOLD, SEEDS
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def test_cli_extract_prints_guide_records(tmp_path):
    f = tmp_path / "one.txt"
    f.write_text("青禾新材料有限公司落户临海经济技术开发区。\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(f)])
    assert result.exit_code == 0
    rec = json.loads(result.stdout.strip())
    assert rec["doc"] == "one"
    assert {"text", "label", "start", "end"} <= set(rec["entities"][0])


def test_cli_eval_prints_table(tmp_path):
    result = runner.invoke(app, ["eval", str(GOLD), str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "entity micro F1" in result.output and "located_in" in result.output


def test_cli_build_reports_skip_and_strict_fails(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text("临海经济技术开发区召开会议。\n", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3  # built, but a document was skipped
    assert "empty.txt: file is empty" in result.output
    strict = runner.invoke(app, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--strict"])
    assert strict.exit_code != 0


def test_cli_query_runs_sparql(seeds_build):
    _, out = seeds_build
    result = runner.invoke(app, ["query", str(out / "graph.ttl"), "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Park }"])
    assert result.exit_code == 0, result.output
    assert "1 rows" in result.output
