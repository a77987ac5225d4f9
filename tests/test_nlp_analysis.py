"""The shared segmentation facts: offsets, the token of every character, ungluing, Doc token alignment."""

from __future__ import annotations

import pytest
from test_nlp_parks import _nlp

from kg.nlp.analysis import analyse, char_table


def test_nlp_analysis_offsets_and_token_of_every_character():
    an = analyse("甲乙丙丁戊", ["甲乙", "丙", "丁戊"], ["n", "v", "n"])
    assert list(an.starts) == [0, 2, 3]
    assert list(an.ends) == [2, 3, 5]
    assert list(an.char_tok) == [0, 0, 1, 2, 2]
    assert an.is_token_start(2) and not an.is_token_start(1)


def test_nlp_analysis_tokens_shaped_selects_by_length_first_and_last_character():
    words = ["甲乙", "丙", "甲丁", "甲乙丙丁", "戊乙", "甲", "甲乙戊"]
    an = analyse("".join(words), words, ["n"] * len(words))
    first, last = char_table("甲"), char_table("乙丁")
    assert an.tokens_shaped(first, 2, 3) == [0, 2, 6]
    assert an.tokens_shaped(first, 2, 4, last) == [0, 2, 3]
    assert an.tokens_shaped(first, 1, 4, last) == [0, 2, 3]
    assert an.tokens_shaped(char_table("丙"), 1, 1) == [1]


def test_nlp_analysis_rejects_a_segmentation_that_misses_characters():
    with pytest.raises(ValueError, match="covers 4 characters of 5"):
        analyse("甲乙丙丁戊", ["甲乙", "丙丁"], ["n", "n"])


def test_nlp_analysis_unglues_function_character_verb_and_list_word():
    # Invented unknown names: 与 + 蔺夔琰, 现任 + 夔琰, 蔺夔 + 等.
    words = ["会见", "与蔺夔琰", "，", "现任夔琰", "，", "蔺夔等"]
    text = "".join(words)
    an = analyse(text, words, ["v", "nz", "x", "nz", "x", "nr"])
    assert an.words == ["会见", "与", "蔺夔琰", "，", "现任", "夔琰", "，", "蔺夔", "等"]
    assert an.tags == ["v", "p", "nz", "x", "v", "nz", "x", "nr", "u"]
    assert list(an.inserted) == [2, 5, 8]
    # The segmenter's own token of each character, as the spaCy Doc has them.
    assert [an.segment_at(i) for i in range(len(text))] == [0, 0, 1, 1, 1, 1, 2, 3, 3, 3, 3, 4, 5, 5, 5]


def test_nlp_analysis_keeps_common_words_whole():
    an = analyse("和平发展", ["和平", "发展"], ["n", "v"])
    assert an.words == ["和平", "发展"] and list(an.inserted) == []


def test_nlp_analysis_entity_spans_align_with_the_doc_tokens():
    # 与 glued to an invented name makes the analysis split a Doc token: later spans must still map to Doc tokens.
    text = "客商与瑭岚科技有限公司代表和邝曦等人考察了澄溪经济技术开发区和澄溪县。"
    doc = _nlp()(text)
    kept = doc.user_data["kg_candidates"]
    spans = list(doc.spans["kg_entities"])
    assert analyse(text, doc.user_data["words"], doc.user_data["pos"]).inserted, "no Doc token was split"
    assert len(spans) == len(kept) >= 2
    for span, c in zip(spans, kept):
        expected = doc.char_span(c.start, c.end, label=c.label, alignment_mode="expand")
        assert (span.start, span.end, span.label_) == (expected.start, expected.end, expected.label_)
