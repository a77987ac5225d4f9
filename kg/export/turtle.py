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
triple). Both paths hold the same triples. A subject said by one record of a
common shape (a statement with one rule and one evidence, an entity with the
relations it heads) is written with one f-string instead of its pairs, and a
statement's record writes its evidence nodes too (their IRIs extend its own, so
they sort right after it); tests check the two texts are the same.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterator
from decimal import Decimal
from itertools import compress, count, groupby
from operator import eq, itemgetter, lt
from typing import TYPE_CHECKING, Any

from kg.export.atomic import atomic_open
from kg.graph import delegation_id, delegation_name
from kg.model import Evidence, KnowledgeGraph
from kg.vocab import CLASS_OF, DOC, ID, KG_NS, KG_TERMS, PREFIXES, PROPERTY_OF, doc_iri, entity_iri, safe_local
from kg.gcpause import no_cycle_collection

if TYPE_CHECKING:  # rdflib and pyoxigraph are imported where their terms are made: write_turtle needs neither
    import pyoxigraph as ox
    from rdflib import Graph, URIRef

__all__ = ["generate_turtle", "to_rdflib", "triples", "write_turtle"]


def _bind(g: Graph) -> None:
    from rdflib import SKOS, Namespace
    from rdflib.namespace import PROV

    g.bind("kg", Namespace(KG_NS))
    g.bind("id", Namespace(ID))
    g.bind("doc", Namespace(DOC))
    g.bind("skos", SKOS)
    g.bind("prov", PROV)


def _add_evidence(g: Graph, owner: URIRef, node: URIRef, ev: Evidence) -> None:
    from rdflib import RDF, XSD, Literal
    from rdflib.namespace import PROV

    from kg.vocab import KG

    g.add((owner, KG.evidence, node))
    g.add((node, RDF.type, KG.Evidence))
    g.add((node, KG.sentence, Literal(ev.sentence, lang="zh")))
    g.add((node, PROV.wasQuotedFrom, doc_iri(ev.doc_id)))
    g.add((node, KG.start, Literal(ev.start, datatype=XSD.integer)))
    g.add((node, KG.end, Literal(ev.end, datatype=XSD.integer)))


def to_rdflib(kg: KnowledgeGraph) -> Graph:
    """The graph as an rdflib Graph with our prefixes bound (the same triples as the Turtle export)."""
    from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
    from rdflib.namespace import PROV

    from kg.vocab import KG

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
# An object is a sortable tuple that ends with its Turtle text: (0, iri, text) for an IRI,
# (1, value, language, datatype, text) for a literal ("" where there is none). The objects of one
# subject sort without building any term (the text, made from the rest, never decides an order), and
# each object's text is made once, where it is made: the IRIs of ids are made once per id.
_Object = tuple[Any, ...]
_Pairs = list[tuple[str, _Object]]

_RDF = PREFIXES["rdf"]
_STATEMENT, _COMMENT = _RDF + "Statement", PREFIXES["rdfs"] + "comment"
_ALT_LABEL = PREFIXES["skos"] + "altLabel"
_DERIVED, _QUOTED = PREFIXES["prov"] + "wasDerivedFrom", PREFIXES["prov"] + "wasQuotedFrom"
_INTEGER, _DECIMAL = PREFIXES["xsd"] + "integer", PREFIXES["xsd"] + "decimal"
#: Terms of the closed namespace KG as strings (a misspelt name is a KeyError, as KG.x is an error).
_KG: dict[str, str] = {name: KG_NS + name for name in KG_TERMS}
#: rdf:type and rdfs:label are written first for each subject (what a reader looks for), the rest
#: by IRI: as predicates they are held as these keys, which sort before every IRI.
_TYPE, _LABEL = "\x00" + _RDF + "type", "\x01" + PREFIXES["rdfs"] + "label"
_PREDICATE_IRI = {_TYPE: _TYPE[1:], _LABEL: _LABEL[1:]}

# --- Turtle text of terms: the layout is the one pyoxigraph's Turtle serializer gives these triples
# (tests compare the two byte for byte): sorted ``@prefix`` lines, then per subject ``S P O , O ;\n\tP O .\n``.

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


#: The prefixed names of predicates and datatypes (a few dozen IRIs).
_NAMES = _Names({_TYPE: "a"})
_NAMES[_LABEL] = _NAMES[_PREDICATE_IRI[_LABEL]]


