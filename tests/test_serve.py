"""``kg serve``: a real Oxigraph SPARQL server on loopback answers the shipped queries over HTTP."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

import pytest

from kg.query import named_queries, open_store
from kg.serve import ServeError, sparql_select, start_server

pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_shipped_queries_over_http_like_the_local_engine(seeds_build):
    result, out = seeds_build
    local = open_store(out / "graph.ttl", "oxigraph")
    server = start_server(out / "graph.ttl", port=_free_port())
    try:
        assert server.url.startswith("http://127.0.0.1:")
        _, rows = sparql_select(server.query_url, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kg:Park }")
        assert rows == [[str(sum(1 for e in result.kg.entities.values() if e.label == "PARK"))]]
        for name, q in named_queries().items():
            if q.params:
                continue
            assert sparql_select(server.query_url, q.text) == local.select(q), name
    finally:
        server.stop()
    assert server.process.poll() is not None
    with pytest.raises(OSError):
        sparql_select(server.query_url, "ASK {}", timeout=2)


def test_serve_is_read_only(seeds_build):
    _, out = seeds_build
    with start_server(out / "graph.ttl", port=_free_port()) as server:
        update = urllib.request.Request(server.url + "/update", method="POST",
                                        data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                        headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(update, timeout=10)
        assert err.value.code == 403
        assert sparql_select(server.query_url, "ASK { <urn:a> <urn:b> <urn:c> }") == (["boolean"], [["false"]])


def test_serve_missing_graph_is_a_clear_error(tmp_path):
    with pytest.raises(ServeError, match="no such graph file"):
        start_server(tmp_path / "none.ttl", port=_free_port())
