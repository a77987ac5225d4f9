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
import itertools
import os
import re
import unicodedata
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
# A line ending with one of these is never joined (checked first: most lines end so).
_ENDS = frozenset((_CLOSES | _SENTENCE_END) - _CONTINUES)
_HEADING_START = re.compile(r"^\s*(#|■|●|◆|——|—|本刊讯|原标题|来源|【)")
# Characters that end a line, whatever system wrote the file (after CR LF became LF).
_LINE_BREAKS = ("\r", "\u2028", "\u2029", "\x85")
# Controls removed from the text itself: they carry nothing and break XML and CSV exports.
_STRIP_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")
#: Every character the two steps above rewrite or remove (none is in :data:`_PLAIN_RUNS`).
_REWRITTEN = frozenset(
    [*_LINE_BREAKS, *map(chr, range(0x00, 0x09)), *map(chr, range(0x0E, 0x20)), "\x7f",
     *map(chr, range(0x80, 0x85)), *map(chr, range(0x86, 0xA0)), "\ufffe", "\uffff"]
)


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
    if text.isprintable():
        return text
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
    if not p or not n or p[-1] in _ENDS or _HEADING_START.match(nxt) or _HEADING_START.match(prev):
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


#: Runs of characters that stay as they are (printable ASCII, CJK ideographs, common CJK punctuation):
#: removing them leaves the few characters worth a look, far faster than a set of every character.
_PLAIN_RUNS = re.compile("[\n -~\u4e00-\u9fff\u3001\u3002\u300a-\u3011\u201c\u201d\u2018\u2019\u2014\u00b7]+")


def unusual_chars(text: str) -> set[str]:
    """The characters of ``text`` outside :data:`_PLAIN_RUNS`: the only ones reading may have to change."""
    return set(_PLAIN_RUNS.sub("", text))


#: Above this many different one-for-one changes, one ``str.translate`` beats a ``str.replace`` each.
_MAX_REPLACES = 24


class _TextCleaner:
    """Cleans one text in time linear in its length.

    Only the characters outside :data:`_PLAIN_RUNS` are looked at. Those that
    stay one character are replaced with one C-level ``str.replace`` each (a
    text holds a handful: ，：（）), or with one ``str.translate`` when there are
    many; only characters that vanish or expand (zero-width, controls,
    ligatures) are handled one by one.
    """

    def __init__(self, text: str, chars: set[str] | None = None) -> None:
        chars = unusual_chars(text) if chars is None else set(chars)
        chars.discard("\n")
        self.changes = {ch: _char_norm(ch) for ch in chars if len(_char_norm(ch)) == 1 and _char_norm(ch) != ch}
        odd = sorted(ch for ch in chars if len(_char_norm(ch)) != 1)
        self.odd = re.compile("[" + "".join(re.escape(ch) for ch in odd) + "]") if odd else None

    def translate(self, text: str) -> str:
        """``text`` with every one-for-one change made (lengths and offsets unchanged)."""
        if len(self.changes) > _MAX_REPLACES or any(norm in self.changes for norm in self.changes.values()):
            # many changes (or a chain of them): all at once, with every character of the text in the
            # table (str.translate is several times faster when no lookup misses)
            table = {ord(ch): ch for ch in set(text)}
            table.update((ord(ch), norm) for ch, norm in self.changes.items())
            return text.translate(table)
        for ch, norm in self.changes.items():
            text = text.replace(ch, norm)
        return text

    def edits(self, text: str) -> dict[int, str]:
        """Position -> replacement for the characters of (translated) ``text`` that vanish or expand."""
        if self.odd is None:
            return {}
        return {m.start(): _char_norm(m.group()) for m in self.odd.finditer(text)}


def _layout_breaks(lines: list[str]) -> list[int]:
    """Indices of the lines whose following line break was made by page layout, in order.

    Each non-blank line is weighed against the next non-blank one (:func:`_joins`). Most lines end
    with a sentence end, which never joins, so only the others look for their next line.
    """
    join_after: list[int] = []
    count = len(lines)
    for a in [i for i, line in enumerate(lines) if line and line[-1] not in _ENDS]:
        line = lines[a]
        last = line.rstrip()
        if not last or last[-1] in _ENDS:
            continue
        b = a + 1
        while b < count and (not lines[b] or lines[b].isspace()):
            b += 1
        if b < count and _joins(line, lines[b]):
            join_after.extend(range(a, b))
    return join_after


