"""belongs_to_industry (company/project → industry) and has_industry (park → industry).

The genre states industries in a few shapes, and these rules read them:

* an industry-led sentence: ``储能电池产业，集中资源做强A，推动B项目…`` — every
  company and project of the sentence is in that industry (``.topic``);
* a ；-part naming one industry with an industry word (产业, 集群, 链主, 龙头,
  招商 …): its companies and projects are in it (``.single``);
* a company and an industry in one clause: ``以A为龙头的X产业集群``,
  ``A带动全区X产业`` (``.clause``);
* a short topic sentence opening a paragraph (``某地加快培育数字经济。``): the
  parks and companies of the paragraph (``.paragraph``);
* a project whose name says ``X产业`` (某某储能电池产业项目) is in X (``.name``);
* for parks: an industry stated where the park is named or pointed back to
  (主导产业/特色产业/产业格局 enumerations, 围绕…开展项目招引, 聚焦…两大主业),
  or, with no park named, in a report about one park (``has_industry.*``).

An industry written inside another name (某某材料产业园) or right after a place
(某市高端制造业: the city's, not the park's) is not the park's.
"""

from __future__ import annotations

import bisect
import functools
import math
import re

from kg.lexicons import column
from kg.model import Mention, Relation
from kg.relations.base import MAX_NAME, DocView, Span, clause_spans, within
from kg.relations.sections import Structure

__all__ = ["extract_industries"]

HEADS = ("COMPANY", "PROJECT")
#: Words that make a ；-part a statement about an industry.
INDUSTRY_WORDS = re.compile(r"产业|集群|行业|龙头|链主|链条|赛道|领域|招商|集聚|板块|培育|壮大")
#: Words that make a clause tie a company to an industry named in it.
CLAUSE_CUES = re.compile(r"龙头|带动|链主|产业|集群|行业|领域|赛道|企业")
#: A short paragraph-opening topic sentence about one industry.
TOPIC_VERBS = re.compile(r"培育|发展|壮大|做强|做大|打造|布局")
#: The tail words of an industry-led clause (储能电池产业，).
_TOPIC_TAIL = re.compile(r"^(?:产业链?|产业集群|行业|板块|领域)?(?:[(（][^)）]*[)）])?(?:产业链?|产业集群|行业|板块|领域)?$")


#: Connectives that may open a sentence before its industry-led clause (其中，储能电池产业，…).
_CONNECTIVE = re.compile(r"(其中|同时|此外|另外|另一方面|首先|其次|再次|最后|[一二三四五六七八九十]是)[，,：:]?")


#: A cluster area named after its industry (智能家居产业集聚区): the name states the industry.
_CLUSTER = re.compile(r"^(.{2,12}?)(产业集聚区|产业集群|产业集聚带|集聚区|产业带)$")


def _cluster_industry(view: DocView, park: Span) -> Span | None:
    """The industry a cluster-area name states, when the document or the lexicon knows it as one."""
    stem = _cluster_stem(park.text)
    if stem is None or not _known_industry(view, stem):
        return None
    inner = next((s for s in view.inside(park.start, park.end, ("INDUSTRY",)) if s.text == stem), None)
    return inner or Span(Mention(stem, "INDUSTRY", park.mention.start, park.mention.start + len(stem),
                                 park.mention.doc_id, "cluster"), park.start, park.start + len(stem), stem)


@functools.lru_cache(maxsize=65536)
def _cluster_stem(name: str) -> str | None:
    """The industry part of a cluster-area name (:data:`_CLUSTER`), None for other names (cached: park names
    come back document after document)."""
    m = _CLUSTER.match(name)
    return m.group(1) if m else None


def _known_industry(view: DocView, name: str) -> bool:
    """An industry name the lexicon lists or the document recognises (the lexicon's set is made once per
    process, the document's once per document)."""
    return name in _lexicon_industries() or name in view.memo("industry.names", _industry_names, view)


@functools.lru_cache(maxsize=1)
def _lexicon_industries() -> frozenset[str]:
    return frozenset(column("industries"))


def _industry_names(view: DocView) -> set[str]:
    return {s.name for s in view.labelled(("INDUSTRY",))[0]}


_CLAUSE_BREAK = re.compile(r"[，,：:]")
_PAREN = re.compile(r"[(（][^)）]*[)）]")
_JOINERS = re.compile(r"[和与及、]")
_FRAME_OPEN = re.compile(r"^(在|对于|就|围绕)")
_FRAME_CLOSE = re.compile(r"(上|方面|领域|中|板块)$")
#: 在X产业链上 / 在X方面: a frame naming the industry a sentence is about.
_FRAMED = re.compile(r"^(在|围绕|聚焦)[^，,]{2,20}?(?:产业链|产业|行业|领域)?(上|方面|领域)")


