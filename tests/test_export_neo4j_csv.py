"""The Neo4j CSV text is, byte for byte, what Python's csv writer makes with every field quoted."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st
from test_hostile_exports import NAMES, SETTINGS

from kg.export.elements import Elements
from kg.export.neo4j import _csv_text, _relationship_rows, generate_nodes_csv, generate_relationships_csv


def _csv_module(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return buf.getvalue()


@SETTINGS
@given(rows=st.lists(st.lists(st.one_of(NAMES, st.just("")), min_size=1, max_size=6), max_size=5))
def test_export_neo4j_csv_equals_the_csv_module_on_hostile_fields(rows):
    assert _csv_text(rows) == _csv_module(rows)


def test_export_neo4j_csv_equals_the_csv_module_on_every_character_and_many_rows():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    rows = [[every, '"', '""', "", "a,b", "\r\n"]] + [[str(i), f'名"{i}"'] for i in range(4500)]
    assert _csv_text(rows) == _csv_module(rows)


def test_export_neo4j_csv_files_on_seeds_equal_the_csv_module(seeds_build):
    result, out = seeds_build
    for name, rows in (("nodes.csv", generate_nodes_csv(result.kg)),
                       ("relationships.csv", generate_relationships_csv(result.kg))):
        assert (out / "neo4j" / name).read_text(encoding="utf-8") == _csv_module(list(rows))


def test_export_neo4j_csv_quotes_only_the_fields_that_need_it_in_a_long_chunk():
    rows = [[f"甲{i}", "乙"] for i in range(3000)]
    rows[1234] = ['他说"好"', "乙"]
    assert _csv_text(rows) == _csv_module(rows)


def test_export_neo4j_relationships_with_one_id_sort_by_their_ends():
    def edge(u: str, v: str, key: str) -> tuple:
        return (u, v, key, {"type": "host", "rules": [], "confidence": 1.0, "weight": 1, "attrs": {}, "evidence": []})

    g = Elements({}, [edge("b", "c", "k"), edge("a", "c", "k"), edge("z", "a", "j"), edge("a", "b", "k")])
    got = [row[:4] for row in _relationship_rows(g, [])][1:]
    assert got == [["z", "a", "HOST", "j"], ["a", "b", "HOST", "k"], ["a", "c", "HOST", "k"], ["b", "c", "HOST", "k"]]
