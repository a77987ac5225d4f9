"""GraphML export: networkx and igraph read it back with the graph's counts and attributes."""

from __future__ import annotations

import igraph
import networkx as nx
import pytest

from kg.export.graphml import EDGE_KEYS, NODE_KEYS, TYPE_COLORS, generate_graphml
from kg.graph import to_networkx
from kg.resolve import resolve


@pytest.fixture(scope="module")
def seeds_graphml(seeds_build):
    result, out = seeds_build
    return result, out / "graph.graphml", to_networkx(result.kg)


def test_export_graphml_networkx_reads_same_counts_and_attributes(seeds_graphml):
    result, path, expected = seeds_graphml
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.number_of_nodes() == expected.number_of_nodes() == len(result.kg.entities) + len(result.kg.delegations)
    assert g.number_of_edges() == expected.number_of_edges()
    for n, d in expected.nodes(data=True):
        got = g.nodes[n]
        assert set(got) == {k for k, _ in NODE_KEYS}
        assert (got["label"], got["type"], got["mentions"], got["color"]) == (
            d["label"], d["type"], d["mentions"], TYPE_COLORS[d["type"]])
        assert got["aliases"] == "|".join(d["aliases"]) and got["documents"] == "|".join(d["documents"])
    for u, v, k, d in expected.edges(keys=True, data=True):
        got = g.edges[u, v, k]
        assert set(got) == {k for k, _ in EDGE_KEYS}
        assert got["type"] == d["type"] and got["weight"] == float(d["weight"])
        assert got["evidence"] == "\n\n".join(e["sentence"] for e in d["evidence"])
        assert got["confidence"] == pytest.approx(d["confidence"])


def test_export_graphml_igraph_reads_same_counts_and_attributes(seeds_graphml):
    _, path, expected = seeds_graphml
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount()) == (expected.number_of_nodes(), expected.number_of_edges())
    assert set(g.vs.attributes()) == {k for k, _ in NODE_KEYS} | {"id"}
    assert set(g.es.attributes()) >= {k for k, _ in EDGE_KEYS}
    by_id = {v["id"]: v for v in g.vs}
    for n, d in expected.nodes(data=True):
        v = by_id[n]
        assert (v["label"], v["type"], int(v["mentions"])) == (d["label"], d["type"], d["mentions"])
    types = sorted(e["type"] for e in g.es)
    assert types == sorted(d["type"] for _, _, d in expected.edges(data=True))


def test_export_graphml_attributes_are_scalars_with_a_color_per_type(seeds_graphml):
    _, path, _ = seeds_graphml
    text = path.read_text(encoding="utf-8")
    for name, kind in NODE_KEYS + EDGE_KEYS:
        assert kind in ("string", "int", "double"), name
    g = nx.read_graphml(path, force_multigraph=True)
    colors = {d["type"]: d["color"] for _, d in g.nodes(data=True)}
    assert all(colors[t] == TYPE_COLORS[t] for t in colors) and len(set(colors.values())) == len(colors)
    assert 'attr.name="r"' in text


def test_export_graphml_is_byte_identical_whatever_the_input_order(seeds_build):
    result, out = seeds_build
    forward = "".join(generate_graphml(resolve(result.extractions)))
    backward = "".join(generate_graphml(resolve(list(reversed(result.extractions)))))
    assert forward == backward == (out / "graph.graphml").read_text(encoding="utf-8")
