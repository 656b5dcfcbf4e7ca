"""One document through the whole flow: read -> extract -> identify -> emit.

The CLI and the benchmarks call `process_document`; storing and validating
are separate steps so that a bad document never touches the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from graphbuild.emit import emit
from graphbuild.errors import DocumentError
from graphbuild.extract import extract
from graphbuild.facts import DocumentFacts
from graphbuild.identity import Minter
from graphbuild.readers import read_document


@dataclass
class ProcessedDocument:
    document: str
    graph_iri: str
    graph: Graph
    facts: int
    warnings: int
    extracted: DocumentFacts


def process_document(path: Path, base: str | None = None) -> ProcessedDocument:
    """Build one document's named graph; a DocumentError (one line) if it cannot be read."""
    doc = read_document(path)
    try:
        facts = extract(doc)
    except RecursionError as exc:  # pathological nesting in a huge file
        raise DocumentError(f"{path.name}: too deeply nested to read") from exc
    minter = Minter(base)
    graph = emit(facts, minter, doc.media_type)
    return ProcessedDocument(
        doc.name, minter.graph(doc.name), graph, facts.fact_count(), len(facts.warnings), facts
    )
