"""The recognizers as a spaCy pipeline: ``spacy.blank("zh")``, a segmenter, and the ``kg_entities`` component.

``make_nlp()`` builds the pipeline with our rjieba tokenizer (or
spacy-pkuseg when the user gives a trained model path); ``doc =
nlp(text)`` holds every mention in ``doc.spans["kg_entities"]``, for use with
the rest of spaCy (displaCy, other components, pkuseg segmentation);
``extract_mentions(nlp, doc)`` runs it on a :class:`~kg.model.Document`. The
mentions are those :func:`kg.nlp.mentions.find_mentions` gives (a test checks
it), which is what ``kg build`` runs without making a ``Doc``.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.model import Document, Mention
from kg.nlp.analysis import Analysis, analyse
from kg.nlp.candidate import Candidate
from kg.nlp.mentions import to_mentions
from kg.nlp.recognizers import find_entities
from kg.nlp.segment import segment
from kg.nlp.tokenizer import RJiebaTokenizer

__all__ = ["SPANS_KEY", "extract_mentions", "make_nlp"]

SPANS_KEY = "kg_entities"
#: Longest clean text the pipeline accepts (spaCy's default is 1,000,000).
MAX_CHARS = 100_000_000


@Language.component("kg_entities", assigns=["doc.spans", "doc.user_data"])
def kg_entities(doc: Doc) -> Doc:
    """Find entity spans by rule; keep exact character offsets beside token-aligned spans."""
    words = doc.user_data.get("words")
    tags = doc.user_data.get("pos")
    text = doc.user_data.get("text")
    ours = words is not None and tags is not None and text is not None
    if not ours:  # another tokenizer (pkuseg): tag the text ourselves
        text = doc.text
        words, tags = segment(text)
    an = analyse(text, words, tags)
    kept = find_entities(an)
    doc.user_data["kg_candidates"] = kept
    doc.spans[SPANS_KEY] = _spans(doc, an, kept) if ours else _char_spans(doc, kept)
    return doc


def _spans(doc: Doc, an: Analysis, kept: list[Candidate]) -> list[Span]:
    """Spans over the Doc tokens holding each candidate's first and last character (what char_span "expand" gives).

    Why not char_span: the analysis already knows every character's token, and the Doc's tokens are its segmenter
    tokens, so each span is built straight from two token indexes without spaCy searching the Doc twice.
    """
    n = len(an.text)
    if not all(0 <= c.start < c.end <= n for c in kept):
        return _char_spans(doc, kept)
    segment_at = an.segment_at
    return [Span(doc, segment_at(c.start), segment_at(c.end - 1) + 1, label=c.label) for c in kept]


def _char_spans(doc: Doc, kept: list[Candidate]) -> list[Span]:
    """Spans for candidates over another tokenizer's Doc: each widened to the tokens it touches."""
    spans = (doc.char_span(c.start, c.end, label=c.label, alignment_mode="expand") for c in kept)
    return [s for s in spans if s is not None]


def make_nlp(segmenter: str = "rjieba", pkuseg_model: str | Path | None = None) -> Language:
    """The pipeline: a blank ``zh`` language, a segmenter, and the entity component.

    Args:
        segmenter: ``"rjieba"`` (default, fast, ships its dictionary) or ``"pkuseg"``.
        pkuseg_model: a spacy-pkuseg model folder (``spacy_pkuseg.train`` makes one
            offline); required for ``"pkuseg"`` because its default model is a download.
    """
    if segmenter == "pkuseg":
        if pkuseg_model is None:
            raise ValueError("segmenter 'pkuseg' needs pkuseg_model=PATH (spacy-pkuseg has no offline default model)")
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
        nlp.tokenizer.initialize(pkuseg_model=str(pkuseg_model))
    elif segmenter == "rjieba":
        nlp = spacy.blank("zh")
        nlp.tokenizer = RJiebaTokenizer(nlp.vocab)
    else:
        raise ValueError(f"Unknown segmenter {segmenter!r}. Available: rjieba, pkuseg")
    nlp.add_pipe("kg_entities")
    # spaCy's limit guards its parser and NER models (about 1 GB per 100k characters); this pipeline has neither
    # and its rules run in time linear in the text, so only ingest's file-size limit bounds a document.
    nlp.max_length = MAX_CHARS
    return nlp


def extract_mentions(nlp: Language, document: Document) -> list[Mention]:
    """Run the pipeline on ``document.clean`` and map every span to the original text."""
    doc = nlp(document.clean)
    return to_mentions(document, doc.user_data["kg_candidates"])
