"""to_mentions: offsets mapped inline and records made without __init__ equal the plain constructor's."""

from __future__ import annotations

import pickle

from conftest import make_document

from kg.model import Document, Mention
from kg.nlp.candidate import Candidate
from kg.nlp.mentions import to_mentions


def _plain(document: Document, kept: list[Candidate]) -> list[Mention]:
    """The constructor path: Document.to_original per mention and Mention(...)."""
    out = []
    for c in kept:
        start, end = document.to_original(c.start, c.end)
        out.append(Mention(text=document.clean[c.start : c.end], label=c.label, start=start, end=end,
                           doc_id=document.doc_id, rule=c.rule))
    return out


def _same(got: list[Mention], want: list[Mention]) -> None:
    assert got == want
    assert [type(m) for m in got] == [Mention] * len(want)
    assert [list(vars(m).items()) for m in got] == [list(vars(m).items()) for m in want]  # same fields, same order
    assert list(map(hash, got)) == list(map(hash, want))
    assert pickle.dumps(got) == pickle.dumps(want)


def test_nlp_mentions_match_the_constructor_on_a_cleaned_document():
    # Dropped zero-width spaces shift the clean offsets from the original's; full-width letters are normalized.
    document = make_document("甲乙\u200b公司ＡＢ在丙丁\u200b市建设工厂。\n\n戊己说")
    assert document.offsets != list(range(len(document.clean) + 1))
    kept = [Candidate(0, 4, "COMPANY", "r1"), Candidate(4, 6, "LOC", "r2"), Candidate(7, 11, "PARK", "r3"),
            Candidate(3, 3, "ORG", "empty"), Candidate(len(document.clean) - 2, len(document.clean), "PERSON", "r4")]
    _same(to_mentions(document, kept), _plain(document, kept))


def test_nlp_mentions_match_the_constructor_without_offsets():
    document = Document(doc_id="d", source="d.txt", text="甲乙丙丁", clean="甲乙丙丁")
    kept = [Candidate(0, 2, "LOC", "a"), Candidate(2, 2, "ORG", "empty"), Candidate(1, 4, "PARK", "b")]
    got = to_mentions(document, kept)
    _same(got, _plain(document, kept))
    assert [(m.start, m.end) for m in got] == [(0, 2), (2, 2), (1, 4)]


def test_nlp_mentions_stay_frozen():
    document = make_document("甲乙丙丁")
    (mention,) = to_mentions(document, [Candidate(0, 2, "LOC", "a")])
    try:
        mention.start = 5  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("a mention from to_mentions can be changed")
    assert mention.start == 0


def test_nlp_records_from_rows_equal_the_constructor_for_any_record_type():
    import dataclasses

    from kg.model import Evidence, records_from_rows

    names = tuple(f.name for f in dataclasses.fields(Evidence))
    rows = [("d", "某园区新签约两个项目。", 3, 14), ("e", "", 0, 0)]
    made = records_from_rows(Evidence, names, rows)
    assert made == [Evidence(*row) for row in rows]
    assert pickle.dumps(made) == pickle.dumps([Evidence(*row) for row in rows])
