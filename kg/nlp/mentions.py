"""Stage 2 on one document: segment, analyse, run every recognizer, settle, map back to the original text.

This is what ``kg build`` runs per document. The spaCy pipeline
(:mod:`kg.nlp.spacy_pipeline`) runs the same recognizers inside a spaCy
component; a build does not make a spaCy ``Doc`` per document, because
nothing in the graph reads one and making it (with importing spaCy in every
worker) cost about a seventh of a build.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.model import Document, Mention
from kg.nlp.analysis import analyse
from kg.nlp.candidate import Candidate
from kg.nlp.recognizers import find_entities
from kg.nlp.segment import load_domain_words, segment

__all__ = ["find_mentions", "to_mentions"]

_READY = False


def find_mentions(document: Document) -> list[Mention]:
    """The settled mentions of ``document.clean``, with offsets into the original text."""
    global _READY
    if not _READY:
        load_domain_words()
        _READY = True
    text = document.clean
    words, tags = segment(text)
    return to_mentions(document, find_entities(analyse(text, words, tags)))


def to_mentions(document: Document, kept: Iterable[Candidate]) -> list[Mention]:
    """Mentions for candidates over ``document.clean``, their offsets mapped to the original text."""
    clean, to_original, doc_id = document.clean, document.to_original, document.doc_id
    mentions = []
    for c in kept:
        start, end = to_original(c.start, c.end)
        mentions.append(Mention(text=clean[c.start : c.end], label=c.label, start=start, end=end, doc_id=doc_id,
                                rule=c.rule))
    return mentions
