"""The exporters' nodes and edges are those of ``to_networkx``: same ids, attributes, order and merges."""

from __future__ import annotations

from typing import Any

from kg.export.elements import graph_elements, shared_elements
from kg.graph import to_networkx
from kg.model import Delegation, Entity, EntityRelation, Evidence, KnowledgeGraph


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """Attributes as networkx holds them: a dict per evidence, lists as lists."""
    out = dict(data)
    for key in ("aliases", "documents", "rules"):
        if key in out:
            out[key] = list(out[key])
    if "evidence" in out:
        out["evidence"] = [{"doc": e.doc_id, "sentence": e.sentence, "start": e.start, "end": e.end}
                           for e in out["evidence"]]
    return out


def _assert_same(kg: KnowledgeGraph) -> None:
    g = to_networkx(kg)
    elements = graph_elements(kg)
    assert [(n, _plain(d)) for n, d in elements.nodes.items()] == list(g.nodes(data=True))
    assert [(u, v, k, _plain(d)) for u, v, k, d in elements.edges] == list(g.edges(keys=True, data=True))


def test_export_elements_equal_networkx_on_seeds(seeds_build):
    result, _ = seeds_build
    _assert_same(result.kg)
    assert result.kg.delegations


def test_export_elements_merge_repeats_and_keep_loops_and_missing_ends_as_networkx_does():
    ev = Evidence("d1", "某人带队赴甲园区考察。", 0, 11)
    kg = KnowledgeGraph(
        entities={"p": Entity("p", "PERSON", "某人", documents=["d1"]),
                  "z": Entity("z", "PARK", "甲园区", aliases=["甲区", "甲园"], documents=["d1", "d2"]),
                  "c": Entity("c", "COMPANY", "乙公司", documents=["d2"])},
        relations={"r2": EntityRelation("r2", "located_in", "c", "z", [ev, ev], ["a", "b"], 0.5, {"b": "2", "a": "1"}),
                   "r1": EntityRelation("r1", "located_in", "c", "c", [ev], ["loop"], 0.25),
                   "r3": EntityRelation("r3", "has_industry", "z", "not-an-entity", [ev], ["x"], 0.75)},
        # the same delegation twice, a destination repeated, a member also a host, an unknown host
        delegations=[Delegation("d1", "p", [("c", "经理"), ("c", "")], ["z", "z"], ["c", "nobody"], "考察", "近日", ev),
                     Delegation("d1", "p", [], ["z"], [], "", "", ev)],
        documents=["d1", "d2"],
    )
    _assert_same(kg)
    elements = graph_elements(kg)
    # a self-loop counts twice; then located_in, host, and one member edge (the repeated member merges into it)
    assert elements.nodes["c"]["degree"] == 2 + 1 + 1 + 1
    assert elements.nodes["nobody"] == {"degree": 1} and elements.nodes["not-an-entity"] == {"degree": 1}


def test_export_elements_of_an_empty_graph_are_empty():
    elements = graph_elements(KnowledgeGraph())
    assert (elements.nodes, elements.edges) == ({}, [])


def test_export_elements_are_made_once_inside_shared_elements_and_only_for_that_graph():
    kg = KnowledgeGraph(entities={"a": Entity("a", "PARK", "甲园区")}, documents=["d"])
    other = KnowledgeGraph(entities={"b": Entity("b", "PARK", "乙园区")}, documents=["d"])
    with shared_elements(kg) as shared:
        assert graph_elements(kg) is shared is graph_elements(kg)
        assert list(graph_elements(other).nodes) == ["b"]
    assert graph_elements(kg) is not shared and graph_elements(kg) == shared
