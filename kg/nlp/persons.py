"""PERSON: names beside titles, honorifics, speech verbs and bylines.

jieba splits many real names (白建华 becomes 白 + 建华), so the title rules
match characters: a surname from the lexicon plus one or two characters,
right after a title (市长周明, chains like 市委副书记、市长周明 included) and
right before a cue (a comma, 说, 表示, 带队 ...). Where jieba does tag a
name (nr), it is taken before a title or honorific (林涛书记, 黄炎培先生),
before a speech verb, or after an office (市商务局王某). Bylines are names
alone in closing brackets ((张三 李四)), on a line of their own, or after
记者/通讯员.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress

import numpy

from kg.nlp.analysis import Analysis, char_table
from kg.nlp.boundary import is_proper
from kg.nlp.candidate import Candidate
from kg.nlp.lexscan import TermAnchored
from kg.nlp.terms import person_cues, places, surnames, titles
from kg.nlp.trie import trie_alternation
from kg.nlp.vocabulary import frequency

__all__ = ["find_persons"]

#: What follows a name in running text: punctuation or a verb of speaking, leading or attending.
_CUE = (
    r"[，,、。；;：:（()）\s“]|说|表示|指出|强调|介绍|主持|出席|带队|率队|率团|率|一行|陪同|调研|考察|会见|参加|讲话|要求|"
    r"提出|认为|代表|在|到|等|和|与|及|为|对|署名|深入|实地|先后|详细|围绕|希望|宣布|致辞|作|就|向|听取|现场|带领|"
    r"参观|莅临|来|赴|一同|同|也|还|则|是|指|接受|会同|主讲|宣讲|同志|先生|女士|博士|教授|专家|$|"
    r"\d{1,2}[日月]|近日|日前|今天|昨天|昨日|当天|当日|上午|下午"
)
_SPEECH = frozenset("说 表示 指出 强调 介绍 主持 出席 带队 率队 率团 一行 陪同 讲话 认为 称 透露 坦言".split())
_OFFICE_END = ("局", "厅", "委", "办", "院", "中心", "公司", "集团", "部", "所", "站")
#: Endings of places and zones that jieba sometimes tags as names (高新区, 某某园).
_NOT_PERSON_ENDS = _OFFICE_END + ("区", "园", "县", "市", "省", "镇", "村", "港")


@lru_cache(maxsize=1)
def _name_pattern() -> str:
    singles = "".join(sorted(s for s in surnames() if len(s) == 1))
    doubles = trie_alternation(tuple(s for s in surnames() if len(s) == 2))
    return rf"(?:{doubles}|[{singles}])[\u4e00-\u9fff]{{1,2}}" if doubles else rf"[{singles}][\u4e00-\u9fff]{{1,2}}"


@lru_cache(maxsize=1)
def _after_title_re() -> TermAnchored:
    """A title, then a name; tried only where a title starts."""
    return TermAnchored(re.compile(rf"(?:{trie_alternation(titles())})({_name_pattern()})"), titles())


@lru_cache(maxsize=1)
def _cue_re() -> re.Pattern[str]:
    return re.compile(_CUE)


#: Characters that end a cue rather than a name (赵某等 is 赵某 + 等).
_NOT_LAST = frozenset("等在和与及为对到说来是也还则同向就作率赴")


def _name_end(an: Analysis, start: int, end: int) -> int:
    """End of the name after a title: three characters if a cue or verb follows them, else two; 0 if neither."""
    text = an.text
    for e in (end, end - 1) if end - start == 3 else (end,):
        if e - start == 3 and (text[e - 1] in _NOT_LAST or not an.is_token_start(e)):
            continue  # 李某陪同: 陪 opens the word 陪同, the name has two characters
        if _cue_re().match(text, e) or e >= len(text):
            return e
        if an.is_token_start(e) and an.tags[an.char_tok[e]][:1] in "vp":
            return e
    return 0


@lru_cache(maxsize=1)
def _byline_re() -> TermAnchored:
    """Names in brackets closing a line; tried only where an opening bracket stands."""
    name = _name_pattern()
    return TermAnchored(re.compile(rf"[（(]\s*({name}(?:[\s、]+{name})*)\s*[)）]\s*(?:\n|$)"), ("（", "("))


@lru_cache(maxsize=1)
def _line_re() -> re.Pattern[str]:
    return re.compile(rf"(?:^|\n){_line_body()}")


@lru_cache(maxsize=1)
def _next_line_re() -> re.Pattern[str]:
    return re.compile(rf"\n{_line_body()}")


def _line_body() -> str:
    return rf"[ \t　■●▲◆★·]*((?:记者|通讯员)?[ \t　]*{_name_pattern()})[ \t　]*(?=\n|$)"


def _name_lines(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_line_re().finditer(text)``: past the first character only a line break starts one,
    and a pattern that begins with the line break lets the engine skip to it instead of trying every character."""
    first = _line_re().match(text)
    if first:
        yield first
    yield from _next_line_re().finditer(text, first.end() if first else 1)