#: Names an industry may be written inside (and so not stand alone).
_NAMES = ("PARK", "COMPANY", "PROJECT", "ORG")
#: Words for a whole province or city written right before an industry.
_PLACE_WIDE = frozenset(("全省", "全市", "我省", "我市", "省内", "市内"))


def _industries(view: DocView, start: int, end: int) -> list[Span]:
    """Industry mentions in a span that stand alone (not inside a park, company or project name).

    The one exception is a cluster area named after its industry (建设智能家居产业集聚区),
    which states that industry. A name is looked for where
    :meth:`DocView.spans_over` looks (starting at most ``MAX_NAME`` before the
    span): the latest start of a name holding each industry is found once per
    document (:func:`_holders`), so each span only compares numbers.
    """
    inds, starts, holders, clusters, cluster_starts = view.memo("industry.holders", _holders, view)
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end, lo)
    floor = start - MAX_NAME
    out = []
    for k in range(lo, hi):
        s = inds[k]
        if s.end <= end:
            holder = holders[k]
            if holder is None:  # an empty span: ask the names overlapping the range, as the rule says
                if not any(n.start <= s.start and s.end <= n.end for n in view.spans_over(start, end, _NAMES)):
                    out.append(s)
            elif holder < floor:
                out.append(s)
    for k in range(bisect.bisect_left(cluster_starts, start), bisect.bisect_left(cluster_starts, end)):
        n = clusters[k]
        if n.end <= end and n.end > start:
            ind = _cluster_industry(view, n)
            if ind is not None and all(o.start != ind.start for o in out):
                out.append(ind)
    return sorted(out, key=_start_end) if len(out) > 1 else out


def _holders(view: DocView) -> tuple[list[Span], list[int], list[int | None], list[Span], list[int]]:
    """The industry mentions and their starts; for each, the latest start of a name holding it (-inf when
    none, None for an empty span); and the parks named after an industry (:func:`_cluster_industry`), with
    their starts."""
    inds, starts = view.labelled(("INDUSTRY",))
    names, name_starts = view.labelled(_NAMES)
    longest = max((n.end - n.start for n in names), default=0)
    holders: list[int | None] = []
    for s in inds:
        if s.end <= s.start:
            holders.append(None)
            continue
        holder = -math.inf
        k = bisect.bisect_right(name_starts, s.start)
        floor = s.start - longest
        while k > 0 and name_starts[k - 1] >= floor:  # latest start first
            k -= 1
            if s.end <= names[k].end:
                holder = names[k].start
                break
        holders.append(holder)
    clusters = [n for n in names if n.label == "PARK" and _cluster_industry(view, n) is not None]
    return inds, starts, holders, clusters, [n.start for n in clusters]


