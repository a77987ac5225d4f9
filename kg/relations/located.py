"""located_in: a company or project is in a park.

Rules, strongest first:

* ``located_in.prefix``: a park name written right before a company or project
  name (某某经开区X项目, 某开发区Y公司).
* ``located_in.trigger``: a settling verb (位于, 落户, 落地, 入驻, 引进, 签约 …) in
  the same ；-part as the company or project; the park is the nearest park
  named or pointed back to (该区, 全区, 建区以来 …), else the park the
  paragraph or report is about.
* ``located_in.section``: in a report about a park, a project described there,
  a company whose clause has a building verb (建设, 投产, 开工 …), or an
  enumeration of companies (A、B、C等企业) — unless the clause says the park
  went out to meet it (对接, 洽谈, 赴 …).
* ``located_in.nested``: the company named inside a located project's name,
  and projects named after a located company, share its park.
"""

from __future__ import annotations

import bisect
import re

from kg.model import Relation
from kg.relations.base import DocView, Span, within
from kg.relations.sections import Structure

__all__ = ["extract_located_in"]

HEADS = ("COMPANY", "PROJECT")
#: Verbs that put a company or project in a place.
STRONG = re.compile(r"位于|坐落|落户|落地|入驻|进驻|入园|入区|引进|引入|招引|签约|扎根|集聚|聚集|布局在|建在|设在|培育了|"
                    r"签[署订][^，,。；;]{0,6}(?:投资|入园|入驻|落户|项目|招商)(?:合作)?(?:协议|合同)")
#: Verbs that describe building or running something where the report is.
WEAK = re.compile(r"建设|建成|开工|投产|达产|达效|竣工|封顶|投用|运营|扩产|技改|新建|在建|续建")
#: The park reaching out to a company elsewhere: not a statement that it is in the park.
EXTERNAL = re.compile(r"对接|洽谈|拜访|走访.{0,6}(总部|集团)|赴|前往|到访|来访|考察团|外出|合作")
#: An enumeration of companies closed by 等 + a noun for companies or projects.
ENUMERATION = re.compile(r"等[^，,。；;]{0,8}(企业|单位|公司|项目|龙头|链主|厂商)")
#: What a settling verb may bring in besides a company (人才引进, 引进技术).
_NOT_A_COMPANY = re.compile(r"(人才|技术|资金|资本|外资|智力)")
_NOT_A_COMPANY_BEFORE = re.compile(_NOT_A_COMPANY.pattern + "$")
#: Generic subjects of a neighbour clause (吸引优质项目落地某地).
_GENERIC_SUBJECT = re.compile(r"项目|企业|客商|资金")


def _nearest(parks: list[Span], pos: int) -> list[Span]:
    """The park reference nearest to ``pos``, with a sub-park written right after it."""
    if not parks:
        return []
    best = min(parks, key=lambda p: (abs(p.start - pos), p.start))
    out = [best]
    for p in parks:
        if p.start == out[-1].end:
            out.append(p)
    prev = [p for p in parks if p.end == best.start]
    return prev + out


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> int:
    for i, (a, b) in enumerate(clauses):
        if a <= pos < b:
            return i
    return len(clauses) - 1


def extract_located_in(view: DocView, structure: Structure) -> list[Relation]:
    """All located_in relations of the document."""
    out: list[Relation] = []
    text = view.text
    heads_all = view.labelled(HEADS)[0]
    outer = view.outermost(heads_all)
    outer_starts = [h.start for h in outer]
    # prefix: PARK immediately followed by a head
    for park in view.labelled(("PARK",))[0]:
        for h in outer[bisect.bisect_left(outer_starts, park.end):bisect.bisect_right(outer_starts, park.end + 1)]:
            if h.start == park.end or (h.start == park.end + 1 and text[park.end] == "的"):
                out.append(view.relation("located_in", h, park, view.sentence_of(h.start), "located_in.prefix", 0.85))
    parts = _head_parts(view, outer, outer_starts)
    settled = _settled_paragraphs(view, structure, parts)
    for s_start, s_end, a, b, heads in parts:
        strong = [m for m in _triggers(view, a, b) if not _other_object(text, m)]
        subjects = structure.topic_at(a) or settled.get(view.paragraph_of(a)) or structure.subjects_at(view, a)
        if not strong and not subjects:
            continue  # neither a settling verb nor a park the text is about: no rule below can place a head
        parks = structure.park_refs(view, a, b)
        clauses = view.clauses(a, b)
        for h in heads:
            hc = _clause_of(clauses, h.start)
            c_start, c_end = clauses[hc]
            external = EXTERNAL.search(text, c_start, c_end) is not None  # the head's own clause
            strong_here = [m for m in strong if _applies(text, clauses, hc, m)] if strong else strong
            if strong_here:
                trig = min(strong_here, key=lambda m: abs(m.start() - h.start))
                tails = _nearest(parks, trig.start()) if parks else subjects
                if tails and _is_back_reference(view, tails[0]) and tails[0].name in {p.name for p in subjects}:
                    tails = subjects
                if tails and not external:
                    rule, conf = ("located_in.trigger", 0.8) if parks else ("located_in.trigger_subject", 0.65)
                    for p in tails:
                        out.append(view.relation("located_in", h, p, (s_start, s_end), rule, conf))
                    continue
            if not subjects or external:
                continue
            # a park named in the same part must be the one the text is about (南苑园区，X项目建设正酣)
            if parks and not {p.name for p in parks} & {p.name for p in subjects}:
                continue
            if h.label == "PROJECT" or WEAK.search(text, clauses[max(hc - 1, 0)][0], clauses[min(hc + 1, len(clauses) - 1)][1]) \
                    or ENUMERATION.search(text, h.end, b):
                for p in subjects:
                    out.append(view.relation("located_in", h, p, (s_start, s_end), "located_in.section", 0.55))
    return _nested(view, out)


