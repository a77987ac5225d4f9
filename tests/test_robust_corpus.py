"""A hostile corpus, written by the tests, builds with exactly the expected skips and notes.

The files imitate what users point ``kg`` at: scraped pages full of scripts,
office exports in GBK, Big5 and UTF-16, binary files with text suffixes,
empty and truncated files, control and zero-width characters, traditional
characters, odd file names, a file over the size limit and a single line of
tens of megabytes. Names in the articles are invented.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import EXIT_SKIPPED, EXIT_STRICT, app
from kg.export import FORMATS

runner = CliRunner()

# fmt: off
PARKS = ["临江高新技术产业开发区", "青川经济技术开发区", "南屿工业园区", "澄湖经济开发区"]
COMPANIES = ["青禾新材料有限公司", "远帆智能装备有限公司", "北辰生物医药股份有限公司", "海岚储能科技有限公司",
             "星垣半导体有限公司", "云岫数据科技有限公司"]
INDUSTRIES = ["新能源汽车", "集成电路", "生物医药", "智能制造", "储能"]
LEADERS = [("王立川", "党工委书记"), ("陈慕远", "管委会主任"), ("周启衡", "副市长")]
CITIES = ["深圳", "苏州", "杭州", "成都"]
TEMPLATES = [
    "{company}落户{park}，项目总投资{n}亿元。",
    "{park}重点发展{industry}产业，已集聚相关企业{n}家。",
    "{title}{leader}率队赴{city}开展招商活动，与{company}负责人座谈。",
    "{company}位于{park}，主要生产{industry}关键零部件。",
]
# fmt: on

SIMPLIFIED = "青禾新材料有限公司落户临江高新技术产业开发区，项目总投资二十亿元。园区重点发展新能源汽车产业。\n"
TRADITIONAL = "遠帆智能裝備有限公司落戶青川經濟技術開發區，項目總投資十五億元。園區重點發展積體電路產業。\n"


def article(rng: random.Random, sentences: int) -> str:
    """An invented news article of ``sentences`` sentences in paragraphs of four."""
    out = []
    for i in range(sentences):
        leader, title = rng.choice(LEADERS)
        out.append(rng.choice(TEMPLATES).format(
            company=rng.choice(COMPANIES), park=rng.choice(PARKS), industry=rng.choice(INDUSTRIES),
            leader=leader, title=title, city=rng.choice(CITIES), n=rng.randint(2, 90)))
        if i % 4 == 3:
            out.append("\n\n")
    return "".join(out).strip() + "\n"


def write_articles(folder: Path, count: int, sentences: int, seed: int = 7) -> list[Path]:
    """``count`` invented UTF-8 articles in ``folder``, the same for the same seed."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"article_{i:03d}.txt"
        path.write_text(article(rng, sentences), encoding="utf-8")
        paths.append(path)
    return paths


