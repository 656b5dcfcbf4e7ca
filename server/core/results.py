"""Serialising query answers with a row cap.

pyoxigraph's serialisers write a whole answer and cannot stop after
MAX_ROWS rows, and writing SPARQL results in Python was twice as slow
(bench/RESULTS.md). So a SELECT answer is written natively as TSV into a
writer that stops the evaluation once it holds MAX_ROWS + 1 lines (TSV
escapes newlines, so one line is one row), and, for other formats, parsed
back and rewritten natively. Graphs are cut with islice.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from itertools import islice

import pyoxigraph as ox

from graphbuild.store import PREFIXES

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
GRAPH_PREFIXES = {**PREFIXES, "sd": "http://www.w3.org/ns/sparql-service-description#"}
"""The store's prefixes, and the service description's vocabulary for /sparql itself."""


class _RowCapReached(Exception):
    """Raised by the writer to stop the engine once the cap is passed."""


class _LineCappedWriter(io.RawIOBase):
    """Collects bytes and raises once more than `max_lines` lines have been written."""

    def __init__(self, max_lines: int) -> None:
        super().__init__()
        self.max_lines = max_lines
        self.lines = 0
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:
        chunk = bytes(data)
        self.chunks.append(chunk)
        self.lines += chunk.count(b"\n")
        if self.lines > self.max_lines:
            raise _RowCapReached
        return len(chunk)

    def first_lines(self) -> bytes:
        text = b"".join(self.chunks)
        if self.lines <= self.max_lines:
            return text
        return b"".join(line + b"\n" for line in text.split(b"\n")[: self.max_lines])


def cap(rows: Iterable, max_rows: int) -> tuple[list, bool]:
    """The first `max_rows` items, and whether there were more."""
    taken = list(islice(rows, max_rows + 1))
    return taken[:max_rows], len(taken) > max_rows


def serialise_solutions(
    solutions: ox.QuerySolutions, fmt: str, max_rows: int
) -> tuple[bytes, bool]:
    """A SELECT answer in `fmt` (json, xml, csv or tsv), at most `max_rows` rows; truncated?"""
    writer = _LineCappedWriter(max_rows + 1)  # the header line, then one line per row
    try:
        solutions.serialize(writer, ox.QueryResultsFormat.TSV)
        truncated = False
    except _RowCapReached:
        truncated = True
    tsv = writer.first_lines()
    if fmt == "tsv":
        return tsv, truncated
    parsed = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
    return parsed.serialize(format=RESULT_FORMATS[fmt]), truncated


def serialise_limited(solutions: ox.QuerySolutions, fmt: str, max_rows: int) -> tuple[bytes, bool]:
    """An answer already limited to max_rows + 1 rows by the query: written natively in one
    pass, and cut only in the rare case the extra row came back."""
    tsv = solutions.serialize(format=ox.QueryResultsFormat.TSV)
    if tsv.count(b"\n") <= max_rows + 1:
        if fmt == "tsv":
            return tsv, False
        return ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(
            format=RESULT_FORMATS[fmt]
        ), False
    lines = tsv.split(b"\n")[: max_rows + 1]
    capped = b"".join(line + b"\n" for line in lines)
    if fmt == "tsv":
        return capped, True
    parsed = ox.parse_query_results(capped, ox.QueryResultsFormat.TSV)
    return parsed.serialize(format=RESULT_FORMATS[fmt]), True


# The fewest bytes one result row can take in each format (a row with every variable unbound).
_MIN_ROW_BYTES = {"tsv": 1, "csv": 2, "json": 2, "xml": len(b"<result></result>")}


def within_cap(body: bytes, fmt: str, max_rows: int) -> bool:
    """Does an answer written natively hold at most `max_rows` rows? Counted only when its size
    alone cannot rule out more (a short answer cannot hold max_rows + 1 rows)."""
    if len(body) < _MIN_ROW_BYTES[fmt] * (max_rows + 1):
        return True
    if fmt == "json":
        return len(json.loads(body)["results"]["bindings"]) <= max_rows
    if fmt == "xml":
        return body.count(b"<result>") <= max_rows  # "<" in a value is escaped
    return body.count(b"\n") - 1 <= max_rows  # quoted newlines only over-count: then we cut


def serialise_boolean(value: ox.QueryBoolean, fmt: str) -> bytes:
    """An ASK answer; CSV and TSV have no boolean form, and oxigraph writes `true`/`false`."""
    return value.serialize(format=RESULT_FORMATS[fmt])


def serialise_triples(triples: list[ox.Triple], fmt: str) -> bytes:
    """A CONSTRUCT or DESCRIBE answer (or the service description) in an RDF format."""
    prefixes = GRAPH_PREFIXES if fmt in {"ttl", "rdfxml"} else None
    return ox.serialize(triples, None, RDF_FORMATS[fmt], prefixes=prefixes)
