"""The embedded, persistent quad store: one named graph per source document.

pyoxigraph keeps the data on disk (RocksDB) and answers SPARQL 1.1, so the
CLI and the server read the same files without a database server. Every
write goes through `replace_graph`, a single SPARQL update, which pyoxigraph
applies in one transaction: a rebuild swaps a document's graph in whole or
not at all, and never leaves half of it behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
import rdflib

from graphbuild.errors import QueryError, StoreError, one_line
from graphbuild.resources import ontology_file

STORE_ENV = "CAREKG_STORE"
DEFAULT_STORE = Path("carekg-store")
"""Store folder used when neither `--store` nor `$CAREKG_STORE` names one (relative to cwd)."""

ONTOLOGY_GRAPH = "https://w3id.org/carekg/ontology"

PREFIXES = {
    "ckg": "https://w3id.org/carekg/ontology#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "epo": "http://data.europa.eu/a4g/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

QUAD_FORMATS = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
TRIPLE_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
EXPORT_FORMATS = (*TRIPLE_FORMATS, *QUAD_FORMATS)

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def default_store() -> Path:
    """The store folder to use: `$CAREKG_STORE` if set, else `./carekg-store`."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


class GraphStore:
    """A pyoxigraph store on disk, with the few operations carekg needs."""

    def __init__(self, store: ox.Store, path: Path | None, read_only: bool) -> None:
        self._store: ox.Store | None = store
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> GraphStore:
        """Open (read-write: create) the store at `path`; read-only needs an existing one.

        Read-only is for commands that only look, so they never create an empty
        store by accident and can run beside a writer that holds the lock.
        """
        path = Path(path)
        if read_only and not (path / "CURRENT").is_file():
            raise StoreError(f"store {path}: no store here; run `carekg build` first")
        try:
            store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                reason = "in use by another process (it holds the lock); stop it or use --store"
            else:
                reason = _reason(exc)
            raise StoreError(f"store {path}: cannot open: {reason}") from None
        return cls(store, path, read_only)

    @classmethod
    def in_memory(cls) -> GraphStore:
        """A throw-away store, for tests and benchmarks."""
        return cls(ox.Store(), None, read_only=False)

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store (for callers that need its full API)."""
        if self._store is None:
            raise StoreError(f"store {self.path}: already closed")
        return self._store

    def replace_graph(self, graph_iri: str, graph: rdflib.Graph) -> None:
        """Swap the named graph `graph_iri` for `graph` in one transaction.

        Oxigraph stores numbers by value, so "576000.50"^^xsd:decimal reads
        back as "576000.5": compare stored literals by value, not by spelling.
        """
        iri = _iri(graph_iri)
        try:
            body = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        except Exception as exc:  # rdflib raises bare Exception for unserialisable IRIs
            raise StoreError(f"graph {graph_iri}: not stored: {_reason(exc)}") from None
        update = f"DROP SILENT GRAPH {iri} ;\nINSERT DATA {{ GRAPH {iri} {{\n{body}}} }}"
        try:
            self.raw.update(update)
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"graph {graph_iri}: not stored: {_reason(exc)}") from None

    def remove_graph(self, graph_iri: str) -> None:
        """Delete a named graph and its triples (no error if it is absent)."""
        self._update(f"DROP SILENT GRAPH {_iri(graph_iri)}")

    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query over the union of all graphs.

        Only the parse is checked here: evaluation errors surface while the
        result is iterated, so callers that iterate should catch QueryError too.
        """
        try:
            return self.raw.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(_reason(exc)) from None
        except (OSError, ValueError) as exc:
            raise QueryError(_reason(exc)) from None

    def named_graphs(self) -> list[str]:
        """IRIs of every named graph, sorted so output is stable."""
        return sorted(g.value for g in self.raw.named_graphs() if isinstance(g, ox.NamedNode))

    def triple_count(self) -> int:
        """Statements stored; a triple held by two named graphs counts twice."""
        return len(self.raw)

    def export(self, fmt: str, out: BinaryIO) -> None:
        """Write the whole store to `out`: nq/trig keep graphs, other formats write the union."""
        if fmt in QUAD_FORMATS:
            self.raw.dump(out, QUAD_FORMATS[fmt], prefixes=_prefixes(fmt))
        elif fmt in TRIPLE_FORMATS:
            ox.serialize(self._union(), out, TRIPLE_FORMATS[fmt], prefixes=_prefixes(fmt))
        else:
            raise StoreError(f"export: unknown format {fmt!r} (use {', '.join(EXPORT_FORMATS)})")

    def to_rdflib_graph(self) -> rdflib.Graph:
        """The union of all graphs as an rdflib Graph (what pyshacl validates)."""
        data = ox.serialize(self._union(), None, ox.RdfFormat.N_TRIPLES)
        graph = rdflib.Graph()
        graph.parse(data=data, format="nt")
        return graph

    def flush(self) -> None:
        """Push written data to disk now rather than when the store is closed."""
        if self._store is not None and not self.read_only:
            self._store.flush()

    def close(self) -> None:
        """Flush and release the store (and its lock) so another process can open it."""
        self.flush()
        self._store = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _union(self) -> Iterator[ox.Triple]:
        """Each distinct triple of every graph once (named graphs merged)."""
        seen: set[ox.Triple] = set()
        for quad in self.raw:
            triple = quad.triple
            if triple not in seen:
                seen.add(triple)
                yield triple

    def _update(self, sparql: str) -> None:
        try:
            self.raw.update(sparql)
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"store {self.path}: update failed: {_reason(exc)}") from None


def load_ontology(store: GraphStore, path: Path | None = None) -> bool:
    """Put the ontology into its own graph so queries and pages can see labels.

    Returns False (and does nothing) when the ontology file is not there yet,
    so a checkout without it still builds its documents.
    """
    try:
        path = path or ontology_file()
    except FileNotFoundError:
        return False
    if not path.is_file():
        return False
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many unrelated types for bad Turtle
        raise StoreError(f"{path}: not valid Turtle: {_reason(exc)}") from None
    store.replace_graph(ONTOLOGY_GRAPH, graph)
    return True


def _iri(value: str) -> str:
    """`<value>`, refusing characters that would let an IRI escape its brackets."""
    if not value or any(c in value for c in '<>"{}|^`\\ \n\r\t'):
        raise StoreError(f"graph {value!r}: not a valid IRI")
    return f"<{value}>"


def _prefixes(fmt: str) -> dict[str, str] | None:
    return PREFIXES if fmt in {"ttl", "trig", "xml"} else None


def _reason(exc: BaseException) -> str:
    return one_line(exc) or type(exc).__name__
