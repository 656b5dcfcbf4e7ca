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

from functools import lru_cache
from urllib.parse import parse_qsl

from flask import Blueprint, Response, current_app, request

from server.core.bounded import is_bounded
from server.core.description import service_description
from server.core.errors import CoreError
from server.core.negotiation import choose_format
from server.core.safety import QueryInfo, check_graphs, check_query
from server.core.service import QueryOutput, run_here
from server.errors import ApiError, error_response
from server.resources import query_service, store

bp = Blueprint("sparql", __name__)

GRAPHS_KEY = "carekg.graph_names"
FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
MAX_FIELDS = 1000
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "X-Carekg-Truncated",
}


@bp.app_errorhandler(CoreError)
def _core_error(error: CoreError) -> Response:
    return error_response(error.status, error.message)


@bp.after_request
def _cors(response: Response) -> Response:
    """Any page may query the endpoint: it is public, read-only and sends no cookies."""
    response.headers.update(CORS_HEADERS)
    return response


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"], provide_automatic_options=False)
def sparql() -> Response:
    if request.method == "OPTIONS":
        return _preflight()
    params = _request_params()
    if "update" in params:
        raise ApiError(403, "SPARQL Update is not allowed: this endpoint is read-only")
    queries = params.get("query", [])
    if len(queries) > 1:
        raise ApiError(400, "give exactly one query parameter")
    if not queries:
        if request.method == "GET":
            return _description(params)
        raise ApiError(400, "no query: send query=... or an application/sparql-query body")
    return _answer(queries[0], params)


def _answer(query: str, params: dict[str, list[str]]) -> Response:
    if not query.strip():
        raise ApiError(400, "empty query")
    config = current_app.config
    graphs = _graph_names()
    info, bounded = _checked(query, int(config["MAX_NESTING"]), graphs)
    default_graphs = params.get("default-graph-uri")
    named_graphs = params.get("named-graph-uri")
    check_graphs(default_graphs or [], graphs, "default-graph-uri")
    check_graphs(named_graphs or [], graphs, "named-graph-uri")
    kind = "graph" if info.is_graph else "results"
    fmt, mimetype = _choose_format(kind, request.headers.get("Accept"), _one(params, "format"))
    if default_graphs is None and named_graphs is None and info.has_dataset:
        default_graphs, named_graphs = info.from_graphs, info.from_named
    if default_graphs is None and named_graphs is None and bounded:
        body, truncated = run_here(store().raw, query, fmt, int(config["MAX_ROWS"]))
        output = QueryOutput(body, mimetype, truncated)
    else:
        output = query_service().run(query, fmt, mimetype, default_graphs, named_graphs)
    response = Response(output.body, mimetype=output.mimetype)
    response.headers["Vary"] = "Accept"
    if output.truncated:
        response.headers["X-Carekg-Truncated"] = "true"
    return response


def _description(params: dict[str, list[str]]) -> Response:
    fmt, mimetype = choose_format("graph", request.headers.get("Accept"), _one(params, "format"))
    public = str(current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    endpoint = f"{public}/sparql" if public else request.base_url
    body = service_description(endpoint, sorted(_graph_names()), fmt)
    response = Response(body, mimetype=mimetype)
    response.headers["Vary"] = "Accept"
    return response


def _request_params() -> dict[str, list[str]]:
    """Parameters from the query string and, for POST, the body; decoded strictly as UTF-8."""
    limit = int(current_app.config["MAX_REQUEST_BYTES"])
    if len(request.query_string) > limit:
        raise ApiError(413, f"query string over {limit} bytes")
    params = {name: list(values) for name, values in _parse_query_string(request.query_string)}
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


@lru_cache(maxsize=2048)
def _checked(query: str, max_nesting: int, graphs: frozenset[str]) -> tuple[QueryInfo, bool]:
    """check_query and is_bounded, remembered: both depend only on the text and the store's
    graphs, which a read-only server never changes (refusals raise, so are not remembered)."""
    info = check_query(query, max_nesting, graphs)
    return info, is_bounded(info.body)


_choose_format = lru_cache(maxsize=512)(choose_format)


def _graph_names() -> frozenset[str]:
    """Named graphs of the store, read once: the server opens the store read-only."""
    names = current_app.extensions.get(GRAPHS_KEY)
    if names is None:
        names = frozenset(store().named_graphs())
        current_app.extensions[GRAPHS_KEY] = names
    return names


def _preflight() -> Response:
    response = Response(status=204)
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    requested = request.headers.get("Access-Control-Request-Headers")
    response.headers["Access-Control-Allow-Headers"] = requested or "Accept, Content-Type"
    response.headers["Access-Control-Max-Age"] = "86400"
    response.headers["Allow"] = "GET, POST, OPTIONS"
    return response
