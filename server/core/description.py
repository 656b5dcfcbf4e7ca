"""The SPARQL 1.1 Service Description answered by a bare GET /sparql.

Clients (YASGUI, federated engines, crawlers) read it to learn the endpoint
URL, the language, the result formats and that the default graph is the
union of the named graphs, one per source document.
"""

from __future__ import annotations

import pyoxigraph as ox

from server.core.results import serialise_triples

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def service_description(endpoint: str, named_graphs: list[str], fmt: str) -> bytes:
    """sd:Service for `endpoint`, with the default dataset listing every named graph."""
    return serialise_triples(list(_triples(endpoint, named_graphs)), fmt)


def _triples(endpoint: str, named_graphs: list[str]):
    service = ox.NamedNode(endpoint)
    dataset, default = ox.BlankNode("dataset"), ox.BlankNode("default")
    yield ox.Triple(service, RDF_TYPE, _sd("Service"))
    yield ox.Triple(service, _sd("endpoint"), service)
    yield ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query"))
    yield ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph"))
    for name in RESULT_FORMATS:
        yield ox.Triple(service, _sd("resultFormat"), ox.NamedNode(FORMATS + name))
    yield ox.Triple(service, _sd("defaultDataset"), dataset)
    yield ox.Triple(dataset, RDF_TYPE, _sd("Dataset"))
    yield ox.Triple(dataset, _sd("defaultGraph"), default)
    yield ox.Triple(default, RDF_TYPE, _sd("Graph"))
    for i, graph in enumerate(named_graphs):
        node = ox.BlankNode(f"g{i}")
        yield ox.Triple(dataset, _sd("namedGraph"), node)
        yield ox.Triple(node, RDF_TYPE, _sd("NamedGraph"))
        yield ox.Triple(node, _sd("name"), ox.NamedNode(graph))


def _sd(local: str) -> ox.NamedNode:
    return ox.NamedNode(SD + local)
