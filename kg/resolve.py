"""Stage 4: merge mentions into entities and relations into entity relations.

Why: the same park, company or industry appears under several names (a full
name and its abbreviation, a name with and without its legal suffix), and one
person's name appears in many documents. The rules:

- PARK: abbreviations expanded (经开区, 高新区, 综保区, 农高区, 综改区); a short
  name that ends a longer one (临江开发区 in 综改区临江开发区) joins it when that
  longer name is the one clear candidate.
- COMPANY: legal suffix and bracketed place dropped; INDUSTRY: 产业/产业链/产业集群 dropped.
- PERSON: one name in one document is one person; across documents two persons
  of the same name merge only when the evidence agrees: the same organization
  written just before the name, or (when one side names no organization) titles
  of one family (书记 / 市委书记); two different organizations keep them apart.
  Otherwise they stay two entities with the same label (homonyms).

Each identifier comes from the label and the merge key only (for persons, the
key includes the evidence that identifies them), so it does not depend on the
order of the input and does not change when unrelated documents are added.
Delegations come out with entity ids in place of names (leader, members,
destinations, hosts).
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar
from hashlib import sha1
from itertools import chain, compress, groupby
from operator import attrgetter, eq, le

from kg.model import Delegation, Entity, EntityRelation, Extraction, KnowledgeGraph, Mention, Relation
from kg.normalize import company_key, industry_key, normalize, park_key, title_matches

__all__ = ["PERSON_ORG_WINDOW", "TITLE_LABEL", "delegation_id", "entity_key", "resolve", "stable_id"]

#: Label of the nodes that hold_position points to (titles are not one of the guide's seven labels).
TITLE_LABEL = "TITLE"

#: How many characters before a person's name an organization may end and still be theirs (X公司董事长张三).
PERSON_ORG_WINDOW = 16

#: Generic kinds of zone: what is left of a park name without them must be distinctive to merge by containment.
_ZONE_KINDS = (
    "农业高新技术产业示范区", "高新技术产业开发区", "经济技术开发区", "综合改革示范区", "综合保税区",
    "经济开发区", "产业园区", "工业园区", "开发区", "示范区", "保税区", "产业园", "工业园", "园区", "新区",
)
_ORG_LABELS = frozenset({"ORG", "PARK", "COMPANY"})
_PERSON_LABELS = frozenset({"PERSON"})

_V = TypeVar("_V")
_SEP = "\x1f"  # between the parts of what an id hashes
_NOTHING: dict = {}  # what a document without mentions has found (never written to)
_DOC = attrgetter("doc_id")
_TEXT = attrgetter("text")
_LABEL = attrgetter("label")
_START = attrgetter("start")
_END = attrgetter("end")
_SPAN = attrgetter("start", "end", "text", "label")
#: An entity lists its mentions by document, then by this (within one entity the label is the same).
_PLACE = attrgetter("start", "end", "text", "label", "rule")
_EVIDENCE_ORDER = attrgetter("doc_id", "start", "end", "sentence")


def entity_key(label: str, name: str, doc_id: str = "") -> str:
    """The merge key of a name: equal keys mean one entity (persons get theirs in :func:`resolve`)."""
    if label == "PARK":
        return park_key(name)
    if label == "COMPANY":
        return company_key(name) or normalize(name)
    if label == "INDUSTRY":
        return industry_key(name)
    if label == "PERSON":
        return f"{normalize(name)}@{doc_id}"
    return normalize(name)


def stable_id(label: str, key: str) -> str:
    """An ASCII id from a label and a merge key: ``park-<16 hex>``."""
    return f"{label.lower()}-{sha1((label + _SEP + key).encode()).hexdigest()[:16]}"


def _distinctive(park: str) -> bool:
    """True when a park key names more than a kind of zone (临江开发区 yes, 开发区 / 个园区 no)."""
    for kind in _ZONE_KINDS:
        if park.endswith(kind):
            return len(park) - len(kind) >= 2
    return len(park) >= 4


def _merge_contained_parks(sizes: dict[str, int]) -> dict[str, str]:
    """Map a park key to the one longer key that ends with it (综改区临江开发区 ⊃ 临江开发区).

    ``sizes`` counts mentions per key. When several unrelated longer names end
    with the short one, the short one joins the most mentioned of them only if
    it is strictly the most mentioned; otherwise it stays on its own.
    """
    target: dict[str, str] = {}
    by_suffix: dict[str, list[str]] = defaultdict(list)  # key -> longer keys ending with it
    for long_ in sorted(sizes, key=lambda k: (len(k), k)):
        for i in range(1, len(long_)):
            if long_[i:] in sizes:
                by_suffix[long_[i:]].append(long_)
    for short in sorted(by_suffix):
        if not _distinctive(short):
            continue
        containers = by_suffix[short]
        maximal = [k for k in containers if not any(o != k and o.endswith(k) for o in containers)]

        def weight(k: str) -> int:
            return sizes[k] + sum(sizes[c] for c in containers if k.endswith(c) and c != k)

        ranked = sorted(maximal, key=lambda k: (-weight(k), k))
        if len(ranked) == 1 or weight(ranked[0]) > weight(ranked[1]):
            target[short] = ranked[0]
    return target


@dataclass
class _PersonCard:
    """What one document says about one person name: titles and organizations written with it."""

    doc_id: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)
    orgs: set[tuple[str, str]] = field(default_factory=set)

    def agrees(self, other: _PersonCard) -> bool:
        """Same organization; or, when one side names none, titles of one family (书记 / 市委书记)."""
        if self.orgs and other.orgs:
            return bool(self.orgs & other.orgs)
        return any(title_matches(a, b) for a in self.titles for b in other.titles)


def _person_cards(doc: _Document, entity_of: dict[tuple[str, str], tuple[str, str]]) -> list[_PersonCard]:
    """One card per person name in a document, with the evidence that can identify it elsewhere."""
    cards: dict[str, _PersonCard] = {}
    for m in compress(doc.mentions, map(_PERSON_LABELS.__contains__, doc.labels)):
        name = normalize(m.text)
        card = cards.get(name)
        if card is None:
            card = cards[name] = _PersonCard(doc.doc_id, name)
        card.mentions.append(m)
    orgs = list(compress(doc.mentions, map(_ORG_LABELS.__contains__, doc.labels))) if cards else []
    if orgs:
        # organizations by where they end, so each person looks only at the few that end just before it
        orgs.sort(key=_END)
        ends = [om.end for om in orgs]
        for card in cards.values():
            for pm in card.mentions:
                lo = bisect.bisect_left(ends, pm.start - PERSON_ORG_WINDOW)
                hi = bisect.bisect_right(ends, pm.start, lo)
                for om in orgs[lo:hi]:
                    card.orgs.add(entity_of[(om.label, om.text)])
    for r in doc.relations:
        card = cards.get(normalize(r.head)) if r.head_label == "PERSON" else None
        if card is None:
            continue
        if r.type == "holds_position":
            card.titles.add(normalize(r.tail))
            org = dict(r.attrs).get("org")
            if org:
                card.orgs.add(("ORG", normalize(org)))
    return [cards[k] for k in sorted(cards)]


def _cluster_persons(cards: list[_PersonCard]) -> list[list[_PersonCard]]:
    """Group cards of one name whose evidence agrees (order-free).

    Cards naming organizations group by a shared organization. A card naming
    none joins the one group whose titles are of its family; when several
    groups would take it, it stays out (it cannot bridge two people). Cards
    left out group among themselves by title family.
    """
    cards = sorted(cards, key=lambda c: c.doc_id)
    parent = list(range(len(cards)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    # Linear in the cards, not quadratic (a common name is on thousands of documents): a union per
    # shared organization, and title checks once per pair of distinct title sets. The groups are the
    # same as comparing every pair of cards, and each group's root is still its first card.
    agree_cache: dict[tuple[frozenset[str], frozenset[str]], bool] = {}

    def titles_agree(a: frozenset[str], b: frozenset[str]) -> bool:
        if (a, b) not in agree_cache:
            agree_cache[(a, b)] = any(title_matches(x, y) for x in a for y in b)
        return agree_cache[(a, b)]

    with_org = [i for i, c in enumerate(cards) if c.orgs]
    without = [i for i, c in enumerate(cards) if not c.orgs]
    first_with_org: dict[tuple[str, str], int] = {}
    for i in with_org:
        for org in cards[i].orgs:
            if org in first_with_org:
                union(i, first_with_org[org])
            else:
                first_with_org[org] = i
    groups_by_titles: dict[frozenset[str], set[int]] = defaultdict(set)  # title set -> groups with it
    for j in with_org:
        groups_by_titles[frozenset(cards[j].titles)].add(find(j))
    loose: dict[frozenset[str], list[int]] = defaultdict(list)
    for i in without:
        own = frozenset(cards[i].titles)
        takers = set().union(*(g for t, g in groups_by_titles.items() if titles_agree(own, t)))
        if len(takers) == 1:
            union(i, takers.pop())
        elif not takers:
            loose[own].append(i)
    title_sets = list(loose)
    for n, a in enumerate(title_sets):
        if titles_agree(a, a):
            for i in loose[a][1:]:
                union(i, loose[a][0])
        for b in title_sets[n + 1:]:
            if titles_agree(a, b):
                for i in loose[a] + loose[b]:
                    union(i, loose[a][0])
    groups: dict[int, list[_PersonCard]] = defaultdict(list)
    for i, c in enumerate(cards):
        groups[find(i)].append(c)
    return [groups[k] for k in sorted(groups)]


def _person_key(name: str, group: list[_PersonCard]) -> str:
    """The merge key of a person: name plus what identifies them (organization, title family or document)."""
    orgs = sorted({o for c in group for o in c.orgs})
    if orgs:
        return f"{name}@org:{orgs[0][0]}:{orgs[0][1]}"
    titles = sorted({t for c in group for t in c.titles}, key=lambda t: (len(t), t))
    if titles:
        return f"{name}@title:{titles[0]}"
    return f"{name}@doc:{group[0].doc_id}"


@dataclass
class _Document:
    """One document's mentions in the order an entity lists them, and the names (as written) they use."""

    doc_id: str
    mentions: list[Mention]  # sorted by place
    relations: list[Relation]
    labels: list[str]  # of each mention
    names: list[tuple[str, str]]  # (label, text) of each mention
    doubles: bool  # whether two rules found the same place

    def places(self) -> Iterator[tuple[Mention, tuple[str, str]]]:
        """Each mention with its name, a place found twice only once (sorted, it is next to itself)."""
        pairs = zip(self.mentions, self.names)
        if not self.doubles:
            return pairs
        spans = list(map(_SPAN, self.mentions))
        return (p for p, span, before in zip(pairs, spans, [None, *spans]) if span != before)


