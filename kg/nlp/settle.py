"""Settle overlapping candidates into the document's mentions.

Order of work:

1. Outer layer: candidates sorted longest first, then enumeration labels
   before rule labels (a list's class word knows best), then by
   :data:`PRIORITY` (earlier label wins), then leftmost; a candidate
   overlapping a kept one is dropped.
2. Nested names: a COMPANY, PARK or ORG candidate inside a kept PROJECT is
   kept too (the guide annotates 某公司 inside 某公司年产…项目).
3. One label per name: a surface form found with several labels keeps the
   label most of its mentions have (ties by priority) everywhere.
4. Every other mention of a found name in the same document is a mention
   (a person named once with a title, then alone), as are the short forms of
   a company's full name (大川重工 for 大川重工股份有限公司).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import attrgetter, itemgetter

import numpy

from kg.nlp.analysis import Analysis
from kg.nlp.candidate import Candidate
from kg.nlp.boundary import is_proper
from kg.nlp.companies import short_forms
from kg.nlp.terms import industry_set, legal_suffixes, places

__all__ = ["PRIORITY", "settle"]

#: Overlaps are settled by length (the longest name wins), then by this order (earlier wins).
PRIORITY: tuple[str, ...] = ("PROJECT", "PARK", "COMPANY", "ORG", "PERSON", "INDUSTRY", "LOC")
_RANK = {label: i for i, label in enumerate(PRIORITY)}
_BIG = 1 << 62
_LABEL = attrgetter("label")
_POSITION = attrgetter("start", "end", "label")
_NESTABLE = ("COMPANY", "PARK", "ORG")
#: Labels whose names are looked for again across the document.
_PROPAGATE = ("PERSON", "COMPANY", "PARK", "ORG")


def _layer(cands: Sequence[Candidate], size: int) -> list[Candidate]:
    kept = []
    used = bytearray(size)
    # An enumeration's label comes from its context (等企业, 3个主导产业): it wins on the same span.
    # The keys come from one comprehension and the (stable) sort orders positions by them: no Python call per key.
    keys = [(c.start - c.end, not c.rule.startswith("enum."), _RANK[c.label], c.start) for c in cands]
    for k in sorted(range(len(keys)), key=keys.__getitem__):
        c = cands[k]
        if c.end > c.start and used.find(1, c.start, c.end) < 0:
            used[c.start : c.end] = b"\x01" * (c.end - c.start)
            kept.append(c)
    return kept


def _strictly_inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one of the sorted, non-overlapping ``spans`` and is not equal to it."""
    k = bisect_right(spans, (start, _BIG)) - 1  # the last span starting at or before ``start``
    if k < 0:
        return False
    ps, pe = spans[k]
    return ps <= start and end <= pe and (start, end) != (ps, pe)


