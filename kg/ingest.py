"""Stage 1: read files into :class:`~kg.model.Document` records.

Why this stage exists: articles arrive as ``.txt``, ``.md`` and ``.html`` in
whatever encoding an office system or a scraper produced, with page-layout
line breaks in the middle of sentences. Everything after this stage reads
``Document.clean``; every offset it reports is mapped back through
``Document.offsets`` so evidence points into the file as the user has it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import IngestError
from kg.model import Document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "clean_text",
    "decode_bytes",
    "discover",
    "html_to_text",
    "read_document",
    "sentence_spans",
]

SUFFIXES = (".txt", ".md", ".html", ".htm")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# Punctuation that ends a sentence (after NFKC, so full-width ！？； are ASCII).
_SENTENCE_END = set("。!?…")
# A line that ends with one of these continues on the next line.
_CONTINUES = set("、,，:：;；(（“‘《〈[【-—")
_CLOSES = set("。!?;…”’」』)）】》>")
_HEADING_START = re.compile(r"^\s*(#|■|●|◆|——|—|本刊讯|原标题|来源|【)")


def discover(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders (recursively) into a sorted, de-duplicated file list.

    Sorting makes the build independent of the order paths are given in.
    """
    found: set[Path] = set()
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for sub in path.rglob("*"):
                if sub.is_file() and sub.suffix.lower() in SUFFIXES:
                    found.add(sub)
        else:
            found.add(path)
    return sorted(found, key=lambda p: (p.name, str(p)))


def decode_bytes(data: bytes, path: str = "<bytes>") -> str:
    """Decode by BOM, then strict UTF-8, then GB18030; raise with the reason otherwise."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise IngestError(path, f"cannot decode as UTF-8 or GB18030 (byte {exc.start})") from None


class _TextExtractor(HTMLParser):
    """Collect visible text, skipping scripts, styles and navigation chrome."""

    _SKIP = {"script", "style", "nav", "header", "footer", "noscript", "template", "aside"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip_depth:
            self._skip_depth -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The page's readable text, one block per line."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip() + "\n"


def _joins(prev: str, nxt: str) -> bool:
    """Whether a line break between two non-empty lines was made by page layout."""
    p, n = prev.rstrip(), nxt.lstrip()
    if not p or not n or _HEADING_START.match(nxt) or _HEADING_START.match(prev):
        return False
    last = p[-1]
    if last in _CONTINUES:
        return True
    if last in _CLOSES or last in _SENTENCE_END:
        return False
    if " " in p.strip() or "\u3000" in p:
        return False  # headline with spaced phrases
    if len(p) >= 40:
        return True
    return len(p) >= 10 and _word_crosses(p[-3:], n[:3])


def _word_crosses(left: str, right: str) -> bool:
    """True when the segmenter puts a word across the boundary of ``left`` and ``right``."""
    try:
        import rjieba
    except ImportError:  # pragma: no cover - rjieba is a core dependency
        return False
    pos = 0
    for token in rjieba.cut(left + right):
        end = pos + len(token)
        if pos < len(left) < end and len(token) >= 2:
            return True
        pos = end
    return False


def clean_text(text: str) -> tuple[str, list[int]]:
    """Normalize ``text`` for matching and return it with its offset map.

    Each character is NFKC-normalized on its own (so offsets stay traceable),
    invisible and control characters are dropped, tabs and carriage returns
    become spaces or vanish, and layout line breaks inside a sentence are
    removed. ``offsets[i]`` is the original index of clean character ``i``;
    one extra entry maps the end.
    """
    out: list[str] = []
    offsets: list[int] = []
    lines = text.split("\n")
    pos = 0
    line_starts = []
    for line in lines:
        line_starts.append(pos)
        pos += len(line) + 1
    # Decide for each blank-separated gap whether it is layout.
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    join_after: set[int] = set()
    for a, b in zip(nonblank, nonblank[1:]):
        if _joins(lines[a], lines[b]):
            join_after.update(range(a, b))
    for i, line in enumerate(lines):
        base = line_starts[i]
        for j, ch in enumerate(line):
            if ch in _ZERO_WIDTH:
                continue
            cat = unicodedata.category(ch)
            if ch in "\t\r\x0b\x0c" or ch == "\u3000":
                norm = " " if ch not in "\r" else ""
            elif cat in ("Cc", "Cs", "Co", "Cn"):
                continue
            else:
                norm = unicodedata.normalize("NFKC", ch)
            for c in norm:
                out.append(c)
                offsets.append(base + j)
        if i < len(lines) - 1:
            if i in join_after:
                # strip trailing spaces of a joined line, keep content contiguous
                while out and out[-1] == " " and (not offsets or offsets[-1] >= base):
                    out.pop()
                    offsets.pop()
                continue
            out.append("\n")
            offsets.append(base + len(line))
    offsets.append(len(text))
    return "".join(out), offsets


_SPLIT = re.compile(r"[^。!?！？\n]*(?:[。!?！？]+[”’」』)]?|\n|$)")


def sentence_spans(clean: str) -> Iterator[tuple[int, int]]:
    """Sentence spans in ``clean``: split on 。！？ and paragraph breaks, blanks dropped."""
    for m in _SPLIT.finditer(clean):
        start, end = m.start(), m.end()
        while start < end and clean[start].isspace():
            start += 1
        while end > start and clean[end - 1].isspace():
            end -= 1
        if end > start:
            yield start, end


@dataclass(frozen=True)
class ReadOptions:
    """Limits for reading one file."""

    max_bytes: int = DEFAULT_MAX_BYTES


def read_document(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file into a Document; raise :class:`IngestError` with the reason if it cannot be used."""
    p = Path(path)
    name = str(p)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise IngestError(name, f"cannot read ({exc.strerror})") from None
    if size > max_bytes:
        raise IngestError(name, f"file is {size} bytes, over the limit of {max_bytes}")
    data = p.read_bytes()
    if not data.strip():
        raise IngestError(name, "file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(name, "binary file (NUL bytes), not text")
    text = decode_bytes(data, name)
    if p.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    text = text.replace("\r\n", "\n")
    clean, offsets = clean_text(text)
    if not clean.strip():
        raise IngestError(name, "no text after cleaning")
    return Document(doc_id=p.stem, source=name, text=text, clean=clean, offsets=offsets)
