"""The settle step: one priority order and longest match, nesting in projects, one label per name."""

from __future__ import annotations

from conftest import make_document
from test_nlp_parks import _nlp, entities

from kg.nlp import extract_mentions
from kg.nlp.analysis import analyse
from kg.nlp.candidate import Candidate
from kg.nlp.settle import PRIORITY, settle


def _analysis(text: str):
    doc = _nlp().tokenizer(text)
    return analyse(text, doc.user_data["words"], doc.user_data["pos"])


def test_nlp_settle_longest_match_wins_over_priority():
    an = _analysis("甲乙丙丁戊己")
    kept = settle(an, [Candidate(0, 2, "PROJECT", "a"), Candidate(0, 4, "LOC", "b")])
    assert [(c.start, c.end, c.label) for c in kept] == [(0, 4, "LOC")]


def test_nlp_settle_priority_breaks_ties_of_equal_length():
    an = _analysis("甲乙丙丁戊己")
    kept = settle(an, [Candidate(0, 3, "LOC", "a"), Candidate(0, 3, "COMPANY", "b")])
    assert [c.label for c in kept] == ["COMPANY"]
    assert PRIORITY.index("COMPANY") < PRIORITY.index("LOC")


def test_nlp_settle_names_nested_in_a_project_are_kept():
    an = _analysis("甲乙丙丁戊己庚辛")
    kept = settle(an, [Candidate(0, 8, "PROJECT", "p"), Candidate(0, 3, "COMPANY", "c"), Candidate(4, 6, "LOC", "l")])
    labels = {(c.start, c.end, c.label) for c in kept}
    assert (0, 8, "PROJECT") in labels and (0, 3, "COMPANY") in labels
    assert (4, 6, "LOC") not in labels  # only companies, parks and organizations nest


def test_nlp_settle_one_label_per_name_in_a_document():
    doc = make_document("引进了恒翔重工、云帆物流等一批企业。恒翔重工表示将扩大投资。")
    labels = {m.label for m in extract_mentions(_nlp(), doc) if m.text == "恒翔重工"}
    assert labels == {"COMPANY"}


def test_nlp_settle_offsets_point_into_the_original_text():
    text = "副市长邓雨桐带队赴临江经开区考察,\n青禾新材料有限公司董事长祁越陪同。"
    doc = make_document(text)
    for m in extract_mentions(_nlp(), doc):
        assert doc.text[m.start : m.end].replace("\n", "") == m.text


def test_nlp_settle_every_label_is_a_guide_label():
    ents = entities("市委书记陈浩然带队赴临江经开区、青禾新材料有限公司考察新材料产业。")
    assert {lab for _, lab in ents} <= set(PRIORITY)


def test_nlp_settle_empty_and_punctuation_only_texts_give_no_mentions():
    for text in ("", "\n\n", "、、、", "（）()、，等企业"):
        assert entities(text) == set()


def _leftmost_longest_by_find(text: str, names) -> list[tuple[int, int]]:
    """The plain version: every occurrence of every name by str.find, then a left-to-right sweep."""
    longest: dict[int, int] = {}
    for name in names:
        i = text.find(name)
        while i >= 0:
            longest[i] = max(longest.get(i, -1), i + len(name))
            i = text.find(name, i + 1)
    spans, pos = [], 0
    for s in sorted(longest):
        if s >= pos:
            pos = longest[s]
            spans.append((s, pos))
    return spans


def test_nlp_settle_name_spans_are_the_leftmost_longest_occurrences():
    import random

    from kg.nlp.settle import _leftmost_longest

    # 串 (U+4E32) and U+14E32 share the low 16 bits that the quick pass reads: the names must still be told apart.
    alphabet = ["甲", "乙", "丙", "丁", "\U00014e32", "\u4e32", "a"]
    rng = random.Random(8)
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        names = {"".join(rng.choice(alphabet) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(0, 6))}
        assert _leftmost_longest(text, names) == _leftmost_longest_by_find(text, names), (text, names)


def test_nlp_settle_name_spans_prefer_the_longest_name_and_skip_overlaps():
    from kg.nlp.settle import _leftmost_longest

    assert _leftmost_longest("甲乙丙甲乙丙丁", ["甲乙", "甲乙丙丁", "乙丙"]) == [(0, 2), (3, 7)]
    assert _leftmost_longest("乙乙乙乙乙", ["乙乙"]) == [(0, 2), (2, 4)]
