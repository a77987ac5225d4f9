"""Each stage on short texts written for the test."""

from __future__ import annotations

from conftest import make_document

from kg.evaluate import score_documents
from kg.model import Extraction
from kg.nlp import extract_mentions, make_nlp
from kg.relations import extract_relations
from kg.resolve import resolve


def _mentions(text: str):
    doc = make_document(text)
    return doc, extract_mentions(make_nlp(), doc)


def test_nlp_finds_park_with_place_head():
    _, ms = _mentions("项目位于临海经济技术开发区的东部。")
    assert ("临海经济技术开发区", "PARK") in {(m.text, m.label) for m in ms}


def test_nlp_offsets_point_into_original_text():
    doc, ms = _mentions("（记者）湖州市委书记陈浩然指出，要加快发展。")
    for m in ms:
        assert doc.text[m.start : m.end] == m.text


def test_relations_located_in_by_trigger():
    doc, ms = _mentions("青禾新材料有限公司落户临海经济技术开发区。")
    rels, _ = extract_relations(doc, ms)
    assert any(r.type == "located_in" and r.tail == "临海经济技术开发区" for r in rels)


def test_resolve_merges_park_abbreviation_with_full_name():
    doc1, ms1 = _mentions("临海经济技术开发区召开会议。")
    doc2, ms2 = _mentions("临海经开区召开会议。")
    kg = resolve([Extraction("a", "a.txt", [m.__class__(**{**m.__dict__, "doc_id": "a"}) for m in ms1]),
                  Extraction("b", "b.txt", [m.__class__(**{**m.__dict__, "doc_id": "b"}) for m in ms2])])
    parks = [e for e in kg.entities.values() if e.label == "PARK"]
    assert len(parks) == 1 and set(parks[0].documents) == {"a", "b"}


def test_evaluate_forgives_shorter_park_name_in_relation():
    gold = {"d": {"entities": [], "relations": [{"type": "located_in", "head": "甲公司", "tail": "临海经济技术开发区"}]}}
    pred = {"d": {"entities": [], "relations": [{"type": "located_in", "head": "甲公司", "tail": "临海经开区"}]}}
    report = score_documents(gold, pred)
    assert report.relations["located_in"].tp == 1 and report.relations["located_in"].fp == 0
