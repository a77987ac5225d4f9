"""Stage 5: the in-memory graph on networkx, and flattening of attributes for export.

Why networkx: analysts use it directly (centrality, paths), and GraphML and
pyvis take a networkx graph. Nodes are entities (plus titles and
delegations); edges are resolved relations, keyed by relation id.
"""

from __future__ import annotations

import hashlib
from typing import Any

import networkx as nx

from kg.model import KnowledgeGraph

__all__ = ["delegation_id", "to_networkx"]


def delegation_id(doc_id: str, leader: str, start: int) -> str:
    """A stable id for a delegation: its document, leader and where it is told."""
    return "delegation-" + hashlib.sha1(f"{doc_id}\x1f{leader}\x1f{start}".encode()).hexdigest()[:16]


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """A MultiDiGraph with one node per entity and one edge per resolved relation.

    Node attributes: ``label`` (name), ``type`` (entity label), ``aliases``,
    ``documents``, ``mentions`` (count), ``degree`` (relations). Edge attributes:
    ``type``, ``evidence`` (list of dicts), ``rules``, ``confidence``, ``weight``.
    """
    g = nx.MultiDiGraph()
    for eid, e in sorted(kg.entities.items()):
        g.add_node(eid, label=e.name, type=e.label, aliases=list(e.aliases), documents=list(e.documents),
                   mentions=len(e.mentions))
    for rid, r in sorted(kg.relations.items()):
        g.add_edge(r.head, r.tail, key=rid, type=r.type, rules=list(r.rules), confidence=r.confidence,
                   weight=len(r.evidence), attrs=dict(r.attrs),
                   evidence=[{"doc": ev.doc_id, "sentence": ev.sentence, "start": ev.start, "end": ev.end}
                             for ev in r.evidence])
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
