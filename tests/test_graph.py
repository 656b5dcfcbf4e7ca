"""The graph a document becomes: stable IRIs, one provider node, PROV evidence, rebuilds."""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF

from graphbuild.identity import Minter, name_key, slug
from graphbuild.pipeline import process_document
from graphbuild.store import GraphStore

CKG = Namespace("https://w3id.org/carekg/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")


def test_iris_are_readable_and_deterministic() -> None:
    mint = Minter("https://example.org/kg")
    assert mint.organisation("Care 4U (Leicestershire) Limited") == (
        "https://example.org/kg/organisation/care-4u-leicestershire"
    )
    assert mint.organisation("CARE 4U (LEICESTERSHIRE) LTD") == mint.organisation(
        "Care 4U (Leicestershire) Limited"
    )
    assert slug("City & County Care Services (UK)") == "city-and-county-care-services-uk"
    assert name_key("Private Home Care UK LTD") == "private home care uk"


def test_rebuilding_gives_the_same_graph(sample_paths: list[Path]) -> None:
    for path in sample_paths:
        assert isomorphic(process_document(path).graph, process_document(path).graph)


def test_base_iri_is_configurable(sample_paths: list[Path], monkeypatch) -> None:
    monkeypatch.setenv("CAREKG_BASE", "https://data.example.org/care/")
    graph = process_document(sample_paths[4]).graph
    subjects = {str(s) for s in graph.subjects() if isinstance(s, URIRef)}
    assert subjects and all(s.startswith("https://data.example.org/care/") for s in subjects)


def test_provider_on_two_lots_is_one_node_with_two_memberships(sample_paths: list[Path]) -> None:
    graph = process_document(sample_paths[4]).graph
    providers = [
        s
        for s in graph.subjects(RDF.type, CKG.Provider)
        if (s, CKG.nameKey, Literal("adaptus care")) in graph
    ]
    assert len(providers) == 1
    memberships = list(graph.subjects(CKG.provider, providers[0]))
    lots = {graph.value(m, CKG.lot) for m in memberships}
    assert len(memberships) == 2 and len(lots) == 2


def test_every_fact_links_to_its_document_and_span(sample_paths: list[Path]) -> None:
    fact_classes = [
        CKG.Organisation,
        CKG.Framework,
        CKG.Lot,
        CKG.LotMembership,
        CKG.Contract,
        CKG.AreaFigure,
        CKG.Statistic,
        CKG.UnitPrice,
        CKG.Refusal,
        CKG.ExtractionWarning,
    ]
    for path in sample_paths:
        processed = process_document(path)
        graph, text = processed.graph, processed.extracted.text
        for cls in fact_classes:
            for fact in graph.subjects(RDF.type, cls):
                derivations = list(graph.objects(fact, PROV.qualifiedDerivation))
                assert derivations, f"{fact} has no evidence"
                for derivation in derivations:
                    selectors = set(graph.objects(derivation, OA.hasSelector))
                    (position,) = [
                        s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph
                    ]
                    (quote,) = [
                        s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph
                    ]
                    start, end = graph.value(position, OA.start), graph.value(position, OA["end"])
                    assert text[int(start) : int(end)] == str(graph.value(quote, OA.exact))


def test_stated_value_is_kept_beside_the_number(sample_paths: list[Path]) -> None:
    graph = process_document(sample_paths[1]).graph
    stated = {str(o) for o in graph.objects(None, CKG.statedAs)}
    assert "£576,000 over 3 years" in stated and "£33,536 per annum" in stated


def test_rebuilding_a_changed_document_replaces_its_graph(tmp_path: Path, sample_paths) -> None:
    letter = tmp_path / sample_paths[1].name
    letter.write_text(sample_paths[1].read_text(encoding="utf-8"), encoding="utf-8")
    store = GraphStore.open(tmp_path / "store")
    first = process_document(letter)
    store.replace_graph(first.graph_iri, first.graph)
    letter.write_text(
        letter.read_text().replace("Current Provider: Enham", "Current Provider: Newco Care Ltd"),
        encoding="utf-8",
    )
    second = process_document(letter)
    store.replace_graph(second.graph_iri, second.graph)
    ask = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ASK {{ ?p skos:prefLabel {} }}"
    assert not bool(store.query(ask.format('"Enham"')))
    assert bool(store.query(ask.format('"Newco Care Ltd"')))
    assert store.named_graphs() == [first.graph_iri]


def test_the_sample_graph_conforms_to_the_shapes(sample_store) -> None:
    from graphbuild.validate import validate_store

    report = validate_store(sample_store)
    assert report.conforms, "\n".join(report.lines)
    assert report.violations == 0
