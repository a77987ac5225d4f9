"""located_in rules on short invented texts, with negative cases."""

from __future__ import annotations

from conftest import make_document

from kg.relations import extract_relations
from kg.relations.base import locate_mentions


def _located(text: str, names) -> set[tuple[str, str]]:
    doc = make_document(text)
    rels, _ = extract_relations(doc, locate_mentions(doc, names))
    return {(r.head, r.tail) for r in rels if r.type == "located_in"}


def test_located_trigger_links_company_to_named_park():
    got = _located("青禾新材料有限公司正式落户临海经济技术开发区。",
                   [("青禾新材料有限公司", "COMPANY"), ("临海经济技术开发区", "PARK")])
    assert got == {("青禾新材料有限公司", "临海经济技术开发区")}


def test_located_weizhi_de_links_company_after_park():
    got = _located("位于松岭高新区的白鹭电子有限公司举行投产仪式。",
                   [("白鹭电子有限公司", "COMPANY"), ("松岭高新区", "PARK")])
    assert got == {("白鹭电子有限公司", "松岭高新区")}


def test_located_park_prefixed_project_name():
    got = _located("云港经开区丙午储能电池项目首批设备进场。",
                   [("云港经开区", "PARK"), ("丙午储能电池项目", "PROJECT")])
    assert got == {("丙午储能电池项目", "云港经开区")}


def test_located_enumeration_after_jianqu_resolves_to_the_reports_park_by_its_longest_name():
    text = ("## 东湖经开区\n\n本刊讯 东湖经济技术开发区加快发展。建区以来,引进、培育了甲辰机械、乙巳食品、丙午物流等一批重点企业。")
    names = [("东湖经开区", "PARK"), ("东湖经济技术开发区", "PARK"), ("甲辰机械", "COMPANY"), ("乙巳食品", "COMPANY"),
             ("丙午物流", "COMPANY")]
    assert _located(text, names) == {(c, "东湖经济技术开发区") for c in ("甲辰机械", "乙巳食品", "丙午物流")}


def test_located_project_described_in_a_parks_report():
    text = "## 北川经济开发区\n\n本刊讯 今年以来,北川经济开发区狠抓项目。截至目前,丁未石膏项目已签订出让合同。"
    names = [("北川经济开发区", "PARK"), ("丁未石膏项目", "PROJECT")]
    assert _located(text, names) == {("丁未石膏项目", "北川经济开发区")}


def test_located_company_the_park_only_reaches_out_to_is_not_in_it():
    text = "## 北川经济开发区\n\n本刊讯 近年来,北川经济开发区加快发展。该区正在对接戊申电器、己酉家电等龙头企业。"
    names = [("北川经济开发区", "PARK"), ("戊申电器", "COMPANY"), ("己酉家电", "COMPANY")]
    assert _located(text, names) == set()


def test_located_company_named_near_a_park_without_settling_is_not_in_it():
    got = _located("庚戌集团董事长参观了临海经济技术开发区展厅。",
                   [("庚戌集团", "COMPANY"), ("临海经济技术开发区", "PARK")])
    assert got == set()


def test_located_trigger_word_inside_a_project_name_is_no_trigger():
    got = _located("辛亥乘用车落地技改项目负责人在临海经济技术开发区展厅介绍情况。",
                   [("辛亥乘用车落地技改项目", "PROJECT"), ("临海经济技术开发区", "PARK")])
    assert got == set()


def test_located_trigger_about_other_projects_does_not_place_the_company():
    text = "## 北川经济开发区\n\n本刊讯 北川经济开发区创新招商。发挥壬子基金等政府性基金的作用,吸引优质项目落地北川。"
    names = [("北川经济开发区", "PARK"), ("壬子基金", "COMPANY")]
    assert _located(text, names) == set()


def test_located_talent_introduction_is_not_a_company_settling():
    text = "## 北川经济开发区\n\n本刊讯 北川经济开发区与癸丑化工联合召开交流会,双方就人才引进进行了研讨。"
    names = [("北川经济开发区", "PARK"), ("癸丑化工", "COMPANY")]
    assert _located(text, names) == set()


def test_located_company_named_inside_a_located_project_shares_its_park():
    text = "南苑园区,甲寅能源年产10GW电池项目建设正酣。"
    names = [("南苑园区", "PARK"), ("甲寅能源年产10GW电池项目", "PROJECT"), ("甲寅能源", "COMPANY")]
    assert _located(text, names) == {("甲寅能源年产10GW电池项目", "南苑园区"), ("甲寅能源", "南苑园区")}


def test_located_city_report_without_park_subject_places_nothing():
    text = "某市加快转型。推动乙卯光学产业基地、丙辰电子上半年投产达效。"
    names = [("乙卯光学产业基地", "COMPANY"), ("丙辰电子", "COMPANY")]
    assert _located(text, names) == set()


def test_located_evidence_is_the_original_sentence_with_offsets():
    text = "前言。\n\n青禾新材料有限公司正式落户临海经济技术开发区。"
    doc = make_document(text)
    rels, _ = extract_relations(doc, locate_mentions(doc, [("青禾新材料有限公司", "COMPANY"),
                                                             ("临海经济技术开发区", "PARK")]))
    r = next(r for r in rels if r.type == "located_in")
    assert doc.text[r.evidence.start:r.evidence.end] == r.evidence.sentence
    assert r.evidence.sentence.startswith("青禾新材料有限公司") and r.rule.startswith("located_in.")
    assert 0.0 <= r.confidence <= 1.0


def test_located_unnamed_projects_are_not_placed():
    text = "## 北川经济开发区\n\n本刊讯 北川经济开发区狠抓项目。新开工重点项目8个,甲午光电项目开工建设。"
    names = [("北川经济开发区", "PARK"), ("新开工重点项目", "PROJECT"), ("甲午光电项目", "PROJECT")]
    assert _located(text, names) == {("甲午光电项目", "北川经济开发区")}


def test_located_park_named_inside_a_project_name_is_not_where_others_settle():
    text = ("## 北川经济开发区\n\n本刊讯 北川经济开发区补链强链。加快电缆产业园三期项目建设,成功引入乙酉线缆。")
    names = [("北川经济开发区", "PARK"), ("电缆产业园", "PARK"), ("电缆产业园三期项目", "PROJECT"), ("乙酉线缆", "COMPANY")]
    got = _located(text, names)
    assert ("乙酉线缆", "北川经济开发区") in got and ("乙酉线缆", "电缆产业园") not in got


def test_located_company_signing_an_investment_agreement_with_the_park():
    text = "北岭管理区举行项目集中签约仪式\n\n常务副主任孙一代表北岭分别与乙亥能源有限公司、丙子生物科技有限公司签署项目投资协议。"
    names = [("北岭管理区", "PARK"), ("北岭", "LOC"), ("孙一", "PERSON"), ("乙亥能源有限公司", "COMPANY"),
             ("丙子生物科技有限公司", "COMPANY")]
    assert _located(text, names) == {("乙亥能源有限公司", "北岭管理区"), ("丙子生物科技有限公司", "北岭管理区")}
