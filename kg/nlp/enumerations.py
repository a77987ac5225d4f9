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
from collections.abc import Callable, Iterator
from functools import lru_cache

from kg.nlp.analysis import Analysis
from kg.nlp.boundary import BOUNDARY_WORDS, GENERIC_HEADS, cut_inner, head_is_named, strip_generic, token_ok
from kg.nlp.candidate import Candidate
from kg.nlp.companies import is_company_like
from kg.nlp.industries import QUALIFIERS, is_industry_head
from kg.nlp.projects import project_head_named
from kg.nlp.terms import company_words, industries, industry_set, legal_suffixes, places
from kg.nlp.trie import trie_alternation
from kg.nlp.vocabulary import frequency

__all__ = ["find_enumerations"]

_COUNT = r"(?:\d+|[一二三四五六七八九十两多几数百]+)(?:个|家|户|条|大|批|项|类|些|座)"
_DELIMITERS = "，,。；;：:！!？?\n"
_NUMERALS = r"\d一二三四五六七八九十两多几数百"
_MEASURES = "个家户条大批项类些座"
#: A clause's text up to its first list sign: 、, 等, or a numeral right before a measure word (a count: 3个, 一批).
_NO_SIGN = rf"[^{_DELIMITERS}、等{_NUMERALS}]*+(?:[{_NUMERALS}](?![{_MEASURES}])[^{_DELIMITERS}、等{_NUMERALS}]*+)*+"
#: Group 1: the next clause (between ，。；：！？ and line ends) that holds a list sign; the rules below read no
#: other clause. Clauses without a sign are passed over inside the match rather than one by one in Python, and
#: with every repeat possessive and a last branch that takes a sign-free tail, no search ever restarts: one pass.
_LIST_CLAUSE = re.compile(
    rf"(?:{_NO_SIGN}[{_DELIMITERS}])*+(?:({_NO_SIGN}(?:[、等]|[{_NUMERALS}](?=[{_MEASURES}]))[^{_DELIMITERS}]*)|{_NO_SIGN}\Z)"
)
#: What closes a list: 等 or a count (3个, 一批), a few qualifying characters, then the class word.
#: 产业项目 and 产业化项目 are projects: there 产业 qualifies, the class word is 项目.
_CLASS = re.compile(
    rf"(?:(?:等|等等)\s*(?:{_COUNT})?|{_COUNT})"
    r"[\u4e00-\u9fff“”]{0,6}?(企业|公司|项目|园区|产业链|产业集群|产业(?!化|项目|园)|行业|主业|赛道|成员单位)"
)
#: Every class word of _CLASS holds one of these.
_CLASS_WORDS = ("企业", "公司", "项目", "园区", "产业", "行业", "主业", "赛道", "单位")
_LABEL = {"企业": "COMPANY", "公司": "COMPANY", "单位": "COMPANY", "园区": "PARK", "产业链": "INDUSTRY", "产业集群": "INDUSTRY",
          "产业": "INDUSTRY", "成员单位": "COMPANY", "行业": "INDUSTRY", "主业": "INDUSTRY", "赛道": "INDUSTRY"}
_JOIN = re.compile(r"以及|和|及|与")
_DUN = re.compile("、")


_BRACKETS = frozenset((")", "）", "(", "（"))


@lru_cache(maxsize=65536)
def _item_token_ok(word: str, tag: str) -> bool:
    if word in BOUNDARY_WORDS:
        return False
    if tag == "v":  # verbs inside names are rare words (飞跃机器人); common ones end the item (签订)
        return len(word) == 1 or frequency(word) < 1000
    return (tag == "f" and len(word) >= 2) or token_ok(word, tag)


def _tail_name(an: Analysis, start: int, end: int) -> int:
    """Start of the name that ends a segment: walk left over name tokens (verbs allowed inside items)."""
    text, char_tok, starts, tags = an.text, an.char_tok, an.starts, an.tags
    s = end
    while s > start:
        i = char_tok[s - 1]
        left = starts[i] if starts[i] > start else start
        word = text[left:s]
        if word in _BRACKETS or _item_token_ok(word, tags[i]):
            s = left
        else:
            break
    return s


