"""Segmentation facts the recognizers share: tokens, part-of-speech tags and character offsets.

Why one object: every rule needs the same questions answered fast — which
token holds character ``i``, what is its tag, where does it start — and the
answers come from one rjieba pass made by the tokenizer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

import numpy

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


#: Function characters jieba glues onto the unknown name that follows (与浩晟, 以瑞丰源).
_GLUED = frozenset("与和及在对向为把将被从由赴到是以有如像即让使给")
_GLUED_TAG = "p"
#: Appointment verbs jieba glues onto the unknown name that follows (曾任青 + 岚 for 曾任 + 青岚).
_GLUED_VERBS = ("曾任", "现任", "历任", "兼任", "出任", "担任")


def _unglue(words: Sequence[str], tags: Sequence[str]) -> tuple[Sequence[str], Sequence[str]]:
    """Split an unknown token that starts with a function character (or an appointment verb) off the name."""
    from kg.nlp.vocabulary import frequency

    todo = [i for i, w in enumerate(words)
            if (len(w) >= 3 and (w[0] in _GLUED or w.startswith(_GLUED_VERBS))) or (len(w) >= 2 and w[-1] == "等")]
    # jieba's dictionary holds a few such glued strings as rare names (曾任青 counts 2): rare is enough for verbs.
    todo = [i for i in todo if words[i].isalpha()
            and (frequency(words[i]) == 0 or words[i].startswith(_GLUED_VERBS) and frequency(words[i]) < 10)]
    if not todo:
        return words, tags
    out_w = list(words)
    out_t = list(tags)
    for i in reversed(todo):
        w, t = words[i], tags[i]
        if len(w) >= 3 and w.startswith(_GLUED_VERBS):
            out_w[i : i + 1] = [w[:2], w[2:]]
            out_t[i : i + 1] = ["v", "nz"]
        elif len(w) >= 3 and w[0] in _GLUED and frequency(w[1:]) < 50:
            out_w[i : i + 1] = [w[0], w[1:]]
            out_t[i : i + 1] = [_GLUED_TAG, "nz"]
        elif w[-1] == "等":
            out_w[i : i + 1] = [w[:-1], "等"]  # 晋泽等, 城等: the list word 等 glued to a name
            out_t[i : i + 1] = [t if t[:1] == "n" else "n", "u"]
    return out_w, out_t


def analyse(text: str, words: Sequence[str], tags: Sequence[str]) -> Analysis:
    """Build an :class:`Analysis` from a segmentation whose words concatenate to ``text``."""
    words, tags = _unglue(words, tags)
    lengths = list(map(len, words))
    ends = list(accumulate(lengths))
    total = ends[-1] if ends else 0
    if total != len(text):
        raise ValueError(f"segmentation covers {total} characters of {len(text)}")
    starts = list(accumulate(lengths[:-1], initial=0)) if lengths else []
    # Token index of every character: numpy repeats each index by its token's length in one call.
    char_tok = numpy.repeat(numpy.arange(len(lengths)), lengths).tolist()
    return Analysis(text, list(words), list(tags), starts, ends, char_tok)
