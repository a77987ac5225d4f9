"""The spaCy pipeline and the build's per-document stage find the same mentions; a build never imports spaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_document

from kg.ingest import read_document
from kg.nlp import extract_mentions, find_mentions, make_nlp
from kg.nlp.spacy_pipeline import SPANS_KEY

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_spacy_pipeline_finds_the_mentions_the_build_finds(path: Path) -> None:
    document = read_document(path)
    found = find_mentions(document)
    assert found, "a seed article has mentions"
    assert extract_mentions(make_nlp(), document) == found


def test_spacy_pipeline_spans_cover_each_mention_on_whole_tokens() -> None:
    text = "市委书记陈浩然带队赴临江经济技术开发区考察，与青禾新材料有限公司签约。"
    doc = make_nlp()(text)
    spans = doc.spans[SPANS_KEY]
    mentions = find_mentions(make_document(text))
    assert [(s.start_char, s.end_char, s.label_) for s in spans] == [(m.start, m.end, m.label) for m in mentions]


def test_build_extracts_without_importing_spacy(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("副市长邓雨桐带队赴临江经开区考察，青禾新材料有限公司董事长祁越陪同。", encoding="utf-8")
    code = ("import sys; from kg.pipeline import build; "
            f"r = build([{str(tmp_path / 'a.txt')!r}], {str(tmp_path / 'out')!r}, jobs=1); "
            "assert r.extractions[0].mentions; print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
