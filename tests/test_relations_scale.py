"""The relation stage at scale: indexed lookups agree with the pairwise rules, and long documents go through."""

from __future__ import annotations

import itertools

from conftest import make_document

from kg.model import Mention
from kg.relations import extract_relations
from kg.relations.base import Span, _same_thing, longest_names

#: Invented name parts: three of them make tens of thousands of distinct names.
_PARTS = "岫澜禾泓璟琰翊霁岚沐槿芮珂棠荻蘅苒筠璇瑛玥琮瑾湛澈滢漪沅汐"


def _pairwise_longest(mentions: list[Mention]) -> dict[tuple[str, str], str]:
    """The rule as first written: the first same-thing name, longest first, at least as long."""
    out = {}
    for label in {m.label for m in mentions}:
        texts = sorted({m.text for m in mentions if m.label == label}, key=lambda t: (-len(t), t))
        for t in texts:
            m = Mention(t, label, 0, 0)
            out[(t, label)] = next((o for o in texts if len(o) >= len(t) and _same_thing(Mention(o, label, 0, 0), m)), t)
    return out


def test_longest_names_agrees_with_the_pairwise_rule_on_abbreviations_suffixes_and_legal_forms():
    names = [
        ("临沅经济技术开发区", "PARK"), ("临沅经开区", "PARK"), ("江北临沅经济技术开发区", "PARK"),
        ("国家级临沅经济技术开发区", "PARK"), ("沅汐高新区", "PARK"), ("沅汐高新技术产业开发区", "PARK"),
        ("东区", "PARK"), ("新区", "PARK"), ("湛澈市东区", "PARK"), ("璟琰新材料产业园", "PARK"), ("材料产业园", "PARK"),
        ("青禾智能装备股份有限公司", "COMPANY"), ("青禾智能装备", "COMPANY"), ("青禾智能装备有限公司", "COMPANY"),
        ("青禾(临沅)智能装备有限公司", "COMPANY"), ("甲公司", "COMPANY"), ("公司", "COMPANY"),
        ("柏文舟", "PERSON"), ("新能源汽车", "INDUSTRY"),
    ]
    mentions = [Mention(t, label, 0, 0) for t, label in names]
    got = longest_names(mentions)
    assert got == _pairwise_longest(mentions)
    assert got[("临沅经开区", "PARK")] == "国家级临沅经济技术开发区"  # the abbreviation reaches the longest name
    assert got[("青禾智能装备", "COMPANY")] == "青禾(临沅)智能装备有限公司"  # the bracketed place is not in the key


def test_longest_names_agrees_with_the_pairwise_rule_on_many_generated_park_names():
    suffixes = ("经济技术开发区", "经开区", "高新区", "产业园", "园区")
    names = ["".join(p) + s for p, s in zip(itertools.product(_PARTS[:6], repeat=2), itertools.cycle(suffixes))]
    names += [n[1:] for n in names[::3]] + ["临" + n for n in names[::5]]
    mentions = [Mention(n, "PARK", 0, 0) for n in names]
    assert longest_names(mentions) == _pairwise_longest(mentions)


def _span(start: int, end: int, label: str = "COMPANY") -> Span:
    return Span(Mention("x" * (end - start), label, start, end), start, end, "x")


def test_outermost_drops_exactly_the_spans_nested_in_a_longer_one_and_keeps_the_order():
    from kg.relations.base import DocView

    spans = [_span(0, 10), _span(2, 5), _span(0, 10, "PARK"), _span(3, 12), _span(10, 12), _span(12, 15),
             _span(12, 14), _span(20, 21), _span(20, 21, "PARK")]
    view = DocView(None, [], [], [])  # type: ignore[arg-type]
    expected = [s for s in spans if not any(o is not s and o.start <= s.start and s.end <= o.end
                                            and (o.end - o.start) > (s.end - s.start) for o in spans)]
    got = view.outermost(spans)
    assert got == expected
    assert _span(2, 5) not in got and _span(0, 10, "PARK") in got and _span(20, 21, "PARK") in got


def _long_document(min_chars: int):
    """Invented paragraphs, each with its own company, park and person, until ``min_chars``."""
    parts, mentions, pos = [], [], 0
    for k, (a, b, c) in enumerate(itertools.product(_PARTS, repeat=3)):
        company, park, person = f"{a}{b}{c}动力有限公司", f"{c}{b}{a}经济开发区", f"柏{a}{c}"
        pieces = [(company, "COMPANY"), ("在", ""), (park, "PARK"), ("签约落户，园区管委会主任", ""), (person, "PERSON"),
                  ("出席签约仪式。新能源汽车", "INDUSTRY"), ("产业，集中资源做强", ""), (company, "COMPANY"), ("。\n", "")]
        for text, label in pieces:
            if label == "INDUSTRY":
                head, ind = text[:-5], text[-5:]
                pos += len(head)
                mentions.append(Mention(ind, label, pos, pos + len(ind), "long", "test"))
                pos += len(ind)
            else:
                if label:
                    mentions.append(Mention(text, label, pos, pos + len(text), "long", "test"))
                pos += len(text)
            parts.append(text)
        if pos >= min_chars:
            break
    return make_document("".join(parts), "long"), mentions, (company, park, person)


