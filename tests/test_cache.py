"""Incremental builds: extractions are cached by content and pipeline version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg import cache as cache_mod
from kg.cache import ExtractionStore, document_key, pipeline_version
from kg.pipeline import build

# fmt: off
_HEADS = ["星岚", "云渚", "澄湖", "青禾", "晴川", "砺山", "玉衡", "朗峰", "溪桥", "翠屏"]
_TAILS = ["新材", "智造", "光电", "海工", "芯源", "绿能", "精机", "远航", "数联", "康瑞"]
_GIVEN = ["晓岚", "明远", "思齐", "嘉禾", "立新", "若水", "承志", "景行"]
# fmt: on


def invented_article(i: int) -> str:
    """A short news item with invented names; ``i`` picks the names and numbers."""
    park = _HEADS[i % 10] + "经济开发区"
    company = _HEADS[(i // 10) % 10] + _TAILS[i % 10] + "科技有限公司"
    person = "林" + _GIVEN[i % 8]
    return (f"{park}消息：{i % 12 + 1}月{i % 28 + 1}日，{company}年产{i}万件智能装备项目正式落户{park}。\n\n"
            f"{park}党工委书记{person}带队赴杭州考察新能源汽车产业，第{i}批项目集中签约。\n")


def write_corpus(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / f"item{i:05d}.txt"
        path.write_text(invented_article(i), encoding="utf-8")
        paths.append(path)
    return paths


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built_thousand(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A corpus of 1,000 documents built once with a cache: (corpus folder, cache folder)."""
    root = tmp_path_factory.mktemp("thousand")
    write_corpus(root / "corpus", 1000)
    result = build([root / "corpus"], root / "first", cache_dir=root / "cache")
    assert len(result.extracted) == 1000
    return root / "corpus", root / "cache"


