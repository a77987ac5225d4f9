"""Word frequencies from jieba's dictionary: what makes a token a common word or a name.

Why: jieba tags many trade names as common nouns (太重, 大金) and some place
names as verbs (介休). A word jieba's dictionary does not hold, or holds as
rare, is far more likely a name than a word it counts thousands of times.
rjieba segments with the same dictionary, so the two agree on words.

Why a sorted list of lines and not a dict: every worker process loads the
dictionary (349,000 lines); building a dict of them costs about 0.4 s per
process, while sorting the lines (the file is nearly sorted already) and
looking a word up by bisection costs a tenth of that, and a text asks for a
few thousand words at most (answers are memoized).
"""

from __future__ import annotations

import importlib.util
import os
from bisect import bisect_left
from functools import lru_cache

__all__ = ["frequency", "is_rare"]


class _Dictionary:
    """jieba's ``dict.txt`` lines (``word freq tag``) as UTF-8 bytes, sorted, looked up by bisection.

    Why bytes: UTF-8 bytes sort in the order of their characters, and reading,
    splitting and sorting bytes (no decoding, byte-wise comparisons) costs a
    third of doing it with text in every worker process.
    """

    def __init__(self, data: bytes) -> None:
        self._data = data
        lines = data.split(b"\n")
        lines.sort()  # a line sorts where its word does: the space after the word sorts before any character of it
        self._lines = lines

    def frequency(self, word: str) -> int:
        key = word.encode("utf-8", "surrogatepass") + b" "
        lines = self._lines
        i = bisect_left(lines, key)
        if i == len(lines) or not lines[i].startswith(key):
            return 0
        line = lines[i]
        if i + 1 < len(lines) and lines[i + 1].startswith(key):  # listed twice: the later line counts
            data = self._data
            at = data.rfind(b"\n" + key) + 1  # 0 when only the first line holds it
            end = data.find(b"\n", at)
            line = data[at : end if end >= 0 else len(data)]
        return int(line.split(b" ", 2)[1])


@lru_cache(maxsize=1)
def _dictionary() -> _Dictionary:
    spec = importlib.util.find_spec("jieba")  # its dictionary file, without importing jieba (0.1 s)
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - jieba is a declared dependency
        return _Dictionary(b"")
    path = os.path.join(spec.submodule_search_locations[0], "dict.txt")
    with open(path, "rb") as fh:
        return _Dictionary(fh.read())


_MEMO: dict[str, int] = {}


def frequency(word: str) -> int:
    """The word's count in jieba's dictionary (0 when it is not a dictionary word)."""
    found = _MEMO.get(word)
    if found is None:
        found = _MEMO[word] = _dictionary().frequency(word)
    return found


def is_rare(word: str, below: int = 50) -> bool:
    """Whether a word of two or more CJK characters is absent from, or rare in, jieba's dictionary."""
    return len(word) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in word) and frequency(word) < below
