"""Neo4j import files: ``neo4j-admin database import`` CSVs, and Cypher scripts for a running server.

Layout: https://neo4j.com/docs/operations-manual/current/tools/neo4j-admin/neo4j-admin-import/

- ``nodes.csv``: ``id:ID``, ``:LABEL`` (Park, Company, …, Position, Delegation), ``name``,
  ``aliases:string[]``, ``documents:string[]``, ``mentions:int``, ``purpose``, ``date``, ``evidence``.
- ``relationships.csv``: ``:START_ID``, ``:END_ID``, ``:TYPE`` (LOCATED_IN, LEADS_DELEGATION,
  BELONGS_TO_INDUSTRY, HAS_INDUSTRY, HOLDS_POSITION; LEADS, DESTINATION, HOST, HAS_MEMBER for
  delegations), ``id``, ``evidence``, ``documents:string[]``, ``rules:string[]``,
  ``confidence:float``, ``weight:int``, ``title``.
- ``import.cypher``: LOAD CSV + MERGE of the same files into a running server (idempotent);
  ``schema.cypher``: the uniqueness constraint to create first (Neo4j 5 syntax);
  ``unguard.cypher``: run after ``neo4j-admin`` to undo the spreadsheet guard (below).

Quoting: every field is quoted, quotes are doubled (RFC 4180), so commas, quotes, backslashes and
line breaks in names and sentences survive (``--multiline-fields=true``). Arrays are joined with
U+001F (``--array-delimiter=U+001F``), a control character no name holds; one found in a value is
removed and reported. Spreadsheet guard: a text cell that starts with ``= + - @``, tab, CR or ``'``
gets a leading ``'`` so a spreadsheet shows it as text instead of running it as a formula;
``import.cypher`` and :func:`unguard` strip it again, so the graph holds the exact text.
Cypher never contains data: names travel only through the CSV files.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from operator import itemgetter
from pathlib import Path

from kg.export.atomic import atomic_open
from kg.export.elements import Elements, graph_elements
from kg.model import KnowledgeGraph
from kg.vocab import CLASS_OF
from kg.gcpause import no_cycle_collection

__all__ = [
    "ARRAY_DELIMITER",
    "NODE_HEADER",
    "REL_HEADER",
    "generate_cypher",
    "generate_nodes_csv",
    "generate_relationships_csv",
    "generate_schema_cypher",
    "generate_unguard_cypher",
    "guard",
    "unguard",
    "write_neo4j",
]

log = logging.getLogger(__name__)

#: Array delimiter of the CSV files (pass ``--array-delimiter=U+001F`` to neo4j-admin).
ARRAY_DELIMITER = "\x1f"
NODE_HEADER = ["id:ID", ":LABEL", "name", "aliases:string[]", "documents:string[]", "mentions:int", "purpose",
               "date", "evidence"]
REL_HEADER = [":START_ID", ":END_ID", ":TYPE", "id", "evidence", "documents:string[]", "rules:string[]",
              "confidence:float", "weight:int", "title"]
#: Text properties that may carry the spreadsheet guard (node and relationship columns).
_NODE_TEXT = ("name", "purpose", "date", "evidence")
_NODE_ARRAYS = ("aliases", "documents")
_REL_TEXT = ("evidence", "title")
_REL_ARRAYS = ("documents", "rules")
_GUARDED = ("=", "+", "-", "@", "\t", "\r", "'")


def guard(text: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula: prefix ``'`` when it starts with = + - @ TAB CR '.

    Examples:
        >>> guard("=SUM(A1)"), guard("晋中"), guard("'x")
        ("'=SUM(A1)", '晋中', "''x")
    """
    return "'" + text if text.startswith(_GUARDED) else text


def unguard(text: str) -> str:
    """The exact text of a guarded cell (what ``import.cypher`` computes)."""
    return text[1:] if text.startswith("'") else text


def _array(values: list[str], where: str, removed: list[str]) -> str:
    joined = ARRAY_DELIMITER.join(values)
    if values and joined.count(ARRAY_DELIMITER) != len(values) - 1:  # a value holds the delimiter
        clean = []
        for v in values:
            if ARRAY_DELIMITER in v:
                removed.append(f"{where}: removed U+001F from {v!r}")
                v = v.replace(ARRAY_DELIMITER, "")
            clean.append(v)
        joined = ARRAY_DELIMITER.join(clean)
    return "'" + joined if joined.startswith(_GUARDED) else joined


def generate_nodes_csv(kg: KnowledgeGraph, removed: list[str] | None = None) -> Iterator[list[str]]:
    """Rows of ``nodes.csv``, header first, sorted by id."""
    return _node_rows(graph_elements(kg), [] if removed is None else removed)


