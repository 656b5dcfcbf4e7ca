"""Blueprint: /sparql, the SPARQL 1.1 Protocol endpoint (read-only, no outbound requests).

This module only speaks HTTP: it reads the request strictly (invalid UTF-8
is a 400, since Werkzeug would let it through as text), picks the format,
and hands the checked query to the QueryService. The rules live in
server.core (safety, negotiation, service); their errors become one-line
responses here.

Dataset: `default-graph-uri` / `named-graph-uri` (and FROM / FROM NAMED)
may name only named graphs of the store; anything else is refused with 400,
never fetched. With none given, the default graph is the union of all graphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl

import pyoxigraph as ox
from flask import Blueprint, Flask, Response, current_app, request

from server.core.answers import Answer, AnswerCache
from server.core.bounded import is_bounded
from server.core.description import service_description
from server.core.negotiation import choose_format
from server.core.safety import QueryInfo, check_graphs, check_query
from server.core.service import QueryOutput, local_text, run_here
from server.errors import ApiError, response_for
from server.resources import query_service, store

bp = Blueprint("sparql", __name__)

ENDPOINT_KEY = "carekg.sparql"
FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
MAX_FIELDS = 1000
CORS_HEADERS = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Expose-Headers", "X-Carekg-Truncated"),
)
"""Any page may query the endpoint: it is public, read-only and sends no cookies. Every
response from /sparql carries these, set where it is made: an after_request hook would cost
a tenth of a point lookup's throughput (bench/RESULTS.md, HTTP)."""
ANSWER_HEADERS = (("Vary", "Accept"), *CORS_HEADERS)
TRUNCATED = ("X-Carekg-Truncated", "true")


@dataclass(frozen=True)
class Endpoint:
    """What every query needs from the app, read once: the server never changes its store."""

    store: ox.Store
    graphs: frozenset[str]
    max_rows: int
    max_nesting: int
    max_bytes: int
    answers: AnswerCache


def endpoint(app: Flask) -> Endpoint:
    found = app.extensions.get(ENDPOINT_KEY)
    if found is None:
        graph_store = store()
        config = app.config
        found = Endpoint(
            store=graph_store.raw,
            graphs=frozenset(graph_store.named_graphs()),
            max_rows=int(config["MAX_ROWS"]),
            max_nesting=int(config["MAX_NESTING"]),
            max_bytes=int(config["MAX_REQUEST_BYTES"]),
            answers=AnswerCache(int(config["ANSWER_CACHE_BYTES"])),
        )
        app.extensions[ENDPOINT_KEY] = found
    return found


@bp.errorhandler(Exception)
def _error(error: Exception) -> Response:
    """Errors carry the CORS headers too, so a page's script can read the reason."""
    response = response_for(error)
    response.headers.extend(CORS_HEADERS)
    return response


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"], provide_automatic_options=False)
def sparql() -> Response:
    if request.method == "OPTIONS":
        return _preflight()
    settings = endpoint(current_app)
    params = _request_params(settings.max_bytes)
    if "update" in params:
        raise ApiError(403, "SPARQL Update is not allowed: this endpoint is read-only")
    queries = params.get("query", [])
    if len(queries) > 1:
        raise ApiError(400, "give exactly one query parameter")
    if not queries:
        if request.method == "GET":
            return _description(params, settings.graphs)
        raise ApiError(400, "no query: send query=... or an application/sparql-query body")
    return _answer(queries[0], params, settings)


def _answer(query: str, params: dict[str, list[str]], settings: Endpoint) -> Response:
    if not query.strip():
        raise ApiError(400, "empty query")
    graphs = settings.graphs
    info, local = _checked(query, settings.max_nesting, graphs, settings.max_rows)
    default_graphs = params.get("default-graph-uri")
    named_graphs = params.get("named-graph-uri")
    check_graphs(default_graphs or [], graphs, "default-graph-uri")
    check_graphs(named_graphs or [], graphs, "named-graph-uri")
    kind = "graph" if info.is_graph else "results"
    fmt, mimetype = _choose_format(kind, request.headers.get("Accept"), _one(params, "format"))
    if default_graphs is None and named_graphs is None and info.has_dataset:
        default_graphs, named_graphs = info.from_graphs, info.from_named
    if default_graphs is None and named_graphs is None and local is not None:
        body, truncated = _local_answer(settings, query, local, fmt)
        output = QueryOutput(body, mimetype, truncated)
    else:
        output = query_service().run(query, fmt, mimetype, default_graphs, named_graphs)
    headers = (*ANSWER_HEADERS, TRUNCATED) if output.truncated else ANSWER_HEADERS
    return Response(output.body, mimetype=output.mimetype, headers=headers)


