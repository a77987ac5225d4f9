"""Find lexicon terms in a whole text with an Aho-Corasick automaton instead of a regex alternation.

Why: ``re`` scans a big alternation by trying it wherever the first
character of any term occurs, which in Chinese news is almost everywhere;
the automaton (ahocorasick-rs, a DFA over the text's UTF-8) reads the text
once. On 3.5 M characters of news an industry, company-word or org-suffix
scan takes about 26 ms instead of 73 ms.

Both classes find exactly what ``re.compile(trie_alternation(terms))``
(with its context, for :class:`TermAnchored`) finds with ``finditer``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import ahocorasick_rs

__all__ = ["LexiconScan", "TermAnchored"]

_DFA = ahocorasick_rs.Implementation.DFA


def _longest_first(terms: Iterable[str]) -> list[str]:
    return sorted({t for t in terms if t}, key=lambda v: (-len(v), v))


class LexiconScan:
    """The leftmost non-overlapping terms of a text, the longest where several start at one place.

    That is what ``finditer`` of the longest-first alternation gives: at the
    leftmost place where a term starts, the first (longest) term that matches,
    then on from its end. Leftmost-first over the same order is the same rule.
    """

    def __init__(self, terms: Iterable[str]) -> None:
        self._automaton = ahocorasick_rs.AhoCorasick(
            _longest_first(terms), matchkind=ahocorasick_rs.MatchKind.LeftmostFirst, implementation=_DFA)

    def spans(self, text: str) -> list[tuple[int, int, int]]:
        """``(term index, start, end)`` of every match, in text order; start and end are character offsets."""
        return self._automaton.find_matches_as_indexes(text)


class TermAnchored:
    """``pattern.finditer(text)`` for a pattern whose every match begins with one of ``terms``.

    The pattern (say titles then a name) is tried only where a term starts,
    every term start counted (also inside another term, where ``re`` would
    try after a failed match), and never inside the previous match: the
    same ``re.Match`` objects ``finditer`` gives, without trying each
    position of the text.
    """

    def __init__(self, pattern: re.Pattern[str], terms: Iterable[str]) -> None:
        self.pattern = pattern
        self._automaton = ahocorasick_rs.AhoCorasick(_longest_first(terms), implementation=_DFA)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        starts = sorted({s for _, s, _ in self._automaton.find_matches_as_indexes(text, overlapping=True)})
        match = self.pattern.match
        after = 0
        for s in starts:
            if s >= after:
                m = match(text, s)
                if m is not None:
                    yield m
                    after = m.end()
