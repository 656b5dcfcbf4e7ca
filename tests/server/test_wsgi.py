"""The app under a real WSGI server (waitress, loopback) and the per-query time limit.

The time-limit tests need real concurrency: a runaway query holds a worker
process while other clients must keep being answered.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
import waitress
from flask import Flask

from server.resources import query_service
from tests.server.helpers import COUNT_ALL, TEST_TIMEOUT

X = "<http://example.org/p>"
RUNAWAYS = {
    "cross-join-4": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    "path-closure": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ({X}|!{X}|^!{X})* ?o }}",
    "regex-backtracking": (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?label . ?c ?d ?e . "
        'BIND(CONCAT(REPLACE(STR(?label), ".", "a"), "!") AS ?long) '
        'FILTER REGEX(?long, "^(a+)+$") }'
    ),
}


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float


@pytest.fixture(scope="module")
def server_url(make_app: Callable[..., Flask]) -> Iterator[str]:
    app = make_app(QUERY_TIMEOUT=TEST_TIMEOUT)
    with app.app_context():
        query_service().warm_up()  # workers started before any timing is measured
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


def fetch(
    url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None
) -> Reply:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, head, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, head, body = error.code, dict(error.headers), error.read()
    return Reply(status, head, body, time.perf_counter() - started)


def query_url(base: str, query: str) -> str:
    return f"{base}/sparql?{urllib.parse.urlencode({'query': query})}"


def test_get_and_post_over_http(server_url: str) -> None:
    got = fetch(query_url(server_url, COUNT_ALL), headers={"Accept": "text/csv"})
    assert got.status == 200
    assert got.headers["Content-Type"].startswith("text/csv")
    assert got.headers["Access-Control-Allow-Origin"] == "*"
    posted = fetch(
        f"{server_url}/sparql",
        data=COUNT_ALL.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert posted.status == 200
    assert posted.body == got.body


def test_preflight_and_errors_over_http(server_url: str) -> None:
    preflight = fetch(
        f"{server_url}/sparql",
        method="OPTIONS",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    wrong = fetch(f"{server_url}/sparql", data=b"x", headers={"Content-Type": "text/plain"})
    assert wrong.status == 415
    assert wrong.body.count(b"\n") == 1
    assert fetch(f"{server_url}/sparql", data=b"x", method="PUT").status == 405


@pytest.mark.parametrize("name", sorted(RUNAWAYS))
def test_runaway_queries_are_stopped_at_the_time_limit(server_url: str, name: str) -> None:
    reply = fetch(query_url(server_url, RUNAWAYS[name]))
    assert reply.status == 503, reply.body
    assert b"time limit" in reply.body and reply.body.count(b"\n") == 1
    assert TEST_TIMEOUT * 0.9 <= reply.seconds < TEST_TIMEOUT + 5  # + slack for a busy CI


def test_other_clients_are_answered_while_a_runaway_runs(server_url: str) -> None:
    results: list[Reply] = []
    runaway = threading.Thread(
        target=lambda: results.append(fetch(query_url(server_url, RUNAWAYS["cross-join-4"])))
    )
    started = time.perf_counter()
    runaway.start()
    time.sleep(0.3)
    cheap = fetch(query_url(server_url, COUNT_ALL))
    cheap_done = time.perf_counter() - started
    assert cheap.status == 200
    assert runaway.is_alive(), "the runaway should still be running"
    assert cheap_done < TEST_TIMEOUT
    runaway.join(timeout=30)
    assert results and results[0].status == 503
    after = fetch(query_url(server_url, COUNT_ALL))  # the killed worker has been replaced
    assert after.status == 200


def test_a_request_that_waits_too_long_for_a_worker_gets_503(
    store_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wait for a result is bounded too, and the abandoned query's worker is stopped."""
    from server.core import service
    from server.core.errors import QueryTimeout

    monkeypatch.setattr(service, "QUEUE_GRACE", -2.0)  # wait 2 * 1.5 - 2 = 1 s < the limit
    queries = service.QueryService(store_path, workers=1, timeout=1.5, max_rows=10)
    try:
        with pytest.raises(QueryTimeout, match="busy"):
            queries.run(RUNAWAYS["cross-join-4"], "json", "application/sparql-results+json")
        answer = queries.run(COUNT_ALL, "json", "application/sparql-results+json")
        assert b'"n"' in answer.body
    finally:
        queries.close()
