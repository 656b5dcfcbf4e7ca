"""Per-request cost of the SPARQL point lookup inside the app, without any HTTP server.

Calls the WSGI apps directly (carekg's, with and without its answer cache, and a
bare Flask route), so the figure is the app's own CPU time per request, request
log line included; bench/http.py measures the same over HTTP.

    .venv/bin/python bench/wsgi_cost.py --store /tmp/bench100k/store
"""

from __future__ import annotations

import _isolate  # noqa: F401  (first: bench/http.py must not shadow the stdlib http)

# isort: split

import argparse
import io
import os
import time
import urllib.parse

import pyoxigraph as ox
from flask import Flask

from server import create_app
from server.cli import configure_logging


def _environ(path: str, query_string: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query_string,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8080",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
        "HTTP_ACCEPT": "application/sparql-results+json",
        "HTTP_HOST": "127.0.0.1:8080",
    }


def _call(app, path: str, query_string: str) -> None:
    body = app(_environ(path, query_string), lambda *args, **kwargs: None)
    b"".join(body)
    getattr(body, "close", lambda: None)()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="a store built by carekg build")
    parser.add_argument("--requests", type=int, default=3000)
    args = parser.parse_args()
    nowhere = open(os.devnull, "w")  # noqa: SIM115 (open for the whole run)
    configure_logging(nowhere)  # as `carekg serve` logs
    graph = next(iter(ox.Store.read_only(args.store).named_graphs())).value
    document = graph.replace("/graph/", "/document/")
    query = urllib.parse.quote(f"SELECT ?p ?o WHERE {{ <{document}> ?p ?o }}")
    bare = Flask("bare")
    bare.add_url_rule("/", "constant", lambda: "ok")
    ours = create_app({"STORE": args.store, "QUERY_WORKERS": 1})
    uncached = create_app({"STORE": args.store, "QUERY_WORKERS": 1, "ANSWER_CACHE_BYTES": 0})
    for label, app, path, query_string in (
        ("bare Flask", bare, "/", ""),
        ("carekg", ours, "/sparql", f"query={query}"),
        ("carekg, answer cache off", uncached, "/sparql", f"query={query}"),
    ):
        for _ in range(200):
            _call(app, path, query_string)
        started = time.perf_counter()
        for _ in range(args.requests):
            _call(app, path, query_string)
        took = (time.perf_counter() - started) / args.requests * 1e6
        print(f"{label}: {took:.0f} µs per request")


if __name__ == "__main__":
    main()
