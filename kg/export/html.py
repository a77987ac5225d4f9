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
import json
import os
import re
from collections import Counter
from importlib import resources
from typing import Any

from kg.export.atomic import atomic_open
from kg.export.graphml import TYPE_COLORS
from kg.export.elements import graph_elements
from kg.gcpause import no_cycle_collection
from kg.graph import DELEGATION_EDGE_TYPES, DELEGATION_LABEL
from kg.model import ENTITY_LABELS, RELATION_TYPES, Evidence, KnowledgeGraph

__all__ = ["embed_json", "explorer_data", "generate_html", "type_colors", "write_html"]

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
    node_counts = Counter(n["type"] for n in nodes)
    edge_counts = Counter(e["type"] for e in edges)
    node_types = _ordered(node_counts, (*ENTITY_LABELS, "TITLE", DELEGATION_LABEL))
    colors = type_colors(node_types)
    return {
        "documents": list(kg.documents),
        "node_types": [{"name": t, "color": colors[t], "count": node_counts[t]} for t in node_types],
        "edge_types": [{"name": t, "count": edge_counts[t]} for t in _ordered(edge_counts, (*RELATION_TYPES, *DELEGATION_EDGE_TYPES))],
        "nodes": nodes,
        "edges": edges,
        # A bounded stabilization keeps the first view quick at a few thousand nodes.
        "stabilization_iterations": 400 if len(nodes) <= 500 else 200 if len(nodes) <= 2000 else 120,
    }


def embed_json(value: Any) -> str:
    """JSON that is safe as the text of a ``<script type="application/json">`` element.

    >>> embed_json({"name": "</script><b>&"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _asset(package: str, *parts: str) -> str:
    node = resources.files(package)
    for part in parts:
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")


def _vis_assets() -> tuple[str, str]:
    """vis-network's script and style as pyvis ships them."""
    try:
        js = _asset("pyvis", "templates", "lib", f"vis-{VIS_VERSION}", "vis-network.min.js")
        css = _asset("pyvis", "templates", "lib", f"vis-{VIS_VERSION}", "vis-network.css")
    except (ModuleNotFoundError, FileNotFoundError):
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
        "DATA": embed_json(explorer_data(kg)),
        "VIS_JS": scripts[0],
        "APP_JS": scripts[1],
    }
    template = _asset("kg.export", "html_assets", "page.html")
    return _SLOT.sub(lambda m: slots[m.group(1)], template)


def write_html(kg: KnowledgeGraph, path: str | os.PathLike[str]) -> None:
    """Write ``generate_html(kg)`` to ``path`` atomically."""
    with no_cycle_collection(), atomic_open(path) as fh:
        fh.write(generate_html(kg))
