"""PARK: the naming grammar of zones, on sentences written for these tests (invented names)."""

from __future__ import annotations

from functools import lru_cache

import pytest
from conftest import make_document

from kg.nlp import extract_mentions, make_nlp


@lru_cache(maxsize=1)
def _nlp():
    return make_nlp()


def entities(text: str) -> set[tuple[str, str]]:
    return {(m.text, m.label) for m in extract_mentions(_nlp(), make_document(text))}


def labelled(text: str, label: str) -> set[str]:
    return {t for t, lab in entities(text) if lab == label}


# fmt: off
@pytest.mark.parametrize("text,park", [
    ("项目位于青川经济技术开发区的东部。", "青川经济技术开发区"),          # left boundary at the verb 位于
    ("该企业去年落户临江经开区。", "临江经开区"),                        # abbreviation
    ("丰宁(省级)经济开发区今年新签约项目8个。", "丰宁(省级)经济开发区"),  # bracketed qualifier inside
    ("上湾经济技术开发区召开工作会议。", "上湾经济技术开发区"),          # head in no lexicon, formal suffix
    ("加快建设新材料产业园,完善配套设施。", "新材料产业园"),            # industry head of an industry park
    ("安平“零碳”产业园启动建设。", "安平“零碳”产业园"),                 # quoted word inside the name
    ("综保区东港开发区举行签约仪式。", "综保区东港开发区"),             # zone abbreviation before a park name
])
# fmt: on
def test_nlp_parks_named_by_head_and_suffix(text, park):
    assert park in labelled(text, "PARK")


def test_nlp_parks_enumerated_subparks_before_count_and_class_word():
    found = labelled("赋予东林、西岭、南湖3个园区更多管理事权。", "PARK")
    assert {"东林", "西岭", "南湖"} <= found


# fmt: off
@pytest.mark.parametrize("text", [
    "开发区始终坚持党管人才,鼓励干部到开发区干事创业。",   # bare 开发区
    "全区各园区要抓好安全生产,该园区已完成整改。",          # 全区, 各园区, 该园区
    "用好南岭大学城的科教资源。",                           # 大学城 is no park
    "高新区要加快发展。",                                   # bare abbreviation
    "产业园区是承接项目落地的主阵地。",                     # bare 产业园区
])
# fmt: on
def test_nlp_parks_not_found_in_guide_negatives(text):
    assert labelled(text, "PARK") == set()


def test_nlp_parks_university_town_is_a_place():
    assert "南岭大学城" in labelled("用好南岭大学城的科教资源。", "LOC")


def test_nlp_parks_committee_of_a_park_stays_park():
    ents = entities("临江经济开发区党工委书记王卫东出席。")
    assert ("临江经济开发区", "PARK") in ents
    assert not any(lab == "ORG" and "临江经济开发区" in t for t, lab in ents)


def test_nlp_parks_park_listed_among_enterprises_stays_a_park():
    ents = entities("先后到华曜生物、正丰航空、氢能产业园等重点企业考察。")
    assert ("氢能产业园", "PARK") in ents and ("华曜生物", "COMPANY") in ents


def test_nlp_parks_head_never_runs_across_an_organization():
    assert labelled("市政协高新区工作室主任出席。", "PARK") == set()
