"""Stage 1: read files into :class:`~kg.model.Document` records.

Why this stage exists: articles arrive as ``.txt``, ``.md`` and ``.html`` in
whatever encoding an office system or a scraper produced, with page-layout
line breaks in the middle of sentences, invisible characters, full-width
forms and sometimes traditional characters. Everything after this stage reads
``Document.clean``; every offset it reports is mapped back through
``Document.offsets`` so evidence points into the text as the user has it.
A file that cannot be used raises :class:`IngestError` with one line naming
the file and the reason; a file read only in part, or changed for matching,
carries the reason in ``Document.warnings``.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from kg.decode import decode, sample
from kg.errors import IngestError
from kg.model import Document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_SENTENCE",
    "SUFFIXES",
    "clean_text",
    "decode_bytes",
    "discover",
    "display_path",
    "doc_ids",
    "html_to_text",
    "read_document",
    "sentence_spans",
    "to_simplified",
]

SUFFIXES = (".txt", ".md", ".html", ".htm")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: Longest sentence handed to the relation rules; longer runs are cut at a comma or space.
MAX_SENTENCE = 1000

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"}
# Punctuation that ends a sentence (after NFKC, so full-width ！？； are ASCII).
_SENTENCE_END = set("。!?…")
# A line that ends with one of these continues on the next line.
_CONTINUES = set("、,，:：;；(（“‘《〈[【-—")
_CLOSES = set("。!?;…”’」』)）】》>")
_HEADING_START = re.compile(r"^\s*(#|■|●|◆|——|—|本刊讯|原标题|来源|【)")
# Characters that end a line, whatever system wrote the file (after CR LF became LF).
_LINE_BREAKS = ("\r", "\u2028", "\u2029", "\x85")
# Controls removed from the text itself: they carry nothing and break XML and CSV exports.
_STRIP_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")


def discover(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders (recursively) into a sorted, de-duplicated file list.

    Sorting (by file name, then path) makes the build independent of the order
    paths are given in; a file reached twice (``dir`` and ``dir/a.txt``, a
    symlink) is listed once.
    """
    found: dict[Path, Path] = {}

    def add(path: Path) -> None:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):
            key = path
        if key not in found or _sort_key(path) < _sort_key(found[key]):
            found[key] = path

    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for sub in path.rglob("*"):
                if sub.suffix.lower() in SUFFIXES and sub.is_file():
                    add(sub)
        else:
            add(path)
    return sorted(found.values(), key=_sort_key)


def _sort_key(path: Path) -> tuple[bytes, bytes]:
    return _name_key(path.name), _name_key(str(path))


def _name_key(name: str) -> bytes:
    """Sort key that also works for names with undecodable bytes (lone surrogates)."""
    return os.fsencode(name)


def display_path(path: str | os.PathLike[str]) -> str:
    """``path`` as printable one-line text: undecodable name bytes read as GB18030 or replaced, controls escaped.

    Examples:
        >>> display_path("a\\nb.txt")
        'a\\\\nb.txt'
    """
    raw = os.fsencode(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            text = raw.decode("utf-8", errors="replace")
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii") for ch in text
    )


def doc_ids(paths: Sequence[Path]) -> dict[Path, str]:
    """A unique document id for each path: its printable stem, with ``~2``, ``~3``... for repeats.

    ``paths`` should come from :func:`discover`, whose order makes the
    numbering independent of where the folder is and how it was listed.
    """
    ids: dict[Path, str] = {}
    used: set[str] = set()
    for path in paths:
        stem = display_path(path.stem).strip() or "doc"
        doc_id, n = stem, 1
        while doc_id in used:
            n += 1
            doc_id = f"{stem}~{n}"
        used.add(doc_id)
        ids[path] = doc_id
    return ids


def decode_bytes(data: bytes, path: str = "<bytes>") -> str:
    """Decode file bytes (see :func:`kg.decode.decode`); raise :class:`IngestError` with the reason otherwise."""
    return decode(data, path).text


