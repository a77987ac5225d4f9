"""Document structure: reports, their subject park, paragraph topics and generic park mentions.

Why: articles in this genre are often newsletter pages holding several short
reports (a heading naming the park, a headline, a 本刊讯 lead, a byline in
brackets), or long reports whose paragraphs open with the park they describe.
Most facts are stated about "the park" without naming it (该区, 全区, 开发区,
建区以来, or no subject at all), so every rule needs to know which park a
position of the text is about.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from kg.relations.base import DocView, Span

__all__ = ["Section", "Structure", "analyze", "GENERIC_PARK"]

#: Words that point back to the park a report is about (not names of their own).
GENERIC_PARK = re.compile(r"该园区|本园区|该区|全区|我区|本区|区内|建区|入区|经开区|高新区|开发区|示范区|综保区|园区")
#: Generic words strong enough to say a report is about one park even when no heading names it.
_STRONG_GENERIC = re.compile(r"该区|全区|我区|本区|建区以来|该园区")
#: Words before a generic word that make it mean parks in general (全省开发区, 93家开发区, 各园区).
_NOT_BACK_WORDS = ("全省", "全市", "全国", "各", "家", "个", "座", "多", "省级", "国家级", "级", "等", "类", "型", "和", "与", "、", "及")
_NOT_BACK_REFERENCE = re.compile("(" + "|".join(_NOT_BACK_WORDS) + ")$")
#: The characters those words end with (and a line break, which ``$`` may stand before): no other can precede a match.
_NOT_BACK_LAST = frozenset(w[-1] for w in _NOT_BACK_WORDS) | {"\n"}
#: A lead paragraph: 本刊讯 / 讯 / (记者…) openings of a news report.
_LEAD = re.compile(r"^(?:本刊讯|本报讯|【[^】]*】|[^，,。！？\n]{0,24}?(?:讯(?!员)|电(?=\s*[（(]))|[（(](?:记者|通讯员)[^）)]*[）)])"
                   r"\s*(?:[（(][^）)]*[）)])?")
#: What every lead has in its first 25 characters (讯, 【, 电 or a bracket): a cheap test before :data:`_LEAD`.
_LEAD_MARK = re.compile(r"[讯【电（(]")


def _lead(text: str) -> re.Match[str] | None:
    """:data:`_LEAD` matched at the start of ``text`` (most lines have no lead mark and are answered at once)."""
    return _LEAD.match(text) if _LEAD_MARK.search(text, 0, 25) else None


#: Time phrases that may open a lead before its subject.
_TIME = re.compile(
    r"^(近日|日前|近期|近年来|今年以来|去年以来|年初以来|目前|截至目前|\d{4}年|\d{1,2}月\d{1,2}日|\d{1,2}月份?|“十[一二三四五六七八九]五”期间|"
    r"今年|去年|上半年|下半年|前三季度|自成立以来)[^，,。]{0,6}[，,]?")
#: A byline closing a report: (张三) / （李四） / (下转D5版).
_BYLINE_END = re.compile(r"[（(]([\u4e00-\u9fff]{2,4}|下转[^)）]*|记者[^)）]*|通讯员[^)）]*)[)）]\s*$")
_SENTENCE_END = re.compile(r"[。！？!?；;…]")
_STRONG_END = re.compile(r"[。！？!?]")
_FULL_STOP = re.compile(r"[。；;]")
_COMMA = re.compile(r"[，,、]")
#: A character that makes a following 开发区/园区 … part of a name (not a generic word) …
_NAME_LIKE = re.compile(r"[\u4e00-\u9fffA-Za-z”」]")
#: … unless it is one of these function characters.
_BEFORE_GENERIC = "在到入进为向对于把将与和的了是让本我该全赴驻从及"
_BARE_GENERIC = ("开发区", "园区", "示范区", "高新区", "经开区", "综保区", "区内")


@dataclass
class Section:
    """One report (or the whole document): its span, heading block and subject park."""

    start: int
    end: int
    heading: tuple[int, int] | None
    subject: Span | None
    rule: str = ""
    report: tuple[int, int] = (0, 0)  # the whole report this section belongs to


@dataclass
class Structure:
    """Sections, paragraph topics and resolved generic mentions of one document."""

    sections: list[Section]
    topics: list[tuple[int, int, list[Span]]]  # (start, end, parks): a sentence opening with a park, to its paragraph's end
    generic: list[tuple[int, int, Span]]  # (start, end, park it points to)
    #: Start positions of sections, topics and generic mentions, for bisecting (rebuilt when a list grows).
    _index: dict[str, list[int]] = field(default_factory=dict)
    _refs: dict[tuple[int, int, int], list[Span]] = field(default_factory=dict)

    def _starts(self, name: str, items: list) -> list[int]:  # type: ignore[type-arg]
        starts = self._index.get(name)
        if starts is None or len(starts) != len(items):
            starts = self._index[name] = [item.start if isinstance(item, Section) else item[0] for item in items]
        return starts

    def section_of(self, pos: int) -> Section | None:
        """The section holding ``pos``."""
        i = bisect.bisect_right(self._starts("sections", self.sections), pos) - 1
        if 0 <= i < len(self.sections) and pos < self.sections[i].end:
            return self.sections[i]
        return None

    def report_of(self, pos: int) -> tuple[int, int]:
        """The span of the whole report (all its sub-sections) holding ``pos``."""
        section = self.section_of(pos)
        return section.report if section else (0, 0)

    def topic_at(self, pos: int) -> list[Span]:
        """The parks a sentence opening with a park made the topic of ``pos``'s stretch of paragraph.

        Topics are in text order and do not overlap: the last one starting at or before ``pos`` is the only candidate.
        """
        i = bisect.bisect_right(self._starts("topics", self.topics), pos) - 1
        if i >= 0 and pos < self.topics[i][1]:
            return self.topics[i][2]
        return []

    def subjects_at(self, view: DocView, pos: int) -> list[Span]:
        """The parks a position is about: its paragraph's topic parks, else its report's subject."""
        topic = self.topic_at(pos)
        if topic:
            return topic
        section = self.section_of(pos)
        return [section.subject] if section and section.subject else []

    def park_refs(self, view: DocView, start: int, end: int) -> list[Span]:
        """Parks named or pointed back to (该区, 全区 …) inside ``[start, end)``, in text order.

        Several rules ask for the same ；-parts: each answer is made once (do not change the list).
        """
        key = (start, end, len(self.generic))
        found = self._refs.get(key)
        if found is None:
            found = self._refs[key] = self._park_refs(view, start, end)
        return found

    def _park_refs(self, view: DocView, start: int, end: int) -> list[Span]:
        refs = view.inside(start, end, ("PARK",))
        if refs:
            names = view.inside(start, end, ("COMPANY", "PROJECT", "ORG"))
            if names:
                refs = [s for s in refs if not any(n.start <= s.start and s.end <= n.end for n in names)]
        generic = self.generic
        starts = self._starts("generic", generic)
        for k in range(bisect.bisect_left(starts, start), bisect.bisect_right(starts, end)):
            a, b, park = generic[k]
            if b <= end:
                refs.append(Span(park.mention, a, b, park.name))
        return sorted(refs, key=_start_end) if len(refs) > 1 else refs


def _start_end(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _is_heading(text: str, lead: bool | None = None) -> bool:
    """A heading line: marked with #, or short with no sentence punctuation (``lead``: whether
    :func:`_lead` finds a lead in ``text``, when the caller knows already)."""
    t = text.strip()
    if t.startswith(("#", "——", "■")):
        return True
    if len(t) > 40 or _SENTENCE_END.search(t):
        return False
    return not (_lead(t) if lead is None or t is not text else lead) and not _COMMA.search(t)


def _headings(view: DocView) -> list[bool]:
    """For each paragraph, whether it is a heading line (judged once per document)."""
    return view.memo("sections.headings", _heading_lines, view)


def _heading_lines(view: DocView) -> list[bool]:
    return list(map(_is_heading, _lines(view), _leads(view)))


def _leads(view: DocView) -> list[bool]:
    """For each paragraph, whether it opens with a lead (本刊讯 …): asked by the heading and the report rules."""
    return view.memo("sections.leads", _lead_lines, view)


def _lead_lines(view: DocView) -> list[bool]:
    return [bool(_lead(t)) for t in _lines(view)]


def _lines(view: DocView) -> list[str]:
    """The text of each paragraph (sliced once: the heading and the report rules both read them)."""
    return view.memo("sections.lines", lambda: [view.text[a:b] for a, b in view.paragraphs])


def _lead_subject(view: DocView, para: tuple[int, int]) -> list[Span]:
    """Parks opening a paragraph (after 本刊讯 and a time phrase): the paragraph's topic.

    A chain of adjacent parks (a sub-park written after its park) gives both.
    """
    a, b = para
    text = view.text[a:b]
    pos = 0
    lead = _lead(text)
    if lead:
        pos = lead.end()
    while pos < len(text) and text[pos] in " \u3000":
        pos += 1
    time = _TIME.match(text[pos:] if pos else text)
    if time:
        pos += time.end()
    chain: list[Span] = []
    at = a + pos
    parks, starts = view.labelled(("PARK",))
    k = bisect.bisect_left(starts, at)
    if k == len(starts) or starts[k] != at:
        return chain  # the common case: no park starts where the chain must
    for s in view.inside(a + pos, min(b, a + pos + 60), ("PARK",)):
        if s.start == at or (chain and s.start == chain[-1].end):
            chain.append(s)
            at = s.end
    return chain


def _byline_end(line: str) -> bool:
    """Whether a line closes with a byline (:data:`_BYLINE_END`): only a line ending in a bracket
    (or in blanks) can, and most do not."""
    return (line.endswith((")", "）")) or line[-1:].isspace()) and _BYLINE_END.search(line) is not None


def _split(view: DocView) -> list[tuple[int, int, tuple[int, int] | None, bool]]:
    """(start, end, heading block, starts a new report) for each section."""
    paras = view.paragraphs
    cuts: list[tuple[int, tuple[int, int] | None, bool]] = []
    i = 0
    prev_body_closed = True  # the document start opens a report
    after_heading = False
    lines = _lines(view)
    headings = _headings(view)
    leads = _leads(view)
    # a headline may be long; it is one when a lead (本刊讯) follows it
    heads = [headings[k] or (k + 1 < len(lines) and leads[k + 1] and len(t) <= 90 and not _STRONG_END.search(t))
             for k, t in enumerate(lines)]
    while i < len(paras):
        a, b = paras[i]
        line = lines[i]
        if heads[i]:
            j = i
            while j < len(paras) and heads[j]:
                j += 1
            next_is_lead = j < len(paras) and leads[j]
            cuts.append((a, (a, paras[j - 1][1]), prev_body_closed or next_is_lead))
            prev_body_closed, after_heading = False, True
            i = j
            continue
        if not after_heading and (prev_body_closed or leads[i]):
            cuts.append((a, None, True))
        prev_body_closed, after_heading = _byline_end(line), False
        i += 1
    if not cuts:
        return [(0, len(view.text), None, True)]
    out = []
    for k, (start, heading, new) in enumerate(cuts):
        end = cuts[k + 1][0] if k + 1 < len(cuts) else len(view.text)
        out.append((0 if k == 0 else start, end, heading, new))
    return out


def _longest(spans: list[Span]) -> int:
    """The length of the longest of ``spans``."""
    return max((n.end - n.start for n in spans), default=0)


#: Names a generic park word may be part of.
_NAMES = ("PARK", "COMPANY", "PROJECT", "ORG")


def _generic_mentions(view: DocView, start: int, end: int) -> list[tuple[int, int]]:
    """Generic park words in ``[start, end)`` that are not part of a name and point back."""
    names, name_starts = view.labelled(_NAMES)
    longest = view.memo("sections.longest_name", _longest, names)
    out = []
    text = view.text
    for m in GENERIC_PARK.finditer(text, start, end):
        a, b = m.span()
        prev = text[a - 1] if a > 0 else ""
        if prev in _NOT_BACK_LAST and _NOT_BACK_REFERENCE.search(text[max(0, a - 4):a]):
            continue
        # a name-like character right before (“X开发区” not recognised as a park) means it is not generic
        if prev and m.group(0) in _BARE_GENERIC and _NAME_LIKE.match(prev) and prev not in _BEFORE_GENERIC:
            continue
        # part of a name of this section (a name covering the word: one starting at most the longest name before it)
        lo = bisect.bisect_left(name_starts, max(start, a - longest))
        hi = bisect.bisect_right(name_starts, a, lo)
        if lo == hi or not any(b <= p.end <= end for p in names[lo:hi]):  # most words have no name starting near
            out.append((a, b))
    return out


_ZONE = re.compile(r"(开发区|经开区|高新区|示范区|综保区|保税区|农高区|新区|自贸区|试验区)$")


def _dominant_park(view: DocView, start: int, end: int, leading: set[str]) -> Span | None:
    """The park a report without a named subject is about.

    A park that opens a paragraph beats one only mentioned; a zone (开发区,
    示范区 …) beats a park inside it (产业园); then the most mentioned, then the first.
    """
    parks = view.inside(start, end, ("PARK",))
    if not parks:
        return None
    counts = Counter(p.name for p in parks)
    first: dict[str, Span] = {}
    for p in parks:
        first.setdefault(p.name, p)
    best = max(counts, key=lambda n: (n in leading, bool(_ZONE.search(n)), counts[n], -first[n].start))
    # 我区/全区 in a district's own report (某某区 named as often as any park) mean the district
    districts = Counter(s.name for s in view.inside(start, end, ("LOC",)) if s.name.endswith("区"))
    if districts and districts.most_common(1)[0][1] >= counts[best] and best not in leading:
        return None
    return first[best]


def _report_subject(view: DocView, parts: list[tuple[int, int, tuple[int, int] | None, bool]],
                    leading: list[tuple[str, int]], leading_starts: list[int] | None = None,
                    leading_names: set[str] | None = None) -> tuple[Span | None, str]:
    """The park a report is about: named in its heading, opening its lead, named in a title
    line, or (with 该区/全区 … in the text, or opening two of its sentences) the park that fits best."""
    start, end = parts[0][0], parts[-1][1]
    heading = parts[0][2]
    if heading:
        parks = view.inside(heading[0], heading[1], ("PARK",))
        if parks:
            return parks[0], "heading"
    p_starts = view.paragraph_starts
    lo, hi = bisect.bisect_left(p_starts, parts[0][0]), bisect.bisect_left(p_starts, parts[0][1])
    headings = _headings(view)
    body = [view.paragraphs[k] for k in range(lo, hi) if not headings[k]]
    if body:
        lead = _lead_subject(view, body[0])
        if lead:
            return lead[0], "lead"
        # a title line with sentence punctuation (补链建链！某高新区…) still names the report's park
        first = view.text[body[0][0]:body[0][1]]
        parks = view.inside(body[0][0], body[0][1], ("PARK",))
        if parks and len(first) <= 60 and not _FULL_STOP.search(first) and len(body) > 1:
            return parks[0], "title"
    # leading is in text order: the report's openings are one slice of it
    starts = [a for _, a in leading] if leading_starts is None else leading_starts
    openings = leading[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
    opening = Counter(name for name, _ in openings) if openings else None
    if _STRONG_GENERIC.search(view.text, start, end) or (opening and opening.most_common(1)[0][1] >= 2):
        park = _dominant_park(view, start, end, {name for name, _ in leading} if leading_names is None else leading_names)
        if park is not None:
            return park, "dominant"
    return None, ""


def _topics(view: DocView) -> list[tuple[int, int, list[Span]]]:
    """Sentences opening with a park make it the topic up to the end of their paragraph."""
    topics: list[tuple[int, int, list[Span]]] = []
    # only a sentence holding a park can open with one
    for a, b in view.sentences_holding(view.labelled(("PARK",))[0]):
        chain = _lead_subject(view, (a, b))
        if not chain:
            continue
        p_end = view.paragraph_of(a)[1]
        if topics and topics[-1][1] > a:
            topics[-1] = (topics[-1][0], a, topics[-1][2])
        topics.append((a, max(p_end, b), chain))
    return topics


def analyze(view: DocView) -> Structure:
    """Split the document into reports, find each one's park and resolve generic mentions."""
    parts = _split(view)
    topics = _topics(view)
    leading = [(t[2][0].name, t[0]) for t in topics]  # in text order
    leading_starts = [a for _, a in leading]
    leading_names = {name for name, _ in leading}
    # group sections into reports: a report starts at a section that opens a new one
    reports: list[list[tuple[int, int, tuple[int, int] | None, bool]]] = []
    for part in parts:
        if part[3] or not reports:
            reports.append([part])
        else:
            reports[-1].append(part)
    sections: list[Section] = []
    for report in reports:
        subject, rule = _report_subject(view, report, leading, leading_starts, leading_names)
        span = (report[0][0], report[-1][1])
        for k, (start, end, heading, _new) in enumerate(report):
            own = view.inside(heading[0], heading[1], ("PARK",)) if heading and k else []
            if own:
                sections.append(Section(start, end, heading, own[0], "heading", span))
            else:
                sections.append(Section(start, end, heading, subject, rule if k == 0 else (rule and "report"), span))
    structure = Structure(sections, topics, [])
    for s in sections:
        for a, b in _generic_mentions(view, s.start, s.end):
            chain = structure.topic_at(a)
            park = chain[0] if chain else s.subject
            if park is not None:
                structure.generic.append((a, b, park))
    return structure
