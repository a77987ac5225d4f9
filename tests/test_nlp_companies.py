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


# fmt: off
@pytest.mark.parametrize("text,company", [
    ("中国交建所属第三工程局与县政府签约。", "中国交建"),     # 所属 ends the name
    ("中铁建在园区投资建设物流中心。", "中铁建"),             # split by jieba as 中 + 铁建
    ("国网、中石化等企业负责人出席。", "中石化"),
])
# fmt: on
def test_nlp_companies_state_enterprise_short_names(text, company):
    assert company in labelled(text, "COMPANY")


def test_nlp_companies_state_enterprise_name_inside_a_longer_word_is_not_one():
    assert labelled("园区推行集中化管理。", "COMPANY") == set()  # 中化 inside the word 集中化


def test_nlp_companies_enterprise_word_inside_a_legal_name_after_its_trade_name():
    text = "深圳市澜拓企业管理咨询有限公司成立。"
    assert "深圳市澜拓企业管理咨询有限公司" in labelled(text, "COMPANY")
    assert labelled(text, "LOC") == set()


def test_nlp_companies_enterprise_class_word_before_a_name_is_not_part_of_it():
    assert "青禾科技有限公司" in labelled("重点企业青禾科技有限公司投产。", "COMPANY")


# fmt: off
@pytest.mark.parametrize("text,company", [
    ("曾任青岚首饰厂副厂长。", "青岚首饰厂"),              # trade name + product + 厂
    ("曾任通化市纸箱厂供销科长。", "通化市纸箱厂"),        # a place and a product before 厂
])
# fmt: on
def test_nlp_companies_factories(text, company):
    assert company in labelled(text, "COMPANY")


# fmt: off
@pytest.mark.parametrize("text", ["新建工厂一座，电厂运行良好。", "水泥厂区整治完成。", "该厂年产水泥100万吨。"])
# fmt: on
def test_nlp_companies_factory_words_without_a_name(text):
    assert labelled(text, "COMPANY") == set()


def test_nlp_companies_latin_trade_name_before_a_legal_form_and_no_appointment_verb():
    assert "QRX集团" in labelled("他现任QRX集团助理总裁。", "COMPANY")
    assert labelled("SMT智能制造生产基地建成。", "COMPANY") == set()


def test_nlp_companies_group_subsidiary_named_group_place_business():
    text = "拜访了青岚集团上海能源装备有限公司。"
    assert labelled(text, "COMPANY") == {"青岚集团上海能源装备有限公司"}


def test_nlp_companies_trade_name_plus_consumer_goods_word_in_a_project_list():
    ents = entities("先后来到岚森服装、翔信玩具等14个投产项目现场。")
    assert ("岚森服装", "COMPANY") in ents and ("翔信玩具", "COMPANY") in ents


def test_nlp_companies_place_and_line_of_business_before_gongsi():
    assert "鞍山市燃气发展公司" in labelled("他曾任鞍山市燃气发展公司经理。", "COMPANY")


# fmt: off
@pytest.mark.parametrize("text", ["中国上市公司数量增加。", "山西民营公司发展较快。", "全省国有公司改革完成。"])
# fmt: on
def test_nlp_companies_place_and_a_kind_of_company_is_no_name(text):
    assert labelled(text, "COMPANY") == set()


def test_nlp_companies_name_after_a_bracketed_zone_qualifier():
    assert "福岚马集团" in labelled("龙岩高新区(经开区)福岚马集团签订了合作协议。", "COMPANY")


# fmt: off
@pytest.mark.parametrize("text,company", [
    ("青岚城市建设投资有限公司成立。", "青岚城市建设投资有限公司"),  # 建设, 投资: lines of business inside the name
    ("由青岚开发有限公司负责运营。", "青岚开发有限公司"),
    ("苏岚(滁州)开发有限公司总裁出席。", "苏岚(滁州)开发有限公司"),
])
# fmt: on
def test_nlp_companies_lines_of_business_inside_a_legal_name(text, company):
    assert company in labelled(text, "COMPANY")


def test_nlp_companies_a_line_of_business_alone_names_no_company():
    assert labelled("推动建设有限公司转型。", "COMPANY") == set()


def test_nlp_companies_a_ranking_before_a_company_is_not_part_of_it():
    assert labelled("民营企业500强青岚集团签约落户。", "COMPANY") == {"青岚集团"}


def test_nlp_companies_trade_name_plus_elevator_or_cable():
    assert "岚泰电梯" in labelled("岚泰电梯、华岚电缆等企业代表签约。", "COMPANY")
