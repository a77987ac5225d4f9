"""Hostile text reads cleanly: controls, zero-width and full-width forms, huge lines, HTML chrome,
traditional characters and odd file names, with offsets that always point into the original."""

from __future__ import annotations

import os
import unicodedata

import pytest

from kg.errors import IngestError
from kg.ingest import (
    MAX_SENTENCE,
    clean_text,
    discover,
    display_path,
    doc_ids,
    html_to_text,
    read_document,
    sentence_spans,
    to_simplified,
)

SENTENCE = "青禾新材料有限公司落户临江高新技术产业开发区，项目总投资二十亿元。"


def _assert_offsets_point_into(text: str, clean: str, offsets: list[int]) -> None:
    """Every clean character comes from the original character its offset names."""
    assert len(offsets) == len(clean) + 1 and offsets[-1] == len(text)
    assert offsets[:-1] == sorted(offsets[:-1])
    for i, ch in enumerate(clean):
        src = text[offsets[i]]
        if ch == "\n":
            assert src == "\n"
        elif ch == " ":
            assert src.isspace() or src == "\ufffd"
        else:
            assert ch in unicodedata.normalize("NFKC", src), (i, ch, src)


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("青禾\u200b新材料\u200d有限\ufeff公司", "青禾新材料有限公司"),
        ("临江\x00高新\x07区\x1b", "临江高新区"),
        ("（ＡＢＣ）公司，总投资１２亿元！", "(ABC)公司,总投资12亿元!"),
        ("ｎｅｗ能源 and 新能源", "new能源 and 新能源"),
        ("园区\t签约\u3000仪式", "园区 签约 仪式"),
        ("株式会社㈱开发", "株式会社(株)开发"),
        ("\u202e园区\u202c签约\u2066", "园区签约"),
    ],
    ids=["zero-width", "controls", "full-width", "mixed-width", "tab-ideographic-space", "expanding", "bidi"],
)
def test_ingest_clean_normalizes_hostile_characters_and_keeps_offsets(text, clean):
    got, offsets = clean_text(text)
    assert got == clean
    _assert_offsets_point_into(text, got, offsets)


def test_ingest_read_removes_control_characters_from_the_text_with_a_note(tmp_path):
    path = tmp_path / "c.txt"
    path.write_bytes(("临江\x00高新区\x07签约。\x1f\n").encode())
    doc = read_document(path)
    assert doc.text == "临江高新区签约。\n"
    assert doc.warnings == ["removed 3 control character(s)"]


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\u2028", "\x85"])
def test_ingest_read_understands_every_line_ending(tmp_path, newline):
    path = tmp_path / "n.txt"
    path.write_text(f"# 标题{newline}{newline}{SENTENCE}{newline}", encoding="utf-8", newline="")
    doc = read_document(path)
    assert doc.text == f"# 标题\n\n{SENTENCE}\n"


def test_ingest_huge_single_line_is_read_and_split_into_bounded_sentences(tmp_path):
    path = tmp_path / "huge.txt"
    count = 300_000  # about 30 MB on one line
    path.write_text("\u200b" + SENTENCE * count, encoding="utf-8")
    assert path.stat().st_size > 25_000_000
    doc = read_document(path)
    assert doc.clean == clean_text(SENTENCE)[0] * count
    assert doc.offsets[0] == 1 and doc.offsets[-1] == len(doc.text)
    spans = list(sentence_spans(doc.clean))
    assert len(spans) == count
    start, end = doc.to_original(*spans[-1])
    assert doc.text[start:end] == SENTENCE


def test_ingest_huge_line_without_punctuation_is_cut_below_the_sentence_limit():
    clean = ("临江园区" * 50 + "，") * 2000 + "x" * 50_000
    spans = list(sentence_spans(clean))
    assert all(0 < end - start <= MAX_SENTENCE for start, end in spans)
    assert "".join(clean[s:e] for s, e in spans) == clean  # nothing lost, nothing repeated
    assert all(clean[e - 1] == "，" for _, e in spans[:10])  # cut after a comma where there is one


