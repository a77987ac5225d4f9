"""LOC: administrative divisions, named regions, and place + 城市群/流域/谷地/大学城.

Division names come from the cpca-built lexicon with and without their
suffix. Short county names are often ordinary words (合作, 复兴, 新建), so a
short county name counts only where jieba tags the token as a place (ns);
province and prefecture short names count on a token boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.nlp.analysis import Analysis
from kg.nlp.boundary import head_is_named, left_head
from kg.nlp.candidate import Candidate
from kg.nlp.terms import division_full, division_short, places, regions
from kg.nlp.vocabulary import frequency

__all__ = ["find_locs"]

_TOWNSHIP = re.compile(r"(?<![城乡村])(?:镇|乡|街道)(?![镇村里])")
_NOT_TOWN = frozenset("全 各 该 本 小 古 特色 重点 城 乡 农村 城市 城镇 所在".split())
_ADJECTIVAL = ("特色", "式", "精神", "模式", "经验", "速度", "方案", "样板")
_TOWN = re.compile(r"大学城|职教城|科教城")
_AREA = re.compile(r"(?:中部|北部|南部|东部|西部|东南|西北|东北|西南)?(?:城市群|流域|谷地|盆地|平原|大学城)")
#: Division names that are also common words for any district (城区, 郊区, 矿区).
_GENERIC_DIVISIONS = frozenset("城区 郊区 矿区 新区 市辖区 市中区 开发区".split())


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return division_full() | frozenset(division_short()) | regions()


_EVENT = re.compile(r"[^，,。；;：:！!？?、\s“”《》()（）]{2,18}?(?:大会|会议|论坛|博览会|峰会|洽谈会|推介会|交易会|年会)")


def _opens_a_title(text: str, start: int, end: int) -> bool:
    """A place that opens a quoted title or an event name is part of that name."""
    if start > 0 and text[start - 1] in "“《":
        close = text.find("”" if text[start - 1] == "“" else "》", end)
        return 0 <= close - end <= 20 and close - end >= 4
    return _EVENT.match(text, end) is not None


def find_locs(an: Analysis) -> Iterator[Candidate]:
    full, short, named = division_full(), division_short(), regions()
    text = an.text
    words, tags, starts, ends = an.words, an.tags, an.starts, an.ends
    n = len(words)
    for m in _TOWN.finditer(text):  # 南岭大学城: a place or proper name + 大学城
        i = an.char_tok[m.start()]
        if starts[i] < m.start():  # 山西大学 + 城: jieba took the town for a university
            if text[starts[i] : m.start()] in places():
                yield Candidate(starts[i], m.end(), "LOC", "loc.university_town")
            continue
        i -= 1
        if i >= 0 and (tags[i] in ("ns", "nz", "nr", "j") or words[i] in places()):
            yield Candidate(starts[i], m.end(), "LOC", "loc.university_town")
    for m in _TOWNSHIP.finditer(text):  # 盘陀镇, 朝阳街道: towns and subdistricts below the county lexicon
        if m.end() < len(text) and text[m.end()] in "企长委":
            continue  # 乡镇企业, 镇长, 镇党委 ...: not the place itself
        start = left_head(an, m.start(), max_chars=4)
        head = text[start : m.start()]
        if any(ch in head for ch in "省市县区名大小") or head in _NOT_TOWN:
            continue  # 名县名镇, 大镇小镇: slogans, not places
        if 2 <= len(head) <= 4 and head_is_named(an, start, m.start()):
            yield Candidate(start, m.end(), "LOC", "loc.township")
    known = _known()
    for i in [k for k, w in enumerate(words) if w in known]:
        word = words[i]
        if word in _GENERIC_DIVISIONS:
            continue
        if word in full or word in named:
            hit = True
        else:
            level = short.get(word)
            hit = level is not None and (level != "county" or frequency(word) < (800 if tags[i] == "ns" else 100))
        if not hit:
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
