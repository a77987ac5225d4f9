"""The relation stage's shortcuts give what the full reading gives: names per (label, text), memo arguments,
longest-first orders, the ；-split without a ；, heading lines with a known lead, titles by their last character."""

from __future__ import annotations

import random
import re

from conftest import make_document

from kg.model import Document, Mention
from kg.relations import extract_relations
from kg.relations.base import _longest_first, _parts, _SEMI, build_view, semi_spans


def _view(text: str, names: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """A view of ``text`` (clean = original) with a mention at every occurrence of each (text, label)."""
    document = Document("d", "d", text)
    document.clean = text
    mentions = [Mention(t, label, m.start(), m.end(), "d") for t, label in names for m in re.finditer(re.escape(t), text)]
    return build_view(document, mentions)


def test_each_span_is_named_by_its_label_and_text_and_only_companies_and_parks_take_a_longer_name():
    text = "青禾智能装备有限公司落户临沅经开区。青禾智能装备扩产，临沅经开区在湛澈市。湛澈市另有临沅。"
    view = _view(text, [("青禾智能装备有限公司", "COMPANY"), ("青禾智能装备", "COMPANY"),
                        ("临沅经开区", "PARK"), ("湛澈市", "LOC"), ("临沅", "LOC")])
    names = {(s.label, s.text): s.name for s in view.spans}
    assert names[("COMPANY", "青禾智能装备")] == "青禾智能装备有限公司"  # the short name reaches the long one
    assert names[("LOC", "临沅")] == "临沅"  # a place is only itself, even when a park's name holds it
    assert names[("PARK", "临沅经开区")] == "临沅经开区"


def test_memo_makes_a_value_once_from_the_maker_and_its_arguments():
    view = _view("湛澈市。", [("湛澈市", "LOC")])
    calls = []

    def make(a: int, b: int) -> int:
        calls.append((a, b))
        return a + b

    assert view.memo("sum", make, 2, 3) == 5
    assert view.memo("sum", make, 7, 7) == 5  # made already: the key answers
    assert calls == [(2, 3)]


def test_longest_first_orders_by_length_then_string():
    rng = random.Random(3)
    texts = list({"".join(rng.choice("甲乙丙丁") for _ in range(rng.randint(1, 5))) for _ in range(200)})
    assert _longest_first(list(texts)) == sorted(texts, key=lambda t: (-len(t), t))


def test_semi_spans_without_a_semicolon_agree_with_the_regex_split():
    rng = random.Random(5)
    for _ in range(500):
        text = "".join(rng.choice("甲乙，；;。 ") for _ in range(rng.randint(0, 12)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert semi_spans(text, start, end) == _parts(_SEMI, text, start, end)


def test_heading_lines_with_their_lead_known_are_judged_as_when_asked_alone():
    from kg.relations.sections import _is_heading, _lead

    lines = ["本刊讯 临沅经开区", "临沅经开区招商引资", "（记者 柏文舟）", "临沅经开区：签约三个项目", "## 专题",
             "湛澈市新材料产业园", "本报讯（记者 柏文舟）近日", "一句话。", "甲" * 41]
    for line in lines:
        assert _is_heading(line, bool(_lead(line))) == _is_heading(line)


def test_titles_ending_at_each_position_agree_with_trying_every_length():
    from kg.relations.positions import _title_ending_at, _title_set

    text = "临沅经开区党工委书记、管委会主任柏文舟与青禾公司董事长、总经理湛澈会见客人，副主任在场。"
    titles = _title_set()
    for end in range(len(text) + 1):
        for floor in (0, max(0, end - 3)):
            want = next(((k, end) for k in range(max(floor, end - 8), end - 1) if text[k:end] in titles), None)
            assert _title_ending_at(text, end, floor) == want


def test_a_part_with_no_verb_and_no_park_places_nothing_and_a_park_of_the_report_still_does():
    names = [("青禾智能装备有限公司", "COMPANY"), ("临沅经开区", "PARK"), ("新能源", "INDUSTRY")]
    text = "青禾智能装备有限公司发展新能源业务。"
    doc = make_document(text)
    relations, _ = extract_relations(doc, _mentions(doc, names))
    assert not [r for r in relations if r.type in ("located_in", "has_industry")]
    text = "临沅经开区\n青禾智能装备有限公司新建新能源项目，集聚新能源产业。"
    doc = make_document(text)
    relations, _ = extract_relations(doc, _mentions(doc, names))
    assert ("located_in", "青禾智能装备有限公司", "临沅经开区") in {(r.type, r.head, r.tail) for r in relations}
    assert ("has_industry", "临沅经开区", "新能源") in {(r.type, r.head, r.tail) for r in relations}


def _mentions(doc: Document, names: list[tuple[str, str]]) -> list[Mention]:
    from kg.relations.base import locate_mentions

    return locate_mentions(doc, names)


def test_few_park_names_compared_pairwise_agree_with_the_index(monkeypatch):
    import kg.relations.base as base

    rng = random.Random(11)
    parts = "临沅湛澈青禾岫澜"
    suffixes = ("经济技术开发区", "经开区", "高新区", "产业园", "园区", "新区", "区")
    for _ in range(300):
        # 国家级 and 市 leave the key shorter than the name: a long name may have a key of under 4 characters
        names = {rng.choice(("", "", "国家级")) + "".join(rng.choice(parts) for _ in range(rng.randint(0, 4)))
                 + rng.choice(("", "", "市")) + rng.choice(suffixes) for _ in range(rng.randint(1, base._FEW_PARKS))}
        pairs = {("PARK", n) for n in names}
        pairwise = base._longest_names(pairs)
        monkeypatch.setattr(base, "_FEW_PARKS", 0)  # every document's parks through the index
        indexed = base._longest_names(pairs)
        monkeypatch.undo()
        assert pairwise == indexed


def test_one_label_set_in_two_orders_gives_the_same_mentions_in_text_order():
    view = _view("湛澈市临沅经开区与青禾智能装备有限公司在湛澈市。", [("湛澈市", "LOC"), ("临沅经开区", "PARK"),
                                                               ("青禾智能装备有限公司", "COMPANY")])
    spans, starts = view.labelled(("PARK", "LOC"))
    assert [s.text for s in spans] == ["湛澈市", "临沅经开区", "湛澈市"]
    assert starts == [s.start for s in spans]
    assert view.labelled(("LOC", "PARK")) == (spans, starts)
    assert [s.text for s in view.inside(0, 8, ("LOC", "PARK"))] == ["湛澈市", "临沅经开区"]
