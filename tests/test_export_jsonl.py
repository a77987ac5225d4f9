"""Each line of ``extractions.jsonl`` is, byte for byte, ``json.dumps(ext.to_json(), ensure_ascii=False)``."""

from __future__ import annotations

import json

from hypothesis import given
from test_hostile_exports import NAMES, SETTINGS

from kg.export.jsonl import generate_jsonl, jsonl_line
from kg.model import Evidence, Extraction, Mention, Relation


def _reference(ext: Extraction) -> str:
    return json.dumps(ext.to_json(), ensure_ascii=False, sort_keys=False) + "\n"


def _extraction(name: str, other: str, sentence: str, confidence: float | int = 0.75,
                attrs: tuple[tuple[str, str], ...] = ()) -> Extraction:
    ev = Evidence("d1", sentence, 3, 3 + len(sentence))
    mentions = [Mention(other, "PARK", 9, 9 + len(other), "d1", "b"), Mention(name, "COMPANY", 0, len(name), "d1", "a"),
                Mention(name, "COMPANY", 0, len(name), "d1", "again")]  # the same place twice: written once
    relations = [Relation("located_in", name, other, "COMPANY", "PARK", ev, 'rule "q"', confidence),
                 Relation("holds_position", name, other, "PERSON", "TITLE", ev, "r\\2", confidence, attrs)]
    return Extraction("d1", "d1.txt", mentions, relations)


def test_jsonl_line_equals_json_dumps_on_quotes_controls_and_attrs():
    ext = _extraction('甲"乙\\丙\n', "园\x00区\u2028😀", "句子\t“引号”\r\n</script>",
                      attrs=(("org", '局"'), ("b", "")))
    assert jsonl_line(ext) == _reference(ext)


def test_jsonl_line_writes_numbers_as_json_does():
    for confidence in (0.1 + 0.2, 1, 1.0, 1e-7, float("nan"), float("inf"), -float("inf")):
        ext = _extraction("甲公司", "乙园区", "句子。", confidence)
        assert jsonl_line(ext) == _reference(ext)


def test_jsonl_line_of_an_empty_extraction_has_empty_lists():
    ext = Extraction("空", "空.txt")
    assert jsonl_line(ext) == _reference(ext) == '{"doc": "空", "entities": [], "relations": []}\n'


def test_generate_jsonl_sorts_documents_by_id():
    exts = [Extraction("b", "b.txt"), Extraction("a", "a.txt")]
    assert [json.loads(line)["doc"] for line in generate_jsonl(exts)] == ["a", "b"]


@SETTINGS
@given(name=NAMES, other=NAMES, sentence=NAMES)
def test_jsonl_line_equals_json_dumps_on_hostile_text(name, other, sentence):
    ext = _extraction(name, other, sentence)
    assert jsonl_line(ext) == _reference(ext)
