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
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.model import Delegation, Entity, EntityRelation, Evidence, Extraction, KnowledgeGraph, Mention, Relation
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
_ORG_LABELS = ("ORG", "PARK", "COMPANY")


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
    digest = hashlib.sha1(f"{label}\x1f{key}".encode()).hexdigest()[:16]
    return f"{label.lower()}-{digest}"


_stable_id = stable_id


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


def _person_cards(ext: Extraction, org_key: dict[tuple[str, str], tuple[str, str]]) -> list[_PersonCard]:
    """One card per person name in a document, with the evidence that can identify it elsewhere."""
    cards: dict[str, _PersonCard] = {}
    for m in ext.mentions:
        if m.label == "PERSON":
            name = normalize(m.text)
            cards.setdefault(name, _PersonCard(ext.doc_id, name)).mentions.append(m)
    orgs = [m for m in ext.mentions if m.label in _ORG_LABELS]
    for card in cards.values():
        for pm in card.mentions:
            for om in orgs:
                if pm.start - PERSON_ORG_WINDOW <= om.end <= pm.start:
                    card.orgs.add(org_key[(om.label, entity_key(om.label, om.text))])
    for r in ext.relations:
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


def resolve(extractions: Iterable[Extraction]) -> KnowledgeGraph:
    """Build the resolved graph from per-document extractions (order does not matter)."""
    exts = sorted(extractions, key=lambda e: e.doc_id)
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for ext in exts:
        for m in ext.mentions:
            if m.label != "PERSON":
                groups[(m.label, entity_key(m.label, m.text))].append(_with_doc(m, ext.doc_id))
    park_target = _merge_contained_parks({k: len(ms) for (label, k), ms in groups.items() if label == "PARK"})
    merged: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    org_key: dict[tuple[str, str], tuple[str, str]] = {}
    for (label, key), ms in groups.items():
        final = park_target.get(key, key) if label == "PARK" else key
        merged[(label, final)].extend(ms)
        org_key[(label, key)] = (label, final)

    names_cards: dict[str, list[_PersonCard]] = defaultdict(list)
    for ext in exts:
        for card in _person_cards(ext, org_key):
            names_cards[card.name].append(card)
    for name, cards in names_cards.items():
        for group in _cluster_persons(cards):
            merged[("PERSON", _person_key(name, group))].extend(
                _with_doc(m, c.doc_id) for c in group for m in c.mentions)

    kg = KnowledgeGraph(documents=[e.doc_id for e in exts])
    index: dict[tuple[str, str, str], str] = {}  # (doc, label, normalized text) -> entity id
    merge_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (label, key), ms in sorted(merged.items()):
        eid = stable_id(label, key)
        names = Counter(m.text for m in ms)
        name = max(names, key=lambda n: (len(n), names[n], n))
        docs = sorted({m.doc_id for m in ms})
        ms_sorted = _unique_mentions(ms)
        kg.entities[eid] = Entity(eid, label, name, sorted(n for n in names if n != name), ms_sorted, docs)
        merge_counts[label][0] += len(ms_sorted)
        merge_counts[label][1] += 1
        for m in ms:
            index[(m.doc_id, label, normalize(m.text))] = eid
    kg.merges = {k: (v[0], v[1]) for k, v in sorted(merge_counts.items())}

    resolver = _Resolver(kg, index, park_target)
    for ext in exts:
        for r in ext.relations:
            resolver.add_relation(ext.doc_id, r)
    resolver.finish()
    delegations: dict[str, Delegation] = {}
    for ext in exts:
        for d in ext.delegations:
            resolver.add_delegation(ext.doc_id, d, delegations)
    kg.delegations = [delegations[k] for k in sorted(delegations)]
    kg.relations = dict(sorted(kg.relations.items()))
    kg.entities = dict(sorted(kg.entities.items()))
    return kg


def delegation_id(doc_id: str, leader: str, start: int) -> str:
    """A stable id for a delegation: its document, its leader's entity id and where it is told."""
    return "delegation-" + hashlib.sha1(f"{doc_id}\x1f{leader}\x1f{start}".encode()).hexdigest()[:16]


def _unique_mentions(ms: list[Mention]) -> list[Mention]:
    """One mention per place in a document (two rules finding the same span count once), sorted."""
    seen: dict[tuple[str, int, int, str], Mention] = {}
    for m in sorted(ms, key=lambda m: (m.doc_id, m.start, m.end, m.text, m.rule)):
        seen.setdefault((m.doc_id, m.start, m.end, m.text), m)
    return list(seen.values())


def _with_doc(m: Mention, doc_id: str) -> Mention:
    return m if m.doc_id == doc_id else Mention(m.text, m.label, m.start, m.end, doc_id, m.rule)


class _Resolver:
    """Find (or create) the entity a name in a relation or delegation stands for."""

    def __init__(self, kg: KnowledgeGraph, index: dict[tuple[str, str, str], str],
                 park_target: dict[str, str]) -> None:
        self.kg = kg
        self.index = index
        self.park_target = park_target
        self.seen_evidence: dict[str, set[Evidence]] = {}
        self.by_name: dict[tuple[str, str], str] = {}
        for (doc, label, text), eid in sorted(index.items()):
            self.by_name.setdefault((doc, text), eid)

    def lookup(self, doc_id: str, label: str, name: str) -> str:
        eid = self.index.get((doc_id, label, normalize(name)))
        if eid is not None:
            return eid
        # a relation may name something the NLP stage tagged under another surface form
        key = entity_key(label, name, doc_id)
        if label == "PARK":
            key = self.park_target.get(key, key)
        if label == "PERSON":
            key = f"{normalize(name)}@doc:{doc_id}"
        eid = stable_id(label, key)
        if eid not in self.kg.entities:
            self.kg.entities[eid] = Entity(eid, label, name, [], [], [doc_id])
        else:  # insert in order: re-sorting the list on every call was quadratic in its documents
            docs = self.kg.entities[eid].documents
            at = bisect.bisect_left(docs, doc_id)
            if at == len(docs) or docs[at] != doc_id:
                docs.insert(at, doc_id)
        self.index[(doc_id, label, normalize(name))] = eid
        return eid

    def finish(self) -> None:
        """Put every relation's evidence in document order (once, after all relations are added)."""
        for er in self.kg.relations.values():
            er.evidence.sort(key=lambda e: (e.doc_id, e.start, e.end, e.sentence))

    def lookup_any(self, doc_id: str, name: str, default_label: str) -> str:
        """An entity of any label with this name in the document, else one of ``default_label``."""
        eid = self.by_name.get((doc_id, normalize(name)))
        return eid if eid is not None else self.lookup(doc_id, default_label, name)

    def add_relation(self, doc_id: str, r: Relation) -> None:
        head = self.lookup(doc_id, r.head_label, r.head)
        tail_label = TITLE_LABEL if r.type == "holds_position" else r.tail_label
        tail = self.lookup(doc_id, tail_label, r.tail)
        rid = stable_id("rel", f"{head}|{r.type}|{tail}")
        er = self.kg.relations.get(rid)
        if er is None:
            er = self.kg.relations[rid] = EntityRelation(rid, r.type, head, tail)
        seen = self.seen_evidence.setdefault(rid, set())
        if r.evidence not in seen:  # a set, and one sort in finish(): scanning and sorting per append was quadratic
            seen.add(r.evidence)
            er.evidence.append(r.evidence)
        if r.rule not in er.rules:
            er.rules = sorted({*er.rules, r.rule})
        er.confidence = max(er.confidence, r.confidence)
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
