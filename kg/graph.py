"""Stage 5: the in-memory graph on networkx, and flattening of attributes for export.

Why networkx: analysts use it directly (centrality, paths), and GraphML and
pyvis take a networkx graph. Nodes are entities (titles included) and
delegations; edges are resolved relations, keyed by relation id, plus the
parts of each delegation: leader ``leads`` delegation, delegation
``destination``/``host`` place or organization, delegation ``has_member`` person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.model import KnowledgeGraph
from kg.resolve import delegation_id

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["DELEGATION_EDGE_TYPES", "DELEGATION_LABEL", "delegation_id", "delegation_name", "flatten",
           "to_networkx"]

#: Node type of delegations (class kg:Delegation).
DELEGATION_LABEL = "DELEGATION"
#: Edge types that link a delegation to its parts (ontology: kg:leads, kg:destination, kg:host, kg:hasMember).
DELEGATION_EDGE_TYPES: tuple[str, ...] = ("leads", "destination", "host", "has_member")


def delegation_name(kg: KnowledgeGraph, leader: str, destinations: list[str], hosts: list[str]) -> str:
    """A readable label for a delegation node: ``王某 → 甲市、乙公司``."""
    def name(eid: str) -> str:
        e = kg.entities.get(eid)
        return e.name if e else eid

    where = "、".join(name(x) for x in [*destinations, *hosts])
    return f"{name(leader)} → {where}" if where else f"{name(leader)} 带队"


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """A MultiDiGraph with one node per entity and delegation and one edge per relation or delegation part.

    Node attributes: ``label`` (name), ``type`` (entity label or DELEGATION),
    ``aliases``, ``documents``, ``mentions`` (count), ``degree``; delegations
    also ``purpose``, ``date``, ``evidence``. Edge attributes: ``type``,
    ``evidence`` (list of dicts), ``rules``, ``confidence``, ``weight``, ``attrs``.
    """
    import networkx as nx  # here, not at the top: the exporters use this module's helpers, not networkx (0.07 s)

    g = nx.MultiDiGraph()
    for eid, e in sorted(kg.entities.items()):
        g.add_node(eid, label=e.name, type=e.label, aliases=list(e.aliases), documents=list(e.documents),
                   mentions=len(e.mentions))
    for rid, r in sorted(kg.relations.items()):
        g.add_edge(r.head, r.tail, key=rid, type=r.type, rules=list(r.rules), confidence=r.confidence,
                   weight=len(r.evidence), attrs=dict(sorted(r.attrs.items())),
                   evidence=[{"doc": ev.doc_id, "sentence": ev.sentence, "start": ev.start, "end": ev.end}
                             for ev in r.evidence])
    for d in kg.delegations:
        start = d.evidence.start if d.evidence else 0
        did = delegation_id(d.doc_id, d.leader, start)
        ev = ([{"doc": d.evidence.doc_id, "sentence": d.evidence.sentence, "start": d.evidence.start,
                "end": d.evidence.end}] if d.evidence else [])
        g.add_node(did, label=delegation_name(kg, d.leader, d.destinations, d.hosts), type=DELEGATION_LABEL,
                   aliases=[], documents=[d.doc_id], mentions=0, purpose=d.purpose, date=d.date, evidence=ev)
        parts = [(d.leader, did, "leads", {})]
        parts += [(did, x, "destination", {}) for x in d.destinations]
        parts += [(did, x, "host", {}) for x in d.hosts]
        parts += [(did, m, "has_member", {"title": t} if t else {}) for m, t in d.members]
        for u, v, kind, attrs in parts:
            key = f"{did}-{kind}-{v if u == did else u}"
            g.add_edge(u, v, key=key, type=kind, rules=[], confidence=1.0, weight=1, attrs=attrs, evidence=ev)
    for node in g.nodes:
        g.nodes[node]["degree"] = g.degree(node)
    return g


def flatten(value: Any) -> str | int | float | bool:
    """A scalar for formats that hold no lists (GraphML, CSV): lists join with '|'."""
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return "|".join(f"{k}={v}" for k, v in sorted(value.items()))
    if isinstance(value, (list, tuple)):
        return "|".join(str(flatten(v)) for v in value)
    return str(value)
