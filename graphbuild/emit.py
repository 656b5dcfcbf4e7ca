"""Facts -> triples: one named graph per document, every fact tied to its words.

Each fact node gets prov:wasDerivedFrom its document and a prov:Derivation
carrying Web Annotation selectors (start, end, exact quote). Values are
normalised (xsd:decimal, xsd:date) and the words as stated are kept beside
them. See docs/model.md for the full shape and docs/decisions/ for why. This
module holds each kind of fact's shape; the pieces they share (evidence, money,
service area, department and organisation nodes, typed literals) are in
graphbuild/document_graph.py.
"""

from __future__ import annotations

import hashlib
import re

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from graphbuild.document_graph import ADMS, CKG, DocumentGraph, date_literal, decimal
from graphbuild.facts import DocumentFacts, PriceRange
from graphbuild.identity import Minter, name_key, slug

SCHEME_AGENCIES = {
    "companies-house": "Companies House",
    "charity": "Charity Commission",
    "cqc-provider": "Care Quality Commission (provider)",
    "cqc-location": "Care Quality Commission (location)",
}
ROLES = {
    "provider": CKG.ProviderRole,
    "co-commissioner": CKG.CoCommissionerRole,
    "regulator": CKG.RegulatorRole,
    "other": CKG.OtherRole,
}
EXEMPTIONS = {
    "1": CKG.S1NotHeld,
    "12": CKG.S12Cost,
    "14": CKG.S14Vexatious,
    "21": CKG.S21OtherMeans,
    "22": CKG.S22FuturePublication,
    "31": CKG.S31LawEnforcement,
    "36": CKG.S36Prejudice,
    "38": CKG.S38HealthSafety,
    "40": CKG.S40PersonalData,
    "41": CKG.S41Confidence,
    "43": CKG.S43CommercialInterests,
    "44": CKG.S44Prohibition,
}