def test_ingest_to_simplified_keeps_length_and_leaves_simplified_text_alone():
    trad = "遠帆智能裝備有限公司落戶青川經濟技術開發區，著力發展積體電路產業。\n乾元路"
    simp = to_simplified(trad)
    assert simp is not None and len(simp) == len(trad)
    assert simp.startswith("远帆智能装备有限公司落户青川经济技术开发区")
    # Simplified text that uses characters OpenCC would also map (著, 乾, 于) is not traditional.
    assert to_simplified("青禾公司著名品牌乾坤大厦位于临江高新区，于去年投产。") is None


def test_ingest_traditional_document_matches_simplified_and_keeps_original_text(tmp_path):
    path = tmp_path / "t.txt"
    text = "臨江高新區與遠帆智能裝備有限公司簽約。\n"
    path.write_bytes(text.encode("big5"))
    doc = read_document(path)
    assert doc.text == text
    assert doc.clean == "临江高新区与远帆智能装备有限公司签约。\n"
    i = doc.clean.index("远帆")
    start, end = doc.to_original(i, i + len("远帆智能装备有限公司"))
    assert doc.text[start:end] == "遠帆智能裝備有限公司"
    assert doc.warnings == ["traditional Chinese: converted to simplified for matching (evidence keeps the original)"]


PAGE = """<html><head><title>园区新闻_网站</title><style>p {color: red}</style>
<script type="text/javascript">var s = "脚本里的海岚储能公司";</script></head>
<body class="home has-menu"><header><h1>网站名称</h1></header>
<div class="top-nav"><ul><li>首页</li><li>新闻<div>嵌套菜单</div></li></ul></div>
<img class="nav-icon" src="x.png"><br class="nav">
<div id="breadcrumb">当前位置 &gt; 新闻</div>
<ul role="navigation"><li>导航项</li></ul>
<article><h2>签约仪式举行</h2><p>青禾新材料有限公司&nbsp;落户临江高新区。</p>
<script>alert("正文中的脚本")</script><noscript>请启用脚本</noscript>
<form><input value="搜索"><button>提交</button></form><p>园区发展储能产业。</p></article>
<aside>相关阅读</aside><div class="share-bar">分享到</div><footer>版权所有</footer>
<div class="copyright">备案号</div></body></html>"""


def test_ingest_html_keeps_article_text_and_drops_scripts_styles_and_chrome():
    text = html_to_text(PAGE)
    assert text == "签约仪式举行\n\n青禾新材料有限公司\xa0落户临江高新区。\n\n园区发展储能产业。\n"


def test_ingest_html_uses_the_title_only_when_the_page_has_no_other_text():
    assert html_to_text("<html><head><title>标题</title></head><body><script>x</script></body></html>") == "标题\n"


def test_ingest_html_with_only_scripts_is_refused(tmp_path):
    path = tmp_path / "s.html"
    path.write_text("<script>var a='园区';</script><nav>首页</nav>", encoding="utf-8")
    with pytest.raises(IngestError, match=r"s\.html: no text after cleaning$"):
        read_document(path)


def test_ingest_html_reads_a_gbk_page(tmp_path):
    path = tmp_path / "g.htm"
    path.write_bytes(f'<meta charset="gbk"><p>{SENTENCE}</p>'.encode("gbk"))
    assert read_document(path).text == SENTENCE + "\n"