def _node_rows(g: Elements, removed: list[str]) -> Iterator[list[str]]:
    yield NODE_HEADER
    nodes = g.nodes
    for n in sorted(nodes):
        d = nodes[n]
        ev = d.get("evidence")
        yield [n, CLASS_OF.get(d["type"], "Entity"), guard(d["label"]), _array(d["aliases"], n, removed),
               _array(d["documents"], n, removed), str(d["mentions"]), guard(d.get("purpose", "")),
               guard(d.get("date", "")), guard("\n\n".join([e.sentence for e in ev])) if ev else ""]


def generate_relationships_csv(kg: KnowledgeGraph, removed: list[str] | None = None) -> Iterator[list[str]]:
    """Rows of ``relationships.csv``, header first, sorted by relationship id."""
    return _relationship_rows(graph_elements(kg), [] if removed is None else removed)


def _relationship_rows(g: Elements, removed: list[str]) -> Iterator[list[str]]:
    yield REL_HEADER
    edges = g.edges
    keys = [edge[2] for edge in edges]
    # by id: ids are unique but for hand-made graphs, where (id, start, end) decides (string keys sort faster)
    edges = sorted(edges, key=itemgetter(2) if len(set(keys)) == len(keys) else itemgetter(2, 0, 1))
    for u, v, k, d in edges:
        evidence = d["evidence"]
        if len(evidence) == 1:  # most edges: no join, no set
            sentences, docs = evidence[0].sentence, [evidence[0].doc_id]
        else:
            sentences, docs = "\n\n".join([e.sentence for e in evidence]), sorted({e.doc_id for e in evidence})
        yield [u, v, d["type"].upper(), k, guard(sentences), _array(docs, k, removed),
               _array(d["rules"], k, removed), f"{d['confidence']:.4f}", str(d["weight"]),
               guard(d["attrs"].get("title", ""))]


def _text(col: str) -> str:
    """Cypher for a guarded text column, as the exact text (empty when missing)."""
    cell = f"coalesce(row.`{col}`, '')"
    # three-argument substring: FalkorDB 4 mis-handles substring(s, 1) on strings read by LOAD CSV
    return f"CASE WHEN {cell} STARTS WITH \"'\" THEN substring({cell}, 1, size({cell}) - 1) ELSE {cell} END"


def _list(col: str) -> str:
    """Cypher for a guarded array column, as a list of strings."""
    text = _text(col)
    return f"CASE WHEN {_cell_empty(col)} THEN [] ELSE split({text}, '{ARRAY_DELIMITER}') END"


def _cell_empty(col: str) -> str:
    return f"coalesce(row.`{col}`, '') = ''"


def generate_cypher(kg: KnowledgeGraph, url_prefix: str = "file:///") -> str:
    """``import.cypher``: MERGE the CSVs into a running server with LOAD CSV (safe to run twice).

    ``url_prefix`` is where the server finds the files (Neo4j: ``file:///`` for its import folder).
    """
    return _cypher(graph_elements(kg), url_prefix)


def _cypher(g: Elements, url_prefix: str = "file:///") -> str:
    labels = sorted({CLASS_OF.get(d["type"], "Entity") for d in g.nodes.values()})
    types = sorted({d["type"].upper() for _, _, _, d in g.edges})
    lines = [
        "// Load nodes.csv and relationships.csv (in the server's import folder) into a running server.",
        "// Arrays are joined with U+001F, written raw between the quotes of split(); a leading ' is a",
        "// spreadsheet guard and is removed. Run schema.cypher once first on Neo4j.",
    ]
    # values are computed in WITH before MERGE: FalkorDB crashes on CASE inside SET of a new node
    node_values = (f"WITH row, {_text('name')} AS name, {_list('aliases:string[]')} AS aliases, "
                   f"{_list('documents:string[]')} AS documents, {_text('purpose')} AS purpose, "
                   f"{_text('date')} AS date, {_text('evidence')} AS evidence")
    node_set = ("n.name = name, n.aliases = aliases, n.documents = documents, "
                "n.mentions = toInteger(row.`mentions:int`), n.purpose = purpose, n.date = date, n.evidence = evidence")
    for label in labels:
        lines.append(
            f"LOAD CSV WITH HEADERS FROM '{url_prefix}nodes.csv' AS row WITH row WHERE row.`:LABEL` = '{label}' "
            f"{node_values} MERGE (n:{'Entity' if label == 'Entity' else 'Entity:' + label} {{id: row.`id:ID`}}) "
            f"SET {node_set};"
        )
    rel_values = (f"WITH row, {_text('evidence')} AS evidence, {_list('documents:string[]')} AS documents, "
                  f"{_list('rules:string[]')} AS rules, {_text('title')} AS title")
    rel_set = ("r.evidence = evidence, r.documents = documents, r.rules = rules, "
               "r.confidence = toFloat(row.`confidence:float`), r.weight = toInteger(row.`weight:int`), r.title = title")
    for t in types:
        lines.append(
            f"LOAD CSV WITH HEADERS FROM '{url_prefix}relationships.csv' AS row WITH row WHERE row.`:TYPE` = '{t}' "
            f"{rel_values} MATCH (a:Entity {{id: row.`:START_ID`}}) MATCH (b:Entity {{id: row.`:END_ID`}}) "
            f"MERGE (a)-[r:{t} {{id: row.id}}]->(b) SET {rel_set};"
        )
    return "\n".join(lines) + "\n"


