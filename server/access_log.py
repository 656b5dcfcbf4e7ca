"""The access log: one line per request, written by WSGI middleware around the Flask app.

Middleware rather than Flask's before/after_request hooks because it sees every
request, including those Flask itself fails on, and because it is cheaper: the
hooks cost a context-local lookup per attribute and a coroutine check per hook
on every request, which bench/http.py showed as a tenth of the point-lookup
throughput under load.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class AccessLog:
    """Logs `METHOD path status bytes milliseconds` once the app has answered."""

    def __init__(self, app: WsgiApp, logger: logging.Logger) -> None:
        self.app = app
        self.logger = logger

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        if not self.logger.isEnabledFor(logging.INFO):
            return self.app(environ, start_response)
        started = time.perf_counter()
        answered: list[tuple[str, list[tuple[str, str]]]] = []

        def remember(status: str, headers: list[tuple[str, str]], exc_info: Any = None):
            answered.append((status, headers))
            return start_response(status, headers, exc_info)

        body = self.app(environ, remember)
        status, headers = answered[-1] if answered else ("-", [])
        length = next((value for name, value in headers if name == "Content-Length"), "-")
        self.logger.info(
            "%s %s %s %s %.1fms",
            environ.get("REQUEST_METHOD", "-"),
            environ.get("PATH_INFO", "-"),
            status.split(" ", 1)[0],
            length,
            (time.perf_counter() - started) * 1000,
        )
        return body
