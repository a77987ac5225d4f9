"""INDUSTRY: lexicon terms, X产业/X产业链/X行业 grammar and enumerations (sentences written for the tests)."""

from __future__ import annotations

import pytest
from test_nlp_parks import labelled


# fmt: off
@pytest.mark.parametrize("text,industry", [
    ("大力发展生物医药产业。", "生物医药"),               # lexicon
    ("做强碳纤维产业,打造千亿集群。", "碳纤维"),            # X产业, head in no lexicon
    ("延伸钛合金产业链条,补齐短板。", "钛合金"),            # X产业链
    ("保持石墨烯行业领先地位。", "石墨烯"),                 # X行业
    ("培育特种纸产业集群。", "特种纸"),                     # X产业集群
])
# fmt: on
def test_nlp_industries_by_lexicon_and_suffix(text, industry):
    assert industry in labelled(text, "INDUSTRY")


def test_nlp_industries_every_item_of_an_industry_list():
    text = "全区已形成碳纤维、海工装备、氢能源3个主导产业。"
    assert {"碳纤维", "海工装备", "氢能源"} <= labelled(text, "INDUSTRY")


def test_nlp_industries_two_items_joined_by_he():
    assert {"碳纤维", "特种纸"} <= labelled("培育碳纤维和特种纸2个潜力产业。", "INDUSTRY")


# fmt: off
@pytest.mark.parametrize("text", [
    "坚持以主导产业为支撑。",        # qualifier + 产业
    "推动当地产业发展。",            # place word + 产业
    "构建现代产业体系。",            # 产业体系
    "建设医疗器械产业园。",          # a park, not an industry mention of 产业
])
# fmt: on
def test_nlp_industries_qualifiers_are_not_industries(text):
    found = labelled(text, "INDUSTRY")
    assert not found & {"主导", "当地", "现代", "产业", "医疗器械产业园"}


# fmt: off
@pytest.mark.parametrize("text,industry", [
    ("做大“文旅+”产业。", "文旅+"),              # the policy form X+
    ("做好“文旅+康养”产业。", "文旅+康养"),
    ("壮大文旅业,提升消费。", "文旅业"),          # X业
])
# fmt: on
def test_nlp_industries_plus_and_ye_forms(text, industry):
    assert industry in labelled(text, "INDUSTRY")


def test_nlp_industries_term_describing_a_product_is_not_an_industry_mention():
    assert "光伏" not in labelled("建设年产5GW光伏组件生产线。", "INDUSTRY")
