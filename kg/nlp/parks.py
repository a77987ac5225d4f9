"""PARK: the naming grammar of Chinese development zones.

A park name is a head (a place, a proper noun, or for industry parks an
industry) followed by a zone suffix (经济技术开发区, 产业园, 综保区 ...), the
head found by :func:`~kg.nlp.boundary.left_head`. A zone abbreviation right
before a park name joins it (综改区临江开发区). Bare suffixes (开发区, 园区,
高新区, 综改区) name nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.nlp.analysis import Analysis
from kg.nlp.boundary import GENERIC_HEADS, cut_inner, head_is_named, left_head, strip_generic
from kg.nlp.candidate import Candidate
from kg.nlp.lexscan import LexiconScan
from kg.nlp.terms import industries, zone_suffixes
from kg.nlp.trie import trie_alternation

__all__ = ["find_parks"]

#: Suffixes whose head may be an industry rather than a proper noun (医疗器械产业园).
_INDUSTRY_HEADED = ("产业园", "产业园区", "产业集聚区", "产业示范园", "产业示范区", "示范园", "主题园", "创新园",
                    "科技园", "物流园", "工业园")


@lru_cache(maxsize=1)
def _suffix_re() -> re.Pattern[str]:
    """The zone suffixes as a regex, for the short stretch before a suffix (searched with an end bound)."""
    return re.compile(trie_alternation(tuple(zone_suffixes())))


@lru_cache(maxsize=1)
def _suffix_scan() -> LexiconScan:
    return LexiconScan(zone_suffixes())


@lru_cache(maxsize=1)
def _abbrevs() -> tuple[str, ...]:
    """Zone abbreviations (高新区, 经开区) in lexicon order."""
    return tuple(suffix for suffix, kind in zone_suffixes().items() if kind == "abbrev")


@lru_cache(maxsize=1)
def _industry_terms() -> tuple[str, ...]:
    return tuple(term for term in industries() if len(term) >= 2)


def _has_industry(head: str) -> bool:
    return any(term in head for term in _industry_terms())


def kind_of(suffix: str) -> str:
    return zone_suffixes().get(suffix, "")


def _noun_head(an: Analysis, start: int, end: int) -> bool:
    pairs = an.tags_between(start, end)
    return bool(pairs) and len(an.text[start:end]) >= 2 and all(t[:1] in "nj" for _, t in pairs)


def find_parks(an: Analysis) -> Iterator[Candidate]:
    text = an.text
    for _, pos, end in _suffix_scan().spans(text):
        if not an.is_token_end(end) and end < len(text) and text[end] in "区园":
            continue  # part of a longer word
        suffix = text[pos:end]
        start = left_head(an, pos, max_chars=14)
        if start == pos:
            continue  # no head: nothing below can make one
        # A head never runs across an earlier zone suffix (东湖园区智能制造产业园 is two parks).
        for inner in _suffix_re().finditer(text, start, pos):
            if an.is_token_end(inner.end()):
                start = inner.end()
        start = strip_generic(an, cut_inner(an, start, pos, at_end=True), pos)
        head = text[start:pos]
        if not head:
            continue
        if head in GENERIC_HEADS or len(head.strip("“”")) < 2:
            continue
        if head_is_named(an, start, pos):
            rule = "park.named_head"
        elif suffix in _INDUSTRY_HEADED and (_has_industry(head) or head.startswith("“")):
            rule = "park.industry_head"
        elif (len(suffix) >= 5 or kind_of(suffix) == "abbrev") and _noun_head(an, start, pos):
            rule = "park.formal_suffix"  # 临河经济技术开发区: a formal zone suffix after a plain noun head
        elif suffix in ("园区",) and len(head) == 2 and an.is_token_start(start):
            rule = "park.subpark"  # 书院园区: a two-character name before 园区
        else:
            continue
        # A zone abbreviation right before the name joins it: 综改区临江开发区.
        for abbrev in _abbrevs():
            if text.endswith(abbrev, 0, start):
                own = start - len(abbrev)
                if own > 0 and head_is_named(an, left_head(an, own, max_chars=8), own):
                    break  # 宜昌高新区 + 某某工业园: the abbreviation has its own name, so it is a park of its own
                start = own
                break
        yield Candidate(start, end, "PARK", rule)
