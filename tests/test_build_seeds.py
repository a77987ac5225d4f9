"""End to end: build seeds/ and check every export parses back and agrees in counts."""

from __future__ import annotations

import csv
import json

import networkx as nx
from rdflib import RDF, Graph, Namespace

from kg.graph import to_networkx

KG = Namespace("http://example.org/kg/ontology#")


def test_build_seeds_writes_every_format(seeds_build):
    result, out = seeds_build
    for name in ("graph.ttl", "graph.graphml", "graph.html", "extractions.jsonl", "neo4j/nodes.csv",
                 "neo4j/relationships.csv", "neo4j/import.cypher"):
        assert (out / name).is_file(), name
    assert len(result.extractions) == 5
    assert not result.skipped


def test_build_seeds_jsonl_has_one_line_per_document(seeds_build):
    result, out = seeds_build
    lines = (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line)["doc"] for line in lines]
    assert docs == sorted(e.doc_id for e in result.extractions)


def test_build_seeds_turtle_holds_every_entity_and_relation(seeds_build):
    result, out = seeds_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    typed = {s for s, _, o in g.triples((None, RDF.type, None))
             if o not in (KG.Document, KG.Evidence, RDF.Statement, KG.Delegation)}
    assert len(typed) == len(result.kg.entities)
    assert len(set(g.subjects(RDF.type, KG.Delegation))) == len(result.kg.delegations)
    statements = set(g.subjects(RDF.type, RDF.Statement))
    assert len(statements) == len(result.kg.relations)


def test_build_seeds_graphml_counts_match(seeds_build):
    result, out = seeds_build
    g = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    expected = to_networkx(result.kg)  # entities and delegations; relations and delegation parts
    assert g.number_of_nodes() == len(result.kg.entities) + len(result.kg.delegations) == expected.number_of_nodes()
    assert g.number_of_edges() == expected.number_of_edges() >= len(result.kg.relations)


def test_build_seeds_neo4j_csv_counts_match(seeds_build):
    result, out = seeds_build
    with (out / "neo4j" / "nodes.csv").open(encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    with (out / "neo4j" / "relationships.csv").open(encoding="utf-8") as fh:
        rels = list(csv.DictReader(fh))
    assert len(nodes) == len(result.kg.entities) + len(result.kg.delegations)
    assert len(rels) == to_networkx(result.kg).number_of_edges()
    assert set(rels[0]) >= {":START_ID", ":END_ID", ":TYPE"}


def test_build_seeds_html_is_offline(seeds_build):
    _, out = seeds_build
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "vis-network" in page or "vis.Network" in page
    assert 'src="http' not in page and 'href="http' not in page


def test_build_seeds_every_extracted_relation_is_in_graph(seeds_build):
    result, _ = seeds_build
    extracted = {(r.type) for e in result.extractions for r in e.relations}
    in_graph = {r.type for r in result.kg.relations.values()}
    assert extracted == in_graph
