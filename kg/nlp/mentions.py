"""Stage 2 on one document: segment, analyse, run every recognizer, settle, map back to the original text.

This is what ``kg build`` runs per document. The spaCy pipeline
(:mod:`kg.nlp.spacy_pipeline`) runs the same recognizers inside a spaCy
component; a build does not make a spaCy ``Doc`` per document, because
nothing in the graph reads one and making it (with importing spaCy in every
worker) cost about a seventh of a build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields

from kg.model import Document, Mention, records_from_rows
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
    """Mentions for candidates over ``document.clean``, their offsets mapped to the original text.

    Why inline: a document has a hundred or more mentions; mapping offsets here (what
    ``Document.to_original`` does) and making the records with :func:`kg.model.records_from_rows`
    halves the cost of a method call and a frozen dataclass's ``__init__`` per mention.
    """
    clean, offsets, doc_id = document.clean, document.offsets, document.doc_id
    rows = []
    for c in kept:
        start, end = c.start, c.end
        if not offsets:
            o_start, o_end = start, end
        else:
            o_start = offsets[start]
            o_end = offsets[end - 1] + 1 if end > start else o_start
        rows.append((clean[start:end], c.label, o_start, o_end, doc_id, c.rule))
    return records_from_rows(Mention, _FIELDS, rows)


_FIELDS = tuple(f.name for f in fields(Mention))
