"""Where a name begins: walk left from a suffix over tokens that can be part of a name head.

Why segmentation and part of speech: in 位于临江经济技术开发区的 the head
临江 is preceded by the verb 位于; the walk stops at verbs, prepositions,
particles, numbers, pronouns, adverbs and punctuation (rjieba tags), and at
a short list of words that govern names in this genre but that jieba tags
as nouns (落地, 重点, 大力 ...). A few verbs occur inside names (制造, 加工)
and are let through.
"""

from __future__ import annotations

from functools import lru_cache

from kg.nlp.analysis import Analysis
from kg.nlp.terms import places
from kg.nlp.vocabulary import frequency, is_rare

__all__ = [
    "SCOPE_WORDS",
    "BOUNDARY_WORDS", "GENERIC_HEADS", "LEADING_GENERIC", "PROPER_TAGS", "head_is_named", "is_proper", "left_head",
    "strip_generic", "token_ok",
]

#: Tags of tokens that end a walk (first letter of the jieba tag).
_STOP_TAG_INITIALS = frozenset("xpcudrqmtfyeow")

#: Verbs that occur inside names of parks, companies and projects.
_NAME_VERBS = frozenset(
    "制造 加工 利用 存储 创新 研发 孵化 示范 服务 生产 融合 转化 发展 改革 开发 管理 保税 合作 交流 共享 "
    "检测 维修 装配 储能 节能 再制造 供水 供热 供电 发电 冷链 仓储 配送 培训 育种 种植 养殖 回收 试验 铸造 锻造 "
    "冶炼 封装 测试 智造 促进 垂直 抽水 运输".split()
)

#: Words that govern a following name in this genre; jieba often tags them as nouns.
BOUNDARY_WORDS = frozenset(
    "位于 落户 落地 入驻 引进 签约 签署 推动 推进 建设 打造 参观 考察 走进 来到 举办 召开 成立 支持 实施 依托 "
    "利用 大力发展 加快发展 积极发展 重点发展 着力发展 加快建设 大力推进 着力打造 暨 充分发挥 发挥 全面 "
    "发力 着力 精心 来自 此次 代表 书写 对标 携手 联合 牵头 共建 助推 推介 宣传 毗邻 临近 紧邻 比邻 辐射 相当于 鼓励 赋予 授予 获批 "
    "围绕 成为 组织 开展 赴 到 在 与 和 及 等 以及 加快 全力 大力 积极 持续 重点 新建 续建 培育 扶持 对接 助力 "
    "聚焦 招引 带动 做强 做大 壮大 集中 全区 该区 本区 我区 我市 全市 全省 我省 全县 全国 本刊讯 本报讯 讯 记者 "
    "通讯员 近日 今年 目前 其中 同时 作为 包括 涵盖 如 即 由 向 从 对 把 将 被 为 是 有 新 原 前往 走访 调研 视察 "
    "观摩 拜访 会见 会谈 座谈 洽谈 陪同 出席 主持 带领 率领 率队 带队 率 领 一行 期间 首家 首个 唯一 一批 多家 "
    "多个 各类 各 相关 其他 这 该 此 我 我们 他们 入区 区内 园内 市级 省级 县级 国家级 主要 "
    "专业 重大 优质 龙头 骨干 配套 头部 知名 优秀 新型 首批 已 正 将 共 所属 旗下 下属 现任 曾任 历任 兼任 出任 担任 任职".split()
)

#: Leading words that qualify a name without being part of it (重点, 一批, 省级): stripped from heads.
LEADING_GENERIC = frozenset(
    "全区 该区 本区 我区 各 全 各类 相关 重点 一批 多家 省级 市级 县级 国家级 这 该 本 其 此 区域 区内 全新 "
    "大型 小型 标准化 综合性 首个 首家 一个 两个 若干 部分 所有 全部 其他 其它".split()
)

#: Heads that make no name by themselves (bare 开发区, 全区, 该园区, 产业园区).
GENERIC_HEADS = LEADING_GENERIC | frozenset(
    "产业 工业 经济 开发 园区 区 新 专业 特色 新兴 国家 省 市 县 合作 示范 现代 高新技术 高新 综合 创新 科技 "
    "智能 物流 产业链 国际 生态 绿色 低碳 零碳 数字 信息 文化 乡村 区域 城市 农业 服务 制造 商贸 总部 "
    "创业 孵化 双创 科教 大学 高校 教育".split()
)