def _in_place_order(mentions: list[Mention]) -> bool:
    """True when (start, end) strictly increases along the list: then it is sorted by place and no place is
    in it twice. Cheaper than building a sort key per mention (starts compared in C; ends only at ties)."""
    starts = list(map(_START, mentions))
    if not all(map(le, starts, starts[1:])):
        return False
    ties = compress(range(len(starts) - 1), map(eq, starts, starts[1:]))
    return all(mentions[i].end < mentions[i + 1].end for i in ties)


def _documents(exts: list[Extraction]) -> list[_Document]:
    """The extractions (sorted by id) as documents; extractions that share an id count as one document."""
    docs = []
    for doc_id, same in groupby(exts, key=_DOC):
        parts = list(same)
        mentions = [m for e in parts for m in e.mentions]
        if set(map(_DOC, mentions)) - {doc_id}:
            mentions = [_with_doc(m, doc_id) for m in mentions]
        if _in_place_order(mentions):  # as the extraction stage writes them: no sort, no place twice
            doubles = False
        else:
            mentions.sort(key=_PLACE)
            doubles = len(set(map(_SPAN, mentions))) < len(mentions)
        labels = list(map(_LABEL, mentions))
        names = list(zip(labels, map(_TEXT, mentions)))
        docs.append(_Document(doc_id, mentions, [r for e in parts for r in e.relations], labels, names, doubles))
    return docs


