"""One error shape for the whole server: a status and a one-line reason, never a trace."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from server.core.errors import CoreError

log = logging.getLogger("carekg.server")


class ApiError(Exception):
    """An error to send to the client as-is: status code and one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = " ".join(message.split())


def error_response(status: int, message: str) -> Response:
    """JSON for clients that accept it, plain text otherwise; always one line."""
    message = " ".join(str(message).split())
    best = request.accept_mimetypes.best_match(["text/plain", "application/json"])
    if best == "application/json" and request.accept_mimetypes["application/json"] > 0:
        response = jsonify({"error": message, "status": status})
    else:
        response = Response(message + "\n", mimetype="text/plain")
    response.status_code = status
    return response


def response_for(error: Exception) -> Response:
    """The response to any error raised while answering: refusals and HTTP errors as they
    are, anything else as a 500 whose trace goes to the log, never to the client."""
    if isinstance(error, (ApiError, CoreError)):
        return error_response(error.status, error.message)
    if isinstance(error, HTTPException):
        return error_response(error.code or 500, error.description or error.name)
    log.exception("unexpected error on %s %s", request.method, request.path)
    return error_response(500, "internal error; see the server log")


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(Exception, response_for)
