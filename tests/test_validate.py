"""graphbuild.validate turns pyshacl results into lines an FOI analyst can act on."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

import graphbuild.validate as validate_module
from graphbuild.validate import (
    CKG,
    OA,
    PROV,
    ShapesError,
    ValidationReport,
    describe,
    load_shapes,
    short,
    validate_graph,
    validate_store,
)

DATA = Path(__file__).parent / "data" / "shapes"
ID = "https://w3id.org/carekg/id/"


def fixture(name: str) -> Graph:
    graph = Graph().parse(DATA / "common.ttl", format="turtle")
    return graph.parse(DATA / name, format="turtle")


def test_valid_graph_conforms_with_no_lines() -> None:
    report = validate_graph(fixture("framework/valid.ttl"))
    assert report == ValidationReport(conforms=True, violations=0, warnings=0)


def test_violation_line_names_lot_property_rule_and_evidence() -> None:
    report = validate_graph(fixture("lot/invalid-no-framework.ttl"))
    assert not report.conforms
    assert (report.violations, report.warnings) == (1, 0)
    assert report.lines == [
        "Violation  Lot 2  ckg:partOfFramework  A lot belongs to exactly one framework."
        '  [004_x.txt: "Lot 2"]'
    ]
    result = report.results[0]
    assert result.focus == f"{ID}framework/leicester/live-in-care/lot/2"
    assert result.source_shape == "ckgsh:Lot-partOfFramework"
    assert result.component == "sh:MinCountConstraintComponent"


def test_warnings_alone_still_conform_and_lot_is_named_with_its_framework() -> None:
    report = validate_graph(fixture("lot/invalid-no-providers.ttl"))
    assert report.conforms
    assert (report.violations, report.warnings) == (0, 1)
    assert report.lines == [
        "Warning    Lot 2 (Framework Agreements for Live-in Care)  ^ckg:lot"
        '  This lot has no providers.  [004_x.txt: "Lot 2"]'
    ]


def test_unlabelled_value_is_named_by_its_owner_and_borrows_its_evidence() -> None:
    report = validate_graph(fixture("monetary-amount/invalid-not-numeric.ttl"))
    (result,) = report.results
    assert result.focus_label == "ckg:spend of area-figure/004-x-txt/live-in-care"
    assert result.path == "ckg:amount"
    assert result.value == "about a million"
    assert (result.document, result.quote) == ("004_x.txt", "Lot 2")


def test_sparql_message_reports_both_dates() -> None:
    report = validate_graph(fixture("framework/invalid-end-before-start.ttl"))
    (result,) = report.results
    assert result.path == "ckg:endDate"
    assert (
        result.message
        == "The framework's end date (2018-03-31) is before its start date (2019-04-01)."
    )


def test_violations_are_listed_before_warnings() -> None:
    graph = fixture("lot/invalid-no-providers.ttl")
    graph.parse(DATA / "monetary-amount/invalid-not-numeric.ttl", format="turtle")
    report = validate_graph(graph)
    assert [r.severity for r in report.results] == ["Violation", "Warning"]
    assert report.lines[0].startswith("Violation  ")


def test_long_quote_is_truncated_and_whitespace_folded() -> None:
    graph = fixture("statistic/invalid-no-unit.ttl")
    quote = URIRef(f"{ID}evidence/004-x-txt/0-5/quote")
    graph.set((quote, OA.exact, Literal("word\n" * 60)))
    (result,) = [r for r in validate_graph(graph).results if r.path == "ckg:unit"]
    assert result.quote is not None
    assert len(result.quote) == 80
    assert result.quote.endswith("…")
    assert "\n" not in result.quote


def test_node_without_label_or_owner_falls_back_to_short_iri() -> None:
    graph = Graph()
    node = URIRef(f"{ID}statistic/doc/12")
    graph.add((node, RDF.type, CKG.Statistic))
    assert describe(graph, node) == "statistic/doc/12"
    assert short(PROV.qualifiedDerivation) == "prov:qualifiedDerivation"


def test_fact_without_evidence_is_reported_without_a_document() -> None:
    report = validate_graph(fixture("evidenced-fact/invalid-no-evidence.ttl"))
    assert report.violations == 2
    assert all(r.document is None for r in report.results)
    assert all("[" not in line for line in report.lines)


class FakeStore:
    """Stands in for graphbuild.store: only the union-graph method is used."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.calls = 0

    def to_rdflib_graph(self) -> Graph:
        self.calls += 1
        return self.graph


