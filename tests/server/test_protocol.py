"""SPARQL 1.1 Protocol at /sparql: methods, parameters, formats, dataset, CORS, row cap."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient

from server.core.negotiation import choose_format, parse_accept
from server.core.safety import check_query
from tests.server.helpers import (
    CKG,
    COUNT_ALL,
    MEMBERSHIPS,
    PREFIX,
    assert_one_line_error,
    count_bindings,
)

SD = "http://www.w3.org/ns/sparql-service-description#"
SELECT_FORMATS = {
    "json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "tsv": ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
}
GRAPH_FORMATS = {
    "ttl": ("text/turtle", ox.RdfFormat.TURTLE),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
CONSTRUCT = PREFIX + "CONSTRUCT { ?m ckg:provider ?p } WHERE { ?m ckg:provider ?p }"


def get(client: FlaskClient, query: str, **params: str):
    headers = {"Accept": params.pop("accept")} if "accept" in params else {}
    return client.get("/sparql", query_string={"query": query, **params}, headers=headers)


def rows_of(response) -> list[dict[str, str]]:
    mimetype = response.mimetype
    fmt = next(f for _, (m, f) in SELECT_FORMATS.items() if m == mimetype)
    solutions = ox.parse_query_results(response.data, fmt)
    names = [v.value for v in solutions.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]


def test_get_select_answers_json_by_default(client: FlaskClient) -> None:
    response = get(client, MEMBERSHIPS)
    assert response.mimetype == "application/sparql-results+json"
    assert count_bindings(response) == 28
    assert response.headers["Vary"] == "Accept"
    assert "X-Carekg-Truncated" not in response.headers


@pytest.mark.parametrize("fmt", sorted(SELECT_FORMATS))
def test_select_formats_parse_back_to_the_same_rows(client: FlaskClient, fmt: str) -> None:
    query = MEMBERSHIPS + " ORDER BY ?m ?p"
    expected = rows_of(get(client, query))
    mimetype = SELECT_FORMATS[fmt][0]
    by_accept = get(client, query, accept=mimetype)
    by_param = get(client, query, format=fmt)
    for response in (by_accept, by_param):
        assert response.status_code == 200
        assert response.mimetype == mimetype
        assert rows_of(response) == expected


def test_csv_has_a_header_and_plain_values(client: FlaskClient) -> None:
    response = get(client, MEMBERSHIPS + " ORDER BY ?m", accept="text/csv")
    assert response.mimetype == "text/csv"
    table = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert table[0] == ["m", "p"]
    assert len(table) == 29
    assert table[1][1].startswith("https://w3id.org/carekg/id/")


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*;q=0.1, text/csv", "text/csv"),
        ("text/csv;q=0, */*", "application/sparql-results+json"),
        ("text/*", "text/csv"),
        ("application/json", "application/sparql-results+json"),
        (
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "application/sparql-results+xml",
        ),
    ],
)
def test_accept_q_values_are_honoured(client: FlaskClient, accept: str, expected: str) -> None:
    assert get(client, COUNT_ALL, accept=accept).mimetype == expected


def test_format_parameter_wins_over_accept(client: FlaskClient) -> None:
    response = get(client, COUNT_ALL, accept="application/sparql-results+xml", format="csv")
    assert response.mimetype == "text/csv"


@pytest.mark.parametrize("fmt", sorted(GRAPH_FORMATS))
def test_construct_formats_parse_to_the_same_graph(client: FlaskClient, fmt: str) -> None:
    mimetype, rdf_format = GRAPH_FORMATS[fmt]
    for response in (get(client, CONSTRUCT, accept=mimetype), get(client, CONSTRUCT, format=fmt)):
        assert response.status_code == 200, response.data
        assert response.mimetype == mimetype
        triples = set(ox.parse(response.data, rdf_format))
        assert len(triples) == 28
        assert all(t.predicate.value == CKG + "provider" for t in triples)


def test_construct_defaults_to_turtle_and_describe_works(client: FlaskClient) -> None:
    assert get(client, CONSTRUCT).mimetype == "text/turtle"
    describe = get(client, PREFIX + "DESCRIBE ?m WHERE { ?m a ckg:LotMembership } LIMIT 1")
    assert describe.status_code == 200
    assert set(ox.parse(describe.data, ox.RdfFormat.TURTLE))


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("json", b'"boolean":true'),
        ("xml", b"<boolean>true</boolean>"),
        ("csv", b"true"),
        ("tsv", b"true"),
    ],
)
def test_ask(client: FlaskClient, fmt: str, expected: bytes) -> None:
    response = get(client, "ASK { ?s ?p ?o }", format=fmt)
    assert response.status_code == 200
    assert expected in response.data
    if fmt == "json":
        assert json.loads(response.data) == {"head": {}, "boolean": True}


def test_post_form_and_post_direct(client: FlaskClient) -> None:
    form = client.post("/sparql", data={"query": MEMBERSHIPS})
    direct = client.post(
        "/sparql", data=MEMBERSHIPS.encode(), content_type="application/sparql-query"
    )
    assert count_bindings(form) == count_bindings(direct) == 28


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_405(client: FlaskClient, method: str) -> None:
    response = getattr(client, method)("/sparql", data={"query": COUNT_ALL})
    assert_one_line_error(response, 405)


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", None])
def test_post_with_a_wrong_content_type_is_415(client: FlaskClient, content_type) -> None:
    response = client.post("/sparql", data=COUNT_ALL.encode(), content_type=content_type)
    assert_one_line_error(response, 415)


@pytest.mark.parametrize(
    ("params", "accept", "status"),
    [
        ({}, "image/png", 406),
        ({"format": "ttl"}, None, 406),
        ({"format": "bogus"}, None, 400),
    ],
)
def test_no_acceptable_format(client: FlaskClient, params: dict, accept, status: int) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", query_string={"query": COUNT_ALL, **params}, headers=headers)
    assert_one_line_error(response, status)


def test_two_query_parameters_are_400(client: FlaskClient) -> None:
    response = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert_one_line_error(response, 400)


@pytest.mark.parametrize("query", ["SELECT * WHERE { ?s ?p }", "SELEC * {}", "", "   "])
def test_malformed_query_is_a_one_line_400(client: FlaskClient, query: str) -> None:
    assert_one_line_error(get(client, query), 400)


def test_post_without_query_is_400(client: FlaskClient) -> None:
    assert_one_line_error(client.post("/sparql", data={"format": "json"}), 400)


def test_errors_are_json_for_clients_that_want_json(client: FlaskClient) -> None:
    response = get(client, "SELECT * WHERE { ?s ?p }", accept="application/json")
    assert response.status_code == 400
    assert set(response.get_json()) == {"error", "status"}


def test_service_description_is_turtle_by_default(client: FlaskClient, app: Flask) -> None:
    response = client.get("/sparql")
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    graph = {quad.triple for quad in ox.parse(response.data, ox.RdfFormat.TURTLE)}
    service = ox.NamedNode("http://localhost/sparql")
    assert ox.Triple(service, ox.NamedNode(SD + "endpoint"), service) in graph
    language = ox.Triple(
        service, ox.NamedNode(SD + "supportedLanguage"), ox.NamedNode(SD + "SPARQL11Query")
    )
    assert language in graph
    formats = {t.object.value for t in graph if t.predicate.value == SD + "resultFormat"}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats
    names = {t.object.value for t in graph if t.predicate.value == SD + "name"}
    assert len(names) == 6  # five documents and the ontology


def test_service_description_is_negotiated(client: FlaskClient) -> None:
    response = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert response.mimetype == "application/ld+json"
    assert set(ox.parse(response.data, ox.RdfFormat.JSON_LD))
    assert client.get("/sparql?format=nt").mimetype == "application/n-triples"
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert client.get("/sparql", headers={"Accept": browser}).mimetype == "text/turtle"


def document_graphs(client: FlaskClient) -> list[str]:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a ckg:SourceDocument } } ORDER BY ?g"
    return [row["g"] for row in rows_of(get(client, PREFIX + query))]


def test_default_graph_uri_restricts_the_default_graph(client: FlaskClient) -> None:
    graphs = document_graphs(client)
    assert len(graphs) == 5
    query = PREFIX + "SELECT ?d WHERE { ?d a ckg:SourceDocument }"
    assert count_bindings(get(client, query)) == 5
    one = client.get("/sparql", query_string={"query": query, "default-graph-uri": graphs[0]})
    assert count_bindings(one) == 1
    two = client.get(
        "/sparql",
        query_string=[
            ("query", query),
            ("default-graph-uri", graphs[0]),
            ("default-graph-uri", graphs[1]),
        ],
    )
    assert count_bindings(two) == 2


def test_named_graph_uri_restricts_graph_patterns(client: FlaskClient) -> None:
    graphs = document_graphs(client)
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = client.get("/sparql", query_string={"query": query, "named-graph-uri": graphs[2]})
    assert rows_of(response) == [{"g": graphs[2]}]
    # only named graphs given: the default graph is empty, as the protocol says
    plain = client.get("/sparql", query_string={"query": COUNT_ALL, "named-graph-uri": graphs[2]})
    assert rows_of(plain) == [{"n": "0"}]


def test_from_clauses_name_graphs_of_the_store(client: FlaskClient) -> None:
    graphs = document_graphs(client)
    query = PREFIX + f"SELECT ?d FROM <{graphs[1]}> WHERE {{ ?d a ckg:SourceDocument }}"
    assert count_bindings(get(client, query)) == 1
    named = f"SELECT DISTINCT ?g FROM NAMED <{graphs[3]}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert rows_of(get(client, named)) == [{"g": graphs[3]}]


def test_cors_on_get_post_and_preflight(client: FlaskClient) -> None:
    assert get(client, COUNT_ALL).headers["Access-Control-Allow-Origin"] == "*"
    assert (
        client.post("/sparql", data={"query": COUNT_ALL}).headers["Access-Control-Allow-Origin"]
        == "*"
    )
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    refused = get(client, "SELEC nonsense")  # a page's script can read why, too
    assert refused.status_code == 400 and refused.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "content-type" in preflight.headers["Access-Control-Allow-Headers"].lower()


def test_row_cap_truncates_and_says_so(make_app) -> None:
    client = make_app(MAX_ROWS=5).test_client()
    response = get(client, MEMBERSHIPS)
    assert count_bindings(response) == 5
    assert response.headers["X-Carekg-Truncated"] == "true"
    graph = get(client, CONSTRUCT, format="nt")
    assert len(set(ox.parse(graph.data, ox.RdfFormat.N_TRIPLES))) == 5
    assert graph.headers["X-Carekg-Truncated"] == "true"
    small = get(client, MEMBERSHIPS + " LIMIT 5")
    assert count_bindings(small) == 5
    assert "X-Carekg-Truncated" not in small.headers


def test_accept_parser_specificity_and_zero() -> None:
    ranges = parse_accept("text/*;q=0.3, text/csv;q=0, */*;q=0.1, bad, text/tab-separated-values")
    assert [r.q for r in ranges] == [0.3, 0.0, 0.1, 1.0]
    assert choose_format("results", "text/*;q=0.3, text/csv;q=0", None)[0] == "tsv"
    assert choose_format("graph", None, None) == ("ttl", "text/turtle")


def test_check_query_reads_the_form_past_the_prologue() -> None:
    text = "BASE <http://x/>\nPREFIX a: <y#>  # comment SELECT\nPREFIX : <z>\nconstruct {} where {}"
    assert check_query(text, 60, set()).kind == "construct"
    assert check_query('ask { ?s ?p "SERVICE { {{{ FROM" }', 2, set()).kind == "ask"


def test_the_sparql_core_knows_no_web_framework() -> None:
    import ast
    from pathlib import Path

    import server.core

    for path in Path(server.core.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("flask", "werkzeug", "graphbuild.extractors")), path


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_awkward_terms_survive_every_format(client: FlaskClient, fmt: str) -> None:
    """Values that stress the TSV-based row cap: tabs, newlines, quotes, tags, no variables."""
    query = (
        'SELECT ?a ?b ?c ?d WHERE { VALUES (?a ?b ?c) { ("x\\ty\\nz\\"q\\\\" "1.50"^^<http://www.w3.org/'
        '2001/XMLSchema#decimal> "Grüße"@de-AT) (UNDEF <http://x/#i> "") } }'
    )
    response = get(client, query, format=fmt)
    assert response.status_code == 200, response.data
    if fmt == "csv":
        table = list(csv.reader(io.StringIO(response.get_data(as_text=True), newline="")))
        assert table[1][:3] == ['x\ty\nz"q\\', "1.5", "Grüße"]
        return
    rows = rows_of(response)
    assert rows[0] == {"a": 'x\ty\nz"q\\', "b": "1.5", "c": "Grüße"}
    assert rows[1] == {"b": "http://x/#i", "c": ""}
    empty = get(client, "SELECT * WHERE {}", format=fmt)
    assert empty.status_code == 200
    assert len(rows_of(empty)) == 1