def _start_end(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _place_owned(view: DocView, ind: Span) -> bool:
    """某市高端制造业, 全省某产业: an industry written right after a place belongs to the place."""
    return view.text[max(0, ind.start - 2):ind.start] in _PLACE_WIDE or _loc_owned(view, ind)


def _not_place_owned(view: DocView, inds: list[Span]) -> list[Span]:
    """The industries not :func:`_place_owned`. That depends on the start alone, and the same industries
    are asked about part after part: each start is answered once per document."""
    owned: dict[int, bool] = view.memo("industry.place_owned", dict)
    out = []
    for i in inds:
        found = owned.get(i.start)
        if found is None:
            found = owned[i.start] = _place_owned(view, i)
        if not found:
            out.append(i)
    return out


def _loc_owned(view: DocView, ind: Span) -> bool:
    """南岭法兰: an industry written right after a named place is that place's."""
    return ind.start in view.memo("industry.loc_ends", _loc_ends, view)


def _loc_ends(view: DocView) -> set[int]:
    """Where place names end: those :meth:`DocView.spans_over` finds ending right before a position."""
    return {s.end for s in view.labelled(("LOC",))[0] if 0 < s.end - s.start <= MAX_NAME + 1}


def _topic_industries(view: DocView, s_start: int, s_end: int) -> list[Span]:
    """Industries of an industry-led first clause (储能电池产业，…), parenthetical ones left out."""
    text = view.text
    lead = _CONNECTIVE.match(text, s_start, s_end)
    if lead:
        s_start = lead.end()
    first = _CLAUSE_BREAK.search(text, s_start, s_end)
    if not first:
        return []
    c_end = first.start()
    inds = _industries(view, s_start, c_end)
    if not inds:
        return []
    rest = text[s_start:c_end]
    framed = _FRAMED.match(rest)
    if framed and inds[0].start == s_start + framed.end(1):
        # 在X产业链上深挖存量，…: the frame makes X the sentence's topic whatever follows in the clause
        rest = rest[: framed.end()]
        c_end = s_start + framed.end()
        inds = [i for i in inds if i.end <= c_end]
    # the clause must be the industries joined by 和/、/及 plus an industry word
    covered = _remove_all(rest, [text[i.start:i.end] for i in inds])
    covered = _PAREN.sub("", covered)
    covered = _JOINERS.sub("", covered)
    covered = _FRAME_OPEN.sub("", covered)
    covered = _FRAME_CLOSE.sub("", covered)
    if not _TOPIC_TAIL.match(covered):
        return []
    paren = [m.span() for m in _PAREN.finditer(rest)]
    return [i for i in inds if not any(a <= i.start - s_start < b for a, b in paren)]


def _remove_all(text: str, names: list[str]) -> str:
    """``text`` without the names, as ``re.sub`` of their alternation removes them: leftmost first, and of
    names found at one place the first listed. Why not ``re.sub``: each sentence has its own names, so
    the pattern would be compiled again for almost every call."""
    if not all(names):
        return re.sub("|".join(re.escape(n) for n in names), "", text)
    out = []
    pos = 0
    found = [text.find(n) for n in names]  # each name's next occurrence at or after pos (-1: none left)
    while True:
        best = -1
        for k, at in enumerate(found):
            if 0 <= at < pos:
                at = found[k] = text.find(names[k], pos)
            if at >= 0 and (best < 0 or at < found[best]):
                best = k
        if best < 0:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos:found[best]])
        pos = found[best] + len(names[best])


def extract_industries(view: DocView, structure: Structure) -> list[Relation]:
    """All belongs_to_industry and has_industry relations of the document."""
    out: list[Relation] = []
    text = view.text
    heads_outer = view.outermost(view.labelled(HEADS + ("PARK",))[0])
    heads_outer = [h for h in heads_outer if h.label in HEADS]
    head_starts = [h.start for h in heads_outer]
    # only sentences with an industry (or a cluster area named after one) can tie anything to one
    inds, _, _, clusters, _ = view.memo("industry.holders", _holders, view)
    for s_start, s_end in view.sentences_holding([*inds, *clusters]):
        sent = (s_start, s_end)
        sent_heads = within(heads_outer, head_starts, s_start, s_end)
        # the industry-led clause is read when a head may join it; otherwise only if a park needs it
        topic = _topic_of(view, sent) if sent_heads else None
        for ind in topic or ():
            for h in sent_heads:
                out.append(view.relation("belongs_to_industry", h, ind, sent, "belongs_to_industry.topic", 0.75))
        for a, b in view.semis(s_start, s_end):
            inds = _industries(view, a, b)
            if not inds:
                continue  # every rule below ties something to an industry of this part
            heads = [h for h in sent_heads if a <= h.start and h.end <= b]
            if heads:  # the rules tying a company or project to an industry
                out += _head_industries(view, text, a, b, heads, inds, sent, topic)
            out += _has_industry(view, structure, a, b, inds, sent)
    out += _paragraph_topics(view, structure, heads_outer)
    out += _named_in_project(view, heads_outer)
    return out


def _head_industries(view: DocView, text: str, a: int, b: int, heads: list[Span], inds: list[Span],
                     sent: tuple[int, int], topic: list[Span] | None) -> list[Relation]:
    """The companies and projects of a ；-part in its industries: the one industry of the part
    (``.single``), a chain leader's (``.chain_leader``) and one named in their clause (``.clause``)."""
    out: list[Relation] = []
    clauses = view.clauses(a, b)
    main = _main_industries(view, inds)
    if len(main) == 1 and INDUSTRY_WORDS.search(text, a, b) and not topic \
            and not all(_loc_owned(view, i) for i in inds if i.name in main):
        inds_main = [i for i in inds if i.name in main and not _loc_owned(view, i)]
        ind_clauses = {_clause_index(clauses, i.start) for i in inds_main}
        for h in heads:
            hc = _clause_index(clauses, h.start)
            if any(abs(hc - k) <= 1 for k in ind_clauses) and not any(_siblings(view, h, i) for i in inds_main):
                out.append(view.relation("belongs_to_industry", h, inds_main[0], sent,
                                         "belongs_to_industry.single", 0.6))
    out += _chain_leaders(view, text, clauses, heads, inds, sent)
    for c_start, c_end in clauses:
        c_heads = [h for h in heads if c_start <= h.start and h.end <= c_end]
        c_inds = [i for i in inds if c_start <= i.start and i.end <= c_end]
        if c_heads and c_inds and CLAUSE_CUES.search(text, c_start, c_end):
            for h in c_heads:
                for i in c_inds:
                    if not _loc_owned(view, i) and not _siblings(view, h, i):
                        out.append(view.relation("belongs_to_industry", h, i, sent,
                                                 "belongs_to_industry.clause", 0.7))
    return out