def _head_name(an: Analysis, start: int, end: int) -> int:
    """End of the name that starts the last segment: walk right until 等, a number or a stop word."""
    text, char_tok, ends, tags = an.text, an.char_tok, an.ends, an.tags
    e = start
    while e < end:
        i = char_tok[e]
        right = ends[i] if ends[i] < end else end
        word = text[e:right]
        if word in _BRACKETS or _item_token_ok(word, tags[i]):
            e = right
        elif tags[i] == "v" and text.startswith("等", ends[i]) and ends[i] <= end:
            e = ends[i]  # 南山希望等: a word right before 等 ends the last item, whatever its tag
            break
        else:
            break
    return e


class _TagTest(dict[str, bool]):
    """A test on a jieba tag, memoized: the rules below test the tags of many tokens, and there are a few dozen tags."""

    def __init__(self, test: Callable[[str], bool]) -> None:
        super().__init__()
        self._test = test

    def __missing__(self, tag: str) -> bool:
        self[tag] = found = self._test(tag)
        return found


_NOUN = _TagTest(lambda t: t[:1] in "nj" or t in ("vn", "eng"))
_NOUN_LIKE = _TagTest(lambda t: t[:1] in "njl" or t == "eng")
#: Tags that never end a whole segment (x, punctuation or a symbol, only for a word of letters and digits).
_NOT_PARTICLE = _TagTest(lambda t: t[:1] not in "upcrdxmq")


def _tags(an: Analysis, start: int, end: int) -> list[str]:
    """The tags of the tokens overlapping ``[start, end)`` (``tags_between`` without the words)."""
    if start >= end:
        return []
    return an.tags[an.char_tok[start] : an.char_tok[end - 1] + 1]


def _nouns(an: Analysis, start: int, end: int) -> bool:
    return all(map(_NOUN.__getitem__, _tags(an, start, end)))


def _has_noun(an: Analysis, start: int, end: int) -> bool:
    return any(map(_NOUN_LIKE.__getitem__, _tags(an, start, end)))


def _whole_segment(an: Analysis, s: int, e: int) -> bool:
    if s >= e or e - s > 16 or not an.is_token_start(s) or not an.is_token_end(e):
        return False
    first, last = an.char_tok[s], an.char_tok[e - 1] + 1
    if all(map(_NOT_PARTICLE.__getitem__, an.tags[first:last])):
        return True
    return all(t[:1] not in "upcrdxmq" or t == "x" and w.isalnum() for w, t in zip(an.words[first:last], an.tags[first:last]))


def _split_join(an: Analysis, s: int, e: int) -> list[tuple[int, int]]:
    """甲、乙和丙: a join word inside the last item splits it in two."""
    j = _JOIN.search(an.text, s, e)
    if j and j.start() > s and an.is_token_start(j.start()) and _has_noun(an, j.end(), e):
        return [(s, j.start()), (j.end(), e)]
    return [(s, e)]