def _iri(value: str) -> _Object:
    return (0, value, _NAMES[value])


def _text(value: str, language: str = "") -> _Object:
    return (1, value, language, "", f"{_quoted(value)}@{language}" if language else _quoted(value))


def _typed(value: str, datatype: str) -> _Object:
    bare = _BARE.get(datatype)
    text = value if bare is not None and bare.fullmatch(value) else f"{_quoted(value)}^^{_NAMES[datatype]}"
    return (1, value, "", datatype, text)


def _integer(value: int) -> str:
    """The text of an xsd:integer literal of ``value``."""
    return str(value) if type(value) is int else _typed(str(value), _INTEGER)[-1]


class _Iris(dict[str, _Object]):
    """Id -> the object of its IRI in one namespace, made once per id (an entity or document is named many times)."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix
        self.namespace = PREFIXES[prefix]

    def __missing__(self, key: str) -> _Object:
        local = safe_local(key)  # always a local name _LOCAL takes
        obj = self[key] = (0, self.namespace + local, f"{self.prefix}:{local}")
        return obj

    def name(self, keys: Collection[str]) -> None:
        """Make the objects of many ids at once (one comprehension instead of a ``__missing__`` call per id)."""
        namespace, prefix = self.namespace, self.prefix + ":"
        self.update({key: (0, namespace + local, prefix + local) for key, local in zip(keys, map(safe_local, keys))})


def _suffixed(obj: _Object, suffix: str) -> _Object:
    """The object of an IRI that extends another with a suffix of name characters (``…-ev0``)."""
    return (0, obj[1] + suffix, obj[2] + suffix)


class _Quoted(dict[str, str]):
    """A string -> its quoted literal text, made once per string (a sentence is the evidence of several relations)."""

    def __missing__(self, value: str) -> str:
        text = self[value] = _quoted(value)
        return text


class _Confidences(dict[str, _Object]):
    """A confidence rounded to 4 places -> its xsd:decimal object, made once per value."""

    def __missing__(self, rounded: str) -> _Object:
        obj = self[rounded] = _typed(f"{Decimal(rounded):f}", _DECIMAL)
        return obj


_Record = tuple[str, _Object, Callable[[Any], _Pairs], Any, Callable[[_Object, Any], str | None]]
_IRI = itemgetter(0)


def _untold(subject: _Object, arg: Any) -> None:
    """The ``text`` of a record whose subject is always written from its pairs."""


def _records(kg: KnowledgeGraph, fold: bool = True) -> list[_Record]:
    """One ``(iri, subject, make, arg, text)`` record per thing said about a subject, sorted by IRI.

    ``make(arg)`` gives that record's predicate-object pairs. A subject may get
    several records (a relation's head that is no entity, a delegation whose id
    is an entity's); the writer merges them. An entity's record says the
    relations it heads and the delegations it leads too. The pairs are made only
    when written, so one subject's triples exist at a time. Where the record is
    its subject's only one, ``text(subject, arg)`` may
    give the subject's Turtle text at once (one format instead of making,
    sorting and writing the pairs: evidence, most statements, many entities), or None.

    With ``fold``, a statement's record also stands for its evidence nodes, whose
    IRIs extend its own and so sort right after it: its ``text`` gives the text
    of them all (half the records to make, sort and group). When another record
    sorts next to such a record and its IRI starts with the record's (it might
    sort among the evidence nodes), the records are made again unfolded.
    """
    records: list[_Record] = []
    add = records.append
    entities, relations = kg.entities, kg.relations
    eids, dids = _Iris("id"), _Iris("doc")
    _eid, _did = eids.__getitem__, dids.__getitem__
    confidences = _Confidences()
    quoted = _Quoted().__getitem__
    kg_iri = {name: _iri(iri) for name, iri in _KG.items()}
    statement_type = _iri(_STATEMENT)
    heads: dict[str, list[str]] = {}  # entity id -> the relations it heads
    led: dict[str, list[_Object]] = {}  # entity id -> the delegations it leads

    def document(doc_id: str) -> _Pairs:
        return [(_TYPE, kg_iri["Document"]), (_LABEL, _text(doc_id))]

    def entity(eid: str) -> _Pairs:
        e = entities[eid]
        pairs = [(_TYPE, kg_iri[CLASS_OF.get(e.label, "Entity")]), (_LABEL, _text(e.name, "zh")),
                 (_KG["mentionCount"], _typed(str(len(e.mentions)), _INTEGER))]
        pairs += [(_ALT_LABEL, _text(alias, "zh")) for alias in e.aliases]
        pairs += [(_KG["mentionedIn"], _did(doc_id)) for doc_id in e.documents]
        pairs += [pair for rid in heads.get(eid, ()) for pair in direct(rid)]
        pairs += [(_KG["leads"], target) for target in led.get(eid, ())]
        return pairs

    def direct(rid: str) -> _Pairs:
        r = relations[rid]
        return [(_KG[PROPERTY_OF[r.type]], _eid(r.tail))]

    def statement(rid: str) -> _Pairs:
        r, st = relations[rid], _eid(rid)
        pairs = [(_TYPE, statement_type), (_RDF + "subject", _eid(r.head)),
                 (_RDF + "predicate", kg_iri[PROPERTY_OF[r.type]]), (_RDF + "object", _eid(r.tail)),
                 (_KG["confidence"], confidences[f"{r.confidence:.4f}"])]
        pairs += [(_KG["rule"], _text(rule)) for rule in r.rules]
        pairs += [(_KG["org"], _text(v, "zh")) if k == "org" else (_COMMENT, _text(f"{k}={v}"))
                  for k, v in r.attrs.items()]
        for i, ev in enumerate(r.evidence):
            pairs += [(_DERIVED, _did(ev.doc_id)), (_KG["evidence"], _suffixed(st, f"-ev{i}"))]
        return pairs

    # The text of a subject said by one record of these kinds, in the writer's order of predicates
    # (tests check it is the text the pairs give).
    def entity_text(subject: _Object, eid: str) -> str | None:
        e = entities[eid]
        docs = [dids[doc_id] for doc_id in e.documents]
        aliases = e.aliases
        if not (all(map(lt, docs, docs[1:])) and all(map(lt, aliases, aliases[1:]))):  # not sorted, or repeats
            return None
        text = f"{subject[2]} a {kg_iri[CLASS_OF.get(e.label, 'Entity')][2]} ;\n\trdfs:label {_quoted(e.name)}@zh"
        rids, targets = heads.get(eid), led.get(eid)
        if rids or targets:  # the relations it heads, the delegations it leads: objects sorted by IRI, once each
            said = {"mentionCount": _integer(len(e.mentions))}  # predicate (a KG term) -> its objects' text
            if docs:
                said["mentionedIn"] = " , ".join([doc[2] for doc in docs])
            told = {(PROPERTY_OF[r.type], eids[r.tail]) for r in map(relations.__getitem__, rids or ())}
            told.update([("leads", target) for target in targets or ()])
            for p, group in groupby(sorted(told), key=_IRI):
                if p in said:
                    return None
                said[p] = " , ".join([obj[2] for _, obj in group])
            text += "".join([f" ;\n\t{_NAMES[_KG[p]]} {said[p]}" for p in sorted(said)])
        else:
            text += f" ;\n\tkg:mentionCount {_integer(len(e.mentions))}"
            if docs:
                text += " ;\n\tkg:mentionedIn " + " , ".join([doc[2] for doc in docs])
        if aliases:
            text += " ;\n\tskos:altLabel " + " , ".join([f"{_quoted(alias)}@zh" for alias in aliases])
        return text + " .\n"

    def statement_text(st: _Object, rid: str) -> str | None:
        r = relations[rid]
        if len(r.evidence) != 1 or len(r.rules) != 1 or r.attrs:
            return None
        return (f"{st[2]} a rdf:Statement ;\n\tkg:confidence {confidences[f'{r.confidence:.4f}'][-1]} ;\n"
                f"\tkg:evidence {st[2]}-ev0 ;\n\tkg:rule {quoted(r.rules[0])} ;\n\trdf:object {_eid(r.tail)[2]} ;\n"
                f"\trdf:predicate {kg_iri[PROPERTY_OF[r.type]][2]} ;\n\trdf:subject {_eid(r.head)[2]} ;\n"
                f"\tprov:wasDerivedFrom {_did(r.evidence[0].doc_id)[2]} .\n")

    def evidence_said(name: str, ev: Evidence) -> str:
        return (f"{name} a kg:Evidence ;\n\tkg:end {_integer(ev.end)} ;\n\tkg:sentence {quoted(ev.sentence)}@zh ;\n"
                f"\tkg:start {_integer(ev.start)} ;\n\tprov:wasQuotedFrom {_did(ev.doc_id)[2]} .\n")

    def evidence_text(node: _Object, ev: Evidence) -> str:
        return evidence_said(node[2], ev)

    def statement_block(st: _Object, rid: str) -> str:
        """The text of a statement and then of its evidence nodes (``-ev10`` sorts before ``-ev2``)."""
        r = relations[rid]
        name, evidence = st[2], r.evidence
        if len(evidence) == 1 and len(r.rules) == 1 and not r.attrs:  # most statements: one format
            ev = evidence[0]
            start, end, doc = ev.start, ev.end, dids[ev.doc_id][2]
            return (f"{name} a rdf:Statement ;\n\tkg:confidence {confidences[f'{r.confidence:.4f}'][-1]} ;\n"
                    f"\tkg:evidence {name}-ev0 ;\n\tkg:rule {quoted(r.rules[0])} ;\n\trdf:object {eids[r.tail][2]} ;\n"
                    f"\trdf:predicate {kg_iri[PROPERTY_OF[r.type]][2]} ;\n\trdf:subject {eids[r.head][2]} ;\n"
                    f"\tprov:wasDerivedFrom {doc} .\n"
                    f"{name}-ev0 a kg:Evidence ;\n\tkg:end {end if type(end) is int else _integer(end)} ;\n"
                    f"\tkg:sentence {quoted(ev.sentence)}@zh ;\n"
                    f"\tkg:start {start if type(start) is int else _integer(start)} ;\n\tprov:wasQuotedFrom {doc} .\n")
        text = statement_text(st, rid) or _said(name, sorted(statement(rid)))
        return text + "".join([evidence_said(f"{name}-ev{i}", evidence[i])
                               for i in sorted(range(len(evidence)), key=str)])

    def evidence(ev: Evidence) -> _Pairs:
        return [(_TYPE, kg_iri["Evidence"]), (_KG["sentence"], _text(ev.sentence, "zh")),
                (_QUOTED, _did(ev.doc_id)), (_KG["start"], _typed(str(ev.start), _INTEGER)),
                (_KG["end"], _typed(str(ev.end), _INTEGER))]

    def delegation(index: int) -> _Pairs:
        dl = kg.delegations[index]
        d = _eid(delegation_id(dl.doc_id, dl.leader, dl.evidence.start if dl.evidence else 0))
        pairs = [(_TYPE, kg_iri["Delegation"]),
                 (_LABEL, _text(delegation_name(kg, dl.leader, dl.destinations, dl.hosts), "zh")),
                 (_KG["mentionedIn"], _did(dl.doc_id))]
        pairs += [(_KG["destination"], _eid(x)) for x in dl.destinations]
        pairs += [(_KG["host"], _eid(x)) for x in dl.hosts]
        pairs += [(_KG["hasMember"], _eid(m)) for m, _title in dl.members]
        if dl.purpose:
            pairs.append((_KG["purpose"], _text(dl.purpose, "zh")))
        if dl.date:
            pairs.append((_KG["date"], _text(dl.date)))
        if dl.evidence:
            pairs.append((_KG["evidence"], _suffixed(d, "-ev0")))
        return pairs

    def leads(target: _Object) -> _Pairs:
        return [(_KG["leads"], target)]

    eids.name(entities)
    eids.name(relations)
    for rid, r in relations.items():
        if r.head in entities:
            heads.setdefault(r.head, []).append(rid)
        else:
            add((_eid(r.head)[1], _eid(r.head), direct, rid, _untold))
    statements = zip(relations, map(_eid, relations))
    if fold:
        records += [(st[1], st, statement, rid, statement_block) for rid, st in statements]
    else:
        for rid, st in statements:
            add((st[1], st, statement, rid, statement_text))
            for i, ev in enumerate(relations[rid].evidence):
                node = _suffixed(st, f"-ev{i}")
                add((node[1], node, evidence, ev, evidence_text))
    for index, dl in enumerate(kg.delegations):
        d = _eid(delegation_id(dl.doc_id, dl.leader, dl.evidence.start if dl.evidence else 0))
        add((d[1], d, delegation, index, _untold))
        if dl.leader in entities:
            led.setdefault(dl.leader, []).append(d)
        else:
            add((_eid(dl.leader)[1], _eid(dl.leader), leads, d, _untold))
        if dl.evidence:
            node = _suffixed(d, "-ev0")
            add((node[1], node, evidence, dl.evidence, evidence_text))
    for doc_id in kg.documents:
        doc = _did(doc_id)
        add((doc[1], doc, document, doc_id, _untold))
    records += [(subject[1], subject, entity, eid, entity_text) for eid, subject in zip(entities, map(_eid, entities))]
    records.sort(key=_IRI)  # string keys sort in half the time of tuple keys
    if fold:
        iris = [record[0] for record in records]
        for i in compress(count(), map(str.startswith, iris[1:], iris)):
            if records[i][4] is statement_block or records[i + 1][4] is statement_block:
                return _records(kg, fold=False)
    return records


def _said(name: str, pairs: _Pairs) -> str:
    """The Turtle text of a subject from its sorted pairs (a pair said twice is written once)."""
    names = _NAMES
    parts: list[str] = []
    previous = last = None
    for pair in pairs:
        if pair == last:
            continue
        p, o = last = pair
        if p == previous:
            parts.append(f" , {o[-1]}")
        elif previous is None:
            parts.append(f"{name} {names[p]} {o[-1]}")
        else:
            parts.append(f" ;\n\t{names[p]} {o[-1]}")
        previous = p
    parts.append(" .\n")
    return "".join(parts)


def _subjects(records: list[_Record], texts: bool = False) -> Iterator[tuple[_Object, _Pairs | str]]:
    """Each subject of the sorted ``records``, with its predicate-object pairs sorted (type and label first).

    A triple said twice comes as two equal pairs side by side; the writers
    skip the second (sorting the list as made, nearly in order already, and
    skipping repeats costs a third of sorting a set). With ``texts``, a subject
    whose one record can give its Turtle text at once comes with that text
    instead (a statement's text holds its evidence nodes' too).
    """
    for _, group in groupby(records, key=_IRI):
        said = list(group)
        _, subject, make, arg, text = said[0]
        if len(said) == 1:
            if texts:
                done = text(subject, arg)
                if done is not None:
                    yield subject, done
                    continue
            yield subject, sorted(make(arg))
        else:
            yield subject, sorted([pair for _, _, make, arg, _ in said for pair in make(arg)])


def triples(kg: KnowledgeGraph) -> Iterator[ox.Triple]:
    """Every triple of the export, each once, sorted by subject IRI, then predicate (type and label first), then object."""
    import pyoxigraph as ox

    nodes: dict[str, ox.NamedNode] = {}

    def node(iri: str) -> ox.NamedNode:
        n = nodes.get(iri)
        if n is None:
            n = nodes[iri] = ox.NamedNode(iri)
        return n

    def term(obj: _Object) -> ox.NamedNode | ox.Literal:
        if obj[0] == 0:
            return ox.NamedNode(obj[1])
        _, value, language, datatype, _text = obj
        if language:
            return ox.Literal(value, language=language)
        return ox.Literal(value, datatype=node(datatype)) if datatype else ox.Literal(value)

    for subject, pairs in _subjects(_records(kg, fold=False)):
        s = ox.NamedNode(subject[1])
        last = None
        for pair in pairs:
            if pair != last:
                p, o = last = pair
                yield ox.Triple(s, node(_PREDICATE_IRI.get(p, p)), term(o))


#: Subjects written per chunk of text.
_CHUNK = 2000


def _chunks(kg: KnowledgeGraph, texts: bool = True) -> Iterator[str]:
    """The Turtle text in chunks of many subjects (nothing at all for an empty graph).

    ``texts=False`` writes every subject from its pairs (tests compare the two).
    """
    records = _records(kg, fold=texts)
    iris = [record[0] for record in records]
    if texts and not any(map(eq, iris, iris[1:])):  # each subject said by one record: one call says it
        for start in range(0, len(records), _CHUNK):
            parts = [text(subject, arg) or _said(subject[2], sorted(make(arg)))
                     for _, subject, make, arg, text in records[start:start + _CHUNK]]
            yield "".join([_HEAD, *parts] if start == 0 else parts)
        return
    parts: list[str] = []
    written = 0
    for subject, said in _subjects(records, texts):
        if not written:
            parts.append(_HEAD)
        written += 1
        parts.append(said if type(said) is str else _said(subject[2], said))
        if written % _CHUNK == 0:
            yield "".join(parts)
            parts = []
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
