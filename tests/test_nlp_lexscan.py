"""The automaton lexicon scans find exactly what the regex alternations they replace find with ``finditer``."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.nlp import companies, industries, orgs, parks, persons, projects
from kg.nlp.lexscan import LexiconScan, TermAnchored
from kg.nlp.terms import company_words, org_names, org_suffixes, titles, zone_suffixes
from kg.nlp.terms import industries as industry_terms
from kg.nlp.trie import trie_alternation

#: Each converted scan: the scan the recognizer runs now, and the lexicon of the regex it ran before.
_SCANS = {
    "industries": (industries._lexicon_scan, lambda: tuple(industry_terms())),
    "org_suffixes": (orgs._suffix_scan, lambda: tuple(org_suffixes()) + orgs._SUFFIX_EXTRA),
    "org_names": (orgs._names_scan, lambda: tuple(org_names())),
    "company_words": (companies._word_scan, lambda: tuple(company_words())),
    "zone_suffixes": (parks._suffix_scan, lambda: tuple(zone_suffixes())),
}

#: Invented sentences: terms side by side, inside each other, cut off, next to astral and Latin characters.
_TEXTS = [
    "",
    "某某新能源汽车产业园引进智能制造装备企业",
    "青禾经济技术开发区青禾高新区产业园区工业园",
    "青禾县商务局和青禾县人民政府、县委组织部召开会议",
    "甲乙科技有限公司与丙丁新材料、戊己光伏签约",
    "副市长林某、市委书记周某，市长吴某和副书记郑某出席",
    "𠀀新能源𠀀汽车 abc 生物医药医药健康",
    "市市委委书书记记长长",
]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _texts_from(terms: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Texts made of lexicon terms, their pieces and other characters, so terms overlap and nest."""
    pieces = sorted({t[i:j] for t in terms for i in range(len(t)) for j in range(i + 1, len(t) + 1)})
    parts = st.one_of(st.sampled_from(sorted(terms)), st.sampled_from(pieces), st.text(max_size=3))
    return st.lists(parts, max_size=30).map("".join)


@pytest.mark.parametrize("name", sorted(_SCANS))
@pytest.mark.parametrize("text", _TEXTS)
def test_lexicon_scan_finds_the_alternation_matches_on_invented_text(name, text):
    scan, terms = _SCANS[name]
    plain = re.compile(trie_alternation(terms()))
    assert [(s, e) for _, s, e in scan().spans(text)] == _spans(plain, text)


@pytest.mark.parametrize("name", sorted(_SCANS))
def test_lexicon_scan_finds_the_alternation_matches_on_random_text(name):
    scan, terms = _SCANS[name]
    plain = re.compile(trie_alternation(terms()))

    @settings(max_examples=150, deadline=None)
    @given(text=_texts_from(terms()))
    def check(text):
        assert [(s, e) for _, s, e in scan().spans(text)] == _spans(plain, text)

    check()


def test_lexicon_scan_prefers_the_longest_term_and_counts_characters_not_bytes():
    scan = LexiconScan(["书记", "市委书记", "市委", "委书"])
    text = "𠀀市委书记、市委委书记"
    assert [text[s:e] for _, s, e in scan.spans(text)] == ["市委书记", "市委", "委书"]
    assert [(s, e) for _, s, e in scan.spans(text)] == [(1, 5), (6, 8), (8, 10)]


def _title_matches(found) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    return [(m.span(), m.span(1)) for m in found]


@pytest.mark.parametrize("text", _TEXTS + ["副市长、市长王明，副书记书记李华说", "市委副书记副市长张三"])
def test_titles_then_name_found_where_the_plain_regex_finds_them(text):
    anchored = persons._after_title_re()
    assert _title_matches(anchored.finditer(text)) == _title_matches(anchored.pattern.finditer(text))


@settings(max_examples=200, deadline=None)
@given(text=_texts_from(tuple(titles()) + ("王", "李", "张", "明", "华", "、", "，")))
def test_titles_then_name_found_where_the_plain_regex_finds_them_on_random_text(text):
    anchored = persons._after_title_re()
    assert _title_matches(anchored.finditer(text)) == _title_matches(anchored.pattern.finditer(text))


def test_term_anchored_tries_a_term_that_starts_inside_a_failed_one():
    # At 0, 市长 + 江王 is no name; the plain regex then tries 长江 one character on and finds 长江王明.
    anchored = TermAnchored(re.compile(r"(?:市长|长江)([王李][明华])"), ["市长", "长江"])
    assert _title_matches(anchored.finditer("市长江王明")) == [((1, 5), (3, 5))]
    assert _title_matches(anchored.finditer("市长王明长江李华")) == [((0, 4), (2, 4)), ((4, 8), (6, 8))]


def _own_automaton_spans(terms: list[str], text: str) -> list[tuple[int, int]]:
    """What a lexicon's own leftmost-first automaton finds: the reference for the shared pass."""
    import ahocorasick_rs

    ordered = sorted(set(terms), key=lambda v: (-len(v), v))
    automaton = ahocorasick_rs.AhoCorasick(ordered, matchkind=ahocorasick_rs.MatchKind.LeftmostFirst)
    return [(s, e) for _, s, e in automaton.find_matches_as_indexes(text)]


def test_lexicon_scans_sharing_one_pass_keep_their_own_matches():
    # Two lexicons with a term in common and terms inside each other's; scans asked in turn over two texts.
    first_terms, second_terms = ["市委", "市委书记", "书记"], ["委书", "书记", "记长长"]
    first, second = LexiconScan(first_terms), LexiconScan(second_terms)
    texts = ["市委书记长长，市委委书记", "书记长长市委书"]
    for text in texts + texts[::-1]:
        for scan, terms in ((first, first_terms), (second, second_terms), (first, first_terms)):
            assert [(s, e) for _, s, e in scan.spans(text)] == _own_automaton_spans(terms, text)


