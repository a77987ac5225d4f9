"""COMPANY: legal-form suffixes, proper noun + industry word, and plants or bases of a named company.

A short list of central state-owned enterprises' customary short names
(中电建, 国家电投) is matched as is: they carry no suffix and no trade name.

Chinese company names follow 字号 + 行业 + 组织形式 (《企业名称登记管理规定》):
a full name ends in a legal form (有限公司, 集团); a short name drops it and
keeps 字号 + 行业 (华岳汽车, 恒晟光伏). The 字号 must be a proper noun by
segmentation (jieba nr/nz/ns/j/eng tags) and not a province or city name
alone, so 山西光伏 (a place and an industry) stays an industry mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.nlp.analysis import Analysis
from kg.nlp.boundary import GENERIC_HEADS, SCOPE_WORDS, cut_inner, is_proper, left_head, strip_generic
from kg.nlp.vocabulary import frequency
from kg.nlp.candidate import Candidate
from kg.nlp.terms import company_names, company_words, division_short, industry_set, legal_suffixes, places, regions
from kg.nlp.lexscan import LexiconScan, TermAnchored

__all__ = ["company_word_end", "find_companies", "has_trade_name", "is_company_like", "short_forms"]

#: A factory named as such (某某首饰厂, 某市热电厂); not 厂长, 厂区, 厂房 ...
_PLANT = re.compile(r"(?:总厂|分厂|厂)(?![长区房商家矿址内外])")


@lru_cache(maxsize=1)
def _plant_anchored() -> TermAnchored:
    """_PLANT tried only where 厂 (or 总厂, 分厂) stands: a thousand places in 10 MB, not every character."""
    return TermAnchored(_PLANT, ("总厂", "分厂", "厂"))
#: Suffixes of a company's plant, base or branch (华岳临江基地, 某某集团临汾智能制造基地).
_SITE_SUFFIXES = ("产业基地", "生产基地", "制造基地", "研发基地", "基地", "工厂", "分公司")


# The literal searches below are lexicon scans: they share the text's one automaton pass (kg.nlp.lexscan).
@lru_cache(maxsize=1)
def _legal_scan() -> LexiconScan:
    return LexiconScan(legal_suffixes())


@lru_cache(maxsize=1)
def _known_scan() -> LexiconScan:
    return LexiconScan(company_names())


@lru_cache(maxsize=1)
def _site_scan() -> LexiconScan:
    return LexiconScan(_SITE_SUFFIXES)


@lru_cache(maxsize=1)
def _corporate_title_scan() -> LexiconScan:
    return LexiconScan(_CORPORATE_TITLES)


@lru_cache(maxsize=1)
def _word_scan() -> LexiconScan:
    return LexiconScan(company_words())


#: A ranking before a company (世界500强, 民营企业500强): it describes the company and is not part of its name.
_RANKED = re.compile(r"(?:世界|中国|全国|全球|国内|民营企业|民营|央企|民企|行业)?(?:\d+|[一二三四五六七八九十百]+)强(?:企业)?")
#: 三大, 五个: a count, not a trade name.
_COUNTED = re.compile(r"^[一二三四五六七八九十两几多]+[大个项类批家条]")
_ORG_ENDINGS = ("局", "厅", "委", "院", "校", "大学", "政府", "中心")


def _is_major_place(word: str) -> bool:
    level = division_short().get(word)
    return level in ("province", "prefecture") or (word in places() and level is None)


def has_trade_name(an: Analysis, start: int, end: int, *, latin: bool = False) -> bool:
    """A proper-noun token in ``[start, end)`` that is not just a province or city name (the 字号).

    ``latin``: an upper-case Latin word counts too (TCL集团); only before a legal
    form, since before 基地 or an industry word it is as often a technology (SMT).
    """
    if start >= end:
        return False
    words, tags = an.words, an.tags
    for k in range(an.char_tok[start], an.char_tok[end - 1] + 1):
        kind = _trade_name_kind(words[k], tags[k])
        if kind == _TRADE_NAME or latin and kind == _LATIN:
            return True
    return False


_NOTHING, _TRADE_NAME, _LATIN = 0, 1, 2


@lru_cache(maxsize=65536)
def _trade_name_kind(word: str, tag: str) -> int:
    """What one token says about a 字号: nothing, a trade name, or an upper-case Latin word (TCL, ABB)."""
    if tag == "nt" or word.endswith(_ORG_ENDINGS) or word in GENERIC_HEADS or word in industry_set():
        return _NOTHING
    if is_proper(word, tag) and not _is_major_place(word) and not _COUNTED.match(word) and "\u4e00" <= word[0] <= "\u9fff":
        return _TRADE_NAME
    if 2 <= len(word) <= 5 and word.isascii() and word.isalpha() and word.isupper():
        return _LATIN
    return _NOTHING


def _trade_name_within(an: Analysis, pos: int, max_chars: int) -> bool:
    """Whether any head :func:`left_head` can find before ``pos`` holds a trade name: a cheap test that spares
    the head's walk where no name can come out (the head starts at most ``max_chars`` back, or at the
    start of the token that holds ``pos - 1``)."""
    if pos <= 0:
        return False
    lowest = max(0, min(an.starts[an.char_tok[pos - 1]], pos - max_chars))
    return has_trade_name(an, lowest, pos)


def is_company_like(an: Analysis, start: int, end: int) -> bool:
    """Whether ``[start, end)`` reads as a company name: legal suffix, or trade name + industry word."""
    span = an.text[start:end]
    if span.endswith(legal_suffixes()):
        return has_trade_name(an, start, end) or len(span) > 6
    word = company_word_end(span, 1)
    if word:
        return has_trade_name(an, start, end - len(word)) and span not in industry_set()
    return False


@lru_cache(maxsize=1)
def _company_words_by_length() -> tuple[tuple[int, frozenset[str]], ...]:
    words = company_words()
    return tuple((n, frozenset(w for w in words if len(w) == n)) for n in sorted({len(w) for w in words}, reverse=True))


def company_word_end(text: str, min_head: int) -> str:
    """The longest company word (科技, 新能源) ending ``text`` after at least ``min_head`` characters; "" if none.

    One set lookup per word length instead of one ``endswith`` per lexicon word; the longest
    is the one the lexicon's longest-first order would meet first.
    """
    for n, words in _company_words_by_length():
        if len(text) - n >= min_head and text[-n:] in words:
            return text[-n:]
    return ""


#: Legal forms that also occur as plain words (公司, 集团): their head must be a name.
_WEAK = ("公司", "集团", "集团公司", "控股集团")


#: Words between a place and 公司 that qualify companies in general (中国上市公司, 本地民营公司): no name.
_QUALIFIERS = frozenset("上市 民营 国有 国营 外资 合资 独资 私营 相关 有关 本地 当地 骨干 龙头 子 分 母 总 各类 大型 小型 中小 "
                        "新 老 该 一些 多家 优质 知名 头部 科技型 高新技术".split())


def _place_and_business(an: Analysis, start: int, end: int) -> bool:
    """A place, then two or more characters of line of business, before 公司 or 集团公司 (某市电力发展公司)."""
    first = an.char_tok[start]
    if an.words[first] not in places() or end - an.ends[first] < 2 or not an.is_token_start(end):
        return False  # 上市公司, 民营公司: one word with the suffix is a kind of company
    pairs = an.tags_between(an.ends[first], end)
    if any(w in _QUALIFIERS or w in GENERIC_HEADS or w in places() for w, _ in pairs):
        return False
    return all(t[:1] == "n" or t in ("vn", "j") for _, t in pairs)


def _place_and_name(an: Analysis, start: int, end: int) -> bool:
    """A place, then at least two characters of a trade name and an industry (北京某某新能源)."""
    first = an.char_tok[start]
    if an.words[first] not in places():
        return False
    rest = an.text[an.ends[first] : end]
    word = company_word_end(rest, 2)
    return bool(word) and rest[: -len(word)] not in GENERIC_HEADS


def _after_ranking(text: str, start: int, end: int) -> int:
    """Move ``start`` past a ranking that runs into the head (世界500强 + 某某集团; jieba may glue 强 to the name)."""
    if text.find("强", max(0, start - 8), end) < 0:
        return start  # no ranking without 强
    for m in _RANKED.finditer(text, max(0, start - 8), end):
        if m.start() <= start < m.end() < end:
            return m.end()
    return start


def find_companies(an: Analysis) -> Iterator[Candidate]:
    text = an.text
    for _, pos, end in _legal_scan().spans(text):
        suffix = text[pos:end]
        weak = suffix in _WEAK
        if weak and not an.is_token_end(end):
            continue
        head_start = left_head(an, pos, max_chars=22, conj=not weak, loose=not weak)
        start = strip_generic(an, cut_inner(an, head_start, pos), pos)
        start = _after_ranking(text, start, pos)
        while start < pos and an.words[an.char_tok[start]] in SCOPE_WORDS and an.is_token_start(start):
            start = min(an.ends[an.char_tok[start]], pos)  # 推动建设有限公司: a line of business names no one
        if start >= pos:
            continue
        named = (has_trade_name(an, start, pos, latin=True) or _place_and_name(an, start, pos)
                 or suffix in ("公司", "集团公司", "总公司") and _place_and_business(an, start, pos))
        if named or (not weak and pos - start >= 2):
            yield Candidate(start, end, "COMPANY", "company.legal_suffix")
        elif weak and an.is_token_start(pos) and _rare_single_token(an, start, pos):
            yield Candidate(start, end, "COMPANY", "company.legal_suffix")  # 某重集团: a rare word + 集团
    for _, pos, end in _word_scan().spans(text):
        if not an.is_token_end(end) or not _trade_name_within(an, pos, 8):
            continue
        start = strip_generic(an, cut_inner(an, left_head(an, pos, max_chars=8), pos), pos)
        start = _after_ranking(text, start, pos)
        if start >= pos or text[start:end] in industry_set():
            continue
        if has_trade_name(an, start, pos):
            yield Candidate(start, end, "COMPANY", "company.trade_name")
    yield from _after_title_company(an)
    yield from _plants(an)
    for _, pos, end in _known_scan().spans(text):  # 中电建, 国家电投: a state enterprise's customary short name
        if an.is_token_start(pos) and an.is_token_end(end):
            yield Candidate(pos, end, "COMPANY", "company.known_name")
    for _, pos, end in _site_scan().spans(text):
        if not _trade_name_within(an, pos, 16):
            continue
        start = strip_generic(an, left_head(an, pos, max_chars=16, numbers=True), pos)
        if start >= pos:
            continue
        first = an.char_tok[start]
        word = an.words[first]
        if has_trade_name(an, an.starts[first], an.ends[first]) and word not in GENERIC_HEADS:
            yield Candidate(start, end, "COMPANY", "company.site")


def _plants(an: Analysis) -> Iterator[Candidate]:
    """A factory: a trade name, or a place and two or more characters of product, before 厂 (某市纸箱厂)."""
    text = an.text
    for m in _plant_anchored().finditer(text):
        if not an.is_token_end(m.end()):
            continue
        start = strip_generic(an, cut_inner(an, left_head(an, m.start(), max_chars=12), m.start()), m.start())
        if m.start() - start < 2 or text[start : m.start()] in GENERIC_HEADS:
            continue
        first = an.char_tok[start]
        place_first = an.words[first] in places() and m.start() - an.ends[first] >= 2
        if has_trade_name(an, start, m.start()) or place_first:
            yield Candidate(start, m.end(), "COMPANY", "company.plant")


def _rare_single_token(an: Analysis, start: int, end: int) -> bool:
    """One noun-like token of two or three characters that jieba's dictionary counts as rare."""
    i = an.char_tok[start]
    word = an.words[i]
    return (an.starts[i] == start and an.ends[i] == end and 2 <= len(word) <= 3 and frequency(word) < 500
            and an.tags[i][:1] in "nj" and word not in GENERIC_HEADS and word not in industry_set()
            and word not in places())


