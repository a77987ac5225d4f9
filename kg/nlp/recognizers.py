"""Run every recognizer on an analysed text and settle the result.

Each label has its own module; this one only lists them. The list order does
not matter: :func:`kg.nlp.settle.settle` decides overlaps by priority.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kg.nlp.analysis import Analysis
from kg.nlp.candidate import Candidate
from kg.nlp.companies import find_companies
from kg.nlp.enumerations import find_enumerations
from kg.nlp.industries import find_industries
from kg.nlp.locs import find_locs
from kg.nlp.orgs import find_orgs
from kg.nlp.parks import find_parks
from kg.nlp.persons import find_persons
from kg.nlp.projects import find_projects
from kg.nlp.settle import PRIORITY, settle

__all__ = ["PRIORITY", "RECOGNIZERS", "Candidate", "find_entities", "recognize"]

RECOGNIZERS: tuple[Callable[[Analysis], Iterable[Candidate]], ...] = (
    find_projects, find_parks, find_companies, find_orgs, find_persons, find_industries, find_locs,
    find_enumerations,
)


def recognize(an: Analysis) -> list[Candidate]:
    """Every candidate span from every recognizer, before overlaps are settled."""
    found: list[Candidate] = []
    for recognizer in RECOGNIZERS:
        found.extend(recognizer(an))
    return found


def find_entities(an: Analysis) -> list[Candidate]:
    """The settled mentions of one text."""
    return settle(an, recognize(an))
