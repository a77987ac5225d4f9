"""The graph's nodes and edges as the exporters read them, made without building a networkx graph.

Why: :func:`kg.graph.to_networkx` gives analysts a MultiDiGraph; the GraphML,
Neo4j and HTML exporters only read its nodes and edges once, in order, and
building the MultiDiGraph (its adjacency bookkeeping and views) cost about a
third of each of those exporters' time. :func:`graph_elements` makes the same
nodes and edges, in the same order, merging repeated delegation parts and nodes
exactly as networkx does, as plain dicts that share the graph's own lists and
hold its :class:`~kg.model.Evidence` records where networkx holds one dict per
evidence (exporters only read them); ``tests/test_export_elements.py`` checks
it against ``to_networkx``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from kg.graph import DELEGATION_LABEL, delegation_id, delegation_name
from kg.model import KnowledgeGraph

__all__ = ["Elements", "graph_elements", "shared_elements"]

Edge = tuple[str, str, str, dict[str, Any]]


@dataclass
class Elements:
    """``nodes``: id -> attributes in networkx's node order; ``edges``: ``(u, v, key, data)`` in its edge order."""

    nodes: dict[str, dict[str, Any]]
    edges: list[Edge]


#: The graph whose elements ``shared_elements`` made, and those elements.
_SHARED: tuple[KnowledgeGraph, Elements] | None = None


@contextmanager
def shared_elements(kg: KnowledgeGraph) -> Iterator[Elements]:
    """Make the elements of ``kg`` once; inside the block ``graph_elements(kg)`` returns them.

    Why: three exporters read the same elements; writing every format (or
    forking one process per format) inside this block makes them once.
    ``kg`` must not change inside the block.
    """
    global _SHARED
    previous = _SHARED
    elements = _make_elements(kg)
    _SHARED = (kg, elements)
    try:
        yield elements
    finally:
        _SHARED = previous


def graph_elements(kg: KnowledgeGraph) -> Elements:
    """The nodes and edges ``to_networkx(kg)`` holds, in the order it gives them, ``degree`` included.

    Read-only: the lists in them are the graph's own (and, inside
    :func:`shared_elements`, the same elements are returned to every caller).
    """
    if _SHARED is not None and _SHARED[0] is kg:
        return _SHARED[1]
    return _make_elements(kg)


def _make_elements(kg: KnowledgeGraph) -> Elements:
    nodes: dict[str, dict[str, Any]] = {}
    succ: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}  # u -> v -> key -> data, networkx's adjacency

    def keys_of(u: str, v: str) -> dict[str, dict[str, Any]]:
        """The edges from u to v by key; networkx adds a missing end as a node without attributes, u first."""
        if u not in nodes:
            nodes[u] = {}
        if v not in nodes:
            nodes[v] = {}
        by_v = succ.get(u)
        if by_v is None:
            by_v = succ[u] = {}
        keys = by_v.get(v)
        if keys is None:
            keys = by_v[v] = {}
        return keys

    for eid, e in sorted(kg.entities.items()):
        nodes[eid] = {"label": e.name, "type": e.label, "aliases": e.aliases, "documents": e.documents,
                      "mentions": len(e.mentions)}
    for rid, r in sorted(kg.relations.items()):  # ids are unique: no edge is there yet
        keys_of(r.head, r.tail)[rid] = {
            "type": r.type, "rules": r.rules, "confidence": r.confidence, "weight": len(r.evidence),
            "attrs": dict(sorted(r.attrs.items())) if len(r.attrs) > 1 else r.attrs, "evidence": r.evidence}
    for d in kg.delegations:
        did = delegation_id(d.doc_id, d.leader, d.evidence.start if d.evidence else 0)
        ev = [d.evidence] if d.evidence else []
        attrs = {"label": delegation_name(kg, d.leader, d.destinations, d.hosts), "type": DELEGATION_LABEL,
                 "aliases": [], "documents": [d.doc_id], "mentions": 0, "purpose": d.purpose, "date": d.date,
                 "evidence": ev}
        if did in nodes:
            nodes[did].update(attrs)
        else:
            nodes[did] = attrs
        parts: list[tuple[str, str, str, dict[str, str]]] = [(d.leader, did, "leads", {})]
        parts += [(did, x, "destination", {}) for x in d.destinations]
        parts += [(did, x, "host", {}) for x in d.hosts]
        parts += [(did, m, "has_member", {"title": t} if t else {}) for m, t in d.members]
        for u, v, kind, part_attrs in parts:
            keys = keys_of(u, v)
            key = f"{did}-{kind}-{v if u == did else u}"
            data = {"type": kind, "rules": [], "confidence": 1.0, "weight": 1, "attrs": part_attrs, "evidence": ev}
            old = keys.get(key)
            if old is None:
                keys[key] = data
            else:  # the same (u, v, key) again updates that edge in place
                old.update(data)
    edges = [(u, v, k, data) for u in nodes if u in succ for v, keys in succ[u].items() for k, data in keys.items()]
    degree = Counter(map(itemgetter(0), edges))  # a self-loop counts twice, as in networkx
    degree.update(map(itemgetter(1), edges))
    for node, data in nodes.items():
        data["degree"] = degree[node]
    return Elements(nodes, edges)