class DocumentEmitter(DocumentGraph):
    """Writes one document's facts into its named graph: one method per kind of fact."""

    def emit(self) -> Graph:
        for step in (
            self.emit_document,
            self.emit_organisations,
            self.emit_frameworks,
            self.emit_contracts,
            self.emit_areas,
            self.emit_statistics,
            self.emit_prices,
            self.emit_refusals,
            self.emit_questions,
            self.emit_warnings,
        ):
            step()
        return self.graph

    def emit_document(self) -> None:
        source, doc = self.facts.source, self.doc
        self.labelled(self.council, CKG.PublicBody, self.council_name)
        if re.search(r"(?i)\bcouncil\b", self.council_name or ""):
            self.add(self.council, RDF.type, CKG.Council)  # an ICB or trust is not a council
        self.add(doc, RDF.type, CKG.SourceDocument)
        self.add(doc, RDFS.label, Literal(self.name))
        self.add(doc, CKG.fileName, Literal(self.name))
        self.add(doc, CKG.text, Literal(self.facts.text))
        self.add(doc, CKG.mediaType, Literal(self.media_type))
        digest = hashlib.sha256(self.facts.text.encode("utf-8")).hexdigest()
        self.add(doc, CKG.sha256, Literal(digest))
        self.add(doc, DCTERMS.publisher, self.council)
        self.add(doc, PROV.wasAttributedTo, self.council)
        if source.title:
            self.add(doc, DCTERMS.title, Literal(source.title))
        if source.reference:
            self.add(doc, DCTERMS.identifier, Literal(source.reference))
        if source.date:
            self.add(doc, DCTERMS.date, date_literal(source.date))

    def emit_organisations(self) -> None:
        for org in self.facts.organisations:
            node = self.organisation(org.name)
            cls = CKG.Provider if org.role == "provider" else CKG.Organisation
            self.labelled(node, cls, org.preferred or org.name)
            if cls == CKG.Provider:
                self.add(node, RDF.type, CKG.Organisation)
            self.add(node, CKG.role, ROLES.get(org.role, CKG.OtherRole))
            self.add(node, CKG.nameKey, Literal(org.key or name_key(org.name)))
            for alias in [org.name, *org.aliases] if org.preferred else org.aliases:
                self.add(node, SKOS.altLabel, Literal(alias))
            for scheme, value in sorted(org.identifiers.items()):
                identifier = URIRef(f"{node}/identifier/{slug(scheme)}")
                self.add(node, CKG.identifier, identifier)
                self.add(identifier, RDF.type, ADMS.Identifier)
                self.add(identifier, SKOS.notation, Literal(value))
                self.add(
                    identifier, ADMS.schemeAgency, Literal(SCHEME_AGENCIES.get(scheme, scheme))
                )
            self.evidence(node, org.evidence)
            for other, score, reason in org.candidates:
                self.emit_candidate(node, org, other, score, reason)

    def emit_candidate(self, node: URIRef, org, other: str, score: float, reason: str) -> None:
        """Unsure whether two names are one provider: link them, scored, and do not merge."""
        other_node = URIRef(self.mint.organisation_by_key(other))
        match = URIRef(self.mint.match(org.key or name_key(org.name), other))
        self.add(node, SKOS.closeMatch, other_node)
        self.add(match, RDF.type, CKG.MatchCandidate)
        self.add(match, RDFS.label, Literal(f"{org.name} may be {other}"))
        self.add(match, CKG.candidate, node)
        self.add(match, CKG.candidate, other_node)
        self.add(match, CKG.matchScore, Literal(f"{score:.3f}", datatype=XSD.decimal))
        if reason:
            self.add(match, RDFS.comment, Literal(reason))
        self.evidence(match, org.evidence)

    def emit_frameworks(self) -> None:
        for fw in self.facts.frameworks:
            node = self.labelled(
                URIRef(self.mint.framework(self.council_name, fw.name)), CKG.Framework, fw.name
            )
            self.add(node, CKG.buyer, self.council)
            self.add(node, CKG.kind, Literal(fw.kind))
            self.add(node, CKG.service, self.service(fw.service))
            for prop, value in (
                (CKG.startDate, fw.start),
                (CKG.endDate, fw.end),
                (CKG.maxEndDate, fw.max_end),
            ):
                if value:
                    self.add(node, prop, date_literal(value))
            if fw.extension:
                self.add(node, CKG.extension, Literal(fw.extension))
            for partner in fw.partners:
                self.add(node, CKG.coCommissioner, self.organisation(partner))
            self.money(node, CKG.estimatedValue, fw.value)
            self.evidence(node, fw.evidence)
            for lot in fw.lots:
                self.emit_lot(node, fw.name, lot)

    def emit_lot(self, framework: URIRef, framework_name: str, lot) -> None:
        node = URIRef(self.mint.lot(str(framework), lot.number))
        self.add(node, RDF.type, CKG.Lot)
        self.add(node, RDFS.label, Literal(f"Lot {lot.number} ({framework_name})"))
        self.add(node, SKOS.prefLabel, Literal(f"Lot {lot.number}"))
        self.add(node, CKG.lotNumber, Literal(lot.number))
        self.add(node, CKG.partOfFramework, framework)
        if lot.title:
            self.add(node, DCTERMS.title, Literal(lot.title))
        self.money(node, CKG.estimatedValue, lot.value)
        self.evidence(node, lot.evidence)
        for price in lot.prices:
            price_node = URIRef(f"{node}/price/{price.unit}")
            self.add(node, CKG.price, price_node)
            self.emit_price(price_node, price)
        for member in lot.members:
            m_node = URIRef(self.mint.membership(str(node), member.provider))
            self.add(m_node, RDF.type, CKG.LotMembership)
            self.add(m_node, RDFS.label, Literal(f"{member.provider} on Lot {lot.number}"))
            self.add(m_node, CKG.lot, node)
            self.add(m_node, CKG.provider, self.organisation(member.provider))
            self.evidence(m_node, member.evidence)

    def emit_price(self, node: URIRef, price: PriceRange) -> None:
        self.add(node, RDF.type, CKG.UnitPrice)
        label = f"{price.service or 'price'} per {price.unit}"
        self.add(node, RDFS.label, Literal(label))
        self.add(node, CKG.priceUnit, Literal(price.unit))
        self.add(node, CKG.currency, Literal("GBP"))
        self.add(node, CKG.council, self.council)
        for prop, value in (
            (CKG.minPrice, price.minimum),
            (CKG.maxPrice, price.maximum),
            (CKG.averagePrice, price.average),
        ):
            if value is not None:
                self.add(node, prop, decimal(value))
        if price.basis:
            self.add(node, CKG.basis, Literal(price.basis))
        if price.service:
            self.add(node, CKG.serviceLabel, Literal(price.service))
        self.add(node, CKG.statedAs, Literal(price.stated or price.evidence.quote))
        self.evidence(node, price.evidence)

    def emit_contracts(self) -> None:
        for contract in self.facts.contracts:
            node = self.labelled(
                URIRef(self.mint.contract(self.council_name, contract.title)),
                CKG.Contract,
                contract.title,
            )
            self.add(node, CKG.buyer, self.council)
            for provider in contract.providers:
                self.add(node, CKG.supplier, self.organisation(provider))
            self.money(node, CKG.contractValue, contract.value)
            for prop, value in (
                (CKG.termMonths, contract.term_months),
                (CKG.extensionMonths, contract.extension_months),
                (CKG.serviceUsers, contract.service_users),
            ):
                if value is not None:
                    self.add(node, prop, Literal(value, datatype=XSD.integer))
            for prop, value in ((CKG.startDate, contract.start), (CKG.endDate, contract.end)):
                if value:
                    self.add(node, prop, date_literal(value))
            self.add(node, CKG.service, self.service(contract.service))
            self.evidence(node, contract.evidence)

    def emit_areas(self) -> None:
        for area in self.facts.areas:
            period = area.value.period if area.value and area.value.period else ""
            # several figures for one area in one letter (a year each) are several nodes
            key = f"{area.area}-{period}-{area.evidence.start}"
            node = URIRef(self.mint.in_document("area-figure", self.name, key))
            self.add(node, RDF.type, CKG.AreaFigure)
            self.add(node, RDFS.label, Literal(f"{area.area} ({self.council_name})"))
            self.add(node, CKG.council, self.council)
            self.add(node, CKG.serviceArea, self.service(area.area))
            self.add(node, CKG.department, self.department(area.department))
            self.money(node, CKG.spend, area.value)
            for prop, value in (
                (CKG.activeContracts, area.active_contracts),
                (CKG.providersOnFramework, area.providers_on_framework),
                (CKG.activeProviders, area.active_providers),
            ):
                if value is not None:
                    self.add(node, prop, Literal(value, datatype=XSD.integer))
            if area.purchasing:
                self.add(node, CKG.purchasing, Literal(area.purchasing))
            self.evidence(node, area.evidence)

    def emit_statistics(self) -> None:
        for stat in self.facts.statistics:
            key = f"{stat.evidence.start}-{slug_part(stat.measure)}-{stat.date or ''}-{stat.value}"
            node = URIRef(self.mint.in_document("statistic", self.name, key))
            self.add(node, RDF.type, CKG.Statistic)
            self.add(node, RDFS.label, Literal(f"{stat.measure}: {stat.value} {stat.unit}"))
            self.add(node, CKG.council, self.council)
            self.add(node, CKG.measure, Literal(stat.measure))
            self.add(node, CKG.value, decimal(stat.value))
            self.add(node, CKG.unit, Literal(stat.unit))
            if stat.date:
                self.add(node, CKG.date, Literal(stat.date))
            if stat.group:
                self.add(node, CKG.group, Literal(stat.group))
            self.add(node, CKG.department, self.department(stat.department))
            if stat.approximate:
                self.add(node, CKG.approximate, Literal(True))
            self.evidence(node, stat.evidence)

    def emit_prices(self) -> None:
        for price in self.facts.prices:
            amounts = "-".join(str(a) for a in (price.minimum, price.maximum, price.average))
            key = (  # one sentence may price two services: each its own node
                f"{price.evidence.start}-{price.unit}-{price.basis or ''}-"
                f"{slug_part(price.service or '')}-{amounts}"
            )
            node = URIRef(self.mint.in_document("price", self.name, key))
            self.emit_price(node, price)
            self.add(node, CKG.service, self.service(price.service))

    def emit_refusals(self) -> None:
        for refusal in self.facts.refusals:
            key = f"{refusal.question or 'q'}-{refusal.basis}"
            node = URIRef(self.mint.in_document("refusal", self.name, key))
            self.add(node, RDF.type, CKG.Refusal)
            self.add(
                node,
                RDFS.label,
                Literal(f"Refusal {refusal.basis} (question {refusal.question or '?'})"),
            )
            self.add(node, CKG.council, self.council)
            self.add(node, CKG.inDocument, self.doc)
            # a refusal of the letter as a whole names no one question
            self.add(node, CKG.question, Literal(refusal.question or WHOLE_REQUEST))
            number = re.match(r"s(\d+)", refusal.basis)
            self.add(
                node,
                CKG.legalBasis,
                EXEMPTIONS.get(number.group(1) if number else "", CKG.OtherExemption),
            )
            self.add(node, CKG.basisLabel, Literal(refusal.basis))
            self.evidence(node, refusal.evidence)

    def emit_questions(self) -> None:
        for question in self.facts.questions:
            node = URIRef(self.mint.in_document("question", self.name, question.number))
            self.add(node, RDF.type, CKG.Question)
            self.add(node, RDFS.label, Literal(f"Question {question.number}"))
            self.add(node, CKG.questionNumber, Literal(question.number))
            self.add(node, CKG.questionText, Literal(question.question))
            self.add(node, CKG.answerText, Literal(question.answer))
            self.add(node, CKG.inDocument, self.doc)
            self.evidence(node, question.evidence)

    def emit_warnings(self) -> None:
        for warning in self.facts.warnings:
            node = URIRef(self.mint.in_document("warning", self.name, warning.evidence.start))
            self.add(node, RDF.type, CKG.ExtractionWarning)
            self.add(node, RDFS.label, Literal("Extraction warning"))
            self.add(node, RDFS.comment, Literal(warning.message))
            self.add(node, CKG.inDocument, self.doc)
            self.evidence(node, warning.evidence)


WHOLE_REQUEST = "whole request"


def slug_part(text: str) -> str:
    return slug(text, 40)


def emit(
    facts: DocumentFacts,
    minter: Minter,
    media_type: str = "text/plain",
    keys: dict[str, str] | None = None,
) -> Graph:
    """The named graph for one document's facts (organisation nodes by resolved key)."""
    return DocumentEmitter(facts, minter, media_type, keys).emit()
