"""Hostile text through the exporters: every tool parses the output back and holds the exact text.

Names and evidence sentences come from hypothesis: any Unicode character but
lone surrogates (which no decoded file holds), plus fragments that break naive
writers: markup, quotes of every kind, backslashes, line breaks, triple
quotes, CDATA ends, braces, formula prefixes, emoji and 300-character names.
"""

from __future__ import annotations

import csv
import io
import re

import igraph
import networkx as nx
import pyoxigraph
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import RDFS, SKOS, Graph, URIRef

from kg.export.graphml import GraphMLReport, generate_graphml, xml_safe
from kg.export.neo4j import ARRAY_DELIMITER, _csv_text, generate_cypher, generate_nodes_csv, generate_relationships_csv, unguard
from kg.export.turtle import generate_turtle
from kg.model import Evidence, Extraction, KnowledgeGraph, Mention, Relation
from kg.normalize import company_key
from kg.resolve import resolve
from kg.vocab import doc_iri, entity_iri

# fmt: off
FRAGMENTS = [
    "<script>alert(1)</script>", '"', "'", "“", "”", "‘", "’", "「", "」", "`", "\\", "\\n", "\n", "\r\n", "\r",
    '"""', "'''", "]]>", "<![CDATA[", "}", "{", "{{x}}", "=", "+", "-", "@", "=1+1", "@SUM(A1)", "\t", "&amp;",
    "&", "<", ">", "\x00", "\x01", "\x0b", "\x1f", "\ufffe", "\uffff", "\x7f", "\u2028", "😀", "👩‍👩‍👧", " ", "/",
    "#", "%20", "?", ";", ",", "|", "园区", "有限公司", "经开区", "^^", "@zh", "_:b0", "<http://x>", "\ufeff",
]
# fmt: on
_CHARS = st.characters(blacklist_categories=("Cs",))
NAMES = st.one_of(
    st.text(_CHARS, min_size=1, max_size=30),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(_CHARS, max_size=5)), min_size=1, max_size=8).map("".join),
    st.sampled_from(["😀" * 300, "名" * 300, "a/b c\\d" * 40]),
).filter(lambda s: s.strip() != "")
LABELS = st.sampled_from(["PARK", "COMPANY", "INDUSTRY", "PROJECT", "ORG", "LOC"])

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                          HealthCheck.function_scoped_fixture])


def hostile_graph(head: str, tail: str, sentence: str, doc_id: str = "doc", alias: str = "") -> KnowledgeGraph:
    """A graph of a COMPANY located in a PARK, both named with hostile text, with a hostile evidence sentence."""
    mentions = [Mention(head, "COMPANY", 0, len(head), doc_id), Mention(tail, "PARK", 0, len(tail), doc_id)]
    if alias:  # a second name of the company: merges when its key is the head's
        mentions.append(Mention(alias, "COMPANY", 0, len(alias), doc_id))
    ev = Evidence(doc_id, sentence, 0, len(sentence))
    rel = Relation("located_in", head, tail, "COMPANY", "PARK", ev, "rule=\"x\"", 0.5)
    return resolve([Extraction(doc_id, f"{doc_id}.txt", mentions, [rel])])


def _names(kg: KnowledgeGraph) -> dict[str, str]:
    return {eid: e.name for eid, e in kg.entities.items()}