def _topic_of(view: DocView, sent: tuple[int, int]) -> list[Span]:
    """:func:`_topic_industries` of a sentence, read once (the head rules and the park rules may both ask)."""
    found: dict[tuple[int, int], list[Span]] = view.memo("industry.topics", dict)
    topic = found.get(sent)
    if topic is None:
        topic = found[sent] = _topic_industries(view, *sent)
    return topic


_NAMED_INDUSTRY = re.compile(r"(.{2,12}?)(产业链|产业)(?!园|基地|区|城|新城)(?=.*项目$)")


def _named_in_project(view: DocView, heads: list[Span]) -> list[Relation]:
    """某某新型储能产业项目: a project whose name says X产业 is in industry X (X a known industry)."""
    out: list[Relation] = []
    for h in heads:
        if h.label != "PROJECT":
            continue
        for m in _NAMED_INDUSTRY.finditer(h.text):
            stem = m.group(1)
            ind = next((stem[k:] for k in range(len(stem) - 1) if _known_industry(view, stem[k:])), None)
            if ind is not None:
                out.append(view.relation("belongs_to_industry", h, ind, view.sentence_of(h.start),
                                         "belongs_to_industry.name", 0.55, "INDUSTRY"))
                break
    return out


_INDUSTRY_TAIL = re.compile(r"(优势)?(产业|行业|产业链|产业集群|集群|板块)")


def _main_industries(view: DocView, inds: list[Span]) -> set[str]:
    """The industries a ；-part is about: all of them when only one is named, else those
    written as an industry (X产业, X行业, X产业链) when that singles one out."""
    names = {i.name for i in inds}
    if len(names) <= 1:
        return names
    strong = {i.name for i in inds if _INDUSTRY_TAIL.match(view.text, i.end)}
    return strong if len(strong) == 1 else names


_LIST_GLUE = re.compile(r"(?:产业链|产业|行业|[、和及与])+")
_LIST_JOINER = re.compile(r"[、和及与]")


def _siblings(view: DocView, head: Span, ind: Span) -> bool:
    """发展甲醇装备及智能网联汽车产业、绿色甲醇制造项目: items of one list are siblings, not members."""
    a, b = (ind.end, head.start) if ind.end <= head.start else (head.end, ind.start)
    between = view.text[a:b]
    for s in view.inside(a, b):
        between = between.replace(s.text, "")
    return bool(_LIST_GLUE.fullmatch(between)) and bool(_LIST_JOINER.search(between))


def _clause_index(clauses: list[tuple[int, int]], pos: int) -> int:
    return next((k for k, (c0, c1) in enumerate(clauses) if c0 <= pos < c1), len(clauses) - 1)


_LEADER = re.compile(r"链主|龙头|领军企业|头部企业")


def _chain_leaders(view: DocView, text: str, clauses: list[tuple[int, int]], heads: list[Span], inds: list[Span],
                   sent: tuple[int, int]) -> list[Relation]:
    """做大X产业链，A成为链主企业: a chain leader belongs to the industry named just before it."""
    out: list[Relation] = []
    for k, (c0, c1) in enumerate(clauses):
        if not _LEADER.search(text, c0, c1):
            continue
        same = [i for i in inds if c0 <= i.start and i.end <= c1]
        lo = clauses[max(k - 1, 0)][0]
        hi = clauses[min(k + 1, len(clauses) - 1)][1]
        near = same or [i for i in inds if lo <= i.start and i.end <= hi]
        for h in heads:
            if c0 <= h.start < c1 and near:
                cand = [i for i in near if i.end <= h.start] or near
                out.append(view.relation("belongs_to_industry", h, cand[-1], sent, "belongs_to_industry.chain_leader", 0.65))
    return out


_CLAUSE_OR_PART = "，,；;：:"
_VISIT = re.compile(r"走进|参观|观摩|考察|赴|前往|来到|走访|到访")