@lru_cache(maxsize=1)
def _credit_re() -> re.Pattern[str]:
    return re.compile(rf"(?:记者|通讯员)[ \t　]*((?:{_name_pattern()})(?:[ \t　、]+{_name_pattern()})*)")


@lru_cache(maxsize=1)
def _office_speech_re() -> re.Pattern[str]:
    """市商务局王某表示: a name between an office and a verb of speaking, where jieba did not tag the name."""
    offices = "|".join(_OFFICE_END)
    return re.compile(rf"(?:{offices})({_name_pattern()})(?:表示|介绍|指出|强调|说|认为|透露)")


@lru_cache(maxsize=1)
def _profile_re() -> re.Pattern[str]:
    """张三，男，汉族: a profile opening with the person's name (appointment notices, résumés)."""
    return re.compile(rf"(?:^|(?<=[\n。；;]))[ \t　]*({_name_pattern()})(?:先生|女士)?[，,：:][ \t　]*[男女][，,。；;、（(]")


#: What every profile holds (，男，): a text without it needs no search for profiles, which cannot skip ahead.
_PROFILE_SIGN = re.compile(r"[，,：:][ \t　]*[男女][，,。；;、（(]")
#: The part of _PROFILE_SIGN from 男/女 on: a text without it holds no profile.
_SEX_SIGN = re.compile(r"[男女][，,。；;、（(]")


_PHOTO = re.compile(r"(?:^|(?<=[\s。，,(（]))([\u4e00-\u9fff]{2,3})摄(?=[\s。)）]|$)")
_DATELINE = re.compile(r"讯\s*[（(]((?:记者|通讯员|[\u4e00-\u9fff]{2,3}|[\s、])+)[)）]")


class _NameTags(dict[str, bool]):
    """Whether a jieba tag is a person-name tag (nr, nrt, nrfg), memoized: many tokens share a few dozen tags."""

    def __missing__(self, tag: str) -> bool:
        self[tag] = found = tag.startswith("nr")
        return found


_NAME_TAG = _NameTags()


_FUNCTION_TAGS = frozenset(("p", "d", "c", "u", "r", "f"))


def _not_a_name(an: Analysis, start: int, end: int) -> bool:
    """Characters that follow a title or 记者 without naming anyone (从商业, 都遭, 成立的, 柏先生).

    The surname is a function word tokenized on its own (从, 都, 于是), or the span
    opens with a common word, ends in a particle, or is a surname plus a form of address.
    """
    text = an.text
    name = text[start:end]
    if name[-1] in "的了着过地得" or name[1:] in person_cues():
        return True
    if not an.is_token_start(start):
        return False
    i = an.char_tok[start]
    word, tag = an.words[i], an.tags[i]
    if tag.startswith("nr") or an.ends[i] > end:
        return False
    if an.ends[i] == end:  # the whole span is one word: a common one (于是, 目前) names nobody
        return frequency(word) >= 1000
    if len(word) == 1:  # 从 + 商业 is a preposition and a word; 都 + 文华 may be a surname and a given name
        if tag not in _FUNCTION_TAGS or i + 1 >= len(an.words):
            return False
        nxt, nxt_tag = an.words[i + 1], an.tags[i + 1]
        return an.ends[i + 1] > end or not (is_proper(nxt, nxt_tag) or frequency(nxt) < 100)
    return an.ends[i] < end and frequency(word) >= 1000  # 成立 + 的: a common word, then more


def _surname_first(name: str) -> bool:
    return name[:1] in surnames() or name[:2] in surnames()


