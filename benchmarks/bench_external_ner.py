"""Entity precision/recall of ``extract_mentions`` on two public Chinese NER sets (other genres).

Why: the seeds are five articles; these sets show what our rules do on
ordinary text — false positives they produce, and persons, companies and
government bodies they miss. They follow other span conventions (CLUENER
addresses include streets; Resume names stand beside titles), so both a
strict figure (same label, same span) and a lenient one (same label,
overlapping span) are printed. Use them to find errors in our rules, not to
tune toward their conventions.

Label mapping (from the benchmarks' READMEs):

- CLUENER2020 ``dev.json``: company→COMPANY, name→PERSON, government→ORG,
  address→LOC. A prediction overlapping a gold span of an unmapped type
  (organization, position, scene, book, movie, game) is not counted either way.
- Resume NER ``test.char.bmes``: NAME→PERSON; ORG→COMPANY when it holds a
  company word (公司, 集团, 银行 ...), else ORG; LOC→LOC without a trailing 人.
  TITLE, EDU, PRO, RACE, CONT are unmapped (predictions on them are not counted).

``COMPANY|ORG`` scores the two labels as one (the sets' company/organization
line differs from our guide's). Run::

    .venv/bin/python benchmarks/bench_external_ner.py [--data ../shared/benchmarks] [--misses N]

``--data`` defaults to the nearest ``shared/benchmarks`` folder above the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import Document
from kg.nlp import extract_mentions, make_nlp

ROOT = Path(__file__).resolve().parent.parent
SCORED = ("PERSON", "COMPANY", "ORG", "LOC")
_CLUENER = {"company": "COMPANY", "name": "PERSON", "government": "ORG", "address": "LOC"}
_RESUME_COMPANY_WORDS = ("公司", "集团", "银行", "股份", "证券", "基金", "信托", "厂", "有限")
_RESUME_DROP = frozenset(("公司", "本公司"))

Span = tuple[int, int, str]


@dataclass
class Sentence:
    """One benchmark sentence: its text, gold spans of mapped labels, and spans of unmapped types."""

    text: str
    gold: set[Span]
    unmapped: list[tuple[int, int]] = field(default_factory=list)


def read_cluener(path: Path) -> Iterator[Sentence]:
    """CLUENER2020 JSON lines (``end`` inclusive)."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            sent = Sentence(row["text"], set())
            for kind, surfaces in row.get("label", {}).items():
                for spans in surfaces.values():
                    for s, e in spans:
                        if kind in _CLUENER:
                            sent.gold.add((s, e + 1, _CLUENER[kind]))
                        else:
                            sent.unmapped.append((s, e + 1))
            yield sent


def _resume_span(text: str, s: int, e: int, kind: str) -> tuple[int, int, str | None]:
    surface = text[s:e]
    if kind == "NAME":
        return s, e, "PERSON"
    if kind == "ORG":
        if surface in _RESUME_DROP:
            return s, e, None
        return s, e, "COMPANY" if any(w in surface for w in _RESUME_COMPANY_WORDS) else "ORG"
    if kind == "LOC":
        return s, e - 1 if surface.endswith("人") and e - s > 1 else e, "LOC"
    return s, e, None


def read_resume(path: Path) -> Iterator[Sentence]:
    """Resume NER, one character and its BMES tag a line, blank line between sentences."""
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> Sentence:
        text = "".join(chars)
        sent = Sentence(text, set())
        start, kind = -1, ""
        for i, tag in enumerate(tags):
            mark, _, k = tag.partition("-")
            if mark in ("B", "S"):
                start, kind = i, k
            if mark in ("E", "S") and start >= 0 and k == kind:
                s, e, label = _resume_span(text, start, i + 1, kind)
                if label:
                    sent.gold.add((s, e, label))
                else:
                    sent.unmapped.append((s, e))
                start = -1
            if mark == "O":
                start = -1
        return sent

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if chars:
                    yield flush()
                chars, tags = [], []
                continue
            ch, _, tag = line.rpartition(" ")
            chars.append(ch if ch else " ")
            tags.append(tag)
    if chars:
        yield flush()


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _merge(label: str) -> str:
    return "COMPANY|ORG" if label in ("COMPANY", "ORG") else label


