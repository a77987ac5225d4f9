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
IRI, and writes each subject's triples (sorted, duplicates dropped) as text in
the layout pyoxigraph's Turtle serializer gives them, a few thousand subjects
per write; :func:`triples` yields the same triples as pyoxigraph terms, and the
tests check that pyoxigraph writes them byte for byte as this module does
(writing the text here takes half the time of making a pyoxigraph term per
triple). Both paths hold the same triples.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from typing import Any

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
_STATEMENT, _COMMENT = _RDF + "Statement", PREFIXES["rdfs"] + "comment"
_ALT_LABEL = PREFIXES["skos"] + "altLabel"
_DERIVED, _QUOTED = PREFIXES["prov"] + "wasDerivedFrom", PREFIXES["prov"] + "wasQuotedFrom"
_INTEGER, _DECIMAL = PREFIXES["xsd"] + "integer", PREFIXES["xsd"] + "decimal"
#: Terms of the closed namespace KG as strings (a misspelt name is a KeyError, as KG.x is an error).
_KG: dict[str, str] = {name: str(KG[name]) for name in KG.__annotations__}
#: rdf:type and rdfs:label are written first for each subject (what a reader looks for), the rest
#: by IRI: as predicates they are held as these keys, which sort before every IRI.
_TYPE, _LABEL = "\x00" + _RDF + "type", "\x01" + PREFIXES["rdfs"] + "label"
_PREDICATE_IRI = {_TYPE: _TYPE[1:], _LABEL: _LABEL[1:]}


def _iri(value: str) -> _Object:
    return (0, value)


def _text(value: str, language: str = "") -> _Object:
    return (1, value, language, "")


def _typed(value: str, datatype: str) -> _Object:
    return (1, value, "", datatype)


class _Iris(dict[str, str]):
    """Id -> IRI in one namespace, made once per id (an entity or document is named many times)."""

    def __init__(self, namespace: str) -> None:
        super().__init__()
        self.namespace = namespace

    def __missing__(self, key: str) -> str:
        iri = self[key] = self.namespace + safe_local(key)
        return iri


class _Decimals(dict[str, str]):
    """A confidence rounded to 4 places -> its xsd:decimal text, made once per value."""

    def __missing__(self, rounded: str) -> str:
        text = self[rounded] = f"{Decimal(rounded):f}"
        return text


def _records(kg: KnowledgeGraph) -> list[tuple[str, Callable[[Any], _Pairs], Any]]:
    """One ``(subject IRI, make, arg)`` record per thing said about a subject, unsorted.

    ``make(arg)`` gives that record's predicate-object pairs. A subject may get
    several records (an entity's own, one per relation it heads, one per
    delegation it leads); the writer merges them. The pairs are made only when
    written, so one subject's triples exist at a time.
    """
    records: list[tuple[str, Callable[[Any], _Pairs], Any]] = []
    add = records.append
    eids, dids = _Iris(ID), _Iris(DOC)
    _eid, _did = eids.__getitem__, dids.__getitem__
    decimals = _Decimals()

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
                 (_KG["confidence"], _typed(decimals[f"{r.confidence:.4f}"], _DECIMAL))]
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


def _subjects(kg: KnowledgeGraph) -> Iterator[tuple[str, list[tuple[str, _Object]]]]:
    """Each subject IRI, sorted, with its predicate-object pairs sorted (type and label first).

    A triple said twice comes as two equal pairs side by side; the writers
    skip the second (sorting the list as made, nearly in order already, and
    skipping repeats costs a third of sorting a set).
    """
    records = _records(kg)
    records.sort(key=itemgetter(0))
    for iri, group in groupby(records, key=itemgetter(0)):
        yield iri, sorted([pair for _, make, arg in group for pair in make(arg)])


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

    for iri, pairs in _subjects(kg):
        subject = ox.NamedNode(iri)
        last = None
        for pair in pairs:
            if pair != last:
                p, o = last = pair
                yield ox.Triple(subject, node(_PREDICATE_IRI.get(p, p)), term(o))


