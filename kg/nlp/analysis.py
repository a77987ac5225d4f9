"""Segmentation facts the recognizers share: tokens, part-of-speech tags and character offsets.

Why one object: every rule needs the same questions answered fast — which
token holds character ``i``, what is its tag, where does it start — and the
answers come from one rjieba pass made by the tokenizer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Analysis", "analyse"]


@dataclass
class Analysis:
    """The text with its tokens; ``char_tok[i]`` is the index of the token holding character ``i``."""

    text: str
    words: list[str]
    tags: list[str]
    starts: list[int]
    ends: list[int]
    char_tok: list[int]

    def token_at(self, i: int) -> int:
        """Index of the token that holds character ``i``."""
        return self.char_tok[i]

    def is_token_start(self, i: int) -> bool:
        return i <= 0 or i >= len(self.text) or self.starts[self.char_tok[i]] == i

    def is_token_end(self, i: int) -> bool:
        return i <= 0 or i >= len(self.text) or self.ends[self.char_tok[i - 1]] == i

    def tags_between(self, start: int, end: int) -> list[tuple[str, str]]:
        """(word, tag) of every token overlapping ``[start, end)``."""
        if start >= end:
            return []
        first, last = self.char_tok[start], self.char_tok[end - 1]
        return list(zip(self.words[first : last + 1], self.tags[first : last + 1]))


def analyse(text: str, words: Sequence[str], tags: Sequence[str]) -> Analysis:
    """Build an :class:`Analysis` from a segmentation whose words concatenate to ``text``."""
    starts: list[int] = []
    ends: list[int] = []
    char_tok: list[int] = []
    pos = 0
    for i, w in enumerate(words):
        starts.append(pos)
        pos += len(w)
        ends.append(pos)
        char_tok.extend([i] * len(w))
    if pos != len(text):
        raise ValueError(f"segmentation covers {pos} characters of {len(text)}")
    return Analysis(text, list(words), list(tags), starts, ends, char_tok)
