"""One document's named graph, and the nodes every kind of fact is written with.

Each fact in graphbuild/emit.py is a node of its own shape, but all of them
share the same pieces: the vocabulary, typed literals for dates and decimals,
the PROV derivation with its Web Annotation selectors that ties a node to the
words it came from, and the money, service area, department and organisation
nodes many facts point to. Written once here, they are the same for every fact.
See docs/model.md for the full shape.
"""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

from graphbuild.facts import DocumentFacts, Evidence, Money
from graphbuild.identity import Minter, name_key, slug

CKG = Namespace("https://w3id.org/carekg/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
ADMS = Namespace("http://www.w3.org/ns/adms#")


def date_literal(iso: str) -> Literal:
    """xsd:date, xsd:gYearMonth or xsd:gYear by precision; anything else a plain string."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return Literal(iso, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", iso):
        return Literal(iso, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", iso):
        return Literal(iso, datatype=XSD.gYear)
    return Literal(iso)


def decimal(value: Decimal) -> Literal:
    return Literal(format(value, "f"), datatype=XSD.decimal)


class DocumentGraph:
    """One document's named graph, and the nodes its facts share."""

    def __init__(
        self,
        facts: DocumentFacts,
        minter: Minter,
        media_type: str = "text/plain",
        keys: dict[str, str] | None = None,
    ) -> None:
        self.facts, self.mint = facts, minter
        self.keys = keys or {}  # name_key -> node key, from identity resolution
        self.name = facts.document
        self.graph = Graph(identifier=URIRef(minter.graph(self.name)))
        self.doc = URIRef(minter.document(self.name))
        self.council_name = facts.source.council or "Unknown publisher"
        self.council = URIRef(minter.council(self.council_name))
        self.media_type = media_type
        for prefix, ns in (
            ("ckg", CKG),
            ("oa", OA),
            ("prov", PROV),
            ("skos", SKOS),
            ("dcterms", DCTERMS),
            ("org", ORG),
        ):
            self.graph.bind(prefix, ns)

    def add(self, s: URIRef, p: URIRef, o) -> None:
        if o is not None:
            self.graph.add((s, p, o))

    def labelled(self, node: URIRef, cls: URIRef, label: str) -> URIRef:
        self.add(node, RDF.type, cls)
        self.add(node, SKOS.prefLabel, Literal(label))
        self.add(node, RDFS.label, Literal(label))
        return node

    def evidence(self, node: URIRef, ev: Evidence | None) -> None:
        """PROV derivation + Web Annotation selectors for the span the fact came from."""
        if ev is None:
            return
        iri = URIRef(self.mint.evidence(self.name, ev.start, ev.end))
        position, quote = URIRef(f"{iri}/position"), URIRef(f"{iri}/quote")
        text = self.facts.text
        self.add(node, PROV.wasDerivedFrom, self.doc)
        self.add(node, PROV.qualifiedDerivation, iri)
        for cls in (PROV.Derivation, CKG.Evidence):
            self.add(iri, RDF.type, cls)
        self.add(iri, PROV.entity, self.doc)
        self.add(iri, OA.hasSelector, position)
        self.add(iri, OA.hasSelector, quote)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(ev.start, datatype=XSD.nonNegativeInteger))
        self.add(position, OA["end"], Literal(ev.end, datatype=XSD.nonNegativeInteger))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(ev.quote))
        self.add(quote, OA.prefix, Literal(text[max(0, ev.start - 32) : ev.start]))
        self.add(quote, OA.suffix, Literal(text[ev.end : ev.end + 32]))

    def money(
        self, owner: URIRef, prop: URIRef, money: Money | None, suffix: str = "value"
    ) -> None:
        if money is None:
            return
        node = URIRef(f"{owner}/{suffix}/{slug(self.name)}")  # one per stating document
        self.add(owner, prop, node)
        self.add(node, RDF.type, CKG.MonetaryAmount)
        self.add(node, CKG.amount, decimal(money.amount))
        self.add(node, CKG.currency, Literal(money.currency))
        if money.period:
            self.add(node, CKG.period, Literal(money.period))
        if money.stated:
            self.add(node, CKG.statedAs, Literal(money.stated))

    def service(self, label: str | None) -> URIRef | None:
        if not label:
            return None
        node = URIRef(self.mint.service_area(label))
        self.add(node, RDF.type, CKG.ServiceArea)
        self.add(node, RDF.type, SKOS.Concept)
        self.add(node, SKOS.prefLabel, Literal(label))
        self.add(node, SKOS.inScheme, CKG.ServiceAreaScheme)
        return node

    def department(self, name: str | None) -> URIRef | None:
        if not name:
            return None
        node = self.labelled(
            URIRef(self.mint.department(self.council_name, name)), CKG.Department, name
        )
        self.add(node, ORG.unitOf, self.council)
        return node

    def organisation(self, name: str) -> URIRef:
        key = self.keys.get(name_key(name), name_key(name))
        return URIRef(self.mint.organisation_by_key(key))
