"""Exporters, one module per format; ``write_all`` writes every format into a folder.

``write_all`` writes the whole set into a staging folder first and moves the
files into place only when every format is complete, so an interrupted build
leaves the previous exports whole (see :mod:`kg.export.atomic`). The nodes and
edges three of the formats read are made once for all of them
(:func:`kg.export.elements.shared_elements`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from kg.model import Extraction, KnowledgeGraph

__all__ = ["FORMATS", "write_all"]

#: Output name of each format inside the export folder.
FORMATS: dict[str, str] = {
    "jsonl": "extractions.jsonl",
    "turtle": "graph.ttl",
    "graphml": "graph.graphml",
    "neo4j": "neo4j",
    "html": "graph.html",
}


def write_all(kg: KnowledgeGraph, extractions: Sequence[Extraction], folder: str | os.PathLike[str]) -> dict[str, Path]:
    """Write every format into ``folder``; return where each went."""
    from kg.export.atomic import staged_folder
    from kg.export.elements import shared_elements
    from kg.export.graphml import write_graphml
    from kg.export.html import write_html
    from kg.export.jsonl import write_jsonl
    from kg.export.neo4j import write_neo4j
    from kg.export.turtle import write_turtle

    out = Path(folder)
    with staged_folder(out) as staging, shared_elements(kg):
        staged = {name: staging / file for name, file in FORMATS.items()}
        write_jsonl(extractions, staged["jsonl"])
        write_turtle(kg, staged["turtle"])
        write_graphml(kg, staged["graphml"])
        write_neo4j(kg, staged["neo4j"])
        write_html(kg, staged["html"])
    return {name: out / file for name, file in FORMATS.items()}
