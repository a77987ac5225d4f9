"""Score extractions against gold annotations, exactly by the annotation guide's rules.

Entities are sets of (normalized text, label) per document; relations are
sets of (head, type, tail) per document, where a head or tail may be a
shorter name of the same park or company, and titles match by suffix.
Pure functions over the guide's JSON records; the CLI does the file I/O.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.model import ENTITY_LABELS, RELATION_TYPES
from kg.normalize import company_key, normalize, park_key, title_matches

__all__ = ["Score", "Report", "load_gold", "score_documents"]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    entities: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    relations: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)  # (doc, kind, FP/FN, item)

    def micro(self, kind: str) -> Score:
        table = self.entities if kind == "entities" else self.relations
        total = Score()
        for s in table.values():
            total.tp += s.tp
            total.fp += s.fp
            total.fn += s.fn
        return total


def load_gold(path: str | Path) -> dict[str, dict[str, Any]]:
    """Gold records by document id, from one ``.jsonl`` file or a folder of them."""
    p = Path(path)
    files = sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
    gold: dict[str, dict[str, Any]] = {}
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                gold[rec["doc"]] = rec
    return gold


def _entity_set(rec: Mapping[str, Any]) -> set[tuple[str, str]]:
    return {(normalize(e["text"], e["label"]), e["label"]) for e in rec.get("entities", [])}


def _labels_by_name(rec: Mapping[str, Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for e in rec.get("entities", []):
        out[normalize(e["text"])].add(e["label"])
    return out


def _names_match(a: str, b: str) -> bool:
    """Forgiving match for relation arguments: same park or company under a shorter name."""
    if a == b:
        return True
    pa, pb = park_key(a), park_key(b)
    if pa == pb or pa.endswith(pb) or pb.endswith(pa):
        return min(len(pa), len(pb)) >= 2
    ca, cb = company_key(a), company_key(b)
    return ca == cb and len(ca) >= 2


def _relation_match(pred: tuple[str, str, str], gold: tuple[str, str, str]) -> bool:
    (ph, pt, ptail), (gh, gt, gtail) = pred, gold
    if pt != gt or not _names_match(ph, gh):
        return False
    if pt == "holds_position":
        return title_matches(ptail, gtail)
    if pt in ("belongs_to_industry", "has_industry"):
        return normalize(ptail, "INDUSTRY") == normalize(gtail, "INDUSTRY") or _names_match(ptail, gtail)
    return _names_match(ptail, gtail)


def _relation_set(rec: Mapping[str, Any]) -> set[tuple[str, str, str]]:
    out = set()
    for r in rec.get("relations", []):
        tail_label = "INDUSTRY" if r["type"] in ("belongs_to_industry", "has_industry") else ""
        out.add((normalize(r["head"]), r["type"], normalize(r["tail"], tail_label)))
    return out


def score_documents(gold: Mapping[str, Mapping[str, Any]], predicted: Mapping[str, Mapping[str, Any]]) -> Report:
    """Score every gold document (a missing prediction counts as empty)."""
    report = Report()
    for doc_id in sorted(gold):
        g = gold[doc_id]
        p = predicted.get(doc_id, {"entities": [], "relations": []})
        ge, pe = _entity_set(g), _entity_set(p)
        for label in ENTITY_LABELS:
            gl = {x for x in ge if x[1] == label}
            pl = {x for x in pe if x[1] == label}
            s = report.entities[label]
            s.tp += len(gl & pl)
            s.fp += len(pl - gl)
            s.fn += len(gl - pl)
            report.misses += [(doc_id, label, "FP", x[0]) for x in sorted(pl - gl)]
            report.misses += [(doc_id, label, "FN", x[0]) for x in sorted(gl - pl)]
        gr, pr = _relation_set(g), _relation_set(p)
        for rtype in RELATION_TYPES:
            gt = sorted(x for x in gr if x[1] == rtype)
            pt = sorted(x for x in pr if x[1] == rtype)
            matched_gold: set[tuple[str, str, str]] = set()
            fps = []
            # exact matches first, then forgiving ones, one gold item per prediction
            exact = set(pt) & set(gt)
            matched_gold |= exact
            for x in pt:
                if x in exact:
                    continue
                hit = next((y for y in gt if y not in matched_gold and _relation_match(x, y)), None)
                if hit is None:
                    # a second prediction naming an already matched gold item by another name is no error
                    if any(_relation_match(x, y) for y in matched_gold):
                        continue
                    fps.append(x)
                else:
                    matched_gold.add(hit)
            s = report.relations[rtype]
            s.tp += len(matched_gold)
            s.fp += len(fps)
            fns = [y for y in gt if y not in matched_gold]
            s.fn += len(fns)
            report.misses += [(doc_id, rtype, "FP", f"{h} -> {t}") for h, _, t in fps]
            report.misses += [(doc_id, rtype, "FN", f"{h} -> {t}") for h, _, t in fns]
    return report


def format_report(report: Report, misses: bool = False) -> str:
    """The table ``kg eval`` prints."""
    lines = [f"{'':22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]

    def row(name: str, s: Score) -> str:
        return f"{name:22}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:6d}{s.fp:6d}{s.fn:6d}"

    lines.append("entities")
    for label in ENTITY_LABELS:
        lines.append(row("  " + label, report.entities[label]))
    lines.append(row("  micro", report.micro("entities")))
    lines.append("relations")
    for rtype in RELATION_TYPES:
        lines.append(row("  " + rtype, report.relations[rtype]))
    lines.append(row("  micro", report.micro("relations")))
    if misses:
        lines.append("")
        for doc, kind, what, item in report.misses:
            lines.append(f"{what}\t{doc}\t{kind}\t{item}")
    lines.append(f"entity micro F1 {report.micro('entities').f1:.3f}")
    lines.append(f"relation micro F1 {report.micro('relations').f1:.3f}")
    return "\n".join(lines)


def records(extractions: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Index extraction records by document id."""
    return {r["doc"]: r for r in extractions}
