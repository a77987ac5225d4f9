"""The text exporters load without rdflib or networkx; the functions that build their objects still work."""

from __future__ import annotations

import subprocess
import sys

_HEAVY = ("rdflib", "networkx", "pyoxigraph")


def _modules_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter holds after running ``code``."""
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return {name.split(".")[0] for name in out.split()}


def test_export_speed_importing_every_writer_imports_neither_rdflib_nor_networkx() -> None:
    loaded = _modules_after("from kg.parallel import import_writers\nimport_writers()\nimport kg.vocab, kg.graph")
    assert "kg" in loaded
    assert [name for name in _HEAVY if name in loaded] == []


def test_export_speed_rdflib_and_networkx_come_when_their_objects_are_asked_for() -> None:
    loaded = _modules_after("from kg.vocab import KG, entity_iri\nassert str(KG.Park).endswith('#Park')\n"
                            "assert str(entity_iri('园区')).startswith('http')\n"
                            "from kg.graph import to_networkx\nfrom kg.model import KnowledgeGraph\n"
                            "assert to_networkx(KnowledgeGraph()).number_of_nodes() == 0")
    assert {"rdflib", "networkx"} <= loaded


def test_export_speed_the_html_page_inlines_pyvis_assets_without_importing_pyvis(tmp_path) -> None:
    page = tmp_path / "graph.html"
    loaded = _modules_after(f"from kg.export.html import write_html\nfrom kg.model import KnowledgeGraph\n"
                            f"write_html(KnowledgeGraph(), {str(page)!r})")
    assert "pyvis" not in loaded and "networkx" not in loaded
    from importlib import resources

    from kg.export.html import VIS_VERSION

    script = resources.files("pyvis").joinpath("templates", "lib", f"vis-{VIS_VERSION}", "vis-network.min.js")
    assert script.read_text(encoding="utf-8") in page.read_text(encoding="utf-8")
