"""holds_position: every title a person is given, before or after the name.

The grammar of the genre: a chain of posts before the name, joined by 、
(湖州市委副书记、市长某某; 某开发区党工委书记、管委会主任某某), each post
optionally opened by its organisation (区科技局局长, 某公司副总裁); a title
right after the name (某某书记), or after 任/担任/挂职于; bylines (记者 某某).
The tail is the post as written without a leading place or park name; the
organisation, when the text gives one, is kept as ``org`` on the relation.
编辑, 责编 and 作者 are not titles.
"""

from __future__ import annotations

import bisect
import functools
import re

from kg.lexicons import column
from kg.model import Relation
from kg.relations.base import DocView

__all__ = ["extract_author_positions", "extract_positions", "title_pattern"]

#: Posts the shared title lexicon does not list (research, engineering and board ranks).
_EXTRA_TITLES = ("副研究员", "研究员", "副教授", "教授", "总工程师", "工程师", "董事", "监事", "工委委员", "党委委员",
                 "处长", "副处长", "科长", "副科长", "行长", "副行长", "社长", "站长", "馆长", "队长", "组长",
                 "总经济师", "总会计师", "党支部书记", "支部书记", "首席代表", "合伙人", "创始人", "负责人",
                 "首席投资官", "首席财务官", "首席技术官", "首席运营官", "总裁助理", "董事会秘书")
#: Not titles, whatever a lexicon says.
_NOT_TITLES = {"编辑", "责编", "作者", "责任编辑"}
#: Organisation words a post may open with (区科技局局长, 事业部总经理, 管委会主任).
_ORG_END = re.compile(r"(局|委|厅|办|部|院|所|中心|公司|集团|管委会|委员会|政府|党工委|党委|工委|学校|大学|学院|景区|协会|商会|政协|人大|工商联|联合会|"
                      r"银行|支行|分行|处|科|站|馆|社|台|报|队|组|会|室|团|校|园|基地|工厂|分公司|事业部)$")
#: Characters that end an organisation chunk when walking left.
_BOUNDARY = set("，,、。；;：:（(）)“”\"《》【】[] \u3000\n!?！？—-·")
#: One-character function words that may sit between a name and the next post (张三为某公司总经理).
_FUNCTION = set("为由和与及同请向对在是任给被把将让从跟并")
#: Titles a byline gives to every name that follows it.
_BYLINE_TITLES = {"记者", "通讯员", "特约记者", "见习记者", "本报记者"}
_AFTER_VERB = re.compile(r"(?:担任|兼任|出任|挂职于|挂职|任职于|任)")
#: A name followed by an appointment verb (某某博士担任…), the title read after it.
_APPOINTED = re.compile(r"(?:博士|教授|同志|先生|女士)?" + _AFTER_VERB.pattern)


def _known_titles() -> set[str]:
    return {*column("titles"), *_EXTRA_TITLES} - _NOT_TITLES


def title_pattern() -> re.Pattern[str]:
    """Every known title, longest first."""
    titles = sorted(_known_titles(), key=lambda t: (-len(t), t))
    return re.compile("|".join(re.escape(t) for t in titles))


@functools.lru_cache(maxsize=1)
def _title_set() -> frozenset[str]:
    """The titles as a set: whether a stretch of text is exactly one is a lookup, not a regex run."""
    return frozenset(_known_titles())


_TITLES: re.Pattern[str] | None = None


def _titles() -> re.Pattern[str]:
    global _TITLES
    if _TITLES is None:
        _TITLES = title_pattern()
    return _TITLES


@functools.lru_cache(maxsize=1)
def _title_last_characters() -> frozenset[str]:
    """The characters titles end with: text ending with any other holds no title ending there."""
    return frozenset(t[-1] for t in _title_set())


def _title_ending_at(text: str, end: int, floor: int) -> tuple[int, int] | None:
    """The longest known title ending exactly at ``end``."""
    if text[end - 1:end] not in _title_last_characters():  # most positions: no title can end here
        return None
    best = None
    titles = _title_set()
    for k in range(max(floor, end - 8), end - 1):
        if text[k:end] in titles:
            best = (k, end)
            break
    return best


