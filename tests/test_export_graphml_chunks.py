"""GraphML written many elements per chunk: every value and id exact, every removed character reported once."""

from __future__ import annotations

import networkx as nx

from kg.export.columns import fill
from kg.export.graphml import _EDGE, GraphMLReport, generate_graphml
from kg.model import Entity, EntityRelation, Evidence, KnowledgeGraph


def _graph() -> KnowledgeGraph:
    """2500 parks (more than two chunks) with markup in names; one name and one sentence hold XML-forbidden characters."""
    entities = {f"p{i:04d}": Entity(f"p{i:04d}", "PARK", f"园区{i}<&>\r\"'") for i in range(2500)}
    entities["p1234"] = Entity("p1234", "PARK", "坏\x01名\x0b")
    entities['q "<&>\t\n'] = Entity('q "<&>\t\n', "COMPANY", "公司")
    ev = Evidence("d", "句子\x02含控制符&", 0, 5)
    relations = {"r1": EntityRelation("r1", "located_in", 'q "<&>\t\n', "p2001", [ev], ["rule"], 0.5)}
    return KnowledgeGraph(entities, relations, [], ["d"])


def test_export_graphml_chunks_keep_every_value_and_id_exact(tmp_path):
    kg = _graph()
    path = tmp_path / "g.graphml"
    path.write_text("".join(generate_graphml(kg)), encoding="utf-8", newline="")
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.number_of_nodes() == 2501 and g.number_of_edges() == 1
    for eid, e in kg.entities.items():
        assert g.nodes[eid]["label"] == e.name.replace("\x01", "").replace("\x0b", "")
    (u, v, data), = [(u, v, d) for u, v, d in g.edges(data=True)]
    assert (u, v, data["evidence"]) == ('q "<&>\t\n', "p2001", "句子含控制符&")


def test_export_graphml_chunks_report_each_removal_by_element_and_key():
    report = GraphMLReport()
    "".join(generate_graphml(_graph(), report))
    assert report.removed == ["node p1234 label: removed 2 character(s) XML cannot hold",
                              "edge r1 evidence: removed 1 character(s) XML cannot hold"]


def test_export_columns_fill_is_format_per_row():
    fields = _EDGE.count("{}")
    rows = [[f"{r}.{c}{{}}" for c in range(fields)] for r in range(3)]
    columns = [[row[c] for row in rows] for c in range(fields)]
    assert fill(_EDGE.split("{}"), columns) == "".join(_EDGE.format(*row) for row in rows)
    assert fill(_EDGE.split("{}"), [[] for _ in range(fields)]) == ""
