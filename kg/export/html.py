"""Interactive HTML graph made with pyvis, fully offline (``cdn_resources="in_line"``).

pyvis still links Bootstrap from a CDN in every mode; those links are removed
so the page loads nothing from the network.
"""

from __future__ import annotations

import html as html_lib
import os
import re

from kg.export.atomic import atomic_open
from kg.export.graphml import TYPE_COLORS
from kg.graph import to_networkx
from kg.model import KnowledgeGraph

__all__ = ["generate_html", "write_html"]

_REMOTE = re.compile(r'<(link|script)[^>]+(?:href|src)="https?://[^"]*"[^>]*>(?:</script>)?\s*', re.I)


def generate_html(kg: KnowledgeGraph) -> str:
    """The page as one self-contained HTML string."""
    try:
        from pyvis.network import Network
    except ImportError:  # pragma: no cover - pyvis is a core dependency
        raise ImportError("The HTML export needs pyvis: pip install pyvis") from None
    g = to_networkx(kg)
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for n, d in g.nodes(data=True):
        title = f"{d['type']}: {d['label']}"
        net.add_node(n, label=d["label"], title=title, color=TYPE_COLORS.get(d["type"], "#ccc"),
                     size=10 + 3 * min(d["degree"], 20), group=d["type"])
    for u, v, _k, d in g.edges(keys=True, data=True):
        ev = d["evidence"][0]["sentence"] if d["evidence"] else ""
        net.add_edge(u, v, label=d["type"], title=ev[:300], arrows="to")
    net.toggle_physics(True)
    page = net.generate_html(notebook=False)
    return _REMOTE.sub("", page)


def write_html(kg: KnowledgeGraph, path: str | os.PathLike[str]) -> None:
    """Write ``generate_html(kg)`` to ``path`` atomically."""
    with atomic_open(path) as fh:
        fh.write(generate_html(kg))


def escape(text: str) -> str:
    """HTML-escape text taken from documents."""
    return html_lib.escape(text, quote=True)