SCRIPT_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>新闻_某某网</title>
<style>.x{content:"海岚储能科技有限公司"}</style>
<script>var ad = "星垣半导体有限公司落户南屿工业园区";</script></head>
<body class="has-menu">
<nav><a href="/">首页</a> <a>云岫数据科技有限公司</a></nav>
<div class="breadcrumb">当前位置：首页 &gt; 澄湖经济开发区新闻</div>
<div id="main"><h1>项目签约</h1>
<p>北辰生物医药股份有限公司落户临江高新技术产业开发区，项目总投资三十亿元。</p>
<script>document.write("远帆智能装备有限公司");</script>
<p>园区重点发展生物医药产业。</p></div>
<div class="footer">版权所有 青川经济技术开发区管委会</div>
</body></html>
"""

#: Names that appear in the script page only inside script, style, navigation or footer.
HIDDEN_NAMES = ["海岚储能", "星垣半导体", "云岫数据", "澄湖经济开发区", "远帆智能", "青川经济技术开发区"]

MAX_BYTES = 1_000_000
#: A UTF-8 file cut inside its last character (。 is three bytes, then a newline).
TRUNCATED = (SIMPLIFIED * 3).encode()[:-2]


def hostile_corpus(root: Path) -> dict[str, str | None]:
    """Write the hostile corpus under ``root``; return each file's expected skip reason (None: built).

    The huge single line lives in its own test; this corpus builds in seconds.
    """
    root.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str | None] = {}

    def put(name: str, data: bytes, reason: str | None) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expected[name] = reason

    put("good_utf8.txt", SIMPLIFIED.encode(), None)
    put("bom_utf8.md", b"\xef\xbb\xbf" + SIMPLIFIED.encode(), None)
    put("utf16le_bom.txt", SIMPLIFIED.encode("utf-16"), None)  # Python writes the BOM (LE here)
    put("utf16be_bom.txt", b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be"), None)
    put("utf16le_no_bom.txt", SIMPLIFIED.encode("utf-16-le"), None)
    put("gbk.txt", SIMPLIFIED.encode("gbk"), None)
    put("big5.txt", TRADITIONAL.encode("big5"), None)
    put("traditional_utf8.txt", TRADITIONAL.encode(), None)
    put("mac_cr.txt", SIMPLIFIED.replace("\n", "\r").encode() * 2, None)
    put("controls.txt", ("青禾新\u200b材料有限公司\x00落户临江高新技术产业开发区（ＡＢＣ园）\x07，"
                         "主导产业为ｎｅｗ能源汽车。\u200d\n").encode(), None)
    put("script_page.html", SCRIPT_PAGE.encode(), None)
    put("sub/good_utf8.txt", SIMPLIFIED.encode(), None)  # same stem as another file: id good_utf8~2
    put("报告 (终稿) #1 🚀.txt", SIMPLIFIED.encode(), None)
    put("长" * 80 + ".txt", SIMPLIFIED.encode(), None)
    put("truncated.txt", TRUNCATED, None)
    put("empty.txt", b"", "file is empty")
    put("blank.md", b" \n\r\n\t\n", "file is empty")
    put("bom_only.txt", b"\xef\xbb\xbf", "file is empty")
    noise = random.Random(1)
    put("binary.txt", bytes(noise.randrange(256) for _ in range(4096)), "binary file (NUL bytes), not text")
    put("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "binary file (PDF document), not text")
    put("word_export.md", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 64, "binary file (ZIP archive or Office document), not text")
    latin1 = "Café de la gare: résumé des activités économiques.\n".encode("latin-1")
    put("latin1.txt", latin1, "cannot decode: not UTF-8 (bad byte at 3) and not plausible as GB18030 or Big5 text")
    put("only_script.html", "<html><body><script>var a = 1;</script><nav>首页</nav></body></html>".encode(),
        "no text after cleaning")
    put("over_limit.txt", SIMPLIFIED.encode() * (MAX_BYTES // len(SIMPLIFIED.encode()) + 1),
        f"file is {len(SIMPLIFIED.encode()) * (MAX_BYTES // len(SIMPLIFIED.encode()) + 1)} bytes, "
        f"over the limit of {MAX_BYTES} (--max-bytes)")
    # A name whose bytes are GBK, as unzipping a Windows archive leaves them; shown decoded.
    gbk_name = os.fsdecode("名单".encode("gbk") + b".txt")
    (root / gbk_name).write_bytes(SIMPLIFIED.encode())
    expected["名单.txt"] = None
    return expected


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory):
    """Build the hostile corpus once: (expected, corpus folder, CLI result, export folder)."""
    root = tmp_path_factory.mktemp("hostile") / "in"
    expected = hostile_corpus(root)
    out = root.parent / "out"
    result = runner.invoke(app, ["build", str(root), "-o", str(out), "--max-bytes", str(MAX_BYTES)])
    return expected, root, result, out


def _lines(result, prefix: str) -> list[str]:
    return [line.strip() for line in result.output.splitlines() if line.strip().startswith(prefix)]


def test_robust_corpus_skips_exactly_the_broken_files_with_their_reasons(corpus_build):
    expected, root, result, _ = corpus_build
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    want = sorted(f"skipped {root / name}: {reason}" for name, reason in expected.items() if reason)
    assert sorted(_lines(result, "skipped ")) == want


def test_robust_corpus_builds_every_readable_file(corpus_build):
    expected, _, result, out = corpus_build
    built = sum(1 for reason in expected.values() if reason is None)
    skipped = len(expected) - built
    assert f"documents: {built} built, {skipped} skipped" in result.output
    docs = [json.loads(line)["doc"] for line in (out / FORMATS["jsonl"]).read_text(encoding="utf-8").splitlines()]
    assert len(docs) == built
    assert {"good_utf8", "good_utf8~2", "名单", "报告 (终稿) #1 🚀", "长" * 80} <= set(docs)


def test_robust_corpus_exit_status_says_documents_were_skipped(corpus_build):
    _, _, result, _ = corpus_build
    assert result.exit_code == EXIT_SKIPPED


def test_robust_corpus_notes_partly_read_and_traditional_files(corpus_build):
    _, root, result, _ = corpus_build
    notes = _lines(result, "note ")
    partial = f"partly read: 1 undecodable UTF-8 sequence(s) replaced (first at byte {len(TRUNCATED) - 2})"
    assert f"note {root / 'truncated.txt'}: {partial}" in notes
    trad = "traditional Chinese: converted to simplified for matching (evidence keeps the original)"
    assert f"note {root / 'big5.txt'}: {trad}" in notes
    assert f"note {root / 'traditional_utf8.txt'}: {trad}" in notes
    assert f"note {root / 'controls.txt'}: removed 2 control character(s)" in notes
    assert len(notes) == 4


def _records(out: Path) -> dict[str, dict]:
    lines = (out / FORMATS["jsonl"]).read_text(encoding="utf-8").splitlines()
    return {rec["doc"]: rec for rec in map(json.loads, lines)}


def test_robust_corpus_reads_every_encoding_to_the_same_entities(corpus_build):
    _, _, _, out = corpus_build
    recs = _records(out)
    names = {doc: {(e["text"], e["label"]) for e in rec["entities"]} for doc, rec in recs.items()}
    reference = names["good_utf8"]
    assert ("青禾新材料有限公司", "COMPANY") in reference
    for doc in ("bom_utf8", "utf16le_bom", "utf16be_bom", "utf16le_no_bom", "gbk", "good_utf8~2", "名单", "mac_cr"):
        assert names[doc] == reference, doc


def test_robust_corpus_traditional_entities_match_but_keep_original_offsets(corpus_build):
    _, root, _, out = corpus_build
    text = TRADITIONAL
    for doc in ("big5", "traditional_utf8"):
        rec = _records(out)[doc]
        companies = [e for e in rec["entities"] if e["label"] == "COMPANY"]
        assert companies, rec
        for e in companies:
            assert e["text"] == "远帆智能装备有限公司"  # simplified for matching
            assert text[e["start"]:e["end"]] == "遠帆智能裝備有限公司"  # offsets into the original


def test_robust_corpus_script_page_keeps_article_and_drops_scripts_and_chrome(corpus_build):
    _, _, _, out = corpus_build
    rec = _records(out)["script_page"]
    texts = {e["text"] for e in rec["entities"]}
    assert "北辰生物医药股份有限公司" in texts
    for hidden in HIDDEN_NAMES:
        assert not any(hidden in t for t in texts), hidden


def test_robust_corpus_controls_and_zero_width_do_not_split_names(corpus_build):
    _, _, _, out = corpus_build
    rec = _records(out)["controls"]
    texts = {e["text"] for e in rec["entities"]}
    assert "青禾新材料有限公司" in texts
    assert "临江高新技术产业开发区" in texts


def test_robust_corpus_odd_file_names_give_exports_that_parse(corpus_build):
    import networkx as nx
    import rdflib

    _, _, _, out = corpus_build
    graph = rdflib.Graph().parse(out / FORMATS["turtle"], format="turtle")
    labels = {str(o) for o in graph.objects(None, rdflib.RDFS.label)}
    assert {"名单", "报告 (终稿) #1 🚀", "good_utf8~2", "长" * 80} <= labels
    assert nx.read_graphml(out / FORMATS["graphml"]).number_of_nodes() > 0


def test_robust_corpus_every_message_is_one_line_naming_the_file(corpus_build):
    expected, root, result, _ = corpus_build
    for line in _lines(result, "skipped ") + _lines(result, "note "):
        name = line.split(" ", 1)[1].split(": ", 1)[0]
        assert name.startswith(str(root)), line
        assert "\n" not in line and len(line) < 400


def test_robust_strict_build_fails_and_leaves_previous_exports(tmp_path):
    root = tmp_path / "in"
    hostile_corpus(root)
    good = tmp_path / "good"
    good.mkdir()
    (good / "one.txt").write_text(SIMPLIFIED, encoding="utf-8")
    out = tmp_path / "out"
    first = runner.invoke(app, ["build", str(good), "-o", str(out), "--strict"])
    assert first.exit_code == 0, first.output
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    strict = runner.invoke(app, ["build", str(root), "-o", str(out), "--strict", "--max-bytes", str(MAX_BYTES)])
    assert strict.exit_code == EXIT_STRICT
    assert f"skipped {root / 'empty.txt'}: file is empty" in strict.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_robust_huge_single_line_does_not_stop_the_build(tmp_path):
    """Twenty megabytes on one line (a page saved with an inline data blob) beside a normal article."""
    root = tmp_path / "in"
    root.mkdir()
    (root / "normal.txt").write_text(SIMPLIFIED, encoding="utf-8")
    blob = "".join(random.Random(3).choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                   for _ in range(4096))
    (root / "huge_line.txt").write_text(SIMPLIFIED.strip() + "data:image/png;base64," + blob * 5000,
                                        encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(root), "-o", str(out)])
    assert result.exit_code in (0, EXIT_SKIPPED), result.output
    docs = _records(out)
    assert "normal" in docs
    if "huge_line" not in docs:
        (line,) = _lines(result, f"skipped {root / 'huge_line.txt'}: ")
        assert "\n" not in line and len(line) < 400


def test_robust_build_with_no_readable_document_keeps_previous_exports(tmp_path):
    good = tmp_path / "good"
    good.mkdir()
    (good / "one.txt").write_text(SIMPLIFIED, encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(good), "-o", str(out)]).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(bad), str(tmp_path / "missing.txt"), "-o", str(out)])
    assert result.exit_code == 1
    assert f"skipped {bad / 'empty.txt'}: file is empty" in result.output
    assert f"skipped {tmp_path / 'missing.txt'}: cannot read (No such file or directory)" in result.output
    assert "error: no document could be built (2 skipped); exports left unchanged" in result.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
