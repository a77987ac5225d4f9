"""The streaming Turtle writer holds exactly the triples of the rdflib graph, in a fixed order."""

from __future__ import annotations

import pyoxigraph
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic
from test_hostile_exports import NAMES, SETTINGS

from kg.export.turtle import generate_turtle, to_rdflib, triples, write_turtle
from kg.model import Delegation, Entity, EntityRelation, Evidence, KnowledgeGraph, Mention
from kg.vocab import entity_iri


def _assert_same_graph(kg: KnowledgeGraph, text: str) -> None:
    old = to_isomorphic(to_rdflib(kg))
    new = to_isomorphic(Graph().parse(data=text, format="turtle"))
    _both, only_old, only_new = graph_diff(old, new)
    assert (sorted(only_old), sorted(only_new)) == ([], [])
    assert old == new


def test_export_turtle_stream_is_isomorphic_to_the_rdflib_graph_on_seeds(seeds_build):
    result, out = seeds_build
    _assert_same_graph(result.kg, (out / "graph.ttl").read_text(encoding="utf-8"))
    assert result.kg.delegations and result.kg.relations


def _hostile_kg(a: str, b: str, c: str, doc: str) -> KnowledgeGraph:
    """Every kind of subject and literal, each named with hostile text, plus repeated facts the graph holds once."""
    ev = Evidence(doc, c, 3, 3 + len(c))
    ev2 = Evidence(doc, a + c, 0, 9)
    mention = Mention(a, "COMPANY", 0, len(a), doc)
    entities = {
        a: Entity(a, "COMPANY", a, aliases=[b, c, b], mentions=[mention, mention], documents=[doc, doc]),
        b: Entity(b, "PARK", b, documents=[doc]),
        c: Entity(c, "PERSON", c, documents=[doc]),
        "t-" + a: Entity("t-" + a, "TITLE", "书记", documents=[doc]),
    }
    relations = {
        "r1-" + a: EntityRelation("r1-" + a, "located_in", a, b, evidence=[ev, ev2, ev], rules=["x", b],
                                  confidence=2 / 3, attrs={"org": c, b: a}),
        "r2-" + b: EntityRelation("r2-" + b, "located_in", a, b, evidence=[ev2], rules=[c], confidence=1.0),
        "r3": EntityRelation("r3", "holds_position", c, "t-" + a, evidence=[ev], rules=["p"], confidence=0.25),
    }
    delegations = [
        Delegation(doc, c, members=[(a, "x"), (c, "")], destinations=[b, a], hosts=[a], purpose=a, date=b,
                   evidence=ev),
        Delegation(doc, c, destinations=[b]),
    ]
    return KnowledgeGraph(entities, relations, delegations, [doc, doc + "2"])


@SETTINGS
@given(a=NAMES, b=NAMES, c=NAMES, doc=NAMES)
def test_export_turtle_stream_is_isomorphic_to_the_rdflib_graph_on_hostile_names(a, b, c, doc):
    if len({a, b, c, "t-" + a}) < 4:
        return
    kg = _hostile_kg(a, b, c, doc)
    text = generate_turtle(kg)
    _assert_same_graph(kg, text)
    store = pyoxigraph.Store()
    store.load(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(to_rdflib(kg))


def test_export_turtle_stream_is_sorted_by_subject_without_repeats():
    kg = _hostile_kg("甲公司", "乙园区", "丙某", "d")
    got = list(triples(kg))
    subjects = [t.subject.value for t in got]
    assert subjects == sorted(subjects)
    assert len(set(got)) == len(got) == len(to_rdflib(kg))
    first = {}
    for t in got:
        first.setdefault(t.subject.value, t.predicate.value)
    assert set(first.values()) == {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}


@given(rng=st.randoms(use_true_random=False))
def test_export_turtle_stream_bytes_do_not_depend_on_input_order(rng):
    kg = _hostile_kg("甲公司", "乙园区", "丙某", "d")

    def shuffled(items: list) -> list:
        items = list(items)
        rng.shuffle(items)
        return items

    other = KnowledgeGraph(dict(shuffled(kg.entities.items())), dict(shuffled(kg.relations.items())),
                           shuffled(kg.delegations), shuffled(kg.documents))
    assert generate_turtle(other) == generate_turtle(kg)


def test_export_turtle_stream_file_equals_text_and_prefixes_are_sorted(tmp_path):
    kg = _hostile_kg("甲公司", "乙园区", "丙某", "d")
    write_turtle(kg, tmp_path / "g.ttl")
    text = (tmp_path / "g.ttl").read_text(encoding="utf-8")
    assert text == generate_turtle(kg)
    head = [line for line in text.splitlines() if line.startswith("@prefix ")]
    assert head == sorted(head) and len(head) == 8
    assert text.splitlines()[: len(head)] == head
    assert f"<{entity_iri('r3')}>" not in text and "id:r3 a rdf:Statement" in text
