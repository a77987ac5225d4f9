"""PROJECT: spans ending in 项目 (or 工程) whose head names something.

The head runs left from 项目 over nouns, numbers (年产56GW), brackets and
quotes, and stops at verbs and punctuation. A head made only of generic
words (重点, 签约, 二期, 技改, 工业投资 ...) or only of an industry name
(招引医疗器械项目) is no name: the guide's 项目 with no name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.nlp.analysis import Analysis
from kg.nlp.boundary import BOUNDARY_WORDS, PROPER_TAGS, is_proper, left_head
from kg.nlp.candidate import Candidate
from kg.nlp.terms import industries, places

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
    "延链 补链".split()
)
_END = re.compile(r"项目|工程")
_ZONE_END = re.compile(r"开发区|经开区|高新区|综保区|农高区|综改区|示范区|园区|产业园|工业园|科技园|项目")


def project_head_named(an: Analysis, start: int, end: int) -> bool:
    """Whether the head ``[start, end)`` names a project: a proper noun, a capacity, or a product."""
    head = an.text[start:end]
    if not head or head in industries():
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
            and rest not in industries())


def _conj_checked(an: Analysis, start: int, end: int) -> int:
    """甲公司试剂和设备生产项目 keeps its 和 (a named owner before it); 腹地和备份项目 starts after it."""
    text = an.text
    j = max(text.rfind("和", start, end), text.rfind("与", start, end))
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


def find_projects(an: Analysis) -> Iterator[Candidate]:
    text = an.text
    for m in _END.finditer(text):
        if m.group(0) == "工程" and text.startswith(("师", "院", "局", "部", "公司", "学", "技术", "建设"), m.end()):
            continue
        if m.group(0) == "项目" and text.startswith(("部", "经理", "组", "办", "库", "化", "管理"), m.end()):
            continue
        start = _conj_checked(an, left_head(an, m.start(), max_chars=40, numbers=True, conj=True), m.start())
        for inner in _ZONE_END.finditer(text, start, m.start()):  # a park before the name is not part of it
            if an.is_token_end(inner.end()) and inner.end() < m.start():
                start = inner.end()
        while (start < m.start() and (an.tags[an.char_tok[start]][:1] in "mq" and _counted(an.words[an.char_tok[start]])
                                     or an.tags[an.char_tok[start]] == "t" or text[start] in "个条座家户项批期年月日季")
               and not text.startswith("年产", start)):
            start = an.ends[an.char_tok[start]]
        # 、超精密轴承加工项目: a one-character modifier right after a list mark opens the name.
        lead = an.tags[an.char_tok[start - 1]] if start > 1 else ""
        if start > 1 and text[start - 2] in "、,，" and an.is_token_start(start - 1) and lead in ("a", "d", "v", "b"):
            start -= 1
        while start < m.start():  # drop leading words that describe (重点, 新建) or govern (推动)
            i = an.char_tok[start]
            word = text[start : min(an.ends[i], m.start())]
            if word in GENERIC_PROJECT_WORDS or word in BOUNDARY_WORDS or (len(word) == 1 and word in "省市县区"):
                start = min(an.ends[i], m.start())
            else:
                break
        if start >= m.start():
            continue
        if m.group(0) == "工程":
            first = an.char_tok[start]
            if not (an.tags[first] in PROPER_TAGS or an.words[first] in places()):
                continue
        if project_head_named(an, start, m.start()):
            yield Candidate(start, m.end(), "PROJECT", "project.named_head")
            company_end = owner_end(an, start, m.start())
            if company_end:
                yield Candidate(start, company_end, "COMPANY", "company.project_owner")
