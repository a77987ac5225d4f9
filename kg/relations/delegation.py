"""leads_delegation: a person leads a delegation to places and host organisations.

The genre's shape: ``某某带队/率队/率团/带领…赴/到/前往 X 开展…`` in one sentence,
then the visits that follow in later sentences of the same report
(``考察团来到Y…``, ``一行还赴Z…``). A delegation is kept whole (leader,
members with titles, destinations, hosts, purpose, date, evidence) and
flattened into one leads_delegation relation per destination or host. A
place written only as part of a host's name (京南 in 京南某某园) is no tail.
"""

from __future__ import annotations

import bisect
import re

from kg.model import Delegation, Mention, Relation
from kg.relations.base import DocView, Span, clause_spans
from kg.relations.sections import Structure

__all__ = ["extract_delegations"]

LEAD = re.compile(r"带队|率队|率团|带领|领队|一行")
GO = re.compile(r"赴|前往|奔赴|来到|走进|到访|拜访|走访|考察|访问|到")
#: Later sentences reporting the same delegation's visits: the group is their subject.
GROUP = re.compile(r"考察团|代表团|招商团|小分队|调研组|工作组|一行")
_STOP = re.compile(r"开展|进行|考察|调研|参观|洽谈|对接|座谈|交流|学习|招商|签署|签订|举行|出席|参加|[，,。；;]")
_PURPOSE = re.compile(r"(开展|进行|举行|参加|出席)([^，,。；;]{2,20}?)(活动|工作|交流|考察|洽谈|对接|座谈|会议|推介会|签约)")
_DATE = re.compile(r"(\d{4}年)?\d{1,2}月\d{1,2}日(?:[-—–至到]\d{1,2}(?:月\d{1,2})?日)?|近日|日前|近期|(上|下)旬")
TAILS = ("LOC", "ORG", "COMPANY", "PARK")


def _on_delegation_side(view: DocView, person: Span, lead_end: int, s_end: int) -> bool:
    """Before the first going verb a person travels with the leader; after it only when the
    sentence says so (随同, 一同, 随行, 参加) and not that they receive the group (陪同, 接待)."""
    go = GO.search(view.text, lead_end, s_end)
    if go is None or person.start < go.start():
        return True
    rest = view.text[person.end:s_end]
    return bool(re.search(r"随同|一同|随行|参加", rest)) and not re.search(r"陪同|接待|迎接", rest)


def _host_side(view: DocView, person: Span) -> bool:
    """A person who receives the delegation (陪同, 接待, 与某某座谈) is not a member of it."""
    a, b = view.sentence_of(person.start)
    for c0, c1 in clause_spans(view.text, a, b):
        if c0 <= person.start < c1:
            clause = view.text[c0:c1]
            return bool(re.search(r"陪同|接待|会见|迎接|欢迎", clause) or re.match(r"(分别)?(与|同|和)", clause))
    return False


def _list_end(view: DocView, start: int, end: int) -> int:
    """Where the list of visited names after a going verb ends.

    It stops at the purpose (开展…, 考察…) or a comma, but runs on across a
    comma when the next clause is more names (A、B,C公司、D公司,江南的E集团).
    """
    text = view.text
    pos = start
    while True:
        stop = _STOP.search(text, pos, end)
        if stop is None:
            return end
        if stop.group(0) in "，," :
            nxt = stop.end()
            m = re.match(r"(和|及|以及|与)?", text[nxt:end])
            nxt += m.end() if m else 0
            first = _tail_at(view, nxt)
            if first is not None and first.label == "LOC" and text.startswith("的", first.end):
                first = _tail_at(view, first.end + 1)
            # the next clause continues the list only if the name is followed by more names or the end
            if first is not None and re.match(r"[、，,。；;和及]|$", text[first.end:first.end + 1]):
                pos = first.end
                continue
        return stop.start()


def _tail_at(view: DocView, pos: int) -> Span | None:
    """The first place, organisation, company or park name starting at ``pos``."""
    return next((s for s in view.starting_at(pos) if s.label in TAILS), None)


#: Name endings that make an unrecognised visited phrase a park, company or organisation.
_PHRASE_LABELS = (
    (re.compile(r"(产业园|园区|开发区|示范区|高新区|经开区|保税区|新区|园)$"), "PARK"),
    (re.compile(r"(公司|集团|股份|工厂|厂)$"), "COMPANY"),
    (re.compile(r"(研究院|研究所|大学|学院|协会|商会|政府|委员会|管委会|中心|局|厅|院)$"), "ORG"),
)