def find_enumerations(an: Analysis) -> Iterator[Candidate]:
    text = an.text
    list_word, company_end = _list_word_re().search, _company_end_re().search
    for clause in _LIST_CLAUSE.finditer(text):
        c0, c1 = clause.span(1)
        if c0 < 0:
            continue  # the sign-free end of the text
        if not list_word(text, c0, c1):
            continue  # no class word and no company word: nothing to label (a quick test before the ones below)
        has_class = _CLASS.search(text, c0, c1) is not None
        if text.find("、", c0, c1) < 0:
            if has_class:  # both rules need one (a _SINGLE match is a _CLASS match too)
                yield from _pair_list(an, c0, c1)
                yield from _single_named(an, c0, c1)
            continue
        if not has_class and not company_end(text, c0, c1):
            continue  # neither a class word nor a company's last word: _label_list labels no item of this clause
        cuts = [c0] + [m.start() for m in _DUN.finditer(text, c0, c1)] + [c1]
        segments = [(cuts[k] + (1 if k else 0), cuts[k + 1]) for k in range(len(cuts) - 1)]
        items: list[tuple[int, int]] = []
        for k, (s, e) in enumerate(segments):
            if k == 0:
                items = [(_tail_name(an, s, e), e)]
                continue
            e2 = _head_name(an, s, e)
            deng = text.find("等", s, e)
            if deng > e2 and _whole_segment(an, s, deng):
                e2 = deng  # 光谷联合科技城等: up to 等 the segment is one item
            if e2 < e or k == len(segments) - 1:
                items.extend(_split_join(an, s, e2))
                yield from _label_list(an, items, e2, c1)
                ns = _tail_name(an, s, e)
                items = [(ns, e)] if ns > e2 else []
                continue
            if _whole_segment(an, s, e):  # between two 、 a segment with no particle is one item (光谷联合科技城)
                items.append((s, e))
                continue
            ns = _tail_name(an, s, e)
            if ns > s:
                items = []  # something before the name: the list starts here
            items.append((ns, e))


def _verb_between(an: Analysis, start: int, end: int) -> bool:
    """A common verb between a list and its class word (等开展项目招引) means the class word is not the list's."""
    return any(t == "v" and frequency(w) >= 1000 for w, t in an.tags_between(start, end))


_ZONE_END = re.compile(r"(?:产业园|工业园|科技园|园区|开发区|经开区|高新区)$")
_SINGLE = re.compile(r"等[\u4e00-\u9fff]{0,6}?(项目|企业)")


def _single_named(an: Analysis, c0: int, c1: int) -> Iterator[Candidate]:
    """某某等抽水蓄能项目, 某某等企业: one named item before 等 and a class word is one of its kind."""
    text = an.text
    for m in _SINGLE.finditer(text, c0, c1):
        if _verb_between(an, m.start() + 1, m.start(1)):
            continue
        s = _tail_name(an, c0, m.start())
        if s > c0 and text[s - 1] == "、":
            continue  # part of a longer list, handled there
        s = strip_generic(an, s, m.start())
        if m.start() - s < 2 or not head_is_named(an, s, m.start()):
            continue
        if m.group(1) == "企业":
            if _company_item(an, s, m.start()):
                yield Candidate(s, m.start(), "COMPANY", "enum.single_企业")
        elif not is_company_like(an, s, m.start()):
            yield Candidate(s, m.start(), "PROJECT", "enum.single_项目")


def _pair_list(an: Analysis, c0: int, c1: int) -> Iterator[Candidate]:
    """甲和乙 + class word (生物医药和医疗器械1个潜力产业): a two-item list with no 、."""
    text = an.text
    if not _CLASS.search(text, c0, c1):
        return
    for j in _JOIN.finditer(text, c0, c1):
        if not an.is_token_start(j.start()) or not _CLASS.search(text, j.end(), c1):
            continue
        s = _tail_name(an, c0, j.start())
        e2 = _head_name(an, j.end(), c1)
        if s < j.start() and e2 > j.end():
            yield from _label_list(an, [(s, j.start()), (j.end(), e2)], e2, c1, strict=True)


@lru_cache(maxsize=1)
def _company_ends() -> tuple[str, ...]:
    return legal_suffixes() + company_words()


@lru_cache(maxsize=1)
def _company_ends_by_length() -> tuple[tuple[int, frozenset[str]], ...]:
    ends = _company_ends()
    return tuple((n, frozenset(w for w in ends if len(w) == n)) for n in sorted({len(w) for w in ends}))


@lru_cache(maxsize=1)
def _company_end_lasts() -> frozenset[str]:
    return frozenset(w[-1] for w in _company_ends() if w)


