"""The HTML explorer page without a browser: one offline file, the graph's data intact, hostile text inert."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.export.html import embed_json, explorer_data, explorer_json, generate_html
from kg.graph import DELEGATION_LABEL, to_networkx
from kg.model import Delegation, Entity, EntityRelation, Evidence, KnowledgeGraph

HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    "</script><script>alert(3)</script>",
    "\"'><svg onload=alert(4)>",
    "<!--<script>alert(5)//",
    "a&amp;b\u2028c\u2029d",
)


def make_kg(names: list[str], sentences: list[str] | None = None, label: str = "COMPANY") -> KnowledgeGraph:
    """A graph of invented entities: each named node is located_in one park, with the given evidence."""
    kg = KnowledgeGraph(documents=["doc-a", "doc-b"])
    kg.entities["park-0"] = Entity("park-0", "PARK", "青禾高新产业园", aliases=["青禾园"], documents=["doc-a"])
    sentences = sentences or [f"{n}入驻青禾高新产业园。" for n in names]
    for i, (name, sentence) in enumerate(zip(names, sentences)):
        eid = f"e-{i}"
        kg.entities[eid] = Entity(eid, label, name, aliases=[name + "别名"], documents=["doc-b"])
        kg.relations[f"rel-{i}"] = EntityRelation(
            f"rel-{i}", "located_in", eid, "park-0", evidence=[Evidence("doc-b", sentence, 10 * i, 10 * i + len(sentence))],
            rules=["located_in.test"], confidence=0.75)
    return kg


class _PageParser(HTMLParser):
    """What a browser's tokenizer sees: every start tag with its attributes and each script's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None


def parse_page(page: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(page)
    parser.close()
    return parser


def page_data(page: str) -> dict:
    """The graph the page reads: the JSON element's text as the HTML tokenizer delivers it."""
    (text,) = [t for a, t in parse_page(page).scripts if a.get("id") == "kg-data"]
    return json.loads(text)


def test_html_export_is_one_file_that_loads_nothing(seeds_build):
    _, out = seeds_build
    page = (out / "graph.html").read_text(encoding="utf-8")
    parsed = parse_page(page)
    remote = [(t, a) for t, a in parsed.tags if a.get("src") or a.get("href") or t == "link"]
    assert remote == []
    assert not re.search(r"bootstrap|cdn\.jsdelivr|cdnjs|unpkg", page, re.I)
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src" not in csp


def test_html_export_csp_admits_exactly_the_page_scripts(seeds_build):
    _, out = seeds_build
    parsed = parse_page((out / "graph.html").read_text(encoding="utf-8"))
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    allowed = set(re.findall(r"'sha256-([^']+)'", csp))
    code = [t for a, t in parsed.scripts if a.get("type") != "application/json"]
    digests = {base64.b64encode(hashlib.sha256(c.encode()).digest()).decode() for c in code}
    assert len(code) == 2 and digests == allowed
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]


def test_html_export_embeds_every_node_and_edge_of_the_graph(seeds_build):
    result, out = seeds_build
    data = page_data((out / "graph.html").read_text(encoding="utf-8"))
    g = to_networkx(result.kg)
    assert {n["id"] for n in data["nodes"]} == set(g.nodes)
    assert {e["id"] for e in data["edges"]} == {k for _, _, k in g.edges(keys=True)}
    assert data["documents"] == result.kg.documents
    assert sum(t["count"] for t in data["node_types"]) == g.number_of_nodes()
    for n in data["nodes"]:
        assert n["label"] == g.nodes[n["id"]]["label"] and n["degree"] == g.degree(n["id"])


def test_html_export_is_deterministic():
    kg = make_kg(["云杉智造有限公司", "北辰材料集团"])
    assert generate_html(kg) == generate_html(make_kg(["云杉智造有限公司", "北辰材料集团"]))


def test_html_export_edges_carry_evidence_document_and_confidence():
    data = explorer_data(make_kg(["云杉智造有限公司"], ["云杉智造有限公司落户青禾高新产业园。"]))
    (edge,) = data["edges"]
    assert edge["from"] == "e-0" and edge["to"] == "park-0" and edge["type"] == "located_in"
    assert edge["confidence"] == 0.75
    assert edge["evidence"] == [{"doc": "doc-b", "sentence": "云杉智造有限公司落户青禾高新产业园。", "start": 0, "end": 18}]


def test_html_export_unknown_type_gets_a_color_and_a_legend_row():
    kg = make_kg(["东岭考察团"], label="SQUAD")
    kg.entities["x"] = Entity("x", "GADGET", "某新类型")
    types = {t["name"]: t for t in explorer_data(kg)["node_types"]}
    assert set(types) == {"PARK", "SQUAD", "GADGET"}
    assert all(re.fullmatch(r"#[0-9a-f]{6}", t["color"]) for t in types.values())
    assert len({t["color"] for t in types.values()}) == 3
    assert types["GADGET"]["count"] == 1


