"""ORG and LOC: organization suffixes and lexicon, divisions and regions (sentences written for the tests)."""

from __future__ import annotations

import pytest
from test_nlp_parks import labelled


# fmt: off
@pytest.mark.parametrize("text,org", [
    ("市商务局局长出席。", "市商务局"),                           # level prefix + bureau
    ("东川市发展和改革委员会召开会议。", "东川市发展和改革委员会"), # 和 inside the name
    ("中共东川市委召开全会。", "中共东川市委"),                     # party committee
    ("与江州大学经济学院签署协议。", "江州大学经济学院"),           # university + school
    ("依托宁海电子行业协会开展招商。", "宁海电子行业协会"),         # association
    ("新华社记者采访了企业。", "新华社"),                           # lexicon
    ("经东川日报报道后引起关注。", "东川日报"),                     # media
])
# fmt: on
def test_nlp_orgs_by_suffix_and_lexicon(text, org):
    assert org in labelled(text, "ORG")


# fmt: off
@pytest.mark.parametrize("text", [
    "形成了新的产业格局。",
    "坚持围绕中心、服务大局。",
    "村民委员会和居民委员会依法选举。",
    "举办此次招商会是落实部署的举措。",
])
# fmt: on
def test_nlp_orgs_words_ending_like_organizations_are_not(text):
    assert labelled(text, "ORG") == set()


# fmt: off
@pytest.mark.parametrize("text,places", [
    ("考察团赴南京市、苏州开展招商。", {"南京市", "苏州"}),     # with and without suffix
    ("紧盯长三角、珠三角、京津冀等地区。", {"长三角", "珠三角", "京津冀"}),  # named regions
    ("平遥县和寿阳县加快发展。", {"平遥县", "寿阳县"}),
])
# fmt: on
def test_nlp_locs_divisions_and_regions(text, places):
    assert places <= labelled(text, "LOC")


# fmt: off
@pytest.mark.parametrize("text,word", [
    ("双方加强合作,共同发展。", "合作"),     # a county short name that is a common word
    ("今年新建项目14个。", "新建"),
    ("老城区改造提速。", "城区"),
])
# fmt: on
def test_nlp_locs_common_words_are_not_places(text, word):
    assert word not in labelled(text, "LOC")


# fmt: off
@pytest.mark.parametrize("text,org", [
    ("来源:《前行》杂志", "前行"),                      # a periodical named in book marks
    ("刊发在《东川导报——园区周刊》上。", "东川导报"),
])
# fmt: on
def test_nlp_orgs_periodicals_in_book_marks(text, org):
    assert org in labelled(text, "ORG")


def test_nlp_locs_place_qualifying_a_notion_is_not_a_location():
    assert "中国" not in labelled("坚持中国特色社会主义道路,走好中国式现代化。", "LOC")


# fmt: off
@pytest.mark.parametrize("text", [
    "争创“江西省清廉机关建设示范单位”。",          # a quoted title opened by a place
    "在江西省光伏产业链招商签约大会上签约。",        # an event name opened by a place
])
# fmt: on
def test_nlp_locs_place_opening_a_title_or_event_is_part_of_it(text):
    assert "江西省" not in labelled(text, "LOC")


def test_nlp_locs_towns_and_subdistricts():
    assert {"盘陀镇", "朝阳街道"} <= labelled("项目位于盘陀镇,走访了朝阳街道金山社区。", "LOC")


def test_nlp_locs_township_words_that_name_no_place():
    assert labelled("发展乡镇企业,全镇各村加快建设。", "LOC") == set()


def test_nlp_locs_county_short_name_glued_to_a_trade_name_is_not_a_place():
    assert "崇明" not in labelled("崇明欣岚达动力电池项目落户开发区。", "LOC")
    assert "崇明" in labelled("来自崇明的企业代表参加活动。", "LOC")


def test_nlp_locs_county_short_name_inside_a_person_name_is_not_a_place():
    assert "崇明" not in labelled("岳崇明，男，汉族。", "LOC")


def test_nlp_locs_county_short_name_before_gongsi_is_a_trade_name():
    assert "东源" not in labelled("商务局、东源公司负责人参加考察。", "LOC")


# fmt: off
@pytest.mark.parametrize("text,org", [
    ("这是青湾区政府推动商务区建设的重点。", "青湾区政府"),       # a district's full name before 政府
    ("市住建委相关负责人表示，", "市住建委"),                     # a department's short form after a level
    ("省发改委、市金融办联合发文。", "省发改委"),
    ("国家能源局批复了该规划。", "国家能源局"),                   # 国家 + a field + 局
    ("国资委、证监会联合发文。", "国资委"),                       # national bodies by short name
])
# fmt: on
def test_nlp_orgs_districts_department_short_forms_and_national_bodies(text, org):
    assert org in labelled(text, "ORG")


def test_nlp_orgs_deployment_is_no_bureau():
    assert labelled("贯彻落实决策部署，推动工作总局面向好。", "ORG") == set()


def test_nlp_orgs_district_people_government_when_jieba_splits_the_district():
    assert "利州区人民政府" in labelled("总投资3亿元的利州区人民政府与企业签订协议。", "ORG")


# fmt: off
@pytest.mark.parametrize("text,org", [
    ("黄石市委组织部副部长出席。", "黄石市委组织部"),   # a party committee's working department
    ("县委统战部部长率队考察。", "县委统战部"),
    ("任黄石市纪委副书记。", "黄石市纪委"),             # discipline inspection committee
])
# fmt: on
def test_nlp_orgs_party_departments_and_discipline_committees(text, org):
    assert org in labelled(text, "ORG")
