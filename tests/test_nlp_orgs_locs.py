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
