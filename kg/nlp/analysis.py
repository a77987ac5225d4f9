"""Segmentation facts the recognizers share: tokens, part-of-speech tags and character offsets.

Why one object: every rule needs the same questions answered fast — which
token holds character ``i``, what is its tag, where does it start — and the
answers come from one rjieba pass made by the tokenizer.

Why numpy: a document has thousands of tokens; offsets, the token of every
character and the few tokens that may need ungluing come from whole-array
operations, so no Python code runs per token.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy

__all__ = ["Analysis", "analyse", "char_table"]


@dataclass(slots=True)
class Analysis:
    """The text with its tokens; ``char_tok[i]`` is the index of the token holding character ``i``.

    ``inserted`` lists (ascending) the tokens that :func:`analyse` split off a
    segmenter token; the segmenter's own tokens are the spaCy Doc's.
    """

    text: str
    words: list[str]
    tags: list[str]
    starts: Sequence[int]
    ends: Sequence[int]
    char_tok: Sequence[int]
    inserted: list[int] = field(default_factory=list)
    #: Each token's length and the code points of its first and last characters, for whole-array shape tests.
    token_len: numpy.ndarray = field(default_factory=lambda: numpy.zeros(0, dtype=numpy.intp))
    token_first: numpy.ndarray = field(default_factory=lambda: numpy.zeros(0, dtype=numpy.uint32))
    token_last: numpy.ndarray = field(default_factory=lambda: numpy.zeros(0, dtype=numpy.uint32))

    def token_at(self, i: int) -> int:
        """Index of the token that holds character ``i``."""
        return self.char_tok[i]

    def segment_at(self, i: int) -> int:
        """Index among the segmenter's tokens (the Doc's) of the one holding character ``i``."""
        k = self.char_tok[i]
        return k - bisect_right(self.inserted, k) if self.inserted else k

    def is_token_start(self, i: int) -> bool:
        return i <= 0 or i >= len(self.text) or self.starts[self.char_tok[i]] == i

    def is_token_end(self, i: int) -> bool:
        return i <= 0 or i >= len(self.text) or self.ends[self.char_tok[i - 1]] == i

    def tokens_shaped(
        self, first: numpy.ndarray, min_len: int, max_len: int, last: numpy.ndarray | None = None
    ) -> list[int]:
        """Ascending indexes of the tokens of ``min_len`` to ``max_len`` (>= 1) characters whose first (and last)
        character is marked in the :func:`char_table` ``first`` (``last``).

        Why: a rule that looks at a few kinds of token (place names, surname-first names) tests a few hundred
        tokens of a document in Python instead of all of them; the shape test is whole-array numpy.
        """
        lengths = self.token_len
        keep = (lengths >= min_len) & (lengths <= max_len) & first[self.token_first]
        if last is not None:
            keep &= last[self.token_last]
        return numpy.flatnonzero(keep).tolist()

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
#: Whether a BMP code point is the first character of some glued token (a superset test, checked exactly per
#: candidate): one table lookup per token instead of Python code per token.
_FIRST_TABLE = numpy.zeros(0x10000, dtype=bool)
_FIRST_TABLE[[ord(c) for c in _GLUED] + [ord(v[0]) for v in _GLUED_VERBS]] = True
_DENG = ord("等")


def _is_glued(w: str) -> bool:
    return (len(w) >= 3 and (w[0] in _GLUED or w.startswith(_GLUED_VERBS))) or (len(w) >= 2 and w[-1] == "等")


def char_table(chars: Iterable[str]) -> numpy.ndarray:
    """A lookup table over every code point marking ``chars``, for :meth:`Analysis.tokens_shaped`."""
    table = numpy.zeros(0x110000, dtype=bool)
    table[[ord(c) for c in set(chars)]] = True
    return table


def _glue_candidates(codes: numpy.ndarray, lengths: numpy.ndarray, ends: numpy.ndarray) -> list[int]:
    """Indexes of the tokens that may start with a glue character or end with 等 (from first and last code points)."""
    two = numpy.flatnonzero(lengths >= 2)
    last = codes[ends[two] - 1]
    first = codes[ends[two] - lengths[two]]
    glue_first = (first < 0x10000) & _FIRST_TABLE[first & 0xFFFF]
    return two[(last == _DENG) | ((lengths[two] >= 3) & glue_first)].tolist()


def _unglue(
    words: Sequence[str], tags: Sequence[str], todo: list[int]
) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """Split an unknown token that starts with a function character (or an appointment verb) off the name.

    ``todo`` holds (at least) the tokens of that shape; returns the words, the tags and, for each token split,
    its index and the length of its first part.
    """
    from kg.nlp.vocabulary import frequency

    # jieba's dictionary holds a few such glued strings as rare names (曾任青 counts 2): rare is enough for verbs.
    todo = [i for i in todo if _is_glued(words[i]) and words[i].isalpha()
            and (frequency(words[i]) == 0 or words[i].startswith(_GLUED_VERBS) and frequency(words[i]) < 10)]
    out_w = list(words)
    out_t = list(tags)
    split: list[tuple[int, int]] = []
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
        else:
            continue
        split.append((i, len(out_w[i])))
    split.reverse()
    return out_w, out_t, split


def _ints(values: numpy.ndarray) -> array:
    """A compact int sequence: rules read a few entries, so building a Python int for each would be wasted."""
    return array("q", values.astype(numpy.int64).tobytes())


def analyse(text: str, words: Sequence[str], tags: Sequence[str]) -> Analysis:
    """Build an :class:`Analysis` from a segmentation whose words concatenate to ``text``."""
    lengths = numpy.fromiter(map(len, words), dtype=numpy.intp, count=len(words))
    ends = numpy.cumsum(lengths)
    total = int(ends[-1]) if len(ends) else 0
    if total != len(text):
        raise ValueError(f"segmentation covers {total} characters of {len(text)}")
    codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    words, tags, split = _unglue(words, tags, _glue_candidates(codes, lengths, ends))
    inserted: list[int] = []
    if split:  # each split token's length becomes its two parts' lengths
        at = numpy.array([i for i, _ in split], dtype=numpy.intp)
        heads = numpy.array([h for _, h in split], dtype=numpy.intp)
        lengths = numpy.insert(lengths, at + 1, lengths[at] - heads)
        lengths[at + numpy.arange(len(at))] = heads
        ends = numpy.cumsum(lengths)
        inserted = (at + numpy.arange(1, len(at) + 1)).tolist()
    # Token index of every character: numpy repeats each index by its token's length in one call.
    char_tok = numpy.repeat(numpy.arange(len(lengths)), lengths)
    padded = numpy.append(codes, numpy.uint32(0))  # an empty token's first and last character read the 0 after the text
    return Analysis(text, words, tags, _ints(ends - lengths), _ints(ends), _ints(char_tok), inserted,
                    lengths, padded[ends - lengths], padded[ends - 1])
