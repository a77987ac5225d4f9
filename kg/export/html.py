"""The HTML explorer: one self-contained page to search, filter and read the graph offline.

The page draws with vis-network, the library pyvis bundles; its script and
style are read from the installed pyvis package and inlined (what pyvis's
``cdn_resources="in_line"`` mode does), so the file needs no network. We do not
use pyvis's page template: it links Bootstrap from a CDN in every mode and
writes node data as script source. Instead the graph travels as JSON inside
``<script type="application/json">`` with ``<``, ``>``, ``&`` (and U+2028/2029)
escaped, and ``html_assets/explorer.js`` renders every document text with
``textContent``. A Content-Security-Policy admits only the page's own scripts
(by hash) and no network at all, so even an injected element could neither run
nor load anything.

Not supported: editing the graph, or loading a second graph into the page.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import importlib.util
import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from json.encoder import encode_basestring
from operator import itemgetter
from pathlib import Path
from typing import Any

from kg.export.atomic import atomic_open
from kg.export.graphml import TYPE_COLORS
from kg.export.elements import graph_elements
from kg.gcpause import no_cycle_collection
from kg.graph import DELEGATION_EDGE_TYPES, DELEGATION_LABEL
from kg.model import ENTITY_LABELS, RELATION_TYPES, Evidence, KnowledgeGraph

__all__ = ["embed_json", "explorer_data", "explorer_json", "generate_html", "type_colors", "write_html"]

#: vis-network version inside pyvis 0.3.2 (``pyvis/templates/lib/vis-<version>/``).
VIS_VERSION = "9.1.2"

#: Colors for node types the GraphML palette does not name; then a fallback cycle, then gray.
_EXTRA_COLORS: dict[str, str] = {DELEGATION_LABEL: "#d1495b"}
_FALLBACK_COLORS = ("#6c757d", "#b5838d", "#3d405b", "#81b29a", "#f2cc8f", "#5e548e")

#: Characters written as ``\\uXXXX`` inside the embedded JSON: the ones that could end or
#: confuse the ``<script>`` element, JavaScript line terminators, C1 controls,
#: noncharacters and lone surrogates (which UTF-8 cannot hold).
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")

_SLOT = re.compile(r"@@KG_([A-Z_]+)@@")


def type_colors(types: list[str]) -> dict[str, str]:
    """A color for every node type: the shared palette, then a stable fallback for unknown types."""
    colors: dict[str, str] = {}
    unknown = 0
    for t in types:
        if t in TYPE_COLORS:
            colors[t] = TYPE_COLORS[t]
        elif t in _EXTRA_COLORS:
            colors[t] = _EXTRA_COLORS[t]
        else:
            colors[t] = _FALLBACK_COLORS[unknown % len(_FALLBACK_COLORS)]
            unknown += 1
    return colors


def _ordered(present: Counter[str], canonical: tuple[str, ...]) -> list[str]:
    """The types present, in the canonical order first, then the others sorted."""
    return [t for t in canonical if t in present] + sorted(t for t in present if t not in canonical)


def _evidence(ev: Evidence) -> dict[str, Any]:
    return {"doc": ev.doc_id, "sentence": ev.sentence, "start": ev.start, "end": ev.end}


def _node(node_id: str, d: dict[str, Any]) -> dict[str, Any]:
    """One node for the page; a node networkx made only as an edge end gets its id as label."""
    node = {"id": node_id, "label": str(d.get("label", node_id)), "type": str(d.get("type", "UNKNOWN")),
            "aliases": list(d.get("aliases", [])), "documents": list(d.get("documents", [])),
            "mentions": d.get("mentions", 0), "degree": d.get("degree", 0)}
    for key in ("purpose", "date"):  # delegations
        if d.get(key):
            node[key] = str(d[key])
    if d.get("evidence"):
        node["evidence"] = [_evidence(ev) for ev in d["evidence"]]
    return node


def _legend(nodes: Counter[str], edges: Counter[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The node and edge type rows of the legend, from the count of each type."""
    node_types = _ordered(nodes, (*ENTITY_LABELS, "TITLE", DELEGATION_LABEL))
    colors = type_colors(node_types)
    return ([{"name": t, "color": colors[t], "count": nodes[t]} for t in node_types],
            [{"name": t, "count": edges[t]} for t in _ordered(edges, (*RELATION_TYPES, *DELEGATION_EDGE_TYPES))])


