"""Shipped SPARQL queries: both engines agree, parameters are bindings, errors name what to do."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.query import load_query, named_queries, open_store

runner = CliRunner()

EXPECTED_QUERIES = {"companies_in_park", "delegation_leaders", "most_connected", "parks_per_industry",
                    "projects_per_industry"}


@pytest.fixture(scope="module")
def stores(seeds_build):
    _, out = seeds_build
    return open_store(out / "graph.ttl", "oxigraph"), open_store(out / "graph.ttl", "rdflib")


def _a_park_with_companies(store) -> str:
    _, rows = store.select("SELECT ?n WHERE { ?c kg:locatedIn ?p . ?p rdfs:label ?l BIND(STR(?l) AS ?n) } ORDER BY ?n LIMIT 1")
    return rows[0][0]


def test_query_ships_the_users_questions():
    assert set(named_queries()) == EXPECTED_QUERIES
    assert all(q.question.endswith("?") for q in named_queries().values())
    assert named_queries()["companies_in_park"].params == {"park": "the park's name or one of its aliases"}


@pytest.mark.parametrize("name", sorted(EXPECTED_QUERIES))
def test_query_oxigraph_and_rdflib_return_the_same_rows(stores, name):
    ox, rd = stores
    q = named_queries()[name]
    params = {"park": _a_park_with_companies(ox)} if q.params else {}
    cols, rows = ox.select(q, params)
    assert (cols, rows) == rd.select(q, params)
    assert rows, name


def test_query_companies_in_park_answers_for_an_alias_too(seeds_build, stores):
    result, _ = seeds_build
    ox, _ = stores
    located = {r.tail for r in result.kg.relations.values() if r.type == "located_in"}
    parks = [result.kg.entities[p] for p in sorted(located) if result.kg.entities[p].aliases]
    if not parks:
        pytest.skip("no park with an alias has a located_in relation in this build")
    park = parks[0]
    q = named_queries()["companies_in_park"]
    by_name = ox.select(q, {"park": park.name})[1]
    by_alias = ox.select(q, {"park": park.aliases[0]})[1]
    assert [r[1:] for r in by_name] == [r[1:] for r in by_alias] and by_name


def test_query_parameter_is_a_literal_not_sparql(stores):
    ox, rd = stores
    q = named_queries()["companies_in_park"]
    evil = '" ) } SELECT * WHERE { ?s ?p ?o } #'
    assert ox.select(q, {"park": evil})[1] == rd.select(q, {"park": evil})[1] == []


def test_query_missing_parameter_and_unknown_query_are_clear_errors(stores):
    ox, _ = stores
    with pytest.raises(QueryError, match="needs --param park="):
        ox.select(named_queries()["companies_in_park"])
    with pytest.raises(QueryError, match="Unknown query 'companies_in'. Available: companies_in_park"):
        load_query("companies_in")


def test_query_cli_runs_named_query_with_param(seeds_build, stores):
    _, out = seeds_build
    park = _a_park_with_companies(stores[0])
    result = runner.invoke(app, ["query", str(out / "graph.ttl"), "companies_in_park", "--param", f"park={park}"])
    assert result.exit_code == 0, result.output
    assert park in result.output and "rows" in result.output


def test_query_cli_lists_queries_and_reports_bad_query(seeds_build):
    _, out = seeds_build
    listed = runner.invoke(app, ["query", str(out / "graph.ttl"), "--list"])
    assert all(name in listed.output for name in EXPECTED_QUERIES)
    bad = runner.invoke(app, ["query", str(out / "graph.ttl"), "SELECT WHERE {"])
    assert bad.exit_code == 1 and "error:" in bad.output
