"""A spaCy tokenizer that segments and tags Chinese with rjieba (:mod:`kg.nlp.segment`).

Why not spaCy's own ``zh`` jieba segmenter: it runs jieba in Python at about
0.8 MB/s, and it would not keep our lexicon terms whole.
"""

from __future__ import annotations

from itertools import repeat

from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.nlp.segment import load_domain_words, segment

__all__ = ["RJiebaTokenizer"]


class RJiebaTokenizer:
    """Callable tokenizer: text -> Doc; jieba POS tags in ``doc.user_data["pos"]``."""

    def __init__(self, vocab: Vocab, with_tags: bool = True, user_words: bool = True) -> None:
        self.vocab = vocab
        self.with_tags = with_tags
        self._ids: dict[str, int] = {}
        if user_words:
            load_domain_words()

    def _orths(self, words: list[str]) -> list[int]:
        """The words' string ids: a Doc made from ids skips hashing every word again (same lexemes, same Doc)."""
        known = self._ids
        ids = list(map(known.get, words, repeat(0)))
        if 0 in ids:  # new words (0 is the id of "" only, which maps to the same empty lexeme)
            add = self.vocab.strings.add
            for k, word in enumerate(words):
                if not ids[k]:
                    ids[k] = known[word] = add(word)
        return ids

    def __call__(self, text: str) -> Doc:
        if self.with_tags:
            words, tags = segment(text)
        else:
            import rjieba

            words, tags = rjieba.cut(text), None
        doc = Doc(self.vocab, words=self._orths(words), spaces=[False] * len(words))
        if tags is not None:
            # Kept as plain lists: setting token.tag_ per token, or reading token.text back, costs more than segmenting.
            doc.user_data["pos"] = tags
            doc.user_data["words"] = words
            doc.user_data["text"] = text
        return doc

    # spaCy serialization hooks: nothing to save, the dictionary ships with rjieba.
    def to_bytes(self, **kwargs: object) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: object) -> RJiebaTokenizer:
        return self

    def to_disk(self, path: object, **kwargs: object) -> None:
        return None

    def from_disk(self, path: object, **kwargs: object) -> RJiebaTokenizer:
        return self
