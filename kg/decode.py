"""Bytes to text for ingest: tell text from binary, and find the encoding.

Why this is its own module: files come from scrapers and office systems in
UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030/GBK or Big5, and
GB18030 decodes almost any byte string without error. So a strict decode
that *succeeds* proves nothing; each legacy candidate is scored for being
plausible Chinese (share of common characters against private-use, kana,
bopomofo and rare ideographs, which is what a wrong decoding produces), and
text that no candidate makes plausible is refused rather than turned into
mojibake entities.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from kg.errors import IngestError

__all__ = ["Decoded", "binary_kind", "decode", "plausibility", "sample"]

#: Legacy encodings tried when the bytes are not UTF-8, in order of preference on a tie.
LEGACY = ("gb18030", "cp950", "big5hkscs")
#: How each encoding is named in messages.
LABELS = {"utf-8": "UTF-8", "gb18030": "GB18030", "cp950": "Big5", "big5hkscs": "Big5-HKSCS"}
#: Share of plausible characters a legacy decoding needs to be accepted.
MIN_PLAUSIBLE = 0.8
#: A file that is not valid UTF-8 is still read as UTF-8 (with replacements) when its valid
#: multi-byte characters outnumber the bad sequences this many times (a few corrupt or cut bytes),
#: or when bad sequences are under 1% of its characters (mostly ASCII with a stray byte).
UTF8_GOOD_PER_BAD = 10

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"{\\rtf", "RTF document"),
)
# C0 control bytes that never occur in text (tab, newlines, form feed and ESC excluded), as the
# deletion argument of ``bytes.translate``: counting what it removes is several times faster than a regex.
_CONTROL_BYTES = bytes((*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)))
_SNIFF = 65536
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")

# Punctuation and full-width forms common in Chinese text in any encoding.
_CJK_PUNCT = frozenset("，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕—…·　～￥％＋－／．：" + "".join(
    chr(c) for c in range(0xFF10, 0xFF1A)) + "".join(chr(c) for c in range(0xFF21, 0xFF3B)) + "".join(
    chr(c) for c in range(0xFF41, 0xFF5B)))


@dataclass
class Decoded:
    """Text decoded from a file, the encoding used, and notes on anything not read as written."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def binary_kind(data: bytes) -> str | None:
    """What kind of binary ``data`` is (e.g. ``"PDF document"``), or ``None`` for text.

    Examples:
        >>> binary_kind(b"%PDF-1.7 ...")
        'PDF document'
        >>> binary_kind("开发区".encode()) is None
        True
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    sample = data[:_SNIFF]
    if not sample:
        return None
    nul = sample.count(0)
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if nul > max(2, len(sample) // 1000):
        return "NUL bytes"
    if controls > max(8, len(sample) // 20):
        return "control bytes"
    return None


@functools.lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    """Common characters: GB2312 level 1 (simplified) and Big5 level 1 (traditional)."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    for lead in range(0xA4, 0xC7):
        for trail in trails:
            if (lead << 8 | trail) > 0xC67E:
                break
            try:
                chars.add(bytes((lead, trail)).decode("cp950"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def sample(text: str, size: int = 200_000) -> str:
    """The start, middle and end of a long text: enough to judge it, cheap for a 50 MB file."""
    if len(text) <= 3 * size:
        return text
    mid = len(text) // 2
    return text[:size] + text[mid : mid + size] + text[-size:]


def plausibility(text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that are common Chinese characters or punctuation.

    Long texts are judged on a :func:`sample`. Right decodings of Chinese news score near 1; GB18030 read as Big5 or the
    reverse score about 0.3-0.4. Text without non-ASCII characters scores 1.

    Examples:
        >>> plausibility("园区签约。")
        1.0
        >>> plausibility("羬カ蔼穝м砃") < 0.5
        True
    """
    common = _common_hanzi()
    good = bad = 0
    for ch, count in Counter(sample(text)).items():
        if ch < "\x80":
            continue
        if ch in common or ch in _CJK_PUNCT:
            good += count
        else:
            bad += count
    return good / (good + bad) if good + bad else 1.0


def _with_replacements(data: bytes, codec: str, label: str) -> Decoded:
    """Decode keeping what is valid; say how many bytes were replaced and where the first was."""
    text = data.decode(codec, errors="replace")
    try:
        data.decode(codec)
        return Decoded(text, codec)
    except UnicodeDecodeError as exc:
        first = exc.start
    bad = text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
    return Decoded(text, codec, [f"partly read: {bad} undecodable {label} sequence(s) replaced (first at byte {first})"])


def decode(data: bytes, path: str = "<bytes>") -> Decoded:
    """Decode a text file: BOM, then strict UTF-8, then the most plausible legacy Chinese encoding.

    UTF-16 without a BOM is recognized by its NUL-padded ASCII when it decodes
    to plausible text; other data with NUL or control bytes is binary.
    A file with a few corrupt or cut bytes is read with replacement characters
    and a "partly read" warning. Raises :class:`IngestError` for binary data and
    for bytes that no candidate turns into plausible text.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return _with_replacements(data[len(bom):], codec, label)
    if b"\x00" in data[:_SNIFF]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    kind = binary_kind(data)
    if kind is not None:
        raise IngestError(path, f"binary file ({kind}), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    best = _most_plausible(data, errors="strict")
    if best is not None:
        return Decoded(best[1], best[0])
    replaced = _with_replacements(data, "utf-8", "UTF-8")
    bad = replaced.text.count("\ufffd")
    good = sum(count for ch, count in Counter(replaced.text).items() if ch >= "\x80") - bad
    if bad * UTF8_GOOD_PER_BAD <= good or bad * 100 <= len(replaced.text):
        return replaced
    best = _most_plausible(data, errors="replace")
    if best is not None:
        return _with_replacements(data, best[0], LABELS[best[0]])
    raise IngestError(
        path,
        f"cannot decode: not UTF-8 (bad byte at {first_bad}) and not plausible as GB18030 or Big5 text",
    )


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 written without a BOM (its ASCII characters are NUL-padded), if it decodes to plausible text."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _CONTROL_CHARS.search(text) and plausibility(text) >= MIN_PLAUSIBLE:
            return Decoded(text, codec)
    return None


def _most_plausible(data: bytes, errors: str) -> tuple[str, str] | None:
    """The legacy encoding whose decoding is most plausible Chinese, with the text, if any is plausible enough."""
    best: tuple[float, str, str] | None = None
    for codec in LEGACY:
        try:
            text = data.decode(codec, errors=errors)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, codec, text)
    if best is None or best[0] < MIN_PLAUSIBLE:
        return None
    return best[1], best[2]
