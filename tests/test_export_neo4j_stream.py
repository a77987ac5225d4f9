"""write_neo4j streams its files from one graph: the same bytes as the generate_* functions, GC left as found."""

from __future__ import annotations

import gc
import logging

import pytest

from kg.export.neo4j import (
    _csv_text,
    generate_cypher,
    generate_nodes_csv,
    generate_relationships_csv,
    generate_schema_cypher,
    generate_unguard_cypher,
    write_neo4j,
)
from kg.model import Delegation, Entity, EntityRelation, Evidence, KnowledgeGraph


def _kg() -> KnowledgeGraph:
    ev = Evidence("d1", "=甲公司落户乙园区。", 0, 10)
    entities = {
        "c": Entity("c", "COMPANY", "甲公司", aliases=["甲\x1f股份"], documents=["d1"]),
        "p": Entity("p", "PARK", "乙园区", documents=["d1"]),
        "w": Entity("w", "PERSON", "丙某", documents=["d1"]),
    }
    relations = {"r": EntityRelation("r", "located_in", "c", "p", evidence=[ev], rules=["x"], confidence=0.5)}
    delegations = [Delegation("d1", "w", destinations=["p"], hosts=["c"], purpose="招商", evidence=ev)]
    return KnowledgeGraph(entities, relations, delegations, ["d1"])


@pytest.mark.parametrize("gc_on", [True, False])
def test_export_neo4j_stream_writes_the_generated_bytes_and_restores_gc(tmp_path, caplog, gc_on):
    kg = _kg()
    was = gc.isenabled()
    (gc.enable if gc_on else gc.disable)()
    try:
        with caplog.at_level(logging.WARNING, logger="kg.export.neo4j"):
            written = write_neo4j(kg, tmp_path)
        assert gc.isenabled() is gc_on
    finally:
        (gc.enable if was else gc.disable)()
    expected = {
        "nodes.csv": _csv_text(generate_nodes_csv(kg)),
        "relationships.csv": _csv_text(generate_relationships_csv(kg)),
        "import.cypher": generate_cypher(kg),
        "schema.cypher": generate_schema_cypher(),
        "unguard.cypher": generate_unguard_cypher(),
    }
    assert [p.name for p in written] == list(expected)
    for name, text in expected.items():
        assert (tmp_path / name).read_bytes().decode("utf-8") == text, name
    assert any("removed U+001F" in r.getMessage() for r in caplog.records)
