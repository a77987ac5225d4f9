"""RDF/Turtle export: entities, direct relation triples, reified statements with provenance, delegations.

Spec: https://www.w3.org/TR/turtle/. Terms come from ``ontology/kg.ttl`` through the
closed namespace :class:`kg.vocab.KG`. Each relation is written twice: as a direct
triple (``?company kg:locatedIn ?park``) for simple SPARQL, and as an
``rdf:Statement`` carrying its rule, confidence and one ``kg:Evidence`` per
sentence it was read from (PROV-O: the evidence ``prov:wasQuotedFrom`` its
document, with ``kg:start``/``kg:end`` offsets). Delegations are ``kg:Delegation``
nodes: ``?person kg:leads ?delegation``, ``?delegation kg:destination|kg:host ?place``.
The output satisfies ``ontology/shapes.ttl``. Not supported: named graphs.
"""

from __future__ import annotations

import os
from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from kg.export.atomic import atomic_open
from kg.graph import delegation_id, delegation_name
from kg.model import Evidence, KnowledgeGraph
from kg.vocab import CLASS_OF, DOC, ID, KG, KG_NS, PROPERTY_OF, doc_iri, entity_iri

__all__ = ["generate_turtle", "to_rdflib", "write_turtle"]


def _bind(g: Graph) -> None:
    g.bind("kg", Namespace(KG_NS))
    g.bind("id", Namespace(ID))
    g.bind("doc", Namespace(DOC))
    g.bind("skos", SKOS)
    g.bind("prov", PROV)


def _add_evidence(g: Graph, owner: URIRef, node: URIRef, ev: Evidence) -> None:
    g.add((owner, KG.evidence, node))
    g.add((node, RDF.type, KG.Evidence))
    g.add((node, KG.sentence, Literal(ev.sentence, lang="zh")))
    g.add((node, PROV.wasQuotedFrom, doc_iri(ev.doc_id)))
    g.add((node, KG.start, Literal(ev.start, datatype=XSD.integer)))
    g.add((node, KG.end, Literal(ev.end, datatype=XSD.integer)))


def to_rdflib(kg: KnowledgeGraph) -> Graph:
    """The graph as an rdflib Graph with our prefixes bound (the Turtle export's content)."""
    g = Graph(bind_namespaces="core")
    _bind(g)
    for doc_id in kg.documents:
        d = doc_iri(doc_id)
        g.add((d, RDF.type, KG.Document))
        g.add((d, RDFS.label, Literal(doc_id)))
    for eid, e in kg.entities.items():
        s = entity_iri(eid)
        g.add((s, RDF.type, KG[CLASS_OF.get(e.label, "Entity")]))
        g.add((s, RDFS.label, Literal(e.name, lang="zh")))
        for alias in e.aliases:
            g.add((s, SKOS.altLabel, Literal(alias, lang="zh")))
        for doc_id in e.documents:
            g.add((s, KG.mentionedIn, doc_iri(doc_id)))
        g.add((s, KG.mentionCount, Literal(len(e.mentions), datatype=XSD.integer)))
    for rid, r in kg.relations.items():
        s, o = entity_iri(r.head), entity_iri(r.tail)
        p = KG[PROPERTY_OF[r.type]]
        g.add((s, p, o))
        st = entity_iri(rid)
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((st, KG.confidence, Literal(Decimal(f"{r.confidence:.4f}"), datatype=XSD.decimal)))
        for rule in r.rules:
            g.add((st, KG.rule, Literal(rule)))
        for k, v in sorted(r.attrs.items()):
            if k == "org":
                g.add((st, KG.org, Literal(v, lang="zh")))
            else:
                g.add((st, RDFS.comment, Literal(f"{k}={v}")))
        for i, ev in enumerate(r.evidence):
            g.add((st, PROV.wasDerivedFrom, doc_iri(ev.doc_id)))
            _add_evidence(g, st, URIRef(f"{st}-ev{i}"), ev)
    for dl in kg.delegations:
        did = delegation_id(dl.doc_id, dl.leader, dl.evidence.start if dl.evidence else 0)
        d = entity_iri(did)
        g.add((d, RDF.type, KG.Delegation))
        g.add((d, RDFS.label, Literal(delegation_name(kg, dl.leader, dl.destinations, dl.hosts), lang="zh")))
        g.add((d, KG.mentionedIn, doc_iri(dl.doc_id)))
        g.add((entity_iri(dl.leader), KG.leads, d))
        for x in dl.destinations:
            g.add((d, KG.destination, entity_iri(x)))
        for x in dl.hosts:
            g.add((d, KG.host, entity_iri(x)))
        for m, _title in dl.members:
            g.add((d, KG.hasMember, entity_iri(m)))
        if dl.purpose:
            g.add((d, KG.purpose, Literal(dl.purpose, lang="zh")))
        if dl.date:
            g.add((d, KG.date, Literal(dl.date)))
        if dl.evidence:
            _add_evidence(g, d, URIRef(f"{d}-ev0"), dl.evidence)
    return g


def generate_turtle(kg: KnowledgeGraph) -> str:
    """The Turtle text (deterministic: rdflib sorts subjects, predicates and objects)."""
    text = to_rdflib(kg).serialize(format="turtle")
    return text if text.endswith("\n") else text + "\n"


def write_turtle(kg: KnowledgeGraph, path: str | os.PathLike[str]) -> None:
    """Write ``generate_turtle(kg)`` to ``path`` atomically."""
    with atomic_open(path) as fh:
        fh.write(generate_turtle(kg))
