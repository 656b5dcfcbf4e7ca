"""The SPARQL core's errors: each carries the HTTP status it should become.

The core knows nothing of Flask; the /sparql blueprint turns any CoreError
into the server's one-line error response (server.errors.ApiError shape).
"""

from __future__ import annotations


class CoreError(Exception):
    """A refusal or failure to report to the client as `status` and a one-line message."""

    status = 400

    def __init__(self, message: str, status: int | None = None) -> None:
        self.message = " ".join(str(message).split())
        super().__init__(self.message)
        if status is not None:
            self.status = status

    def __reduce__(self) -> tuple:
        """Keep the status when a worker process sends the error back (pickle)."""
        return (type(self), (self.message, self.status))


class QueryRefused(CoreError):
    """The query is not allowed (update, SERVICE, unknown graph, too deep): 400 or 403."""


class QueryFailed(CoreError):
    """The engine rejected or could not evaluate the query: 400."""


class NotAcceptable(CoreError):
    """No result format the client accepts: 406."""

    status = 406


class QueryTimeout(CoreError):
    """The query ran past the time limit (or waited too long for a worker): 503."""

    status = 503