def _visited(view: DocView, park: Span, floor: int) -> bool:
    """参训人员走进甲开发区、乙开发区观摩: a park visited is not the one whose industries follow."""
    text = view.text
    if not _VISIT.search(text, floor, park.start):
        return False  # the common case: no visiting verb anywhere before the park
    cut = max(text.rfind(ch, floor, park.start) for ch in _CLAUSE_OR_PART)  # the last break before the park
    clause_start = cut + 1 if cut >= 0 else floor
    return bool(_VISIT.search(text, clause_start, park.start))


def _has_industry(view: DocView, structure: Structure, a: int, b: int, inds: list[Span],
                  sent: tuple[int, int]) -> list[Relation]:
    """Parks named, pointed back to, or implied by the report, with the industries of a ；-part.

    A park named only after the industry takes it when the industry leads the
    sentence (信息技术产业，某产业园一期投产); otherwise that park is an object
    (围绕X产业、招引落地Y产业园; 先进制造业强市 … 构建某某示范区) and the
    industry goes to the park the report is about, if any.
    """
    out: list[Relation] = []
    refs = structure.park_refs(view, a, b)
    if refs and _VISIT.search(view.text, a, b):  # a park is visited only after a visiting verb of the part
        refs = [r for r in refs if not _visited(view, r, a)]
    subjects = None if refs else structure.subjects_at(view, a)  # the same for every industry of the part
    if not refs and not subjects:
        return out  # no park to give an industry to
    inds = _not_place_owned(view, inds)
    for i in inds:
        if refs:
            before = [r for r in refs if r.end <= i.start]
            if before:
                park = before[-1]
            elif i in _topic_of(view, sent):
                park = min(refs, key=lambda r: abs(r.start - i.start))
            else:
                # 围绕X产业、招引落地Y产业园: a park after the industry is its object, the report's park owns it
                if subjects is None:
                    subjects = structure.subjects_at(view, a)
                for park in subjects:
                    out.append(view.relation("has_industry", park, i, sent, "has_industry.section", 0.5))
                continue
            rule, conf = ("has_industry.named", 0.7) if park.mention.text == view.text[park.start:park.end] \
                else ("has_industry.back_reference", 0.65)
            out.append(view.relation("has_industry", park, i, sent, rule, conf))
        else:
            for park in subjects:  # type: ignore[union-attr]
                out.append(view.relation("has_industry", park, i, sent, "has_industry.section", 0.5))
    return out


#: How many sentences after a paragraph's topic sentence it governs.
_TOPIC_REACH = 3


_PARTNERING = re.compile(r"合作|对接|洽谈|携手")


def _partner(view: DocView, head: Span) -> bool:
    """与某公司合作: a partner named in passing, not a member of the industry being built."""
    for c0, c1 in clause_spans(view.text, *view.sentence_of(head.start)):
        if c0 <= head.start < c1:
            return bool(_PARTNERING.search(view.text[c0:c1]))
    return False


def _paragraph_topics(view: DocView, structure: Structure, heads: list[Span]) -> list[Relation]:
    """A short first sentence naming one industry (某地加快培育数字经济。) covers its paragraph."""
    out: list[Relation] = []
    head_starts = [h.start for h in heads]
    sentences, sentence_starts = view.sentences, view.sentence_starts
    for p_start, p_end in view.paragraphs:
        k = bisect.bisect_left(sentence_starts, p_start)  # the paragraph's first sentence, if one starts in it
        if k == len(sentences) or sentence_starts[k] >= p_end:
            continue
        first = sentences[k]
        if first[1] - first[0] > 24 or first[1] >= p_end or not TOPIC_VERBS.search(view.text, *first):
            continue
        inds = _industries(view, *first)
        if len({i.name for i in inds}) != 1:
            continue
        if view.inside(first[0], first[1], ("PARK", "COMPANY", "PROJECT")):
            continue
        ind = inds[0]
        following = view.sentences_from(first[1], p_end)[:_TOPIC_REACH]
        if not following:
            continue
        reach = following[-1][1]
        for s in view.inside(first[1], reach, ("PARK",)):
            out.append(view.relation("has_industry", s, ind, view.sentence_of(s.start), "has_industry.paragraph", 0.55))
        for h in within(heads, head_starts, first[1], reach):
            if not _partner(view, h):
                out.append(view.relation("belongs_to_industry", h, ind, view.sentence_of(h.start),
                                         "belongs_to_industry.paragraph", 0.55))
    return out
