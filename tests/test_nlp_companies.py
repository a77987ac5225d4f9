"""COMPANY: legal forms, trade name + industry word, enumerations and short forms (invented names)."""

from __future__ import annotations

import pytest
from test_nlp_parks import entities, labelled


# fmt: off
@pytest.mark.parametrize("text,company", [
    ("青禾新材料有限公司落户临江经开区。", "青禾新材料有限公司"),
    ("瑞丰精工(临沂)有限公司举行投产仪式。", "瑞丰精工(临沂)有限公司"),   # bracketed place
    ("考察团还赴北京宏拓新能源公司考察交流。", "北京宏拓新能源公司"),      # place + trade name + industry + 公司
    ("双方与浩晟控股集团深度合作。", "浩晟控股集团"),
])
# fmt: on
def test_nlp_companies_with_legal_suffix(text, company):
    assert company in labelled(text, "COMPANY")


def test_nlp_companies_trade_name_plus_industry_word():
    assert "宏拓光伏" in labelled("宏拓光伏今年产值增长两成。", "COMPANY")


def test_nlp_companies_every_item_of_an_enterprise_list():
    text = "引进、培育了恒翔重工、云帆物流、卓睿制药、星岚等一批重点企业。"
    assert {"恒翔重工", "云帆物流", "卓睿制药", "星岚"} <= labelled(text, "COMPANY")


def test_nlp_companies_list_without_class_word_when_items_are_companies():
    text = "与恒翔重工有限公司、云帆物流有限公司、星岚签订合作协议。"
    assert "星岚" in labelled(text, "COMPANY")


def test_nlp_companies_short_form_of_a_full_name_elsewhere_in_the_document():
    text = "大正重工股份有限公司北京总部位于亦庄。大正重工产品涵盖风电塔架。"
    found = labelled(text, "COMPANY")
    assert {"大正重工股份有限公司", "大正重工"} <= found


# fmt: off
@pytest.mark.parametrize("text", [
    "在项目落地上,成立招商服务公司,帮助企业快速落地。",
    "成立人力资源公司,解决企业用工问题。",
    "反对少数利益集团的干扰。",
    "与电力公司和水投公司达成合作意向。",
])
# fmt: on
def test_nlp_companies_generic_company_words_are_not_names(text):
    assert labelled(text, "COMPANY") == set()


def test_nlp_companies_place_plus_industry_is_not_a_company():
    assert ("山西光伏", "COMPANY") not in entities("推动山西光伏产业发展。")


def test_nlp_companies_name_before_a_corporate_title():
    assert "澜沧云栖景区" in labelled("澜沧云栖景区总经理何青出席。", "COMPANY")


def test_nlp_companies_apposition_after_a_leading_enterprise_word():
    assert "中翼博远" in labelled("依托“链主”企业中翼博远,今年已落地项目12个。", "COMPANY")


def test_nlp_companies_owner_opening_a_project_name():
    ents = entities("推动临川晶越年产5万吨碳纤维项目建设。")
    assert ("临川晶越", "COMPANY") in ents


def test_nlp_companies_name_glued_to_a_function_character():
    assert "浩晟控股集团" in labelled("双方与浩晟控股集团深度合作。", "COMPANY")


def test_nlp_companies_members_listed_before_chengyuan_danwei():
    text = "成立产业联盟,促进北辰美嘉、汾阳华茂、东岳瑞通等成员单位优势互补。"
    assert {"北辰美嘉", "汾阳华茂", "东岳瑞通"} <= labelled(text, "COMPANY")


def test_nlp_companies_project_list_items_that_are_only_names_are_investors():
    text = "新引进恒越能源、岱嵘玻纤、汇川U港等24个重大转型项目。"
    assert {"恒越能源", "岱嵘玻纤", "汇川U港"} <= labelled(text, "COMPANY")


def test_nlp_companies_project_list_items_naming_a_product_are_projects():
    text = "推动广南康泰、宁波百嘉医药检测平台等项目签约。"
    assert "宁波百嘉医药检测平台" in labelled(text, "PROJECT")


def test_nlp_companies_list_item_with_a_verb_inside_up_to_deng():
    text = "参观了艾华电器、汇川集团、青谷联合科技城等企业。"
    assert "青谷联合科技城" in labelled(text, "COMPANY")
