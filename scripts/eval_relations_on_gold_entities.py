"""Score the relation stage alone: feed it the gold entities of each document as mentions.

Why: relation scores measured through the NER stage mix two error sources.
Here every gold entity is located in the clean text by string search (all
occurrences; an occurrence nested in a longer one of the same label is
dropped, as a longest-match recognizer would) and handed to
``extract_relations``; the result is scored with ``kg.evaluate``.

    .venv/bin/python scripts/eval_relations_on_gold_entities.py [--ner] [--misses] [GOLD] [SEEDS]

``--ner`` runs the real NER stage instead, for the side-by-side figure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.evaluate import load_gold, score_documents
from kg.ingest import read_document
from kg.model import Document, Mention
from kg.relations import extract_relations
from kg.relations.base import locate_mentions

ROOT = Path(__file__).resolve().parent.parent


def gold_mentions(document: Document, entities: list[dict]) -> list[Mention]:
    """Every occurrence of every gold entity, as mentions with original offsets."""
    return locate_mentions(document, [(e["text"], e["label"]) for e in entities])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(ROOT / "tests" / "data" / "gold"))
    ap.add_argument("seeds", nargs="?", default=str(ROOT / "seeds"))
    ap.add_argument("--ner", action="store_true", help="use the real NER stage instead of gold entities")
    ap.add_argument("--misses", action="store_true", help="list relation false positives and negatives")
    args = ap.parse_args(argv)
    gold = load_gold(args.gold)
    predicted = {}
    for doc_id, rec in sorted(gold.items()):
        path = Path(args.seeds) / f"{doc_id}.txt"
        document = read_document(path)
        if args.ner:
            from kg.nlp import find_mentions

            mentions = find_mentions(document)
        else:
            mentions = gold_mentions(document, rec.get("entities", []))
        relations, _ = extract_relations(document, mentions)
        predicted[doc_id] = {"entities": rec.get("entities", []),
                             "relations": [{"type": r.type, "head": r.head, "tail": r.tail} for r in relations]}
    report = score_documents(gold, predicted)
    print(f"{'':22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
    for name, s in [*sorted(report.relations.items()), ("micro", report.micro("relations"))]:
        print(f"  {name:20}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:6d}{s.fp:6d}{s.fn:6d}")
    if args.misses:
        for doc, kind, what, item in report.misses:
            if kind.islower():
                print(f"{what}\t{doc[:3]}\t{kind}\t{item}")
    print(f"relation micro F1 {report.micro('relations').f1:.3f} ({'NER' if args.ner else 'gold entities'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
