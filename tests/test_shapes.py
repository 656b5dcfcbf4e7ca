"""Every SHACL shape accepts what it should and rejects what it should, for the stated reason.

Each fixture under tests/data/shapes/<shape>/ is validated merged with
tests/data/shapes/common.ttl (one council, document, service area and evidence
span) against all of shapes/, exactly as `carekg validate` runs them. Accepted
fixtures must give no result at all; rejected ones must give exactly the results
in the table, so a shape that fires for the wrong reason, or also fires
elsewhere, fails the test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from graphbuild.resources import ontology_file, shapes_dir
from graphbuild.validate import CKG, load_shapes, short

DATA = Path(__file__).parent / "data" / "shapes"
ID = "https://w3id.org/carekg/id/"
MODEL = Path(__file__).resolve().parents[1] / "docs" / "model.md"

FW = "framework/leicester/live-in-care"
LOT = f"{FW}/lot/2"
CONTRACT = "contract/leicester/live-in-care-block"
AMOUNT = "area-figure/004-x-txt/live-in-care/value"
STAT = "statistic/004-x-txt/10"
EVIDENCE = "evidence/004-x-txt/6-15"
V, W = "Violation", "Warning"

# (fixture, [(focus node relative to ID, sh:resultPath or None, sh:sourceShape in ckgsh:,
#             sh:sourceConstraintComponent without sh: and ConstraintComponent, severity)])
REJECTED: list[tuple[str, list[tuple[str, str | None, str, str, str]]]] = [
    (
        "match-candidate/invalid-one-candidate-score-too-high.ttl",
        [
            (
                "match/brightside-care--brightsyde-care",
                "ckg:candidate",
                "MatchCandidate-candidate",
                "MinCount",
                V,
            ),
            (
                "match/brightside-care--brightsyde-care",
                "ckg:matchScore",
                "MatchCandidate-score",
                "MaxInclusive",
                V,
            ),
        ],
    ),
    (
        "source-document/invalid-bad-sha256.ttl",
        [
            ("document/005-y-pdf", "ckg:sha256", "SourceDocument-sha256", "Pattern", V),
        ],
    ),
    (
        "source-document/invalid-no-publisher.ttl",
        [
            (
                "document/005-y-pdf",
                "dcterms:publisher",
                "SourceDocument-publisherPresent",
                "MinCount",
                W,
            ),
        ],
    ),
    (
        "question/invalid-no-document.ttl",
        [
            ("question/004-x-txt/1", "ckg:inDocument", "Question-inDocument", "MinCount", V),
        ],
    ),
    (
        "extraction-warning/invalid-empty-message.ttl",
        [
            ("warning/004-x-txt/0", "rdfs:comment", "ExtractionWarning-message", "MinLength", V),
        ],
    ),
    (
        "council/invalid-two-names.ttl",
        [
            ("council/rutland", "skos:prefLabel", "prefLabelSingle", "MaxCount", W),
        ],
    ),
    (
        "department/invalid-no-council.ttl",
        [
            (
                "council/leicester/department/adult-social-care",
                "org:unitOf",
                "Department-unitOf",
                "MinCount",
                V,
            ),
        ],
    ),
    (
        "organisation/invalid-unknown-role.ttl",
        [
            ("organisation/care-quality-commission", "ckg:role", "Organisation-role", "In", V),
        ],
    ),
    (
        "organisation/invalid-no-name-key.ttl",
        [
            (
                "organisation/care-quality-commission",
                "ckg:nameKey",
                "Organisation-nameKey",
                "MinCount",
                V,
            ),
        ],
    ),
    (
        "provider/invalid-no-role.ttl",
        [
            (
                "organisation/bluewood-recruitment",
                "ckg:role",
                "Organisation-rolePresent",
                "MinCount",
                W,
            ),
            ("organisation/bluewood-recruitment", "ckg:role", "Provider-role", "HasValue", W),
        ],
    ),
    (
        "provider/invalid-not-organisation.ttl",
        [
            ("organisation/bluewood-recruitment", None, "ProviderShape", "Class", V),
        ],
    ),
    (
        "framework/invalid-end-before-start.ttl",
        [
            (FW, "ckg:endDate", "FrameworkDateOrderShape", "SPARQL", V),
        ],
    ),
    (
        "framework/invalid-end-year-before-start.ttl",
        [
            (FW, "ckg:endDate", "FrameworkDateOrderShape", "SPARQL", V),
        ],
    ),
    (
        "framework/invalid-max-end-before-end.ttl",
        [
            (FW, "ckg:maxEndDate", "FrameworkDateOrderShape", "SPARQL", V),
        ],
    ),
    (
        "framework/invalid-start-not-a-date.ttl",
        [
            (FW, "ckg:startDate", "Framework-startDate", "Or", V),
        ],
    ),
    (
        "framework/invalid-no-buyer.ttl",
        [
            (FW, "ckg:buyer", "Framework-buyer", "MinCount", V),
        ],
    ),
    (
        "framework/invalid-responses-disagree.ttl",
        [(FW, "ckg:endDate", "FrameworkValuesAgreeShape", "SPARQL", W)],
    ),
    (
        "contract/invalid-responses-disagree.ttl",
        [(CONTRACT, "ckg:termMonths", "ContractValuesAgreeShape", "SPARQL", W)],
    ),
    (
        "framework/invalid-no-lots-or-providers.ttl",
        [
            (FW, None, "FrameworkHasMembersShape", "Or", W),
        ],
    ),
    (
        "lot/invalid-no-framework.ttl",
        [
            (LOT, "ckg:partOfFramework", "Lot-partOfFramework", "MinCount", V),
        ],
    ),
    (
        "lot/invalid-no-providers.ttl",
        [
            (LOT, "^ckg:lot", "Lot-members", "MinCount", W),
        ],
    ),
    (
        "lot-membership/invalid-provider-not-organisation.ttl",
        [
            (
                f"{LOT}/member/bluewood-recruitment",
                "ckg:provider",
                "LotMembership-provider",
                "Class",
                V,
            ),
        ],
    ),
    (
        "contract/invalid-end-before-start.ttl",
        [
            (CONTRACT, "ckg:endDate", "ContractDateOrderShape", "SPARQL", V),
        ],
    ),
    (
        "contract/invalid-term-not-integer.ttl",
        [
            (CONTRACT, "ckg:termMonths", "Contract-termMonths", "Datatype", V),
            # "3 years" cannot be compared with 1 either; SHACL reports that too.
            (CONTRACT, "ckg:termMonths", "Contract-termMonths", "MinInclusive", V),
        ],
    ),
    (
        "contract/invalid-no-supplier-no-value.ttl",
        [
            (CONTRACT, None, "ContractSubstanceShape", "Or", W),
        ],
    ),
    (
        "monetary-amount/invalid-not-numeric.ttl",
        [
            (AMOUNT, "ckg:amount", "MonetaryAmount-amount", "Datatype", V),
        ],
    ),
    (
        "monetary-amount/invalid-integer-amount.ttl",
        [
            (AMOUNT, "ckg:amount", "MonetaryAmount-amount", "Datatype", V),
        ],
    ),
    (
        "monetary-amount/invalid-negative.ttl",
        [
            (AMOUNT, "ckg:amount", "MonetaryAmount-amountNotNegative", "Or", W),
        ],
    ),
    (
        "unit-price/invalid-min-above-max.ttl",
        [
            ("price/004-x-txt/40", "ckg:minPrice", "UnitPrice-minPrice", "LessThanOrEquals", V),
        ],
    ),
    (
        "unit-price/invalid-no-number.ttl",
        [
            ("price/004-x-txt/40", None, "UnitPriceHasNumberShape", "Or", V),
        ],
    ),
    (
        "area-figure/invalid-count-not-integer.ttl",
        [
            (
                "area-figure/004-x-txt/live-in-care",
                "ckg:activeContracts",
                "AreaFigure-activeContracts",
                "Datatype",
                V,
            ),
        ],
    ),
    (
        "area-figure/invalid-no-figures.ttl",
        [
            ("area-figure/004-x-txt/live-in-care", None, "AreaFigureHasFigureShape", "Or", W),
        ],
    ),
    (
        "statistic/invalid-no-unit.ttl",
        [
            (STAT, "ckg:unit", "Statistic-unitPresent", "MinCount", W),
        ],
    ),
    (
        "statistic/invalid-value-not-decimal.ttl",
        [
            (STAT, "ckg:value", "Statistic-value", "Datatype", V),
        ],
    ),
    (
        "service-area/invalid-no-scheme.ttl",
        [
            ("service-area/home-care", "skos:inScheme", "ServiceArea-inScheme", "HasValue", V),
        ],
    ),
    (
        "refusal/invalid-unknown-basis.ttl",
        [
            ("refusal/004-x-txt/q2-rates", "ckg:legalBasis", "Refusal-legalBasis", "In", V),
        ],
    ),
    (
        "evidenced-fact/invalid-no-evidence.ttl",
        [
            (STAT, "prov:qualifiedDerivation", "Fact-qualifiedDerivation", "QualifiedMinCount", V),
            (STAT, "prov:wasDerivedFrom", "Fact-wasDerivedFrom", "MinCount", V),
        ],
    ),
    (
        "evidenced-fact/invalid-evidence-without-quote.ttl",
        [
            (STAT, "prov:qualifiedDerivation", "Fact-qualifiedDerivation", "QualifiedMinCount", V),
            (EVIDENCE, "oa:hasSelector", "Evidence-quoteSelector", "QualifiedMinCount", V),
        ],
    ),
    (
        "evidence/invalid-entity-not-document.ttl",
        [
            (EVIDENCE, "prov:entity", "Evidence-entity", "Class", V),
        ],
    ),
    (
        "evidence/invalid-quote-mismatch.ttl",
        [
            ("document/004-x-txt", None, "EvidenceQuoteMatchesShape", "SPARQL", W),
        ],
    ),
    (
        "text-position-selector/invalid-end-before-start.ttl",
        [
            (f"{EVIDENCE}/position", "oa:start", "TextPositionSelector-start", "LessThan", V),
        ],
    ),
    (
        "text-position-selector/invalid-start-not-integer.ttl",
        [
            (f"{EVIDENCE}/position", "oa:start", "TextPositionSelector-start", "Or", V),
        ],
    ),
    (
        "text-quote-selector/invalid-empty-exact.ttl",
        [
            (f"{EVIDENCE}/quote", "oa:exact", "TextQuoteSelector-exact", "MinLength", V),
        ],
    ),
]

ACCEPTED = sorted(str(p.relative_to(DATA)) for p in DATA.glob("*/valid.ttl"))


def fixture_graph(name: str) -> Graph:
    """The fixture merged with the shared context it relies on."""
    graph = Graph()
    graph.parse(DATA / "common.ttl", format="turtle")
    graph.parse(DATA / name, format="turtle")
    return graph


def run_shapes(data: Graph) -> set[tuple[str, str | None, str, str, str]]:
    """Run pyshacl directly (not through graphbuild.validate) and read its results graph."""
    _, results, _ = pyshacl.validate(data, shacl_graph=load_shapes(), inference="none")
    found = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        path = results.value(result, SH.resultPath)
        inverse = results.value(path, SH.inversePath) if path is not None else None
        found.add(
            (
                str(results.value(result, SH.focusNode)).removeprefix(ID),
                ("^" + short(inverse)) if inverse is not None else (short(path) or None),
                short(results.value(result, SH.sourceShape)).removeprefix("ckgsh:"),
                short(results.value(result, SH.sourceConstraintComponent))
                .removeprefix("sh:")
                .removesuffix("ConstraintComponent"),
                short(results.value(result, SH.resultSeverity)).removeprefix("sh:"),
            )
        )
    return found


def test_common_context_alone_conforms() -> None:
    assert run_shapes(Graph().parse(DATA / "common.ttl", format="turtle")) == set()


@pytest.mark.parametrize("name", ACCEPTED)
def test_shape_accepts(name: str) -> None:
    assert run_shapes(fixture_graph(name)) == set()


@pytest.mark.parametrize(("name", "expected"), REJECTED, ids=[name for name, _ in REJECTED])
def test_shape_rejects(name: str, expected: list[tuple[str, str | None, str, str, str]]) -> None:
    assert run_shapes(fixture_graph(name)) == set(expected)


def test_every_fixture_is_in_a_table() -> None:
    """A fixture nobody asserts anything about would be dead weight, or a forgotten test."""
    on_disk = {str(p.relative_to(DATA)) for p in DATA.glob("*/*.ttl")}
    assert on_disk == set(ACCEPTED) | {name for name, _ in REJECTED}


def test_every_shape_has_accepted_and_rejected_data() -> None:
    folders = {p.name for p in DATA.iterdir() if p.is_dir()}
    rejected = {name.split("/")[0] for name, _ in REJECTED}
    accepted = {name.split("/")[0] for name in ACCEPTED}
    assert folders == rejected == accepted


def test_rejected_fixtures_cover_the_required_cases() -> None:
    names = {name for name, _ in REJECTED}
    assert {
        "lot/invalid-no-framework.ttl",
        "monetary-amount/invalid-not-numeric.ttl",
        "framework/invalid-end-before-start.ttl",
        "contract/invalid-end-before-start.ttl",
        "evidenced-fact/invalid-no-evidence.ttl",
    } <= names


# --- the shapes files themselves -------------------------------------------------------


def _shapes_graph() -> Graph:
    return load_shapes()


def _all_shapes(graph: Graph) -> set:
    shapes = set(graph.subjects(RDF.type, SH.NodeShape)) | set(
        graph.subjects(RDF.type, SH.PropertyShape)
    )
    return {s for s in shapes if isinstance(s, URIRef)}


def test_every_named_shape_has_a_name() -> None:
    missing = [
        short(s) for s in _all_shapes(_shapes_graph()) if _shapes_graph().value(s, SH.name) is None
    ]
    assert missing == []


CONSTRAINTS = (
    SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH["in"], SH.hasValue, SH.pattern,
    SH.minLength, SH["or"], SH.nodeKind, SH.minInclusive, SH.lessThan, SH.lessThanOrEquals,
    SH.qualifiedValueShape,
)  # fmt: skip


def test_every_constraint_has_a_message_and_a_severity() -> None:
    graph = _shapes_graph()
    bad = []
    for shape in _all_shapes(graph):
        constrains = any(graph.value(shape, c) is not None for c in CONSTRAINTS)
        explained = graph.value(shape, SH.message) and graph.value(shape, SH.severity)
        if constrains and not explained:
            bad.append(short(shape))
    for constraint in graph.objects(None, SH.sparql):
        if graph.value(constraint, SH.message) is None:
            bad.append(str(constraint))
    assert bad == []


def test_one_shapes_file_per_module() -> None:
    names = {p.stem for p in shapes_dir().glob("*.ttl")}
    assert {"documents", "organisations", "frameworks", "contracts", "figures", "refusals"} <= names
    assert "evidence" in names


# --- the ontology --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


def _ckg_terms(graph: Graph, types: tuple[URIRef, ...]) -> set[URIRef]:
    return {
        s
        for t in types
        for s in graph.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(str(CKG))
    }


def test_ontology_parses_and_declares_itself(ontology: Graph) -> None:
    header = URIRef("https://w3id.org/carekg/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionInfo) is not None
    assert ontology.value(header, URIRef("http://purl.org/dc/terms/license")) is not None


def test_every_ckg_class_and_property_has_label_and_comment(ontology: Graph) -> None:
    terms = _ckg_terms(
        ontology, (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype)
    )
    assert len(terms) > 60
    bare = [
        short(t)
        for t in terms
        if ontology.value(t, RDFS.label) is None or ontology.value(t, RDFS.comment) is None
    ]
    assert bare == []


def _model_terms() -> set[str]:
    return set(re.findall(r"`?ckg:([A-Za-z][A-Za-z0-9]*)", MODEL.read_text(encoding="utf-8")))


def test_every_term_in_the_model_is_declared(ontology: Graph) -> None:
    declared = {
        str(s).removeprefix(str(CKG)) for s in ontology.subjects() if str(s).startswith(str(CKG))
    }
    assert _model_terms() - declared == set()


def _model_classes(ontology: Graph) -> set[URIRef]:
    """Classes in the first column of the model table (skipping ontology-only concepts)."""
    rows = [
        line
        for line in MODEL.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `ckg:")
    ]
    names = {name for row in rows for name in re.findall(r"ckg:(\w+)", row.split("|")[1])}
    names.add("Evidence")  # typed in the model's evidence block rather than the table
    classes = {CKG[name] for name in names}
    return {c for c in classes if (c, RDF.type, OWL.Class) in ontology}


def test_every_model_class_has_a_shape(ontology: Graph) -> None:
    targeted = set(_shapes_graph().objects(None, SH.targetClass))
    classes = _model_classes(ontology)
    assert len(classes) >= 17
    assert classes - targeted == set()


def test_shapes_only_target_declared_classes(ontology: Graph) -> None:
    targeted = {
        t for t in _shapes_graph().objects(None, SH.targetClass) if str(t).startswith(str(CKG))
    }
    assert targeted - set(ontology.subjects(RDF.type, OWL.Class)) == set()


def test_exemptions_and_roles_carry_their_notations(ontology: Graph) -> None:
    notation = URIRef("http://www.w3.org/2004/02/skos/core#notation")
    assert str(ontology.value(CKG.S40PersonalData, notation)) == "s40(2)"
    assert str(ontology.value(CKG.S43CommercialInterests, notation)) == "s43(2)"
    assert str(ontology.value(CKG.S1NotHeld, notation)) == "s1(1)"
    assert str(ontology.value(CKG.CoCommissionerRole, notation)) == "co-commissioner"


def test_jsonld_context_covers_every_ckg_term(ontology: Graph) -> None:
    context_file = ontology_file().parent / "context.jsonld"
    context = json.loads(context_file.read_text(encoding="utf-8"))["@context"]
    mapped = {
        v if isinstance(v, str) else v["@id"] for v in context.values() if isinstance(v, str | dict)
    }
    terms = _ckg_terms(ontology, (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty))
    assert {short(t) for t in terms} - mapped == set()


def test_jsonld_context_expands_to_the_ontology_terms() -> None:
    context = json.loads((ontology_file().parent / "context.jsonld").read_text(encoding="utf-8"))
    doc = {
        **context,
        "@id": f"{ID}contract/leicester/x",
        "type": "Contract",
        "buyer": f"{ID}council/leicester",
        "termMonths": 36,
    }
    graph = Graph().parse(data=json.dumps(doc), format="json-ld")
    node = URIRef(f"{ID}contract/leicester/x")
    assert (node, RDF.type, CKG.Contract) in graph
    assert (node, CKG.buyer, URIRef(f"{ID}council/leicester")) in graph
    assert graph.value(node, CKG.termMonths).toPython() == 36


def test_shapes_are_themselves_valid_shacl() -> None:
    """SHACL-SHACL (pyshacl's meta_shacl) rejects malformed shapes before they mislead."""
    conforms, _, text = pyshacl.validate(
        Graph(), shacl_graph=load_shapes(), meta_shacl=True, inference="none"
    )
    assert conforms, text


@pytest.mark.parametrize("path", sorted(shapes_dir().glob("*.ttl")), ids=lambda p: p.name)
def test_each_shapes_file_runs_on_its_own(path: Path) -> None:
    """Modules are self-contained (their own prefixes for SPARQL), so any one can be reused."""
    shapes = Graph().parse(path, format="turtle")
    conforms, results, text = pyshacl.validate(
        fixture_graph("framework/valid.ttl"), shacl_graph=shapes, inference="none"
    )
    assert isinstance(results, Graph), text
    assert conforms, text
