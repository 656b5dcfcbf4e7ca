"""Small helpers shared by the /sparql tests."""

from __future__ import annotations

from werkzeug.test import TestResponse

TEST_TIMEOUT = 2.0
"""Seconds a test app lets a query run: small, so the time-limit tests finish quickly."""

CKG = "https://w3id.org/carekg/ontology#"
PREFIX = f"PREFIX ckg: <{CKG}>\n"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
MEMBERSHIPS = PREFIX + "SELECT ?m ?p WHERE { ?m a ckg:LotMembership ; ckg:provider ?p }"


def assert_one_line_error(response: TestResponse, status: int | tuple[int, ...]) -> str:
    """The response has the expected status and a one-line reason, and no trace."""
    statuses = status if isinstance(status, tuple) else (status,)
    text = response.get_data(as_text=True)
    assert response.status_code in statuses, (response.status_code, text)
    assert text.strip(), "an error must say why"
    assert "\n" not in text.strip(), text
    assert "Traceback" not in text and 'File "' not in text, text
    return text


def count_bindings(response: TestResponse) -> int:
    assert response.status_code == 200, response.get_data(as_text=True)
    return len(response.get_json(force=True)["results"]["bindings"])


def triple_count(client) -> int:
    """Statements in the store as the endpoint sees them (the union default graph)."""
    response = client.get("/sparql", query_string={"query": COUNT_ALL})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json(force=True)
    return int(body["results"]["bindings"][0]["n"]["value"])
