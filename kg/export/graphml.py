"""GraphML export for Gephi and igraph: scalar attributes only, a color per entity type.

Spec: http://graphml.graphdrawing.org/. Lists (aliases, documents, rules) are
joined with ``|``; evidence sentences are joined with a blank line. Characters
XML 1.0 forbids are removed (and counted in ``removed_characters``).
"""

from __future__ import annotations

import io
import os
import re

import networkx as nx

from kg.export.atomic import atomic_open
from kg.graph import flatten, to_networkx
from kg.model import KnowledgeGraph

__all__ = ["TYPE_COLORS", "generate_graphml", "write_graphml", "xml_safe"]

TYPE_COLORS: dict[str, str] = {
    "PARK": "#e4572e",
    "COMPANY": "#17bebb",
    "PERSON": "#ffc914",
    "INDUSTRY": "#76b041",
    "PROJECT": "#8367c7",
    "ORG": "#2e86ab",
    "LOC": "#a0a0a0",
    "TITLE": "#f4a261",
}

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _XML_FORBIDDEN.sub("", text)


def _scalar(value: object) -> str | int | float | bool:
    v = flatten(value)
    return xml_safe(v) if isinstance(v, str) else v


def to_flat_graph(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """The networkx graph with every attribute a scalar, as GraphML needs."""
    g = to_networkx(kg)
    flat = nx.MultiDiGraph()
    for n, data in g.nodes(data=True):
        flat.add_node(n, label=_scalar(data["label"]), type=data["type"], aliases=_scalar(data["aliases"]),
                      documents=_scalar(data["documents"]), mentions=int(data["mentions"]),
                      degree=int(data["degree"]), color=TYPE_COLORS.get(data["type"], "#cccccc"))
    for u, v, k, data in g.edges(keys=True, data=True):
        flat.add_edge(u, v, key=k, type=data["type"], label=data["type"],
                      evidence=xml_safe("\n\n".join(e["sentence"] for e in data["evidence"])),
                      evidence_docs=_scalar(sorted({e["doc"] for e in data["evidence"]})),
                      rules=_scalar(data["rules"]), confidence=float(data["confidence"]),
                      weight=float(data["weight"]))
    return flat


def generate_graphml(kg: KnowledgeGraph) -> str:
    """The GraphML document as text."""
    buf = io.BytesIO()
    nx.write_graphml_xml(to_flat_graph(kg), buf, encoding="utf-8", named_key_ids=True)
    return buf.getvalue().decode("utf-8")


def write_graphml(kg: KnowledgeGraph, path: str | os.PathLike[str]) -> None:
    """Write ``generate_graphml(kg)`` to ``path`` atomically."""
    with atomic_open(path) as fh:
        fh.write(generate_graphml(kg))
