"""Run SPARQL over a Turtle export: pyoxigraph when installed (fast), rdflib otherwise."""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import QueryError

__all__ = ["PREFIXES", "load_query", "run_query"]

PREFIXES = """PREFIX kg: <http://example.org/kg/ontology#>
PREFIX id: <http://example.org/kg/id/>
PREFIX doc: <http://example.org/kg/doc/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def load_query(text_or_file: str) -> str:
    """A query given as text, or as ``@path/to/file.rq``."""
    if text_or_file.startswith("@"):
        path = Path(text_or_file[1:])
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{path}: cannot read query ({exc.strerror})") from None
    return text_or_file


def _with_prefixes(query: str) -> str:
    return query if "PREFIX kg:" in query else PREFIXES + query


def run_query(graph_path: str | os.PathLike[str], query: str, engine: str = "auto") -> tuple[list[str], list[list[str]]]:
    """Column names and rows (as strings) of a SELECT query over a Turtle file."""
    path = Path(graph_path)
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file")
    q = _with_prefixes(query)
    if engine in ("auto", "oxigraph"):
        try:
            import pyoxigraph
        except ImportError:
            if engine == "oxigraph":
                raise QueryError("engine 'oxigraph' needs pyoxigraph: pip install pyoxigraph") from None
        else:
            store = pyoxigraph.Store()
            try:
                with path.open("rb") as fh:
                    store.load(fh, format=pyoxigraph.RdfFormat.TURTLE)
                result = store.query(q)
            except (SyntaxError, ValueError, OSError) as exc:
                raise QueryError(f"{path}: {exc}") from None
            cols = [v.value for v in result.variables]
            rows = [[_term(sol[v]) for v in result.variables] for sol in result]
            return cols, rows
    from rdflib import Graph

    g = Graph()
    try:
        g.parse(path, format="turtle")
        res = g.query(q)
    except Exception as exc:  # rdflib raises many parser types
        raise QueryError(f"{path}: {exc}") from None
    cols = [str(v) for v in res.vars or []]
    rows = [["" if x is None else str(x) for x in row] for row in res]
    return cols, rows


def _term(term: object) -> str:
    if term is None:
        return ""
    return str(getattr(term, "value", term))
