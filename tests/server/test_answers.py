"""Answers to bounded queries are remembered: exactly, per format, within a byte budget."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from flask import Flask

import server.routes.sparql as sparql_route
from server.core.answers import ENTRY_OVERHEAD, LARGEST_SHARE, AnswerCache

PROVIDER = "https://w3id.org/carekg/id/organisation/adaptus-care"
LOOKUP = f"SELECT ?p ?o WHERE {{ <{PROVIDER}> ?p ?o }}"
JSON = "application/sparql-results+json"


def test_an_answer_comes_back_for_its_query_and_format_only() -> None:
    cache = AnswerCache(1_000_000)
    cache.put("SELECT 1", "json", (b"{}", False))
    assert cache.get("SELECT 1", "json") == (b"{}", False)
    assert cache.get("SELECT 1", "csv") is None
    assert cache.get("SELECT 2", "json") is None


def test_the_cache_stays_within_its_bytes_and_drops_the_least_recent() -> None:
    answer = (b"x" * 100, False)
    budget = (100 + ENTRY_OVERHEAD) * LARGEST_SHARE  # room for exactly LARGEST_SHARE answers
    cache = AnswerCache(budget)
    for n in range(LARGEST_SHARE):
        cache.put(f"q{n}", "json", answer)
    assert len(cache) == LARGEST_SHARE
    assert cache.get("q0", "json") is not None  # q0 is now the most recently used
    cache.put("one more", "json", answer)
    assert cache.bytes_used <= budget and len(cache) == LARGEST_SHARE
    assert cache.get("q1", "json") is None
    assert cache.get("q0", "json") is not None and cache.get("one more", "json") is not None


def test_large_answers_and_a_zero_budget_are_not_kept() -> None:
    cache = AnswerCache(64_000)
    cache.put("big", "json", (b"x" * 2_000, False))  # over 1/64 of the budget
    assert cache.get("big", "json") is None and len(cache) == 0
    off = AnswerCache(0)
    off.put("q", "json", (b"{}", False))
    assert off.get("q", "json") is None


@pytest.fixture()
def evaluations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every query the web process evaluates itself, in order."""
    seen: list[str] = []
    real = sparql_route.run_here

    def counting(store, query, limited, fmt, max_rows):
        seen.append(query)
        return real(store, query, limited, fmt, max_rows)

    monkeypatch.setattr(sparql_route, "run_here", counting)
    return seen


def ask(app: Flask, query: str, accept: str = JSON):
    response = app.test_client().get(
        "/sparql", query_string={"query": query}, headers={"Accept": accept}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


def test_a_repeated_lookup_is_answered_from_memory_byte_for_byte(
    make_app: Callable[..., Flask], evaluations: list[str]
) -> None:
    app = make_app()
    first, second = ask(app, LOOKUP), ask(app, LOOKUP)
    assert evaluations == [LOOKUP]
    assert first.data == second.data and len(json.loads(first.data)["results"]["bindings"]) >= 5
    assert second.mimetype == JSON and second.headers["Access-Control-Allow-Origin"] == "*"
    ask(app, LOOKUP, accept="text/csv")
    assert evaluations == [LOOKUP, LOOKUP]  # another format is another answer


def test_queries_for_the_workers_are_never_remembered(make_app: Callable[..., Flask]) -> None:
    app = make_app()
    ask(app, f"SELECT ?p ?o WHERE {{ <{PROVIDER}> ?p ?o FILTER(true) }}")
    assert len(sparql_route.endpoint(app).answers) == 0


def test_with_no_budget_every_lookup_is_evaluated(
    make_app: Callable[..., Flask], evaluations: list[str]
) -> None:
    app = make_app(ANSWER_CACHE_BYTES=0)
    ask(app, LOOKUP)
    ask(app, LOOKUP)
    assert evaluations == [LOOKUP, LOOKUP]


def test_a_remembered_answer_keeps_its_truncation_header(make_app: Callable[..., Flask]) -> None:
    app = make_app(MAX_ROWS=3)
    for _ in range(2):
        response = ask(app, LOOKUP)
        assert len(json.loads(response.data)["results"]["bindings"]) == 3
        assert response.headers["X-Carekg-Truncated"] == "true"
