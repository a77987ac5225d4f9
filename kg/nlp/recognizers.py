"""Rule recognizers for the seven entity labels, run on the cleaned text of a document.

Why rules: the product runs offline with no model download, and the genre
(development-zone news) names things by a regular grammar: a place or
proper-noun head plus a zone suffix, a legal suffix, a title beside a name.
Each recognizer yields :class:`Candidate` spans; :func:`settle` keeps one
label per character by a documented priority order and longest match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicons import column, rows

__all__ = ["PRIORITY", "Candidate", "recognize", "settle"]

#: Overlaps are settled by this order (earlier wins), then by length.
PRIORITY: tuple[str, ...] = ("PROJECT", "PARK", "COMPANY", "ORG", "PERSON", "INDUSTRY", "LOC")


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    label: str
    rule: str


_ZONE_SUFFIX = (
    "农业高新技术产业示范区|高新技术产业开发区|高新技术开发区|经济技术开发区|综合改革示范区|"
    "综合保税区|经济开发区|工业园区|产业园区|综改示范区|高新区|经开区|综保区|农高区|综改区|"
    "产业园|工业园|科技园|物流园|保税区|开发区|示范区|园区"
)
_HEAD_STOP = set("的在于和与及、,，。;；:：!?“”\"'()（）《》[]【】 \n是为对把将向从到赴由被让给等了着过就也都还又再")
_VERB_STOP = re.compile(r"位于|落户|落地|入驻|坐落于|引进|签约|推动|建设|打造|参观|考察|走进|来到|举办|召开|成立|支持|推进|实施|依托|围绕|成为|组织|开展|赴|到|在|与|和|及")


@lru_cache(maxsize=1)
def _places() -> tuple[str, ...]:
    names: set[str] = set()
    for r in rows("divisions"):
        names.add(r["name"])
        if r.get("short"):
            names.add(r["short"])
    names.update(column("regions"))
    return tuple(sorted(names, key=lambda v: (-len(v), v)))


@lru_cache(maxsize=1)
def _place_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(p) for p in _places()))


def _left_head(text: str, end: int, max_len: int = 12) -> int:
    """Walk left from ``end`` over characters that can belong to a name head; cut after a verb."""
    start = end
    while start > 0 and end - start < max_len and text[start - 1] not in _HEAD_STOP and not text[start - 1].isdigit():
        start -= 1
    last = None
    for m in _VERB_STOP.finditer(text, start, end):
        last = m
    return last.end() if last is not None else start


def _parks(text: str) -> Iterator[Candidate]:
    for m in re.finditer(_ZONE_SUFFIX, text):
        start = _left_head(text, m.start())
        if start == m.start():
            continue
        yield Candidate(start, m.end(), "PARK", "park.suffix")


def _companies(text: str) -> Iterator[Candidate]:
    suffixes = "|".join(re.escape(s) for s in column("legal_suffixes"))
    for m in re.finditer(rf"(?:\([^()]{{1,6}}\))?(?:{suffixes})", text):
        start = _left_head(text, m.start(), max_len=16)
        if start == m.start():
            continue
        yield Candidate(start, m.end(), "COMPANY", "company.legal_suffix")


def _persons(text: str) -> Iterator[Candidate]:
    titles = "|".join(re.escape(t) for t in column("titles"))
    surnames = "".join(column("surnames")) if _has("surnames") else ""
    if not surnames:
        return
    name = rf"[{surnames}][\u4e00-\u9fff]{{1,2}}"
    for m in re.finditer(rf"(?:{titles})({name})(?=[,，、。说表示指出强调在同带率一等和与及的主]|$)", text):
        yield Candidate(m.start(1), m.end(1), "PERSON", "person.after_title")
    for m in re.finditer(rf"({name})(?:{titles})", text):
        yield Candidate(m.start(1), m.end(1), "PERSON", "person.before_title")


def _has(name: str) -> bool:
    try:
        return bool(rows(name))
    except OSError:
        return False


def _industries(text: str) -> Iterator[Candidate]:
    if _has("industries"):
        terms = column("industries")
        for m in re.finditer("|".join(re.escape(t) for t in terms), text):
            yield Candidate(m.start(), m.end(), "INDUSTRY", "industry.lexicon")


def _projects(text: str) -> Iterator[Candidate]:
    for m in re.finditer("项目", text):
        start = _left_head(text, m.start(), max_len=30)
        if m.start() - start < 2:
            continue
        yield Candidate(start, m.end(), "PROJECT", "project.suffix")


_ORG_SUFFIX = (
    "发展和改革委员会|人民代表大会|人民政府|管理委员会|委员会|管委会|党工委|政府|商务厅|厅|局|"
    "大学|学院|研究院|研究所|协会|商会|联合会|日报|电视台|新华社"
)


def _orgs(text: str) -> Iterator[Candidate]:
    for m in re.finditer(_ORG_SUFFIX, text):
        start = _left_head(text, m.start())
        if start == m.start() and m.group(0) not in ("新华社",):
            continue
        yield Candidate(start, m.end(), "ORG", "org.suffix")


def _locs(text: str) -> Iterator[Candidate]:
    for m in _place_re().finditer(text):
        yield Candidate(m.start(), m.end(), "LOC", "loc.lexicon")


_RECOGNIZERS = (_projects, _parks, _companies, _orgs, _persons, _industries, _locs)


def recognize(text: str) -> list[Candidate]:
    """Every candidate span from every recognizer, before overlaps are settled."""
    found: list[Candidate] = []
    for recognizer in _RECOGNIZERS:
        found.extend(recognizer(text))
    return found


def settle(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Keep non-overlapping spans: by :data:`PRIORITY`, then longest, then leftmost."""
    rank = {label: i for i, label in enumerate(PRIORITY)}
    ordered = sorted(candidates, key=lambda c: (rank[c.label], -(c.end - c.start), c.start))
    taken: list[tuple[int, int]] = []
    kept: list[Candidate] = []
    for c in ordered:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end))
