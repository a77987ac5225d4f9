"""RDF/Turtle export: entities, direct relation triples, and reified statements with provenance.

Spec: https://www.w3.org/TR/turtle/. Each relation is written twice: as a direct
triple (``?company kg:locatedIn ?park``) for simple SPARQL, and as an
``rdf:Statement`` carrying its evidence sentence, document, offsets, rule and
confidence (PROV-O ``prov:wasDerivedFrom``). Not supported: named graphs.
"""

from __future__ import annotations

import os

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from kg.export.atomic import atomic_open
from kg.model import KnowledgeGraph
from kg.vocab import CLASS_OF, DOC, ID, KG, PROPERTY_OF, entity_iri, safe_local

__all__ = ["generate_turtle", "to_rdflib", "write_turtle"]

KGO = Namespace(KG)


def to_rdflib(kg: KnowledgeGraph) -> Graph:
    """The graph as an rdflib Graph with our prefixes bound."""
    g = Graph(bind_namespaces="core")
    g.bind("kg", KGO)
    g.bind("id", Namespace(ID))
    g.bind("doc", Namespace(DOC))
    g.bind("skos", SKOS)
    g.bind("prov", PROV)
    for doc_id in kg.documents:
        d = URIRef(DOC + safe_local(doc_id))
        g.add((d, RDF.type, KGO.Document))
        g.add((d, RDFS.label, Literal(doc_id)))
    for eid, e in kg.entities.items():
        s = URIRef(entity_iri(eid))
        g.add((s, RDF.type, KGO[CLASS_OF.get(e.label, "Entity")]))
        g.add((s, RDFS.label, Literal(e.name, lang="zh")))
        for alias in e.aliases:
            g.add((s, SKOS.altLabel, Literal(alias, lang="zh")))
        for doc_id in e.documents:
            g.add((s, KGO.mentionedIn, URIRef(DOC + safe_local(doc_id))))
        g.add((s, KGO.mentionCount, Literal(len(e.mentions), datatype=XSD.integer)))
    for rid, r in kg.relations.items():
        s, o = URIRef(entity_iri(r.head)), URIRef(entity_iri(r.tail))
        p = KGO[PROPERTY_OF[r.type]]
        g.add((s, p, o))
        st = URIRef(ID + safe_local(rid))
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((st, KGO.confidence, Literal(round(r.confidence, 4), datatype=XSD.decimal)))
        for rule in r.rules:
            g.add((st, KGO.rule, Literal(rule)))
        for k, v in sorted(r.attrs.items()):
            g.add((st, KGO[safe_local(k)], Literal(v, lang="zh")))
        for i, ev in enumerate(r.evidence):
            evn = URIRef(f"{ID}{safe_local(rid)}-ev{i}")
            g.add((st, KGO.evidence, evn))
            g.add((evn, RDF.type, KGO.Evidence))
            g.add((evn, KGO.sentence, Literal(ev.sentence, lang="zh")))
            g.add((evn, PROV.wasDerivedFrom, URIRef(DOC + safe_local(ev.doc_id))))
            g.add((evn, KGO.start, Literal(ev.start, datatype=XSD.integer)))
            g.add((evn, KGO.end, Literal(ev.end, datatype=XSD.integer)))
    return g


def generate_turtle(kg: KnowledgeGraph) -> str:
    """The Turtle text (deterministic: rdflib sorts subjects and predicates)."""
    text = to_rdflib(kg).serialize(format="turtle")
    return text if text.endswith("\n") else text + "\n"


def write_turtle(kg: KnowledgeGraph, path: str | os.PathLike[str]) -> None:
    """Write ``generate_turtle(kg)`` to ``path`` atomically."""
    with atomic_open(path) as fh:
        fh.write(generate_turtle(kg))