#: jieba tags of proper nouns (person, place, organization, other proper, abbreviation, Latin letters).
PROPER_TAGS = frozenset(("nr", "nrt", "nrfg", "ns", "nt", "nz", "j", "eng"))


_GLUED = frozenset("与和及在对向为把将被从由赴到是以")
#: Conjunctions a name may hold where ``conj`` is set (发展和改革委员会, 电池及组件生产项目).
_CONJ = ("和", "与", "及")
_NUMERALS = frozenset("一二三四五六七八九十百千万亿两几多半数首第")


#: Lines of business that end the 字号 part of a legal name (某某城市建设投资有限公司, 某某开发有限公司).
SCOPE_WORDS = frozenset("开发 建设 投资 发展 管理 服务 经营 运营 咨询 贸易 实业 销售 租赁 置业 控股 建筑 工程".split())


def _loose_ok(word: str, tag: str) -> bool:
    """Inside a full legal name almost anything but punctuation, particles and common verbs belongs to it."""
    if word in SCOPE_WORDS:
        return True
    if word in BOUNDARY_WORDS and not (len(word) == 1 and tag in ("a", "d") and word not in "还也都又再已将就才"):
        return False
    if word.isspace() or tag[:1] in "xucpr" or tag[:1] == "m" and not word.isalnum():
        return tag == "x" and word.isalnum() and not word.isdigit()
    return not (tag == "v" and len(word) >= 2 and frequency(word) >= 2000)


@lru_cache(maxsize=65536)
def _token_ok(word: str, tag: str, numbers: bool, conj: bool, loose: bool = False) -> bool:
    if loose:
        return _loose_ok(word, tag)
    if conj and word in _CONJ:
        return True
    if len(word) >= 2 and word in places():
        return True
    if word in BOUNDARY_WORDS or word.isspace():
        return False
    if len(word) == 2 and word[0] in _NUMERALS and word[1] in "大个项类条批家":
        return False  # 六大, 三个: a count, whatever jieba tags it
    if is_rare(word, below=1) and tag not in ("x", "m") and not tag.startswith("v"):
        return True  # a word jieba does not know: its tag is a guess, and it is most likely a name
    if tag == "v":
        return word in _NAME_VERBS
    if tag.startswith("m"):
        return numbers or not any(ch.isdigit() or ch in _NUMERALS for ch in word)
    if tag == "c":
        return conj and word in _CONJ
    if tag == "x":
        return word.isalnum() and not word.isdigit()
    if tag == "eng":
        return True
    return tag[:1] not in _STOP_TAG_INITIALS


#: What a plain token (none of _SPECIAL) is to :func:`left_head`'s walk: no part of a head, part of it, or part of
#: it as a function character glued onto an unknown name (与浩晟).
_STOP, _PART, _GLUED_PART = 0, 1, 2
#: Words :func:`left_head` treats on their own: a closing quote or bracket, and conjunctions (one character each).
_SPECIAL = frozenset(("”", ")", "）", "和", "与", "及"))
#: Entries a word table holds before it starts over (a bound on memory over a long build, as _token_ok's cache has).
_TABLE_WORDS = 65536


class _WordTable(dict[str, int]):
    """word -> _STOP, _PART or _GLUED_PART for one tag and one set of :func:`left_head` flags, filled on demand.

    Why: the walk asks this of about two tokens per call, 85,000 calls per 10 MB; one answer stands for
    ``_token_ok`` (a cached call with a five-part key), the conjunction tests and the glue test in turn.
    """

    __slots__ = ("tag", "flags")

    def __init__(self, tag: str, flags: tuple[bool, bool, bool]) -> None:
        super().__init__()
        self.tag = tag
        self.flags = flags

    def __missing__(self, word: str) -> int:
        if len(self) >= _TABLE_WORDS:
            self.clear()
        numbers, conj, loose = self.flags
        if not _token_ok(word, self.tag, numbers, conj, loose):
            kind = _STOP
        elif len(word) > 1 and word[0] in _GLUED and frequency(word) == 0:
            kind = _GLUED_PART
        else:
            kind = _PART
        self[word] = kind
        return kind


