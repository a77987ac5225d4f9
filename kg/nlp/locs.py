"""LOC: administrative divisions, named regions, and place + 城市群/流域/谷地/大学城.

Division names come from the cpca-built lexicon with and without their
suffix. Short county names are often ordinary words (合作, 复兴, 新建), so a
short county name counts only where jieba tags the token as a place (ns);
province and prefecture short names count on a token boundary.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress
from operator import methodcaller

import numpy

from kg.nlp.analysis import Analysis, char_table
from kg.nlp.boundary import head_is_named, left_head
from kg.nlp.candidate import Candidate
from kg.nlp.terms import division_full, division_short, places, regions
from kg.nlp.vocabulary import frequency

__all__ = ["find_locs"]

#: 镇/乡/街道 not after 城/乡/村 nor before 镇/村/里; the look-behind comes after the suffix so that the search can
#: skip to the suffix's first character instead of testing the look-behind at every position.
_TOWNSHIP = re.compile(r"(?:(?:镇|乡)(?<![城乡村].)|街道(?<![城乡村]..))(?![镇村里])")
#: _TOWNSHIP one suffix at a time: a pattern that opens with one literal character is searched several times
#: faster than one that opens with a choice, and the three suffixes share no character, so their matches never
#: overlap and merged by position they are _TOWNSHIP's.
_TOWNSHIP_PARTS = tuple(re.compile(rf"{suffix}(?![镇村里])") for suffix in ("镇(?<![城乡村].)", "乡(?<![城乡村].)",
                                                                          "街道(?<![城乡村]..)"))
_NOT_TOWN = frozenset("全 各 该 本 小 古 特色 重点 城 乡 农村 城市 城镇 所在".split())
_ADJECTIVAL = ("特色", "式", "精神", "模式", "经验", "速度", "方案", "样板")
_TOWN = re.compile(r"大学城|职教城|科教城")
#: _TOWN one word at a time, for the same reason (the words overlap nowhere).
_TOWN_PARTS = tuple(re.compile(word) for word in ("大学城", "职教城", "科教城"))


def _merged(parts: tuple[re.Pattern[str], ...], text: str) -> Iterator[re.Match[str]]:
    """The matches of several patterns whose matches never overlap, in text order."""
    return heapq.merge(*(p.finditer(text) for p in parts), key=_START)


_START = methodcaller("start")
_AREA = re.compile(r"(?:中部|北部|南部|东部|西部|东南|西北|东北|西南)?(?:城市群|流域|谷地|盆地|平原|大学城)")
#: Division names that are also common words for any district (城区, 郊区, 矿区).
_GENERIC_DIVISIONS = frozenset("城区 郊区 矿区 新区 市辖区 市中区 开发区".split())


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return division_full() | frozenset(division_short()) | regions()


@lru_cache(maxsize=1)
def _known_shape() -> tuple[numpy.ndarray, int, int, numpy.ndarray]:
    """First characters, shortest and longest length, last characters of the known places (a token's shape test)."""
    known = _known()
    return (char_table(p[0] for p in known), min(map(len, known)), max(map(len, known)),
            char_table(p[-1] for p in known))


_EVENT = re.compile(r"[^，,。；;：:！!？?、\s“”《》()（）]{2,18}?(?:大会|会议|论坛|博览会|峰会|洽谈会|推介会|交易会|年会)")


def _opens_a_title(text: str, start: int, end: int) -> bool:
    """A place that opens a quoted title or an event name is part of that name."""
    if start > 0 and text[start - 1] in "“《":
        close = text.find("”" if text[start - 1] == "“" else "》", end)
        return 0 <= close - end <= 20 and close - end >= 4
    return _EVENT.match(text, end) is not None


def _glued_in_name(an: Analysis, i: int) -> bool:
    """A county's short name (token ``i`` is one) glued to more name: 崇明 in a trade name 崇明欣岚达, or in the
    person 岳崇明.

    Only county short names are this ambiguous; the next token being a word
    jieba does not know (a trade name), or the previous one a lone surname
    tagged as a name, shows the place is part of another name.
    """
    if i > 0 and len(an.words[i - 1]) == 1 and an.tags[i - 1] == "nr" and an.ends[i - 1] == an.starts[i]:
        return True
    return i + 1 < len(an.words) and _more_name(an.words[i + 1])


@lru_cache(maxsize=65536)
def _more_name(word: str) -> bool:
    """Whether a word after a county's short name makes it part of a name (cached: the word alone decides)."""
    if word in ("公司", "集团", "集团公司"):
        return True  # 某源公司: a county's short name as a trade name
    return (len(word) >= 2 and frequency(word) == 0 and all("\u4e00" <= ch <= "\u9fff" for ch in word)
            and word not in places())


_NO, _FULL, _SHORT, _COUNTY = 0, 1, 2, 3


@lru_cache(maxsize=65536)
def _division_kind(word: str, tag: str) -> int:
    """What a known place token is: no division here, a full or regional name, a short name, or a county's short
    name (which may be glued to another name).

    Why cached: it depends on the token alone, and a document names the same few places again and again.
    """
    if word in _GENERIC_DIVISIONS:
        return _NO
    if word in division_full() or word in regions():
        return _FULL
    level = division_short().get(word)
    if level is None or (level == "county" and frequency(word) >= (800 if tag == "ns" else 100)):
        return _NO
    return _COUNTY if level == "county" else _SHORT


def find_locs(an: Analysis) -> Iterator[Candidate]:
    full = division_full()
    text = an.text
    words, tags, starts, ends = an.words, an.tags, an.starts, an.ends
    n = len(words)
    for m in _merged(_TOWN_PARTS, text):  # 南岭大学城: a place or proper name + 大学城
        i = an.char_tok[m.start()]
        if starts[i] < m.start():  # 山西大学 + 城: jieba took the town for a university
            if text[starts[i] : m.start()] in places():
                yield Candidate(starts[i], m.end(), "LOC", "loc.university_town")
            continue
        i -= 1
        if i >= 0 and (tags[i] in ("ns", "nz", "nr", "j") or words[i] in places()):
            yield Candidate(starts[i], m.end(), "LOC", "loc.university_town")
    for m in _merged(_TOWNSHIP_PARTS, text):  # 盘陀镇, 朝阳街道: towns and subdistricts below the county lexicon
        if m.end() < len(text) and text[m.end()] in "企长委":
            continue  # 乡镇企业, 镇长, 镇党委 ...: not the place itself
        start = left_head(an, m.start(), max_chars=4)
        head = text[start : m.start()]
        if any(ch in head for ch in "省市县区名大小") or head in _NOT_TOWN:
            continue  # 名县名镇, 大镇小镇: slogans, not places
        if 2 <= len(head) <= 4 and head_is_named(an, start, m.start()):
            yield Candidate(start, m.end(), "LOC", "loc.township")
    known = _known()
    first, shortest, longest, last = _known_shape()
    shaped = an.tokens_shaped(first, shortest, longest, last)  # the few tokens shaped like a place, in order
    # The known places among them, picked in C: four in five shaped tokens are no place.
    for i in compress(shaped, map(known.__contains__, map(words.__getitem__, shaped))):
        word = words[i]
        kind = _division_kind(word, tags[i])
        if kind == _NO or (kind == _COUNTY and _glued_in_name(an, i)):
            continue
        end = ends[i]
        # 晋中 + 市 when jieba splits them.
        if i + 1 < n and words[i + 1] in ("省", "市", "县", "区") and word + words[i + 1] in full:
            end = ends[i + 1]
        if text.startswith(_ADJECTIVAL, end):
            continue  # 中国特色, 中国式, 某地精神: the place qualifies a notion and names no location
        m = _AREA.match(text, end)
        if m and word in places():
            yield Candidate(starts[i], m.end(), "LOC", "loc.area")
        elif not _opens_a_title(text, starts[i], end):  # “某省清廉机关示范单位”, 某省招商大会: part of a name
            yield Candidate(starts[i], end, "LOC", "loc.division")