def _entity_keys(totals: Counter[tuple[str, str]]) -> tuple[dict[tuple[str, str], tuple[str, str]], dict[str, str]]:
    """The (label, merge key) of the entity of each name that is not a person's, and the park merges."""
    key_of = {name: entity_key(*name) for name in totals if name[0] != "PERSON"}
    sizes: Counter[str] = Counter()
    for name, key in key_of.items():
        if name[0] == "PARK":
            sizes[key] += totals[name]
    park_target = _merge_contained_parks(sizes)
    entity_of = {(label, text): (label, park_target.get(key, key) if label == "PARK" else key)
                 for (label, text), key in key_of.items()}
    return entity_of, park_target


def _person_keys(documents: list[_Document], entity_of: dict[tuple[str, str], tuple[str, str]]
                 ) -> tuple[dict[tuple[str, str], tuple[str, str]], dict[tuple[str, str], dict[str, int]]]:
    """The (PERSON, merge key) of the person each (document, normalized name) stands for, and each person's
    names as written, counted."""
    names_cards: dict[str, list[_PersonCard]] = defaultdict(list)
    for doc in documents:
        for card in _person_cards(doc, entity_of):
            names_cards[card.name].append(card)
    person_of: dict[tuple[str, str], tuple[str, str]] = {}
    written: dict[tuple[str, str], dict[str, int]] = {}
    for name, cards in names_cards.items():
        for group in _cluster_persons(cards):
            key = ("PERSON", _person_key(name, group))
            written[key] = counts = {}  # counted in this loop: 2.8k small Counter() calls cost twice as much
            for c in group:
                person_of[(c.doc_id, c.name)] = key
                for m in c.mentions:
                    counts[m.text] = counts.get(m.text, 0) + 1
    return person_of, written


