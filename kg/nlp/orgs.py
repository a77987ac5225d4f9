"""ORG: government, party, committee, school, institute, association and media names.

A name is a head plus an organization suffix from the lexicon (委员会, 局,
大学, 协会, 日报 ...); the head needs a place, a proper noun, or a level
prefix (省/市/县/区: 省商务厅, 市工信局). National bodies and media that
have no such shape (党中央, 新华社) come from a lexicon of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.nlp.analysis import Analysis
from kg.nlp.boundary import head_is_named, left_head
from kg.nlp.candidate import Candidate
from kg.nlp.lexscan import LexiconScan
from kg.nlp.terms import org_names, org_suffixes, places

__all__ = ["find_orgs"]

#: Words ending in an organization suffix that are no organization (格局, 大厅, 干部).
_NOT_ORG = tuple(
    "格局 大局 布局 结局 开局 全局 当局 局部 餐厅 大厅 展厅 客厅 会客厅 门厅 干部 全部 内部 外部 局面 "
    "总部 本部 头部 底部 中部 东部 西部 南部 北部 腹部 政府性 街道办 招商会 推介会 洽谈会 博览会 交流会".split()
)


@lru_cache(maxsize=65536)
def _no_org_word(word: str) -> bool:
    """Whether the token holding a suffix is a word that names no organization (格局, 大厅); cached per token."""
    return word.endswith(_NOT_ORG)


_LEVEL = "省市县区州盟旗乡镇"
#: Suffixes that can follow a bare level prefix (市商务局); others need a named head.
_LEVEL_OK = ("纪委", "局", "厅", "委员会", "办公室", "办公厅", "政府", "人民政府", "服务中心", "促进中心", "委", "人大", "政协",
             "发改委", "住建委", "卫健委", "经信委", "工信委", "国资委", "商务委", "教委", "科委", "农委", "网信办", "金融办",
             "外事办", "招商办")


_PARTY_LOCAL = ("省委", "市委", "县委", "区委")
_INNER_ENDS = ("委", "局", "厅", "政府", "区", "园", "协会")
_TITLE_AFTER = ("局长", "副局长", "厅长", "副厅长", "主任", "副主任", "书记", "副书记")


#: Endings scanned with the org suffixes: local party committees and press.
_SUFFIX_EXTRA = ("省委", "市委", "县委", "区委", "导报", "商报", "时报", "传媒", "报社")


@lru_cache(maxsize=1)
def _suffix_scan() -> LexiconScan:
    return LexiconScan(tuple(org_suffixes()) + _SUFFIX_EXTRA)


@lru_cache(maxsize=1)
def _names_scan() -> LexiconScan:
    return LexiconScan(org_names())


#: A title in book marks before a word for a periodical: 《某某》杂志, 《某某报》; the title names the publication.
_PERIODICAL = re.compile(r"《([^《》—\s]{2,10}?)(?:——[^《》]*)?》(?:杂志|期刊|周刊|月刊|报)")
_PAPER = re.compile(r"《([^《》—\s]{1,8}(?:日报|晚报|导报|时报|商报|周刊|杂志))(?:——[^《》]*)?》")


#: A party committee's working department (县委统战部, 市委组织部, 区党工委办公室).
_PARTY_DEPT = re.compile(r"(?:省委|市委|县委|区委|州委|党工委|党委)(?:组织部|宣传部|统战部|政法委|办公室)")
#: What every _PARTY_DEPT match holds; opening with one literal character, it is searched several times faster.
_PARTY_DEPT_CORE = re.compile(r"委(?:组织部|宣传部|统战部|政法委|办公室)")


def find_orgs(an: Analysis) -> Iterator[Candidate]:
    text = an.text
    for m in _PARTY_DEPT.finditer(text) if _PARTY_DEPT_CORE.search(text) else ():
        if an.is_token_end(m.end()) or text.startswith(_TITLE_AFTER + ("部长", "副部长"), m.end()):
            start = _party_head(an, m.start())
            if start == m.start() and m.start() > 0 and text[m.start() - 1] in _LEVEL and text[m.start()] in "党":
                start -= 1  # 区党工委办公室
            yield Candidate(start, m.end(), "ORG", "org.party_department")
    for m in _PERIODICAL.finditer(text):
        yield Candidate(m.start(1), m.end(1), "ORG", "org.periodical")
    for m in _PAPER.finditer(text):
        yield Candidate(m.start(1), m.end(1), "ORG", "org.periodical")
    for _, pos, end in _names_scan().spans(text):
        if an.is_token_start(pos) and an.is_token_end(end):
            yield Candidate(pos, end, "ORG", "org.lexicon")
    for _, pos, end in _suffix_scan().spans(text):
        suffix = text[pos:end]
        if _no_org_word(an.words[an.char_tok[end - 1]]) or text.startswith("城", end):
            continue  # 格局, 大厅 ...; 大学城 is a place
        if not an.is_token_end(end) and not text.startswith(_TITLE_AFTER, end):
            continue
        if suffix in _PARTY_LOCAL:
            start = _party_head(an, pos)
            if start < pos:
                yield Candidate(start, end, "ORG", "org.party_committee")
            continue
        start = _org_head(an, pos)
        head = text[start:pos]
        if not head:
            continue
        if head_is_named(an, start, pos):
            yield Candidate(start, end, "ORG", "org.suffix")
        elif head[0] in _LEVEL and len(head) >= 2 and suffix in _LEVEL_OK + ("委员会",):
            yield Candidate(start, end, "ORG", "org.level_prefix")
        elif head[0] in _LEVEL and len(head) == 1 and suffix.endswith(("委", "政府", "人大", "政协", "办")):
            yield Candidate(start, end, "ORG", "org.level_prefix")
        elif head.startswith("国家") and len(head) >= 4 and suffix in ("局", "总局", "委员会"):
            yield Candidate(start, end, "ORG", "org.national")  # 国家能源局: 国家 + a field + 局
        elif suffix in _DOMAIN_SUFFIXES and len(head) >= 3:
            yield Candidate(start, end, "ORG", "org.domain_head")


_DOMAIN_SUFFIXES = ("研究院", "研究所", "研究中心", "协会", "商会", "联盟", "促进会")


def _party_head(an: Analysis, pos: int) -> int:
    """晋中市委, 中共晋中市委: only a place (and 中共) names a local party committee."""
    start = pos
    while start > 0:
        word = an.words[an.char_tok[start - 1]]
        if word not in places() and word != "中共":
            break
        start = an.starts[an.char_tok[start - 1]]
    return start


def _org_head(an: Analysis, pos: int) -> int:
    """The head before an organization suffix at ``pos``."""
    text = an.text
    start = left_head(an, pos, max_chars=22, conj=True)
    if start < pos:  # a head never runs across another organization or a zone: 晋中市委市政府 is two names
        first, place_names = an.char_tok[start], places()
        for k in range(first, an.char_tok[pos - 1] + 1):
            word = an.words[k]
            if word in place_names or (k > first and len(word) == 1 and an.words[k - 1] + word in place_names):
                continue  # 丰台区政府, 利州 + 区 + 人民政府: a division's name is the head, not another organization
            if word.endswith(_INNER_ENDS) and an.ends[k] <= pos:
                start = an.ends[k]
    while start < pos and _loose_lead(an, start):
        start = an.ends[an.char_tok[start]]
    # A level prefix (省/市/县) standing alone before the head belongs to the name: 市商务局.
    if start > 0 and text[start - 1] in _LEVEL and an.is_token_start(start - 1) and (
        start < 2 or not text[start - 2].isalnum() or text[start - 2] in "、，的和与及在由向对到赴"
    ):
        start -= 1
    return start


def _loose_lead(an: Analysis, start: int) -> bool:
    """A verb, preposition, or one-character word (经, 好) that opens a head but belongs to the sentence."""
    i = an.char_tok[start]
    tag = an.tags[i]
    one_char = an.ends[i] - start == 1
    return tag in ("v", "p") or (one_char and an.text[start] not in _LEVEL and tag not in ("ns", "nr", "nz", "j"))
