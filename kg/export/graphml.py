"""GraphML export for Gephi, networkx and igraph: scalar attributes only, a color per type.

Spec: http://graphml.graphdrawing.org/. Every node carries ``label``, ``type``,
``aliases`` and ``documents`` (joined with ``|``), ``mentions``, ``degree``,
``color`` (hex) and ``r``/``g``/``b`` (which Gephi reads as the node color);
delegation nodes also fill ``purpose``, ``date`` and ``evidence``. Every edge
carries ``type``, ``label``, ``evidence`` (sentences joined by a blank line),
``evidence_docs``, ``rules``, ``title``, ``confidence`` and ``weight``. Every
element has every key of its kind, so all readers see the same attributes.

The XML is written here rather than by networkx so that it is byte-stable and
exact: ``\\r`` and surrounding white space survive a parse. Characters XML 1.0
cannot hold (most C0 controls, U+FFFE/U+FFFF, lone surrogates) are removed and
reported. Not supported: hyperedges, nested graphs, yFiles extensions.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.export.atomic import atomic_open
from kg.graph import flatten, to_networkx
from kg.model import KnowledgeGraph

__all__ = ["EDGE_KEYS", "NODE_KEYS", "TYPE_COLORS", "GraphMLReport", "generate_graphml", "write_graphml",
           "xml_safe"]

log = logging.getLogger(__name__)

TYPE_COLORS: dict[str, str] = {
    "PARK": "#e4572e",
    "COMPANY": "#17bebb",
    "PERSON": "#ffc914",
    "INDUSTRY": "#76b041",
    "PROJECT": "#8367c7",
    "ORG": "#2e86ab",
    "LOC": "#a0a0a0",
    "TITLE": "#f4a261",
    "DELEGATION": "#d62aa8",
}

#: (name, GraphML type) of the node keys, in output order.
NODE_KEYS: tuple[tuple[str, str], ...] = (
    ("label", "string"), ("type", "string"), ("aliases", "string"), ("documents", "string"),
    ("mentions", "int"), ("degree", "int"), ("color", "string"), ("r", "int"), ("g", "int"), ("b", "int"),
    ("purpose", "string"), ("date", "string"), ("evidence", "string"),
)
#: (name, GraphML type) of the edge keys, in output order.
EDGE_KEYS: tuple[tuple[str, str], ...] = (
    ("type", "string"), ("label", "string"), ("evidence", "string"), ("evidence_docs", "string"),
    ("rules", "string"), ("title", "string"), ("confidence", "double"), ("weight", "double"),
)

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\t": "&#9;", "\n": "&#10;"}
_TEXT_ESCAPE = re.compile("[&<>\r]")
_ATTR_ESCAPE = re.compile('[&<>"\r\t\n]')


@dataclass
class GraphMLReport:
    """Characters removed because XML 1.0 cannot hold them: one line per attribute touched."""

    removed: list[str] = field(default_factory=list)


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _XML_FORBIDDEN.sub("", text)


def _text(value: str) -> str:
    return _TEXT_ESCAPE.sub(lambda m: _ESCAPES[m.group()], value)


def _attr(value: str) -> str:
    return _ATTR_ESCAPE.sub(lambda m: _ESCAPES[m.group()], value)


def _format(value: object, kind: str) -> str:
    if kind == "int":
        return str(int(value))  # type: ignore[call-overload]
    if kind == "double":
        return repr(float(value))  # type: ignore[arg-type]
    return str(value)


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _node_values(data: dict[str, object]) -> dict[str, object]:
    color = TYPE_COLORS.get(str(data["type"]), "#cccccc")
    r, g, b = _rgb(color)
    evidence = data.get("evidence") or []
    return {
        "label": data["label"], "type": data["type"], "aliases": flatten(data["aliases"]),
        "documents": flatten(data["documents"]), "mentions": data["mentions"], "degree": data["degree"],
        "color": color, "r": r, "g": g, "b": b, "purpose": data.get("purpose", ""), "date": data.get("date", ""),
        "evidence": "\n\n".join(e["sentence"] for e in evidence),  # type: ignore[attr-defined]
    }


def _edge_values(data: dict[str, object]) -> dict[str, object]:
    evidence: list[dict[str, object]] = data["evidence"]  # type: ignore[assignment]
    attrs: dict[str, str] = data.get("attrs") or {}  # type: ignore[assignment]
    return {
        "type": data["type"], "label": data["type"], "evidence": "\n\n".join(str(e["sentence"]) for e in evidence),
        "evidence_docs": flatten(sorted({str(e["doc"]) for e in evidence})), "rules": flatten(data["rules"]),
        "title": attrs.get("title", ""), "confidence": data["confidence"], "weight": data["weight"],
    }


def _data(where: str, values: dict[str, object], keys: tuple[tuple[str, str], ...], prefix: str,
          report: GraphMLReport) -> Iterator[str]:
    for name, kind in keys:
        text = _format(values[name], kind)
        safe = xml_safe(text)
        if safe != text:
            report.removed.append(f"{where} {name}: removed {len(text) - len(safe)} character(s) XML cannot hold")
        yield f'      <data key="{prefix}{name}">{_text(safe)}</data>\n'


def generate_graphml(kg: KnowledgeGraph, report: GraphMLReport | None = None) -> Iterator[str]:
    """The GraphML document, line by line (nodes and edges sorted by id)."""
    report = report if report is not None else GraphMLReport()
    g = to_networkx(kg)
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    for name, kind in NODE_KEYS:
        yield f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{kind}"/>\n'
    for name, kind in EDGE_KEYS:
        yield f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n'
    yield '  <graph id="kg" edgedefault="directed">\n'
    for n in sorted(g.nodes):
        yield f'    <node id="{_attr(n)}">\n'
        yield from _data(f"node {n}", _node_values(g.nodes[n]), NODE_KEYS, "n_", report)
        yield "    </node>\n"
    for u, v, k, data in sorted(g.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1])):
        yield f'    <edge id="{_attr(k)}" source="{_attr(u)}" target="{_attr(v)}">\n'
        yield from _data(f"edge {k}", _edge_values(data), EDGE_KEYS, "e_", report)
        yield "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def write_graphml(kg: KnowledgeGraph, path: str | os.PathLike[str]) -> GraphMLReport:
    """Write ``generate_graphml(kg)`` to ``path`` atomically; return (and log) what had to be removed."""
    report = GraphMLReport()
    with atomic_open(path) as fh:
        for line in generate_graphml(kg, report):
            fh.write(line)
    for line in report.removed:
        log.warning("%s: %s", path, line)
    return report
