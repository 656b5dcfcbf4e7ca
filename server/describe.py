"""What the linked-data pages say about one IRI, read from the store with trusted queries.

Kept apart from the Flask routes so the queries can be tested on a bare
GraphStore. Every query uses DISTINCT: the store answers over the union of
its named graphs, and pyoxigraph 0.5 returns a triple held by two graphs twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from graphbuild.store import PREFIXES, GraphStore

CKG = PREFIXES["ckg"]
RDF_TYPE = PREFIXES["rdf"] + "type"
LABEL_PREDICATES = ("rdfs:label", "skos:prefLabel", "dcterms:title")
MAX_INCOMING = 300
PREFIX_HEADER = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


@dataclass(frozen=True)
class Evidence:
    """A quote backing a fact, and where in which document it was found."""

    iri: str
    file_name: str
    start: int
    end: int
    exact: str


@dataclass
class Description:
    """Everything the HTML page of a resource shows."""

    iri: str
    label: str
    types: list[str] = field(default_factory=list)
    outgoing: list[tuple[str, ox.Term]] = field(default_factory=list)
    incoming: list[tuple[str, str]] = field(default_factory=list)
    incoming_total: int = 0
    evidence: list[Evidence] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    file_name: str | None = None


@dataclass(frozen=True)
class Span:
    """One evidence span of a document, with the facts it backs (for the mark's title)."""

    start: int
    end: int
    facts: str


def select(store: GraphStore, sparql: str) -> list[dict[str, ox.Term]]:
    """Rows of a trusted SELECT as dicts of variable name -> term (unbound ones left out)."""
    solutions = store.query(PREFIX_HEADER + sparql)
    names = [v.value for v in solutions.variables]
    rows = []
    for solution in solutions:
        rows.append({n: solution[n] for n in names if solution[n] is not None})
    return rows


def has_triples(store: GraphStore, iri: str) -> bool:
    """True when the IRI is the subject or object of at least one triple."""
    node = ox.NamedNode(iri)
    return bool(store.query(f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} }}"))


def describe(store: GraphStore, iri: str) -> Description:
    """The page of one IRI: label, types, links both ways, evidence; labels for all IRIs."""
    node = ox.NamedNode(iri)
    out = select(store, f"SELECT DISTINCT ?p ?o WHERE {{ {node} ?p ?o }} ORDER BY ?p ?o")
    incoming = select(
        store,
        f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {node} }} ORDER BY ?p ?s LIMIT {MAX_INCOMING}",
    )
    total = select(
        store, f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {node} }} }}"
    )
    desc = Description(iri=iri, label="")
    desc.types = sorted({r["o"].value for r in out if r["p"].value == RDF_TYPE})
    desc.outgoing = [(r["p"].value, r["o"]) for r in out if r["p"].value != RDF_TYPE]
    desc.incoming = [(r["s"].value, r["p"].value) for r in incoming]
    desc.incoming_total = int(total[0]["n"].value) if total else 0
    desc.evidence = evidence_of(store, iri)
    names = {r["o"].value for r in out if isinstance(r["o"], ox.NamedNode)}
    names |= {r["p"].value for r in out} | {s for s, _ in desc.incoming}
    names |= {p for _, p in desc.incoming} | {iri}
    desc.labels = labels(store, names)
    desc.label = desc.labels.get(iri) or local_name(iri)
    desc.file_name = next((o.value for p, o in desc.outgoing if p == CKG + "fileName"), None)
    return desc


def evidence_of(store: GraphStore, iri: str) -> list[Evidence]:
    """The quotes behind a fact, in document order."""
    rows = select(
        store,
        f"""SELECT DISTINCT ?ev ?file ?start ?end ?exact WHERE {{
          {ox.NamedNode(iri)} prov:qualifiedDerivation ?ev .
          ?ev prov:entity ?doc ; oa:hasSelector ?pos, ?quote .
          ?doc ckg:fileName ?file .
          ?pos oa:start ?start ; oa:end ?end .
          ?quote oa:exact ?exact .
        }} ORDER BY ?file ?start ?end""",
    )
    return [
        Evidence(
            r["ev"].value,
            r["file"].value,
            int(r["start"].value),
            int(r["end"].value),
            r["exact"].value,
        )
        for r in rows
    ]


