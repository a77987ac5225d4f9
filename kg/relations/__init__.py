"""Stage 3: link mentions into the guide's five relation types, each with its evidence.

Input is a :class:`~kg.model.Document` and the mentions the NLP stage found
in it; output is relations (and delegations) whose evidence is a sentence of
the original text with its offsets. Rules only read what earlier stages made.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.ingest import sentence_spans
from kg.lexicons import column
from kg.model import Delegation, Document, Evidence, Mention, Relation

__all__ = ["extract_relations"]

_LOCATED = re.compile(r"位于|落户|落地|入驻|坐落|引进|签约|签订|投资建设|进驻|集聚")
_HAS_INDUSTRY = re.compile(r"主导产业|特色产业|潜力产业|产业集群|产业格局|首位产业|支柱产业|形成|打造|聚焦|围绕|培育|发展")
_LEAD = re.compile(r"带队|率队|率团|带领")


def _sentences(document: Document) -> list[tuple[int, int]]:
    return list(sentence_spans(document.clean))


def _evidence(document: Document, start: int, end: int) -> Evidence:
    o_start, o_end = document.to_original(start, end)
    return Evidence(document.doc_id, document.text[o_start:o_end], o_start, o_end)


def _clean_span(document: Document, m: Mention) -> tuple[int, int]:
    """Find a mention's span in the clean text (mentions carry original offsets)."""
    return _orig_to_clean(document, m.start), _orig_to_clean(document, m.end - 1) + 1


def _orig_to_clean(document: Document, pos: int) -> int:
    import bisect

    i = bisect.bisect_left(document.offsets, pos)
    return min(i, len(document.clean) - 1) if document.clean else 0


def _rel(type_: str, head: Mention, tail: Mention | str, ev: Evidence, rule: str, conf: float,
         tail_label: str = "") -> Relation:
    if isinstance(tail, Mention):
        return Relation(type_, head.text, tail.text, head.label, tail.label, ev, rule, conf)
    return Relation(type_, head.text, tail, head.label, tail_label, ev, rule, conf)


def extract_relations(document: Document, mentions: Sequence[Mention]) -> tuple[list[Relation], list[Delegation]]:
    """All relations stated in ``document`` among ``mentions``."""
    relations: list[Relation] = []
    delegations: list[Delegation] = []
    spans = [(m, *_clean_span(document, m)) for m in mentions]
    titles = column("titles")
    title_re = re.compile("|".join(re.escape(t) for t in titles))
    for s_start, s_end in _sentences(document):
        text = document.clean[s_start:s_end]
        inside = [(m, a, b) for m, a, b in spans if s_start <= a and b <= s_end]
        if not inside:
            continue
        ev = _evidence(document, s_start, s_end)
        parks = [x for x in inside if x[0].label == "PARK"]
        heads = [x for x in inside if x[0].label in ("COMPANY", "PROJECT")]
        industries = [x for x in inside if x[0].label == "INDUSTRY"]
        persons = [x for x in inside if x[0].label == "PERSON"]
        if parks and heads and _LOCATED.search(text):
            for h, a, _ in heads:
                park = min(parks, key=lambda p: abs(p[1] - a))[0]
                relations.append(_rel("located_in", h, park, ev, "located_in.trigger", 0.6))
        if parks and industries and _HAS_INDUSTRY.search(text):
            park = parks[0][0]
            for ind, _, _ in industries:
                relations.append(_rel("has_industry", park, ind, ev, "has_industry.trigger", 0.5))
        for h, a, b in heads:
            for ind, c, d in industries:
                clause = document.clean[min(b, d): max(a, c)]
                if not re.search(r"[;；。]", clause):
                    relations.append(_rel("belongs_to_industry", h, ind, ev, "belongs_to_industry.clause", 0.4))
        for p, a, b in persons:
            # titles written right before the name, possibly a chain joined by 、
            left = document.clean[max(s_start, a - 20): a]
            for t in re.finditer(rf"((?:{title_re.pattern}))(?=、|$)", left):
                relations.append(_rel("holds_position", p, t.group(1), ev, "holds_position.before", 0.8, "TITLE"))
            right = document.clean[b: min(s_end, b + 8)]
            t2 = title_re.match(right)
            if t2:
                relations.append(_rel("holds_position", p, t2.group(0), ev, "holds_position.after", 0.8, "TITLE"))
            after = document.clean[b: s_end]
            lead = _LEAD.search(after)
            if lead and lead.start() < 30:
                targets = [x for x in inside if x[1] > b + lead.start() and x[0].label in ("LOC", "ORG", "COMPANY", "PARK")]
                if targets:
                    dele = Delegation(document.doc_id, p.text, evidence=ev)
                    for t, _, _ in targets:
                        relations.append(_rel("leads_delegation", p, t, ev, "leads_delegation.trigger", 0.6))
                        (dele.destinations if t.label == "LOC" else dele.hosts).append(t.text)
                    delegations.append(dele)
    return _dedupe(relations), delegations


def _dedupe(relations: list[Relation]) -> list[Relation]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for r in relations:
        key = (r.type, r.head, r.tail)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out
