"""PROJECT: spans ending in 项目 (or 工程) whose head names something.

The head runs left from 项目 over nouns, numbers (年产56GW), brackets and
quotes, and stops at verbs and punctuation. A head made only of generic
words (重点, 签约, 二期, 技改, 工业投资 ...) or only of an industry name
(招引医疗器械项目) is no name: the guide's 项目 with no name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.nlp.analysis import Analysis
from kg.nlp.boundary import BOUNDARY_WORDS, PROPER_TAGS, is_proper, left_head, strip_generic
from kg.nlp.candidate import Candidate
from kg.nlp.lexscan import LexiconScan
from kg.nlp.terms import industry_set, places

__all__ = ["GENERIC_PROJECT_WORDS", "find_projects", "project_head_named"]

#: Words that describe a project without naming it.
GENERIC_PROJECT_WORDS = frozenset(
    "重点 重大 签约 在建 新建 续建 投产 开工 入区 入园 招商引资 招商 工业投资 工业 投资 技改 中试 好 大 小 一期 二期 三期 "
    "四期 示范 产业 转型 民生 基础设施 建设 市级 省级 国家级 县级 常态化 管控 包联 前期 储备 谋划 这些 该 一批 "
    "以工代赈 固定资产 省外 市外 外资 内资 优质 龙头 新 老 各类 相关 其他 产业化 合作 引进 亿元 万元 千万元 亿 "
    "标志性 牵引性 带动性 支撑性 链主 补链 延链 强链 科技 重大项目 实体 单体 试点 示范性 公益性 经营性 政府 "
    "社会 这个 此 本 其 全部 所有 首批 PPP 专项债 专项 债券 中央预算内 预算内 备案 审批 核准 落地 配套 "
    "环保 安全 节能 民营 国有 央企 省属 市属 全省 全市 全国 年度 当年 今年 明年 同类 类似 成熟 优秀 好的 "
    "新开工 新兴 新兴产业 产业链 首条 首个 首批 工程 工程建设 建设项目 审批 示范 新质生产力 服务 行动 实际行动 "
    "月份 年度 季度 工业 服务类 工业类 产业类 试点 生产力 新质 提升 改造 提质 业态 融合 强链 壮链 "
    "延链 补链 总 总投资 计划总投资 计划 高质量发展 高质量".split()
)
_ENDS = ("项目", "工程")
#: A capacity line or base named without 项目 (年产300万只锂电池生产线, 年产5万吨新材料基地).
_CAPACITY = re.compile(
    r"年产能?[0-9.０-９一二三四五六七八九十百千万亿两]+[^，,。；;：:、！!？?\s“”《》()（）的]{1,24}?"
    r"(?:生产线|产线|生产基地|制造基地|基地|工厂)(?![^，,。；;、！？!?等和及与\s]{0,12}(?:项目|工程))"
)
#: Verbs by which a project's description says what it builds or reaches (建设年产…生产线).
_BUILDS = ("建设", "新建", "建成", "形成", "拥有", "配套", "包括", "新上", "上马", "打造", "具备", "达到", "实现", "计划建设")
#: A ranking before a name describes the owner (民营企业500强, 世界500强企业): not part of the project.
_RANKED = re.compile(r"(?:世界|中国|全国|全球|国内|民营企业|民营|央企|民企|行业)?(?:\d+|[一二三四五六七八九十百]+)强(?:企业)?")
_NO_BREAK = re.compile(r"[，,。；;：:、！!？?\s“”《》的等及]")
_ZONE_END = re.compile(r"开发区|经开区|高新区|综保区|农高区|综改区|示范区|园区|产业园|工业园|科技园|项目")


@lru_cache(maxsize=1)
def _end_scan() -> LexiconScan:
    """项目 and 工程 (a scan that shares the text's one automaton pass)."""
    return LexiconScan(_ENDS)


def project_head_named(an: Analysis, start: int, end: int) -> bool:
    """Whether the head ``[start, end)`` names a project: a proper noun, a capacity, or a product."""
    head = an.text[start:end]
    if not head or head in industry_set():
        return False
    if "年产" in head or re.search(r"\d", head):
        return True
    content = [(w, t) for w, t in an.tags_between(start, end) if w not in GENERIC_PROJECT_WORDS and w.strip("“”()（）")]
    if not content:
        return False
    if any(t in PROPER_TAGS and w not in places() for w, t in content):
        return True
    # A product or process named by nouns (锂离子电池生产, 脱硝石膏): two content words, the last a noun.
    rest = "".join(w for w, _ in content)
    if content[0][1] == "a" and (len(content[0][0]) == 1 or len(content) <= 2):  # 大体量项目: they describe
        return False
    nouns = [t for _, t in content if t[:1] == "n" or t in ("vn", "eng", "j")]
    return (len(content) >= 2 and len(rest) >= 4 and len(nouns) >= 1 and content[-1][1][:1] in "nvj"
            and rest not in industry_set())


def _conj_checked(an: Analysis, start: int, end: int) -> int:
    """甲公司试剂和设备生产项目 keeps its 和 (a named owner before it); 腹地和备份项目 starts after it."""
    text = an.text
    j = max(text.rfind("和", start, end), text.rfind("与", start, end), text.rfind("及", start, end))
    if j < 0 or not an.is_token_start(j):
        return start
    if any(is_proper(w, t) and w not in places() for w, t in an.tags_between(start, j)):
        return start
    return j + 1


def _counted(word: str) -> bool:
    return any(ch.isdigit() or ch in "一二三四五六七八九十两几多首" for ch in word)


def owner_end(an: Analysis, start: int, end: int) -> int:
    """End of the company that opens a project name (某某年产…项目, 某某项目): proper nouns before a capacity or 项目."""
    text = an.text
    i = an.char_tok[start]
    j = i
    while (j < len(an.words) and an.ends[j] <= end and not an.words[j].startswith("年产")
           and (is_proper(an.words[j], an.tags[j]) or an.words[j] in places())):
        j += 1
    if j == i or an.ends[j - 1] - start < 2:
        return 0
    stop = an.ends[j - 1]
    if stop != end and not text.startswith("年产", stop):
        return 0
    if not any(is_proper(w, t) and w not in places() for w, t in an.tags_between(start, stop)):
        return 0
    return stop


def _capacity_start(an: Analysis, start: int, end: int) -> int:
    """Where a name holding a capacity starts: at 年产 within reach on the left, or at the owner named before it.

    The left walk stops at verbs (释放, 生产) that a product description may hold
    (某某年产300万吨超低甲醛释放树脂项目); a 年产 with no punctuation between
    it and the head opens the name instead.
    """
    text = an.text
    pos = text.rfind("年产", max(0, start - 30), start + 2 if start + 2 <= end else start)
    if pos < 0 or pos > start or _NO_BREAK.search(text, pos, start):
        return start
    owner = strip_generic(an, left_head(an, pos, max_chars=10), pos)
    if owner < pos and any(is_proper(w, t) and w not in places() for w, t in an.tags_between(owner, pos)):
        return owner
    return pos


def _capacity_lines(an: Analysis) -> Iterator[Candidate]:
    """Capacity lines and bases named without 项目, unless they describe a project the sentence already named."""
    text = an.text
    for m in _CAPACITY.finditer(text):
        if not an.is_token_end(m.end()):
            continue
        opening = max(text.rfind(ch, 0, m.start()) for ch in "。！？!?\n")
        if text.endswith(_BUILDS, 0, m.start()) and "项目" in text[opening + 1 : m.start()]:
            continue  # 某某项目投资10亿元，建设年产6万吨…生产线: what the named project builds
        start = _capacity_start(an, m.start(), m.end())
        yield Candidate(start, m.end(), "PROJECT", "project.capacity_line")
        company_end = owner_end(an, start, m.start()) if start < m.start() else 0
        if company_end:
            yield Candidate(start, company_end, "COMPANY", "company.project_owner")


def find_projects(an: Analysis) -> Iterator[Candidate]:
    text = an.text
    yield from _capacity_lines(an)
    for _, pos, end in _end_scan().spans(text):
        suffix = text[pos:end]
        if suffix == "工程" and text.startswith(("师", "院", "局", "部", "公司", "学", "技术", "建设"), end):
            continue
        if suffix == "项目" and text.startswith(("部", "经理", "组", "办", "库", "化", "管理"), end):
            continue
        start = _conj_checked(an, left_head(an, pos, max_chars=40, numbers=True, conj=True), pos)
        if "年产" not in text[start:pos]:
            start = _capacity_start(an, start, pos)
        for inner in _ZONE_END.finditer(text, start, pos):  # a park before the name is not part of it
            if an.is_token_end(inner.end()) and inner.end() < pos:
                start = inner.end()
        while (start < pos and (an.tags[an.char_tok[start]][:1] in "mq" and _counted(an.words[an.char_tok[start]])
                                     or an.tags[an.char_tok[start]] == "t" or text[start] in "个条座家户项批期年月日季")
               and not text.startswith("年产", start)):
            start = an.ends[an.char_tok[start]]
        # 、超精密轴承加工项目: a one-character modifier right after a list mark opens the name.
        lead = an.tags[an.char_tok[start - 1]] if start > 1 else ""
        if start > 1 and text[start - 2] in "、,，" and an.is_token_start(start - 1) and lead in ("a", "d", "v", "b"):
            start -= 1
        while start < pos:  # drop leading words that describe (重点, 新建) or govern (推动)
            i = an.char_tok[start]
            word = text[start : min(an.ends[i], pos)]
            ranked = _RANKED.match(text, start)
            if ranked and ranked.end() < pos:
                start = ranked.end()
            elif word in GENERIC_PROJECT_WORDS or word in BOUNDARY_WORDS or (len(word) == 1 and word in "省市县区"):
                start = min(an.ends[i], pos)
            elif an.tags[i][:1] in "mq" and _counted(word) and not text.startswith("年产", start):
                start = min(an.ends[i], pos)  # 总投资150亿元 + 某某项目: the amount went with 总投资
            else:
                break
        if start >= pos:
            continue
        if suffix == "工程":
            first = an.char_tok[start]
            if not (an.tags[first] in PROPER_TAGS or an.words[first] in places()):
                continue
        if project_head_named(an, start, pos):
            yield Candidate(start, end, "PROJECT", "project.named_head")
            company_end = owner_end(an, start, pos)
            if company_end:
                yield Candidate(start, company_end, "COMPANY", "company.project_owner")