def test_a_document_past_a_million_characters_goes_through_extract_relations_to_its_last_paragraph():
    document, mentions, (company, park, person) = _long_document(1_050_000)
    assert len(document.clean) > 1_000_000
    relations, _ = extract_relations(document, mentions)
    located = {(r.head, r.tail): r for r in relations if r.type == "located_in"}
    last = located[(company, park)]
    assert last.evidence.start > 1_000_000  # the last paragraph's own sentence
    assert ("holds_position", person, "园区管委会主任") in {(r.type, r.head, r.tail) for r in relations}
    assert ("belongs_to_industry", company, "新能源汽车") in {(r.type, r.head, r.tail) for r in relations}


def test_placing_mentions_agrees_with_a_plain_search_of_the_offset_map():
    import bisect
    import random

    from kg.model import Document
    from kg.relations.base import _to_clean

    def searched(document: Document, start: int, end: int) -> tuple[int, int] | None:
        a = bisect.bisect_left(document.offsets, start)
        b = bisect.bisect_left(document.offsets, end - 1) + 1 if end > start else a
        return None if a >= len(document.clean) else (a, min(b, len(document.clean)))

    rng = random.Random(7)
    for _ in range(3000):
        # an offset map with dropped characters (gaps), expanded ones (repeats) and sometimes no end entry
        offsets, pos = [], 0
        for _ in range(rng.randint(1, 40)):
            pos += rng.choice((0, 1, 1, 1, 2, 3))
            offsets.append(pos)
        clean_size = len(offsets) - rng.choice((0, 1))
        document = Document("d", "d", "x" * (pos + 4), clean="y" * clean_size, offsets=offsets)
        mentions = [Mention("m", "LOC", s, s + rng.randint(0, 6)) for s in (rng.randint(0, pos + 3) for _ in range(8))]
        assert _to_clean(document, mentions) == [searched(document, m.start, m.end) for m in mentions]


def test_removing_names_agrees_with_re_sub_of_their_alternation():
    import random
    import re

    from kg.relations.industry import _remove_all

    rng = random.Random(11)
    alphabet = "产业链和、甲乙"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        names = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 4))]
        assert _remove_all(text, names) == re.sub("|".join(map(re.escape, names)), "", text), (text, names)


def _random_view(rng, size: int, labels: tuple[str, ...], longest: int, alphabet: str = _PARTS):  # type: ignore[no-untyped-def]
    """A document of ``size`` characters with random (nested, overlapping, empty, very long) mentions."""
    from kg.model import Document
    from kg.relations.base import build_view

    document = Document("d", "d", "".join(rng.choice(alphabet) for _ in range(size)))
    document.clean = document.text
    mentions = []
    for _ in range(rng.randint(0, 40)):
        start = rng.randint(0, size - 1)
        end = min(size, start + rng.choice((0, 1, 2, 3, 5, 8, longest)))
        mentions.append(Mention(document.text[start:end], rng.choice(labels), start, end))
    return build_view(document, mentions)


def test_standalone_industries_agree_with_asking_the_names_over_each_span():
    import random

    from kg.relations.base import MAX_NAME
    from kg.relations.industry import _NAMES, _cluster_industry, _industries

    def plain(view, start: int, end: int) -> list[Span]:  # the rule as first written
        names = view.spans_over(start, end, _NAMES)
        inds = view.inside(start, end, ("INDUSTRY",))
        out = [s for s in inds if not any(n.start <= s.start and s.end <= n.end for n in names)]
        for n in names:
            if n.label == "PARK" and start <= n.start and n.end <= end:
                ind = _cluster_industry(view, n)
                if ind is not None and all(o.start != ind.start for o in out):
                    out.append(ind)
        return sorted(out, key=lambda s: (s.start, s.end))

    rng = random.Random(5)
    for _ in range(300):
        view = _random_view(rng, 300, ("INDUSTRY", "INDUSTRY", "PARK", "COMPANY", "PROJECT", "ORG", "LOC"), MAX_NAME + 40)
        for _ in range(20):
            start = rng.randint(0, 300)
            end = rng.randint(start, 301)
            assert _industries(view, start, end) == plain(view, start, end)


