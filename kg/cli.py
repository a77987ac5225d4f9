"""The ``kg`` command: thin typer wrappers around pure functions; only here do we print and exit."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.errors import KGError
from kg.ingest import DEFAULT_MAX_BYTES

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Build knowledge graphs from Chinese economic-development news.")

DEFAULT_INPUT = ["seeds"]
#: ``kg build`` exit status when documents were skipped: built anyway / refused under ``--strict``.
EXIT_SKIPPED = 3
EXIT_STRICT = 2


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


@app.command("build")
def build_cli(
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (default: seeds/)")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Export folder")] = Path("exports"),
    strict: Annotated[bool, typer.Option(help="Fail (exit 2, exports untouched) when any document is skipped")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Skip files larger than this")] = DEFAULT_MAX_BYTES,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extract on N local processes")] = 1,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", help="Extract on a Dask cluster, e.g. tcp://10.0.0.5:8786")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", envvar="KG_NO_CACHE",
                                           help="Re-extract every document; leave the cache alone")] = False,
    cache_dir: Annotated[Path, typer.Option("--cache-dir", envvar="KG_CACHE_DIR",
                                            help="Where extractions are kept between builds")] = Path(".kg-cache"),
) -> None:
    """Build the graph and write every export format.

    Exit status: 0 every document built; 3 built, but some documents were
    skipped; 2 ``--strict`` and some were skipped (nothing written); 1 error,
    including no readable document at all (nothing written).
    """
    from kg.pipeline import NothingBuiltError, SkippedDocumentsError, build

    try:
        result = build([str(p) for p in inputs or DEFAULT_INPUT], output, max_bytes=max_bytes, strict=strict,
                       jobs=jobs, scheduler=scheduler, cache_dir=None if no_cache else cache_dir)
    except SkippedDocumentsError as exc:
        for skip in exc.skipped:
            typer.echo(f"  skipped {skip.path}: {skip.reason}", err=True)
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1 if isinstance(exc, NothingBuiltError) else EXIT_STRICT) from None
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
    for ext in result.extractions:
        for warning in ext.warnings:
            typer.echo(f"  note {ext.source}: {warning}")
    typer.echo("entities: " + ", ".join(f"{k} {v}" for k, v in sorted(by_type.items())) + f" (total {len(kg.entities)})")
    typer.echo("merged:   " + ", ".join(f"{k} {m}→{e}" for k, (m, e) in kg.merges.items()))
    typer.echo("relations: " + ", ".join(f"{k} {v}" for k, v in sorted(rel_type.items())) + f" (total {len(kg.relations)})")
    for name, path in result.outputs.items():
        typer.echo(f"  {name:8} {path}")
    typer.echo(f"open {result.outputs['html'].resolve()}")
    if result.skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command("extract")
def extract_cli(
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (default: seeds/)")] = None,
) -> None:
    """Print one JSON line per document in the annotation guide's format."""
    from kg.extract import Skip, extract_documents

    for item in extract_documents([str(p) for p in inputs or DEFAULT_INPUT]):
        if isinstance(item, Skip):
            typer.echo(f"skipped {item.path}: {item.reason}", err=True)
            continue
        for warning in item.warnings:
            typer.echo(f"note {item.source}: {warning}", err=True)
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
    from kg.extract import Skip, extract_documents

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
    query: Annotated[str, typer.Argument(help="A shipped query's name (see --list), @file.rq, or SPARQL text")] = "",
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE for the query")] = None,
    engine: Annotated[str, typer.Option(help="auto (pyoxigraph when installed), oxigraph or rdflib")] = "auto",
    list_queries: Annotated[bool, typer.Option("--list", help="List the shipped queries")] = False,
) -> None:
    """Run a SPARQL SELECT over a graph and print a table."""
    from rich.console import Console
    from rich.table import Table

    from kg.query import named_queries, run_query

    if list_queries or not query:
        for name, q in named_queries().items():
            params = " ".join(f"--param {k}=…" for k in q.params)
            typer.echo(f"{name:24} {q.question} {params}".rstrip())
        return
    params = {}
    for item in param or []:
        name, sep, value = item.partition("=")
        if not sep:
            _fail(f"--param {item!r}: write NAME=VALUE")
        params[name] = value
    try:
        cols, rows = run_query(graph, query, engine=engine, params=params)
    except KGError as exc:
        _fail(str(exc))
        return
    table = Table(*cols)
    for row in rows:
        table.add_row(*row)
    Console().print(table)
    typer.echo(f"{len(rows)} rows")


@app.command("serve")
def serve_cli(
    graph: Annotated[Path, typer.Argument(help="A Turtle export, e.g. exports/graph.ttl")],
    port: Annotated[int, typer.Option(help="TCP port")] = 7878,
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default)")] = "127.0.0.1",
    location: Annotated[Optional[Path], typer.Option(help="Keep the Oxigraph store in this folder")] = None,
) -> None:
    """Serve a graph over the SPARQL protocol (Oxigraph, read-only) until Ctrl-C."""
    from kg.serve import start_server

    try:
        server = start_server(graph, port=port, host=host, location=location)
    except KGError as exc:
        _fail(str(exc))
        return
    typer.echo(f"SPARQL endpoint: {server.query_url}  (Ctrl-C to stop)")
    try:
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


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
