"""COMPANY: legal-form suffixes, proper noun + industry word, and plants or bases of a named company.

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
from kg.nlp.boundary import GENERIC_HEADS, cut_inner, is_proper, left_head, strip_generic
from kg.nlp.vocabulary import frequency
from kg.nlp.candidate import Candidate
from kg.nlp.terms import alternation, company_words, division_short, industries, legal_suffixes, places, regions

__all__ = ["find_companies", "has_trade_name", "is_company_like", "short_forms"]

#: Suffixes of a company's plant, base or branch (华岳临江基地, 某某集团临汾智能制造基地).
_SITE_SUFFIX = re.compile(r"(?:产业基地|生产基地|制造基地|研发基地|基地|工厂|分公司)")


@lru_cache(maxsize=1)
def _legal_re() -> re.Pattern[str]:
    return re.compile(alternation(legal_suffixes()))


@lru_cache(maxsize=1)
def _word_re() -> re.Pattern[str]:
    return re.compile(alternation(company_words()))


#: 三大, 五个: a count, not a trade name.
_COUNTED = re.compile(r"^[一二三四五六七八九十两几多]+[大个项类批家条]")
_ORG_ENDINGS = ("局", "厅", "委", "院", "校", "大学", "政府", "中心")


def _is_major_place(word: str) -> bool:
    level = division_short().get(word)
    return level in ("province", "prefecture") or (word in places() and level is None)


def has_trade_name(an: Analysis, start: int, end: int) -> bool:
    """A proper-noun token in ``[start, end)`` that is not just a province or city name (the 字号)."""
    if start >= end:
        return False
    for word, tag in an.tags_between(start, end):
        if tag == "nt" or word.endswith(_ORG_ENDINGS) or word in GENERIC_HEADS or word in industries():
            continue
        if is_proper(word, tag) and not _is_major_place(word) and not _COUNTED.match(word) \
                and "\u4e00" <= word[0] <= "\u9fff":
            return True
    return False


def is_company_like(an: Analysis, start: int, end: int) -> bool:
    """Whether ``[start, end)`` reads as a company name: legal suffix, or trade name + industry word."""
    span = an.text[start:end]
    if _legal_re().search(span) and span.endswith(legal_suffixes()):
        return has_trade_name(an, start, end) or len(span) > 6
    for word in company_words():
        if span.endswith(word) and len(span) > len(word):
            return has_trade_name(an, start, end - len(word)) and span not in industries()
    return False


#: Legal forms that also occur as plain words (公司, 集团): their head must be a name.
_WEAK = ("公司", "集团", "集团公司", "控股集团")


def _place_and_name(an: Analysis, start: int, end: int) -> bool:
    """A place, then at least two characters of a trade name and an industry (北京某某新能源)."""
    first = an.char_tok[start]
    if an.words[first] not in places():
        return False
    rest = an.text[an.ends[first] : end]
    for word in company_words():
        if rest.endswith(word) and len(rest) - len(word) >= 2:
            return rest[: -len(word)] not in GENERIC_HEADS
    return False


def find_companies(an: Analysis) -> Iterator[Candidate]:
    text = an.text
    for m in _legal_re().finditer(text):
        weak = m.group(0) in _WEAK
        if weak and not an.is_token_end(m.end()):
            continue
        head_start = left_head(an, m.start(), max_chars=22, conj=not weak, loose=not weak)
        start = strip_generic(an, cut_inner(an, head_start, m.start()), m.start())
        if start >= m.start():
            continue
        named = has_trade_name(an, start, m.start()) or _place_and_name(an, start, m.start())
        if named or (not weak and m.start() - start >= 2):
            yield Candidate(start, m.end(), "COMPANY", "company.legal_suffix")
        elif weak and an.is_token_start(m.start()) and _rare_single_token(an, start, m.start()):
            yield Candidate(start, m.end(), "COMPANY", "company.legal_suffix")  # 某重集团: a rare word + 集团
    for m in _word_re().finditer(text):
        if not an.is_token_end(m.end()):
            continue
        start = strip_generic(an, cut_inner(an, left_head(an, m.start(), max_chars=8), m.start()), m.start())
        if start >= m.start() or text[start:m.end()] in industries():
            continue
        if has_trade_name(an, start, m.start()):
            yield Candidate(start, m.end(), "COMPANY", "company.trade_name")
    yield from _after_title_company(an)
    for m in _SITE_SUFFIX.finditer(text):
        start = strip_generic(an, left_head(an, m.start(), max_chars=16, numbers=True), m.start())
        if start >= m.start():
            continue
        first = an.char_tok[start]
        word = an.words[first]
        if has_trade_name(an, an.starts[first], an.ends[first]) and word not in GENERIC_HEADS:
            yield Candidate(start, m.end(), "COMPANY", "company.site")


def _rare_single_token(an: Analysis, start: int, end: int) -> bool:
    """One noun-like token of two or three characters that jieba's dictionary counts as rare."""
    i = an.char_tok[start]
    word = an.words[i]
    return (an.starts[i] == start and an.ends[i] == end and 2 <= len(word) <= 3 and frequency(word) < 500
            and an.tags[i][:1] in "nj" and word not in GENERIC_HEADS and word not in industries()
            and word not in places())


#: Corporate titles: the name right before one is the person's company (某某景区总经理).
_CORPORATE_TITLE = re.compile(r"(?:副)?(?:董事长|总经理|总裁)|执行董事|首席执行官|创始人")
#: A name right after a word for enterprise is that enterprise (“链主”企业某某, 龙头企业某某).
_APPOSITION = re.compile(r"(?:”|龙头|骨干|链主|领军|头部|知名|重点)(?:企业|公司)(?=[\u4e00-\u9fffA-Za-z])")


def _after_title_company(an: Analysis) -> Iterator[Candidate]:
    text = an.text
    for m in _CORPORATE_TITLE.finditer(text):
        if not an.is_token_start(m.start()):
            continue
        start = strip_generic(an, cut_inner(an, left_head(an, m.start(), max_chars=12), m.start()), m.start())
        head = text[start : m.start()]
        if len(head) < 3 or head.endswith(legal_suffixes()) or head.endswith(("局", "委", "厅", "办", "部", "院", "校", "会")):
            continue
        if has_trade_name(an, start, m.start()):
            yield Candidate(start, m.start(), "COMPANY", "company.before_corporate_title")
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


def short_forms(name: str) -> set[str]:
    """Shorter names a document may use for a company found by its long name (legal form, bracket, industry dropped)."""
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
    out = {s for s in out if len(s) >= 2 and not _is_major_place(s) and s not in regions() and s not in industries()}
    # The short name with a plain legal word is the same company (大正重工公司 for 大正重工股份有限公司).
    out |= {s + w for s in out for w in ("公司", "集团") if not s.endswith(("公司", "集团", ")"))}
    return out