class _TagTables(dict[str, _WordTable]):
    """tag -> its :class:`_WordTable` for one set of flags."""

    __slots__ = ("flags",)

    def __init__(self, flags: tuple[bool, bool, bool]) -> None:
        super().__init__()
        self.flags = flags

    def __missing__(self, tag: str) -> _WordTable:
        self[tag] = table = _WordTable(tag, self.flags)
        return table


class _FlagTables(dict[tuple[bool, bool, bool], _TagTables]):
    def __missing__(self, flags: tuple[bool, bool, bool]) -> _TagTables:
        self[flags] = tables = _TagTables(flags)
        return tables


_TABLES = _FlagTables()


def token_ok(word: str, tag: str, *, numbers: bool = False, conj: bool = False) -> bool:
    """Whether a token can be part of a name head (see the module docstring)."""
    return _token_ok(word, tag, numbers, conj)


def _conj_joins_words(an: Analysis, i: int) -> bool:
    """和/与 inside a name joins two short words (发展和改革, 住房和城乡), not two names."""
    if i == 0 or i + 1 >= len(an.words):
        return False
    before, after = an.words[i - 1], an.words[i + 1]
    return (len(before) <= 2 and an.tags[i - 1] in ("n", "vn", "v", "an") and not before.endswith(_NAME_ENDS)
            and len(after) <= 4)


_NAME_ENDS = ("委", "局", "厅", "会", "院", "校", "区", "府", "园", "司", "团")


def left_head(
    an: Analysis, pos: int, max_chars: int = 12, *, numbers: bool = False, conj: bool = False,
    brackets: bool = True, loose: bool = False,
) -> int:
    """The start of the name head that ends at character ``pos``; ``pos`` itself when there is none.

    Args:
        an: the analysed text.
        pos: where the suffix (or the name's last part) begins.
        max_chars: longest head to accept.
        numbers: let numbers and measures through (年产56GW in project names).
        conj: let 和/与 through (发展和改革委员会).
        brackets: take in a short bracketed qualifier ((运城), (省级)).
        loose: stop only at punctuation, particles, prepositions and common verbs (full legal names).
    """
    if pos <= 0:
        return pos
    text, words, tags, starts, ends = an.text, an.words, an.tags, an.starts, an.ends
    start = pos
    i = an.char_tok[pos - 1]
    if ends[i] > pos:  # the suffix starts inside a token: the token's left part is head
        piece = text[starts[i] : pos]
        if not piece.strip() or not piece[-1].isalnum():
            return pos
        start = starts[i]
        i -= 1
    tables = _TABLES[bool(numbers), bool(conj), bool(loose)]
    while i >= 0:
        word = words[i]
        if word not in _SPECIAL:  # the common case, in one table lookup: what the branches below decide for it
            kind = tables[tags[i]][word]
            if kind == _STOP or pos - starts[i] > max_chars:
                break
            if kind == _GLUED_PART:
                start = starts[i] + 1  # 与浩晟: the name starts after the glued function character
                break
            start = starts[i]
            i -= 1
            continue
        if word == "”":
            j = i - 1
            while j >= 0 and i - j <= 6 and words[j] not in ("“", "”"):
                j -= 1
            if j >= 0 and words[j] == "“" and 0 < starts[i] - ends[j] <= 8 and pos - starts[j] <= max_chars:
                start = starts[j]
                i = j - 1
                continue
            break
        if brackets and word in (")", "）"):
            j = i - 1
            while j >= 0 and i - j <= 6 and words[j] not in ("(", "（", ")", "）"):
                j -= 1
            if j >= 0 and words[j] in ("(", "（") and 0 < starts[i] - ends[j] <= 8 and j > 0:
                if _token_ok(words[j - 1], tags[j - 1], numbers, conj) and pos - starts[j - 1] <= max_chars:
                    start = starts[j]
                    i = j - 1
                    continue
            break
        if loose and word in ("和", "与") and _conj_joins_words(an, i):
            pass
        elif not _token_ok(word, tags[i], numbers, conj, loose):
            break
        elif conj and word in _CONJ and not _conj_joins_words(an, i):
            break
        if pos - starts[i] > max_chars:
            break
        if len(word) > 1 and word[0] in _GLUED and frequency(word) == 0:
            start = starts[i] + 1  # 与浩晟: the name starts after the glued function character
            break
        start = starts[i]
        i -= 1
    if start >= pos:
        return pos  # no head (a third of the calls)
    char_tok = an.char_tok
    # A head never starts with a bracket, a conjunction or a number.
    first = text[start]
    while first in "(（”和与" or first.isdigit():
        start = ends[char_tok[start]]
        if start >= pos:
            return pos
        first = text[start]
    # jieba glues a function character onto an unknown name (与浩晟): it is not part of the name.
    if first in _GLUED and (start <= 0 or starts[char_tok[start]] == start) and frequency(words[char_tok[start]]) == 0:
        start += 1
    return start if start < pos else pos


