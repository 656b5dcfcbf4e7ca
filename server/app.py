"""The Flask app factory: settings, the read-only store, blueprints, errors, logging.

Follows flaskr: `create_app(test_config=None)`, one blueprint per concern.
The SPARQL core in server/core knows nothing of Flask.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from flask import Flask, g, request

from server.errors import register_error_handlers
from server.settings import defaults

log = logging.getLogger("carekg.server")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(defaults())
    if test_config:
        app.config.update(test_config)
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_REQUEST_BYTES"]
    app.config["STORE"] = str(Path(app.config["STORE"]).resolve())
    from server.resources import init_resources

    init_resources(app)
    _register_blueprints(app)
    register_error_handlers(app)
    _request_log(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from server.routes import data, explore, pages, sparql, ui

    for module in (sparql, pages, data, ui, explore):
        app.register_blueprint(module.bp)


def _request_log(app: Flask) -> None:
    """One line per request: method, path, status, bytes, milliseconds."""

    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def _line(response):
        took = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info(
            "%s %s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            response.calculate_content_length() or "-",
            took,
        )
        return response
