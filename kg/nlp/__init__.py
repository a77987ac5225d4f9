"""Stage 2: the spaCy ``zh`` pipeline that tags the guide's seven entity labels.

``make_nlp()`` builds ``spacy.blank("zh")`` with our rjieba tokenizer (or
spacy-pkuseg when the user gives a trained model path) and the
``kg_entities`` component; ``extract_mentions(nlp, doc)`` runs it on a
:class:`~kg.model.Document` and returns mentions with offsets into the
original text.

Layout (one job per module):

- ``tokenizer``: rjieba segmentation and POS tags, lexicon terms as user words;
- ``analysis``: tokens, tags and character offsets shared by every rule;
- ``vocabulary``: jieba dictionary frequencies (is a token a common word?);
- ``boundary``: where a name begins (left head over segmentation and POS);
- ``parks``, ``companies``, ``persons``, ``industries``, ``projects``,
  ``orgs``, ``locs``: one recognizer per label; ``enumerations``: list items
  labelled by their class word (等一批企业, 3个主导产业);
- ``settle``: one priority order and longest match, nested names inside
  projects, one label per name, later mentions of a found name;
- ``terms``: lexicon terms in the shapes the rules match with.

Mentions may overlap only where the guide nests names: a company, park or
organization inside a PROJECT name.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.model import Document, Mention
from kg.nlp.analysis import Analysis, analyse
from kg.nlp.candidate import Candidate
from kg.nlp.recognizers import find_entities
from kg.nlp.tokenizer import RJiebaTokenizer

__all__ = ["extract_mentions", "make_nlp"]

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
        import rjieba

        text = doc.text
        pairs = rjieba.tag(text)
        words, tags = [w for w, _ in pairs], [t for _, t in pairs]
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
    kept: list[Candidate] = doc.user_data["kg_candidates"]
    mentions = []
    for c in kept:
        start, end = document.to_original(c.start, c.end)
        mentions.append(
            Mention(text=document.clean[c.start : c.end], label=c.label, start=start, end=end,
                    doc_id=document.doc_id, rule=c.rule)
        )
    return mentions
