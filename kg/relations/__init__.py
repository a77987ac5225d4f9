"""Stage 3: link mentions into the guide's five relation types, each with its evidence.

Input is a :class:`~kg.model.Document` and the mentions the NLP stage found
in it; output is relations (and delegations) whose evidence is a sentence of
the original text with its offsets, the rule that made it and a confidence.
The document's structure (reports, their subject park, generic mentions such
as 该区) is read first (:mod:`kg.relations.sections`); one module per
relation type reads its own grammar on top of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.model import Delegation, Document, Mention, Relation
from kg.relations.base import build_view
from kg.relations.delegation import extract_delegations
from kg.relations.industry import extract_industries
from kg.relations.located import extract_located_in
from kg.relations.positions import extract_author_positions, extract_positions
from kg.relations.sections import analyze

__all__ = ["extract_relations"]


def extract_relations(document: Document, mentions: Sequence[Mention]) -> tuple[list[Relation], list[Delegation]]:
    """All relations stated in ``document`` among ``mentions``, and the delegations they describe."""
    if not document.clean or not mentions:
        return [], []
    view = build_view(document, mentions)
    structure = analyze(view)
    positions = [*extract_positions(view), *extract_author_positions(view)]
    titles: dict[str, list[str]] = {}
    for r in positions:
        titles.setdefault(r.head, [])
        if r.tail not in titles[r.head]:
            titles[r.head].append(r.tail)
    lead_relations, delegations = extract_delegations(view, structure, titles)
    relations = [*positions, *lead_relations, *extract_located_in(view, structure), *extract_industries(view, structure)]
    return _dedupe(relations), delegations


def _dedupe(relations: list[Relation]) -> list[Relation]:
    """One relation per (type, head, tail): the most confident, earliest evidence on ties."""
    best: dict[tuple[str, str, str], Relation] = {}
    order: list[tuple[str, str, str]] = []
    for r in relations:
        key = (r.type, r.head, r.tail)
        if r.type != "holds_position" and r.head == r.tail:
            continue
        if key not in best:
            best[key] = r
            order.append(key)
        elif (r.confidence, -r.evidence.start) > (best[key].confidence, -best[key].evidence.start):
            best[key] = r
    return [best[k] for k in order]
