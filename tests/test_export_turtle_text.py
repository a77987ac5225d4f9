"""The Turtle text this project writes is, byte for byte, what pyoxigraph's serializer writes for the same triples."""

from __future__ import annotations

import io

import pyoxigraph
from hypothesis import given
from test_export_turtle_stream import _hostile_kg
from test_hostile_exports import NAMES, SETTINGS

from kg.export import turtle
from kg.export.turtle import _chunks, generate_turtle, triples, write_turtle
from kg.model import Entity, EntityRelation, Evidence, KnowledgeGraph
from kg.vocab import PREFIXES


def _pyoxigraph_turtle(kg: KnowledgeGraph) -> str:
    """The reference: pyoxigraph serializes the export's triples; its ``@prefix`` lines sorted as ours are."""
    buf = io.BytesIO()
    pyoxigraph.serialize(triples(kg), buf, format=pyoxigraph.RdfFormat.TURTLE, prefixes=PREFIXES)
    lines = buf.getvalue().decode("utf-8").splitlines(keepends=True)
    head = [line for line in lines if line.startswith("@prefix ")]
    assert lines[: len(head)] == head
    return "".join(sorted(head) + lines[len(head):])


def test_export_turtle_text_equals_pyoxigraph_on_seeds(seeds_build):
    result, out = seeds_build
    assert (out / "graph.ttl").read_text(encoding="utf-8") == _pyoxigraph_turtle(result.kg)


@SETTINGS
@given(a=NAMES, b=NAMES, c=NAMES, doc=NAMES)
def test_export_turtle_text_equals_pyoxigraph_on_hostile_names(a, b, c, doc):
    if len({a, b, c, "t-" + a}) < 4:
        return
    kg = _hostile_kg(a, b, c, doc)
    assert generate_turtle(kg) == _pyoxigraph_turtle(kg)


def test_export_turtle_text_escapes_every_character_as_pyoxigraph_does(tmp_path):
    # every code point but surrogates, in one sentence, one name and one document id
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    ev = Evidence(every[:5000], every, 0, len(every))
    kg = KnowledgeGraph(
        entities={"e1": Entity("e1", "COMPANY", every, aliases=[every[::-1]], documents=[every[:5000]]),
                  "e2": Entity("e2", "PARK", "乙园区")},
        relations={"r1": EntityRelation("r1", "located_in", "e1", "e2", evidence=[ev], rules=['"\\'],
                                        confidence=0.5, attrs={"k\n": "v\t"})},
        documents=[every[:5000]],
    )
    write_turtle(kg, tmp_path / "g.ttl")
    assert (tmp_path / "g.ttl").read_text(encoding="utf-8") == _pyoxigraph_turtle(kg)


def test_export_turtle_text_writes_numbers_bare_only_in_turtle_number_syntax():
    kg = _hostile_kg("甲公司", "乙园区", "丙某", "d")
    odd = {rid: EntityRelation(r.id, r.type, r.head, r.tail, r.evidence, r.rules, confidence, r.attrs)
           for (rid, r), confidence in zip(kg.relations.items(), [float("nan"), -0.125, float("inf")])}
    kg = KnowledgeGraph(kg.entities, odd, kg.delegations, kg.documents)
    text = generate_turtle(kg)
    assert '"NaN"^^xsd:decimal' in text and "kg:confidence -0.1250" in text and '"Infinity"^^xsd:decimal' in text
    assert text == _pyoxigraph_turtle(kg)


def test_export_turtle_text_of_an_empty_graph_is_empty_as_pyoxigraph_writes_it():
    assert generate_turtle(KnowledgeGraph()) == _pyoxigraph_turtle(KnowledgeGraph()) == ""


def test_export_turtle_text_is_the_same_in_chunks_of_a_few_subjects(monkeypatch, seeds_build):
    result, out = seeds_build
    monkeypatch.setattr(turtle, "_CHUNK", 3)
    assert generate_turtle(result.kg) == (out / "graph.ttl").read_text(encoding="utf-8")


def test_export_turtle_text_of_subjects_written_at_once_is_the_text_of_their_pairs(seeds_build):
    result, _ = seeds_build
    assert "".join(_chunks(result.kg)) == "".join(_chunks(result.kg, texts=False))


@SETTINGS
@given(a=NAMES, b=NAMES, c=NAMES, doc=NAMES)
def test_export_turtle_text_written_at_once_is_the_text_of_the_pairs_on_hostile_names(a, b, c, doc):
    if len({a, b, c, "t-" + a}) < 4:
        return
    kg = _hostile_kg(a, b, c, doc)
    # an entity said by one record, with aliases and documents in order (its IRIs may not be)
    kg.entities["z-" + a] = Entity("z-" + a, "ORG", c, aliases=sorted({a, b}), documents=sorted({doc, "d", doc + "2"}))
    assert "".join(_chunks(kg)) == "".join(_chunks(kg, texts=False))


def _statement_kg(evidence: int, *other_ids: str) -> KnowledgeGraph:
    """One relation ``r3`` read from ``evidence`` sentences, plus entities named by ``other_ids``."""
    entities = {"甲": Entity("甲", "COMPANY", "甲公司", documents=["d"]), "乙": Entity("乙", "PARK", "乙园区")}
    entities |= {eid: Entity(eid, "ORG", "丙会") for eid in other_ids}
    evs = [Evidence("d", f"甲公司在乙园区第{i}句。", i, i + 5) for i in range(evidence)]
    relations = {"r3": EntityRelation("r3", "located_in", "甲", "乙", evidence=evs, rules=["p"], confidence=0.5)}
    return KnowledgeGraph(entities, relations, documents=["d"])


def test_export_turtle_text_writes_eleven_evidence_nodes_in_iri_order():
    kg = _statement_kg(11)
    text = generate_turtle(kg)
    assert text.index("id:r3-ev10 a") < text.index("id:r3-ev2 a")
    assert text == _pyoxigraph_turtle(kg) == "".join(_chunks(kg, texts=False))


def test_export_turtle_text_keeps_iri_order_when_an_entity_id_extends_a_statement_id():
    # "r3-a" sorts between id:r3 and id:r3-ev1; "r3-ev0" is the IRI of the statement's first evidence node
    for ids in [("r3-a",), ("r3-ev0",), ("r3",)]:
        kg = _statement_kg(2, *ids)
        assert generate_turtle(kg) == _pyoxigraph_turtle(kg) == "".join(_chunks(kg, texts=False))