def is_proper(word: str, tag: str) -> bool:
    """A proper-noun token: tagged as one by jieba and not frequent, or a word jieba's dictionary does not know."""
    if tag == "nt":  # jieba tags some common terms as organizations (海洋生物)
        return frequency(word) < 100
    if tag in ("nz", "j"):  # jieba also files technical terms (甲醇, 深化) under these
        return frequency(word) < 100 or is_rare(word, below=1)
    return (tag in PROPER_TAGS and frequency(word) < 1000) or is_rare(word, below=1)


#: Words after which a new name starts: a head never runs across them (已投产项目海尚食品 -> 海尚食品).
_INNER_STOPS = ("项目", "开发区", "经开区", "高新区", "综保区", "农高区", "综改区", "示范区", "园区", "产业园", "工业园",
                "科技园", "公司", "集团", "企业", "政协", "政府", "党委", "党工委", "管委会")


def cut_inner(an: Analysis, start: int, end: int, *, at_end: bool = False) -> int:
    """Move ``start`` past the last token in ``[start, end)`` that ends another name or a project.

    ``at_end``: a token ending right at ``end`` counts too (``end`` is where a suffix starts, not the name's end).
    """
    if start >= end:
        return start
    first, last = an.char_tok[start], an.char_tok[end - 1]
    for k in range(last, first - 1, -1):
        if (an.ends[k] < end or at_end and an.ends[k] == end) and an.words[k].endswith(_INNER_STOPS):
            if an.words[k] == "企业" and k > first and is_proper(an.words[k - 1], an.tags[k - 1]):
                continue  # 某某企业管理咨询有限公司: 企业 after a trade name is part of the name
            if an.words[k].endswith("集团") and k + 1 < len(an.words) and an.words[k + 1] in places():
                continue  # 某某集团上海能源装备有限公司: a group's subsidiary, named group + place + business
            cut = an.ends[k]
            while cut < end and an.text[cut] in ")）”":
                cut += 1  # 某高新区(经开区)某某集团: the bracket closes the zone's name
            return cut
    return start


def strip_generic(an: Analysis, start: int, end: int) -> int:
    """Move ``start`` right past leading tokens that name nothing (重点, 一批, 省级 ...)."""
    while start < end:
        i = an.char_tok[start]
        word = an.text[start : min(an.ends[i], end)]
        if word in LEADING_GENERIC or word in BOUNDARY_WORDS:
            start = min(an.ends[i], end)
        else:
            break
    return start


def head_is_named(an: Analysis, start: int, end: int) -> bool:
    """Whether ``[start, end)`` holds a proper noun or a place: what makes a head a name."""
    if start >= end:
        return False
    if an.text[start:end] in GENERIC_HEADS:
        return False
    place_names = places()
    first = an.char_tok[start]
    piece = an.text[start : min(an.ends[first], end)]
    if piece in place_names or piece[:2] in place_names or piece[:3] in place_names:
        return True  # 浙江 inside the token 浙江大学, 中国 inside 中国农业大学
    for k in range(first, an.char_tok[end - 1] + 1):
        if an.ends[k] > end:  # the token that holds the suffix (商务局) says nothing about the head
            break
        word, tag = an.words[k], an.tags[k]
        if (is_proper(word, tag) and word not in GENERIC_HEADS) or word in place_names:
            return True
    return False
