"""Stage 4: merge mentions into entities and relations into entity relations.

Why: the same park or company appears under several names (上党经济技术开发区 /
上党经开区; 晶科能源股份有限公司 / 晶科能源). Each entity's identifier comes
from its label and normalized key only, so it is stable when documents are
added or listed in another order.
"""

from __future__ import annotations

import bisect
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.model import Delegation, Entity, EntityRelation, Evidence, Extraction, KnowledgeGraph, Mention, Relation
from kg.normalize import company_key, industry_key, normalize, park_key

__all__ = ["TITLE_LABEL", "entity_key", "resolve"]

#: Label of the nodes that hold_position points to (titles are not one of the guide's seven labels).
TITLE_LABEL = "TITLE"


def entity_key(label: str, name: str, doc_id: str = "") -> str:
    """The merge key of a name: equal keys mean one entity."""
    if label == "PARK":
        return park_key(name)
    if label == "COMPANY":
        return company_key(name)
    if label == "INDUSTRY":
        return industry_key(name)
    if label == "PERSON":
        return f"{normalize(name)}@{doc_id}"
    return normalize(name)


def _stable_id(label: str, key: str) -> str:
    digest = hashlib.sha1(f"{label}\x1f{key}".encode()).hexdigest()[:16]
    return f"{label.lower()}-{digest}"


def _merge_contained_parks(keys: Iterable[str]) -> dict[str, str]:
    """Map a park key to the key of a longer name that ends with it (综改区晋中开发区 ⊃ 晋中开发区).

    The target is the shortest such name (ties: the first in code-point order).
    Found through a table of every key's proper suffixes, so the cost grows
    with the number of keys, not with its square.
    """
    shortest_with_suffix: dict[str, str] = {}
    unique = set(keys)
    for long_ in unique:
        for cut in range(1, len(long_) - 3):  # proper suffixes of 4 characters or more
            suffix = long_[cut:]
            best = shortest_with_suffix.get(suffix)
            if best is None or (len(long_), long_) < (len(best), best):
                shortest_with_suffix[suffix] = long_
    return {short: shortest_with_suffix[short] for short in sorted(unique, key=lambda k: (len(k), k))
            if len(short) >= 4 and short in shortest_with_suffix}


def resolve(extractions: Iterable[Extraction]) -> KnowledgeGraph:
    """Build the resolved graph from per-document extractions (order does not matter)."""
    exts = sorted(extractions, key=lambda e: e.doc_id)
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for ext in exts:
        for m in ext.mentions:
            groups[(m.label, entity_key(m.label, m.text, ext.doc_id))].append(m)
    park_target = _merge_contained_parks(k for label, k in groups if label == "PARK")
    merged: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for (label, key), ms in groups.items():
        if label == "PARK":
            key = park_target.get(key, key)
        merged[(label, key)].extend(ms)

    kg = KnowledgeGraph(documents=[e.doc_id for e in exts])
    index: dict[tuple[str, str, str], str] = {}  # (doc, label, normalized text) -> entity id
    merge_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (label, key), ms in sorted(merged.items()):
        eid = _stable_id(label, key)
        names = Counter(m.text for m in ms)
        name = max(names, key=lambda n: (len(n), names[n], n))
        docs = sorted({m.doc_id for m in ms})
        ms_sorted = sorted(ms, key=lambda m: (m.doc_id, m.start, m.end))
        kg.entities[eid] = Entity(eid, label, name, sorted(n for n in names if n != name), ms_sorted, docs)
        merge_counts[label][0] += len(ms)
        merge_counts[label][1] += 1
        for m in ms:
            index[(m.doc_id, label, normalize(m.text))] = eid
    kg.merges = {k: (v[0], v[1]) for k, v in sorted(merge_counts.items())}

    seen_evidence: dict[str, set[Evidence]] = {}
    for ext in exts:
        for r in ext.relations:
            _add_relation(kg, index, ext.doc_id, r, seen_evidence)
        kg.delegations.extend(_resolve_delegation(d) for d in ext.delegations)
    for er in kg.relations.values():  # sorted once here: sorting on every append was quadratic
        er.evidence.sort(key=lambda e: (e.doc_id, e.start, e.end))
    kg.relations = dict(sorted(kg.relations.items()))
    return kg


def _lookup(kg: KnowledgeGraph, index: dict[tuple[str, str, str], str], doc_id: str, label: str, name: str) -> str:
    eid = index.get((doc_id, label, normalize(name)))
    if eid is not None:
        return eid
    # a relation may name something the NLP stage tagged under another surface form
    key = entity_key(label, name, doc_id)
    eid = _stable_id(label, key)
    if eid not in kg.entities:
        kg.entities[eid] = Entity(eid, label, name, [], [], [doc_id])
    else:  # keep the list sorted and unique by insertion: re-sorting it per call was quadratic
        docs = kg.entities[eid].documents
        at = bisect.bisect_left(docs, doc_id)
        if at == len(docs) or docs[at] != doc_id:
            docs.insert(at, doc_id)
    index[(doc_id, label, normalize(name))] = eid
    return eid


def _add_relation(kg: KnowledgeGraph, index: dict[tuple[str, str, str], str], doc_id: str, r: Relation,
                  seen_evidence: dict[str, set[Evidence]]) -> None:
    head = _lookup(kg, index, doc_id, r.head_label, r.head)
    tail_label = TITLE_LABEL if r.type == "holds_position" else r.tail_label
    tail = _lookup(kg, index, doc_id, tail_label, r.tail)
    rid = _stable_id("rel", f"{head}|{r.type}|{tail}")
    er = kg.relations.get(rid)
    if er is None:
        er = kg.relations[rid] = EntityRelation(rid, r.type, head, tail)
    seen = seen_evidence.setdefault(rid, set())
    if r.evidence not in seen:  # a set: a list scan was quadratic in a relation's evidence count
        seen.add(r.evidence)
        er.evidence.append(r.evidence)
    if r.rule not in er.rules:
        er.rules = sorted({*er.rules, r.rule})
    er.confidence = max(er.confidence, r.confidence)
    for k, v in r.attrs:
        er.attrs.setdefault(k, v)


def _resolve_delegation(d: Delegation) -> Delegation:
    return d
