"""leads_delegation: a person leads a delegation to places and host organisations.

The genre's shape: ``某某带队/率队/率团/带领…赴/到/前往 X 开展…`` in one sentence,
then the visits that follow in later sentences of the same report
(``考察团来到Y…``, ``一行还赴Z…``). A delegation is kept whole (leader,
members with titles, destinations, hosts, purpose, date, evidence) and
flattened into one leads_delegation relation per destination or host. A
place written only as part of a host's name (北京 in 北京某园) is no tail.
"""

from __future__ import annotations

import re

from kg.model import Delegation, Relation
from kg.relations.base import DocView, Span
from kg.relations.sections import Structure

__all__ = ["extract_delegations"]

LEAD = re.compile(r"带队|率队|率团|带领|领队|一行")
GO = re.compile(r"赴|前往|奔赴|来到|走进|到访|拜访|走访|到")
#: Later sentences reporting the same delegation's visits.
FOLLOW = re.compile(r"(考察团|代表团|招商团|小分队|调研组|工作组|一行|随后|此后|期间|还|又|先后).{0,6}?(赴|前往|来到|走进|到访|拜访|走访|到)")
_STOP = re.compile(r"开展|进行|考察|调研|参观|洽谈|对接|座谈|交流|学习|招商|签署|签订|举行|出席|参加|[，,。；;]")
_PURPOSE = re.compile(r"(开展|进行|举行|参加|出席)([^，,。；;]{2,20}?)(活动|工作|交流|考察|洽谈|对接|座谈|会议|推介会|签约)")
_DATE = re.compile(r"(\d{4}年)?\d{1,2}月\d{1,2}日|近日|日前|近期|(上|下)旬")
TAILS = ("LOC", "ORG", "COMPANY", "PARK")


def _targets(view: DocView, start: int, end: int) -> list[Span]:
    """Places and organisations visited in ``[start, end)``: after a going verb, up to the purpose."""
    out: list[Span] = []
    for g in GO.finditer(view.text, start, end):
        stop = _STOP.search(view.text, g.end(), end)
        stop_at = stop.start() if stop else end
        found = view.outermost(view.inside(g.end(), stop_at, TAILS))
        for s in found:
            # a place written against another name qualifies it (北京中关村某园, 某公司北京总部)
            if s.label == "LOC" and any(o is not s and (o.start == s.end or o.end == s.start) for o in found):
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
    persons = [s for s in view.spans if s.label == "PERSON"]
    used_sentences: set[tuple[int, int]] = set()
    by_leader: dict[tuple[str, int], Delegation] = {}
    for p in persons:
        s_start, s_end = view.sentence_of(p.start)
        if (s_start, s_end) in used_sentences:
            continue
        lead = LEAD.search(text, p.end, min(s_end, p.end + 8))
        if lead is None or any(q.start > p.end and q.start < lead.start() for q in persons):
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
        for q in persons:
            if q is not p and s_start <= q.start < s_end and q.name not in {m for m, _ in dele.members}:
                dele.members.append((q.name, "、".join(titles.get(q.name, []))))
        purpose = _PURPOSE.search(text, lead.end(), s_end)
        if purpose and not dele.purpose:
            dele.purpose = purpose.group(0)[len(purpose.group(1)):]
        date = _DATE.search(text, s_start, p.start)
        if date and not dele.date:
            dele.date = date.group(0)
        # later sentences of the same report: the delegation's further visits
        sec_end = report[1] or len(text)
        for a, b in view.sentences:
            if a <= s_start or a >= sec_end:
                continue
            if any(LEAD.search(text, q.end, min(b, q.end + 8)) for q in persons if a <= q.start < b and q.name != p.name):
                break
            follow = FOLLOW.search(text, a, b)
            if not follow:
                continue
            for t in _targets(view, follow.start(), b):
                if t.name in dele.destinations or t.name in dele.hosts:
                    continue
                (dele.destinations if t.label == "LOC" else dele.hosts).append(t.name)
                relations.append(view.relation("leads_delegation", p, t, (a, b), "leads_delegation.follow", 0.7))
    return relations, delegations