def _strip_before(translated: str, edits: dict[int, str], start: int, end: int) -> None:
    """Record in ``edits`` the removal of the spaces that end the clean form of ``translated[start:end]``."""
    j = end - 1
    while j >= start:
        norm = edits.get(j)
        if norm is None:
            if translated[j] != " ":
                return
            edits[j] = ""
        elif norm:
            kept = norm.rstrip(" ")
            edits[j] = kept
            if kept:
                return
        j -= 1


#: The numbers 0, 1, 2 ... shared by every offset map: a slice of them copies references, where a range
#: makes a new int object for each character (the offset map was a fifth of the read stage). 32768
#: numbers (about 1 MB) cover a long news article; positions beyond are counted out with a range.
_NUMBERS = list(range(1 << 15))


def _counting(start: int, stop: int) -> list[int] | range:
    """The positions ``start, start + 1, ..., stop - 1``, from :data:`_NUMBERS` where they reach."""
    return _NUMBERS[start:stop] if stop <= len(_NUMBERS) else range(start, stop)


def clean_text(text: str, chars: set[str] | None = None) -> tuple[str, list[int]]:
    """Normalize ``text`` for matching and return it with its offset map.

    Each character is NFKC-normalized on its own (so offsets stay traceable),
    invisible and control characters are dropped, tabs and carriage returns
    become spaces or vanish, and layout line breaks inside a sentence are
    removed. ``offsets[i]`` is the original index of clean character ``i``;
    one extra entry maps the end. ``chars``, when the caller has it, is
    :func:`unusual_chars` of ``text`` (saving a pass over the text).

    Examples:
        >>> clean_text("Ａ\\u200bＢ")
        ('AB', [0, 2, 3])
    """
    lines = text.split("\n")
    cleaner = _TextCleaner(text, chars)
    translated = cleaner.translate(text)
    edits = cleaner.edits(translated)
    join_after = _layout_breaks(lines)
    if join_after:
        lengths = list(itertools.accumulate(map(len, lines)))  # of the lines up to each, without their breaks
        for i in join_after:
            end = lengths[i] + i  # the line break after line i
            edits[end] = ""  # the joined sentence stays contiguous: no break, no trailing spaces
            _strip_before(translated, edits, end - len(lines[i]), end)
    # Everything between edits is copied as is, its offsets one range each.
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for at in sorted(edits):
        if at > pos:
            out.append(translated[pos:at])
            offsets.extend(_counting(pos, at))
        norm = edits[at]
        if norm:
            out.append(norm)
            offsets.extend([at] * len(norm))
        pos = at + 1
    out.append(translated[pos:])
    offsets.extend(_counting(pos, len(text) + 1))
    return "".join(out), offsets


#: A sentence as :func:`sentence_spans` gives it, already trimmed: from its first non-space character
#: through its run of 。！？ (and a closing quote), or, when a line break or the end comes first, through
#: its last non-space character. Blanks between sentences never start a match, so they are skipped in C.
_END_MARKS = "。!?！？"
_SENTENCE = re.compile(
    rf"[^\s{_END_MARKS}](?:[^{_END_MARKS}\n]*(?:[{_END_MARKS}]+[”’」』)]?|[^\s{_END_MARKS}]))?|[{_END_MARKS}]+[”’」』)]?"
)
_SOFT_BREAK = re.compile(r"[,，;；、:：\s]")


def sentence_spans(clean: str) -> Iterator[tuple[int, int]]:
    """Sentence spans in ``clean``: split on 。！？ and paragraph breaks, blanks dropped.

    A run longer than :data:`MAX_SENTENCE` (a page with no punctuation, a
    single huge line) is cut at its last comma or space before the limit, so
    later stages never see an unbounded sentence.
    """
    for m in _SENTENCE.finditer(clean):
        start, end = m.span()
        if end - start > MAX_SENTENCE:
            yield from _cut_long(clean, start, end)
        else:
            yield start, end


