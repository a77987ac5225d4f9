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
from kg.export.columns import fill
from kg.export.elements import graph_elements
from kg.gcpause import no_cycle_collection
from kg.graph import flatten
from kg.model import Evidence, KnowledgeGraph

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
_ATTR_ESCAPE = re.compile('[&<>"\r\t\n]')


@dataclass
class GraphMLReport:
    """Characters removed because XML 1.0 cannot hold them: one line per attribute touched."""

    removed: list[str] = field(default_factory=list)


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _XML_FORBIDDEN.sub("", text)


def _attr(value: str) -> str:
    return _ATTR_ESCAPE.sub(lambda m: _ESCAPES[m.group()], value)


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _joined(values: object) -> str:
    """``flatten`` of a list of strings, without a call per item."""
    if type(values) is list:
        try:
            return "|".join(values)
        except TypeError:  # not all strings
            pass
    return str(flatten(values))


def _node_values(data: dict[str, object]) -> list[str]:
    """The node's values as text, in NODE_KEYS order (ints as ``str(int(v))``, doubles as ``repr(float(v))``)."""
    color = TYPE_COLORS.get(str(data["type"]), "#cccccc")
    r, g, b = _rgb(color)
    evidence = data.get("evidence")
    return [str(data["label"]), str(data["type"]), _joined(data["aliases"]), _joined(data["documents"]),
            str(int(data["mentions"])), str(int(data["degree"])), color, str(r), str(g), str(b),  # type: ignore[call-overload]
            str(data.get("purpose", "")), str(data.get("date", "")),
            "\n\n".join([e.sentence for e in evidence]) if evidence else ""]  # type: ignore[attr-defined]


def _edge_values(data: dict[str, object]) -> list[str]:
    """The edge's values as text, in EDGE_KEYS order (ints as ``str(int(v))``, doubles as ``repr(float(v))``)."""
    evidence: list[Evidence] = data["evidence"]  # type: ignore[assignment]
    attrs: dict[str, str] = data.get("attrs") or {}  # type: ignore[assignment]
    kind = str(data["type"])
    if len(evidence) == 1:  # most edges: no join, no set
        sentences, docs = str(evidence[0].sentence), str(evidence[0].doc_id)
    else:
        sentences = "\n\n".join([str(e.sentence) for e in evidence])
        docs = _joined(sorted({str(e.doc_id) for e in evidence}))
    return [kind, kind, sentences, docs, _joined(data["rules"]), str(attrs.get("title", "")),
            repr(float(data["confidence"])), repr(float(data["weight"]))]  # type: ignore[arg-type]


#: Elements written per chunk: each chunk escapes its values with a few passes over one joined string.
_CHUNK = 1000


def _template(tag: str, attrs: str, keys: tuple[tuple[str, str], ...], prefix: str) -> str:
    rows = "".join(f'      <data key="{prefix}{name}">{{}}</data>\n' for name, _ in keys)
    return f"    <{tag} {attrs}>\n{rows}    </{tag}>\n"


_NODE = _template("node", 'id="{}"', NODE_KEYS, "n_")
_EDGE = _template("edge", 'id="{}" source="{}" target="{}"', EDGE_KEYS, "e_")


def _escape_text(joined: str) -> str:
    """Element text escaped: ``& < > \\r`` as entities (``&`` first, so no replacement is escaped twice)."""
    return joined.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _chunk(tag: str, template: str, ids: list[tuple[str, ...]], rows: list[list[str]],
           keys: tuple[tuple[str, str], ...], report: GraphMLReport) -> str:
    """Several elements of one kind as GraphML text.

    Values are made XML-safe and escaped as one joined string; only a chunk
    that holds a character XML cannot hold is checked value by value, to
    report each one.
    """
    texts = [text for row in rows for text in row]
    width = len(keys)
    if _XML_FORBIDDEN.search("".join(texts)):
        names = [name for name, _ in keys]
        for i, text in enumerate(texts):
            safe = xml_safe(text)
            if safe != text:
                report.removed.append(f"{tag} {ids[i // width][0]} {names[i % width]}: removed "
                                      f"{len(text) - len(safe)} character(s) XML cannot hold")
                texts[i] = safe
    # \x00 is not in any value now (xml_safe removes it), so it can separate them
    values = _escape_text("\x00".join(texts)).split("\x00")
    flat_ids = [i for row in ids for i in row]
    if _ATTR_ESCAPE.search("".join(flat_ids)):
        flat_ids = [_attr(i) for i in flat_ids]
    per_id = len(ids[0]) if ids else 0
    columns = [flat_ids[j::per_id] for j in range(per_id)] + [values[j::width] for j in range(width)]
    return fill(template.split("{}"), columns)


def generate_graphml(kg: KnowledgeGraph, report: GraphMLReport | None = None) -> Iterator[str]:
    """The GraphML document in chunks of many elements (nodes and edges sorted by id)."""
    report = report if report is not None else GraphMLReport()
    elements = graph_elements(kg)
    head = ['<?xml version="1.0" encoding="UTF-8"?>\n',
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n']
    head += [f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{kind}"/>\n' for name, kind in NODE_KEYS]
    head += [f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n' for name, kind in EDGE_KEYS]
    head.append('  <graph id="kg" edgedefault="directed">\n')
    yield "".join(head)
    nodes = sorted(elements.nodes)
    for i in range(0, len(nodes), _CHUNK):
        part = nodes[i:i + _CHUNK]
        yield _chunk("node", _NODE, [(n,) for n in part], [_node_values(elements.nodes[n]) for n in part],
                     NODE_KEYS, report)
    edges = sorted(elements.edges, key=lambda e: (e[2], e[0], e[1]))
    for i in range(0, len(edges), _CHUNK):
        part = edges[i:i + _CHUNK]
        yield _chunk("edge", _EDGE, [(k, u, v) for u, v, k, _ in part], [_edge_values(d) for _, _, _, d in part],
                     EDGE_KEYS, report)
    yield "  </graph>\n</graphml>\n"


def write_graphml(kg: KnowledgeGraph, path: str | os.PathLike[str]) -> GraphMLReport:
    """Write ``generate_graphml(kg)`` to ``path`` atomically; return (and log) what had to be removed."""
    report = GraphMLReport()
    with no_cycle_collection(), atomic_open(path) as fh:
        for chunk in generate_graphml(kg, report):
            fh.write(chunk)
    for line in report.removed:
        log.warning("%s: %s", path, line)
    return report