def _local_answer(settings: Endpoint, query: str, local: LocalRun, fmt: str) -> Answer:
    """A bounded query's answer: remembered if asked before (the store never changes)."""
    answer = settings.answers.get(query, fmt)
    if answer is None:
        answer = run_here(settings.store, query, local.text, fmt, settings.max_rows)
        settings.answers.put(query, fmt, answer)
    return answer


def _description(params: dict[str, list[str]], graphs: frozenset[str]) -> Response:
    fmt, mimetype = choose_format("graph", request.headers.get("Accept"), _one(params, "format"))
    public = str(current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    address = f"{public}/sparql" if public else request.base_url
    body = service_description(address, sorted(graphs), fmt)
    return Response(body, mimetype=mimetype, headers=ANSWER_HEADERS)


def _request_params(limit: int) -> dict[str, list[str]]:
    """Parameters from the query string and, for POST, the body; decoded strictly as UTF-8."""
    raw = request.query_string
    if len(raw) > limit:
        raise ApiError(413, f"query string over {limit} bytes")
    params = {name: list(values) for name, values in _parse_query_string(raw)}
    if request.method != "POST":
        return params
    if request.content_length is not None and request.content_length > limit:
        raise ApiError(413, f"request body over {limit} bytes")
    mimetype = request.mimetype
    if mimetype == UPDATE_BODY:
        raise ApiError(403, "SPARQL Update is not allowed: this endpoint is read-only")
    if mimetype == FORM:
        body = _parse_form(request.get_data(cache=False))
    elif mimetype == QUERY_BODY:
        body = {"query": [_decode(request.get_data(cache=False), "request body")]}
    else:
        raise ApiError(415, f"POST {FORM} or {QUERY_BODY}, not {mimetype or 'no content type'}")
    for name, values in body.items():
        params.setdefault(name, []).extend(values)
    return params


@lru_cache(maxsize=1024)
def _parse_query_string(raw: bytes) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The query string's parameters, remembered (an immutable copy: the same lookups recur)."""
    return tuple((name, tuple(values)) for name, values in _parse_form(raw).items())


def _parse_form(raw: bytes) -> dict[str, list[str]]:
    text = _decode(raw, "parameters")
    try:
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError:
        raise ApiError(400, "parameters are not valid UTF-8 once percent-decoded") from None
    except ValueError:
        raise ApiError(400, f"more than {MAX_FIELDS} parameters") from None
    params: dict[str, list[str]] = {}
    for name, value in pairs:
        params.setdefault(name, []).append(value)
    return params


def _decode(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, f"{what} not valid UTF-8") from None


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    if values and len(values) > 1:
        raise ApiError(400, f"give at most one {name} parameter")
    return values[0] if values else None


@dataclass(frozen=True)
class LocalRun:
    """A bounded query runs in the web process, as `text` when that is set (core.service)."""

    text: str | None


@lru_cache(maxsize=2048)
def _checked(
    query: str, max_nesting: int, graphs: frozenset[str], max_rows: int
) -> tuple[QueryInfo, LocalRun | None]:
    """check_query and, for a bounded query, how to run it here; remembered, since both depend
    only on the text and the store's graphs, which a read-only server never changes
    (refusals raise, so are not remembered)."""
    info = check_query(query, max_nesting, graphs)
    if not is_bounded(info.body):
        return info, None
    return info, LocalRun(local_text(query, max_rows))


_choose_format = lru_cache(maxsize=512)(choose_format)


def _preflight() -> Response:
    response = Response(status=204, headers=CORS_HEADERS)
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    requested = request.headers.get("Access-Control-Request-Headers")
    response.headers["Access-Control-Allow-Headers"] = requested or "Accept, Content-Type"
    response.headers["Access-Control-Max-Age"] = "86400"
    response.headers["Allow"] = "GET, POST, OPTIONS"
    return response
