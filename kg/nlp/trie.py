"""A regex alternation of many literal terms, nested by shared prefixes.

Why: ``re`` tries the branches of ``a|b|c ...`` one after another at every
position where the first character of any term occurs; with a hundred titles
or suffixes that is a hundred tries per such position. Nested by prefix
(``市(?:长|委书记)|副(?:市长|书记)``) it tries only the terms that begin with
the character at hand. The pattern matches exactly what the flat
longest-first alternation of the same terms matches, backtracking included:
terms under different characters can never both match at one position, and
under one character they keep their longest-first order (a term that ends
at a node comes after every longer term through it).
"""

from __future__ import annotations

import re

__all__ = ["trie_alternation"]


def trie_alternation(terms: tuple[str, ...]) -> str:
    """The alternation of ``terms`` (longest first), nested by shared prefixes."""
    return _branches(sorted(terms, key=lambda v: (-len(v), v)))


def _branches(terms: list[str]) -> str:
    groups: dict[str, list[str]] = {}
    ends_here = False
    for term in terms:
        if term:
            groups.setdefault(term[0], []).append(term[1:])
        else:
            ends_here = True
    parts = []
    for first, rests in groups.items():
        if len(rests) == 1:
            parts.append(re.escape(first + rests[0]))
        else:
            parts.append(f"{re.escape(first)}(?:{_branches(rests)})")
    if ends_here:
        parts.append("")  # the term that ends here: tried after every longer one
    return "|".join(parts)
