"""The Neo4j CSV text is, byte for byte, what Python's csv writer makes with every field quoted."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st
from test_hostile_exports import NAMES, SETTINGS

from kg.export.neo4j import _csv_text, generate_nodes_csv, generate_relationships_csv


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
