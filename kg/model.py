"""The data model every stage shares: plain dataclasses, no third-party imports.

Data flows one way through these records::

    Document --nlp--> Mention* --relations--> Relation* (each with Evidence)
             ==> Extraction (one per document)
             --resolve--> Entity* + EntityRelation* ==> KnowledgeGraph

Offsets (``start``, ``end``) are always Python string indices into
``Document.text``, the original text as decoded, so a user can find every
mention and every evidence sentence in the file they gave us.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, TypeVar

__all__ = [
    "ENTITY_LABELS",
    "RELATION_TYPES",
    "Delegation",
    "Document",
    "Entity",
    "EntityRelation",
    "Evidence",
    "Extraction",
    "KnowledgeGraph",
    "Mention",
    "records_from_rows",
    "Relation",
    "Sentence",
]

#: The seven entity labels of the annotation guide, in display order.
ENTITY_LABELS: tuple[str, ...] = ("PARK", "COMPANY", "PERSON", "INDUSTRY", "PROJECT", "ORG", "LOC")

#: The five relation types of the annotation guide.
RELATION_TYPES: tuple[str, ...] = (
    "located_in",
    "leads_delegation",
    "belongs_to_industry",
    "has_industry",
    "holds_position",
)


@dataclass(frozen=True)
class Sentence:
    """A sentence as a span of the original text (``text == doc.text[start:end]`` after repair).

    ``text`` is the sentence with layout line breaks removed; ``start``/``end``
    point into the original document.
    """

    start: int
    end: int
    text: str


@dataclass
class Document:
    """One input document after ingest.

    ``text`` is the original decoded text. ``clean`` is the text the NLP stage
    reads: same content with width/compatibility forms normalized, invisible
    characters dropped and layout line breaks inside sentences removed.
    ``offsets[i]`` is the index in ``text`` of ``clean[i]`` (one extra entry
    at the end maps the end of the clean text), so any span found in
    ``clean`` maps back to the original.
    """

    doc_id: str
    source: str
    text: str
    clean: str = ""
    offsets: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of ``clean`` to the original text."""
        if not self.offsets:
            return start, end
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        return o_start, o_end


@dataclass(frozen=True)
class Mention:
    """One occurrence of a named thing in a document."""

    text: str
    label: str
    start: int
    end: int
    doc_id: str = ""
    rule: str = ""


@dataclass(frozen=True)
class Evidence:
    """The sentence a relation was read from, with its place in the original document."""

    doc_id: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Relation:
    """A typed link between two mentions' names, as stated in one document.

    ``head`` and ``tail`` are names as written (the longest name of the thing
    in that document); for ``holds_position`` the tail is the title.
    ``attrs`` holds optional extra facts (e.g. ``org`` for a post).
    """

    type: str
    head: str
    tail: str
    head_label: str
    tail_label: str
    evidence: Evidence
    rule: str
    confidence: float
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass
class Delegation:
    """An investment-promotion visit: who led it, where it went, who it met."""

    doc_id: str
    leader: str
    members: list[tuple[str, str]] = field(default_factory=list)  # (name, title)
    destinations: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    purpose: str = ""
    date: str = ""
    evidence: Evidence | None = None


#: The order of entities in an extraction's JSON record.
_MENTION_ORDER = attrgetter("start", "end", "label")


@dataclass
class Extraction:
    """Everything the NLP and relation stages found in one document."""

    doc_id: str
    source: str
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    delegations: list[Delegation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The annotation guide's record: one object per document."""
        seen: set[tuple[str, str, int, int]] = set()
        entities = []
        for m in sorted(self.mentions, key=_MENTION_ORDER):
            key = (m.text, m.label, m.start, m.end)
            if key in seen:
                continue
            seen.add(key)
            entities.append({"text": m.text, "label": m.label, "start": m.start, "end": m.end})
        relations = []
        for r in self.relations:
            rec: dict[str, Any] = {
                "type": r.type,
                "head": r.head,
                "tail": r.tail,
                "evidence": r.evidence.sentence,
                "evidence_start": r.evidence.start,
                "evidence_end": r.evidence.end,
                "rule": r.rule,
                "confidence": r.confidence,
            }
            if r.attrs:
                rec["attrs"] = dict(r.attrs)
            relations.append(rec)
        return {"doc": self.doc_id, "entities": entities, "relations": relations}


@dataclass
class Entity:
    """One thing in the graph, merged from all the mentions that name it."""

    id: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class EntityRelation:
    """A relation between two resolved entities, keeping every piece of evidence."""

    id: str
    type: str
    head: str  # entity id
    tail: str  # entity id (for holds_position: a title entity id)
    evidence: list[Evidence] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    confidence: float = 0.0
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class KnowledgeGraph:
    """The resolved graph: what every exporter writes."""

    entities: dict[str, Entity] = field(default_factory=dict)
    relations: dict[str, EntityRelation] = field(default_factory=dict)
    delegations: list[Delegation] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    merges: dict[str, tuple[int, int]] = field(default_factory=dict)  # label -> (mentions, entities)


_R = TypeVar("_R")


def records_from_rows(cls: type[_R], names: tuple[str, ...], rows: Iterable[Iterable[Any]]) -> list[_R]:
    """Records of a (frozen) dataclass from rows of their field values, set as unpickling sets them.

    Why not ``cls(*row)``: a frozen dataclass's ``__init__`` sets each field
    through ``object.__setattr__``; the NLP stage and the cache make some
    100,000 records per 10 MB, and this costs half as much. ``names`` are the
    fields in declaration order, so each record equals the constructor's
    (same attributes in the same order, same hash and pickle).
    """
    new = object.__new__
    records = []
    for row in rows:
        record = new(cls)
        record.__dict__.update(zip(names, row))
        records.append(record)
    return records
