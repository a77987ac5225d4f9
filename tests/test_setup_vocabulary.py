"""Word frequencies looked up in jieba's dictionary held as sorted UTF-8 lines."""

from __future__ import annotations

import importlib.util
import os

from kg.nlp.vocabulary import _Dictionary, _dictionary, frequency, is_rare

_SMALL = "\n".join([
    "科技园 12 n",
    "科技 800 n",
    "青禾 3 nr",
    "园区 95 n",
    "科技 900 n",  # listed twice: the later line counts
    "新材料 40 n",
    "科 7 n",
]).encode("utf-8")


def test_setup_vocabulary_finds_each_word_and_not_its_prefixes_or_extensions() -> None:
    small = _Dictionary(_SMALL)
    assert small.frequency("科技园") == 12
    assert small.frequency("科") == 7
    assert small.frequency("青禾") == 3
    assert small.frequency("新材料") == 40
    assert small.frequency("新材") == 0
    assert small.frequency("科技园区") == 0
    assert small.frequency("") == 0


def test_setup_vocabulary_takes_the_later_line_of_a_word_listed_twice() -> None:
    assert _Dictionary(_SMALL).frequency("科技") == 900


def test_setup_vocabulary_agrees_with_a_dict_of_the_whole_dictionary() -> None:
    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.submodule_search_locations
    with open(os.path.join(spec.submodule_search_locations[0], "dict.txt"), encoding="utf-8") as fh:
        counts = {}
        for line in fh.read().split("\n"):
            if line:
                word, count, *_ = line.split(" ")
                counts[word] = int(count)
    words = list(counts)[::37] + ["青禾新材料", "临江高新区", "\ud800", "a b"]
    found = _dictionary()
    assert [w for w in words if found.frequency(w) != counts.get(w, 0)] == []
    assert frequency("公司") == counts["公司"] and not is_rare("公司")
