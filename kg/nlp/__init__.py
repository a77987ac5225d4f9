"""Stage 2: the guide's seven entity labels, tagged by rule over rjieba's segmentation.

``find_mentions(document)`` is the stage (what ``kg build`` runs per
document); ``make_nlp()`` gives the same recognizers as a spaCy pipeline
(``doc.spans["kg_entities"]``), with rjieba or spacy-pkuseg as its segmenter,
and ``extract_mentions(nlp, document)`` runs that pipeline on a document.
spaCy is imported only when its pipeline is asked for.

Layout (one job per module):

- ``segment``: rjieba segmentation and POS tags, lexicon terms as user words;
- ``analysis``: tokens, tags and character offsets shared by every rule;
- ``vocabulary``: jieba dictionary frequencies (is a token a common word?);
- ``boundary``: where a name begins (left head over segmentation and POS);
- ``parks``, ``companies``, ``persons``, ``industries``, ``projects``,
  ``orgs``, ``locs``: one recognizer per label; ``enumerations``: list items
  labelled by their class word (等一批企业, 3个主导产业);
- ``settle``: one priority order and longest match, nested names inside
  projects, one label per name, later mentions of a found name;
- ``terms``: lexicon terms in the shapes the rules match with;
- ``mentions``: the stage on one document; ``spacy_pipeline`` and
  ``tokenizer``: the spaCy component and tokenizer.

Mentions may overlap only where the guide nests names: a company, park or
organization inside a PROJECT name.
"""

from __future__ import annotations

from typing import Any

from kg.nlp.mentions import find_mentions

__all__ = ["extract_mentions", "find_mentions", "make_nlp"]

_SPACY_NAMES = frozenset({"extract_mentions", "make_nlp", "SPANS_KEY", "MAX_CHARS"})


def __getattr__(name: str) -> Any:
    """The spaCy pipeline's names, imported (with spaCy) on first use."""
    if name in _SPACY_NAMES:
        from kg.nlp import spacy_pipeline

        return getattr(spacy_pipeline, name)
    raise AttributeError(f"module 'kg.nlp' has no attribute {name!r}")
