"""Run SPARQL SELECT queries over a Turtle export: named queries shipped in ``kg/queries/``, files or text.

Engines: pyoxigraph (fast; the default when installed) or rdflib. Both get the
same prefixes (:data:`kg.vocab.PREFIXES`) and the same parameters, passed as
bindings (rdflib ``initBindings``, pyoxigraph ``substitutions``), never pasted
into the query text. A named query declares its parameters in ``# param NAME:``
header lines; a parameter's value is a plain string literal.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import QueryError
from kg.vocab import PREFIXES

__all__ = ["ENGINES", "QUERY_DIR", "NamedQuery", "Store", "load_query", "named_queries", "open_store", "run_query"]

#: Where the shipped ``*.rq`` queries live.
QUERY_DIR = Path(__file__).resolve().parent / "queries"
ENGINES = ("auto", "oxigraph", "rdflib")
_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*:\s*(.*)$", re.M)


@dataclass(frozen=True)
class NamedQuery:
    """A shipped query: its name, the question it answers, its parameters and its text."""

    name: str
    question: str
    params: dict[str, str]
    text: str


def _parse_query_file(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0] if text else ""
    question = first.lstrip("#").strip() if first.startswith("#") else ""
    return NamedQuery(path.stem, question, dict(_PARAM.findall(text)), text)


def named_queries() -> dict[str, NamedQuery]:
    """Every shipped query by name."""
    return {p.stem: _parse_query_file(p) for p in sorted(QUERY_DIR.glob("*.rq"))}


def load_query(text_or_name: str) -> NamedQuery:
    """A shipped query by name, a query file as ``@path.rq``, or SPARQL text."""
    if text_or_name.startswith("@"):
        path = Path(text_or_name[1:])
        try:
            return _parse_query_file(path)
        except OSError as exc:
            raise QueryError(f"{path}: cannot read query ({exc.strerror})") from None
    shipped = named_queries()
    if text_or_name in shipped:
        return shipped[text_or_name]
    if re.fullmatch(r"[\w-]+", text_or_name):
        raise QueryError(f"Unknown query '{text_or_name}'. Available: {', '.join(shipped)}")
    return NamedQuery("", "", dict(_PARAM.findall(text_or_name)), text_or_name)


class Store:
    """A loaded graph that answers SELECT queries with string cells."""

    def __init__(self, engine: str, backend: Any, path: Path) -> None:
        self.engine = engine
        self._backend = backend
        self._path = path

    def select(self, query: NamedQuery | str, params: Mapping[str, str] | None = None) -> tuple[list[str], list[list[str]]]:
        """Column names and rows (each cell a string; unbound is empty) of a SELECT query."""
        q = query if isinstance(query, NamedQuery) else NamedQuery("", "", {}, query)
        params = dict(params or {})
        missing = sorted(set(q.params) - set(params))
        if missing:
            raise QueryError(f"query '{q.name or 'text'}' needs --param {missing[0]}=VALUE ({q.params[missing[0]]})")
        unknown = sorted(set(params) - set(q.params))
        if unknown and q.name:
            raise QueryError(f"query '{q.name}' has no parameter '{unknown[0]}'. Available: {', '.join(q.params) or 'none'}")
        try:
            if self.engine == "oxigraph":
                return self._select_oxigraph(q.text, params)
            return self._select_rdflib(q.text, params)
        except QueryError:
            raise
        except Exception as exc:  # both engines raise their own parser errors
            raise QueryError(f"{self._path}: {type(exc).__name__}: {exc}") from None

    def _select_oxigraph(self, text: str, params: dict[str, str]) -> tuple[list[str], list[list[str]]]:
        import pyoxigraph

        subs = {pyoxigraph.Variable(k): pyoxigraph.Literal(v) for k, v in params.items()}
        result = self._backend.query(text, prefixes=PREFIXES, substitutions=subs or None)
        if not isinstance(result, pyoxigraph.QuerySolutions):
            raise QueryError("only SELECT queries print a table")
        cols = [v.value for v in result.variables]
        rows = [["" if sol[v] is None else sol[v].value for v in result.variables] for sol in result]
        return cols, rows

    def _select_rdflib(self, text: str, params: dict[str, str]) -> tuple[list[str], list[list[str]]]:
        from rdflib import Literal
        from rdflib.plugins.sparql import prepareQuery

        prepared = prepareQuery(text, initNs=PREFIXES)
        res = self._backend.query(prepared, initBindings={k: Literal(v) for k, v in params.items()})
        if res.type != "SELECT":
            raise QueryError("only SELECT queries print a table")
        cols = [str(v) for v in res.vars or []]
        rows = [["" if x is None else str(x) for x in row] for row in res]
        return cols, rows


def open_store(graph_path: str | os.PathLike[str], engine: str = "auto") -> Store:
    """Load a Turtle file with ``engine``: auto (pyoxigraph when installed, else rdflib), oxigraph or rdflib."""
    path = Path(graph_path)
    if engine not in ENGINES:
        raise QueryError(f"Unknown engine '{engine}'. Available: {', '.join(ENGINES)}")
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file")
    if engine in ("auto", "oxigraph"):
        try:
            import pyoxigraph
        except ImportError:
            if engine == "oxigraph":
                raise QueryError("engine 'oxigraph' needs pyoxigraph: pip install pyoxigraph") from None
        else:
            store = pyoxigraph.Store()
            try:
                store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
            except (SyntaxError, ValueError, OSError) as exc:
                raise QueryError(f"{path}: {exc}") from None
            return Store("oxigraph", store, path)
    from rdflib import Graph

    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser types
        raise QueryError(f"{path}: {exc}") from None
    return Store("rdflib", g, path)


def run_query(graph_path: str | os.PathLike[str], query: str, engine: str = "auto",
              params: Mapping[str, str] | None = None) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of a SELECT query (shipped name, ``@file.rq`` or text) over a Turtle file."""
    return open_store(graph_path, engine).select(load_query(query), params)