def generate_schema_cypher() -> str:
    """``schema.cypher``: the uniqueness constraint ``import.cypher`` relies on (Neo4j 5)."""
    return ("// Run once before import.cypher: one node per id, and fast MATCH by id.\n"
            "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n")


def generate_unguard_cypher() -> str:
    """``unguard.cypher``: after ``neo4j-admin database import``, strip the spreadsheet guard."""
    lines = ["// After neo4j-admin database import: remove the leading ' that guards cells from spreadsheets."]
    for col in _NODE_TEXT:
        lines.append(f"MATCH (n:Entity) WHERE n.{col} STARTS WITH \"'\" SET n.{col} = substring(n.{col}, 1, size(n.{col}) - 1);")
    for col in _NODE_ARRAYS:
        lines.append(f"MATCH (n:Entity) WHERE size(n.{col}) > 0 AND n.{col}[0] STARTS WITH \"'\" "
                     f"SET n.{col} = [substring(n.{col}[0], 1, size(n.{col}[0]) - 1)] + n.{col}[1..];")
    for col in _REL_TEXT:
        lines.append(f"MATCH ()-[r]->() WHERE r.{col} STARTS WITH \"'\" SET r.{col} = substring(r.{col}, 1, size(r.{col}) - 1);")
    for col in _REL_ARRAYS:
        lines.append(f"MATCH ()-[r]->() WHERE size(r.{col}) > 0 AND r.{col}[0] STARTS WITH \"'\" "
                     f"SET r.{col} = [substring(r.{col}[0], 1, size(r.{col}[0]) - 1)] + r.{col}[1..];")
    return "\n".join(lines) + "\n"


def _csv_text(rows: Iterable[list[str]]) -> str:
    return "".join(_csv_chunks(rows))


#: Rows written per chunk of CSV text.
_CHUNK = 2000


def _csv_chunks(rows: Iterable[list[str]]) -> Iterator[str]:
    """The rows as CSV text, a few thousand rows per chunk.

    Every field quoted, quotes doubled, ``\\n`` after each row: the bytes of
    ``csv.writer(quoting=csv.QUOTE_ALL, lineterminator="\\n")`` (tests compare
    the two), made with ``str.replace`` only where a field holds a quote
    instead of csv's copy of every character.
    """
    lines: list[str] = []
    for row in rows:
        line = '","'.join(row)
        if line.count('"') != 2 * len(row) - 2:  # a field holds a quote
            line = '","'.join([f.replace('"', '""') for f in row])
        lines.append(f'"{line}"\n')
        if len(lines) == _CHUNK:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def write_neo4j(kg: KnowledgeGraph, folder: str | os.PathLike[str]) -> list[Path]:
    """Write the CSVs and Cypher scripts into ``folder``; log any character removed from an array.

    The nodes and edges are made once and shared by the three files made from them;
    the CSV rows stream into their files.
    """
    out = Path(folder)
    removed: list[str] = []
    written = []
    with no_cycle_collection():
        g = graph_elements(kg)
        rows = {"nodes.csv": _node_rows(g, removed), "relationships.csv": _relationship_rows(g, removed)}
        texts = {"import.cypher": _cypher(g), "schema.cypher": generate_schema_cypher(),
                 "unguard.cypher": generate_unguard_cypher()}
        for name, table in rows.items():
            with atomic_open(out / name) as fh:
                fh.writelines(_csv_chunks(table))
            written.append(out / name)
        for name, text in texts.items():
            with atomic_open(out / name) as fh:
                fh.write(text)
            written.append(out / name)
    for line in removed:
        log.warning("%s: %s", out, line)
    return written