# --- the Turtle text, written here ---------------------------------------------------------------------
# The layout is the one pyoxigraph's Turtle serializer gives these triples (tests compare the two
# byte for byte): sorted ``@prefix`` lines, then per subject ``S P O , O ;\n\tP O .\n``.

#: Characters a quoted literal escapes, and how (the rest of C0, DEL, U+FFFE and U+FFFF as \\uXXXX).
_LITERAL_ESCAPES = {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}
_LITERAL_TABLE = {c: _LITERAL_ESCAPES.get(c, f"\\u{c:04X}") for c in [*range(0x20), 0x22, 0x5C, 0x7F, 0xFFFE, 0xFFFF]}
_NEEDS_ESCAPE = re.compile("[\x00-\x1f\"\\\\\x7f\ufffe\uffff]")
#: Datatypes whose literals are written bare when their text is in Turtle's own number syntax.
_BARE = {_INTEGER: re.compile(r"[+-]?[0-9]+"), _DECIMAL: re.compile(r"[+-]?[0-9]*\.[0-9]+")}
#: A local name written after its prefix as it is (every name :func:`kg.vocab.safe_local` makes).
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
_HEAD = "".join(sorted(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items()))


def _quoted(value: str) -> str:
    return '"' + (value.translate(_LITERAL_TABLE) if _NEEDS_ESCAPE.search(value) else value) + '"'


class _Names(dict[str, str]):
    """IRI -> its prefixed name, made once per IRI."""

    def __missing__(self, iri: str) -> str:
        for name, namespace in PREFIXES.items():
            if iri.startswith(namespace) and _LOCAL.fullmatch(iri, len(namespace)):
                text = self[iri] = f"{name}:{iri[len(namespace):]}"
                return text
        raise ValueError(f"{iri}: not an IRI of the export's namespaces")


def _literal(obj: _Object, names: _Names) -> str:
    _, value, language, datatype = obj
    if language:
        return f"{_quoted(value)}@{language}"
    if datatype:
        bare = _BARE.get(datatype)
        return value if bare is not None and bare.fullmatch(value) else f"{_quoted(value)}^^{names[datatype]}"
    return _quoted(value)


#: Subjects written per chunk of text; the prefixed names made are forgotten after a chunk once
#: there are this many, so memory stays bounded on large graphs.
_CHUNK = 2000
_NAMES_KEPT = 200_000


def _new_names() -> _Names:
    names = _Names({_TYPE: "a"})
    names[_LABEL] = names[_PREDICATE_IRI[_LABEL]]
    return names


def _chunks(kg: KnowledgeGraph) -> Iterator[str]:
    """The Turtle text in chunks of many subjects (nothing at all for an empty graph)."""
    names = _new_names()
    parts: list[str] = []
    count = 0
    for iri, pairs in _subjects(kg):
        if not count:
            parts.append(_HEAD)
        count += 1
        previous = last = None
        for pair in pairs:
            if pair == last:
                continue
            p, o = last = pair
            term = names[o[1]] if o[0] == 0 else _literal(o, names)
            if p == previous:
                parts.append(f" , {term}")
            elif previous is None:
                parts.append(f"{names[iri]} {names[p]} {term}")
            else:
                parts.append(f" ;\n\t{names[p]} {term}")
            previous = p
        parts.append(" .\n")
        if count % _CHUNK == 0:
            yield "".join(parts)
            parts = []
            if len(names) > _NAMES_KEPT:
                names = _new_names()
    if parts:
        yield "".join(parts)


def generate_turtle(kg: KnowledgeGraph) -> str:
    """The Turtle text (deterministic: subjects, predicates and objects sorted, prefixes sorted)."""
    with no_cycle_collection():
        return "".join(_chunks(kg))


def write_turtle(kg: KnowledgeGraph, path: str | os.PathLike[str]) -> None:
    """Stream the Turtle text of ``kg`` into ``path`` atomically (the same bytes as :func:`generate_turtle`)."""
    with no_cycle_collection(), atomic_open(path) as fh:
        for chunk in _chunks(kg):
            fh.write(chunk)
