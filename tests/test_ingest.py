from __future__ import annotations

import pytest

from kg.errors import IngestError
from kg.ingest import clean_text, decode_bytes, discover, read_document, sentence_spans


def test_ingest_reads_gb18030(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes("晋中市位于山西省。".encode("gb18030"))
    assert read_document(p).text == "晋中市位于山西省。"


def test_ingest_reads_utf8_with_bom(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes("\ufeff开发区".encode())
    assert read_document(p).text == "开发区"


def test_ingest_empty_file_is_an_error_naming_it(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(IngestError, match="empty.txt: file is empty"):
        read_document(p)


def test_ingest_clean_maps_offsets_back_to_original():
    text = "企业（ＡＢＣ）入驻园区。"
    clean, offsets = clean_text(text)
    assert clean == "企业(ABC)入驻园区。"
    i = clean.index("ABC")
    assert text[offsets[i] : offsets[i + 2] + 1] == "ＡＢＣ"


def test_ingest_joins_line_broken_after_enumeration_comma():
    text = "促进甲公司、乙公司、\n\n丙公司等单位协同发展。\n"
    clean, offsets = clean_text(text)
    assert "乙公司、丙公司" in clean
    j = clean.index("丙")
    assert text[offsets[j]] == "丙"


def test_ingest_keeps_heading_lines_apart():
    text = "## 某某经济开发区\n\n本刊讯 近日，园区召开会议。\n"
    clean, _ = clean_text(text)
    assert "开发区\n" in clean


def test_ingest_splits_sentences_on_chinese_punctuation():
    clean = "第一句。第二句！第三句？\n标题\n"
    spans = [clean[a:b] for a, b in sentence_spans(clean)]
    assert spans == ["第一句。", "第二句！", "第三句？", "标题"]


def test_ingest_discover_is_sorted_and_recursive(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"x")
    assert [p.name for p in discover([tmp_path])] == ["a.md", "z.txt"]


def test_ingest_undecodable_bytes_error():
    with pytest.raises(IngestError, match="bad.txt: cannot decode"):
        decode_bytes(b"\x81\x30\xff\xff\xfe\x01" * 3, "bad.txt")
