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
