"""The README's query result tables are what the shipped queries return on a fresh seeds build.

When extraction changes, regenerate them: ``.venv/bin/python scripts/readme_queries.py``.
"""

from __future__ import annotations

import json
import re

from conftest import ROOT

from kg.query import named_queries, open_store

_MARKER = re.compile(r"^<!-- query: (\{.*\}) -->$")
_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str]:
    parts = _SPLIT.split(line.strip())[1:-1]
    return [p.strip().replace("\\|", "|").replace("\\\\", "\\") for p in parts]


def readme_tables() -> dict[str, tuple[dict[str, str], list[str], list[list[str]]]]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    tables = {}
    for i, line in enumerate(lines):
        m = _MARKER.match(line)
        if not m:
            continue
        spec = json.loads(m.group(1))
        header = _cells(lines[i + 1])
        rows = []
        for row in lines[i + 3:]:
            if not row.startswith("|"):
                break
            rows.append(_cells(row))
        tables[spec["name"]] = (spec["params"], header, rows)
    return tables


def test_query_readme_shows_every_shipped_query():
    assert set(readme_tables()) == set(named_queries())


def test_query_readme_tables_match_a_fresh_seeds_build(seeds_build):
    _, out = seeds_build
    store = open_store(out / "graph.ttl")
    for name, (params, header, rows) in readme_tables().items():
        cols, got = store.select(named_queries()[name], params)
        got = [[c.replace("\r", " ").replace("\n", " ") for c in row] for row in got]
        assert (header, rows) == (cols, got), f"README table of {name} is stale: run scripts/readme_queries.py"
