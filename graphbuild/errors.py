"""Errors a user can cause; the CLI turns each into one line and a non-zero exit.

Each class carries the exit code the CLI uses, so the mapping from problem to
exit status lives next to the problem and not in a table inside the CLI.
"""


class CarekgError(Exception):
    """A problem the user can fix: its message is one line naming what and why."""

    exit_code: int = 1


class DocumentError(CarekgError):
    """A document could not be read or built (empty, binary, wrong encoding, too big...)."""


class QueryError(CarekgError):
    """A SPARQL query could not be parsed or run."""

    exit_code = 2


class StoreError(CarekgError):
    """The store is missing, locked, unreadable, or refused some data."""


def one_line(message: object, limit: int = 300) -> str:
    """Collapse a library's (often multi-line) message to one short line for users."""
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
