"""Enumerations: every item of a list joined by 、 takes the label its context gives.

In 引进了甲汽车、乙光伏、丙物流等一批重点企业 the class word after 等 (企业)
says what every item is, names in no lexicon included. Class words map to
labels: 企业/公司 -> COMPANY, 园区 -> PARK, 产业/行业/赛道 -> INDUSTRY, and
项目 -> COMPANY for items that read as company names, else PROJECT. A list
with no class word whose items are mostly company names is a list of
companies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.nlp.analysis import Analysis
from kg.nlp.boundary import BOUNDARY_WORDS, GENERIC_HEADS, token_ok
from kg.nlp.candidate import Candidate
from kg.nlp.companies import is_company_like
from kg.nlp.terms import industries, places

__all__ = ["find_enumerations"]

_CLAUSE = re.compile(r"[^，,。；;：:！!？?\n]+")
_CLASS = re.compile(
    r"(?:等|等等)?\s*(?:\d+|[一二三四五六七八九十两多几数百]+)?(?:个|家|户|条|大|批|项|类|些|座)?"
    r"[\u4e00-\u9fff“”]{0,6}?(企业|公司|项目|园区|产业链|产业集群|产业|行业|主业|赛道)"
)
_LABEL = {"企业": "COMPANY", "公司": "COMPANY", "园区": "PARK", "产业链": "INDUSTRY", "产业集群": "INDUSTRY",
          "产业": "INDUSTRY", "行业": "INDUSTRY", "主业": "INDUSTRY", "赛道": "INDUSTRY"}
_JOIN = re.compile(r"以及|和|及|与")


def _item_token_ok(word: str, tag: str) -> bool:
    if word in BOUNDARY_WORDS:
        return False
    return tag == "v" or token_ok(word, tag)


def _tail_name(an: Analysis, start: int, end: int) -> int:
    """Start of the name that ends a segment: walk left over name tokens (verbs allowed inside items)."""
    s = end
    while s > start:
        i = an.char_tok[s - 1]
        word = an.text[max(an.starts[i], start) : s]
        if word in (")", "）", "(", "（") or _item_token_ok(word, an.tags[i]):
            s = max(an.starts[i], start)
        else:
            break
    return s


def _head_name(an: Analysis, start: int, end: int) -> int:
    """End of the name that starts the last segment: walk right until 等, a number or a stop word."""
    e = start
    while e < end:
        i = an.char_tok[e]
        word = an.text[e : min(an.ends[i], end)]
        if word in (")", "）", "(", "（") or _item_token_ok(word, an.tags[i]):
            e = min(an.ends[i], end)
        else:
            break
    return e


def _nouns(an: Analysis, start: int, end: int) -> bool:
    return all(t[:1] in "nj" or t in ("vn", "eng") for _, t in an.tags_between(start, end))


def _has_noun(an: Analysis, start: int, end: int) -> bool:
    return any(t[:1] in "njl" or t == "eng" for _, t in an.tags_between(start, end))


def find_enumerations(an: Analysis) -> Iterator[Candidate]:
    text = an.text
    for clause in _CLAUSE.finditer(text):
        if "、" not in clause.group(0):
            continue
        c0, c1 = clause.span()
        cuts = [c0] + [c0 + k for k, ch in enumerate(clause.group(0)) if ch == "、"] + [c1]
        segments = [(cuts[k] + (1 if k else 0), cuts[k + 1]) for k in range(len(cuts) - 1)]
        items: list[tuple[int, int]] = []
        for k, (s, e) in enumerate(segments):
            last = k == len(segments) - 1
            if last:
                e2 = _head_name(an, s, e)
                j = _JOIN.search(text, s, e2)  # 甲、乙和丙: the join word splits the last segment
                if j and j.start() > s and _has_noun(an, j.end(), e2):
                    items.append((s, j.start()))
                    s = j.end()
                    e2 = _head_name(an, s, e)
                items.append((s, e2))
                tail = text[e2:c1]
                break
            ns = _tail_name(an, s, e)
            if ns > s:
                items = []  # something before the name: the list starts here
            items.append((ns, e))
        if items:  # the first item loses a leading verb of two or more characters (形成, 布局)
            s, e = items[0]
            while s < e:
                i = an.char_tok[s]
                if an.tags[i] == "v" and an.ends[i] - an.starts[i] >= 2 or an.words[i] in BOUNDARY_WORDS:
                    s = min(an.ends[i], e)
                else:
                    break
            items[0] = (s, e)
        items = [(s, e) for s, e in items if 2 <= e - s <= 20 and _has_noun(an, s, e)
                 and text[s:e] not in places() and text[s:e] not in GENERIC_HEADS]
        if len(items) < 2:
            continue
        m = _CLASS.match(tail)
        if m and any(t == "v" for _, t in an.tags_between(c1 - len(tail), c1 - len(tail) + m.start(1))):
            m = None  # 等开展项目招引: a verb between the list and the class word
        if m:
            word = m.group(1)
            for s, e in items:
                if word == "项目":
                    label = "COMPANY" if is_company_like(an, s, e) else "PROJECT"
                else:
                    label = _LABEL[word]
                if label == "INDUSTRY" and text[s:e] not in industries():
                    term = next((t for t in industries() if text.endswith(t, s, e) and e - s > len(t)), None)
                    if term and not _nouns(an, s, e - len(term)):
                        s = e - len(term)
                yield Candidate(s, e, label, f"enum.{word}")
        elif sum(is_company_like(an, s, e) for s, e in items) * 2 > len(items):
            for s, e in items:
                yield Candidate(s, e, "COMPANY", "enum.companies")