def _post_before(view: DocView, t_start: int, floor: int) -> tuple[int, int]:
    """Walk left from a title over its organisation: (start of the post, start without place names)."""
    text = view.text
    pos = t_start
    adjacent = view.memo("positions.adjacent",
                         lambda: {s.end: s for s in view.labelled(("ORG", "COMPANY", "PARK", "LOC"))[0]})
    while pos > floor:
        span = adjacent.get(pos)
        if span is not None and span.start >= floor:
            pos = span.start
            continue
        # an organisation word ending here (管委会, 区科技局, 数字营销事业部)
        chunk_start = pos
        while chunk_start > floor and text[chunk_start - 1] not in _BOUNDARY and chunk_start > pos - 16:
            chunk_start -= 1
        chunk = text[chunk_start:pos]
        m = _ORG_END.search(chunk)
        short = 0 < len(chunk) <= 2 and chunk_start > floor and text[chunk_start - 1] in "、，,"
        # inside a chain (…总裁助理、某某苏滁总裁): the piece after 、 is one post whatever its opening
        in_chain = 0 < len(chunk) <= 10 and chunk_start - 1 > floor and text[chunk_start - 1] == "、" \
            and _title_ending_at(text, chunk_start - 1, floor) is not None
        if not (m or short or in_chain) or pos == t_start and not chunk:
            break
        # keep the chunk from its start, but not past a person name or function word
        while chunk_start < pos and (text[chunk_start] in _FUNCTION or any(
                s.label == "PERSON" for s in view.covering(chunk_start))):
            chunk_start += 1
        if chunk_start >= pos:
            break
        pos = chunk_start
        break
    post_start = pos
    # drop leading place / park names (and 中共) from the post
    cut = post_start
    changed = True
    while changed:
        changed = False
        if text.startswith("中共", cut):
            cut += 2
            changed = True
        for s in view.starting_at(cut):
            if s.label in ("LOC", "PARK") and s.end < t_start + 1:
                cut = s.end
                changed = True
                break
    return post_start, min(cut, t_start)


def extract_positions(view: DocView) -> list[Relation]:
    """holds_position for every person with a title next to the name."""
    out: list[Relation] = []
    text = view.text
    persons = view.labelled(("PERSON",))[0]
    by_end = sorted(range(len(persons)), key=lambda i: persons[i].end)  # stable: text order among equal ends
    ends = [persons[i].end for i in by_end]
    bylines: dict[str, list[Relation]] = {}  # head -> its byline posts found so far, in order
    for p in persons:
        s_start, s_end = view.sentence_of(p.start)
        before = bisect.bisect_right(ends, p.start)  # persons ending at or before p starts
        if p.end <= p.start:  # an empty span ends before itself: leave it out, as the rule says
            floor = max(s_start, max((q.end for q in persons if q.end <= p.start and q is not p), default=s_start))
        else:
            floor = max(s_start, ends[before - 1] if before else s_start)
        # chain of posts before the name (read right to left, emitted in text order)
        chain: list[Relation] = []
        end = p.start
        while end > floor and text[end - 1] in " \u3000":
            end -= 1
        while end > floor:
            hit = _title_ending_at(text, end, floor)
            if hit is None:
                break
            t_start, t_end = hit
            post_start, cut = _post_before(view, t_start, floor)
            tail = text[cut:t_end]
            org = _strip_function(text[post_start:t_start])
            attrs = (("org", org),) if org else ()
            chain.insert(0, view.relation("holds_position", p, tail, (s_start, s_end), "holds_position.before", 0.85,
                                          "TITLE", attrs))
            if post_start > floor and text[post_start - 1] == "、":
                end = post_start - 1
                continue
            break
        out += chain
        _note_bylines(bylines, chain)
        # bylines list several names after one title (通讯员 甲 乙): the later names share it
        if not chain:
            # the earliest (in text order) of the persons ending last at or before p's start
            prev = persons[by_end[bisect.bisect_left(ends, ends[before - 1])]] if before else None
            if prev is not None and prev.end >= s_start and not text[prev.end:p.start].strip(" \u3000、"):
                shared = list(bylines.get(prev.name, []))
                for r in shared:
                    out.append(view.relation("holds_position", p, r.tail, (s_start, s_end), "holds_position.byline",
                                             0.7, "TITLE"))
                _note_bylines(bylines, out[len(out) - len(shared):])
        # a title right after the name (某某书记), or after 任/担任/挂职于
        # (matched in place: neither pattern looks before its start or past the sentence)
        m = _titles().match(text, p.end, s_end)
        if m and not _continues_word(text, m.end(), s_end):
            out.append(view.relation("holds_position", p, m.group(0), (s_start, s_end), "holds_position.after", 0.75,
                                     "TITLE"))
            _note_bylines(bylines, out[-1:])
        v = _APPOINTED.match(text, p.end, s_end)
        if v:
            rest_start = v.end()
            limit = min(s_end, rest_start + 30)
            for k in range(rest_start + 1, limit + 1):
                if text[k - 1] in _BOUNDARY:
                    break
                t = _title_ending_at(text, k, rest_start)
                if t and (k == limit or text[k] in _BOUNDARY or not _titles().match(text, k)):
                    post = text[rest_start:k]
                    out.append(view.relation("holds_position", p, _strip_place(view, rest_start, post), (s_start, s_end),
                                             "holds_position.appointed", 0.7, "TITLE"))
                    _note_bylines(bylines, out[-1:])
                    break
    return out


