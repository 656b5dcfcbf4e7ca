"""Server settings, declared as data with help text (and documented from here).

Each setting can be given in the app's test_config, or as an environment
variable CAREKG_<NAME> (upper case), or on `carekg serve` where an option exists.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS = [
    Setting("STORE", "carekg-store", "Folder of the pyoxigraph store to serve (read-only)."),
    Setting("QUERY_TIMEOUT", 30.0, "Seconds a SPARQL query may run before it is stopped (503)."),
    Setting("MAX_ROWS", 10_000, "Most result rows (or triples) a query returns; the rest are cut."),
    Setting("MAX_REQUEST_BYTES", 1_000_000, "Largest request body or query string (413 beyond)."),
    Setting("MAX_NESTING", 60, "Deepest nesting of { } and ( ) a query may have (400 beyond)."),
    Setting("QUERY_WORKERS", 2, "Worker processes that evaluate SPARQL queries."),
    Setting(
        "ANSWER_CACHE_BYTES",
        32 * 1024 * 1024,
        "Bytes of answers to repeated cheap lookups kept in memory (0 turns the cache off).",
    ),
    Setting(
        "BASE_IRI",
        "https://w3id.org/carekg/id/",
        "IRI prefix of the data; IRIs under it dereference at /id/...",
    ),
    Setting("PUBLIC_URL", "", "The server's own public URL, if different from the request's."),
]


def defaults() -> dict[str, Any]:
    """Defaults overridden by CAREKG_<NAME> environment variables."""
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = os.environ.get(f"CAREKG_{setting.name}")
        values[setting.name] = setting.default if raw is None else type(setting.default)(raw)
    return values
