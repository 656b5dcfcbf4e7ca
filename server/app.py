"""The Flask app factory: settings, the read-only store, blueprints, errors, logging.

Follows flaskr: `create_app(test_config=None)`, one blueprint per concern.
The SPARQL core in server/core knows nothing of Flask.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask

from server.access_log import AccessLog
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
    app.wsgi_app = AccessLog(app.wsgi_app, log)  # type: ignore[method-assign]
    return app


def _register_blueprints(app: Flask) -> None:
    from server.routes import data, explore, pages, sparql, ui

    for module in (sparql, pages, data, ui, explore):
        app.register_blueprint(module.bp)
