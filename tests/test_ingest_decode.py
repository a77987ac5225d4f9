"""Encodings are detected and read; binary and undecodable bytes are refused with one line naming the file."""

from __future__ import annotations

import pytest

from kg.decode import decode, plausibility
from kg.errors import IngestError

# fmt: off
SIMPLIFIED = [
    "临江高新技术产业开发区管委会与青禾新材料有限公司签约，项目总投资约二十亿元。",
    "澄湖经济开发区重点发展集成电路和生物医药产业，去年新引进企业三十二家。",
    "副市长周启衡率队赴苏州开展招商活动，考察了三家智能装备企业。",
]
TRADITIONAL = [
    "臨江高新技術產業開發區管委會與青禾新材料有限公司簽約，項目總投資約二十億元。",
    "澄湖經濟開發區重點發展積體電路和生物醫藥產業，去年新引進企業三十二家。",
    "副市長周啟衡率隊赴蘇州開展招商活動，考察了三家智慧裝備企業。",
]
# fmt: on


@pytest.mark.parametrize("text", SIMPLIFIED)
def test_ingest_decode_reads_gbk_as_gb18030(text):
    decoded = decode(text.encode("gbk"), "a.txt")
    assert (decoded.text, decoded.encoding, decoded.warnings) == (text, "gb18030", [])


@pytest.mark.parametrize("text", TRADITIONAL)
def test_ingest_decode_reads_big5_not_as_gbk_mojibake(text):
    decoded = decode(text.encode("big5"), "a.txt")
    assert decoded.text == text
    assert decoded.encoding == "cp950"


@pytest.mark.parametrize("text", TRADITIONAL)
def test_ingest_decode_reads_traditional_written_in_gb18030(text):
    assert decode(text.encode("gb18030"), "a.txt").text == text


@pytest.mark.parametrize("text", SIMPLIFIED + TRADITIONAL)
def test_ingest_decode_wrong_decodings_score_as_implausible(text):
    for encoding, wrong in (("gbk", "big5hkscs"), ("big5", "gb18030")):
        try:
            data = text.encode(encoding)
            mojibake = data.decode(wrong)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue  # the wrong decoder refuses outright: nothing to score
        assert plausibility(mojibake) < 0.6
    assert plausibility(text) == 1.0


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + SIMPLIFIED[0].encode(),
        SIMPLIFIED[0].encode("utf-16"),
        b"\xfe\xff" + SIMPLIFIED[0].encode("utf-16-be"),
        b"\xff\xfe" + SIMPLIFIED[0].encode("utf-16-le"),
        SIMPLIFIED[0].encode("utf-32"),
        SIMPLIFIED[0].encode(),
    ],
    ids=["utf8-bom", "utf16-native-bom", "utf16be-bom", "utf16le-bom", "utf32-bom", "utf8"],
)
def test_ingest_decode_reads_unicode_with_and_without_bom(data):
    decoded = decode(data, "a.txt")
    assert decoded.text == SIMPLIFIED[0]
    assert decoded.warnings == []


def test_ingest_decode_truncated_utf8_is_partly_read_with_a_warning():
    data = ("".join(SIMPLIFIED)).encode()[:-1]
    decoded = decode(data, "cut.txt")
    assert decoded.text.endswith("企业\ufffd")
    assert decoded.warnings == [f"partly read: 1 undecodable UTF-8 sequence(s) replaced (first at byte {len(data) - 2})"]


def test_ingest_decode_gbk_with_a_corrupt_byte_is_partly_read():
    data = ("".join(SIMPLIFIED)).encode("gbk") + b"\xff"
    decoded = decode(data, "gbk.txt")
    assert decoded.text.startswith(SIMPLIFIED[0])
    assert decoded.warnings == [f"partly read: 1 undecodable GB18030 sequence(s) replaced (first at byte {len(data) - 1})"]


def test_ingest_decode_odd_length_utf16_is_partly_read():
    data = SIMPLIFIED[1].encode("utf-16") + b"\x41"
    decoded = decode(data, "u16.txt")
    assert decoded.text.startswith(SIMPLIFIED[1])
    assert decoded.warnings and decoded.warnings[0].startswith("partly read: 1 undecodable UTF-16 sequence(s)")


@pytest.mark.parametrize(
    "data",
    [
        "Café: résumé des activités économiques de la région.".encode("latin-1"),
        "Ünternehmen, Straße und Größe".encode("cp1252") * 3,
        bytes(range(0x80, 0x100)) * 4,
    ],
    ids=["latin1", "cp1252", "high-bytes"],
)
def test_ingest_decode_undecodable_bytes_are_one_line_error_naming_the_file(data):
    with pytest.raises(IngestError) as info:
        decode(data, "dir/page.txt")
    message = str(info.value)
    assert message.startswith("dir/page.txt: cannot decode: not UTF-8 (bad byte at ")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00", "ZIP archive or Office document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "legacy Office document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\x1f\x8b\x08\x00", "gzip archive"),
        (b"\x00\x01\x02\x03" * 100, "NUL bytes"),
        (b"\x01\x02\x03\x04\x05\x06" * 100, "control bytes"),
    ],
)
def test_ingest_decode_refuses_binary_files_naming_their_kind(data, kind):
    with pytest.raises(IngestError, match=rf"^x\.txt: binary file \({kind}\), not text$"):
        decode(data, "x.txt")


def test_ingest_decode_a_stray_nul_in_text_is_not_binary():
    data = SIMPLIFIED[0].encode() + b"\x00" + SIMPLIFIED[1].encode()
    assert decode(data, "a.txt").text == SIMPLIFIED[0] + "\x00" + SIMPLIFIED[1]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_ingest_decode_reads_utf16_without_bom_by_its_nul_padded_ascii(codec):
    text = "# 2024年园区简报\n\n" + "\n".join(SIMPLIFIED) + "\n"
    decoded = decode(text.encode(codec), "a.txt")
    assert (decoded.text, decoded.encoding) == (text, codec)


def test_ingest_decode_binary_with_nul_bytes_is_not_taken_for_utf16():
    data = bytes(range(256)) * 8
    with pytest.raises(IngestError, match="binary file"):
        decode(data, "a.txt")
