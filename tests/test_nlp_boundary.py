"""left_head: the walk over per-tag word tables finds the heads the plain walk over _token_ok finds."""

from __future__ import annotations

import itertools

import pytest

from kg.nlp import boundary
from kg.nlp.analysis import Analysis, analyse
from kg.nlp.segment import load_domain_words, segment
from kg.nlp.vocabulary import frequency

_TEXTS = [
    "位于青山经济技术开发区的绿水科技有限公司",
    "市发展和改革委员会与省住房和城乡建设厅",
    "“青山”(运城)绿水产业园，年产56GW光伏组件项目",
    "与浩晟签约，和丰源123集团，以瑞丰源公司",
    "重点推进(省级)青山工业园区、（绿水）示范区建设",
    "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥有限公司",
    "“一二三四五六七八九十”二〇二三年度项目",
]


def _analysis(text: str) -> Analysis:
    load_domain_words()
    words, tags = segment(text)
    return analyse(text, words, tags)


def _plain_left_head(
    an: Analysis, pos: int, max_chars: int = 12, *, numbers: bool = False, conj: bool = False,
    brackets: bool = True, loose: bool = False,
) -> int:
    """The walk as it was before the word tables: every token through _token_ok and each branch in turn."""
    if pos <= 0:
        return pos
    text, words, tags, starts, ends = an.text, an.words, an.tags, an.starts, an.ends
    start = pos
    i = an.char_tok[pos - 1]
    if ends[i] > pos:  # the suffix starts inside a token: the token's left part is head
        piece = text[starts[i] : pos]
        if not piece.strip() or not piece[-1].isalnum():
            return pos
        start = starts[i]
        i -= 1
    while i >= 0:
        word = words[i]
        if word == "”":
            j = i - 1
            while j >= 0 and i - j <= 6 and words[j] not in ("“", "”"):
                j -= 1
            if j >= 0 and words[j] == "“" and 0 < starts[i] - ends[j] <= 8 and pos - starts[j] <= max_chars:
                start = starts[j]
                i = j - 1
                continue
            break
        if brackets and word in (")", "）"):
            j = i - 1
            while j >= 0 and i - j <= 6 and words[j] not in ("(", "（", ")", "）"):
                j -= 1
            if j >= 0 and words[j] in ("(", "（") and 0 < starts[i] - ends[j] <= 8 and j > 0:
                if boundary._token_ok(words[j - 1], tags[j - 1], numbers, conj) and pos - starts[j - 1] <= max_chars:
                    start = starts[j]
                    i = j - 1
                    continue
            break
        if loose and word in ("和", "与") and boundary._conj_joins_words(an, i):
            pass
        elif not boundary._token_ok(word, tags[i], numbers, conj, loose):
            break
        elif conj and word in boundary._CONJ and not boundary._conj_joins_words(an, i):
            break
        if pos - starts[i] > max_chars:
            break
        if len(word) > 1 and word[0] in boundary._GLUED and frequency(word) == 0:
            start = starts[i] + 1  # 与浩晟: the name starts after the glued function character
            break
        start = starts[i]
        i -= 1
    # A head never starts with a bracket, a conjunction or a number.
    while start < pos and (text[start] in "(（”" or text[start] in "和与" or text[start].isdigit()):
        start = an.ends[an.char_tok[start]]
    # jieba glues a function character onto an unknown name (与浩晟): it is not part of the name.
    glued = start < pos and text[start] in boundary._GLUED and an.is_token_start(start)
    if glued and frequency(an.words[an.char_tok[start]]) == 0:
        start += 1
    return min(start, pos)



@pytest.mark.parametrize("text", _TEXTS)
def test_nlp_left_head_matches_the_plain_walk(text):
    an = _analysis(text)
    for pos, max_chars, numbers, conj, brackets, loose in itertools.product(
        range(len(text) + 1), (4, 12, 40), (False, True), (False, True), (False, True), (False, True)
    ):
        kw = dict(numbers=numbers, conj=conj, brackets=brackets, loose=loose)
        expected = _plain_left_head(an, pos, max_chars, **kw)
        assert boundary.left_head(an, pos, max_chars, **kw) == expected, (pos, max_chars, kw)


def test_nlp_word_tables_hold_what_token_ok_and_the_glue_test_say():
    pairs = [("青山", "ns"), ("位于", "v"), ("与浩晟", "nz"), ("和", "c"), ("56", "m"), ("，", "x"), ("制造", "v")]
    for word, tag in pairs:
        for flags in itertools.product((False, True), repeat=3):
            kind = boundary._TABLES[flags][tag][word]
            if not boundary._token_ok(word, tag, *flags):
                assert kind == boundary._STOP
            elif len(word) > 1 and word[0] in boundary._GLUED and frequency(word) == 0:
                assert kind == boundary._GLUED_PART
            else:
                assert kind == boundary._PART


def test_nlp_word_tables_start_over_when_full(monkeypatch):
    monkeypatch.setattr(boundary, "_TABLE_WORDS", 3)
    table = boundary._WordTable("n", (False, False, False))
    for word in ("甲乙", "丙丁", "戊己", "庚辛"):
        table[word]
    assert len(table) <= 3 and "庚辛" in table
