"""The ``kg`` command: thin typer wrappers around pure functions; only here do we print and exit."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.errors import KGError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Build knowledge graphs from Chinese economic-development news.")

DEFAULT_INPUT = ["seeds"]


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


@app.command("build")
def build_cli(
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (default: seeds/)")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Export folder")] = Path("exports"),
    strict: Annotated[bool, typer.Option(help="Exit non-zero when any document is skipped")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extract on N local processes")] = 1,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", help="Extract on a Dask cluster, e.g. tcp://10.0.0.5:8786")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Re-extract every document; leave .kg-cache/ alone")] = False,
    cache_dir: Annotated[Path, typer.Option("--cache-dir", help="Where extractions are kept between builds")] = Path(".kg-cache"),
) -> None:
    """Build the graph and write every export format."""
    from kg.pipeline import build

    try:
        result = build([str(p) for p in inputs or DEFAULT_INPUT], output, jobs=jobs, scheduler=scheduler,
                       cache_dir=None if no_cache else cache_dir)
    except KGError as exc:
        _fail(str(exc))
        return
    kg = result.kg
    by_type = Counter(e.label for e in kg.entities.values())
    rel_type = Counter(r.type for r in kg.relations.values())
    reused = len(result.extractions) - len(result.extracted)
    typer.echo(f"documents: {len(result.extractions)} built, {len(result.skipped)} skipped"
               + (f" ({reused} from cache, {len(result.extracted)} extracted)" if reused else ""))
    for skip in result.skipped:
        typer.echo(f"  skipped {skip.path}: {skip.reason}")
    typer.echo("entities: " + ", ".join(f"{k} {v}" for k, v in sorted(by_type.items())) + f" (total {len(kg.entities)})")
    typer.echo("merged:   " + ", ".join(f"{k} {m}→{e}" for k, (m, e) in kg.merges.items()))
    typer.echo("relations: " + ", ".join(f"{k} {v}" for k, v in sorted(rel_type.items())) + f" (total {len(kg.relations)})")
    for name, path in result.outputs.items():
        typer.echo(f"  {name:8} {path}")
    typer.echo(f"open {result.outputs['html'].resolve()}")
    if strict and result.skipped:
        raise typer.Exit(2)


@app.command("extract")
def extract_cli(
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (default: seeds/)")] = None,
) -> None:
    """Print one JSON line per document in the annotation guide's format."""
    from kg.pipeline import Skip, extract_documents

    for item in extract_documents([str(p) for p in inputs or DEFAULT_INPUT]):
        if isinstance(item, Skip):
            typer.echo(f"skipped {item.path}: {item.reason}", err=True)
            continue
        sys.stdout.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")


@app.command("eval")
def eval_cli(
    gold: Annotated[Path, typer.Argument(help="Gold .jsonl file or folder")],
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="Where the documents are (default: seeds/)")] = None,
    misses: Annotated[bool, typer.Option("--misses", help="List false positives and negatives")] = False,
) -> None:
    """Score extraction against gold annotations (precision, recall, F1)."""
    from kg.evaluate import format_report, load_gold, score_documents
    from kg.ingest import discover
    from kg.pipeline import Skip, extract_documents

    gold_recs = load_gold(gold)
    if not gold_recs:
        _fail(f"{gold}: no gold records")
    wanted = [p for p in discover([str(p) for p in inputs or DEFAULT_INPUT]) if p.stem in gold_recs]
    predicted = {}
    for item in extract_documents(wanted):
        if isinstance(item, Skip):
            typer.echo(f"skipped {item.path}: {item.reason}", err=True)
            continue
        predicted[item.doc_id] = item.to_json()
    missing = sorted(set(gold_recs) - set(predicted))
    if missing:
        typer.echo(f"warning: no document found for {', '.join(missing)}", err=True)
    typer.echo(format_report(score_documents(gold_recs, predicted), misses=misses))


@app.command("query")
def query_cli(
    graph: Annotated[Path, typer.Argument(help="A Turtle export, e.g. exports/graph.ttl")],
    query: Annotated[str, typer.Argument(help="SPARQL text, or @file.rq")],
    engine: Annotated[str, typer.Option(help="auto, oxigraph or rdflib")] = "auto",
) -> None:
    """Run a SPARQL SELECT over a graph and print a table."""
    from rich.console import Console
    from rich.table import Table

    from kg.query import load_query, run_query

    try:
        cols, rows = run_query(graph, load_query(query), engine=engine)
    except KGError as exc:
        _fail(str(exc))
        return
    table = Table(*cols)
    for row in rows:
        table.add_row(*row)
    Console().print(table)
    typer.echo(f"{len(rows)} rows")


@app.command("bench")
def bench_cli(
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="Corpus files or folders (default: a generated corpus)")] = None,
    size_mb: Annotated[float, typer.Option("--size-mb", min=0.01, help="Size of the generated corpus")] = 10.0,
    seeds: Annotated[Path, typer.Option(help="Articles the generated corpus varies")] = Path("seeds"),
    jobs: Annotated[str, typer.Option("--jobs", help="Comma-separated process counts to build with, e.g. 1,2")] = "1",
    incremental: Annotated[bool, typer.Option(help="Also time a cached rebuild after adding one document")] = False,
    work_dir: Annotated[Optional[Path], typer.Option(help="Where the temporary corpus and exports go")] = None,
) -> None:
    """Time a build stage by stage (MB/s, peak memory) against jieba.lcut on the same text."""
    from kg.bench import format_report, run_bench

    try:
        job_list = [int(j) for j in jobs.split(",") if j.strip()]
    except ValueError:
        _fail(f"--jobs {jobs!r}: expected numbers separated by commas, e.g. 1,2")
        return
    if not job_list or min(job_list) < 1:
        _fail(f"--jobs {jobs!r}: every process count must be 1 or more")
    if not inputs and not seeds.is_dir():
        _fail(f"{seeds}: no such folder to make a corpus from (give --seeds or corpus folders)")
    report = run_bench([str(p) for p in inputs or []], size_mb=size_mb, jobs=job_list, seeds=str(seeds),
                       work_dir=work_dir, incremental=incremental,
                       progress=lambda msg: typer.echo(msg, err=True))
    typer.echo(format_report(report), nl=False)


def main() -> None:
    """Entry point of the ``kg`` script."""
    app()
