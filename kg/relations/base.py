"""Shared view of one document for the relation rules: clean text, sentences, clauses, mentions.

Why a view: every rule reads the same things (mentions mapped onto the clean
text, the sentence and clause a position falls in, each entity's longest name
in the document) and writes relations the same way (evidence = a slice of the
original text with its offsets). Building them once keeps each rule module
about its own grammar.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, chain, repeat
from operator import attrgetter, itemgetter, neg, sub
import functools
from dataclasses import dataclass, field
from typing import TypeVar

from kg.ingest import sentence_spans
from kg.model import Document, Evidence, Mention, Relation
from kg.normalize import company_key, park_key

__all__ = ["DocView", "Span", "build_view", "clause_spans", "is_named_project", "locate_mentions", "semi_spans",
           "within"]

#: Clause delimiters inside a sentence (comma-level).
_CLAUSE = re.compile(r"[，,;；：:]")
#: Longest name we expect to overlap a range from before it (for ``spans_over``).
MAX_NAME = 120
#: Semi-sentence delimiters (a ；-part of a sentence).
_SEMI = re.compile(r"[;；]")

T = TypeVar("T")
#: Field getters for C-level maps over spans and span tuples.
_START = attrgetter("start")
_END = attrgetter("end")
_FIRST = itemgetter(0)
_LABEL = attrgetter("label")
#: What :meth:`DocView.memo` finds for a key not computed yet.
_UNSET = object()


class Span:
    """A mention placed on the clean text; ``name`` is its longest name in the document.

    A slotted class rather than a frozen dataclass: a document makes thousands
    and every rule reads ``label`` in its loops, so both must be cheap. Treat
    it as immutable; equality and hash are those of (mention, start, end, name).
    """

    __slots__ = ("mention", "start", "end", "name", "label", "text")

    def __init__(self, mention: Mention, start: int, end: int, name: str) -> None:
        self.mention = mention
        self.start = start
        self.end = end
        self.name = name
        self.label = mention.label
        self.text = mention.text

    def _key(self) -> tuple[Mention, int, int, str]:
        return self.mention, self.start, self.end, self.name

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Span(mention={self.mention!r}, start={self.start!r}, end={self.end!r}, name={self.name!r})"


@dataclass
class DocView:
    """The clean text of a document with its mentions, sentences and paragraphs.

    Lookups by position bisect sorted start lists built once, so every rule
    stays linear in the length of the document.
    """

    document: Document
    spans: list[Span]
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    _starts: list[int] = field(default_factory=list)
    _memo: dict[str, object] = field(default_factory=dict)
    _by_labels: dict[tuple[str, ...], tuple[list[Span], list[int]]] = field(default_factory=dict)
    _evidence: dict[tuple[int, int], Evidence] = field(default_factory=dict)
    _parts: dict[tuple[str, int, int], list[tuple[int, int]]] = field(default_factory=dict)

    @functools.cached_property
    def text(self) -> str:
        """The clean text (read by every rule in every loop, so looked up once)."""
        return self.document.clean

    @functools.cached_property
    def sentence_starts(self) -> list[int]:
        """Where each sentence starts, for bisecting (made on first use)."""
        return list(map(_FIRST, self.sentences))

    @functools.cached_property
    def sentence_ends(self) -> list[int]:
        """Where each sentence ends."""
        return list(map(itemgetter(1), self.sentences))

    @functools.cached_property
    def paragraph_starts(self) -> list[int]:
        """Where each paragraph starts, for bisecting."""
        return list(map(_FIRST, self.paragraphs))

    @functools.cached_property
    def longest_span(self) -> int:
        """The length of the longest mention (how far back :meth:`covering` must look)."""
        return max(map(sub, map(_END, self.spans), map(_START, self.spans)), default=0)

    def memo(self, key: str, make: Callable[..., T], *args: object) -> T:
        """A value computed once per document (an index, a name set) under ``key``: ``make(*args)``.

        Rules ask in their loops: passing ``make`` and its arguments, not a new lambda, keeps the asking cheap.
        """
        found = self._memo.get(key, _UNSET)
        if found is _UNSET:
            found = self._memo[key] = make(*args)
        return found  # type: ignore[return-value]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The sentence span holding clean position ``pos``."""
        starts = self.sentence_starts
        i = bisect.bisect_right(starts, pos) - 1
        return self.sentences[max(i, 0)]

    def paragraph_of(self, pos: int) -> tuple[int, int]:
        """The paragraph span (between blank lines / line breaks) holding ``pos``."""
        starts = self.paragraph_starts
        i = bisect.bisect_right(starts, pos) - 1
        return self.paragraphs[max(i, 0)]

    def sentences_from(self, start: int, end: int) -> list[tuple[int, int]]:
        """The sentences starting in ``[start, end)``, in text order."""
        starts = self.sentence_starts
        return self.sentences[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def sentences_holding(self, spans: Iterable[Span]) -> list[tuple[int, int]]:
        """The sentences wholly holding at least one of ``spans``, in text order.

        Why: rules that need a name in the sentence visit only those sentences
        (sentences do not overlap, so a span's start picks its one candidate).
        """
        spans = list(spans)
        ends = self.sentence_ends
        found = set()
        # one sentence per span: the last starting at or before it (bisected in C for the whole list)
        for s, i in zip(spans, map(functools.partial(bisect.bisect_right, self.sentence_starts), map(_START, spans))):
            if i and s.start < ends[i - 1] and s.end <= ends[i - 1]:
                found.add(i - 1)
        return [self.sentences[i] for i in sorted(found)]

    def inside(self, start: int, end: int, labels: Iterable[str] | None = None) -> list[Span]:
        """Mentions lying wholly inside ``[start, end)``, in text order."""
        found = self._by_labels.get(labels) if type(labels) is tuple else None  # the rules' hot path
        spans, starts = found or self._sorted(labels)
        lo = bisect.bisect_left(starts, start)
        return [s for s in spans[lo:bisect.bisect_left(starts, end, lo)] if s.end <= end]

    def labelled(self, labels: tuple[str, ...]) -> tuple[list[Span], list[int]]:
        """The mentions with one of ``labels``, in text order, and their starts (for rules that bisect them).

        Both lists are the view's own, shared by every rule: read them, do not change them.
        """
        return self._by_labels.get(labels) or self._with_labels(labels)

    def _sorted(self, labels: Iterable[str] | None) -> tuple[list[Span], list[int]]:
        """The mentions (with one of ``labels``, if given) in text order, and their starts."""
        if labels is not None:
            return self._with_labels(labels)
        if not self._starts:
            self._starts = list(map(_START, self.spans))
        return self.spans, self._starts

    def _with_labels(self, labels: Iterable[str]) -> tuple[list[Span], list[int]]:
        """The mentions with one of ``labels``, in text order, and their starts (made once per label set)."""
        key = labels if isinstance(labels, tuple) else tuple(labels)
        found = self._by_labels.get(key)
        if found is None:
            same = key if len(key) == 1 else tuple(sorted(set(key)))  # rules list one label set in several orders
            found = self._by_labels.get(same)
            if found is None:
                index = self._label_positions
                if len(same) == 1:
                    positions = index.get(same[0], [])
                else:  # the labels' positions merged back into text order
                    positions = sorted(chain.from_iterable(index.get(label, ()) for label in same))
                spans = list(map(self.spans.__getitem__, positions))
                found = self._by_labels[same] = (spans, list(map(_START, spans)))
            self._by_labels[key] = found
        return found

    @functools.cached_property
    def _label_positions(self) -> dict[str, list[int]]:
        """Label -> the positions in :attr:`spans` of the mentions with it (one pass, for every label set)."""
        index: dict[str, list[int]] = {}
        for i, label in enumerate(map(_LABEL, self.spans)):
            found = index.get(label)
            if found is None:
                index[label] = [i]
            else:
                found.append(i)
        return index

    def spans_over(self, start: int, end: int, labels: Iterable[str] | None = None) -> list[Span]:
        """Mentions (with one of ``labels``, if given) overlapping ``[start, end)`` (a name may start before the range)."""
        spans, starts = self._sorted(labels)
        hi = bisect.bisect_left(starts, end)
        lo = bisect.bisect_left(starts, start - MAX_NAME)
        return [s for s in spans[lo:hi] if s.end > start]

    def covering(self, pos: int) -> list[Span]:
        """Every mention with ``start <= pos < end``, in text order (exact for names of any length)."""
        if not self._starts:
            self._starts = list(map(_START, self.spans))
        longest = self.longest_span
        lo = bisect.bisect_left(self._starts, pos - longest)
        hi = bisect.bisect_right(self._starts, pos)
        return [s for s in self.spans[lo:hi] if s.start <= pos < s.end]

    def starting_at(self, pos: int) -> list[Span]:
        """The mentions starting exactly at ``pos``, in text order."""
        if not self._starts:
            self._starts = list(map(_START, self.spans))
        return self.spans[bisect.bisect_left(self._starts, pos):bisect.bisect_right(self._starts, pos)]

    def outermost(self, spans: Sequence[Span]) -> list[Span]:
        """Drop spans nested inside a longer span of the list (any label), keeping the list's order.

        One sweep by start: a span is nested when one starting earlier reaches
        its end, or one starting with it ends later. The rules pass lists in
        text order (by start, longest first: the view's own order), swept as
        they are; any other list is put in that order first.
        """
        out: list[Span] = []
        reach = -1  # furthest end of the spans starting before the current start
        group_start = group_end = -1  # the current start and the end of the first (longest) span there
        for s in spans:
            start, end = s.start, s.end
            if start != group_start:
                if start < group_start:
                    return self._outermost_any_order(spans)
                if group_end > reach:
                    reach = group_end
                group_start, group_end = start, end
            elif end > group_end:
                return self._outermost_any_order(spans)
            if reach < end and group_end <= end:
                out.append(s)
        return out

    @staticmethod
    def _outermost_any_order(spans: Sequence[Span]) -> list[Span]:
        """:meth:`outermost` of a list in any order: the sweep over its spans sorted by start, longest first."""
        keys = list(zip(map(_START, spans), map(neg, map(_END, spans))))  # (start, -end), built in C
        order = sorted(range(len(spans)), key=keys.__getitem__)
        nested = [False] * len(spans)
        reach = -1  # furthest end of the spans starting before the current start
        k = 0
        while k < len(order):
            j = k
            while j < len(order) and spans[order[j]].start == spans[order[k]].start:
                j += 1
            group_end = spans[order[k]].end  # the group is sorted by end, longest first
            for i in order[k:j]:
                if reach >= spans[i].end or group_end > spans[i].end:
                    nested[i] = True
            reach = max(reach, group_end)
            k = j
        return [s for i, s in enumerate(spans) if not nested[i]]

    def semis(self, start: int, end: int) -> list[tuple[int, int]]:
        """:func:`semi_spans` of the text, made once per span (several rules read each sentence's parts)."""
        found = self._parts.get((";", start, end))
        if found is None:
            found = self._parts[(";", start, end)] = semi_spans(self.text, start, end)
        return found

    def clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        """:func:`clause_spans` of the text, made once per span."""
        found = self._parts.get((",", start, end))
        if found is None:
            found = self._parts[(",", start, end)] = clause_spans(self.text, start, end)
        return found

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for a clean span: the original text slice and its offsets (made once per span:
        a sentence is the evidence of many relations)."""
        found = self._evidence.get((start, end))
        if found is None:
            o_start, o_end = self.document.to_original(start, end)
            found = self._evidence[(start, end)] = Evidence(self.document.doc_id, self.document.text[o_start:o_end],
                                                            o_start, o_end)
        return found

    def relation(self, type_: str, head: Span, tail: Span | str, ev: tuple[int, int], rule: str,
                 confidence: float, tail_label: str = "", attrs: tuple[tuple[str, str], ...] = ()) -> Relation:
        """A relation between a head mention and a tail mention (or a title string)."""
        evidence = self._evidence.get(ev) or self.evidence(*ev)  # most relations share an evidence made already
        if isinstance(tail, Span):
            return Relation(type_, head.name, tail.name, head.label, tail.label, evidence, rule, confidence, attrs)
        return Relation(type_, head.name, tail, head.label, tail_label, evidence, rule, confidence, attrs)


def within(spans: Sequence[Span], starts: Sequence[int], start: int, end: int) -> list[Span]:
    """The spans of a start-sorted list (``starts`` their starts) lying wholly inside ``[start, end]``."""
    return [s for s in spans[bisect.bisect_left(starts, start):bisect.bisect_right(starts, end)] if s.end <= end]


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-level clauses of ``text[start:end]`` as absolute spans."""
    return _parts(_CLAUSE, text, start, end)


def semi_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The ；-parts of ``text[start:end]`` as absolute spans (most sentences have no ；: two plain finds say so)."""
    if text.find("；", start, end) < 0 and text.find(";", start, end) < 0:
        return [(start, end)] if end > start else []
    return _parts(_SEMI, text, start, end)


def _parts(delimiter: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-empty pieces of ``text[start:end]`` between one-character delimiters."""
    out = []
    pos = start
    for m in delimiter.finditer(text, start, end):
        at = m.start()
        if at > pos:
            out.append((pos, at))
        pos = at + 1
    if end > pos:
        out.append((pos, end))
    return out


_LINE = re.compile(r"[^\n]+")


def _paragraphs(clean: str) -> list[tuple[int, int]]:
    out = []
    for m in _LINE.finditer(clean):
        a, b = m.span()
        if clean[a].isspace() or clean[b - 1].isspace():  # trim only the lines that need it
            line = m.group()
            if line.isspace():
                continue
            a += len(line) - len(line.lstrip())
            b -= len(line) - len(line.rstrip())
        out.append((a, b))
    return out or [(0, len(clean))]


def _to_clean(document: Document, mentions: Sequence[Mention]) -> list[tuple[int, int] | None]:
    """Map each mention's original span back to the clean text (None when it falls past its end)."""
    offsets = document.offsets
    if not offsets:
        return [(m.start, m.end) for m in mentions]
    size = len(document.clean)
    top = len(offsets) - 1
    bisect_left = bisect.bisect_left
    out: list[tuple[int, int] | None] = []
    shift = 0  # original minus clean position of the last mention: neighbours mostly share it
    for m in mentions:
        start, end = m.start, m.end
        a = start - shift
        if not (0 <= a <= top and offsets[a] == start and (a == 0 or offsets[a - 1] < start)):
            a = bisect_left(offsets, start)  # the guess is checked to be what bisect gives
        if a >= size:
            out.append(None)
            continue
        shift = start - a
        if end > start:
            b = a + end - 1 - start  # where the last character is when nothing inside was dropped or expanded
            if not (b <= top and offsets[b] == end - 1 and (b == 0 or offsets[b - 1] < end - 1)):
                b = bisect_left(offsets, end - 1)
            b += 1
        else:
            b = a
        out.append((a, b if b < size else size))
    return out


#: Keys of names, cached: the same park and company names come back document after document.
_park_key = functools.lru_cache(maxsize=65536)(park_key)
_company_key = functools.lru_cache(maxsize=65536)(company_key)


def _same_thing(a: Span | Mention, b: Mention) -> bool:
    """Two names of one park or company (the scorer's forgiving rule, used in the other direction)."""
    if a.label != b.label:
        return False
    if a.label == "PARK":
        ka, kb = park_key(a.text), park_key(b.text)
        short = min(len(ka), len(kb))
        return ka == kb or (short >= 4 and (ka.endswith(kb) or kb.endswith(ka)))
    if a.label == "COMPANY":
        ka, kb = company_key(a.text), company_key(b.text)
        return len(ka) >= 2 and ka == kb
    return a.text == b.text


def _longest_first(texts: list[str]) -> list[str]:
    """``texts`` (distinct) sorted longest first, then in string order: two sorts with C-level keys
    (the second keeps the first's order among equal lengths) instead of a key tuple per text."""
    texts.sort()
    texts.sort(key=len, reverse=True)
    return texts


#: A mention's (label, text): the pairs a document's names are grouped by.
_LABEL_TEXT = attrgetter("label", "text")


def longest_names(mentions: Sequence[Mention]) -> dict[tuple[str, str], str]:
    """(text, label) -> the longest name of the same thing in this document.

    The first name, longest first then in string order, that is the same thing
    (:func:`_same_thing`) and at least as long. Names are indexed by key (and a
    park's key by its suffixes), so each name looks up its few candidates
    instead of comparing with every other name.
    """
    pairs = set(map(_LABEL_TEXT, mentions))
    found = _longest_names(pairs)
    # other names are only the same thing when written the same
    return {(t, label): found.get((label, t), t) for label, t in pairs}


def _longest_names(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(label, text) -> the longest name (:func:`longest_names`) for the companies and parks among the
    distinct (label, text) pairs of a document's mentions; any other name is its own longest name."""
    by_label: dict[str, list[str]] = {"COMPANY": [], "PARK": []}
    out: dict[tuple[str, str], str] = {}
    for label, t in pairs:
        if label in by_label:
            by_label[label].append(t)
    for label, names in by_label.items():
        texts = _longest_first(names)
        if label == "COMPANY":
            first: dict[str, str] = {}
            for t in texts:
                k = _company_key(t)
                if len(k) >= 2:
                    out[(label, t)] = first.setdefault(k, t)
                else:
                    out[(label, t)] = t
        elif label == "PARK" and len(texts) <= _FEW_PARKS:
            out.update(zip(zip(repeat(label), texts), _few_park_names(texts)))
        elif label == "PARK":
            keys = list(map(_park_key, texts))
            exact: dict[str, list[int]] = {}
            for rank, k in enumerate(keys):
                exact.setdefault(k, []).append(rank)
            ending: dict[str, list[int]] = {}  # a key -> ranks of the keys ending with it (4+ characters)
            for rank, k in enumerate(keys):
                for cut in range(0, len(k) - 3):
                    if k[cut:] in exact:  # only keys are looked up here
                        ending.setdefault(k[cut:], []).append(rank)
            for rank, (t, k) in enumerate(zip(texts, keys)):
                candidates = [*exact[k]]
                if len(k) >= 4:
                    candidates += ending.get(k, [])
                    for cut in range(1, len(k) - 3):
                        candidates += exact.get(k[cut:], [])
                out[(label, t)] = texts[min(r for r in candidates if len(texts[r]) >= len(t))]
    return out


#: Up to this many park names a document's names are compared pairwise (fewer steps than indexing them).
_FEW_PARKS = 24


def _few_park_names(texts: list[str]) -> list[str]:
    """The longest name of each park name of ``texts`` (longest first, then in string order), comparing pairs.

    The same rule as the index: the first name that is the same park (equal
    keys, or one key ending with the other, both of 4+ characters) and at
    least as long. Names come longest first and a name is the same park as
    itself, so the answer is the first same park up to the name itself.
    """
    keys = list(map(_park_key, texts))
    out = []
    for rank, k in enumerate(keys):
        long_key = len(k) >= 4
        for r in range(rank + 1):
            other = keys[r]
            if other == k or long_key and (other.endswith(k) or len(other) >= 4 and k.endswith(other)):
                out.append(texts[r])
                break
    return out


#: Labels whose names, once recognised somewhere in a document, are the same thing wherever written.
_PROPAGATED = ("INDUSTRY",)


def _propagate(document: Document, pairs: set[tuple[str, str]],
               placed: Sequence[tuple[int, int] | None]) -> list[Mention]:
    """The occurrences of recognised industry names (``pairs``: the mentions' (label, text)) that no mention covers.

    Why: a recogniser may tag 医疗器械 in one sentence and miss it in the next;
    an industry named in a document is that industry wherever it is written
    again. Occurrences overlapping any mention are left alone. An occurrence
    ``[a, b)`` overlaps a mention when one starting before ``b`` reaches past
    ``a``: the mentions sorted by start and their running furthest end answer
    that by bisecting, instead of marking every mention's characters.
    """
    clean = document.clean
    spans = sorted(span for span in placed if span is not None and span[1] > span[0])
    starts = [span[0] for span in spans]
    reach = list(accumulate([span[1] for span in spans], max))  # furthest end of the spans up to each
    taken = bytearray(len(clean) + 1)  # the occurrences propagated here, which later names must not overlap
    extra: list[Mention] = []
    for text in _longest_first(list({t for label, t in pairs if label in _PROPAGATED and len(t) >= 2})):
        a = clean.find(text)
        while a >= 0:  # every occurrence, left to right, not overlapping
            b = a + len(text)
            i = bisect.bisect_left(starts, b)
            if not (i and reach[i - 1] > a) and not any(taken[a:b]):
                taken[a:b] = b"\x01" * (b - a)
                start, end = document.to_original(a, b)
                extra.append(Mention(text, "INDUSTRY", start, end, document.doc_id, "propagated"))
            a = clean.find(text, b)
    return extra


def build_view(document: Document, mentions: Sequence[Mention]) -> DocView:
    """Place every mention on the clean text and attach its longest name."""
    placed = _to_clean(document, mentions)
    label_texts = list(map(_LABEL_TEXT, mentions))
    pairs = set(label_texts)  # propagated mentions repeat these names: no new pairs
    extra = _propagate(document, pairs, placed)
    if extra:
        mentions = [*mentions, *extra]
        placed += _to_clean(document, extra)
        label_texts += map(_LABEL_TEXT, extra)
    names = _longest_names(pairs).get
    keys: list[tuple[int, int, str]] = []  # each span's place in text order: by start, longest first, then by label
    spans: list[Span] = []
    for m, at, label_text in zip(mentions, placed, label_texts):
        if at is None:
            continue
        label, text = label_text
        if label == "PROJECT" and not is_named_project(text):
            continue
        keys.append((at[0], -at[1], label))
        spans.append(Span(m, at[0], at[1], names(label_text, text)))
    order = sorted(range(len(keys)), key=keys.__getitem__)  # stable: the first of equal places comes first
    if len(set(keys)) < len(keys):  # a name placed twice with one label (rare): its first mention stands
        order = [i for k, i in enumerate(order) if not k or keys[order[k - 1]] != keys[i]]
    return DocView(document, list(map(spans.__getitem__, order)),
                   list(sentence_spans(document.clean)) or [(0, len(document.clean))], _paragraphs(document.clean))


def locate_mentions(document: Document, entities: Iterable[tuple[str, str]]) -> list[Mention]:
    """Mentions for known (text, label) names: every occurrence in the clean text, longest match per label.

    Why: to run the relation stage on entities given from outside (gold
    annotations, test inputs) without the NER stage. An occurrence nested in a
    longer occurrence of the same label is dropped, as a longest-match
    recognizer would; nesting across labels (a company in a project name) stays.
    """
    found: set[tuple[int, int, str, str]] = set()
    for text, label in entities:
        needle = re.sub(r"\s+", "", text)
        if needle:
            for m in re.finditer(re.escape(needle), document.clean):
                found.add((m.start(), m.end(), label, needle))
    kept = []
    by_label: dict[str, list[tuple[int, int, str, str]]] = {}
    for f in found:
        by_label.setdefault(f[2], []).append(f)
    for items in by_label.values():
        # longest first at each start; a span is nested when an earlier-starting (or longer) one covers it
        items.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        reach = -1
        for f in items:
            if f[1] <= reach:
                continue
            kept.append(f)
            reach = max(reach, f[1])
    mentions = []
    for a, b, label, text in sorted(kept):
        start, end = document.to_original(a, b)
        mentions.append(Mention(text, label, start, end, document.doc_id, "given"))
    return mentions


#: Words that qualify 项目 without naming it (重点项目, 新开工项目, 入区重大项目).
_GENERIC_PROJECT_WORDS = ("招商引资", "亿元以上", "重点", "重大", "新建", "续建", "在建", "签约", "投产", "开工", "招引", "入区",
                          "工业", "技改", "产业", "转型", "优质", "一批", "其中", "所有", "上述", "相关", "投资", "省外",
                          "市级", "省级", "新", "大", "好", "该", "此", "各", "个", "批", "类", "级", "市", "省", "县", "区")


@functools.lru_cache(maxsize=65536)
def is_named_project(text: str) -> bool:
    """False for 项目 with no name (重点项目, 新开工项目): the guide's PROJECT needs a name."""
    rest = text
    changed = True
    while changed and rest != "项目":
        changed = False
        for w in _GENERIC_PROJECT_WORDS:
            if rest.startswith(w) and len(rest) > len(w):
                rest = rest[len(w):]
                changed = True
                break
    return rest != "项目"