#: Corporate titles: the name right before one is the person's company (某某景区总经理).
_CORPORATE_TITLES = ("副董事长", "副总经理", "副总裁", "董事长", "总经理", "总裁", "执行董事", "首席执行官", "创始人")
#: A name right after a word for enterprise is that enterprise (“链主”企业某某, 龙头企业某某).
_APPOSITION = re.compile(r"(?:”|龙头|骨干|链主|领军|头部|知名|重点)(?:企业|公司)(?=[\u4e00-\u9fffA-Za-z])")


def _after_title_company(an: Analysis) -> Iterator[Candidate]:
    text = an.text
    for _, pos, _ in _corporate_title_scan().spans(text):
        if not an.is_token_start(pos):
            continue
        start = strip_generic(an, cut_inner(an, left_head(an, pos, max_chars=12), pos), pos)
        head = text[start:pos]
        if len(head) < 3 or head.endswith(legal_suffixes()) or head.endswith(("局", "委", "厅", "办", "部", "院", "校", "会")):
            continue
        if has_trade_name(an, start, pos):
            yield Candidate(start, pos, "COMPANY", "company.before_corporate_title")
    for m in _APPOSITION.finditer(text):
        i = an.char_tok[m.end()]
        if an.starts[i] != m.end():
            continue
        j = i
        while j < len(an.words) and is_proper(an.words[j], an.tags[j]) and an.ends[j] - m.end() <= 10:
            j += 1
        if j > i and j < len(an.words) and an.tags[j] == "x" and not an.words[j].isalnum():
            if has_trade_name(an, m.end(), an.ends[j - 1]):
                yield Candidate(m.end(), an.ends[j - 1], "COMPANY", "company.apposition")


