"""Long documents: the NLP stage takes texts past spaCy's default 1,000,000-character limit."""

from __future__ import annotations

from conftest import make_document
from test_nlp_parks import _nlp

from kg.nlp import extract_mentions

#: One invented paragraph (company, park, person, project); about 110 characters.
_PARAGRAPH = (
    "近日，青禾智能装备股份有限公司在云岫经济技术开发区签约建设年产5000台智能机器人项目，"
    "开发区管委会主任柏文舟出席签约仪式。该项目总投资12亿元，主要生产工业机器人及核心零部件。\n"
)


def test_nlp_long_document_past_spacy_limit_extracts_every_paragraph():
    copies = 1_200_000 // len(_PARAGRAPH) + 1
    text = _PARAGRAPH * copies
    assert len(text) > 1_200_000
    mentions = extract_mentions(_nlp(), make_document(text))
    companies = [m for m in mentions if m.text == "青禾智能装备股份有限公司" and m.label == "COMPANY"]
    assert len(companies) == copies  # the last paragraph, past character 1,000,000, too
    assert companies[-1].start > 1_100_000
    assert any(m.text == "柏文舟" and m.label == "PERSON" and m.start > 1_100_000 for m in mentions)
