"""leads_delegation and the Delegation record, on short invented texts."""

from __future__ import annotations

from conftest import make_document

from kg.relations import extract_relations
from kg.relations.base import locate_mentions

REPORT = (
    "某市副市长孙一带队赴深港市开展招商考察活动\n\n"
    "本刊讯 近日,某市副市长孙一带队,市投促局局长钱二等组成招商小分队,赴深港市开展招商考察活动。\n\n"
    "考察团来到青松智能研究院有限公司考察交流。公司董事长周三陪同考察。\n\n"
    "孙一表示,希望双方加强合作。\n\n"
    "考察团还赴白杨重工股份有限公司深港总部考察交流。(吴四)\n"
)
NAMES = [("孙一", "PERSON"), ("钱二", "PERSON"), ("周三", "PERSON"), ("深港市", "LOC"), ("深港", "LOC"),
         ("市投促局", "ORG"), ("青松智能研究院有限公司", "COMPANY"), ("白杨重工股份有限公司", "COMPANY")]


def _run(text: str, names):
    doc = make_document(text)
    return extract_relations(doc, locate_mentions(doc, names))


def test_delegation_leader_to_destination_and_later_hosts():
    rels, _ = _run(REPORT, NAMES)
    tails = {r.tail for r in rels if r.type == "leads_delegation" and r.head == "孙一"}
    assert tails == {"深港市", "青松智能研究院有限公司", "白杨重工股份有限公司"}


def test_delegation_place_inside_a_hosts_phrase_is_not_a_tail():
    rels, _ = _run(REPORT, NAMES)
    assert ("孙一", "深港") not in {(r.head, r.tail) for r in rels if r.type == "leads_delegation"}


def test_delegation_record_is_filled():
    _, dels = _run(REPORT, NAMES)
    assert len(dels) == 1
    d = dels[0]
    assert d.leader == "孙一"
    assert d.destinations == ["深港市"]
    assert d.hosts == ["青松智能研究院有限公司", "白杨重工股份有限公司"]
    assert ("钱二", "市投促局局长") in d.members
    assert d.purpose == "招商考察" and d.date == "近日"
    assert d.evidence is not None and "带队" in d.evidence.sentence


def test_delegation_shuai_dui_to_a_park_with_place_qualifier():
    text = "本刊讯 近日,东湖经开区党工委书记郑五率队赴京南中关村某某园开展对口合作工作。"
    names = [("郑五", "PERSON"), ("东湖经开区", "PARK"), ("京南", "LOC"), ("中关村某某园", "PARK")]
    rels, _ = _run(text, names)
    assert {r.tail for r in rels if r.type == "leads_delegation"} == {"中关村某某园"}


def test_delegation_needs_a_leading_verb():
    text = "市长王六赴深港市出席论坛。"
    rels, dels = _run(text, [("王六", "PERSON"), ("深港市", "LOC")])
    assert not [r for r in rels if r.type == "leads_delegation"] and dels == []


def test_delegation_group_visits_list_runs_across_commas_and_drops_place_of_a_host():
    text = ("5月8日,市长冯一带领市投促局负责人前往江南市对接资源。"
            "冯一一行先后考察了甲子电气、乙丑材料,丙寅装备公司,江南的丁卯集团。")
    names = [("冯一", "PERSON"), ("市投促局", "ORG"), ("江南市", "LOC"), ("江南", "LOC"), ("甲子电气", "COMPANY"),
             ("乙丑材料", "COMPANY"), ("丙寅装备公司", "COMPANY"), ("丁卯集团", "COMPANY")]
    rels, dels = _run(text, names)
    assert {r.tail for r in rels if r.type == "leads_delegation"} == {"江南市", "甲子电气", "乙丑材料", "丙寅装备公司",
                                                                       "丁卯集团"}
    assert dels[0].date == "5月8日"


def test_delegation_people_who_receive_the_group_are_not_members():
    text = "副市长卫一率队考察青山产业园,青山集团总经理蒋二,园区管委会主任沈三等陪同。"
    names = [("卫一", "PERSON"), ("蒋二", "PERSON"), ("沈三", "PERSON"), ("青山产业园", "PARK"), ("青山集团", "COMPANY")]
    rels, dels = _run(text, names)
    assert {r.tail for r in rels if r.type == "leads_delegation"} == {"青山产业园"}
    assert dels[0].members == []


def test_delegation_unrecognised_host_phrase_is_the_tail_not_the_place_inside_it():
    text = "近日,管委会主任韩一率队赴京南中关村某某园开展对口合作工作。"
    rels, dels = _run(text, [("韩一", "PERSON"), ("京南", "LOC")])
    assert {r.tail for r in rels if r.type == "leads_delegation"} == {"京南中关村某某园"}
    assert dels[0].hosts == ["京南中关村某某园"] and dels[0].destinations == []


def test_delegation_led_as_a_group_yixing():
    text = "期间,楚一一行还实地考察了甲戌电源公司。"
    rels, dels = _run(text, [("楚一", "PERSON"), ("甲戌电源公司", "COMPANY")])
    assert [(r.head, r.tail, r.rule) for r in rels if r.type == "leads_delegation"] == [
        ("楚一", "甲戌电源公司", "leads_delegation.group")]