def _sentences_with(view: DocView, heads: list[Span]) -> list[tuple[int, int]]:
    """The sentences holding a head: the only ones these rules read (all of them if a head is empty)."""
    return view.sentences_holding(heads) if all(h.end > h.start for h in heads) else view.sentences


def _applies(text: str, clauses: list[tuple[int, int]], head_clause: int, trigger: re.Match[str]) -> bool:
    """A trigger speaks of the head when it is in the head's clause, or in a neighbour clause
    whose own subject is not a generic 项目/企业 (吸引优质项目落地某地 is about other projects)."""
    tc = _clause_of(clauses, trigger.start())
    if tc == head_clause:
        return True
    if abs(tc - head_clause) > 1:
        return False
    before = text[clauses[tc][0]:trigger.start()]
    return not _GENERIC_SUBJECT.search(before)


def _other_object(text: str, trigger: re.Match[str]) -> bool:
    """人才引进, 引进技术: the verb brings in talent, technology or money, not a company."""
    return bool(_NOT_A_COMPANY_BEFORE.search(text[max(0, trigger.start() - 3):trigger.start()])
                or _NOT_A_COMPANY.match(text[trigger.end():trigger.end() + 3]))


def _is_back_reference(view: DocView, span: Span) -> bool:
    """A park reference made by a generic word (该区, 园区) rather than a name."""
    return span.mention.text != view.text[span.start:span.end]


def _head_parts(view: DocView, heads: list[Span],
                head_starts: list[int]) -> list[tuple[int, int, int, int, list[Span]]]:
    """(sentence start, sentence end, part start, part end, its heads) for each ；-part holding a head,
    in text order (found once: two rules read them)."""
    out = []
    for s_start, s_end in _sentences_with(view, heads):
        for a, b in view.semis(s_start, s_end):
            found = within(heads, head_starts, a, b)
            if found:
                out.append((s_start, s_end, a, b, found))
    return out


def _settled_paragraphs(view: DocView, structure: Structure,
                        parts: list[tuple[int, int, int, int, list[Span]]]) -> dict[tuple[int, int], list[Span]]:
    """Paragraphs where a company is said to settle in a named park: that park is the paragraph's."""
    out: dict[tuple[int, int], list[Span]] = {}
    for _, _, a, b, _ in parts:
        triggers = _triggers(view, a, b)  # first: most parts have none, and then their parks need no reading
        if not triggers:
            continue
        parks = [p for p in structure.park_refs(view, a, b) if not _is_back_reference(view, p)]
        if parks:
            out.setdefault(view.paragraph_of(a), _nearest(parks, triggers[0].start()))
    return out


def _triggers(view: DocView, a: int, b: int) -> list[re.Match[str]]:
    """The settling verbs of ``[a, b)`` that are not inside a name (found once per part: two rules read them)."""
    cache: dict[tuple[int, int], list[re.Match[str]]] = view.memo("located.triggers", dict)
    found = cache.get((a, b))
    if found is None:
        found = cache[(a, b)] = [m for m in STRONG.finditer(view.text, a, b) if not _inside_name(view, m.start())]
    return found


def _inside_name(view: DocView, pos: int) -> bool:
    """A trigger word inside an entity name (某某车型落地技改项目) is no trigger."""
    return bool(view.covering(pos))


def _nested(view: DocView, found: list[Relation]) -> list[Relation]:
    """Companies named inside located projects, and projects containing located companies."""
    pairs: list[tuple[Span, Span]] = []  # (outer, inner)
    heads, starts = view.labelled(HEADS)
    for k, outer in enumerate(heads):
        # a shorter head inside comes later in text order (at the same start, longer names come first)
        for inner in heads[k + 1:bisect.bisect_left(starts, outer.end, k + 1)]:
            if inner.end <= outer.end and (inner.end - inner.start) < (outer.end - outer.start):
                pairs.append((outer, inner))
    out = list(found)
    located = {(r.head, r.head_label, r.tail) for r in found}
    placed = {(r.head, r.head_label) for r in found}
    by_head: dict[tuple[str, str], list[Relation]] = {}
    for r in found:
        by_head.setdefault((r.head, r.head_label), []).append(r)
    for outer, inner in pairs:
        for r in by_head.get((outer.name, outer.label), []):
            if (inner.name, inner.label, r.tail) not in located:
                located.add((inner.name, inner.label, r.tail))
                out.append(_copy(r, inner, "located_in.nested", 0.6))
        if outer.label == "PROJECT" and (outer.name, outer.label) not in placed:
            for r in by_head.get((inner.name, inner.label), []):
                if (outer.name, outer.label, r.tail) not in located:
                    located.add((outer.name, outer.label, r.tail))
                    out.append(_copy(r, outer, "located_in.nested", 0.6))
    return out


def _copy(r: Relation, head: Span, rule: str, confidence: float) -> Relation:
    return Relation(r.type, head.name, r.tail, head.label, r.tail_label, r.evidence, rule, confidence, r.attrs)