class _Members:
    """What an entity collects while the documents are read in order: mentions, documents, names as written."""

    __slots__ = ("eid", "mentions", "documents", "names")

    def __init__(self, eid: str, names: dict[str, int]) -> None:
        self.eid = eid
        self.mentions: list[Mention] = []
        self.documents: list[str] = []
        self.names = names  # name as written -> mentions


def _collect(documents: list[_Document], totals: Counter[tuple[str, str]],
             entity_of: dict[tuple[str, str], tuple[str, str]], person_of: dict[tuple[str, str], tuple[str, str]],
             person_names: dict[tuple[str, str], dict[str, int]],
             ) -> tuple[dict[tuple[str, str], _Members], dict[str, dict[tuple[str, str], str]]]:
    """Each entity's members, by (label, merge key), and by document the entity id of each (label, normalized
    name).

    Read in document order, an entity's documents and mentions come out sorted.
    """
    members = {key: _Members(stable_id(*key), names) for key, names in person_names.items()}
    # (label, name as written) -> ((label, normalized name), its entity's members; None for a person's name,
    # whose entity depends on the document)
    about: dict[tuple[str, str], tuple[tuple[str, str], _Members | None]] = {}
    for name in totals:
        label, text = name
        if label == "PERSON":
            about[name] = ((label, normalize(text)), None)
            continue
        key = entity_of[name]
        acc = members.get(key)
        if acc is None:
            acc = members[key] = _Members(stable_id(*key), {})
        acc.names[text] = totals[name]
        about[name] = ((label, normalize(text)), acc)
    index: dict[str, dict[tuple[str, str], str]] = {}  # doc -> (label, normalized text) -> entity id
    for doc in documents:
        d = doc.doc_id
        here: dict[tuple[str, str], list[Mention]] = {}
        found = index[d] = {}
        for name in dict.fromkeys(doc.names):
            at, acc = about[name]
            if acc is None:
                acc = members[person_of[(d, at[1])]]
            here[name] = acc.mentions
            documents_of = acc.documents
            if not documents_of or documents_of[-1] != d:
                documents_of.append(d)
            found[at] = acc.eid
        for m, name in doc.places():
            here[name].append(m)
    return members, index


