"""holds_position rules on short invented texts, with negative cases."""

from __future__ import annotations

from conftest import make_document

from kg.relations import extract_relations
from kg.relations.base import locate_mentions


def _posts(text: str, names):
    doc = make_document(text)
    rels, _ = extract_relations(doc, locate_mentions(doc, names))
    return [r for r in rels if r.type == "holds_position"]


def test_positions_chain_before_name_gives_each_title_without_leading_place():
    rels = _posts("湖州市委副书记、市长陈一主持会议。", [("陈一", "PERSON"), ("湖州", "LOC")])
    assert [r.tail for r in rels] == ["市委副书记", "市长"]


def test_positions_park_name_is_dropped_from_the_title_and_kept_as_org():
    rels = _posts("东湖经济开发区党工委书记、管委会主任林二出席。", [("林二", "PERSON"), ("东湖经济开发区", "PARK")])
    assert [r.tail for r in rels] == ["党工委书记", "管委会主任"]
    assert ("org", "东湖经济开发区") in rels[0].attrs


def test_positions_organisation_opening_a_post_stays_in_the_title():
    rels = _posts("区科技局局长王三,青柳电子公司副总裁赵四参加。", [("王三", "PERSON"), ("赵四", "PERSON"),
                                                       ("青柳电子公司", "COMPANY")])
    assert {(r.head, r.tail) for r in rels} == {("王三", "区科技局局长"), ("赵四", "青柳电子公司副总裁")}


def test_positions_title_after_the_name():
    rels = _posts("李五书记指出,要抓好落实。", [("李五", "PERSON")])
    assert [(r.head, r.tail, r.rule) for r in rels] == [("李五", "书记", "holds_position.after")]


def test_positions_post_after_appointment_verb():
    rels = _posts("某大学研究员吴六博士挂职于示范区管委会副主任。", [("吴六", "PERSON")])
    assert "示范区管委会副主任" in {r.tail for r in rels}


def test_positions_byline_reporter_is_a_title_editor_is_not():
    rels = _posts("记者 周七 通讯员 郑八\n\n正文内容。\n\n编辑 冯九", [("周七", "PERSON"), ("郑八", "PERSON"), ("冯九", "PERSON")])
    assert {(r.head, r.tail) for r in rels} == {("周七", "记者"), ("郑八", "通讯员")}


def test_positions_title_with_no_name_gives_nothing():
    assert _posts("市长表示,要加快项目建设。", []) == []


def test_positions_function_word_between_two_people_is_not_part_of_a_title():
    rels = _posts("副主任孙一为景山景区总经理钱二颁发聘书。", [("孙一", "PERSON"), ("钱二", "PERSON"), ("景山景区", "COMPANY")])
    assert {(r.head, r.tail) for r in rels} == {("孙一", "副主任"), ("钱二", "景山景区总经理")}


def test_positions_author_note_gives_the_bylined_author_a_post():
    text = "原标题:秦一:奋力推动高质量发展\n\n正文内容。\n\n(作者系中共湖州市委书记)"
    rels = _posts(text, [("秦一", "PERSON"), ("湖州", "LOC")])
    assert [(r.head, r.tail, r.rule) for r in rels] == [("秦一", "市委书记", "holds_position.author")]


def test_positions_author_note_without_a_bylined_name_attaches_to_nobody():
    text = "秦一指出,要抓好落实。\n\n(作者系中共湖州市委书记)"
    rels = _posts(text, [("秦一", "PERSON"), ("湖州", "LOC")])
    assert rels == []


def test_positions_chain_piece_without_organisation_word_still_continues_the_chain():
    rels = _posts("东湖经开区党工委副书记、管委会副主任、南岗区区长沈一出席。", [("沈一", "PERSON"), ("东湖经开区", "PARK")])
    assert [r.tail for r in rels] == ["党工委副书记", "管委会副主任", "南岗区区长"]
