"""Document structure for the relation stage: reports, subject parks, generic mentions (invented texts)."""

from __future__ import annotations

from conftest import make_document

from kg.relations import extract_relations
from kg.relations.base import build_view, locate_mentions
from kg.relations.sections import analyze

PAGE = (
    "## 青禾经济开发区\n\n"
    "# 招商引资开新局\n\n"
    "本刊讯 近日,青禾经济开发区召开招商大会。该区引进了蓝川科技、白鹭电子等一批企业。(王一)\n\n"
    "## 松岭高新区\n\n"
    "# 项目建设提速\n\n"
    "本刊讯 今年以来,松岭高新区加快发展。全区已形成光电、医药两个主导产业。(李二)\n\n"
    "全省培训班圆满结束\n\n"
    "本刊讯 11月10日,全省开发区培训班在某大学结束。参训人员走进云港经济开发区观摩。(赵三)\n"
)
NAMES = [("青禾经济开发区", "PARK"), ("松岭高新区", "PARK"), ("云港经济开发区", "PARK"), ("蓝川科技", "COMPANY"),
         ("白鹭电子", "COMPANY"), ("光电", "INDUSTRY"), ("医药", "INDUSTRY")]


def _structure(text: str, names):
    doc = make_document(text)
    view = build_view(doc, locate_mentions(doc, names))
    return doc, view, analyze(view)


def test_sections_split_newsletter_page_into_reports_with_their_park():
    _, view, st = _structure(PAGE, NAMES)
    subjects = [s.subject.name if s.subject else None for s in st.sections]
    assert subjects == ["青禾经济开发区", "松岭高新区", None]


def test_sections_report_without_park_in_heading_or_lead_has_no_subject():
    _, view, st = _structure(PAGE, NAMES)
    pos = view.text.index("参训人员")
    assert st.subjects_at(view, pos) == []


def test_sections_generic_mentions_resolve_to_their_reports_park():
    _, view, st = _structure(PAGE, NAMES)
    resolved = {view.text[a:b] + str(a): park.name for a, b, park in st.generic}
    gai = view.text.index("该区")
    quan = view.text.index("全区")
    assert resolved["该区" + str(gai)] == "青禾经济开发区"
    assert resolved["全区" + str(quan)] == "松岭高新区"


def test_sections_parks_in_general_are_not_back_references():
    _, view, st = _structure(PAGE, NAMES)
    general = view.text.index("全省开发区") + 2
    assert all(a != general for a, _, _ in st.generic)


def test_sections_long_report_with_generic_heading_takes_the_park_opening_a_paragraph():
    text = ("开发区\n\n产业能级大跃升\n\n"
            "建区以来,引进、培育了甲辰机械、乙巳食品等一批重点企业。全区已形成装备制造主导产业。\n\n"
            "“十四五”期间,东湖经济开发区认真落实各项举措,推动东湖智谷产业园建设。\n")
    names = [("甲辰机械", "COMPANY"), ("乙巳食品", "COMPANY"), ("东湖经济开发区", "PARK"), ("东湖智谷产业园", "PARK"),
             ("装备制造", "INDUSTRY")]
    doc, view, st = _structure(text, names)
    assert st.sections[0].subject is not None and st.sections[0].subject.name == "东湖经济开发区"
    rels, _ = extract_relations(doc, locate_mentions(doc, names))
    located = {(r.head, r.tail) for r in rels if r.type == "located_in"}
    assert ("甲辰机械", "东湖经济开发区") in located and ("乙巳食品", "东湖经济开发区") in located


def test_sections_sentence_opening_with_sub_park_makes_it_the_topic_of_its_paragraph():
    text = ("## 北川示范区\n\n本刊讯 北川示范区加快建设。\n\n"
            "南苑园区,丁卯光学高端镜头项目建设正酣。该项目总投资10亿元。\n")
    names = [("北川示范区", "PARK"), ("南苑园区", "PARK"), ("丁卯光学高端镜头项目", "PROJECT")]
    doc, view, st = _structure(text, names)
    rels, _ = extract_relations(doc, locate_mentions(doc, names))
    located = {(r.head, r.tail) for r in rels if r.type == "located_in"}
    assert located == {("丁卯光学高端镜头项目", "南苑园区")}


def test_sections_news_lead_with_agency_dateline_and_byline_names_the_park():
    text = "某某新闻4月11日讯(通讯员 甲乙)近日,南湖经济开发区召开大会。全区引进庚子科技、辛丑材料等企业。"
    names = [("南湖经济开发区", "PARK"), ("庚子科技", "COMPANY"), ("辛丑材料", "COMPANY")]
    doc, view, st = _structure(text, names)
    assert st.sections[0].subject is not None and st.sections[0].subject.name == "南湖经济开发区"


def test_sections_title_line_with_exclamation_names_the_reports_park():
    text = ("补链强链!北塘高新区提升集群效应\n\n今年以来,北塘高新区做大主导产业。\n\n"
            "在储能产业链上深挖存量,成功引入乙未电缆、丙申电气。")
    names = [("北塘高新区", "PARK"), ("乙未电缆", "COMPANY"), ("丙申电气", "COMPANY"), ("储能", "INDUSTRY")]
    doc, view, st = _structure(text, names)
    assert st.sections[0].subject is not None and st.sections[0].subject.name == "北塘高新区"
    rels, _ = extract_relations(doc, locate_mentions(doc, names))
    got = {(r.type, r.head, r.tail) for r in rels}
    assert ("located_in", "乙未电缆", "北塘高新区") in got and ("located_in", "丙申电气", "北塘高新区") in got
    assert ("belongs_to_industry", "乙未电缆", "储能") in got


def test_sections_city_report_with_scenic_area_words_has_no_park_subject():
    text = "某市加快文旅融合。景区内游客如织,城区内道路畅通。推动东岭信息产业园建设。"
    names = [("东岭信息产业园", "PARK")]
    _, view, st = _structure(text, names)
    assert st.sections[0].subject is None and st.generic == []


def test_sections_we_district_in_a_districts_report_is_not_a_park():
    text = ("前岭区招商考察。我区结合区情实际推介项目。前岭区区长介绍前岭区优势。"
            "考察团参观了北苑工业园区。")
    names = [("前岭区", "LOC"), ("北苑工业园区", "PARK")]
    _, view, st = _structure(text, names)
    assert st.sections[0].subject is None