def test_propagated_industries_skip_exactly_the_occurrences_a_mention_or_earlier_one_covers():
    import random

    from kg.relations.base import _LABEL_TEXT, _propagate, _to_clean

    def plain(document, mentions) -> list[tuple[str, int, int]]:  # marking every covered character
        covered = bytearray(len(document.clean) + 1)
        for a, b in _to_clean(document, mentions):
            covered[a:b] = b"\x01" * (b - a)
        out = []
        for text in sorted({m.text for m in mentions if m.label == "INDUSTRY" and len(m.text) >= 2},
                           key=lambda t: (-len(t), t)):
            a = document.clean.find(text)
            while a >= 0:
                b = a + len(text)
                if not any(covered[a:b]):
                    covered[a:b] = b"\x01" * (b - a)
                    out.append((text, a, b))
                a = document.clean.find(text, b)
        return out

    rng = random.Random(3)
    for _ in range(500):
        view = _random_view(rng, rng.randint(1, 60), ("INDUSTRY", "COMPANY"), 4, "岫澜禾")  # names written again
        document = view.document
        mentions = [s.mention for s in view.spans if s.mention.rule != "propagated"]
        found = _propagate(document, set(map(_LABEL_TEXT, mentions)), _to_clean(document, mentions))
        assert [(m.text, m.start, m.end) for m in found] == plain(document, mentions)


def test_the_lead_shortcut_agrees_with_the_lead_pattern_on_lines_with_and_without_lead_marks():
    import random

    from kg.relations.sections import _LEAD, _lead

    rng = random.Random(13)
    pieces = ["讯", "电", "（", "(", "）", ")", "【", "】", "记者", "通讯员", "员", "本刊讯", "，", "甲", "乙", " ", "\n"]
    for _ in range(20000):
        # an opening of any length before the mark, then anything
        line = "甲" * rng.randint(0, 30) + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        expected = _LEAD.match(line)
        found = _lead(line)
        assert (found and found.span()) == (expected and expected.span()), line


def test_the_byline_shortcut_agrees_with_the_byline_pattern():
    import random

    from kg.relations.sections import _BYLINE_END, _byline_end

    rng = random.Random(17)
    pieces = ["（", "(", "）", ")", "甲", "乙丙", "下转", "记者", "通讯员", " ", "\u3000", "\n", "。"]
    for _ in range(20000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert _byline_end(line) == bool(_BYLINE_END.search(line)), line


def test_a_name_placed_twice_with_one_label_keeps_its_first_mention_in_text_order():
    import random

    from kg.model import Document
    from kg.relations.base import build_view

    def plain(mentions: list[Mention]) -> list[tuple[int, int, str, str]]:  # first seen wins, then text order
        seen, kept = set(), []
        for m in mentions:
            if (m.start, m.end, m.label) not in seen:
                seen.add((m.start, m.end, m.label))
                kept.append(m)
        kept.sort(key=lambda m: (m.start, -m.end, m.label))
        return [(m.start, m.end, m.label, m.rule) for m in kept]

    rng = random.Random(19)
    for _ in range(500):
        document = Document("d", "d", "".join(rng.choice(_PARTS) for _ in range(12)))
        document.clean = document.text
        mentions = []
        for k in range(rng.randint(1, 12)):
            start = rng.randint(0, 8)
            end = start + rng.randint(1, 3)
            mentions.append(Mention(document.text[start:end], rng.choice(("LOC", "ORG")), start, end, "d", f"r{k}"))
        view = build_view(document, mentions)
        assert [(s.start, s.end, s.label, s.mention.rule) for s in view.spans] == plain(mentions)


def _outermost_as_first_written(spans: list[Span]) -> list[Span]:
    """The earlier outermost: sort by (start, -end), sweep the start groups, keep the list's order."""
    keys = [(s.start, -s.end) for s in spans]
    order = sorted(range(len(spans)), key=keys.__getitem__)
    nested = [False] * len(spans)
    reach, k = -1, 0
    while k < len(order):
        j = k
        while j < len(order) and spans[order[j]].start == spans[order[k]].start:
            j += 1
        group_end = spans[order[k]].end
        for i in order[k:j]:
            if reach >= spans[i].end or group_end > spans[i].end:
                nested[i] = True
        reach = max(reach, group_end)
        k = j
    return [s for i, s in enumerate(spans) if not nested[i]]


def test_outermost_in_text_order_and_in_any_order_agrees_with_the_first_sweep():
    import random

    from kg.relations.base import DocView

    view = DocView(None, [], [], [])  # type: ignore[arg-type]
    rng = random.Random(29)
    for _ in range(3000):
        spans = []
        for _ in range(rng.randint(0, 12)):
            start = rng.randint(0, 15)
            spans.append(_span(start, start + rng.choice((0, 1, 2, 3, 6)), rng.choice(("COMPANY", "PARK", "PROJECT"))))
        in_text_order = sorted(spans, key=lambda s: (s.start, -s.end, s.label))
        for listed in (in_text_order, spans):
            assert view.outermost(listed) == _outermost_as_first_written(listed)
