"""Validate a carekg graph against the SHACL shapes and explain each result in words.

pyshacl's own text report names blank nodes and full IRIs; an analyst needs the
name of the framework or lot, the property, the rule broken and the words in the
response that produced the node, so they can open the document and check. We
therefore read pyshacl's results *graph* and look each focus node up in the data.

Shapes are run without the ontology and without inference: the data carries every
rdf:type explicitly (docs/model.md), so what is validated is exactly what is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

import pyshacl
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS, XSD
from rdflib.term import BNode, Node

from graphbuild.errors import CarekgError, one_line
from graphbuild.resources import shapes_dir

CKG = Namespace("https://w3id.org/carekg/ontology#")
CKGSH = Namespace("https://w3id.org/carekg/shapes#")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

PREFIXES: dict[str, str] = {
    "ckg": str(CKG),
    "ckgsh": str(CKGSH),
    "prov": str(PROV),
    "oa": str(OA),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "org": str(ORG),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "sh": str(SH),
    "xsd": str(XSD),
    "schema": "https://schema.org/",
    "epo": "http://data.europa.eu/a4g/ontology#",
}

LABEL_WIDTH = 40
QUOTE_WIDTH = 80
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
# Links from a node to the node that gives it context in a report line: a lot is
# read as "Lot 2 (<framework>)", a department as "<name> (<council>)".
_PARENT_LINKS = (CKG.partOfFramework, ORG.unitOf, CKG.lot)
# Unlabelled facts (statistics, refusals, questions) are named by what they are about.
_LABEL_PROPERTIES = (
    (SKOS.prefLabel, "{}"),
    (RDFS.label, "{}"),
    (DCTERMS.title, "{}"),
    (CKG.fileName, "{}"),
    (CKG.measure, "{}"),
    (CKG.question, "refusal of {}"),
    (CKG.questionNumber, "question {}"),
)


class ShapesError(CarekgError):
    """The shapes could not be read or run: a broken shapes file, not bad data."""


class GraphStore(Protocol):
    """The one thing validation needs from graphbuild.store: the union of its graphs."""

    def to_rdflib_graph(self) -> Graph: ...


@dataclass(frozen=True)
class ResultLine:
    """One SHACL result, with the IRIs for machines and the words for people."""

    severity: str  # Violation | Warning | Info
    focus: str  # IRI (or blank-node id) of the focus node
    focus_label: str
    path: str | None  # prefixed, e.g. ckg:endDate; "^ckg:lot" for an inverse path
    message: str
    source_shape: str  # prefixed shape IRI
    component: str  # prefixed constraint component, e.g. sh:MinCountConstraintComponent
    value: str | None = None
    document: str | None = None  # file name of the source document
    quote: str | None = None  # evidence quote, truncated

    def __str__(self) -> str:
        where = ""
        if self.document:
            quote = f': "{self.quote}"' if self.quote is not None else ""
            where = f"  [{self.document}{quote}]"
        return f"{self.severity:<9}  {self.focus_label}  {self.path or '-'}  {self.message}{where}"


@dataclass
class ValidationReport:
    """Counts and readable lines; `conforms` ignores warnings, which flag doubt, not error."""

    conforms: bool
    violations: int
    warnings: int
    results: list[ResultLine] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def validate_graph(data: Graph) -> ValidationReport:
    """Validate `data` against every shape in shapes/ and explain the results."""
    _, results_graph, text = pyshacl.validate(
        data,
        shacl_graph=load_shapes(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        meta_shacl=False,
        advanced=False,
    )
    if not isinstance(results_graph, Graph):  # pyshacl reports a broken shape this way
        raise ShapesError(f"validate: the shapes could not be run: {one_line(text)}")
    results = sorted(
        (_result_line(results_graph, r, data) for r in _result_nodes(results_graph)),
        key=lambda line: (_SEVERITY_ORDER.get(line.severity, 9), line.focus_label, line.path or ""),
    )
    violations = sum(1 for r in results if r.severity == "Violation")
    warnings = sum(1 for r in results if r.severity == "Warning")
    return ValidationReport(
        conforms=violations == 0,
        violations=violations,
        warnings=warnings,
        results=results,
        lines=[str(r) for r in results],
    )


def validate_store(store: GraphStore) -> ValidationReport:
    """Validate everything in the store at once, so cross-document links are checked too."""
    return validate_graph(store.to_rdflib_graph())


@lru_cache(maxsize=1)
def load_shapes() -> Graph:
    """Read every shapes/*.ttl into one graph, once per process: shapes are fixed at run time."""
    shapes = Graph()
    files = sorted(shapes_dir().glob("*.ttl"))
    if not files:
        raise ShapesError(f"validate: no SHACL shapes found in {shapes_dir()}")
    for path in files:
        try:
            shapes.parse(path, format="turtle")
        except Exception as exc:  # rdflib's parsers raise several unrelated types
            raise ShapesError(f"{path.name}: not valid Turtle: {one_line(exc)}") from None
    return shapes


def short(node: Node | None) -> str:
    """Render an IRI with the project's prefixes (ckg:endDate); other nodes as-is."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, namespace in PREFIXES.items():
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
        return _short_iri(text)
    return str(node)


def _result_nodes(results_graph: Graph) -> list[Node]:
    return list(results_graph.subjects(RDF.type, SH.ValidationResult))


def _result_line(results_graph: Graph, result: Node, data: Graph) -> ResultLine:
    focus = results_graph.value(result, SH.focusNode)
    value = results_graph.value(result, SH.value)
    document, quote = _evidence(data, focus)
    return ResultLine(
        severity=short(results_graph.value(result, SH.resultSeverity)).removeprefix("sh:"),
        focus=str(focus),
        focus_label=describe(data, focus),
        path=_path_text(results_graph, results_graph.value(result, SH.resultPath)),
        message=_message(results_graph, result),
        source_shape=short(results_graph.value(result, SH.sourceShape)),
        component=short(results_graph.value(result, SH.sourceConstraintComponent)),
        value=None if value is None else _truncate(str(value), QUOTE_WIDTH),
        document=document,
        quote=quote,
    )


def _message(results_graph: Graph, result: Node) -> str:
    messages = sorted(str(m) for m in results_graph.objects(result, SH.resultMessage))
    if messages:
        return messages[0]
    return short(results_graph.value(result, SH.sourceConstraintComponent))


def _path_text(results_graph: Graph, path: Node | None) -> str | None:
    """Prefixed form of a SHACL path; inverse paths (used for "has members") as ^p."""
    if path is None:
        return None
    if isinstance(path, BNode):
        inverse = results_graph.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + short(inverse)
        return "(complex path)"
    return short(path)


def describe(data: Graph, node: Node | None) -> str:
    """A reader's name for a node: its label, its parent's label, or a short IRI."""
    if node is None:
        return "-"
    own = _label(data, node)
    parent = next((o for p in _PARENT_LINKS for o in data.objects(node, p)), None)
    if own is None and parent is None:
        owner = _owner(data, node)
        if owner is not None:
            prop, subject = owner
            return f"{short(prop)} of {describe(data, subject)}"
    provider = data.value(node, CKG.provider)
    if own is None and provider is not None:
        own = _label(data, provider) or _short_iri(str(provider))
    name = own or _short_iri(str(node))
    if parent is not None:
        parent_name = _label(data, parent) or _short_iri(str(parent))
        return f"{_truncate(name, LABEL_WIDTH)} ({_truncate(parent_name, LABEL_WIDTH)})"
    return _truncate(name, LABEL_WIDTH)


def _label(data: Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    for prop, template in _LABEL_PROPERTIES:
        labels = sorted(str(v) for v in data.objects(node, prop) if isinstance(v, Literal))
        if labels:
            return template.format(labels[0])
    return None


def _owner(data: Graph, node: Node) -> tuple[Node, Node] | None:
    """The node that points at an unlabelled node (a value, a selector), for context."""
    links = sorted(data.subject_predicates(node), key=lambda sp: (str(sp[1]), str(sp[0])))
    for subject, prop in links:
        if prop != RDF.type and subject != node:
            return prop, subject
    return None


def _evidence(data: Graph, focus: Node | None) -> tuple[str | None, str | None]:
    """File name and quote of the first evidence for `focus` or the node that owns it."""
    if focus is None:
        return None, None
    if data.value(focus, CKG.fileName) is not None:  # a document is its own evidence
        return _file_name(data, focus), None
    for candidate in _evidence_candidates(data, focus):
        file_name = _file_name(data, data.value(candidate, PROV.entity))
        if file_name is not None:
            return file_name, _quote(data, candidate)
    for doc_link in (CKG.inDocument, PROV.wasDerivedFrom):
        file_name = _file_name(data, data.value(focus, doc_link))
        if file_name is not None:
            return file_name, None
    return None, None


def _evidence_candidates(data: Graph, focus: Node) -> list[Node]:
    """Evidence nodes in order: the focus's own, the focus itself, then its owner's."""
    owners = [s for s, p in data.subject_predicates(focus) if p != RDF.type]
    nodes: list[Node] = []
    for node in [focus, *sorted(owners, key=str)]:
        nodes.extend(sorted(data.objects(node, PROV.qualifiedDerivation), key=str))
        if data.value(node, PROV.entity) is not None:
            nodes.append(node)
    return nodes


def _file_name(data: Graph, document: Node | None) -> str | None:
    if document is None:
        return None
    name = data.value(document, CKG.fileName)
    return None if name is None else str(name)


def _quote(data: Graph, evidence: Node) -> str | None:
    for selector in data.objects(evidence, OA.hasSelector):
        exact = data.value(selector, OA.exact)
        if exact is not None:
            return _truncate(" ".join(str(exact).split()), QUOTE_WIDTH)
    return None


def _truncate(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _short_iri(iri: str) -> str:
    """The readable tail of a data IRI: everything after /id/, else the last segment."""
    if "/id/" in iri:
        return iri.split("/id/", 1)[1]
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    return tail.rsplit("#", 1)[-1] or iri