def score(name: str, sentences: list[Sentence], nlp: object, misses: int) -> None:
    """Print strict and lenient P/R/F1 per label for one set, and up to ``misses`` errors of each kind."""
    strict: dict[str, Tally] = defaultdict(Tally)
    lenient: dict[str, Tally] = defaultdict(Tally)
    unscored: Counter[str] = Counter()
    errors: dict[str, list[str]] = defaultdict(list)
    for k, sent in enumerate(sentences):
        doc = Document(doc_id=f"{name}-{k}", source=name, text=sent.text, clean=sent.text)
        pred: set[Span] = set()
        for m in extract_mentions(nlp, doc):  # type: ignore[arg-type]
            if m.label not in SCORED:
                unscored[m.label] += 1
                if len(errors[f"unscored {m.label}"]) < misses:
                    errors[f"unscored {m.label}"].append(f"{m.text}  | {sent.text}")
                continue
            if (m.start, m.end, m.label) in sent.gold:
                pred.add((m.start, m.end, m.label))
            elif not any(_overlaps((m.start, m.end), u) for u in sent.unmapped):
                pred.add((m.start, m.end, m.label))
        for merged in (False, True):
            relabel = _merge if merged else (lambda lab: lab)
            gold = {(s, e, relabel(lab)) for s, e, lab in sent.gold}
            got = {(s, e, relabel(lab)) for s, e, lab in pred}
            if merged:
                gold = {g for g in gold if g[2] == "COMPANY|ORG"}
                got = {g for g in got if g[2] == "COMPANY|ORG"}
            for s, e, lab in got:
                strict[lab].tp += (s, e, lab) in gold
                strict[lab].fp += (s, e, lab) not in gold
                hit = any(g[2] == lab and _overlaps((s, e), g[:2]) for g in gold)
                lenient[lab].tp += hit
                lenient[lab].fp += not hit
                if not hit and not merged and len(errors[f"FP {lab}"]) < misses:
                    errors[f"FP {lab}"].append(f"{sent.text[s:e]}  | {sent.text}")
            for s, e, lab in gold:
                strict[lab].fn += (s, e, lab) not in got
                hit = any(p[2] == lab and _overlaps((s, e), p[:2]) for p in got)
                lenient[lab].fn += not hit
                if not hit and not merged and len(errors[f"FN {lab}"]) < misses:
                    errors[f"FN {lab}"].append(f"{sent.text[s:e]}  | {sent.text}")
    print(f"\n{name}: {len(sentences)} sentences")
    print(f"{'label':12} {'gold':>5} {'pred':>5}  {'strict P':>8} {'R':>6} {'F1':>6}  {'lenient P':>9} {'R':>6} {'F1':>6}")
    micro_s, micro_l = Tally(), Tally()
    for lab in (*SCORED, "COMPANY|ORG"):
        st, le = strict[lab], lenient[lab]
        if lab in SCORED:
            for src, dst in ((st, micro_s), (le, micro_l)):
                dst.tp, dst.fp, dst.fn = dst.tp + src.tp, dst.fp + src.fp, dst.fn + src.fn
        _row(lab, st, le)
    _row("micro", micro_s, micro_l)
    if unscored:
        print("predicted labels the set has no gold for: " + ", ".join(f"{k} {v}" for k, v in sorted(unscored.items())))
    for key in sorted(k for k, v in errors.items() if v):
        print(f"-- {key}")
        for line in errors[key]:
            print(f"   {line}")


def _row(lab: str, st: Tally, le: Tally) -> None:
    ps, rs, fs = st.prf()
    pl, rl, fl = le.prf()
    print(f"{lab:12} {st.tp + st.fn:5d} {st.tp + st.fp:5d}  {ps:8.3f} {rs:6.3f} {fs:6.3f}  {pl:9.3f} {rl:6.3f} {fl:6.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=None,
                    help="folder holding cluener2020/ and resume_ner/ (default: the first shared/benchmarks above the repo)")
    ap.add_argument("--misses", type=int, default=0, help="print up to N false positives and misses per label")
    args = ap.parse_args()
    if args.data is None:
        found = [p / "shared" / "benchmarks" for p in ROOT.parents if (p / "shared" / "benchmarks").is_dir()]
        args.data = found[0] if found else ROOT.parent / "shared" / "benchmarks"
    sets = (
        ("CLUENER2020 dev", args.data / "cluener2020" / "dev.json", read_cluener),
        ("Resume NER test", args.data / "resume_ner" / "test.char.bmes", read_resume),
    )
    nlp = make_nlp()
    ran = 0
    for name, path, reader in sets:
        if not path.is_file():
            print(f"{name}: skipped, {path} not found (pass --data FOLDER)", file=sys.stderr)
            continue
        score(name, list(reader(path)), nlp, args.misses)
        ran += 1
    if not ran:
        print(f"no benchmark data under {args.data}; nothing measured", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
