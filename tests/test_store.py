"""The store keeps one graph per document and swaps it whole or not at all."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from graphbuild.errors import QueryError, StoreError
from graphbuild.store import (
    EXPORT_FORMATS,
    ONTOLOGY_GRAPH,
    GraphStore,
    default_store,
    load_ontology,
)

CKG = rdflib.Namespace("https://w3id.org/carekg/ontology#")
ID = rdflib.Namespace("https://w3id.org/carekg/id/")
G1 = str(ID["graph/doc-1"])
G2 = str(ID["graph/doc-2"])


def doc_graph(provider: str, note: str = "plain") -> rdflib.Graph:
    """A small document graph with the awkward bits real text brings."""
    g = rdflib.Graph()
    org = ID[f"organisation/{provider}"]
    g.add((org, rdflib.RDF.type, CKG.Provider))
    g.add((org, rdflib.RDFS.label, rdflib.Literal(f"{provider} Ltd", lang="en")))
    g.add((org, rdflib.RDFS.comment, rdflib.Literal(f'{note} "quoted" £5\tnew\nline \\ é')))
    g.add((org, CKG.amount, rdflib.Literal("576000.5", datatype=rdflib.XSD.decimal)))
    node = rdflib.BNode()
    g.add((org, CKG.identifier, node))
    g.add((node, rdflib.SKOS.notation, rdflib.Literal("12345")))
    return g


def graph_of(store: GraphStore, iri: str) -> rdflib.Graph:
    """One named graph read back through SPARQL, as rdflib."""
    out = rdflib.Graph()
    triples = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
    out.parse(data="".join(f"{t} .\n" for t in triples), format="nt")
    return out


@pytest.fixture
def store(tmp_path: Path) -> GraphStore:
    with GraphStore.open(tmp_path / "store") as opened:
        yield opened


def test_replace_graph_round_trips_awkward_literals(store: GraphStore) -> None:
    store.replace_graph(G1, doc_graph("acme"))
    assert isomorphic(graph_of(store, G1), doc_graph("acme"))


def test_replace_graph_removes_the_previous_version(store: GraphStore) -> None:
    store.replace_graph(G1, doc_graph("acme"))
    store.replace_graph(G1, doc_graph("zenith"))
    stored = graph_of(store, G1)
    assert isomorphic(stored, doc_graph("zenith"))
    assert (ID["organisation/acme"], None, None) not in stored


def test_failed_replace_leaves_previous_graph_intact(store: GraphStore) -> None:
    store.replace_graph(G1, doc_graph("acme"))
    bad = doc_graph("zenith")
    bad.add((rdflib.URIRef("relative/iri"), CKG.p, rdflib.Literal("x")))
    with pytest.raises(StoreError, match="not stored"):
        store.replace_graph(G1, bad)
    assert isomorphic(graph_of(store, G1), doc_graph("acme"))


def test_unserialisable_graph_is_a_store_error(store: GraphStore) -> None:
    store.replace_graph(G1, doc_graph("acme"))
    bad = doc_graph("zenith")
    bad.add((rdflib.URIRef("http://example.org/has space"), CKG.p, rdflib.Literal("x")))
    with pytest.raises(StoreError, match="not stored"):
        store.replace_graph(G1, bad)
    assert isomorphic(graph_of(store, G1), doc_graph("acme"))


def test_replace_graph_leaves_other_graphs_alone(store: GraphStore) -> None:
    store.replace_graph(G1, doc_graph("acme"))
    store.replace_graph(G2, doc_graph("zenith"))
    store.replace_graph(G1, doc_graph("bravo"))
    assert isomorphic(graph_of(store, G2), doc_graph("zenith"))
    assert store.named_graphs() == [G1, G2]


def test_remove_graph(store: GraphStore) -> None:
    store.replace_graph(G1, doc_graph("acme"))
    store.replace_graph(G2, doc_graph("zenith"))
    store.remove_graph(G1)
    assert store.named_graphs() == [G2]
    assert store.triple_count() == len(doc_graph("zenith"))


def test_query_sees_the_union_of_graphs(store: GraphStore) -> None:
    store.replace_graph(G1, doc_graph("acme"))
    store.replace_graph(G2, doc_graph("zenith"))
    rows = store.query(
        "PREFIX ckg: <https://w3id.org/carekg/ontology#> "
        "SELECT ?p WHERE { ?p a ckg:Provider } ORDER BY ?p"
    )
    assert [row["p"].value for row in rows] == [
        str(ID["organisation/acme"]),
        str(ID["organisation/zenith"]),
    ]


def test_malformed_query_raises_one_line_query_error(store: GraphStore) -> None:
    with pytest.raises(QueryError) as caught:
        store.query("SELECT ?x WHERE { ?x undeclared:p ?y }")
    assert "\n" not in str(caught.value)
    assert str(caught.value)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_export_format_parses_back(store: GraphStore, fmt: str) -> None:
    store.replace_graph(G1, doc_graph("acme"))
    store.replace_graph(G2, doc_graph("zenith"))
    out = io.BytesIO()
    store.export(fmt, out)
    rdflib_format = {"ttl": "turtle", "jsonld": "json-ld", "nq": "nquads"}.get(fmt, fmt)
    if fmt in {"nq", "trig"}:
        parsed = rdflib.Dataset()
        parsed.parse(data=out.getvalue(), format=rdflib_format)
        graphs = {str(g.identifier) for g in parsed.graphs() if len(g)}
        assert graphs == {G1, G2}
        assert isomorphic(parsed.graph(rdflib.URIRef(G2)), doc_graph("zenith"))
    else:
        parsed = rdflib.Graph()
        parsed.parse(data=out.getvalue(), format=rdflib_format)
        assert isomorphic(parsed, store.to_rdflib_graph())
        assert len(parsed) == len(doc_graph("acme")) + len(doc_graph("zenith"))


def test_unknown_export_format_is_a_store_error(store: GraphStore) -> None:
    with pytest.raises(StoreError, match="unknown format"):
        store.export("csv", io.BytesIO())


def test_to_rdflib_graph_merges_graphs(store: GraphStore) -> None:
    shared = rdflib.Graph()
    shared.add((ID["council/leicester"], rdflib.RDFS.label, rdflib.Literal("Leicester")))
    one, two = doc_graph("acme") + shared, doc_graph("zenith") + shared
    store.replace_graph(G1, one)
    store.replace_graph(G2, two)
    assert isomorphic(store.to_rdflib_graph(), one + two)
    assert store.triple_count() == len(one) + len(two)


def test_data_survives_close_and_reopen(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s") as store:
        store.replace_graph(G1, doc_graph("acme"))
    with GraphStore.open(tmp_path / "s", read_only=True) as store:
        assert store.named_graphs() == [G1]
    with GraphStore.open(tmp_path / "s") as store:  # close released the write lock
        store.remove_graph(G1)
        assert store.named_graphs() == []


def test_read_only_open_of_missing_store_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        GraphStore.open(tmp_path / "absent", read_only=True)
    assert not (tmp_path / "absent").exists()


def test_opening_a_file_as_store_is_one_line_error(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("not a store")
    with pytest.raises(StoreError, match="cannot open") as caught:
        GraphStore.open(target)
    assert "\n" not in str(caught.value)


def test_locked_store_is_one_line_error(tmp_path: Path) -> None:
    with GraphStore.open(tmp_path / "s"), pytest.raises(StoreError, match="in use by another"):
        GraphStore.open(tmp_path / "s")


def test_default_store_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CAREKG_STORE", raising=False)
    assert default_store() == Path("carekg-store")
    monkeypatch.setenv("CAREKG_STORE", str(tmp_path / "x"))
    assert default_store() == tmp_path / "x"


def test_load_ontology_fills_its_own_graph(store: GraphStore, tmp_path: Path) -> None:
    onto = tmp_path / "carekg.ttl"
    onto.write_text(
        "@prefix ckg: <https://w3id.org/carekg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'ckg:Provider rdfs:label "Provider"@en .\n'
    )
    assert load_ontology(store, onto) is True
    assert store.named_graphs() == [ONTOLOGY_GRAPH]
    assert bool(
        store.query('ASK { ?c <http://www.w3.org/2000/01/rdf-schema#label> "Provider"@en }')
    )


def test_load_ontology_skips_missing_file(store: GraphStore, tmp_path: Path) -> None:
    assert load_ontology(store, tmp_path / "nope.ttl") is False
    assert store.named_graphs() == []


def test_load_ontology_reports_bad_turtle(store: GraphStore, tmp_path: Path) -> None:
    onto = tmp_path / "carekg.ttl"
    onto.write_text("this is not turtle")
    with pytest.raises(StoreError, match="carekg.ttl: not valid Turtle"):
        load_ontology(store, onto)
