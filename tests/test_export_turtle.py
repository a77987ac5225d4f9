"""Turtle export: loads back in rdflib and pyoxigraph with the graph's counts, provenance and stable bytes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import PROV

from kg.export.turtle import generate_turtle
from kg.ingest import read_document
from kg.resolve import resolve
from kg.vocab import CLASS_OF, KG, PROPERTY_OF, entity_iri


def _graph(out: Path) -> Graph:
    return Graph().parse(out / "graph.ttl", format="turtle")


def test_export_turtle_parses_in_rdflib_and_pyoxigraph_with_equal_triples(seeds_build):
    _, out = seeds_build
    g = _graph(out)
    quads = list(pyoxigraph.parse(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(g) == len(quads) > 0


def test_export_turtle_every_entity_typed_and_labelled_in_chinese(seeds_build):
    result, out = seeds_build
    g = _graph(out)
    for eid, e in result.kg.entities.items():
        s = entity_iri(eid)
        assert (s, RDF.type, KG[CLASS_OF[e.label]]) in g
        (label,) = g.objects(s, RDFS.label)
        assert (str(label), label.language) == (e.name, "zh")
        assert sorted(str(a) for a in g.objects(s, SKOS.altLabel)) == sorted(e.aliases)


def test_export_turtle_relation_is_direct_triple_and_statement_with_provenance(seeds_build):
    result, out = seeds_build
    g = _graph(out)
    assert len(set(g.subjects(RDF.type, RDF.Statement))) == len(result.kg.relations)
    texts: dict[str, str] = {}
    for e in result.extractions:
        texts[e.doc_id] = read_document(e.source).text
    for rid, r in result.kg.relations.items():
        s, p, o = entity_iri(r.head), KG[PROPERTY_OF[r.type]], entity_iri(r.tail)
        assert (s, p, o) in g
        st = entity_iri(rid)
        assert (st, RDF.subject, s) in g and (st, RDF.predicate, p) in g and (st, RDF.object, o) in g
        assert float(g.value(st, KG.confidence).toPython()) == round(r.confidence, 4)
        assert sorted(str(x) for x in g.objects(st, KG.rule)) == r.rules
        evidence = sorted(g.objects(st, KG.evidence))
        assert len(evidence) == len(r.evidence)
        for ev_node in evidence:
            doc = g.value(ev_node, PROV.wasQuotedFrom)
            doc_id = str(g.value(doc, RDFS.label))
            start, end = int(g.value(ev_node, KG.start)), int(g.value(ev_node, KG.end))
            assert str(g.value(ev_node, KG.sentence)) == texts[doc_id][start:end]


def test_export_turtle_delegations_are_nodes_led_by_a_person(seeds_build):
    result, out = seeds_build
    g = _graph(out)
    delegations = set(g.subjects(RDF.type, KG.Delegation))
    assert len(delegations) == len(result.kg.delegations)
    for d in delegations:
        (leader,) = g.subjects(KG.leads, d)
        assert (leader, RDF.type, KG.Person) in g


def test_export_turtle_is_byte_identical_whatever_the_input_order(seeds_build):
    result, out = seeds_build
    forward = generate_turtle(resolve(result.extractions))
    backward = generate_turtle(resolve(list(reversed(result.extractions))))
    assert forward == backward == (out / "graph.ttl").read_text(encoding="utf-8")
    assert forward.endswith("\n")


def test_export_turtle_iris_are_ascii(seeds_build):
    _, out = seeds_build
    for s, p, o in _graph(out):
        for term in (s, p, o):
            if isinstance(term, URIRef):
                assert str(term).isascii(), term
