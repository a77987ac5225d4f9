"""Regenerate the query result tables in README.md ("## Querying the graph") from a fresh seeds build.

Why a script: the tables show what each shipped query returns on seeds/, and
those results change whenever extraction improves. Run after merging:

    .venv/bin/python scripts/readme_queries.py            # builds seeds/ into a temporary folder
    .venv/bin/python scripts/readme_queries.py --graph exports/graph.ttl

tests/test_query_readme.py fails when the tables and a fresh build disagree.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN = "<!-- BEGIN query results (scripts/readme_queries.py writes this part; do not edit) -->"
END = "<!-- END query results -->"

#: How an example value is chosen for each parameter: the first cell of this query on the graph.
EXAMPLE_VALUE_QUERIES = {
    "park": """SELECT ?v WHERE { ?c kg:locatedIn ?p . ?p rdfs:label ?l . BIND(STR(?l) AS ?v) }
               GROUP BY ?v ORDER BY DESC(COUNT(DISTINCT ?c)) ?v LIMIT 1""",
}


def cell(text: str) -> str:
    """A markdown table cell: pipes escaped, line breaks as spaces."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def render(graph: Path) -> str:
    """The generated README part: one subsection per shipped query with its command and result table."""
    sys.path.insert(0, str(ROOT))
    from kg.query import named_queries, open_store

    store = open_store(graph)
    parts = [BEGIN, ""]
    for name, q in named_queries().items():
        params = {}
        for p in q.params:
            _, rows = store.select(EXAMPLE_VALUE_QUERIES[p])
            params[p] = rows[0][0] if rows else ""
        cols, rows = store.select(q, params)
        args = "".join(f" --param {k}={v}" for k, v in params.items())
        parts.append(f"#### `{name}`: {q.question}")
        parts.append("")
        parts.append(f"`kg query exports/graph.ttl {name}{args}`")
        parts.append("")
        parts.append(f"<!-- query: {json.dumps({'name': name, 'params': params}, ensure_ascii=False)} -->")
        parts.append("| " + " | ".join(cols) + " |")
        parts.append("|" + "---|" * len(cols))
        parts.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in rows)
        parts.append("")
        parts.append(f"{len(rows)} rows")
        parts.append("")
    parts.append(END)
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, help="A Turtle export (default: build seeds/ now)")
    args = parser.parse_args()
    if args.graph:
        block = render(args.graph)
    else:
        sys.path.insert(0, str(ROOT))
        from kg.pipeline import build

        with tempfile.TemporaryDirectory() as tmp:
            build([ROOT / "seeds"], tmp)
            block = render(Path(tmp) / "graph.ttl")
    text = README.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{README}: no '{BEGIN}' … '{END}' markers; add them under '## Querying the graph'")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(head + block + tail, encoding="utf-8")
    print(f"{README}: query tables regenerated")


if __name__ == "__main__":
    main()
