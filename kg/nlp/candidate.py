"""The record every recognizer yields: a labelled character span of the clean text."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Candidate"]


@dataclass(slots=True)
class Candidate:
    """A proposed entity span ``[start, end)`` of the clean text, with the rule that found it."""

    start: int
    end: int
    label: str
    rule: str