class _TextExtractor(HTMLParser):
    """Collect visible text, skipping scripts, styles, forms and navigation chrome."""

    _SKIP = {"script", "style", "nav", "header", "footer", "noscript", "template", "aside", "head", "iframe",
             "svg", "math", "form", "button", "select", "textarea", "object", "canvas", "menu", "dialog"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title",
              "table", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "hr", "td", "th", "main", "figcaption"}
    _VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    # class/id/role words that mark page chrome rather than the article.
    # class/id words and ARIA roles that mark page chrome rather than the article.
    _CHROME_WORDS = re.compile(
        r"(?:^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|crumbs?|footer|sidebar|share|copyright|"
        r"topbar|toolbar|daohang)(?:$|[\s_-])",
        re.IGNORECASE,
    )
    _CHROME_ROLES = {"navigation", "banner", "contentinfo", "menu", "menubar", "search", "complementary"}
    # Never chrome, whatever their class says.
    _CONTAINERS = {"html", "body", "main", "article"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_tag: str | None = None
        self._skip_depth = 0
        self._title: list[str] = []
        self._in_title = False

    def close(self) -> None:
        if self.rawdata.startswith("<"):
            self.rawdata = ""  # an unclosed comment or tag where the page was cut is markup, not text
        super().close()

    def _is_chrome(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in self._CONTAINERS:
            return False
        for key, value in attrs:
            if not value:
                continue
            if key == "role" and value.strip().lower() in self._CHROME_ROLES:
                return True
            if key in ("class", "id") and self._CHROME_WORDS.search(value):
                return True
        return False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
            return
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        if tag not in self._VOID and (tag in self._SKIP or self._is_chrome(tag, attrs)):
            self._skip_tag, self._skip_depth = tag, 1
            return
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag is None and tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_tag = None
            return
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif self._skip_tag is None:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The page's readable text, one block per line.

    Text inside ``<script>``, ``<style>``, ``<head>``, forms and navigation
    chrome (``<nav>``, ``<header>``, ``<footer>``, ``<aside>`` or a
    class/id/role such as ``nav``, ``menu``, ``breadcrumb``, ``footer``) is
    left out. The ``<title>`` is used only when the page has no other text.

    Examples:
        >>> html_to_text("<nav>首页</nav><script>var a='园区';</script><p>园区签约。</p>")
        '园区签约。\\n'
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    if not text.strip():
        text = "".join(parser._title)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


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


_CHAR_NORM: dict[str, str] = {}


def _char_norm(ch: str) -> str:
    """What one character becomes in the clean text ('' when dropped); cached per character."""
    norm = _CHAR_NORM.get(ch)
    if norm is None:
        cat = unicodedata.category(ch)
        if ch in _ZERO_WIDTH or cat == "Cf" or ch == "\r":
            norm = ""
        elif ch in "\t\x0b\x0c\u3000\ufffd":
            norm = " "
        elif cat in ("Cc", "Cs", "Co", "Cn"):
            norm = ""
        else:
            norm = unicodedata.normalize("NFKC", ch)
        _CHAR_NORM[ch] = norm
    return norm


class _LineCleaner:
    """Cleans lines of one text in time linear in their length.

    Characters that stay one character go through one ``str.translate`` in C;
    only characters that vanish or expand (zero-width, controls, ligatures)
    are handled one by one, so a line of tens of megabytes costs seconds.
    """

    def __init__(self, text: str) -> None:
        chars = set(text)
        chars.discard("\n")
        # Every character present is in the table (unchanged ones map to themselves):
        # str.translate is several times faster when no lookup misses.
        self.table = {ord(ch): _char_norm(ch) if len(_char_norm(ch)) == 1 else ch for ch in chars}
        self.changes = any(len(_char_norm(ch)) == 1 and _char_norm(ch) != ch for ch in chars)
        odd = sorted(ch for ch in chars if len(_char_norm(ch)) != 1)
        self.odd = re.compile("[" + "".join(re.escape(ch) for ch in odd) + "]") if odd else None

    def translate(self, text: str) -> str:
        """``text`` with every one-for-one change made (lengths and offsets unchanged)."""
        return text.translate(self.table) if self.changes else text

    def clean(self, line: str, base: int, out: list[str], offsets: list[int]) -> None:
        """Append the clean form of ``line`` (already :meth:`translate`-d; starting at ``base`` in the
        text) to ``out`` and ``offsets``."""
        pos = 0
        if self.odd is not None:
            for m in self.odd.finditer(line):
                start = m.start()
                if start > pos:
                    out.append(line[pos:start])
                    offsets.extend(range(base + pos, base + start))
                norm = _char_norm(m.group())
                if norm:
                    out.append(norm)
                    offsets.extend([base + start] * len(norm))
                pos = start + 1
        if pos < len(line):
            out.append(line[pos:])
            offsets.extend(range(base + pos, base + len(line)))


def clean_text(text: str) -> tuple[str, list[int]]:
    """Normalize ``text`` for matching and return it with its offset map.

    Each character is NFKC-normalized on its own (so offsets stay traceable),
    invisible and control characters are dropped, tabs and carriage returns
    become spaces or vanish, and layout line breaks inside a sentence are
    removed. ``offsets[i]`` is the original index of clean character ``i``;
    one extra entry maps the end.

    Examples:
        >>> clean_text("Ａ\\u200bＢ")
        ('AB', [0, 2, 3])
    """
    lines = text.split("\n")
    line_starts = []
    pos = 0
    for line in lines:
        line_starts.append(pos)
        pos += len(line) + 1
    # Decide for each blank-separated gap whether it is layout.
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    join_after: set[int] = set()
    for a, b in zip(nonblank, nonblank[1:]):
        if _joins(lines[a], lines[b]):
            join_after.update(range(a, b))
    cleaner = _LineCleaner(text)
    translated = cleaner.translate(text).split("\n")
    out: list[str] = []
    offsets: list[int] = []
    for i, line in enumerate(lines):
        base = line_starts[i]
        cleaner.clean(translated[i], base, out, offsets)
        if i == len(lines) - 1:
            break
        if i in join_after:
            # Drop this line's trailing spaces so the joined sentence stays contiguous.
            while out and offsets and offsets[-1] >= base and out[-1].endswith(" "):
                stripped = out[-1].rstrip(" ")
                del offsets[len(offsets) - (len(out[-1]) - len(stripped)):]
                if stripped:
                    out[-1] = stripped
                    break
                out.pop()
            continue
        out.append("\n")
        offsets.append(base + len(line))
    offsets.append(len(text))
    return "".join(out), offsets


_SPLIT = re.compile(r"[^。!?！？\n]*(?:[。!?！？]+[”’」』)]?|\n|$)")
_SOFT_BREAK = re.compile(r"[,，;；、:：\s]")


def sentence_spans(clean: str) -> Iterator[tuple[int, int]]:
    """Sentence spans in ``clean``: split on 。！？ and paragraph breaks, blanks dropped.

    A run longer than :data:`MAX_SENTENCE` (a page with no punctuation, a
    single huge line) is cut at its last comma or space before the limit, so
    later stages never see an unbounded sentence.
    """
    for m in _SPLIT.finditer(clean):
        start, end = m.start(), m.end()
        while start < end and clean[start].isspace():
            start += 1
        while end > start and clean[end - 1].isspace():
            end -= 1
        while end - start > MAX_SENTENCE:
            cut = start + MAX_SENTENCE
            for soft in _SOFT_BREAK.finditer(clean, start + MAX_SENTENCE // 2, cut):
                cut = soft.end()  # the last soft break in the second half wins
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


_OPENCC = None


def _t2s() -> Any:
    """OpenCC's traditional-to-simplified converter, made once per process."""
    global _OPENCC
    if _OPENCC is None:
        import opencc

        _OPENCC = opencc.OpenCC("t2s")
    return _OPENCC


@functools.lru_cache(maxsize=65536)
def _is_traditional_only(ch: str) -> bool:
    """A character OpenCC simplifies and that GB2312 (the simplified character set) lacks."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return bool(_t2s().convert(ch) != ch)
    return False


def to_simplified(clean: str) -> str | None:
    """``clean`` converted to simplified characters if it is traditional Chinese, else ``None``.

    Traditional means at least 5% of the Chinese characters (and at least two;
    judged on a sample of long texts) are traditional-only forms: OpenCC changes them and they are outside
    GB2312. The result has exactly the length of ``clean`` (OpenCC converts
    whole phrases where that keeps lengths, else line by line, else character
    by character), so the offset map stays valid.

    Examples:
        >>> to_simplified("臨江經濟開發區")
        '临江经济开发区'
        >>> to_simplified("临江经济开发区") is None
        True
    """
    cjk = trad = 0
    converter = _t2s()
    for ch, count in Counter(sample(clean)).items():
        if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
            cjk += count
            if _is_traditional_only(ch):
                trad += count
    if trad < 2 or trad < 0.05 * cjk:
        return None
    whole: str = converter.convert(clean)
    if len(whole) == len(clean):
        return whole
    lines = []
    for line in clean.split("\n"):
        converted: str = converter.convert(line)
        if len(converted) != len(line):
            converted = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in line)
        lines.append(converted)
    return "\n".join(lines)


def read_document(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES,
                  doc_id: str | None = None) -> Document:
    """Read one file into a Document; raise :class:`IngestError` with the reason if it cannot be used.

    Args:
        path: a ``.txt``, ``.md`` or ``.html`` file.
        max_bytes: files larger than this are refused without being read.
        doc_id: the document id (default: the file's stem, see :func:`doc_ids`).
    """
    p = Path(path)
    name = display_path(p)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise IngestError(name, f"file is {size} bytes, over the limit of {max_bytes} (--max-bytes)")
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(name, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise IngestError(name, f"file is over the limit of {max_bytes} bytes (--max-bytes)")
    if not data.strip():
        raise IngestError(name, "file is empty")
    decoded = decode(data, name)
    if not decoded.text.strip():
        raise IngestError(name, "file is empty")
    warnings = list(decoded.warnings)
    text = decoded.text
    if p.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    text = text.replace("\r\n", "\n")
    for line_break in _LINE_BREAKS:
        text = text.replace(line_break, "\n")
    text, removed = _STRIP_CONTROLS.subn("", text)
    if removed:
        warnings.append(f"removed {removed} control character(s)")
    clean, offsets = clean_text(text)
    if not clean.strip():
        raise IngestError(name, "no text after cleaning")
    simplified = to_simplified(clean)
    if simplified is not None:
        clean = simplified
        warnings.append("traditional Chinese: converted to simplified for matching (evidence keeps the original)")
    return Document(doc_id=doc_id if doc_id is not None else display_path(p.stem), source=name, text=text,
                    clean=clean, offsets=offsets, warnings=warnings)