def test_cache_adding_one_document_reextracts_only_it(built_thousand: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, cache = built_thousand
    shutil.copytree(corpus, tmp_path / "corpus")  # a moved corpus still hits the cache
    shutil.copytree(cache, tmp_path / "cache")
    write_corpus(tmp_path / "corpus", 1, start=1000)
    incremental = build([tmp_path / "corpus"], tmp_path / "incremental", cache_dir=tmp_path / "cache")
    assert incremental.extracted == ["item01000"]
    assert len(incremental.extractions) == 1001
    build([tmp_path / "corpus"], tmp_path / "full")
    assert tree_bytes(tmp_path / "incremental") == tree_bytes(tmp_path / "full")


def test_cache_rebuild_of_unchanged_corpus_extracts_nothing(built_thousand: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, cache = built_thousand
    again = build([corpus], tmp_path / "again", cache_dir=cache)
    assert again.extracted == []
    assert len(again.extractions) == 1000


def test_cache_changed_document_is_reextracted(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "corpus", 5)
    build([tmp_path / "corpus"], tmp_path / "a", cache_dir=tmp_path / "cache")
    paths[2].write_text(invented_article(77), encoding="utf-8")
    result = build([tmp_path / "corpus"], tmp_path / "b", cache_dir=tmp_path / "cache")
    assert result.extracted == ["item00002"]
    full = build([tmp_path / "corpus"], tmp_path / "c")
    assert tree_bytes(tmp_path / "b") == tree_bytes(tmp_path / "c")


def test_cache_unreadable_entry_is_made_again(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 3)
    build([tmp_path / "corpus"], tmp_path / "a", cache_dir=tmp_path / "cache")
    entries = sorted((tmp_path / "cache").rglob("*.pkl"))
    assert len(entries) == 3
    entries[0].write_bytes(b"not a pickle")
    build([tmp_path / "corpus"], tmp_path / "b", cache_dir=tmp_path / "cache")
    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b")


def test_cache_key_depends_on_id_bytes_file_name_and_version() -> None:
    base = document_key("x", "a/x.txt", "开发区".encode(), "v1")
    assert base == document_key("x", "a/x.txt", "开发区".encode(), "v1")
    assert base != document_key("x", "a/x.txt", "开发区。".encode(), "v1")
    assert base != document_key("x~2", "a/x.txt", "开发区".encode(), "v1")
    assert base != document_key("x", "a/x.html", "开发区".encode(), "v1")
    assert base != document_key("x", "a/x.txt", "开发区".encode(), "v2")
    assert base == document_key("x", "elsewhere/x.txt", "开发区".encode(), "v1")


def test_cache_pipeline_version_changes_with_a_lexicon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.lexicons

    lexicons = tmp_path / "lexicons"
    shutil.copytree(kg.lexicons.LEXICON_DIR, lexicons)
    monkeypatch.setattr(kg.lexicons, "LEXICON_DIR", lexicons)
    pipeline_version.cache_clear()
    try:
        before = pipeline_version()
        with (lexicons / "titles.tsv").open("a", encoding="utf-8") as fh:
            fh.write("首席联络官\n")
        pipeline_version.cache_clear()
        assert pipeline_version() != before
    finally:
        pipeline_version.cache_clear()


def test_cache_store_round_trips_an_extraction(tmp_path: Path) -> None:
    from kg.model import Evidence, Extraction, Mention, Relation

    ev = Evidence("d", "青禾科技有限公司落户澄湖经济开发区。", 0, 18)
    ext = Extraction("d", "d.txt", [Mention("澄湖经济开发区", "PARK", 10, 17, "d", "park.suffix")],
                     [Relation("located_in", "青禾科技有限公司", "澄湖经济开发区", "COMPANY", "PARK", ev, "r", 0.6)])
    store = ExtractionStore(tmp_path)
    assert store.get("ab" * 32) is None
    store.put("ab" * 32, ext)
    assert store.get("ab" * 32) == ext
    assert not list(tmp_path.rglob("*.tmp"))


def test_cache_no_cache_option_leaves_no_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    write_corpus(tmp_path / "corpus", 2)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_NO_CACHE", raising=False)  # conftest turns the cache off for other tests
    runner = CliRunner()
    assert runner.invoke(app, ["build", "corpus", "-o", "out", "--no-cache"]).exit_code == 0
    assert not (tmp_path / cache_mod.DEFAULT_CACHE_DIR).exists()
    result = runner.invoke(app, ["build", "corpus", "-o", "out"])
    assert result.exit_code == 0 and (tmp_path / cache_mod.DEFAULT_CACHE_DIR).is_dir()
    result = runner.invoke(app, ["build", "corpus", "-o", "out"])
    assert "2 from cache, 0 extracted" in result.output


def _extraction_citing_one_sentence_twice():
    from kg.model import Evidence, Extraction, Mention, Relation

    text = "澄湖经济开发区引进青禾科技有限公司，发展新材料产业。"
    ev = Evidence("d", text, 0, len(text))
    mentions = [Mention("澄湖经济开发区", "PARK", 0, 7, "d", "park.suffix"),
                Mention("青禾科技有限公司", "COMPANY", 9, 17, "d", "company.suffix"),
                Mention("新材料产业", "INDUSTRY", 20, 25, "d", "industry.lexicon")]
    relations = [Relation("located_in", "青禾科技有限公司", "澄湖经济开发区", "COMPANY", "PARK", ev, "r1", 0.6),
                 Relation("has_industry", "澄湖经济开发区", "新材料产业", "PARK", "INDUSTRY",
                          Evidence("d", text, 0, len(text)), "r2", 0.5, (("basis", "发展"),))]
    return Extraction("d", "d.txt", mentions, relations, warnings=["a warning"])


def test_cache_relations_citing_one_sentence_read_back_equal_with_one_evidence(tmp_path: Path) -> None:
    ext = _extraction_citing_one_sentence_twice()
    store = ExtractionStore(tmp_path)
    store.put("cd" * 32, ext)
    back = store.get("cd" * 32)
    assert back == ext
    assert back.relations[0].evidence is back.relations[1].evidence


def test_cache_entry_of_another_layout_reads_as_missing(tmp_path: Path) -> None:
    import pickle

    store = ExtractionStore(tmp_path)
    store.path("ef" * 32).parent.mkdir(parents=True)
    store.path("ef" * 32).write_bytes(pickle.dumps(_extraction_citing_one_sentence_twice()))  # a record, not rows
    assert store.get("ef" * 32) is None


def test_cache_entry_with_a_short_row_reads_as_missing(tmp_path: Path) -> None:
    import pickle

    store = ExtractionStore(tmp_path)
    store.put("ab" * 32, _extraction_citing_one_sentence_twice())
    entry = list(pickle.loads(store.path("ab" * 32).read_bytes()))
    entry[4] = [row[:-1] for row in entry[4]]  # mention rows missing their last field
    store.path("ab" * 32).write_bytes(pickle.dumps(tuple(entry)))
    assert store.get("ab" * 32) is None


def test_cache_scratch_store_writes_in_place_and_reads_back(tmp_path: Path) -> None:
    ext = _extraction_citing_one_sentence_twice()
    store = ExtractionStore(tmp_path / "spool", scratch=True)
    store.put("12" * 32, ext)  # makes the entry's subfolder on first use
    store.put("13" * 32, ext)
    assert store.get("12" * 32) == ext and store.get("13" * 32) == ext
    assert sorted(p.name for p in (tmp_path / "spool").rglob("*") if p.is_file()) == ["12" * 32 + ".pkl",
                                                                                      "13" * 32 + ".pkl"]


def test_cache_torn_scratch_entry_reads_as_missing(tmp_path: Path) -> None:
    store = ExtractionStore(tmp_path, scratch=True)
    store.put("34" * 32, _extraction_citing_one_sentence_twice())
    whole = store.path("34" * 32).read_bytes()
    store.path("34" * 32).write_bytes(whole[: len(whole) // 2])  # a writer killed half-way
    assert store.get("34" * 32) is None