def test_validate_store_validates_the_union_graph() -> None:
    store = FakeStore(fixture("contract/invalid-end-before-start.ttl"))
    report = validate_store(store)
    assert store.calls == 1
    assert report.violations == 1
    assert report.results[0].focus_label == "Live-in care block contract"


def test_shapes_are_loaded_from_every_file_once() -> None:
    shapes = load_shapes()
    assert shapes is load_shapes()
    shape_iris = {str(s) for s in shapes.subjects()}
    for name in ("LotShape", "EvidencedFactShape", "RefusalShape", "MonetaryAmountShape"):
        assert f"https://w3id.org/carekg/shapes#{name}" in shape_iris


def test_quote_mismatch_is_reported_on_the_document_with_the_quote_in_the_message() -> None:
    report = validate_graph(fixture("evidence/invalid-quote-mismatch.ttl"))
    (result,) = report.results
    assert result.severity == "Warning"
    assert result.focus == f"{ID}document/004-x-txt"
    assert (result.document, result.quote) == ("004_x.txt", None)
    assert '"Prowiders"' in result.message
    assert "6-15" in result.message


def test_broken_shapes_file_is_a_user_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken.ttl").write_text("ckgsh:LotShape a sh:NodeShape", encoding="utf-8")
    monkeypatch.setattr(validate_module, "shapes_dir", lambda: tmp_path)
    validate_module.load_shapes.cache_clear()
    try:
        with pytest.raises(ShapesError, match="broken.ttl"):
            validate_module.load_shapes()
    finally:
        validate_module.load_shapes.cache_clear()


def test_empty_shapes_folder_is_a_user_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validate_module, "shapes_dir", lambda: tmp_path)
    validate_module.load_shapes.cache_clear()
    try:
        with pytest.raises(ShapesError, match="no SHACL shapes"):
            validate_module.load_shapes()
    finally:
        validate_module.load_shapes.cache_clear()


@pytest.mark.parametrize(
    ("start", "end", "in_order"),
    [
        (
            Literal("2021-04-15", datatype=XSD.date),
            Literal("2021-04", datatype=XSD.gYearMonth),
            True,
        ),
        (Literal("2021-04-15", datatype=XSD.date), Literal("2021", datatype=XSD.gYear), True),
        (Literal("2021", datatype=XSD.gYear), Literal("2021-01-01", datatype=XSD.date), True),
        (
            Literal("2021-04-15", datatype=XSD.date),
            Literal("2021-03", datatype=XSD.gYearMonth),
            False,
        ),
        (Literal("2021-04", datatype=XSD.gYearMonth), Literal("2020", datatype=XSD.gYear), False),
    ],
)
def test_date_order_compares_mixed_precision_by_what_the_dates_can_mean(
    start: Literal, end: Literal, in_order: bool
) -> None:
    """An end is only "before" a start when even its last possible day precedes the start."""
    graph = fixture("framework/valid.ttl")
    framework = URIRef(f"{ID}framework/leicester/live-in-care")
    graph.remove((framework, CKG.maxEndDate, None))
    graph.set((framework, CKG.startDate, start))
    graph.set((framework, CKG.endDate, end))
    report = validate_graph(graph)
    assert report.conforms is in_order
    assert report.violations == (0 if in_order else 1)
