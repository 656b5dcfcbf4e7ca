"""One document through the whole flow: read -> extract -> identify -> emit.

The CLI and the benchmarks call `process_document`; storing and validating
are separate steps so that a bad document never touches the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from graphbuild.corpus import PublisherHints
from graphbuild.emit import emit
from graphbuild.errors import DocumentError
from graphbuild.extract import extract
from graphbuild.facts import DocumentFacts, Warning
from graphbuild.identity import Minter, resolve_organisations
from graphbuild.parsing.spans import span
from graphbuild.readers import read_document
from graphbuild.resolution import ProviderRegistry


@dataclass
class ProcessedDocument:
    document: str
    graph_iri: str
    graph: Graph
    facts: int
    warnings: int
    extracted: DocumentFacts


def process_document(
    path: Path,
    base: str | None = None,
    hints: PublisherHints | None = None,
    registry: ProviderRegistry | None = None,
) -> ProcessedDocument:
    """Build one document's named graph; a DocumentError (one line) if it cannot be read.

    `hints` are what the rest of the batch says about this document (its publisher,
    when the letter itself names none); `registry` holds the providers already known,
    so the same provider in two documents becomes one node.
    """
    doc = read_document(path)
    try:
        facts = extract(doc)
    except RecursionError as exc:  # pathological nesting in a huge file
        raise DocumentError(f"{path.name}: too deeply nested to read") from exc
    if facts.source.council is None and hints is not None:
        _infer_publisher(doc, facts, hints)
    keys = resolve_organisations(facts.organisations, registry)
    minter = Minter(base)
    graph = emit(facts, minter, doc.media_type, keys)
    return ProcessedDocument(
        doc.name, minter.graph(doc.name), graph, facts.fact_count(), len(facts.warnings), facts
    )


def _infer_publisher(doc, facts: DocumentFacts, hints: PublisherHints) -> None:
    hint = hints.hint_for(doc)
    if hint is None:
        return
    evidence = span(doc, hint.start, hint.end)
    facts.source.council, facts.source.council_evidence = hint.council, evidence
    facts.warnings.append(
        Warning(
            f"The letter does not name its publisher; attributed to {hint.council} because it "
            f"shares this page line with {hint.shared_with}.",
            evidence,
        )
    )