def resolve(extractions: Iterable[Extraction]) -> KnowledgeGraph:
    """Build the resolved graph from per-document extractions (order does not matter).

    Why mentions are read by document and keys worked out per name: at 10 MB there are 90,000 mentions but
    10,000 distinct names, and reading the documents in order files each entity's mentions in order.
    """
    exts = sorted(extractions, key=_DOC)
    documents = _documents(exts)
    totals = Counter(chain.from_iterable(doc.names for doc in documents))
    entity_of, park_target = _entity_keys(totals)
    person_of, person_names = _person_keys(documents, entity_of)
    members, index = _collect(documents, totals, entity_of, person_of, person_names)

    kg = KnowledgeGraph(documents=[e.doc_id for e in exts])
    merge_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (label, _), acc in members.items():  # in any order: the entities are sorted by id at the end
        names = acc.names
        if len(names) == 1:
            name, aliases = next(iter(names)), []
        else:
            name = max(names, key=lambda n: (len(n), names[n], n))
            aliases = sorted(n for n in names if n != name)
        kg.entities[acc.eid] = Entity(acc.eid, label, name, aliases, acc.mentions, acc.documents)
        merge_counts[label][0] += len(acc.mentions)
        merge_counts[label][1] += 1
    kg.merges = {k: (v[0], v[1]) for k, v in sorted(merge_counts.items())}

    resolver = _Resolver(kg, index, sorted({label for label, _ in totals}), park_target)
    for ext in exts:
        resolver.add_relations(ext.doc_id, ext.relations)
    resolver.finish()
    delegations: dict[str, Delegation] = {}
    for ext in exts:
        for d in ext.delegations:
            resolver.add_delegation(ext.doc_id, d, delegations)
    kg.delegations = [delegations[k] for k in sorted(delegations)]
    kg.relations = _by_key(kg.relations)
    kg.entities = _by_key(kg.entities)
    return kg


def _by_key(d: dict[str, _V]) -> dict[str, _V]:
    """The dict in the order of its keys (sorting the keys alone: half the time of sorting its items)."""
    return {k: d[k] for k in sorted(d)}


def delegation_id(doc_id: str, leader: str, start: int) -> str:
    """A stable id for a delegation: its document, its leader's entity id and where it is told."""
    return "delegation-" + sha1(f"{doc_id}{_SEP}{leader}{_SEP}{start}".encode()).hexdigest()[:16]


def _with_doc(m: Mention, doc_id: str) -> Mention:
    return m if m.doc_id == doc_id else Mention(m.text, m.label, m.start, m.end, doc_id, m.rule)