def _plausible(an: Analysis, start: int, name: str) -> bool:
    """A byline name: surname first, not a place, not a common word unless jieba tags it a name."""
    if not (2 <= len(name) <= 3 and _surname_first(name)) or name in places() or name.endswith(_OFFICE_END):
        return False  # (某盟办): an office signs the byline, not a person
    tag = an.tags[an.char_tok[start]] if an.is_token_start(start) else ""
    return tag.startswith("nr") or frequency(name) < 50


def _names_in(an: Analysis, start: int, group: str, rule: str) -> Iterator[Candidate]:
    for m in re.finditer(r"[^\s、]+", group):
        if m.group(0) in ("记者", "通讯员"):
            continue
        if _plausible(an, start + m.start(), m.group(0)) and not _not_a_name(an, start + m.start(), start + m.end()):
            yield Candidate(start + m.start(), start + m.end(), "PERSON", rule)


#: What follows a list of people: attending, accompanying, or the list word 等.
_LIST_END_WORDS = ("等", "出席", "参加", "陪同", "一同", "分别", "共同", "先后", "参观", "考察", "调研", "会见", "座谈")
_LIST_END = re.compile("|".join(_LIST_END_WORDS))
_LIST_END_FIRST = frozenset(w[0] for w in _LIST_END_WORDS)


#: Runs of two- or three-character words joined by 、 (checked for surnames afterwards: a plain class is fast).
_NAME_RUN = re.compile(r"[\u4e00-\u9fff]{2,3}(?:、[\u4e00-\u9fff]{2,3})+")
#: A 、 after two CJK characters: where a run can end its first word.
_DUN_AFTER_WORD = re.compile(r"、(?<=[\u4e00-\u9fff]{2}、)")


