"""``extractions.jsonl``: one line per document in the annotation guide's format (what ``kg extract`` prints).

Each line is the text ``json.dumps(extraction.to_json(), ensure_ascii=False)``
gives (``tests/test_export_jsonl.py`` checks the two byte for byte), written
here without the dicts: entities filled in by column (:mod:`kg.export.columns`),
one format per relation, each distinct string escaped once per document (a
sentence that several relations cite, a name said many times). Building the
dicts and walking them with the generic encoder took half as long again.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring
from operator import attrgetter

from kg.export.atomic import atomic_open
from kg.export.columns import fill
from kg.gcpause import no_cycle_collection
from kg.model import Extraction

__all__ = ["generate_jsonl", "jsonl_line", "write_jsonl"]

_MENTION_ORDER = attrgetter("start", "end", "label")
_ENTITY_ROW = attrgetter("text", "label", "start", "end")
#: The text around the four fields of an entity (each followed by ", ": the last one is cut).
_ENTITY_PIECES = ('{"text": ', ', "label": ', ', "start": ', ', "end": ', '}, ')


class _Quoted(dict[str, str]):
    """A string -> its JSON text (quoted, non-ASCII kept), escaped once per distinct string."""

    def __missing__(self, text: str) -> str:
        quoted = self[text] = encode_basestring(text)
        return quoted


def _number(value: object) -> str:
    """A number as ``json.dumps`` writes it (``float.__repr__``, ``int.__repr__``; NaN and infinities by name)."""
    if type(value) is float and math.isfinite(value):
        return repr(value)
    return json.dumps(value)


def jsonl_line(ext: Extraction) -> str:
    """``json.dumps(ext.to_json(), ensure_ascii=False) + "\\n"``, made without the intermediate dicts."""
    q = _Quoted()
    # a place found by two rules is one entity: equal rows kept once, in their first place
    rows = dict.fromkeys(map(_ENTITY_ROW, sorted(ext.mentions, key=_MENTION_ORDER)))
    texts, labels, starts, ends = zip(*rows) if rows else ((), (), (), ())
    entities = fill(_ENTITY_PIECES, [list(map(q.__getitem__, texts)), list(map(q.__getitem__, labels)),
                                     list(map(str, starts)), list(map(str, ends))])[:-2]
    relations = []
    for r in ext.relations:
        ev = r.evidence
        attrs = f', "attrs": {json.dumps(dict(r.attrs), ensure_ascii=False)}' if r.attrs else ""
        relations.append(f'{{"type": {q[r.type]}, "head": {q[r.head]}, "tail": {q[r.tail]}, '
                         f'"evidence": {q[ev.sentence]}, '
                         f'"evidence_start": {ev.start}, "evidence_end": {ev.end}, "rule": {q[r.rule]}, '
                         f'"confidence": {_number(r.confidence)}{attrs}}}')
    return (f'{{"doc": {q[ext.doc_id]}, "entities": [{entities}], '
            f'"relations": [{", ".join(relations)}]}}\n')


def generate_jsonl(extractions: Iterable[Extraction]) -> Iterator[str]:
    """One JSON line per document, sorted by document id."""
    for ext in sorted(extractions, key=lambda e: e.doc_id):
        yield jsonl_line(ext)


def write_jsonl(extractions: Iterable[Extraction], path: str | os.PathLike[str]) -> None:
    """Write ``generate_jsonl`` to ``path`` atomically."""
    with no_cycle_collection(), atomic_open(path) as fh:
        fh.writelines(generate_jsonl(extractions))
