"""The OWL ontology, the closed vocabulary and the SHACL shapes the Turtle export must satisfy."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from kg.vocab import CLASS_OF, KG, KG_NS, ONTOLOGY, PROPERTY_OF, SHAPES

pyshacl = pytest.importorskip("pyshacl")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _validate(data: Graph, ontology: Graph) -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(data, shacl_graph=Graph().parse(SHAPES, format="turtle"),
                                         ont_graph=ontology, inference="none")
    return conforms, text


def test_ontology_declares_exactly_the_closed_namespace_terms(ontology):
    declared = {str(s)[len(KG_NS):] for s in ontology.subjects() if str(s).startswith(KG_NS)}
    assert declared == set(KG.__annotations__)


def test_ontology_unknown_term_is_an_error():
    with pytest.raises(AttributeError):
        KG.locatedAt  # noqa: B018


def test_ontology_parses_in_pyoxigraph():
    triples = list(pyoxigraph.parse(path=str(ONTOLOGY), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(Graph().parse(ONTOLOGY, format="turtle"))


def test_ontology_has_classes_for_every_label_with_zh_and_en_labels(ontology):
    for local in [*CLASS_OF.values(), "Document", "Delegation"]:
        cls = KG[local]
        assert (cls, RDF.type, OWL.Class) in ontology, local
        langs = {lit.language for lit in ontology.objects(cls, RDFS.label)}
        assert {"zh", "en"} <= langs, local


def test_ontology_relation_and_delegation_properties_have_domain_range_and_labels(ontology):
    for local in [*PROPERTY_OF.values(), "leads", "hasMember", "destination", "host"]:
        p = KG[local]
        assert (p, RDF.type, OWL.ObjectProperty) in ontology, local
        assert ontology.value(p, RDFS.domain) is not None and ontology.value(p, RDFS.range) is not None, local
        assert {lit.language for lit in ontology.objects(p, RDFS.label)} >= {"zh", "en"}, local


def test_ontology_seeds_turtle_satisfies_shapes(seeds_build, ontology):
    _, out = seeds_build
    conforms, text = _validate(Graph().parse(out / "graph.ttl", format="turtle"), ontology)
    assert conforms, text


def test_ontology_shapes_reject_entity_without_label(seeds_build, ontology):
    _, out = seeds_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    park = next(g.subjects(RDF.type, KG.Park))
    g.remove((park, RDFS.label, None))
    conforms, text = _validate(g, ontology)
    assert not conforms and "label" in text


def test_ontology_shapes_reject_located_in_pointing_to_an_industry(seeds_build, ontology):
    _, out = seeds_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    company = next(g.subjects(RDF.type, KG.Company))
    industry = next(g.subjects(RDF.type, KG.Industry))
    g.add((company, KG.locatedIn, industry))
    assert not _validate(g, ontology)[0]


def test_ontology_shapes_reject_statement_without_evidence(seeds_build, ontology):
    _, out = seeds_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    st = next(g.subjects(RDF.type, RDF.Statement))
    g.remove((st, KG.evidence, None))
    g.add((st, KG.confidence, Literal("high")))
    assert not _validate(g, ontology)[0]
    assert isinstance(st, URIRef)
