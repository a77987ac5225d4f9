"""PERSON: names beside titles, title chains, lists, bylines and later mentions (invented names)."""

from __future__ import annotations

import pytest
from conftest import make_document
from test_nlp_parks import _nlp, labelled

from kg.nlp import extract_mentions


# fmt: off
@pytest.mark.parametrize("text,person", [
    ("市委书记陈浩然指出,要加快发展。", "陈浩然"),                     # title before the name
    ("韩冬书记强调,要抓好招商引资。", "韩冬"),                          # title after the name
    ("市委副书记、市长周立新在会上作报告。", "周立新"),                  # chain of titles
    ("管委会主任龚屹峤带队赴深圳考察。", "龚屹峤"),                      # given name in no lexicon
    ("集团董事长祁越介绍了企业情况。", "祁越"),
    ("当年,蒋伯言先生曾对人说起此事。", "蒋伯言"),                       # honorific after the name
])
# fmt: on
def test_nlp_persons_next_to_titles(text, person):
    assert person in labelled(text, "PERSON")


def test_nlp_persons_every_member_of_a_delegation_list():
    text = "副市长邓雨桐带队,副秘书长柏青,市商务局局长彭立,市工信局局长邹凯等组成招商小分队。"
    assert {"邓雨桐", "柏青", "彭立", "邹凯"} <= labelled(text, "PERSON")


# fmt: off
@pytest.mark.parametrize("text,people", [
    ("今年新签约项目8个,总投资12亿元。(吕晓舟)\n", {"吕晓舟"}),              # byline in brackets
    ("全年目标任务顺利完成。\n(谢明 孔雪)\n", {"谢明", "孔雪"}),               # two names in one byline
    ("记者 钱小川 通讯员 孙梦\n园区建设跑出加速度。", {"钱小川", "孙梦"}),     # 记者 / 通讯员 credits
    ("向光而行\n滕一鸣\n园区建设跑出加速度。", {"滕一鸣"}),                    # author on a line of its own
])
# fmt: on
def test_nlp_persons_bylines(text, people):
    assert people <= labelled(text, "PERSON")


def test_nlp_persons_later_mentions_of_a_found_name():
    doc = make_document("市长周立新主持会议。会后,周立新来到项目现场。")
    found = [m for m in extract_mentions(_nlp(), doc) if m.label == "PERSON" and m.text == "周立新"]
    assert len(found) == 2


# fmt: off
@pytest.mark.parametrize("text", [
    "市长表示,要加快项目建设。",          # a title alone
    "考察团一行参观了企业展厅。",          # a group
    "副市长、秘书长出席会议。",            # titles in a chain with no name
    "项目落户在山西。(试行)\n",             # brackets at a line end that hold no name
])
# fmt: on
def test_nlp_persons_not_found_without_a_name(text):
    assert labelled(text, "PERSON") == set()


def test_nlp_persons_list_of_names_before_a_cue():
    text = "区领导向科明、杨林辉、沈晓星、彭典、徐扩军出席仪式。"
    assert {"杨林辉", "沈晓星", "彭典", "徐扩军"} <= labelled(text, "PERSON")


def test_nlp_persons_list_of_two_character_names_after_a_noun():
    assert {"彭典", "柏青"} <= labelled("区领导彭典、柏青出席仪式。", "PERSON")


def test_nlp_persons_two_character_name_before_a_verb_that_starts_with_its_third():
    found = labelled("管委会副主任李洋陪同考察。", "PERSON")
    assert "李洋" in found and "李洋陪" not in found


def test_nlp_persons_office_signing_a_byline_is_no_person():
    assert labelled("加强调研。(钱盟办)\n", "PERSON") == set()


def test_nlp_persons_names_in_brackets_after_a_dateline():
    text = "东川日报讯(柳青禾 邵可远 记者 钱小川)11月20日,园区举行签约仪式。"
    assert {"柳青禾", "邵可远", "钱小川"} <= labelled(text, "PERSON")


def test_nlp_persons_photo_credit():
    assert "邵可远" in labelled("开工仪式现场。邵可远摄\n", "PERSON")
