"""The one-regex sentence splitter gives exactly the spans of the earlier split-then-trim loop.

The reference below is the earlier implementation (split on 。！？ or a line break, strip each
piece, cut runs over MAX_SENTENCE): the faster one must agree with it on any text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import MAX_SENTENCE, sentence_spans

_SPLIT = re.compile(r"[^。!?！？\n]*(?:[。!?！？]+[”’」』)]?|\n|$)")
_SOFT_BREAK = re.compile(r"[,，;；、:：\s]")


def reference_sentence_spans(clean: str) -> Iterator[tuple[int, int]]:
    """The earlier sentence_spans: every piece of _SPLIT, stripped, blanks dropped, long runs cut."""
    for m in _SPLIT.finditer(clean):
        start, end = m.span()
        if start == end:
            continue
        piece = m.group()
        if piece.isspace():
            continue
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        while end - start > MAX_SENTENCE:
            cut = start + MAX_SENTENCE
            for soft in _SOFT_BREAK.finditer(clean, start + MAX_SENTENCE // 2, cut):
                cut = soft.end()
            piece_end = cut
            while piece_end > start and clean[piece_end - 1].isspace():
                piece_end -= 1
            if piece_end > start:
                yield start, piece_end
            start = cut
            while start < end and clean[start].isspace():
                start += 1
        if end > start:
            yield start, end


#: Characters that matter to the splitter (ends, closers, blanks of several kinds, soft breaks) and plain text.
_ALPHABET = st.sampled_from(list("。!?！？”’」』)\n \t\u3000\u2003\x0c,，;；、:：园区签约aZ1"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_sentence_spans_match_the_earlier_splitter_on_random_text(text: str) -> None:
    assert list(sentence_spans(text)) == list(reference_sentence_spans(text))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["园区签约", "，", " ", "\n", "。", "！”", "a b"]), max_size=900))
def test_sentence_spans_match_the_earlier_splitter_on_long_runs(parts: list[str]) -> None:
    text = "".join(parts)
    assert list(sentence_spans(text)) == list(reference_sentence_spans(text))


def test_sentence_spans_trim_blanks_and_keep_inner_spaces() -> None:
    text = "  青禾公司落户 。\n\n  临江园区签约  \n？！”尾句"
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans == ["青禾公司落户 。", "临江园区签约", "？！”", "尾句"]
    assert list(sentence_spans(text)) == list(reference_sentence_spans(text))


def test_sentence_spans_cut_a_run_without_ends_like_before() -> None:
    text = ("临江园区签约项目，" * 300) + "\n" + ("青禾 " * 700)
    spans = list(sentence_spans(text))
    assert all(b - a <= MAX_SENTENCE for a, b in spans)
    assert spans == list(reference_sentence_spans(text))