_SHORT_TAIL = re.compile(r"(?:\([^()]{1,8}\)|工业|技术|发展|股份|控股)$")


@lru_cache(maxsize=65536)
def short_forms(name: str) -> frozenset[str]:
    """Shorter names a document may use for a company found by its long name (legal form, bracket, industry dropped).

    Cached: a full legal name recurs across the documents of a corpus.
    """
    out: set[str] = set()
    cur = name
    for suffix in legal_suffixes():
        if cur.endswith(suffix) and len(cur) > len(suffix) + 1:
            cur = cur[: -len(suffix)]
            out.add(cur)
            break
    changed = True
    while changed:
        changed = False
        m = _SHORT_TAIL.search(cur)
        if m and m.start() >= 2:
            cur = cur[: m.start()]
            out.add(cur)
            changed = True
            continue
        for word in company_words():
            if cur.endswith(word) and len(cur) - len(word) >= 2:
                cur = cur[: -len(word)]
                out.add(cur)
                changed = True
                break
    # A county's short name can be a trade name too (the county is rarely meant right before an industry word).
    out = {s for s in out if len(s) >= 2 and not _is_major_place(s) and s not in regions() and s not in industry_set()}
    # The short name with a plain legal word is the same company (大正重工公司 for 大正重工股份有限公司).
    out |= {s + w for s in out for w in ("公司", "集团") if not s.endswith(("公司", "集团", ")"))}
    return frozenset(out)