def _iterations(nodes: int) -> int:
    """A bounded stabilization keeps the first view quick at a few thousand nodes."""
    return 400 if nodes <= 500 else 200 if nodes <= 2000 else 120


def explorer_data(kg: KnowledgeGraph) -> dict[str, Any]:
    """The graph as the page reads it: nodes, edges, type legend and source documents."""
    g = graph_elements(kg)
    nodes = [_node(n, d) for n, d in sorted(g.nodes.items())]
    edges = [
        {"id": k, "from": u, "to": v, "type": d["type"], "confidence": round(float(d.get("confidence", 0.0)), 4),
         "rules": list(d.get("rules", [])), "attrs": dict(d.get("attrs", {})),
         "evidence": [_evidence(ev) for ev in d.get("evidence", [])]}
        for u, v, k, d in sorted(g.edges, key=lambda e: e[2])
    ]
    node_types, edge_types = _legend(Counter(n["type"] for n in nodes), Counter(e["type"] for e in edges))
    return {
        "documents": list(kg.documents),
        "node_types": node_types,
        "edge_types": edge_types,
        "nodes": nodes,
        "edges": edges,
        "stabilization_iterations": _iterations(len(nodes)),
    }


class _Quoted(dict[str, str]):
    """A string -> its JSON text as :func:`embed_json` writes it, escaped once per distinct string."""

    def __missing__(self, text: str) -> str:
        quoted = self[text] = _JSON_UNSAFE.sub(_unicode_escape, encode_basestring(text))
        return quoted


def _unicode_escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def _strings(values: Iterable[str], q: _Quoted) -> str:
    return "[" + ",".join([q[v] for v in values]) + "]" if values else "[]"


class _Confidences(dict[Any, str]):
    """A confidence -> its JSON text, rounded to 4 places, made once per value (a few dozen at most).

    Keys that compare equal (1, 1.0, True) round to the same float, so they may share an entry.
    """

    def __missing__(self, value: Any) -> str:
        text = self[value] = _float(round(float(value), 4))
        return text


def explorer_json(kg: KnowledgeGraph) -> str:
    """``embed_json(explorer_data(kg))``, written a node and an edge at a time.

    Why: the page's data is most of its bytes; one format per node and edge,
    with each distinct name or sentence escaped once, takes half the time of
    building the dicts and encoding them (``tests/test_html_export.py``
    checks the two are the same text).
    """
    g = graph_elements(kg)
    q = _Quoted()
    sentences: dict[int, str] = {}  # id(evidence) -> its JSON object (an evidence sits on several edges)

    def evidence(evs: list[Evidence]) -> str:
        parts = []
        for ev in evs:
            text = sentences.get(id(ev))
            if text is None:
                text = sentences[id(ev)] = (f'{{"doc":{q[ev.doc_id]},"end":{_int(ev.end)},'
                                            f'"sentence":{q[ev.sentence]},"start":{_int(ev.start)}}}')
            parts.append(text)
        return "[" + ",".join(parts) + "]"

    kinds = []
    nodes = []
    for n, d in sorted(g.nodes.items()):
        if "label" not in d:  # made only as an edge end
            d = {"label": n, "type": "UNKNOWN", "aliases": [], "documents": [], "mentions": 0, **d}
        kind = str(d["type"])
        kinds.append(kind)
        purpose, date, ev = d.get("purpose"), d.get("date"), d.get("evidence")
        aliases = _strings(d["aliases"], q)
        documents = _strings(d["documents"], q)
        if not (purpose or date or ev):  # an entity
            nodes.append(f'{{"aliases":{aliases},"degree":{_int(d.get("degree", 0))},"documents":{documents},'
                         f'"id":{q[n]},"label":{q[str(d["label"])]},"mentions":{_int(d["mentions"])},'
                         f'"type":{q[kind]}}}')
            continue
        nodes.append("".join([
            f'{{"aliases":{aliases},',
            f'"date":{q[str(date)]},' if date else "",
            f'"degree":{_int(d.get("degree", 0))},"documents":{documents},',
            f'"evidence":{evidence(ev)},' if ev else "",
            f'"id":{q[n]},"label":{q[str(d["label"])]},"mentions":{_int(d["mentions"])},',
            f'"purpose":{q[str(purpose)]},' if purpose else "",
            f'"type":{q[kind]}}}']))
    node_counts = Counter(kinds)
    confidences = _Confidences()
    edge_kinds = []
    edges = []
    for u, v, k, d in sorted(g.edges, key=itemgetter(2)):
        kind = d["type"]
        edge_kinds.append(kind)
        attrs = d["attrs"]
        edges.append(f'{{"attrs":{embed_json(dict(attrs)) if attrs else "{}"},'
                     f'"confidence":{confidences[d["confidence"]]},'
                     f'"evidence":{evidence(d["evidence"])},"from":{q[u]},"id":{q[k]},'
                     f'"rules":{_strings(d["rules"], q)},"to":{q[v]},"type":{q[kind]}}}')
    edge_counts = Counter(edge_kinds)
    node_types, edge_types = _legend(node_counts, edge_counts)
    return "".join([
        f'{{"documents":{_strings(list(kg.documents), q)},"edge_types":{embed_json(edge_types)},',
        '"edges":[', ",".join(edges), f'],"node_types":{embed_json(node_types)},"nodes":[', ",".join(nodes),
        f'],"stabilization_iterations":{_iterations(len(nodes))}}}'])


