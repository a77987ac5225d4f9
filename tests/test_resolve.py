"""Entity resolution: each merge rule and the homonym rule, on texts written for the test (invented names)."""

from __future__ import annotations

import pytest

from kg.graph import to_networkx
from kg.model import Delegation, Evidence, Extraction, Mention, Relation
from kg.resolve import resolve


def ext(doc_id: str, text: str, names: list[tuple[str, str]],
        relations: list[tuple[str, str, str, str, str]] = (), delegations: list[Delegation] = ()) -> Extraction:
    """An extraction of ``text``: every occurrence of each (name, label) becomes a mention at its offsets."""
    mentions = []
    for name, label in names:
        start = text.find(name)
        assert start >= 0, name
        while start >= 0:
            mentions.append(Mention(name, label, start, start + len(name), doc_id, "test"))
            start = text.find(name, start + len(name))
    ev = Evidence(doc_id, text, 0, len(text))
    rels = [Relation(t, h, tl, hl, tll, ev, "test.rule", 0.5) for t, h, tl, hl, tll in relations]
    return Extraction(doc_id, f"{doc_id}.txt", mentions, rels, list(delegations))


def entities(kg, label: str):
    return sorted((e for e in kg.entities.values() if e.label == label), key=lambda e: e.name)


# fmt: off
@pytest.mark.parametrize("short,full", [
    ("青川经开区", "青川经济技术开发区"),
    ("临溪高新区", "临溪高新技术产业开发区"),
    ("白鹭综保区", "白鹭综合保税区"),
    ("杨林农高区", "杨林农业高新技术产业示范区"),
    ("东岭综改区", "东岭综合改革示范区"),
])
# fmt: on
def test_resolve_park_abbreviation_merges_with_full_name_across_documents(short, full):
    kg = resolve([ext("a", f"{full}召开推进会。", [(full, "PARK")]),
                  ext("b", f"{short}新签约三个项目。", [(short, "PARK")])])
    (park,) = entities(kg, "PARK")
    assert park.name == full and park.aliases == [short]
    assert park.documents == ["a", "b"]
    assert [(m.doc_id, m.start, m.end) for m in park.mentions] == [("a", 0, len(full)), ("b", 0, len(short))]


def test_resolve_park_short_name_joins_the_longer_name_that_contains_it():
    kg = resolve([ext("a", "综改区青川开发区举行开工仪式。", [("综改区青川开发区", "PARK")]),
                  ext("b", "青川开发区新增企业二十家。", [("青川开发区", "PARK")])])
    (park,) = entities(kg, "PARK")
    assert park.name == "综改区青川开发区" and park.aliases == ["青川开发区"]


def test_resolve_park_short_name_in_two_unrelated_longer_names_stays_apart():
    kg = resolve([ext("a", "东省北湖开发区与西省北湖开发区结对。", [("东省北湖开发区", "PARK"), ("西省北湖开发区", "PARK")]),
                  ext("b", "北湖开发区发布规划。", [("北湖开发区", "PARK")])])
    assert [p.name for p in entities(kg, "PARK")] == ["东省北湖开发区", "北湖开发区", "西省北湖开发区"]


def test_resolve_park_bare_zone_kind_is_not_merged_by_containment():
    kg = resolve([ext("a", "青川工业园区和园区企业座谈。", [("青川工业园区", "PARK"), ("园区", "PARK")])])
    assert len(entities(kg, "PARK")) == 2


# fmt: off
@pytest.mark.parametrize("names", [
    ["青禾能源股份有限公司", "青禾能源"],
    ["恒远工业技术（临溪）有限公司", "恒远工业技术有限公司", "恒远工业技术"],
    ["明川重工集团", "明川重工"],
])
# fmt: on
def test_resolve_company_without_legal_suffix_or_bracketed_place_is_one_entity(names):
    exts = [ext(f"d{i}", f"{n}发布年报。", [(n, "COMPANY")]) for i, n in enumerate(names)]
    (company,) = entities(resolve(exts), "COMPANY")
    assert company.name == max(names, key=len)
    assert sorted(company.aliases + [company.name]) == sorted(names)
    assert len(company.documents) == len(names)


