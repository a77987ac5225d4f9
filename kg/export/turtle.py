"""RDF/Turtle export: entities, direct relation triples, reified statements with provenance, delegations.

Spec: https://www.w3.org/TR/turtle/. Terms come from ``ontology/kg.ttl`` through the
closed namespace :class:`kg.vocab.KG`. Each relation is written twice: as a direct
triple (``?company kg:locatedIn ?park``) for simple SPARQL, and as an
``rdf:Statement`` carrying its rule, confidence and one ``kg:Evidence`` per
sentence it was read from (PROV-O: the evidence ``prov:wasQuotedFrom`` its
document, with ``kg:start``/``kg:end`` offsets). Delegations are ``kg:Delegation``
nodes: ``?person kg:leads ?delegation``, ``?delegation kg:destination|kg:host ?place``.
The output satisfies ``ontology/shapes.ttl``. Not supported: named graphs.

Why two paths: :func:`to_rdflib` builds an rdflib Graph (handy in Python, but it
holds every triple as Python objects: 4 GB and minutes at 100 MB of input).
:func:`write_turtle` instead keeps one small record per subject, sorts them by
IRI, and streams each subject's triples (sorted, duplicates dropped) through
pyoxigraph's Rust Turtle writer straight into the file. Both hold the same triples.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from typing import IO, Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV

from kg.export.atomic import atomic_open
from kg.graph import delegation_id, delegation_name
from kg.model import Evidence, KnowledgeGraph
from kg.vocab import CLASS_OF, DOC, ID, KG, KG_NS, PREFIXES, PROPERTY_OF, doc_iri, entity_iri, safe_local
from kg.gcpause import no_cycle_collection

__all__ = ["generate_turtle", "to_rdflib", "triples", "write_turtle"]


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
    """The graph as an rdflib Graph with our prefixes bound (the same triples as the Turtle export)."""
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


# --- the streaming path -------------------------------------------------------------------------------
# An object is a sortable tuple: (0, iri) for an IRI, (1, text, language, datatype) for a literal
# ("" where there is none), so the objects of one subject sort without building any term first.
_Object = tuple[Any, ...]
_Pairs = list[tuple[str, _Object]]

_RDF = PREFIXES["rdf"]
_TYPE, _STATEMENT = _RDF + "type", _RDF + "Statement"
_LABEL, _COMMENT = PREFIXES["rdfs"] + "label", PREFIXES["rdfs"] + "comment"
_ALT_LABEL = PREFIXES["skos"] + "altLabel"
_DERIVED, _QUOTED = PREFIXES["prov"] + "wasDerivedFrom", PREFIXES["prov"] + "wasQuotedFrom"
_INTEGER, _DECIMAL = PREFIXES["xsd"] + "integer", PREFIXES["xsd"] + "decimal"
#: Terms of the closed namespace KG as strings (a misspelt name is a KeyError, as KG.x is an error).
_KG: dict[str, str] = {name: str(KG[name]) for name in KG.__annotations__}
#: Predicates written first for each subject (what a reader looks for), the rest sort by IRI.
_FIRST = {_TYPE: 0, _LABEL: 1}


def _iri(value: str) -> _Object:
    return (0, value)


def _text(value: str, language: str = "") -> _Object:
    return (1, value, language, "")


def _typed(value: str, datatype: str) -> _Object:
    return (1, value, "", datatype)


def _eid(entity_id: str) -> str:
    return ID + safe_local(entity_id)


def _did(doc_id: str) -> str:
    return DOC + safe_local(doc_id)


def _records(kg: KnowledgeGraph) -> list[tuple[str, Callable[[Any], _Pairs], Any]]:
    """One ``(subject IRI, make, arg)`` record per thing said about a subject, unsorted.

    ``make(arg)`` gives that record's predicate-object pairs. A subject may get
    several records (an entity's own, one per relation it heads, one per
    delegation it leads); the writer merges them. The pairs are made only when
    written, so one subject's triples exist at a time.
    """
    records: list[tuple[str, Callable[[Any], _Pairs], Any]] = []
    add = records.append

    def document(doc_id: str) -> _Pairs:
        return [(_TYPE, _iri(_KG["Document"])), (_LABEL, _text(doc_id))]

    def entity(eid: str) -> _Pairs:
        e = kg.entities[eid]
        pairs = [(_TYPE, _iri(_KG[CLASS_OF.get(e.label, "Entity")])), (_LABEL, _text(e.name, "zh")),
                 (_KG["mentionCount"], _typed(str(len(e.mentions)), _INTEGER))]
        pairs += [(_ALT_LABEL, _text(alias, "zh")) for alias in e.aliases]
        pairs += [(_KG["mentionedIn"], _iri(_did(doc_id))) for doc_id in e.documents]
        return pairs

    def direct(rid: str) -> _Pairs:
        r = kg.relations[rid]
        return [(_KG[PROPERTY_OF[r.type]], _iri(_eid(r.tail)))]

    def statement(rid: str) -> _Pairs:
        r, st = kg.relations[rid], _eid(rid)
        pairs = [(_TYPE, _iri(_STATEMENT)), (_RDF + "subject", _iri(_eid(r.head))),
                 (_RDF + "predicate", _iri(_KG[PROPERTY_OF[r.type]])), (_RDF + "object", _iri(_eid(r.tail))),
                 (_KG["confidence"], _typed(f"{Decimal(f'{r.confidence:.4f}'):f}", _DECIMAL))]
        pairs += [(_KG["rule"], _text(rule)) for rule in r.rules]
        pairs += [(_KG["org"], _text(v, "zh")) if k == "org" else (_COMMENT, _text(f"{k}={v}"))
                  for k, v in r.attrs.items()]
        for i, ev in enumerate(r.evidence):
            pairs += [(_DERIVED, _iri(_did(ev.doc_id))), (_KG["evidence"], _iri(f"{st}-ev{i}"))]
        return pairs

    def evidence(ev: Evidence) -> _Pairs:
        return [(_TYPE, _iri(_KG["Evidence"])), (_KG["sentence"], _text(ev.sentence, "zh")),
                (_QUOTED, _iri(_did(ev.doc_id))), (_KG["start"], _typed(str(ev.start), _INTEGER)),
                (_KG["end"], _typed(str(ev.end), _INTEGER))]

    def delegation(index: int) -> _Pairs:
        dl = kg.delegations[index]
        d = _eid(delegation_id(dl.doc_id, dl.leader, dl.evidence.start if dl.evidence else 0))
        pairs = [(_TYPE, _iri(_KG["Delegation"])),
                 (_LABEL, _text(delegation_name(kg, dl.leader, dl.destinations, dl.hosts), "zh")),
                 (_KG["mentionedIn"], _iri(_did(dl.doc_id)))]
        pairs += [(_KG["destination"], _iri(_eid(x))) for x in dl.destinations]
        pairs += [(_KG["host"], _iri(_eid(x))) for x in dl.hosts]
        pairs += [(_KG["hasMember"], _iri(_eid(m))) for m, _title in dl.members]
        if dl.purpose:
            pairs.append((_KG["purpose"], _text(dl.purpose, "zh")))
        if dl.date:
            pairs.append((_KG["date"], _text(dl.date)))
        if dl.evidence:
            pairs.append((_KG["evidence"], _iri(f"{d}-ev0")))
        return pairs

    def leads(target: str) -> _Pairs:
        return [(_KG["leads"], _iri(target))]

    for doc_id in kg.documents:
        add((_did(doc_id), document, doc_id))
    for eid in kg.entities:
        add((_eid(eid), entity, eid))
    for rid, r in kg.relations.items():
        st = _eid(rid)
        add((_eid(r.head), direct, rid))
        add((st, statement, rid))
        for i, ev in enumerate(r.evidence):
            add((f"{st}-ev{i}", evidence, ev))
    for index, dl in enumerate(kg.delegations):
        d = _eid(delegation_id(dl.doc_id, dl.leader, dl.evidence.start if dl.evidence else 0))
        add((d, delegation, index))
        add((_eid(dl.leader), leads, d))
        if dl.evidence:
            add((f"{d}-ev0", evidence, dl.evidence))
    return records


def triples(kg: KnowledgeGraph) -> Iterator[ox.Triple]:
    """Every triple of the export, each once, sorted by subject IRI, then predicate (type and label first), then object."""
    nodes: dict[str, ox.NamedNode] = {}

    def node(iri: str) -> ox.NamedNode:
        n = nodes.get(iri)
        if n is None:
            n = nodes[iri] = ox.NamedNode(iri)
        return n

    def term(obj: _Object) -> ox.NamedNode | ox.Literal:
        if obj[0] == 0:
            return ox.NamedNode(obj[1])
        _, value, language, datatype = obj
        if language:
            return ox.Literal(value, language=language)
        return ox.Literal(value, datatype=node(datatype)) if datatype else ox.Literal(value)

    records = _records(kg)
    records.sort(key=itemgetter(0))
    for iri, group in groupby(records, key=itemgetter(0)):
        subject = ox.NamedNode(iri)
        pairs = {pair for _, make, arg in group for pair in make(arg)}
        for p, o in sorted(pairs, key=lambda pair: (_FIRST.get(pair[0], 2), pair)):
            yield ox.Triple(subject, node(p), term(o))


class _SortedPrefixes(io.RawIOBase):
    """A writer that puts the ``@prefix`` lines pyoxigraph writes first in sorted order, passing the rest on.

    Why: pyoxigraph writes the prefixes in an order of its own choosing; sorting
    them keeps the file byte-identical whatever that order is.
    """

    def __init__(self, out: IO[bytes]) -> None:
        super().__init__()
        self._out = out
        self._head = b""
        self._in_head = True

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        data = bytes(data)
        if not self._in_head:
            self._out.write(data)
            return len(data)
        self._head += data
        lines = self._head.split(b"\n")
        done = [line for line in lines[:-1] if not line.startswith(b"@prefix ")]
        if done:
            self._end_head()
        return len(data)

    def _end_head(self) -> None:
        lines = self._head.split(b"\n")
        cut = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
        prefixes = sorted(line + b"\n" for line in lines[:cut])
        self._out.write(b"".join(prefixes) + b"\n".join(lines[cut:]))
        self._head, self._in_head = b"", False

    def finish(self) -> None:
        """Write what is still held back (all of it, when the graph is empty)."""
        if self._in_head:
            lines = self._head.split(b"\n")
            # a held-back head is only complete @prefix lines and a trailing empty piece
            self._out.write(b"".join(sorted(line + b"\n" for line in lines if line)))
            self._head, self._in_head = b"", False


def _serialize(kg: KnowledgeGraph, out: IO[bytes]) -> None:
    writer = _SortedPrefixes(out)
    with no_cycle_collection():
        ox.serialize(triples(kg), writer, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    writer.finish()


def generate_turtle(kg: KnowledgeGraph) -> str:
    """The Turtle text (deterministic: subjects, predicates and objects sorted, prefixes sorted)."""
    buf = io.BytesIO()
    _serialize(kg, buf)
    return buf.getvalue().decode("utf-8")


def write_turtle(kg: KnowledgeGraph, path: str | os.PathLike[str]) -> None:
    """Stream the Turtle text of ``kg`` into ``path`` atomically (the same bytes as :func:`generate_turtle`)."""
    with atomic_open(path, "wb") as fh:
        _serialize(kg, fh)