def _ends_like_company(text: str, s: int, e: int) -> bool:
    """``text[s:e].endswith(_company_ends())`` with one set lookup per word length (a hundred words, five lengths),
    after a test of the last character that most items fail."""
    if e <= s or text[e - 1] not in _company_end_lasts():
        return False
    return any(e - n >= s and text[e - n : e] in ends for n, ends in _company_ends_by_length())


@lru_cache(maxsize=1)
def _company_end_re() -> re.Pattern[str]:
    return re.compile(trie_alternation(_company_ends()))


@lru_cache(maxsize=1)
def _list_word_re() -> re.Pattern[str]:
    """A class word or a company's last word, one of which any list that gets labels holds."""
    return re.compile(trie_alternation(_CLASS_WORDS + _company_ends()))


def _label_list(
    an: Analysis, items: list[tuple[int, int]], e2: int, c1: int, strict: bool = False
) -> Iterator[Candidate]:
    text = an.text
    if len(items) < 2:
        return
    cls = _CLASS.match(text, e2, c1)
    if cls is None and (strict or not any(_ends_like_company(text, s, e) for s, e in items)):
        return  # no class word and no item that could be a company: no list of names
    if items:  # the first item loses a leading verb of two or more characters (形成, 布局)
        s, e = items[0]
        while s < e:
            i = an.char_tok[s]
            if an.tags[i] == "v" and an.ends[i] - an.starts[i] >= 2 or an.words[i] in BOUNDARY_WORDS:
                s = min(an.ends[i], e)
            else:
                break
        items[0] = (cut_inner(an, s, e), e)
    parks = cls is not None and cls.group(1) == "园区"  # sub-parks are often named by places
    items = [(s, e) for s, e in items if 2 <= e - s <= 20 and text[s:e] not in GENERIC_HEADS
             and (parks or text[s:e] not in places()) and _has_noun(an, s, e)]
    if len(items) < 2:
        return
    m = cls
    if m and _verb_between(an, e2, m.start(1)):
        m = None  # 等开展项目招引: a verb between the list and the class word
    if m:
        word = m.group(1)
        if strict and word not in ("产业", "产业链", "产业集群", "行业", "企业", "公司"):
            return
        for k, (s, e) in enumerate(items):
            if word == "项目":
                label = _project_item_label(an, s, e)
                if label is None:
                    continue
            else:
                label = _LABEL[word]
            if label == "COMPANY" and (not _company_item(an, s, e) or _ZONE_END.search(text, e - 3, e)):
                continue  # a park among enterprises stays a park (某某产业园)
            if label == "PROJECT":
                stop = _place_and_proper(an, s, e)
                if stop:
                    yield Candidate(s, stop, "COMPANY", "enum.project_owner")
            if label == "INDUSTRY":
                span = _industry_item(an, s, e, first=k == 0 and word != "项目")
                if span is None:
                    continue
                s, e = span
            yield Candidate(s, e, label, f"enum.{word}")
    elif not strict and sum(is_company_like(an, s, e) for s, e in items) * 2 > len(items):
        for s, e in items:
            yield Candidate(s, e, "COMPANY", "enum.companies")


_NOT_COMPANY_ITEM = ("企业", "上下游", "配套", "骨干", "龙头")


def _place_and_proper(an: Analysis, s: int, e: int) -> int:
    """广东某某…: a project item that opens with a place and a proper name names its company; the end of that name."""
    i = an.char_tok[s]
    if an.starts[i] != s or an.words[i] not in places() or i + 1 >= len(an.words):
        return 0
    j = i + 1
    names = ("nr", "nz", "j", "nrt")
    while j < len(an.words) and an.ends[j] <= e and an.tags[j] in names and an.words[j] not in places():
        j += 1
    if j == i + 1:
        return 0
    stop = an.ends[j - 1]
    for word in company_words():  # 杭州某某医药MAH平台: the company keeps its industry word
        if an.text.startswith(word, stop) and stop + len(word) <= e and an.is_token_end(stop + len(word)):
            return stop + len(word)
    return stop


