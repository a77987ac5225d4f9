"""The recognizers' search shortcuts find exactly what the plain searches they replace find."""

from __future__ import annotations

import re

import pytest

from kg.nlp import enumerations, locs, orgs, persons
from kg.nlp.companies import company_word_end
from kg.nlp.trie import trie_alternation

_TEXTS = [
    "",
    "甲乙、丙丁",
    "、甲乙、丙丁",
    "甲乙丙丁、戊己、庚辛壬、",
    "甲、乙丙、丁戊己、庚辛",
    "甲乙丙、丁戊己庚、辛壬",
    "a甲乙、丙丁、x",
    "甲乙丙丁戊、己庚辛、壬癸、子丑寅卯出席会议",
    "甲乙丙、丁戊、、己庚、辛壬",
    "\n张明\n李华\n",
    "记者 王小明\n■ 赵四\n",
    "本报讯，青山、绿水等3个园区，\n\n5家企业。没有列表的一句话。两项",
]


def test_trie_alternation_matches_like_the_longest_first_alternation():
    terms = ("市长", "市委书记", "市委", "副市长", "副书记", "书记", "长", "市")
    text = "市委书记周一、副市长吴二、市长郑三和书记王四，市委决定，长市"
    longest_first = "|".join(re.escape(t) for t in sorted(terms, key=lambda v: (-len(v), v)))
    flat = re.compile(rf"(?:{longest_first})([\u4e00-\u9fff]{{2}})")
    nested = re.compile(rf"(?:{trie_alternation(terms)})([\u4e00-\u9fff]{{2}})")
    found = [(m.span(), m.span(1)) for m in nested.finditer(text)]
    assert found == [(m.span(), m.span(1)) for m in flat.finditer(text)]
    assert ((0, 6), (4, 6)) in found  # the longest title first: 市委书记 + 周一


@pytest.mark.parametrize("text", _TEXTS)
def test_list_clauses_are_the_clauses_holding_a_list_sign(text):
    clauses = [m.span() for m in re.finditer(r"[^，,。；;：:！!？?\n]+", text)]
    sign = re.compile(rf"[、等]|{enumerations._COUNT}")
    expected = [(s, e) for s, e in clauses if sign.search(text, s, e)]
    found = [m.span(1) for m in enumerations._LIST_CLAUSE.finditer(text) if m.start(1) >= 0]
    assert found == expected


def test_list_clauses_skip_clauses_without_a_sign():
    text = "青山绿水，一二三，甲、乙两家企业。四五六"
    found = [text[slice(*m.span(1))] for m in enumerations._LIST_CLAUSE.finditer(text) if m.start(1) >= 0]
    assert found == ["甲、乙两家企业"]


@pytest.mark.parametrize("text", _TEXTS)
def test_name_runs_are_the_runs_the_plain_search_finds(text):
    assert [m.span() for m in persons._name_runs(text)] == [m.span() for m in persons._NAME_RUN.finditer(text)]


@pytest.mark.parametrize("text", _TEXTS)
def test_name_lines_are_the_lines_the_plain_search_finds(text):
    expected = [(m.span(), m.span(1)) for m in persons._line_re().finditer(text)]
    assert [(m.span(), m.span(1)) for m in persons._name_lines(text)] == expected


def test_company_word_end_is_the_longest_word_leaving_a_head():
    assert company_word_end("青岚新能源", 2) == "新能源"  # not the shorter 能源
    assert company_word_end("新能源", 1) == "能源"  # the longer word would leave no head
    assert company_word_end("新能源", 2) == ""
    assert company_word_end("青岚茶馆", 1) == ""


def test_every_class_word_holds_a_list_word():
    """A clause is skipped when it holds no list word, so every class word _CLASS can end on must hold one."""
    group = enumerations._CLASS.pattern[enumerations._CLASS.pattern.rindex("(企业") + 1 : -1]
    class_words = re.sub(r"\(\?!.*?\)", "", group).split("|")
    assert "成员单位" in class_words and "产业" in class_words
    for word in class_words:
        assert enumerations._list_word_re().search(word), word


_PLACE_TEXTS = [
    "",
    "青岚镇、乡村振兴，城镇化，石桥乡镇企业，云溪街道、城乡街道和古村镇，镇长",
    "镇乡街道镇村乡里街道镇",
    "临川大学城与职教城、南岭科教城，科教城大学城",
]


@pytest.mark.parametrize("text", _PLACE_TEXTS)
def test_town_suffixes_searched_one_at_a_time_are_the_plain_search_matches(text):
    for parts, plain in ((locs._TOWNSHIP_PARTS, locs._TOWNSHIP), (locs._TOWN_PARTS, locs._TOWN)):
        assert [m.span() for m in locs._merged(parts, text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("text", ["县委组织部", "党工委办公室", "市委政法委书记", "区委，办公室", "委员会办公室"])
def test_party_department_core_is_found_wherever_a_department_is(text):
    assert orgs._PARTY_DEPT_CORE.search(text) or not orgs._PARTY_DEPT.search(text)
    assert bool(orgs._PARTY_DEPT.search(text)) == (text in ("县委组织部", "党工委办公室", "市委政法委书记"))


@pytest.mark.parametrize("text", ["青岚，男，汉族", "青岚:  女、", "男，青岚", "他说：男女平等"])
def test_profile_sign_holds_the_sex_sign(text):
    assert persons._SEX_SIGN.search(text) or not persons._PROFILE_SIGN.search(text)
    assert bool(persons._PROFILE_SIGN.search(text)) == (text in ("青岚，男，汉族", "青岚:  女、"))


def _industry_items() -> list[str]:
    """Invented list items around the lexicon's industry terms: a term alone, after a name, after another term."""
    from kg.nlp.terms import industries

    terms = industries()
    items = ["", "甲", "甲乙丙", "青山公司", "绿水园区"]
    for k, term in enumerate(terms):
        items += [term, "青山" + term, terms[k - 1] + term, term + "甲", term[1:], "丰" + term[-2:]]
    return items


def test_first_industry_ending_is_the_first_lexicon_term_ending_the_item():
    from kg.nlp.terms import industries

    for item in _industry_items():
        text = "，" + item + "，"
        s, e = 1, 1 + len(item)
        expected = next((t for t in industries() if text.endswith(t, s, e) and e - s > len(t)), None)
        assert enumerations._first_industry_ending(text, s, e) == expected, item


def test_industry_search_finds_a_term_where_any_term_is_in_the_text():
    from kg.nlp.terms import industries

    for item in _industry_items():
        assert bool(enumerations._industry_re().search(item)) == any(t in item for t in industries()), item


@pytest.mark.parametrize("text", ["", "甲乙", "甲乙有限公司", "某某科技", "公司", "甲、乙"])
def test_company_end_test_is_endswith_of_the_company_ends(text):
    ends = enumerations._company_ends()
    for s in range(len(text) + 1):
        for e in range(s, len(text) + 1):
            assert enumerations._ends_like_company(text, s, e) == text[s:e].endswith(ends)


def test_memoized_tag_tests_are_the_plain_tests():
    an_tags = ["n", "nr", "nz", "j", "l", "vn", "v", "eng", "x", "m", "u", "p", "d", "q", "ns", "a", "uj"]
    for tag in an_tags:
        assert enumerations._NOUN[tag] == (tag[:1] in "nj" or tag in ("vn", "eng"))
        assert enumerations._NOUN_LIKE[tag] == (tag[:1] in "njl" or tag == "eng")
        assert enumerations._NOT_PARTICLE[tag] == (tag[:1] not in "upcrdxmq")