def test_resolve_industry_without_chain_words_is_one_entity():
    names = ["氢能产业", "氢能产业链", "氢能产业集群", "氢能"]
    (industry,) = entities(resolve([ext(f"d{i}", f"发展{n}。", [(n, "INDUSTRY")]) for i, n in enumerate(names)]),
                           "INDUSTRY")
    assert industry.documents == ["d0", "d1", "d2", "d3"] and len(industry.mentions) == 4


def test_resolve_person_one_name_in_one_document_is_one_person():
    text = "县长周明远主持会议。会上，周明远强调要抓项目。"
    (person,) = entities(resolve([ext("a", text, [("周明远", "PERSON")])]), "PERSON")
    assert len(person.mentions) == 2


def test_resolve_person_homonyms_in_different_organizations_stay_two_persons():
    a = ext("a", "青禾能源董事长周明远介绍了项目。", [("青禾能源", "COMPANY"), ("周明远", "PERSON")],
            [("holds_position", "周明远", "董事长", "PERSON", "TITLE")])
    b = ext("b", "临溪县县长周明远调研春耕。", [("临溪县", "LOC"), ("周明远", "PERSON")],
            [("holds_position", "周明远", "县长", "PERSON", "TITLE")])
    c = ext("c", "青禾能源董事长周明远签约新项目。", [("青禾能源", "COMPANY"), ("周明远", "PERSON")],
            [("holds_position", "周明远", "董事长", "PERSON", "TITLE")])
    kg = resolve([a, b, c])
    persons = entities(kg, "PERSON")
    assert [p.name for p in persons] == ["周明远", "周明远"]
    assert sorted(p.documents for p in persons) == [["a", "c"], ["b"]]
    assert len({p.id for p in persons}) == 2


def test_resolve_person_same_title_family_merges_across_documents():
    a = ext("a", "市委书记韩晓川出席开幕式。", [("韩晓川", "PERSON")],
            [("holds_position", "韩晓川", "市委书记", "PERSON", "TITLE")])
    b = ext("b", "书记韩晓川听取汇报。", [("韩晓川", "PERSON")], [("holds_position", "韩晓川", "书记", "PERSON", "TITLE")])
    (person,) = entities(resolve([a, b]), "PERSON")
    assert person.documents == ["a", "b"]


def test_resolve_person_without_evidence_is_not_merged_across_documents():
    kg = resolve([ext("a", "韩晓川到企业走访。", [("韩晓川", "PERSON")]), ext("b", "韩晓川参加论坛。", [("韩晓川", "PERSON")])])
    assert [p.documents for p in entities(kg, "PERSON")] in ([["a"], ["b"]], [["b"], ["a"]])


def test_resolve_ids_are_stable_when_documents_are_added_or_reordered():
    a = ext("a", "青川经开区引进青禾能源股份有限公司。", [("青川经开区", "PARK"), ("青禾能源股份有限公司", "COMPANY")],
            [("located_in", "青禾能源股份有限公司", "青川经开区", "COMPANY", "PARK")])
    b = ext("b", "青禾能源在青川经济技术开发区投产。", [("青禾能源", "COMPANY"), ("青川经济技术开发区", "PARK")])
    c = ext("c", "临溪高新区发展氢能产业。", [("临溪高新区", "PARK"), ("氢能产业", "INDUSTRY")])
    one = resolve([a, b])
    two = resolve([c, b, a])
    assert set(one.entities) <= set(two.entities)
    assert set(one.relations) <= set(two.relations)
    assert resolve([b, a]).entities.keys() == one.entities.keys()


