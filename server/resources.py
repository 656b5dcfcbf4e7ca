"""Per-app resources: the read-only store for trusted page queries, and the query service.

User SPARQL never runs in the web process: it goes to the QueryService's
worker processes, which can be killed on a time limit. Queries the server
writes itself (labels, pages, VoID) run on the read-only store directly.
"""

from __future__ import annotations

import atexit
from pathlib import Path

from flask import Flask, current_app

from graphbuild.store import GraphStore
from server.errors import ApiError

STORE_KEY = "carekg.store"
SERVICE_KEY = "carekg.queries"


def init_resources(app: Flask) -> None:
    path = Path(app.config["STORE"])
    if not (path / "CURRENT").exists():
        raise ApiError(500, f"no carekg store at {path}: run `carekg build` first")
    app.extensions[STORE_KEY] = GraphStore.open(path, read_only=True)
    app.extensions[SERVICE_KEY] = None


def store() -> GraphStore:
    return current_app.extensions[STORE_KEY]


def query_service():
    """The app's QueryService, started on first use (worker processes are not free)."""
    service = current_app.extensions.get(SERVICE_KEY)
    if service is None:
        from server.core.service import QueryService

        config = current_app.config
        service = QueryService(
            store_path=Path(config["STORE"]),
            workers=int(config["QUERY_WORKERS"]),
            timeout=float(config["QUERY_TIMEOUT"]),
            max_rows=int(config["MAX_ROWS"]),
        )
        current_app.extensions[SERVICE_KEY] = service
        atexit.register(service.close)
    return service