def labels(store: GraphStore, iris: Iterable[str]) -> dict[str, str]:
    """A human label for each IRI that has one (rdfs:label, else skos:prefLabel, else title)."""
    iris = sorted(set(iris))
    found: dict[str, str] = {}
    for chunk_start in range(0, len(iris), 200):
        chunk = iris[chunk_start : chunk_start + 200]
        values = " ".join(str(ox.NamedNode(i)) for i in chunk)
        rows = select(
            store,
            f"""SELECT ?x (SAMPLE(?l1) AS ?a) (SAMPLE(?l2) AS ?b) (SAMPLE(?l3) AS ?c) WHERE {{
              VALUES ?x {{ {values} }}
              OPTIONAL {{ ?x rdfs:label ?l1 }} OPTIONAL {{ ?x skos:prefLabel ?l2 }}
              OPTIONAL {{ ?x dcterms:title ?l3 }}
            }} GROUP BY ?x""",
        )
        for row in rows:
            label = row.get("a") or row.get("b") or row.get("c")
            if label is not None:
                found[row["x"].value] = label.value
    return found


def description_triples(store: GraphStore, iri: str) -> list[ox.Triple]:
    """A CBD-like description: the IRI's outgoing triples, its blank nodes, its evidence nodes."""
    node = ox.NamedNode(iri)
    result = store.query(
        PREFIX_HEADER
        + f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
          {{ BIND({node} AS ?s) ?s ?p ?o }}
          UNION {{ {node} ?x ?s . FILTER(isBlank(?s)) ?s ?p ?o }}
          UNION {{ {node} prov:qualifiedDerivation ?s . ?s ?p ?o }}
          UNION {{ {node} prov:qualifiedDerivation/oa:hasSelector ?s . ?s ?p ?o }}
        }}"""
    )
    return list(dict.fromkeys(result))


def document_text(store: GraphStore, file_name: str) -> tuple[str, str, str] | None:
    """(document IRI, title, text) of the source document with this file name, if any."""
    rows = select(
        store,
        f"""SELECT ?doc ?text (SAMPLE(?t) AS ?title) WHERE {{
          ?doc a ckg:SourceDocument ; ckg:fileName {ox.Literal(file_name)} ; ckg:text ?text .
          OPTIONAL {{ ?doc dcterms:title ?t }}
        }} GROUP BY ?doc ?text ORDER BY ?doc LIMIT 1""",
    )
    if not rows:
        return None
    row = rows[0]
    title = row["title"].value if "title" in row else file_name
    return row["doc"].value, title, row["text"].value


def document_spans(store: GraphStore, doc_iri: str) -> list[Span]:
    """Every evidence span in a document, each with the labels of the facts it backs."""
    rows = select(
        store,
        f"""SELECT DISTINCT ?start ?end ?fact ?label ?type WHERE {{
          ?ev prov:entity {ox.NamedNode(doc_iri)} ; oa:hasSelector ?pos .
          ?pos oa:start ?start ; oa:end ?end .
          OPTIONAL {{ ?fact prov:qualifiedDerivation ?ev .
                     OPTIONAL {{ ?fact rdfs:label ?label }}
                     OPTIONAL {{ ?fact a ?type . FILTER(STRSTARTS(STR(?type), "{CKG}")) }} }}
        }}""",
    )
    facts: dict[tuple[int, int], dict[str, tuple[str, set[str]]]] = {}
    for row in rows:
        key = (int(row["start"].value), int(row["end"].value))
        backed = facts.setdefault(key, {})
        if "fact" in row:
            name = row["label"].value if "label" in row else local_name(row["fact"].value)
            kinds = backed.setdefault(row["fact"].value, (name, set()))[1]
            if "type" in row:
                kinds.add(local_name(row["type"].value))
    return [Span(s, e, _fact_titles(backed)) for (s, e), backed in sorted(facts.items())]


def _fact_titles(backed: dict[str, tuple[str, set[str]]]) -> str:
    """ "Choices Care (Organisation, Provider); Choices Care on Lot 1 (LotMembership)"."""
    titles = (f"{name} ({', '.join(sorted(k))})" if k else name for name, k in backed.values())
    return "; ".join(sorted(titles))


def local_name(iri: str) -> str:
    """The last segment of an IRI (after #, else /): a fallback label."""
    for sep in ("#", "/"):
        if sep in iri.rstrip(sep):
            return iri.rstrip(sep).rsplit(sep, 1)[1]
    return iri


def curie(iri: str) -> str:
    """`prefix:name` for IRIs in a known namespace, else the IRI itself."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri
