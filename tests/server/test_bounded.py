"""Bounded queries run in the web process; everything else in the killable workers."""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient

from server.core.bounded import is_bounded
from server.core.safety import check_query

PROVIDER = "https://w3id.org/carekg/id/organisation/adaptus-care"


@pytest.mark.parametrize(
    ("query", "bounded"),
    [
        (f"SELECT ?p ?o WHERE {{ <{PROVIDER}> ?p ?o }}", True),
        (f"SELECT * WHERE {{ ?s ?p <{PROVIDER}> }} LIMIT 5", True),
        (
            "PREFIX id: <https://w3id.org/carekg/id/> SELECT * WHERE { id:x ?p ?o . ?s ?q id:x }",
            True,
        ),
        (f"DESCRIBE <{PROVIDER}>", True),
        (f"CONSTRUCT {{ <{PROVIDER}> ?p ?o }} WHERE {{ <{PROVIDER}> ?p ?o }}", True),
        (f"SELECT * WHERE {{ <{PROVIDER}> <x:b> ?o ; <x:c> ?d }}", True),
        ("SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }", False),  # cross join
        (f"SELECT * WHERE {{ <{PROVIDER}> ?p ?o . <x:a> ?q ?r . <x:a> ?t ?u }}", False),
        (f'SELECT * WHERE {{ <{PROVIDER}> ?p ?o FILTER(REGEX(STR(?o), "^(a+)+$")) }}', False),
        (f"SELECT * WHERE {{ <{PROVIDER}> <x:p>* ?o }}", False),  # property path
        (f"SELECT * WHERE {{ <{PROVIDER}> ?p ?o OPTIONAL {{ ?o ?q ?r }} }}", False),
        (f"SELECT (COUNT(*) AS ?n) WHERE {{ <{PROVIDER}> ?p ?o }}", False),
        (f"SELECT * WHERE {{ <{PROVIDER}> ?p ?o }} ORDER BY ?o", False),
        ("DESCRIBE ?s WHERE { ?s ?p ?o }", False),
        (f"SELECT * WHERE {{ {{ SELECT * WHERE {{ ?s ?p ?o }} }} <{PROVIDER}> ?p ?o }}", False),
    ],
)
def test_only_queries_bounded_by_their_shape_skip_the_workers(query: str, bounded: bool) -> None:
    assert is_bounded(check_query(query, 60, set()).body) is bounded


def rows(client: FlaskClient, query: str) -> list[dict]:
    response = client.get(
        "/sparql",
        query_string={"query": query},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return sorted(json.loads(response.data)["results"]["bindings"], key=json.dumps)


def test_the_fast_path_answers_as_the_workers_do(client: FlaskClient) -> None:
    bounded = f"SELECT DISTINCT ?p ?o WHERE {{ <{PROVIDER}> ?p ?o }}"
    through_workers = f"SELECT DISTINCT ?p ?o WHERE {{ <{PROVIDER}> ?p ?o FILTER(true) }}"
    assert rows(client, bounded) == rows(client, through_workers)
    assert len(rows(client, bounded)) >= 5


def test_the_fast_path_keeps_the_row_cap(make_app) -> None:
    client = make_app(MAX_ROWS=3).test_client()
    response = client.get(
        "/sparql",
        query_string={"query": f"SELECT * WHERE {{ <{PROVIDER}> ?p ?o }}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert len(json.loads(response.data)["results"]["bindings"]) == 3
    assert response.headers["X-Carekg-Truncated"] == "true"


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_the_row_cap_check_counts_rows_in_every_format(fmt: str) -> None:
    import pyoxigraph as ox

    from server.core.results import RESULT_FORMATS, within_cap

    store = ox.Store()
    store.extend(
        ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode("http://x/p"), ox.Literal(str(i)))
        for i in range(5)
    )
    body = store.query("SELECT ?s ?o WHERE { ?s ?p ?o }").serialize(format=RESULT_FORMATS[fmt])
    assert within_cap(body, fmt, 5) and within_cap(body, fmt, 1000)
    assert not within_cap(body, fmt, 4)
