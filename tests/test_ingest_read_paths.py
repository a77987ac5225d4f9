"""The read stage's shortcuts for plain text give what the full passes gave.

Each test compares a faster piece with the earlier, straightforward form of
it (written out here) on invented and random inputs."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.decode import binary_kind
from kg.ingest import _ENDS, _LINE_BREAKS, _PLAIN_RUNS, _REWRITTEN, _STRIP_CONTROLS, _joins, _layout_breaks
from kg.ingest import clean_text, read_document, unusual_chars


def reference_layout_breaks(lines: list[str]) -> list[int]:
    """The earlier _layout_breaks: every pair of consecutive non-blank lines weighed by _joins."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    join_after: list[int] = []
    for a, b in zip(nonblank, nonblank[1:]):
        if _joins(lines[a], lines[b]):
            join_after.extend(range(a, b))
    return join_after


def reference_read(text: str) -> tuple[str, list[int], str]:
    """The earlier read steps after decoding: every line break and control pass, then a full clean."""
    text = text.replace("\r\n", "\n")
    for line_break in _LINE_BREAKS:
        text = text.replace(line_break, "\n")
    text = _STRIP_CONTROLS.sub("", text)
    clean, offsets = clean_text(text)
    return clean, offsets, text


_LINE_PIECES = st.sampled_from([
    "青禾公司落户临江园区", "签约仪式在园区举行。", "项目总投资二十亿元，", "  ", "\u3000", "。", "、", "》",
    "# 标题", "本刊讯", "a b", "新能源", "汽车产业链", "！", "——", "(", "”",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_LINE_PIECES, max_size=6).map("".join), max_size=12))
def test_layout_breaks_match_every_pair_weighed(lines: list[str]) -> None:
    assert _layout_breaks(lines) == reference_layout_breaks(lines)


def test_layout_breaks_join_a_line_cut_mid_sentence_across_blank_lines() -> None:
    lines = ["青禾新材料有限公司今天与临江高新技术产业开发区管委会签订投资协议，", "", "  ", "项目总投资二十亿元。", "下一段。"]
    assert _layout_breaks(lines) == [0, 1, 2] == reference_layout_breaks(lines)
    assert all(line[-1] in _ENDS for line in lines[3:])


_ODD = st.sampled_from(list("\r\n\u2028\u2029\x85\x00\x07\x1b\x7f\x90\ufffe\t\u200b\uff21\uff0c\u3000\ufb01\u00e9 a园。"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_ODD, _LINE_PIECES), min_size=1, max_size=40).map("".join))
def test_read_document_matches_the_full_passes(text: str) -> None:
    data = text.encode("utf-8")
    expected_clean, expected_offsets, expected_text = reference_read(text)
    if not data.strip() or not expected_clean.strip() or binary_kind(data):
        return  # refused files are another test's business
    doc = read_document("given.txt", doc_id="d", data=data)  # the bytes are given: no file is read
    assert (doc.clean, doc.offsets, doc.text) == (expected_clean, expected_offsets, expected_text)


def test_read_document_without_odd_characters_skips_nothing_it_needs(tmp_path) -> None:
    text = "青禾公司落户临江园区，\n项目总投资二十亿元。\n\n签约仪式在园区举行。\n"
    doc = read_document(tmp_path / "plain.txt", doc_id="d", data=text.encode())
    assert (doc.clean, doc.offsets, doc.text) == reference_read(text)
    assert doc.warnings == []


def test_read_document_with_crlf_and_controls_still_rewrites_them(tmp_path) -> None:
    text = "青禾公司落户\r\n临江园区。\x07\u2028签约\x85仪式。"
    doc = read_document(tmp_path / "odd.txt", doc_id="d", data=text.encode())
    assert doc.text == "青禾公司落户\n临江园区。\n签约\n仪式。"
    assert (doc.clean, doc.offsets, doc.text) == reference_read(text)
    assert doc.warnings == ["removed 1 control character(s)"]


def test_rewritten_characters_are_exactly_those_the_passes_change_and_never_plain() -> None:
    for code in range(0x10000):
        ch = chr(code)
        changed = ch in _LINE_BREAKS or bool(_STRIP_CONTROLS.match(ch))
        assert (ch in _REWRITTEN) == changed, hex(code)
        if changed:
            assert _PLAIN_RUNS.match(ch) is None and unusual_chars(ch) == {ch}


_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def reference_binary_kind(data: bytes) -> str | None:
    """The earlier control-byte count (a regex findall) in binary_kind's thresholds."""
    sample = data[:65536]
    if not sample:
        return None
    if sample.count(0) > max(2, len(sample) // 1000):
        return "NUL bytes"
    if len(_CONTROL_BYTES.findall(sample)) > max(8, len(sample) // 20):
        return "control bytes"
    return None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=30), st.sampled_from([b"\x01" * 9, b"\x1b\x1c", "园区".encode()])),
                max_size=20).map(b"".join))
def test_binary_kind_counts_control_bytes_like_the_regex(data: bytes) -> None:
    if binary_kind(data) in (None, "NUL bytes", "control bytes"):
        assert binary_kind(data) == reference_binary_kind(data)


def test_binary_kind_sees_control_bytes_but_not_escape_or_tabs() -> None:
    assert binary_kind(b"a" * 100 + b"\x02" * 9) == "control bytes"
    assert binary_kind("园区\t签约\x1b[0m\n".encode() * 20) is None


def test_clean_text_offsets_count_every_kept_character_below_and_beyond_the_shared_numbers() -> None:
    from kg.ingest import _NUMBERS

    for size in (10, len(_NUMBERS) - 3, len(_NUMBERS), len(_NUMBERS) + 5000):
        text = "".join("\u200b" if i % 997 == 5 else "园" for i in range(size))
        clean, offsets = clean_text(text)
        kept = [i for i, ch in enumerate(text) if ch != "\u200b"]
        assert clean == "园" * len(kept)
        assert offsets == [*kept, len(text)]