def _name_runs(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_NAME_RUN.finditer(text)``, tried only where a 、 follows a word.

    A run's first 、 comes two or three characters after its start, so the leftmost start
    for that 、 is three characters back when that is a CJK character, else two; the
    finditer itself would try every character of the text.
    """
    end = 0
    for dun in _DUN_AFTER_WORD.finditer(text):
        q = dun.start()
        if q - 2 < end:
            continue
        p = q - 3 if q - 3 >= end and "\u4e00" <= text[q - 3] <= "\u9fff" else q - 2
        m = _NAME_RUN.match(text, p)
        if m:
            end = m.end()
            yield m


def _name_lists(an: Analysis) -> Iterator[Candidate]:
    """甲某、乙某、丙某出席: a 、-list of surname-first names, most tagged as names by jieba, before a cue."""
    text = an.text
    for m in _name_runs(text):
        e_last = m.end()
        if text[e_last - 1] not in _LIST_END_FIRST and text[e_last : e_last + 1] not in _LIST_END_FIRST:
            continue  # the cue must start at the run's last character or right after it: no cue, no list
        s_last = text.rfind("、", m.start(), e_last) + 1
        # The regex may run the last name into the cue (徐某出席 as 徐某出): cut the last item at the cue.
        cue = _LIST_END.search(text, s_last + 2, min(e_last + 3, len(text)))
        if not cue or cue.start() > e_last:
            continue
        items = []
        pos = m.start()
        for part in m.group(0).split("、"):
            items.append((pos, pos + len(part)))
            pos += len(part) + 1
        items[-1] = (s_last, cue.start())
        s0, e0 = items[0]
        early = not (_surname_first(text[s0:e0]) and an.is_token_start(s0))
        if e0 - s0 == 3 and early and _surname_first(text[s0 + 1 : e0]):
            items[0] = (s0 + 1, e0)  # 导彭某: the run started one character early
        if not all(_surname_first(text[s:e]) for s, e in items):
            continue
        tagged = sum(1 for s, e in items if an.is_token_start(s) and an.tags[an.char_tok[s]].startswith("nr"))
        if tagged * 2 < len(items):
            continue
        for s, e in items:
            if 2 <= e - s <= 3 and _surname_first(text[s:e]) and text[s:e] not in places():
                yield Candidate(s, e, "PERSON", "person.name_list")


@lru_cache(maxsize=1)
def _next_name_re() -> re.Pattern[str]:
    return re.compile(rf"、({_name_pattern()})(?=[、，,。；;]|等)")


def _names_after(an: Analysis, end: int) -> Iterator[Candidate]:
    """副主任甲某、乙某，: names joined by 、 to a name after a title share that title."""
    text = an.text
    while True:
        m = _next_name_re().match(text, end)
        if not m or text[m.start(1) : m.end(1)] in places() or not _surname_first(m.group(1)):
            return
        s, e = m.span(1)
        if not (an.is_token_start(s) and an.is_token_end(e)) or _not_a_name(an, s, e):
            return
        if not any(an.tags[k].startswith("nr") or frequency(an.words[k]) < 100 for k in range(an.char_tok[s], an.char_tok[e - 1] + 1)):
            return  # 、市场, 、项目: common words, not a name
        yield Candidate(s, e, "PERSON", "person.after_title_list")
        end = e


@lru_cache(maxsize=1)
def _surname_table() -> numpy.ndarray:
    """The first characters of the surnames: a name-shaped token starts with one."""
    return char_table(s[0] for s in surnames())


@lru_cache(maxsize=65536)
def _name_shaped(word: str) -> bool:
    """A token tagged as a name that can be a person's: two or three characters, surname first, no place or office."""
    return (2 <= len(word) <= 3 and _surname_first(word) and word not in places()
            and not word.endswith(_NOT_PERSON_ENDS))


def find_persons(an: Analysis) -> Iterator[Candidate]:
    text = an.text
    for m in _after_title_re().finditer(text):
        if an.is_token_end(m.start(1)):
            end = _name_end(an, m.start(1), m.end(1))
            if end and not _not_a_name(an, m.start(1), end) and text[m.start(1) : end] not in places():
                yield Candidate(m.start(1), end, "PERSON", "person.after_title")
                yield from _names_after(an, end)
    for m in _byline_re().finditer(text):
        yield from _names_in(an, m.start(1), m.group(1), "person.byline")
    for m in _name_lines(text):
        s, group = m.start(1), m.group(1)
        stripped = group.lstrip("记者通讯员 \t　")
        yield from _names_in(an, s + len(group) - len(stripped), stripped, "person.byline")
    for m in _credit_re().finditer(text) if "记者" in text or "通讯员" in text else ():  # two finds skip most texts
        yield from _names_in(an, m.start(1), m.group(1), "person.credit")
    for m in _PHOTO.finditer(text) if "摄" in text else ():  # 张三摄: a photographer's credit
        yield from _names_in(an, m.start(1), m.group(1), "person.photo_credit")
    for m in _DATELINE.finditer(text):  # 本报讯(张三 李四 记者 王五): the names after a dateline
        yield from _names_in(an, m.start(1), m.group(1), "person.dateline")
    yield from _name_lists(an)
    for m in _office_speech_re().finditer(text):
        s, e = m.span(1)
        if an.is_token_end(s) and an.is_token_start(e) and text[s:e] not in places() and not _not_a_name(an, s, e):
            office = an.words[an.char_tok[s - 1]]
            if len(office) >= 2:
                yield Candidate(s, e, "PERSON", "person.office_speech")
    # Cheap tests first: a plain find, then a search that opens with 男/女 (faster than one opening with a comma).
    has_sign = ("男" in text or "女" in text) and _SEX_SIGN.search(text) and _PROFILE_SIGN.search(text)
    for m in _profile_re().finditer(text) if has_sign else ():
        if m.group(1) not in places():
            yield Candidate(m.start(1), m.end(1), "PERSON", "person.profile")
    cues = tuple(titles()) + tuple(person_cues())
    words, n = an.words, len(an.words)
    shaped = an.tokens_shaped(_surname_table(), 2, 3)  # only these can pass _name_shaped: no loop over every tag
    for i in compress(shaped, map(_NAME_TAG.__getitem__, map(an.tags.__getitem__, shaped))):
        word = words[i]
        if not _name_shaped(word):
            continue
        nxt = words[i + 1] if i + 1 < n else ""
        prev = words[i - 1] if i > 0 else ""
        if nxt.startswith(cues):
            yield Candidate(an.starts[i], an.ends[i], "PERSON", "person.before_title")
        elif nxt in _SPEECH:
            yield Candidate(an.starts[i], an.ends[i], "PERSON", "person.speech")
        elif prev.endswith(_OFFICE_END) and len(prev) >= 2 and (not nxt or nxt in "，,、。；;"):
            yield Candidate(an.starts[i], an.ends[i], "PERSON", "person.after_office")