def test_lexicon_scan_made_after_a_scan_finds_its_terms_in_the_same_text():
    text = "甲乙丙丁甲乙"
    early = LexiconScan(["甲乙"])
    assert [(s, e) for _, s, e in early.spans(text)] == [(0, 2), (4, 6)]
    late = LexiconScan(["丙丁", "乙丙"])
    assert [(s, e) for _, s, e in late.spans(text)] == [(1, 3)]
    assert [(s, e) for _, s, e in early.spans(text)] == [(0, 2), (4, 6)]


def test_lexicon_scan_gives_each_term_its_index_in_the_longest_first_order():
    scan = LexiconScan(["乙", "甲乙丙", "甲乙"])  # longest first: 甲乙丙, 甲乙, 乙
    assert scan.spans("甲乙丙甲乙乙") == [(0, 0, 3), (1, 3, 5), (2, 5, 6)]


#: Literal searches that became lexicon scans: the scan, the regex it ran before, and the terms.
_SITES = ("产业基地", "生产基地", "制造基地", "研发基地", "基地", "工厂", "分公司")
_CORPORATE = ("副董事长", "副总经理", "副总裁", "董事长", "总经理", "总裁", "执行董事", "首席执行官", "创始人")
_LITERAL_SCANS = {
    "legal_suffixes": (companies._legal_scan, lambda: re.compile(trie_alternation(tuple(companies.legal_suffixes()))),
                       lambda: tuple(companies.legal_suffixes())),
    "company_names": (companies._known_scan, lambda: re.compile(trie_alternation(tuple(companies.company_names()))),
                      lambda: tuple(companies.company_names())),
    "sites": (companies._site_scan, lambda: re.compile(r"(?:产业基地|生产基地|制造基地|研发基地|基地|工厂|分公司)"),
              lambda: _SITES),
    "corporate_titles": (companies._corporate_title_scan,
                         lambda: re.compile(r"副董事长|副总经理|副总裁|董事长|总经理|总裁|执行董事|首席执行官|创始人"),
                         lambda: _CORPORATE),
    "industry_suffixes": (industries._suffix_scan, lambda: re.compile(r"产业链|产业集群|产业|行业"),
                          lambda: ("产业链", "产业集群", "产业", "行业")),
    "project_ends": (projects._end_scan, lambda: re.compile(r"项目|工程"), lambda: ("项目", "工程")),
}
_LITERAL_TEXTS = _TEXTS + [
    "某某产业基地生产基地基地工厂分公司，总公司有限责任公司集团公司",
    "副董事长兼总经理、副总裁总裁执行董事首席执行官创始人",
    "产业链产业集群产业行业产业产业链条，项目工程项目工程师",
]


@pytest.mark.parametrize("name", sorted(_LITERAL_SCANS))
@pytest.mark.parametrize("text", _LITERAL_TEXTS)
def test_literal_scan_finds_what_its_regex_found(name, text):
    scan, pattern, _ = _LITERAL_SCANS[name]
    assert [(s, e) for _, s, e in scan().spans(text)] == _spans(pattern(), text)


@pytest.mark.parametrize("name", sorted(_LITERAL_SCANS))
def test_literal_scan_finds_what_its_regex_found_on_random_text(name):
    scan, pattern, terms = _LITERAL_SCANS[name]

    @settings(max_examples=100, deadline=None)
    @given(text=_texts_from(terms()))
    def check(text):
        assert [(s, e) for _, s, e in scan().spans(text)] == _spans(pattern(), text)

    check()


@pytest.mark.parametrize("text", _TEXTS + ["某某纸箱厂、总厂长和分厂，厂房旁的热电厂", "(张明 李华)\n（王五）\n(不是名字"])
def test_anchored_plants_and_bylines_are_the_plain_regex_matches(text):
    for anchored in (companies._plant_anchored(), persons._byline_re()):
        assert _matches(anchored.finditer(text)) == _matches(anchored.pattern.finditer(text))


@settings(max_examples=150, deadline=None)
@given(text=_texts_from(("总厂", "分厂", "厂", "长", "房", "(", "（", ")", "）", "王明", "李华", "\n", " ", "、")))
def test_anchored_plants_and_bylines_are_the_plain_regex_matches_on_random_text(text):
    for anchored in (companies._plant_anchored(), persons._byline_re()):
        assert _matches(anchored.finditer(text)) == _matches(anchored.pattern.finditer(text))


def _matches(found) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in found]


def test_nlp_lexscan_a_lexicon_registered_after_a_scan_finds_the_same_as_one_registered_before():
    from kg.nlp.lexscan import _SharedScan

    text = "新能源汽车产业园引进新材料企业，新能源产业链延伸。"
    first, second = ["新能源", "新能源汽车", "产业园"], ["新材料", "产业链", "新能源"]
    late = _SharedScan()
    a = late.register(first)
    scanned_first = late.occurrences(text, a)
    b = late.register(second)  # after the text was scanned: its own pass over the same text
    early = _SharedScan()
    a2, b2 = early.register(first), early.register(second)
    assert late.occurrences(text, b) == early.occurrences(text, b2)
    assert scanned_first == late.occurrences(text, a) == early.occurrences(text, a2)
    other = "产业园里的新材料。"  # the next text: one automaton over both lexicons
    assert late.occurrences(other, b) == early.occurrences(other, b2) == [(5, -8, 0)]
