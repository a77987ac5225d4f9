"""PROJECT: named heads before 项目, left boundaries, nested names, and unnamed 项目 (invented names)."""

from __future__ import annotations

import pytest
from test_nlp_parks import entities, labelled


# fmt: off
@pytest.mark.parametrize("text,project", [
    ("推动恒翔重工年产20万吨特种钢项目建设。", "恒翔重工年产20万吨特种钢项目"),   # capacity, left boundary at 推动
    ("签约了北辰科技智能传感器生产项目。", "北辰科技智能传感器生产项目"),         # left boundary at 了
    ("以禾丰谷项目为抓手,培育临空经济。", "禾丰谷项目"),                          # proper-noun head
    ("推进锂离子电池生产项目落地。", "锂离子电池生产项目"),                        # product head
])
# fmt: on
def test_nlp_projects_named_head(text, project):
    assert project in labelled(text, "PROJECT")


def test_nlp_projects_nested_company_is_its_own_entity():
    ents = entities("青禾新材料有限公司年产5万吨碳纤维项目开工。")
    assert ("青禾新材料有限公司年产5万吨碳纤维项目", "PROJECT") in ents
    assert ("青禾新材料有限公司", "COMPANY") in ents


# fmt: off
@pytest.mark.parametrize("text", [
    "全力推进重点项目建设。",
    "签约项目开工率100%。",
    "二期项目前期准备工作基本就绪。",
    "对入区项目实行全代办服务。",
    "今年新开工项目14个。",
])
# fmt: on
def test_nlp_projects_unnamed_projects_are_not_entities(text):
    assert labelled(text, "PROJECT") == set()


def test_nlp_projects_single_named_item_before_deng_and_xiangmu():
    assert "青峰山" in labelled("加快青峰山等抽水蓄能项目建设。", "PROJECT")


def test_nlp_projects_list_items_keep_a_leading_modifier():
    text = "为松川电动、超精密轴承加工项目、锂离子电池生产项目的落地提供保障。"
    assert "超精密轴承加工项目" in labelled(text, "PROJECT")


# fmt: off
@pytest.mark.parametrize("text,project", [
    ("远帆科技年产2万台新能源电机生产线建成投产。", "远帆科技年产2万台新能源电机生产线"),
    ("该公司年产5万吨新材料基地投产。", "年产5万吨新材料基地"),
    ("年产8000吨富硒辣酱生产线等农产品深加工项目2个。", "年产8000吨富硒辣酱生产线"),
])
# fmt: on
def test_nlp_projects_capacity_lines_without_xiangmu(text, project):
    assert project in labelled(text, "PROJECT")


def test_nlp_projects_capacity_line_describing_a_named_project_is_not_another():
    text = "青禾电机制造基地项目投资约8亿元，建设年产3万台电机生产线。"
    assert "年产3万台电机生产线" not in labelled(text, "PROJECT")
    assert labelled("全部投产可年产钢构件约15万吨。", "PROJECT") == set()


def test_nlp_projects_capacity_opens_the_name_across_a_verb_in_the_product():
    text = "推动恒翔年产300万吨低甲醛释放树脂项目建设。"
    assert any(p.startswith(("恒翔年产", "年产300万吨")) and p.endswith("树脂项目") for p in labelled(text, "PROJECT"))


def test_nlp_projects_a_ranking_before_the_owner_is_not_part_of_the_name():
    assert "杭岚钢构项目" in labelled("民营企业500强杭岚钢构项目正式签约。", "PROJECT")


def test_nlp_projects_an_investment_amount_before_the_name_is_not_part_of_it():
    assert "海岚磷酸铁锂项目" in labelled("总投资150亿元海岚磷酸铁锂项目已经签约。", "PROJECT")


def test_nlp_projects_ji_joining_two_products_inside_a_name():
    text = "青禾新能源5GW高效电池及组件生产基地项目开工。"
    assert "青禾新能源5GW高效电池及组件生产基地项目" in labelled(text, "PROJECT")


def test_nlp_projects_high_quality_development_names_no_project():
    assert labelled("区委书记宣布11个高质量发展产业项目开工。", "PROJECT") == set()