def settle(an: Analysis, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Non-overlapping mentions (plus names nested in projects), one label per name, propagated."""
    text = an.text
    kept = _layer(candidates, len(text))
    projects = sorted((c.start, c.end) for c in kept if c.label == "PROJECT")
    if projects:
        covered = bytearray(len(text) + 1)  # a quick test first: a name inside a project starts where a project is
        for ps, pe in projects:
            covered[ps:pe] = b"\x01" * (pe - ps)
        inner = [
            c for c in candidates
            if c.label in _NESTABLE and c.rule != "company.site" and covered[c.start]
            and _strictly_inside(projects, c.start, c.end)
        ]
        kept += _layer(inner, len(text))

    surfaces = [text[c.start : c.end] for c in kept]
    labels = list(map(_LABEL, kept))
    label_of = dict(zip(surfaces, labels))  # names in order of first mention; right unless a name has two labels
    pairs = set(zip(surfaces, labels))
    if len(pairs) > len(label_of):  # a name found with several labels: the most frequent wins, ties by priority
        votes = Counter(zip(surfaces, labels))
        for name, n_labels in Counter(map(itemgetter(0), pairs)).most_common():
            if n_labels == 1:
                break
            label_of[name] = min(PRIORITY, key=lambda lab: (-votes[name, lab], _RANK[lab]))
        kept = [c if c.label == label_of[name] else Candidate(c.start, c.end, label_of[name], c.rule)
                for name, c in zip(surfaces, kept)]

    names = {name: lab for name, lab in label_of.items() if lab in _PROPAGATE and len(name) >= 2}
    shorts: set[str] = set()
    for name, lab in list(names.items()):
        if lab == "COMPANY" and name.endswith(legal_suffixes()):  # only a full legal name vouches for its short forms
            for short in short_forms(name):
                if short not in names:
                    names[short] = "COMPANY"
                    shorts.add(short)
    names = {n: lab for n, lab in names.items() if (n in shorts or n not in places()) and n not in industry_set()}
    if names:
        kept = _propagate(an, kept, names, shorts)
    return sorted(kept, key=_POSITION)


def _leftmost_longest(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of ``names`` (each of two or more characters) in ``text`` as a longest-first regex alternation's
    ``finditer`` finds them: left to right, at each start the longest name, then on from its end.

    Why not that regex: compiling a new alternation for every document costs
    more than this. Why not ``str.find`` per name: that reads the text once per
    name (fifty or so names a document); here one numpy pass marks where the first
    two characters of some name stand (by their low 16 bits: a superset), and only
    there are names compared.
    """
    groups: dict[str, list[str]] = {}  # the first two characters -> the names that start with them, longest first
    for name in sorted(names, key=len, reverse=True):
        groups.setdefault(name[:2], []).append(name)
    if not groups or len(text) < 2:
        return []
    low = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32).astype(numpy.uint16)
    first = numpy.zeros(0x10000, dtype=bool)
    second = numpy.zeros(0x10000, dtype=bool)
    first[[ord(pair[0]) & 0xFFFF for pair in groups]] = True
    second[[ord(pair[1]) & 0xFFFF for pair in groups]] = True
    spans = []
    pos = 0
    startswith = text.startswith
    for s in numpy.flatnonzero(first[low[:-1]] & second[low[1:]]).tolist():
        if s < pos:
            continue
        for name in groups.get(text[s : s + 2], ()):
            if startswith(name, s):
                pos = s + len(name)
                spans.append((s, pos))
                break
    return spans


def _propagate(an: Analysis, kept: list[Candidate], names: dict[str, str], shorts: set[str]) -> list[Candidate]:
    """Add every other occurrence of a found name; a longer name replaces shorter mentions inside it."""
    text = an.text
    owner = [-1] * len(text)  # index in ``kept`` of the non-project mention holding each character
    in_project = bytearray(len(text))
    for k, c in enumerate(kept):
        if c.label == "PROJECT":
            in_project[c.start : c.end] = b"\x01" * (c.end - c.start)
        else:
            owner[c.start : c.end] = [k] * (c.end - c.start)
    spans = {(c.start, c.end) for c in kept}
    dropped: set[int] = set()
    for s, e in _leftmost_longest(text, names):
        name = text[s:e]
        label = names[name]
        if (s, e) in spans or not an.is_token_start(s):
            continue
        if label == "PERSON" and not an.is_token_end(e):
            continue
        if name in shorts and e < len(text) and an.is_token_start(e):
            i = an.char_tok[e]
            if an.tags[i] in ("nr", "nrt", "nz", "j", "ns") and is_proper(an.words[i], an.tags[i]):
                continue  # 某能 inside 某能美佳: a short form followed by more name is a different name
        held = {owner[i] for i in range(s, e) if owner[i] >= 0}
        # Replace only mentions wholly inside this one and not nested in a project (大川重工 over 川重工).
        if any(not (s <= kept[k].start and kept[k].end <= e) or in_project[kept[k].start] for k in held):
            continue
        dropped |= held
        kept.append(Candidate(s, e, label, "propagate.same_document"))
        owner[s:e] = [len(kept) - 1] * (e - s)
        spans.add((s, e))
    return [c for k, c in enumerate(kept) if k not in dropped]