def test_resolve_merge_counts_per_label():
    kg = resolve([ext("a", "青川经开区与青川经济技术开发区。", [("青川经开区", "PARK"), ("青川经济技术开发区", "PARK")]),
                  ext("b", "青川经开区。氢能。", [("青川经开区", "PARK"), ("氢能", "INDUSTRY")])])
    assert kg.merges == {"INDUSTRY": (1, 1), "PARK": (3, 1)}


def test_resolve_relation_arguments_use_merged_entities():
    a = ext("a", "青禾能源股份有限公司落户青川经开区。", [("青禾能源股份有限公司", "COMPANY"), ("青川经开区", "PARK")],
            [("located_in", "青禾能源股份有限公司", "青川经开区", "COMPANY", "PARK")])
    b = ext("b", "青禾能源落户青川经济技术开发区。", [("青禾能源", "COMPANY"), ("青川经济技术开发区", "PARK")],
            [("located_in", "青禾能源", "青川经济技术开发区", "COMPANY", "PARK")])
    kg = resolve([a, b])
    (rel,) = kg.relations.values()
    assert [e.doc_id for e in rel.evidence] == ["a", "b"]


def test_resolve_delegation_becomes_node_linking_leader_and_destinations():
    text = "临溪县县长周明远带队赴青川市考察青禾能源。"
    ev = Evidence("a", text, 0, len(text))
    d = Delegation("a", "周明远", destinations=["青川市"], hosts=["青禾能源"], purpose="考察", evidence=ev)
    kg = resolve([ext("a", text, [("周明远", "PERSON"), ("青川市", "LOC"), ("青禾能源", "COMPANY")], delegations=[d])])
    (dl,) = kg.delegations
    ids = {e.name: e.id for e in kg.entities.values()}
    assert (dl.leader, dl.destinations, dl.hosts) == (ids["周明远"], [ids["青川市"]], [ids["青禾能源"]])
    g = to_networkx(kg)
    (node,) = [n for n, t in g.nodes(data="type") if t == "DELEGATION"]
    assert g.has_edge(ids["周明远"], node) and g.has_edge(node, ids["青川市"]) and g.has_edge(node, ids["青禾能源"])
    assert resolve([ext("a", text, [("周明远", "PERSON"), ("青川市", "LOC"), ("青禾能源", "COMPANY")],
                        delegations=[d, d])]).delegations == kg.delegations


def test_resolve_seeds_build_merges_short_and_full_park_names(seeds_build):
    result, _ = seeds_build
    merged_parks = [e for e in result.kg.entities.values() if e.label == "PARK" and e.aliases]
    assert merged_parks
    mentions, parks = result.kg.merges["PARK"]
    assert mentions > parks


