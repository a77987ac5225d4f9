"""Resolution's shortcuts for input already in order give the graph the slow path gives (invented names)."""

from __future__ import annotations

from kg.model import Evidence, Extraction, Mention, Relation
from kg.resolve import resolve


def _mentions() -> list[Mention]:
    """Mentions of 青川经开区引进青禾能源，青川经开区再签约, in place order; two share a start (青川 inside 青川经开区)."""
    return [
        Mention("青川", "LOC", 0, 2, "a", "loc"),
        Mention("青川经开区", "PARK", 0, 5, "a", "park"),
        Mention("青禾能源", "COMPANY", 7, 11, "a", "company"),
        Mention("青川", "LOC", 12, 14, "a", "loc"),
        Mention("青川经开区", "PARK", 12, 17, "a", "park"),
    ]


def _graph(mentions: list[Mention]):
    ev = Evidence("a", "青川经开区引进青禾能源，青川经开区再签约。", 0, 20)
    rel = Relation("located_in", "青禾能源", "青川经开区", "COMPANY", "PARK", ev, "r", 0.5)
    return resolve([Extraction("a", "a.txt", mentions, [rel])])


def test_resolve_mentions_in_place_order_give_the_graph_of_shuffled_mentions():
    ordered, shuffled = _mentions(), _mentions()[::-1]
    one, two = _graph(ordered), _graph(shuffled)
    assert repr(one) == repr(two)
    (park,) = [e for e in one.entities.values() if e.label == "PARK"]
    assert [m.start for m in park.mentions] == [0, 12]


def test_resolve_mentions_with_a_place_twice_in_order_are_listed_once():
    ms = _mentions()
    ms.insert(2, Mention("青川经开区", "PARK", 0, 5, "a", "zone"))  # the same place, another rule, in place order
    kg = _graph(ms)
    (park,) = [e for e in kg.entities.values() if e.label == "PARK"]
    assert [(m.start, m.rule) for m in park.mentions] == [(0, "park"), (12, "park")]
    assert kg.merges["PARK"] == (2, 1)


def test_resolve_lists_entities_and_relations_by_id():
    ev = Evidence("a", "青禾能源落户青川经开区，明川重工落户临溪高新区。", 0, 24)
    rels = [Relation("located_in", "青禾能源", "青川经开区", "COMPANY", "PARK", ev, "r", 0.5),
            Relation("located_in", "明川重工", "临溪高新区", "COMPANY", "PARK", ev, "r", 0.5),
            Relation("holds_position", "周明远", "董事长", "PERSON", "TITLE", ev, "r", 0.5)]
    ms = [Mention("青禾能源", "COMPANY", 0, 4, "a"), Mention("青川经开区", "PARK", 6, 11, "a"),
          Mention("明川重工", "COMPANY", 12, 16, "a"), Mention("临溪高新区", "PARK", 18, 23, "a")]
    kg = resolve([Extraction("a", "a.txt", ms, rels)])
    assert len(kg.entities) == 6 and list(kg.entities) == sorted(kg.entities)  # the person and title too
    assert len(kg.relations) == 3 and list(kg.relations) == sorted(kg.relations)


def test_resolve_relation_told_twice_keeps_its_evidence_once_in_document_order():
    def told(doc_id: str, start: int) -> Relation:
        ev = Evidence(doc_id, "青禾能源落户青川经开区。", start, start + 12)
        return Relation("located_in", "青禾能源", "青川经开区", "COMPANY", "PARK", ev, "r", 0.5)

    def doc(doc_id: str, rels: list[Relation]) -> Extraction:
        ms = [Mention("青禾能源", "COMPANY", 0, 4, doc_id), Mention("青川经开区", "PARK", 6, 11, doc_id)]
        return Extraction(doc_id, f"{doc_id}.txt", ms, rels)

    kg = resolve([doc("b", [told("b", 0), told("b", 0)]), doc("a", [told("a", 30), told("a", 0), told("a", 30)])])
    (rel,) = kg.relations.values()
    assert [(e.doc_id, e.start) for e in rel.evidence] == [("a", 0), ("a", 30), ("b", 0)]


def test_resolve_title_named_in_many_documents_is_one_entity_listing_them_all():
    def doc(doc_id: str) -> Extraction:
        ev = Evidence(doc_id, "董事长周明远出席。", 0, 9)
        rel = Relation("holds_position", "周明远", "董事长", "PERSON", "TITLE", ev, "r", 0.5)
        return Extraction(doc_id, f"{doc_id}.txt", [Mention("周明远", "PERSON", 3, 6, doc_id)], [rel])

    kg = resolve([doc("c"), doc("a"), doc("b")])
    (title,) = [e for e in kg.entities.values() if e.label == "TITLE"]
    assert title.name == "董事长" and title.documents == ["a", "b", "c"]
    (rel,) = kg.relations.values()  # one person too: the same title family in each document
    assert rel.tail == title.id and [e.doc_id for e in rel.evidence] == ["a", "b", "c"]
