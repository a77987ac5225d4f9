"""INDUSTRY: lexicon terms and the X产业 / X产业链 / X产业集群 / X行业 grammar.

The mention is the industry without 产业/产业链/产业集群/行业 (the guide's
form). Heads that only qualify (主导, 特色, 潜力, 新兴 ...) name no industry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.nlp.analysis import Analysis
from kg.nlp.boundary import BOUNDARY_WORDS, left_head
from kg.nlp.candidate import Candidate
from kg.nlp.lexscan import LexiconScan
from kg.nlp.terms import industries, industry_set, places

__all__ = ["QUALIFIERS", "find_industries", "is_industry_head"]

#: Words that qualify 产业 without naming one (主导产业, 特色产业).
QUALIFIERS = frozenset(
    "主导 特色 潜力 新兴 支柱 优势 传统 重点 首位 核心 关联 相关 上下游 配套 大 全 各 该 本地 地方 县域 龙头 "
    "未来 前沿 朝阳 基础 接续 替代 五大 六大 主要 一批 多个 三大 四大 两大 十大 新 优势特色 特色优势 "
    "农业农村 富民 乡村 成长性 第一 第二 第三 实体 本 其 其他 这些 上游 下游 中游 全链条 细分".split()
)
#: Words that are part of industry names but name none alone (现代物流 yes, 现代 no).
_NOT_ALONE = frozenset("现代 高端 绿色 低碳 数字 智能 先进 新型 战略性 综合 文化 工业 农业农村 服务 布局 培育 做大 "
                       "做强 发展 壮大 引进 打造".split())
_SUFFIXES = ("产业链", "产业集群", "产业", "行业")
_PLUS = re.compile(r"\+(?:[\u4e00-\u9fff]{2}(?![\u4e00-\u9fff]))?")
#: What may not follow 产业 when it names an industry (产业园 is a park, 产业体系 a system).
_NOT_AFTER = ("园", "基地", "项目", "体系", "格局", "布局", "结构", "政策", "联盟", "研究", "规划", "基金", "工人",
              "工作", "发展局", "协会", "大会", "招商", "化", "集聚区", "示范", "新城", "转型")


@lru_cache(maxsize=1)
def _lexicon_scan() -> LexiconScan:
    return LexiconScan(industries())


@lru_cache(maxsize=1)
def _suffix_scan() -> LexiconScan:
    """产业链, 产业集群, 产业, 行业 where they end a name (a scan that shares the text's one automaton pass)."""
    return LexiconScan(_SUFFIXES)


#: Nouns jieba tags as such that are verbs or qualifiers before 产业 (指导产业发展, 错位产业圈).
_NOT_HEAD = frozenset("指导 锚定 错位 发展 企业 项目 民生 幸福 当地 本地 支柱 市场 服务 管理 建设 国内 国外 海外 "
                      "全市 全省 全县 全区 区域 城市 县域 园区".split())
_NOUN_TAGS = ("n", "nz", "vn", "j", "eng", "nr", "ns", "ng", "nt", "l")


def _nouns_only(an: Analysis, start: int, end: int) -> bool:
    pairs = an.tags_between(start, end)
    return all((t in _NOUN_TAGS or t == "x" and w.isalpha()) and w not in _NOT_HEAD for w, t in pairs)


def is_industry_head(head: str) -> bool:
    """Whether ``head`` can name an industry: not a qualifier, not a place, at least two characters."""
    return (len(head) >= 2 and head not in QUALIFIERS and head not in _NOT_ALONE and head not in places()
            and not head.isdigit())


#: Nouns after an industry term that keep it an industry mention (新能源汽车产业, 生物医药企业).
_INDUSTRY_HEADS = frozenset("产业 行业 产业链 产业集群 集群 领域 企业 赛道 板块 方向 主业 经济 等 业态".split())


def _modifies_noun(an: Analysis, end: int) -> bool:
    """Whether the token at ``end`` is a noun the industry term only describes."""
    if end >= len(an.text) or not an.is_token_start(end):
        return False
    i = an.char_tok[end]
    word, tag = an.words[i], an.tags[i]
    if tag[:1] != "n" or tag in ("nr", "ns", "nt"):
        return False
    return word not in _INDUSTRY_HEADS and not word.startswith(("产业", "行业"))


def find_industries(an: Analysis) -> Iterator[Candidate]:
    text = an.text
    for _, pos, term_end in _lexicon_scan().spans(text):
        ye = text.startswith("业", term_end) and an.is_token_end(term_end + 1)  # 文旅业: the industry with 业
        if an.is_token_start(pos) and (an.is_token_end(term_end) or ye):
            end = term_end + 1 if ye else term_end
            plus = _PLUS.match(text, end)
            if plus:  # 文旅+康养, 人工智能+: the policy form "X+"
                end = plus.end()
            elif not text.endswith(("业", "经济"), pos, end) and _modifies_noun(an, end):
                continue  # 光伏组件, 智能制造生产线: the term describes a product, it names no industry
            yield Candidate(pos, end, "INDUSTRY", "industry.lexicon")
    for _, pos, end in _suffix_scan().spans(text):
        if text.startswith(_NOT_AFTER, end):
            continue
        if not an.is_token_start(pos) and text[pos - 1 : pos] not in ("”",):
            continue
        start = left_head(an, pos, max_chars=8)
        if start == pos:
            continue  # no head, so no industry (not even with the 全 of 全产业链)
        while start < pos:  # drop leading qualifiers and places: 主导产业 -> nothing, 山西省光伏 -> 光伏
            i = an.char_tok[start]
            word = an.words[i]
            if (word in QUALIFIERS or word in BOUNDARY_WORDS or word in places() or word in _NOT_HEAD
                    or an.tags[i][:1] in "sab" or word.endswith(("区", "园"))):
                start = an.ends[i]
            else:
                break
        if text.startswith("全", pos - 1) and text.startswith("产业链", pos):
            start = min(start, pos - 1)
            head = text[start : pos - 1]  # 重卡全产业链: 全 belongs to 全产业链
        else:
            head = text[start:pos]
        if head not in industry_set() and not _nouns_only(an, start, pos):
            continue
        if is_industry_head(head.strip("“”")):
            if head.startswith("“") and head.endswith("”"):
                start, head = start + 1, head[1:-1]
            yield Candidate(start, start + len(head), "INDUSTRY", "industry.suffix")