def test_ingest_files_over_the_size_limit_are_refused_unread(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(SENTENCE.encode() * 100)
    size = path.stat().st_size
    with pytest.raises(IngestError, match=rf"big\.txt: file is {size} bytes, over the limit of 1000 \(--max-bytes\)$"):
        read_document(path, max_bytes=1000)
    assert read_document(path, max_bytes=size).text == SENTENCE * 100


@pytest.mark.parametrize("name", ["missing.txt", "folder.txt"])
def test_ingest_unreadable_paths_are_refused_with_the_reason(tmp_path, name):
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(IngestError, match=rf"{name}: cannot read \((No such file or directory|Is a directory)\)$"):
        read_document(tmp_path / name)


@pytest.mark.parametrize(
    "name",
    ["报告 (终稿) #1.txt", "emoji 🚀 news.md", "a/b".replace("/", "∕") + ".txt", "长" * 80 + ".txt",
     "semi;colon,comma'quote\".txt", "tab\tname.txt", "line\nbreak.txt"],
)
def test_ingest_odd_file_names_read_with_printable_one_line_ids(tmp_path, name):
    path = tmp_path / name
    path.write_text(SENTENCE, encoding="utf-8")
    (found,) = discover([tmp_path])
    doc = read_document(found, doc_id=doc_ids([found])[found])
    assert doc.text == SENTENCE
    assert doc.doc_id and doc.doc_id.isprintable() and "\n" not in doc.source
    assert doc.doc_id == display_path(path.stem).strip()


def test_ingest_file_name_in_gbk_bytes_is_shown_decoded(tmp_path):
    raw = os.fsencode(tmp_path) + b"/" + "名单".encode("gbk") + b".txt"
    with open(raw, "wb") as fh:
        fh.write(SENTENCE.encode())
    (found,) = discover([tmp_path])
    doc = read_document(found, doc_id=doc_ids([found])[found])
    assert doc.doc_id == "名单"
    assert doc.source == f"{tmp_path}/名单.txt"


def test_ingest_doc_ids_are_unique_for_repeated_stems(tmp_path):
    for rel in ("a/news.txt", "b/news.txt", "news.html", "news.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(SENTENCE, encoding="utf-8")
    paths = discover([tmp_path])
    ids = doc_ids(paths)
    assert sorted(ids.values()) == ["news", "news~2", "news~3", "news~4"]
    assert [ids[p] for p in paths] == ["news", "news~2", "news~3", "news~4"]
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == ["news.html", "news.md", "a/news.txt", "b/news.txt"]


@pytest.mark.parametrize("tail", ["<!-- 未闭合的注释 " + "x" * 100, '<a href="http://example.org/' + "y" * 100])
def test_ingest_html_cut_inside_markup_keeps_no_markup_as_text(tail):
    assert html_to_text(f"<p>{SENTENCE}</p>{tail}") == SENTENCE + "\n"


def test_ingest_html_text_with_a_literal_less_than_sign_is_kept():
    assert html_to_text("<p>增速 < 5% 的园区</p>") == "增速 < 5% 的园区\n"


def test_ingest_discover_lists_a_file_reached_twice_once(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "d" / "a.txt")
    listed = [tmp_path / "d", tmp_path / "d" / "a.txt", tmp_path / "d" / ".." / "d" / "a.txt", tmp_path / "link.txt"]
    found = discover(listed)
    assert found == discover(list(reversed(listed)))
    assert [p.resolve() for p in found] == [(tmp_path / "d" / "a.txt").resolve()]


def test_ingest_clean_skips_only_characters_that_cleaning_leaves_unchanged():
    from kg.ingest import _PLAIN_RUNS, _char_norm

    plain = [chr(c) for c in range(0x10000) if _PLAIN_RUNS.fullmatch(chr(c)) and chr(c) != "\n"]
    assert len(plain) > 20000
    assert [ch for ch in plain if _char_norm(ch) != ch] == []


def test_ingest_clean_joins_a_layout_break_without_the_spaces_and_invisibles_before_it():
    text = "今年以来临江高新区先后引进青禾新材料有限公司等一批先进制造企业，建设年产十万吨的\u200b \t\n新型材料生产线。\n"
    clean, offsets = clean_text(text)
    assert clean == "今年以来临江高新区先后引进青禾新材料有限公司等一批先进制造企业,建设年产十万吨的新型材料生产线。\n"
    _assert_offsets_point_into(text, clean, offsets)


def test_ingest_traditional_check_looks_at_every_ideograph_outside_gb2312():
    from kg.ingest import _beyond_gb2312

    pattern = _beyond_gb2312()
    for ch in ("臨", "經", "濟", "區", "㐀"):
        assert pattern.fullmatch(ch), ch
    for ch in ("临", "经", "济", "区", "园"):
        assert not pattern.fullmatch(ch), ch
    assert to_simplified("青禾公司在臨江设厂，年产值十亿元，员工两千人，产品销往全国各地。") is None  # one character is not a text


def test_ingest_traditional_check_matches_exactly_the_ideographs_no_gb2312_byte_pair_decodes_to():
    from kg.ingest import _beyond_gb2312

    inside = set()
    for lead in range(0xA1, 0xFF):
        for trail in range(0xA1, 0xFF):
            try:
                inside.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    pattern = _beyond_gb2312()
    ideographs = [chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000))]
    assert [ch for ch in ideographs if bool(pattern.fullmatch(ch)) == (ch in inside)] == []
    assert [ch for ch in ("A", "。", "\u33ff", "\u4dc0", "\ua000") if pattern.fullmatch(ch)] == []
