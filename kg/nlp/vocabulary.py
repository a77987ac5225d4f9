"""Word frequencies from jieba's dictionary: what makes a token a common word or a name.

Why: jieba tags many trade names as common nouns (太重, 大金) and some place
names as verbs (介休). A word jieba's dictionary does not hold, or holds as
rare, is far more likely a name than a word it counts thousands of times.
rjieba segments with the same dictionary, so the two agree on words.
"""

from __future__ import annotations

import os
from functools import lru_cache

__all__ = ["frequency", "is_rare"]


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    try:
        import jieba
    except ImportError:  # pragma: no cover - jieba is a declared dependency
        return {}
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    out: dict[str, int] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ", 2)
            if len(parts) >= 2:
                out[parts[0]] = int(parts[1])
    return out


def frequency(word: str) -> int:
    """The word's count in jieba's dictionary (0 when it is not a dictionary word)."""
    return _frequencies().get(word, 0)


def is_rare(word: str, below: int = 50) -> bool:
    """Whether a word of two or more CJK characters is absent from, or rare in, jieba's dictionary."""
    return len(word) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in word) and frequency(word) < below