class _Resolver:
    """Find (or create) the entity a name in a relation or delegation stands for."""

    def __init__(self, kg: KnowledgeGraph, index: dict[str, dict[tuple[str, str], str]], labels: list[str],
                 park_target: dict[str, str]) -> None:
        self.kg = kg
        self.found = index  # by document, what the mentions say; names met only in relations go to self.added
        self.added: dict[tuple[str, str, str], str] = {}
        self.ids: dict[tuple[str, str], str] = {}  # (label, key) -> id of what added holds: a title is in 1000s of docs
        self.labels = labels  # every mention label, sorted: the order lookup_any tries them in
        self.park_target = park_target
        self.relations: dict[tuple[str, str, str], EntityRelation] = {}  # by (head, type, tail)

    def lookup(self, doc_id: str, label: str, name: str) -> str:
        norm = normalize(name)
        at_name = (doc_id, label, norm)
        eid = self.found.get(doc_id, _NOTHING).get((label, norm)) or self.added.get(at_name)
        if eid is not None:
            return eid
        # a relation may name something the NLP stage tagged under another surface form
        key = entity_key(label, name, doc_id)
        if label == "PARK":
            key = self.park_target.get(key, key)
        if label == "PERSON":
            key = f"{normalize(name)}@doc:{doc_id}"
        eid = self.ids.get((label, key))
        if eid is None:
            eid = self.ids[(label, key)] = stable_id(label, key)
        if eid not in self.kg.entities:
            self.kg.entities[eid] = Entity(eid, label, name, [], [], [doc_id])
        else:  # insert in order: re-sorting the list on every call was quadratic in its documents
            docs = self.kg.entities[eid].documents
            at = bisect.bisect_left(docs, doc_id)
            if at == len(docs) or docs[at] != doc_id:
                docs.insert(at, doc_id)
        self.added[at_name] = eid
        return eid

    def finish(self) -> None:
        """Put every relation's evidence in document order (once, after all relations are added)."""
        for er in self.kg.relations.values():
            if len(er.evidence) > 1:
                # keyed by all four fields, so equal keys are equal evidence: no dataclass __hash__ in Python
                keyed = dict(zip(map(_EVIDENCE_ORDER, er.evidence), er.evidence))
                er.evidence = [keyed[k] for k in sorted(keyed)]

    def lookup_any(self, doc_id: str, name: str, default_label: str) -> str:
        """The entity a mention of this name in the document stands for (first label alphabetically), else
        one of ``default_label``."""
        norm = normalize(name)
        found = self.found.get(doc_id, _NOTHING)
        for label in self.labels:
            eid = found.get((label, norm))
            if eid is not None:
                return eid
        return self.lookup(doc_id, default_label, name)

    def add_relations(self, doc_id: str, relations: list[Relation]) -> None:
        """Add one document's relations between entities. One loop over them, the names looked up first among
        the document's mentions (nearly all are there) before :meth:`lookup`: 22k relations at 10 MB."""
        found = self.found.get(doc_id, _NOTHING)
        merged = self.relations
        for r in relations:
            head = found.get((r.head_label, normalize(r.head))) or self.lookup(doc_id, r.head_label, r.head)
            tail_label = TITLE_LABEL if r.type == "holds_position" else r.tail_label
            tail = found.get((tail_label, normalize(r.tail))) or self.lookup(doc_id, tail_label, r.tail)
            at = (head, r.type, tail)
            er = merged.get(at)
            if er is None:
                rid = stable_id("rel", f"{head}|{r.type}|{tail}")
                er = merged[at] = self.kg.relations[rid] = EntityRelation(
                    rid, r.type, head, tail, [r.evidence], [r.rule], max(0.0, r.confidence))
            else:
                er.evidence.append(r.evidence)  # doubles go in finish(): checking on each append was quadratic
                if r.rule not in er.rules:
                    er.rules = sorted({*er.rules, r.rule})
                if r.confidence > er.confidence:
                    er.confidence = r.confidence
            if r.attrs:
                for k, v in sorted(r.attrs):
                    er.attrs[k] = min(er.attrs.get(k, v), v)

    def add_delegation(self, doc_id: str, d: Delegation, out: dict[str, Delegation]) -> None:
        """Resolve names to entity ids and merge delegations told twice at the same place."""
        if not d.leader:
            return
        leader = self.lookup(doc_id, "PERSON", d.leader)
        did = delegation_id(doc_id, leader, d.evidence.start if d.evidence else 0)
        rd = out.setdefault(did, Delegation(doc_id, leader, purpose=d.purpose, date=d.date, evidence=d.evidence))
        members = {(self.lookup(doc_id, "PERSON", n), t) for n, t in d.members if n}
        rd.members = sorted({*rd.members, *members})
        rd.destinations = sorted({*rd.destinations, *(self.lookup_any(doc_id, n, "LOC") for n in d.destinations if n)})
        rd.hosts = sorted({*rd.hosts, *(self.lookup_any(doc_id, n, "ORG") for n in d.hosts if n)})
        rd.purpose = rd.purpose or d.purpose
        rd.date = rd.date or d.date
