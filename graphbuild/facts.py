"""Plain facts extracted from one document, each carrying its evidence.

These dataclasses are the contract between the extractors (which know text,
not RDF) and `emit` (which knows RDF, not text). Nothing here imports rdflib.
Values are already normalised (decimals, ISO dates); the wording as stated is
kept beside them so a reader can check the normalisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Evidence:
    """A span of the document's extracted text: [start, end) and its exact quote."""

    document: str
    start: int
    end: int
    quote: str


@dataclass
class Money:
    """An amount of money in pounds with the period it covers and the words used."""

    amount: Decimal
    period: str | None = None  # total | annual | week | hour | night | "7 years" | "2015-2016"
    stated: str = ""
    currency: str = "GBP"


@dataclass
class SourceInfo:
    """Who published the document and how it names itself."""

    council: str | None
    council_evidence: Evidence | None = None
    title: str | None = None
    title_evidence: Evidence | None = None
    reference: str | None = None
    reference_evidence: Evidence | None = None
    date: str | None = None  # ISO date of the response
    date_evidence: Evidence | None = None


@dataclass
class QuestionBlock:
    """One numbered request item and the council's answer beneath it."""

    number: str
    question: str
    answer: str
    evidence: Evidence
    answer_start: int = 0
    answer_end: int = 0


@dataclass
class Organisation:
    """A named organisation other than the publishing council."""

    name: str
    role: str  # provider | co-commissioner | regulator | other
    evidence: Evidence
    aliases: list[str] = field(default_factory=list)
    identifiers: dict[str, str] = field(default_factory=dict)  # scheme -> id
    key: str | None = None  # node key, set by identity resolution (else the name's own key)
    preferred: str | None = None  # the name the node was first known by, if not this one
    candidates: list[tuple[str, float, str]] = field(default_factory=list)  # key, score, why


@dataclass
class PriceRange:
    """A weekly/hourly/nightly price or range, inside or outside a lot."""

    unit: str  # week | hour | night | day | ...
    evidence: Evidence
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    average: Decimal | None = None
    basis: str | None = None  # spot | framework | pro rata | FY 2021/2022 ...
    service: str | None = None
    stated: str = ""


@dataclass
class LotMembership:
    """A provider's place on a lot, with the words that put it there."""

    provider: str
    evidence: Evidence
    aliases: list[str] = field(default_factory=list)


@dataclass
class Lot:
    number: str
    evidence: Evidence
    title: str | None = None
    value: Money | None = None
    members: list[LotMembership] = field(default_factory=list)
    prices: list[PriceRange] = field(default_factory=list)


@dataclass
class Framework:
    name: str
    evidence: Evidence
    service: str | None = None
    kind: str = "framework"  # framework | dps | approved list | block
    start: str | None = None
    end: str | None = None
    max_end: str | None = None
    extension: str | None = None
    value: Money | None = None
    partners: list[str] = field(default_factory=list)
    lots: list[Lot] = field(default_factory=list)
    providers: list[LotMembership] = field(default_factory=list)  # when no lots


@dataclass
class Contract:
    title: str
    evidence: Evidence
    providers: list[str] = field(default_factory=list)
    value: Money | None = None
    term_months: int | None = None
    extension_months: int | None = None
    start: str | None = None
    end: str | None = None
    service_users: int | None = None
    service: str | None = None


@dataclass
class AreaFigure:
    """Spend and contract/provider counts for one service area or department."""

    area: str
    evidence: Evidence
    department: str | None = None
    value: Money | None = None
    active_contracts: int | None = None
    providers_on_framework: int | None = None
    active_providers: int | None = None
    purchasing: str | None = None  # spot | framework | block


@dataclass
class Statistic:
    measure: str
    value: Decimal
    unit: str  # people | hours | FTE | posts | percent | contracts | ...
    evidence: Evidence
    date: str | None = None  # ISO date, YYYY-MM, YYYY or an interval a/b or "2015-2016"
    group: str | None = None
    department: str | None = None
    approximate: bool = False


@dataclass
class Refusal:
    question: str
    basis: str  # s40(2) | s43(2) | s12 | s21 | s1(1) not held | ...
    evidence: Evidence


@dataclass
class Warning:
    """Something a careful reader would flag: the document contradicts itself."""

    message: str
    evidence: Evidence


@dataclass
class DocumentFacts:
    """Everything extracted from one document."""

    document: str
    text: str
    source: SourceInfo
    questions: list[QuestionBlock] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    frameworks: list[Framework] = field(default_factory=list)
    listed_providers: list[LotMembership] = field(default_factory=list)  # named outside lots
    contracts: list[Contract] = field(default_factory=list)
    areas: list[AreaFigure] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    prices: list[PriceRange] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def fact_count(self) -> int:
        """Facts a user would count: one per row the competency questions could show."""
        memberships = sum(len(lot.members) for fw in self.frameworks for lot in fw.lots)
        return (
            len(self.organisations)
            + len(self.frameworks)
            + sum(len(fw.lots) for fw in self.frameworks)
            + memberships
            + len(self.contracts)
            + len(self.areas)
            + len(self.statistics)
            + len(self.prices)
            + len(self.refusals)
        )