def _company_item(an: Analysis, s: int, e: int) -> bool:
    """An item of a company list that can be a company: a name, not a kind of enterprise (骨干企业, 上下游)."""
    text = an.text[s:e]
    return is_company_like(an, s, e) or not any(w in text for w in _NOT_COMPANY_ITEM)


def _project_item_label(an: Analysis, s: int, e: int) -> str | None:
    """An item of a 项目 list: a company, an industry (海洋生物医药等项目), a named project, or nothing."""
    text = an.text[s:e]
    if text.endswith("项目"):
        return "PROJECT" if project_head_named(an, s, e - 2) else None
    if text in industry_set() or text.endswith(("产业", "行业")):
        return "INDUSTRY" if _industry_item(an, s, e, first=False) else None
    if is_company_like(an, s, e):
        return "COMPANY"
    named = head_is_named(an, s, e)
    if not named and _industry_re().search(text):
        return "INDUSTRY" if _industry_item(an, s, e, first=False) else None
    if named and _only_a_name(an, s, e) and not _place_and_proper(an, s, e):
        return "COMPANY"  # 某某、某某等24个项目: an item that is only a name stands for its investor
    return "PROJECT" if named else None


@lru_cache(maxsize=1)
def _industry_re() -> re.Pattern[str]:
    """Any industry term: ``search`` finds one where ``any(t in text for t in industries())`` is true."""
    return re.compile(trie_alternation(industries()))


def _only_a_name(an: Analysis, s: int, e: int) -> bool:
    """No common noun of two or more characters among the tokens: nothing says what the item produces."""
    for w, t in an.tags_between(s, e):
        if t[:1] == "n" and t not in ("nr", "nrt", "ns", "nz", "nt") and len(w) >= 2 and frequency(w) >= 500:
            return False
        if t == "vn" and len(w) >= 2 and frequency(w) >= 1000:
            return False
    return True


#: Words that make a list item something other than an industry.
_NOT_INDUSTRY_ITEM = re.compile("公司|企业|园区|开发区|方式|范围")


@lru_cache(maxsize=1)
def _industry_order() -> dict[str, int]:
    """Each industry term's place in the lexicon."""
    order: dict[str, int] = {}
    for k, term in enumerate(industries()):
        order.setdefault(term, k)
    return order


@lru_cache(maxsize=1)
def _industry_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(t) for t in industries()}))


def _first_industry_ending(text: str, s: int, e: int) -> str | None:
    """``next(t for t in industries() if text.endswith(t, s, e) and e - s > len(t))``: of the terms that end the
    item with more before them, the one earliest in the lexicon; one dict lookup per term length, not per term."""
    order = _industry_order()
    best = None
    for n in _industry_lengths():
        if e - s <= n:
            break
        k = order.get(text[e - n : e])
        if k is not None and (best is None or k < best[0]):
            best = (k, text[e - n : e])
    return best[1] if best else None


def _industry_item(an: Analysis, s: int, e: int, first: bool) -> tuple[int, int] | None:
    """An industry list item without 产业 and qualifiers; the first item keeps only its lexicon term."""
    text = an.text
    while s < e and an.words[an.char_tok[s]] in places() and an.ends[an.char_tok[s]] < e:
        s = an.ends[an.char_tok[s]]  # 忻州法兰 -> 法兰: a place before an industry is not part of it
    if _NOT_INDUSTRY_ITEM.search(text, s, e):
        return None
    for suffix in ("产业链", "产业集群", "产业", "行业"):
        if text.endswith(suffix, s, e) and e - s > len(suffix):
            e -= len(suffix)
            break
    if first and text[s:e] not in industry_set():
        term = _first_industry_ending(text, s, e)
        if term:
            s = e - len(term)
    while s < e and an.words[an.char_tok[s]] in QUALIFIERS and an.ends[an.char_tok[s]] <= e:
        s = an.ends[an.char_tok[s]]
    return (s, e) if is_industry_head(text[s:e]) and _nouns(an, s, e) else None