def test_html_export_delegation_node_keeps_purpose_date_and_evidence():
    kg = make_kg(["云杉智造有限公司"])
    kg.entities["p-1"] = Entity("p-1", "PERSON", "石远航")
    sentence = "石远航率队赴青禾高新产业园考察对接。"
    kg.delegations.append(Delegation("doc-b", "p-1", destinations=["park-0"], purpose="招商考察", date="3月5日",
                                     evidence=Evidence("doc-b", sentence, 40, 40 + len(sentence))))
    data = explorer_data(kg)
    (node,) = [n for n in data["nodes"] if n["type"] == DELEGATION_LABEL]
    assert node["purpose"] == "招商考察" and node["date"] == "3月5日"
    assert node["evidence"][0]["sentence"] == sentence
    assert {e["type"] for e in data["edges"] if node["id"] in (e["from"], e["to"])} == {"leads", "destination"}
    assert DELEGATION_LABEL in [t["name"] for t in data["node_types"]]


def test_html_embed_json_leaves_no_markup_characters():
    text = embed_json({"k": "".join(HOSTILE)})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"k": "".join(HOSTILE)}


def test_html_export_hostile_names_stay_data():
    page = generate_html(make_kg(list(HOSTILE), list(HOSTILE)))
    parsed = parse_page(page)
    assert [t for t, _ in parsed.tags].count("script") == 3
    assert not {"img", "svg"} & {t for t, _ in parsed.tags}
    data = page_data(page)
    assert [n["label"] for n in data["nodes"] if n["type"] == "COMPANY"] == list(HOSTILE)
    assert [e["evidence"][0]["sentence"] for e in data["edges"]] == list(HOSTILE)


# Names mixing arbitrary text (no surrogates: decoded documents cannot hold them) with markup fragments.
_name = st.lists(
    st.one_of(st.text(min_size=1, max_size=12), st.sampled_from(HOSTILE + ("</SCRIPT", "<!--", "]]>", "\\u003c"))),
    min_size=1, max_size=4,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(_name, min_size=1, max_size=5), sentences=st.lists(_name, min_size=5, max_size=5))
def test_html_export_round_trips_hostile_names(names, sentences):
    page = generate_html(make_kg(names, sentences[: len(names)]))
    parsed = parse_page(page)
    assert [t for t, _ in parsed.tags].count("script") == 3
    data = page_data(page)
    assert [n["label"] for n in data["nodes"] if n["type"] == "COMPANY"] == names
    assert [n["aliases"] for n in data["nodes"] if n["type"] == "COMPANY"] == [[n + "别名"] for n in names]
    assert [e["evidence"][0]["sentence"] for e in data["edges"]] == sentences[: len(names)]


def _varied_kg(names: list[str], sentences: list[str]) -> KnowledgeGraph:
    """``make_kg`` plus what else a page holds: a delegation with its evidence, a member's title, an edge attribute,
    a node that is only an edge end, an unknown type and a confidence that rounds."""
    kg = make_kg(names, sentences)
    kg.entities["p-1"] = Entity("p-1", "PERSON", names[0] + "长", documents=["doc-b"], mentions=[])
    kg.entities["x"] = Entity("x", "GADGET", sentences[0])
    sentence = sentences[-1]
    kg.delegations.append(Delegation("doc-b", "p-1", members=[("p-1", sentences[1])], destinations=["park-0"],
                                     hosts=["only-an-end"], purpose=names[-1], date="3月5日",
                                     evidence=Evidence("doc-b", sentence, 40, 40 + len(sentence))))
    kg.relations["rel-x"] = EntityRelation("rel-x", "holds_position", "p-1", "x", evidence=[], rules=["b", "a"],
                                           confidence=2 / 3, attrs={"org": sentences[2], "b": "1"})
    return kg


def test_html_explorer_json_is_embed_json_of_explorer_data():
    kg = _varied_kg(["云杉智造有限公司", "北辰材料集团"], ["甲。", "乙", "丙", "丁", "戊"])
    assert explorer_json(kg) == embed_json(explorer_data(kg))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(_name, min_size=1, max_size=4), sentences=st.lists(_name, min_size=5, max_size=5))
def test_html_explorer_json_is_embed_json_of_explorer_data_on_hostile_text(names, sentences):
    kg = _varied_kg(names, sentences)
    assert explorer_json(kg) == embed_json(explorer_data(kg))
