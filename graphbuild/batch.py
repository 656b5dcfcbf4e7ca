"""What a whole build knows beyond each document: shared by every document of a batch.

Publishers of unsigned pages (from chrome lines other documents share) and the
providers already known (in the store, or earlier in the batch), so that one
provider named in several documents is one node.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graphbuild.errors import QueryError
from graphbuild.store import PREFIXES, GraphStore


def with_batch_context(
    process: Callable[..., Any], files: list[Path], store: GraphStore
) -> Callable[[Path, str], Any]:
    """Give the pipeline what the batch and the store know: publishers of unsigned pages,
    and the providers already known (so one provider is one node across documents)."""
    parameters = inspect.signature(process).parameters
    if "registry" not in parameters:
        return process
    from graphbuild.corpus import PublisherHints
    from graphbuild.resolution import ProviderRegistry

    hints = PublisherHints.from_paths(files) if len(files) > 1 else None
    registry = ProviderRegistry()
    for name, aliases, key in _known_providers(store):
        registry.add(name, aliases, key=key)
    return lambda path, base: process(path, base, hints=hints, registry=registry)


def _known_providers(store: GraphStore) -> list[tuple[str, list[str], str]]:
    """(preferred name, other names, node key) of every provider already in the store."""
    sparql = (
        f"PREFIX ckg: <{PREFIXES['ckg']}> PREFIX skos: <{PREFIXES['skos']}> "
        "SELECT ?key (MIN(?label) AS ?name) (GROUP_CONCAT(DISTINCT ?alt; separator='\u001f') "
        "AS ?alts) WHERE { ?o a ckg:Provider ; ckg:nameKey ?key ; skos:prefLabel ?label . "
        "OPTIONAL { ?o skos:altLabel ?alt } } GROUP BY ?key ORDER BY ?key"
    )
    try:
        rows = list(store.query(sparql))
    except (QueryError, OSError):
        return []
    found = []
    for row in rows:
        alts = row["alts"].value.split("\u001f") if row["alts"] and row["alts"].value else []
        found.append((row["name"].value, alts, row["key"].value))
    return found