def _cut_long(clean: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A trimmed run longer than :data:`MAX_SENTENCE`, in pieces cut at the last soft break before each limit."""
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
_CJK_RUNS = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]+")


def _t2s() -> Any:
    """OpenCC's traditional-to-simplified converter, made once per process."""
    global _OPENCC
    if _OPENCC is None:
        import opencc

        _OPENCC = opencc.OpenCC("t2s")
    return _OPENCC


#: The CJK Unified Ideographs blocks (with Extension A) that traditional-only forms come from.
_CJK_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))


@functools.lru_cache(maxsize=1)
def _beyond_gb2312() -> re.Pattern[str]:
    """CJK ideographs outside GB2312: the only characters that can be traditional-only forms.

    Why one encode: encoding every ideograph of the blocks with errors ignored
    keeps exactly those in GB2312, in C (about 0.5 ms, where decoding each of
    GB2312's 8,836 byte pairs cost 10-25 ms in every worker); the class is the
    gaps between them.
    """
    cjk = "".join([chr(c) for first, last in _CJK_BLOCKS for c in range(first, last + 1)])
    inside = sorted(map(ord, cjk.encode("gb2312", "ignore").decode("gb2312")))
    parts = []
    for first, last in _CJK_BLOCKS:
        bounds = [first - 1, *(c for c in inside if first <= c <= last), last + 1]
        for a, b in zip(bounds, bounds[1:]):  # the ideographs strictly between two GB2312 ones
            if b - a == 2:
                parts.append(chr(a + 1))
            elif b - a > 2:
                parts.append(f"{chr(a + 1)}-{chr(b - 1)}")
    return re.compile("[" + "".join(parts) + "]")


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@functools.lru_cache(maxsize=65536)
def _is_traditional_only(ch: str) -> bool:
    """A character OpenCC simplifies and that GB2312 (the simplified character set) lacks."""
    return not _in_gb2312(ch) and bool(_t2s().convert(ch) != ch)


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
    # Only characters outside GB2312 can be traditional-only: find those few, then count them.
    traditional = {ch for ch in set(_beyond_gb2312().findall(clean)) if _is_traditional_only(ch)}
    if not traditional:
        return None
    judged = sample(clean)
    trad = sum(judged.count(ch) for ch in traditional)
    if trad < 2 or trad < 0.05 * (len(judged) - len(_CJK_RUNS.sub("", judged))):
        return None
    converter = _t2s()
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
                  doc_id: str | None = None, data: bytes | None = None) -> Document:
    """Read one file into a Document; raise :class:`IngestError` with the reason if it cannot be used.

    Args:
        path: a ``.txt``, ``.md`` or ``.html`` file.
        max_bytes: files larger than this are refused without being read.
        doc_id: the document id (default: the file's stem, see :func:`doc_ids`).
        data: the file's bytes when the caller has read them already (they are not read again).
    """
    p = Path(path)
    name = display_path(p)
    if data is None:
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
    if not data or data.isspace():
        raise IngestError(name, "file is empty")
    decoded = decode(data, name)
    if not decoded.text.strip():
        raise IngestError(name, "file is empty")
    warnings = list(decoded.warnings)
    text = decoded.text
    if p.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    chars: set[str] | None = unusual_chars(text)
    if chars and not chars.isdisjoint(_REWRITTEN):  # most files hold none of them: no pass needed
        text = text.replace("\r\n", "\n")
        for line_break in _LINE_BREAKS:
            text = text.replace(line_break, "\n")
        text, removed = _STRIP_CONTROLS.subn("", text)
        if removed:
            warnings.append(f"removed {removed} control character(s)")
        chars = None  # the text changed: the cleaner looks again
    clean, offsets = clean_text(text, chars)
    if not clean.strip():
        raise IngestError(name, "no text after cleaning")
    simplified = to_simplified(clean)
    if simplified is not None:
        clean = simplified
        warnings.append("traditional Chinese: converted to simplified for matching (evidence keeps the original)")
    return Document(doc_id=doc_id if doc_id is not None else display_path(p.stem), source=name, text=text,
                    clean=clean, offsets=offsets, warnings=warnings)
