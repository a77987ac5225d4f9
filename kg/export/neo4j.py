"""Neo4j import files: ``neo4j-admin database import`` CSVs and an ``import.cypher`` for LOAD CSV.

Layout: https://neo4j.com/docs/operations-manual/current/tools/neo4j-admin/neo4j-admin-import/
``nodes.csv`` has ``id:ID``, ``name``, ``aliases:string[]``, ``documents:string[]``,
``mentions:int``, ``:LABEL``; ``relationships.csv`` has ``:START_ID``, ``:END_ID``,
``:TYPE`` and properties. Array fields use ``;`` (neo4j-admin's default array delimiter).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

from kg.export.atomic import atomic_open
from kg.model import KnowledgeGraph
from kg.vocab import CLASS_OF

__all__ = [
    "NODE_HEADER",
    "REL_HEADER",
    "generate_cypher",
    "generate_nodes_csv",
    "generate_relationships_csv",
    "write_neo4j",
]

NODE_HEADER = ["id:ID", "name", "aliases:string[]", "documents:string[]", "mentions:int", ":LABEL"]
REL_HEADER = [":START_ID", ":END_ID", ":TYPE", "id", "evidence", "documents:string[]", "rules:string[]",
              "confidence:float"]


def _cell(text: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (leading = + - @ tab CR)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def generate_nodes_csv(kg: KnowledgeGraph) -> Iterator[list[str]]:
    """Rows of ``nodes.csv``, header first."""
    yield NODE_HEADER
    for eid, e in sorted(kg.entities.items()):
        yield [eid, _cell(e.name), _cell(";".join(a.replace(";", "；") for a in e.aliases)),
               ";".join(e.documents), str(len(e.mentions)), CLASS_OF.get(e.label, "Entity")]


def generate_relationships_csv(kg: KnowledgeGraph) -> Iterator[list[str]]:
    """Rows of ``relationships.csv``, header first."""
    yield REL_HEADER
    for rid, r in sorted(kg.relations.items()):
        yield [r.head, r.tail, r.type.upper(), rid, _cell("\n\n".join(ev.sentence for ev in r.evidence)),
               ";".join(sorted({ev.doc_id for ev in r.evidence})), ";".join(r.rules), f"{r.confidence:.4f}"]


def generate_cypher(kg: KnowledgeGraph, url_prefix: str = "file:///") -> str:
    """An ``import.cypher`` that MERGEs the CSVs into a running server with LOAD CSV."""
    labels = sorted({CLASS_OF.get(e.label, "Entity") for e in kg.entities.values()})
    types = sorted({r.type.upper() for r in kg.relations.values()})
    lines = ["// Load nodes.csv and relationships.csv (copied into the server's import folder)."]
    lines.append("CREATE INDEX entity_id IF NOT EXISTS FOR (n:Entity) ON (n.id);")
    for label in labels:
        lines.append(
            f"LOAD CSV WITH HEADERS FROM '{url_prefix}nodes.csv' AS row WITH row WHERE row.`:LABEL` = '{label}' "
            f"MERGE (n:Entity:{label} {{id: row.`id:ID`}}) SET n.name = row.name, "
            "n.aliases = row.`aliases:string[]`, n.documents = row.`documents:string[]`, "
            "n.mentions = toInteger(row.`mentions:int`);"
        )
    for t in types:
        lines.append(
            f"LOAD CSV WITH HEADERS FROM '{url_prefix}relationships.csv' AS row WITH row WHERE row.`:TYPE` = '{t}' "
            "MATCH (a:Entity {id: row.`:START_ID`}) MATCH (b:Entity {id: row.`:END_ID`}) "
            f"MERGE (a)-[r:{t} {{id: row.id}}]->(b) SET r.evidence = row.evidence, "
            "r.confidence = toFloat(row.`confidence:float`);"
        )
    return "\n".join(lines) + "\n"


def _csv_text(rows: Iterator[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerows(rows)
    return buf.getvalue()


def write_neo4j(kg: KnowledgeGraph, folder: str | os.PathLike[str]) -> list[Path]:
    """Write ``nodes.csv``, ``relationships.csv`` and ``import.cypher`` into ``folder``."""
    out = Path(folder)
    files = {
        "nodes.csv": _csv_text(generate_nodes_csv(kg)),
        "relationships.csv": _csv_text(generate_relationships_csv(kg)),
        "import.cypher": generate_cypher(kg),
    }
    written = []
    for name, text in files.items():
        with atomic_open(out / name) as fh:
            fh.write(text)
        written.append(out / name)
    return written