def _int(value: Any) -> str:
    return str(value) if type(value) is int else embed_json(value)


def _float(value: float) -> str:
    return repr(value) if math.isfinite(value) else embed_json(value)  # embed_json refuses NaN as json.dumps does


def embed_json(value: Any) -> str:
    """JSON that is safe as the text of a ``<script type="application/json">`` element.

    >>> embed_json({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(_unicode_escape, text)


def _asset(package: str, *parts: str) -> str:
    node = resources.files(package)
    for part in parts:
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")


def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style as pyvis ships them.

    Why read from pyvis's folder and not through ``importlib.resources``: that
    imports pyvis, and with it networkx and jinja2 (0.12 s), for two files.
    """
    spec = importlib.util.find_spec("pyvis")
    try:
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError("pyvis")
        folder = Path(next(iter(spec.submodule_search_locations)), "templates", "lib", f"vis-{VIS_VERSION}")
        js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        css = (folder / "vis-network.css").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportError(f"The HTML export needs pyvis (which ships vis-network {VIS_VERSION}): "
                          "pip install 'pyvis==0.3.2'") from None
    return js, css


def _script_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def _inline_safe(code: str, what: str) -> str:
    """Inlined code must not be able to close its own element."""
    if re.search(r"</(script|style)", code, re.I) or "<!--" in code:
        raise ValueError(f"{what} cannot be inlined: it contains a closing tag or '<!--'")
    return code


def generate_html(kg: KnowledgeGraph, title: str = "kg graph explorer") -> str:
    """The explorer page as one self-contained HTML string (deterministic for a given graph)."""
    vis_js, vis_css = _vis_assets()
    app_js = _inline_safe(_asset("kg.export", "html_assets", "explorer.js"), "explorer.js")
    scripts = [_inline_safe(vis_js, "vis-network.min.js"), app_js]
    csp = ("default-src 'none'; script-src " + " ".join(_script_hash(s) for s in scripts)
           + "; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'")
    slots = {
        "CSP": csp,
        "TITLE": html_lib.escape(title, quote=True),
        "VIS_CSS": _inline_safe(vis_css, "vis-network.css"),
        "APP_CSS": _inline_safe(_asset("kg.export", "html_assets", "explorer.css"), "explorer.css"),
        "DATA": explorer_json(kg),
        "VIS_JS": scripts[0],
        "APP_JS": scripts[1],
    }
    template = _asset("kg.export", "html_assets", "page.html")
    return _SLOT.sub(lambda m: slots[m.group(1)], template)


def write_html(kg: KnowledgeGraph, path: str | os.PathLike[str]) -> None:
    """Write ``generate_html(kg)`` to ``path`` atomically."""
    with no_cycle_collection(), atomic_open(path) as fh:
        fh.write(generate_html(kg))