def _named_phrases(view: DocView, start: int, end: int, found: list[Span]) -> list[Span]:
    """Visited phrases the NLP stage left partly unrecognised (京南 + 某某科技园).

    Each 、-separated piece of the visited list that no mention covers, and whose
    ending names a park, company or organisation, becomes a host of its own; the
    places inside it are then only qualifiers of that name.
    """
    text = view.text
    out = list(found)
    for m in re.finditer(r"[^、，,和及与的]+", text[start:end]):
        a, b = start + m.start(), start + m.end()
        piece = text[a:b].removeprefix("了")
        a = b - len(piece)
        if not piece or any(s.start <= a and b <= s.end for s in found):
            continue
        label = next((lab for rx, lab in _PHRASE_LABELS if rx.search(piece)), None)
        if label is None or not 3 <= len(piece) <= 24:
            continue
        inside = [s for s in found if a <= s.start and s.end <= b]
        # a recognised name may be only the end of the phrase (浙江宁波开发 + 投资集团): the phrase is the name
        covered = sum(s.end - s.start for s in inside)
        if covered == b - a:
            continue  # the piece is its names (京南 + 某园): the place is a qualifier, handled above
        if any(s.label != "LOC" for s in inside) and not (inside and inside[-1].end == b):
            continue
        out = [s for s in out if s not in inside]
        out.append(Span(Mention(piece, label, *view.document.to_original(a, b), view.document.doc_id, "phrase"),
                        a, b, piece))
    return sorted(out, key=lambda s: s.start)


def _targets(view: DocView, start: int, end: int) -> list[Span]:
    """Places and organisations visited in ``[start, end)``: after a going verb, up to the purpose."""
    out: list[Span] = []
    for g in GO.finditer(view.text, start, end):
        stop_at = _list_end(view, g.end(), end)
        found = view.outermost(view.inside(g.end(), stop_at, TAILS))
        found = _named_phrases(view, g.end(), stop_at, found)
        for s in found:
            # a place written against another name qualifies it (京南某某园, 某公司京南总部, 江南的某集团)
            if s.label == "LOC" and any(o is not s and (o.start in (s.end, s.end + 1) and view.text[s.end:o.start] in ("", "的")
                                                        or o.end == s.start) for o in found):
                continue
            if all(o.name != s.name for o in out):
                out.append(s)
    return out


def extract_delegations(view: DocView, structure: Structure,
                        titles: dict[str, list[str]]) -> tuple[list[Relation], list[Delegation]]:
    """Delegations led by named people, and their flattened leads_delegation relations."""
    relations: list[Relation] = []
    delegations: list[Delegation] = []
    text = view.text
    persons, starts = view.labelled(("PERSON",))
    used_sentences: set[tuple[int, int]] = set()
    by_leader: dict[tuple[str, int], Delegation] = {}
    # per delegation, the sentence index its follow-up scan reached: a later scan of the same
    # delegation would only find names it already has up to there (same leader, same report)
    scanned: dict[tuple[str, int], int] = {}
    sentence_starts = [a for a, _ in view.sentences]
    for p in persons:
        s_start, s_end = view.sentence_of(p.start)
        if (s_start, s_end) in used_sentences:
            continue
        lead = LEAD.search(text, p.end, min(s_end, p.end + 8))
        nxt = bisect.bisect_right(starts, p.end)
        if lead is None or nxt < len(persons) and persons[nxt].start < lead.start():
            continue
        targets = _targets(view, lead.end(), s_end)
        if not targets:
            continue
        used_sentences.add((s_start, s_end))
        rule = "leads_delegation.trigger" if lead.group(0) != "一行" else "leads_delegation.group"
        conf = 0.85 if rule.endswith("trigger") else 0.65
        report = structure.report_of(p.start)
        key = (p.name, report[0])
        dele = by_leader.get(key) or Delegation(view.document.doc_id, p.name, evidence=view.evidence(s_start, s_end))
        if key not in by_leader:
            by_leader[key] = dele
            delegations.append(dele)
        for t in targets:
            if t.name not in dele.destinations and t.name not in dele.hosts:
                (dele.destinations if t.label == "LOC" else dele.hosts).append(t.name)
            relations.append(view.relation("leads_delegation", p, t, (s_start, s_end), rule, conf))
        for q in persons[bisect.bisect_left(starts, s_start):bisect.bisect_left(starts, s_end)]:
            if q is not p and q.name not in {m for m, _ in dele.members} \
                    and q.name != p.name and not _host_side(view, q) and _on_delegation_side(view, q, lead.end(), s_end):
                dele.members.append((q.name, "、".join(titles.get(q.name, []))))
        purpose = _PURPOSE.search(text, lead.end(), s_end)
        if purpose and not dele.purpose:
            dele.purpose = purpose.group(0)[len(purpose.group(1)):]
        date = _DATE.search(text, s_start, p.start)
        if date and not dele.date:
            dele.date = date.group(0)
        # later sentences of the same report: the delegation's further visits
        sec_end = report[1] or len(text)
        k = max(bisect.bisect_right(sentence_starts, s_start), scanned.get(key, 0))
        while k < len(view.sentences):
            a, b = view.sentences[k]
            scanned[key] = k
            k += 1
            if a >= sec_end:
                break
            if any(LEAD.search(text, q.end, min(b, q.end + 8))
                   for q in persons[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)] if q.name != p.name):
                break
            group = GROUP.search(text, a, b)
            if not group or not re.match(r"^[^，,。]{0,12}$", text[a:group.start()]):
                continue
            for t in _targets(view, group.end(), b):
                if t.name in dele.destinations or t.name in dele.hosts:
                    continue
                (dele.destinations if t.label == "LOC" else dele.hosts).append(t.name)
                relations.append(view.relation("leads_delegation", p, t, (a, b), "leads_delegation.follow", 0.7))
    return relations, delegations
