"""spacy-pkuseg as the segmenter: a model trained offline here, loaded by the real pkuseg."""

from __future__ import annotations

import random

import numpy as np
import pytest
from conftest import make_document

from kg.nlp import extract_mentions, make_nlp

spacy_pkuseg = pytest.importorskip("spacy_pkuseg")

# fmt: off
TRAIN = [
    "临海 经济 技术 开发区 召开 会议 。",
    "青禾 新材料 有限公司 落户 园区 。",
    "市委 书记 陈浩然 率队 赴 杭州 考察 。",
    "白鹭 智能 科技 有限公司 年产 十万 台 机器人 项目 开工 。",
]
# fmt: on


@pytest.fixture(scope="module")
def pkuseg_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    d = tmp_path_factory.mktemp("pkuseg")
    (d / "train.txt").write_text("\n".join(TRAIN * 5) + "\n", encoding="utf-8")
    (d / "test.txt").write_text("\n".join(TRAIN) + "\n", encoding="utf-8")
    # pkuseg shuffles its training data with the global generators: seed them for a repeatable model
    random.seed(0)
    np.random.seed(0)
    spacy_pkuseg.train(str(d / "train.txt"), str(d / "test.txt"), str(d / "model"), train_iter=10)
    return str(d / "model")


def test_segmenter_pkuseg_segments_with_trained_model(pkuseg_model):
    nlp = make_nlp(segmenter="pkuseg", pkuseg_model=pkuseg_model)
    words = [t.text for t in nlp("青禾新材料有限公司落户园区。")]
    assert "".join(words) == "青禾新材料有限公司落户园区。"
    assert "有限公司" in words


def test_segmenter_pkuseg_finds_same_entities_as_default(pkuseg_model):
    text = "青禾新材料有限公司落户临海经济技术开发区。"
    doc = make_document(text)
    default = {(m.text, m.label) for m in extract_mentions(make_nlp(), doc)}
    pku = {(m.text, m.label) for m in extract_mentions(make_nlp(segmenter="pkuseg", pkuseg_model=pkuseg_model), doc)}
    assert pku == default and ("临海经济技术开发区", "PARK") in pku


def test_segmenter_pkuseg_without_model_is_a_clear_error():
    with pytest.raises(ValueError, match="pkuseg_model"):
        make_nlp(segmenter="pkuseg")