def _note_bylines(bylines: dict[str, list[Relation]], found: list[Relation]) -> None:
    """Remember the byline posts (记者, 通讯员 …) among ``found``, by person, for the names listed after them."""
    for r in found:
        if r.rule.startswith("holds_position.") and r.tail in _BYLINE_TITLES:
            bylines.setdefault(r.head, []).append(r)


_AUTHOR_TITLE = re.compile(r"[（(]\s*作者系([^）)]{2,30})[）)]")
_AUTHOR_NAME = re.compile(r"(作者|原标题|文|■)\s*[:：/]?\s*$")


def extract_author_positions(view: DocView) -> list[Relation]:
    """(作者系中共某市委书记) gives the author's post; the author is the person a byline names.

    A byline name is one written after 作者:, 文/, ■ or as the speaker of the
    原标题 (原标题:某某:…); with no such name the post is left unattached.
    """
    text = view.text
    m = _AUTHOR_TITLE.search(text) if "作者系" in text else None  # a plain search first: most texts have no such note
    if not m:
        return []
    authors = [s for s in view.spans if s.label == "PERSON"
               and _AUTHOR_NAME.search(text[max(0, s.start - 6):s.start])]
    if len({a.name for a in authors}) != 1:
        return []
    a0, a1 = m.start(1), m.end(1)
    cut = a0 + (2 if text.startswith("中共", a0) else 0)
    for s in view.spans:
        if s.start == cut and s.label in ("LOC", "PARK") and s.end < a1:
            cut = s.end
            break
    post = text[cut:a1]
    if _title_ending_at(text, a1, cut) is None:
        return []
    return [view.relation("holds_position", authors[0], post, (m.start(), m.end()), "holds_position.author", 0.6,
                          "TITLE", (("org", text[a0:cut]),) if cut > a0 else ())]


def _strip_function(org: str) -> str:
    return org.strip("为由和与及同请向对在是任给被把将让从跟并、，, ")


def _strip_place(view: DocView, start: int, post: str) -> str:
    for s in view.starting_at(start):
        if s.label in ("LOC", "PARK") and s.end - start < len(post):
            return post[s.end - start:]
    return post


def _continues_word(text: str, end: int, limit: int) -> bool:
    """A title followed by more title characters (书记处) is part of another word."""
    return end < limit and text[end] in "处处室部会团"