@SETTINGS
@given(head=NAMES, tail=NAMES, sentence=NAMES, doc_id=NAMES)
@example(head='"""x"""', tail="'''\\", sentence="\r\n\x00\x1f]]>", doc_id="a b/😀")
def test_hostile_turtle_round_trips_in_rdflib_and_pyoxigraph(head, tail, sentence, doc_id):
    kg = hostile_graph(head, tail, sentence, doc_id)
    text = generate_turtle(kg)
    g = Graph().parse(data=text, format="turtle")
    ox = pyoxigraph.Store()
    ox.load(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(ox) == len(g)
    for eid, name in _names(kg).items():
        assert str(g.value(entity_iri(eid), RDFS.label)) == name
        (quad,) = ox.quads_for_pattern(pyoxigraph.NamedNode(str(entity_iri(eid))), pyoxigraph.NamedNode(str(RDFS.label)), None)
        assert quad.object.value == name
    sentences = {str(o) for o in g.objects(None, URIRef("http://example.org/kg/ontology#sentence"))}
    assert sentences == {sentence}
    assert str(g.value(doc_iri(doc_id), RDFS.label)) == doc_id


@SETTINGS
@given(head=NAMES)
def test_hostile_turtle_aliases_are_exact_alt_labels(head):
    kg = hostile_graph(head, "青川经开区", "句子", alias=head + "股份有限公司")
    g = Graph().parse(data=generate_turtle(kg), format="turtle")
    assert any(e.aliases for e in kg.entities.values()) or company_key(head) != company_key(head + "股份有限公司")
    for eid, e in kg.entities.items():
        assert sorted(str(a) for a in g.objects(entity_iri(eid), SKOS.altLabel)) == sorted(e.aliases)


_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')


@SETTINGS
@given(name=NAMES)
def test_hostile_iris_are_valid_and_bounded_whatever_the_name(name):
    for iri in (doc_iri(name), entity_iri(name)):
        assert str(iri).isascii() and not _IRI_BAD.search(str(iri)) and len(str(iri)) < 120
    assert doc_iri(name) != doc_iri(name + "x")


@SETTINGS
@given(head=NAMES, tail=NAMES, sentence=NAMES)
def test_hostile_graphml_round_trips_in_networkx_and_igraph(head, tail, sentence, tmp_path_factory):
    kg = hostile_graph(head, tail, sentence)
    report = GraphMLReport()
    text = "".join(generate_graphml(kg, report))
    path = tmp_path_factory.mktemp("graphml") / "g.graphml"
    path.write_text(text, encoding="utf-8", newline="")
    nxg = nx.read_graphml(path, force_multigraph=True)
    ig = igraph.Graph.Read_GraphML(str(path))
    assert (nxg.number_of_nodes(), nxg.number_of_edges()) == (ig.vcount(), ig.ecount()) == (2, 1)
    ig_labels = {v["id"]: v["label"] for v in ig.vs}
    for eid, name in _names(kg).items():
        assert nxg.nodes[eid]["label"] == ig_labels[eid] == xml_safe(name)
    (edge,) = nxg.edges(data=True)
    assert edge[2]["evidence"] == ig.es[0]["evidence"] == xml_safe(sentence)
    touched = any(xml_safe(x) != x for x in (head, tail, sentence))
    assert bool(report.removed) == touched


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@SETTINGS
@given(head=NAMES, tail=NAMES, sentence=NAMES)
def test_hostile_neo4j_csv_round_trips_and_never_starts_a_formula(head, tail, sentence):
    kg = hostile_graph(head, tail, sentence, alias=head + "有限公司")
    nodes = _csv_rows(_csv_text(generate_nodes_csv(kg)))
    rels = _csv_rows(_csv_text(generate_relationships_csv(kg)))
    by_id = {n["id:ID"]: n for n in nodes}
    for eid, e in kg.entities.items():
        assert unguard(by_id[eid]["name"]) == e.name
        aliases = unguard(by_id[eid]["aliases:string[]"])
        assert (aliases.split(ARRAY_DELIMITER) if aliases else []) == [a.replace(ARRAY_DELIMITER, "") for a in e.aliases]
    assert unguard(rels[0]["evidence"]) == sentence
    for row in nodes + rels:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@pytest.fixture(scope="module")
def hostile_falkordb(tmp_path_factory):
    from test_export_neo4j import FalkorServer

    server = FalkorServer(tmp_path_factory.mktemp("hostile-import"), tmp_path_factory.mktemp("hostile-data"))
    yield server
    server.stop()


_FALKOR_CASES = iter(range(10**6))
#: FalkorDB keeps strings as C strings, so it cuts them at NUL (Neo4j, on the JVM, does not): no NUL here.
NAMES_NO_NUL = NAMES.map(lambda s: s.replace("\x00", "")).filter(lambda s: s.strip() != "")


@pytest.mark.server
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=NAMES_NO_NUL, tail=NAMES_NO_NUL, sentence=NAMES_NO_NUL)
@example(head="'😀引号", tail="=1+1 \\ 园区\r\n", sentence='He said """]]></script>{x}\x1f\u2028')
@example(head="@" + "名" * 300, tail="-😀" * 150, sentence="+\t'\"")
@example(head='a\\"b', tail='\\"\\"', sentence='\\",\\\\"\n\\')
def test_hostile_neo4j_import_cypher_holds_exact_text_on_falkordb(head, tail, sentence, hostile_falkordb):
    kg = hostile_graph(head, tail, sentence)
    folder = hostile_falkordb.import_dir
    (folder / "nodes.csv").write_text(_csv_text(generate_nodes_csv(kg)), encoding="utf-8", newline="")
    (folder / "relationships.csv").write_text(_csv_text(generate_relationships_csv(kg)), encoding="utf-8", newline="")
    name = f"h{next(_FALKOR_CASES)}"
    hostile_falkordb.run_script(name, generate_cypher(kg))
    g = hostile_falkordb.db.select_graph(name)
    for eid, ename in _names(kg).items():
        assert g.query("MATCH (n:Entity {id: $id}) RETURN n.name", {"id": eid}).result_set == [[ename]]
    assert g.query("MATCH ()-[r:LOCATED_IN]->() RETURN r.evidence").result_set == [[sentence]]


@SETTINGS
@given(names=st.lists(st.tuples(NAMES, LABELS), min_size=2, max_size=6), seed=st.randoms(use_true_random=False))
def test_hostile_exports_are_byte_identical_whatever_the_input_order(names, seed):
    exts = []
    for i, (name, label) in enumerate(names):
        doc = f"d{i}"
        other, other_label = names[i - 1]
        ev = Evidence(doc, name + other, 0, len(name + other))
        rel = Relation("located_in", name, other, label, other_label, ev, "r", 0.5)
        exts.append(Extraction(doc, f"{doc}.txt", [Mention(name, label, 0, len(name), doc)], [rel]))
    shuffled = list(exts)
    seed.shuffle(shuffled)
    a, b = resolve(exts), resolve(shuffled)
    assert generate_turtle(a) == generate_turtle(b)
    assert "".join(generate_graphml(a)) == "".join(generate_graphml(b))
    assert _csv_text(generate_nodes_csv(a)) == _csv_text(generate_nodes_csv(b))
    assert _csv_text(generate_relationships_csv(a)) == _csv_text(generate_relationships_csv(b))
    assert generate_cypher(a) == generate_cypher(b)