def test_resolve_build_summary_reports_merges_per_label(tmp_path):
    import re

    from conftest import SEEDS
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["build", str(SEEDS), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    merged = dict(re.findall(r"(\w+) (\d+→\d+)", result.output.split("merged:")[1].splitlines()[0]))
    mentions, parks = (int(x) for x in merged["PARK"].split("→"))
    assert mentions > parks


def test_resolve_person_same_title_in_different_organizations_stays_two_persons():
    a = ext("a", "青禾能源董事长周明远出席。", [("青禾能源", "COMPANY"), ("周明远", "PERSON")],
            [("holds_position", "周明远", "董事长", "PERSON", "TITLE")])
    b = ext("b", "明川重工董事长周明远出席。", [("明川重工", "COMPANY"), ("周明远", "PERSON")],
            [("holds_position", "周明远", "董事长", "PERSON", "TITLE")])
    assert len(entities(resolve([a, b]), "PERSON")) == 2


def test_resolve_same_span_found_by_two_rules_is_one_mention():
    text = "青川经开区召开会议。"
    e = ext("a", text, [("青川经开区", "PARK")])
    e.mentions.append(Mention("青川经开区", "PARK", 0, 5, "a", "another.rule"))
    kg = resolve([e])
    (park,) = entities(kg, "PARK")
    assert len(park.mentions) == 1 and kg.merges["PARK"] == (1, 1)


def test_resolve_person_without_organization_cannot_bridge_two_organizations():
    a = ext("a", "青禾能源董事长周明远出席。", [("青禾能源", "COMPANY"), ("周明远", "PERSON")],
            [("holds_position", "周明远", "董事长", "PERSON", "TITLE")])
    b = ext("b", "明川重工董事长周明远出席。", [("明川重工", "COMPANY"), ("周明远", "PERSON")],
            [("holds_position", "周明远", "董事长", "PERSON", "TITLE")])
    c = ext("c", "董事长周明远致辞。", [("周明远", "PERSON")], [("holds_position", "周明远", "董事长", "PERSON", "TITLE")])
    d = ext("d", "青禾能源董事长周明远表示。", [("青禾能源", "COMPANY"), ("周明远", "PERSON")],
            [("holds_position", "周明远", "董事长", "PERSON", "TITLE")])
    persons = entities(resolve([a, b, c, d]), "PERSON")
    assert sorted(p.documents for p in persons) == [["a", "d"], ["b"], ["c"]]
    # with one organization only, the title-only card joins it
    assert [p.documents for p in entities(resolve([a, c]), "PERSON")] == [["a", "c"]]


def _three_documents():
    a = ext("a", "青川经开区引进青禾能源股份有限公司，董事长周明远出席。青川经济技术开发区发展氢能产业。",
            [("青川经开区", "PARK"), ("青禾能源股份有限公司", "COMPANY"), ("周明远", "PERSON"),
             ("青川经济技术开发区", "PARK"), ("氢能产业", "INDUSTRY")],
            [("located_in", "青禾能源股份有限公司", "青川经开区", "COMPANY", "PARK"),
             ("holds_position", "周明远", "董事长", "PERSON", "TITLE")])
    b = ext("b", "青禾能源在青川经济技术开发区投产，董事长周明远致辞。",
            [("青禾能源", "COMPANY"), ("青川经济技术开发区", "PARK"), ("周明远", "PERSON")],
            [("holds_position", "周明远", "董事长", "PERSON", "TITLE"),
             ("located_in", "青禾能源", "青川经济技术开发区", "COMPANY", "PARK")])
    c = ext("c", "临溪高新区发展氢能产业链，青川经开区来访。", [("临溪高新区", "PARK"), ("氢能产业链", "INDUSTRY"),
                                                 ("青川经开区", "PARK")],
            [("has_industry", "临溪高新区", "氢能产业链", "PARK", "INDUSTRY")])
    return [a, b, c]


def test_resolve_graph_is_the_same_whatever_the_order_of_the_extractions():
    docs = _three_documents()
    one, two = resolve(docs), resolve(docs[::-1])
    assert one.entities == two.entities and list(one.entities) == list(two.entities)
    assert one.relations == two.relations and list(one.relations) == list(two.relations)
    assert one.delegations == two.delegations and one.merges == two.merges


def test_resolve_entity_lists_its_mentions_by_document_then_place_whatever_name_they_use():
    kg = resolve(_three_documents()[::-1])
    (park,) = [e for e in entities(kg, "PARK") if e.name == "青川经济技术开发区"]
    assert [(m.doc_id, m.start, m.text) for m in park.mentions] == [
        ("a", 0, "青川经开区"), ("a", 27, "青川经济技术开发区"), ("b", 5, "青川经济技术开发区"), ("c", 13, "青川经开区")]
    assert park.documents == ["a", "b", "c"] and park.aliases == ["青川经开区"]


def test_resolve_mention_filed_under_another_document_id_takes_its_extraction_id():
    e = ext("a", "青川经开区召开会议。", [("青川经开区", "PARK")])
    e.mentions[0] = Mention("青川经开区", "PARK", 0, 5, "elsewhere", "test")
    (park,) = entities(resolve([e]), "PARK")
    assert [m.doc_id for m in park.mentions] == ["a"] and park.documents == ["a"]
