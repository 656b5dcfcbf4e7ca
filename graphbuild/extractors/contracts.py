"""Contracts outside frameworks: provider, value and its basis, term, extensions, dates.

A contract section starts at a heading such as "Contract for <service>" and
runs to the next such heading or the end of the answer. Within it the letter
states the value ("£250,000 over 4 years", "£48,120 per annum"), the provider
("Current Provider: X", "awarded to X"), the term ("is for 3 years"), the
extension option ("option to extend for a further two years") and dates.
"""

from __future__ import annotations

import re

from graphbuild.facts import Contract, Money
from graphbuild.parsing.contract_tables import (
    ASKS_CONTRACT,
    END_COLUMN,
    START_COLUMN,
    table_contracts,
)
from graphbuild.parsing.dates import find_dates, leading_range
from graphbuild.parsing.layout import Record, records
from graphbuild.parsing.measures import ASKS_AREAS
from graphbuild.parsing.money import find_money
from graphbuild.parsing.names import PROVIDER_LABEL, parse_name
from graphbuild.parsing.prose_contracts import prose_contracts
from graphbuild.parsing.sections import Block
from graphbuild.parsing.services import service_of
from graphbuild.parsing.spans import clean, line_span, span
from graphbuild.parsing.terms import COUNT as _COUNT
from graphbuild.parsing.terms import END_WORDS as _END_WORDS
from graphbuild.parsing.terms import (
    EXTENSION,
    PERIODS_EACH,
    TERM,
    extension_months,
    term_months,
)
from graphbuild.parsing.terms import START_WORDS as _START_WORDS
from graphbuild.parsing.terms import months as _months
from graphbuild.parsing.titles import intro_title, question_title, question_topic
from graphbuild.readers.document import Document, Line

HEADING = re.compile(
    r"^\s*(?:•\s*)?(?:the\s+)?contract\s+(?:for|of)\s+(?P<title>[^.:;]{6,140})\s*:?\s*$", re.I
)
PROVIDER = re.compile(
    r"(?i)(?:(?:current |incumbent |contracted )?providers?(?:\(s\))?\s*(?:is|are|:)\s*|"
    r"(?:awarded|let|provided|delivered) (?:to|by)\s+)(?P<name>[A-Z][^.;,\n]{1,80})"
)
SERVICE_USERS = re.compile(
    r"(?i)\bservice users\s*[:=-]\s*(?P<n>[\d,]+)|(?P<m>[\d,]+)\s+service users"
)


def _sections(block: Block) -> list[tuple[Line, list[Line]]]:
    sections: list[tuple[Line, list[Line]]] = []
    for line in block.answer:
        if HEADING.match(line.text):
            sections.append((line, []))
        elif sections and not line.blank:
            sections[-1][1].append(line)
    return sections


def _read_section(doc: Document, heading: Line, lines: list[Line]) -> Contract:
    title = clean(HEADING.match(heading.text).group("title"))
    contract = Contract(title, line_span(doc, heading), service=service_of(title))
    for line in lines:
        text = line.text
        money = find_money(text)
        if money and contract.value is None:
            found = money[0]
            contract.value = Money(found.amount, found.period, found.stated(text))
        provider = PROVIDER.search(text)
        if provider:
            name = parse_name(provider.group("name")).name
            if name and name not in contract.providers:
                contract.providers.append(name)
        term = TERM.search(text)
        if term and contract.term_months is None:
            contract.term_months = _months(term.group("n"), term.group("unit"))
        extension = EXTENSION.search(text)
        if extension and contract.extension_months is None:
            contract.extension_months = _months(extension.group("n"), extension.group("unit"))
        users = SERVICE_USERS.search(text)
        if users and contract.service_users is None:
            contract.service_users = int((users.group("n") or users.group("m")).replace(",", ""))
        for date in find_dates(text):
            before = text[max(0, date.start - 40) : date.start]
            if _END_WORDS.search(before) and contract.end is None:
                contract.end = date.iso
            elif _START_WORDS.search(before) and contract.start is None:
                contract.start = date.iso
    if contract.value and contract.value.period is None and contract.term_months:
        contract.value.period = "total" if re.search(r"(?i)over", contract.value.stated) else None
    return contract


ASKS_END = re.compile(r"(?i)expir|come to an end|\bend\b|renewal|finish|run until")
ASKS_START = re.compile(r"(?i)\bstart|commence|\bbegin")
ASKS_VALUE = re.compile(r"(?i)\bvalue\b|\bcost\b|\bworth\b|\bspend\b")
ASKS_RATE = re.compile(r"(?i)\brates?\b|weekly|hourly|nightly|per (?:week|hour|night)|average")


class _QuestionContract:
    """A contract told across several answers: 'When does it expire?' 'July 2021' ..."""

    def __init__(self, doc: Document, title: str | None) -> None:
        self.doc = doc
        self.title = title
        self.contract: Contract | None = None

    def _contract(self, block: Block, fallback_title: str | None) -> Contract:
        if self.contract is None:
            title = self.title or fallback_title or "contract"
            first = block.answer[0] if block.answer else block.question[0]
            self.contract = Contract(title, line_span(self.doc, first), service=service_of(title))
        return self.contract

    def read(self, block: Block, fallback_title: str | None) -> None:
        lines = [ln for ln in block.answer if not ln.blank]
        question = block.question_text
        if not lines or re.search(
            r"(?i)\bbands?\b|framework|\blots?\b",
            question + " " + " ".join(ln.text for ln in lines),
        ):
            return
        text = " ".join(ln.text for ln in lines)
        found = self._attributes(question, text)
        if not found:
            return
        contract = self._contract(block, fallback_title)
        for key, value in found.items():
            if getattr(contract, key) is None:
                setattr(contract, key, value)

    def _attributes(self, question: str, text: str) -> dict:
        found: dict = {}
        dates = find_dates(text)
        ranged = leading_range(text, dates)
        if ranged:
            found["start"], found["end"] = ranged[0].iso, ranged[1].iso
        elif dates:
            first = dates[0]
            before = text[max(0, first.start - 40) : first.start]
            if ASKS_END.search(question) and not _START_WORDS.search(before):
                found["end"] = first.iso
            elif ASKS_START.search(question) or re.search(r"(?i)\bfrom\s*$", before):
                found["start"] = first.iso
        term = TERM.search(text) or re.fullmatch(
            rf"(?i)\s*{_COUNT}\s+(?P<unit>years?|months?)\.?", text
        )
        if term:
            found["term_months"] = _months(term.group("n"), term.group("unit"))
        each = PERIODS_EACH.search(text)
        extension = EXTENSION.search(text)
        if each:
            count = _months(each.group("n"), "months")
            length = _months(each.group("m"), each.group("unit"))
            if count and length:
                found["extension_months"] = count * length
        elif extension:
            found["extension_months"] = _months(extension.group("n"), extension.group("unit"))
        money = find_money(text)
        one_amount = len({m.amount for m in money}) == 1  # several: whose is which is unsaid here
        if one_amount and ASKS_VALUE.search(question) and not ASKS_RATE.search(question):
            found["value"] = Money(money[0].amount, money[0].period, money[0].stated(text))
        return {k: v for k, v in found.items() if v is not None}


def _from_questions(doc: Document, blocks: list[Block], title: str | None) -> Contract | None:
    mentions = [b for b in blocks if ASKS_CONTRACT.search(b.question_text) and not _sections(b)]
    asked = [b for b in mentions if not ASKS_AREAS.search(b.question_text)]
    titles = [t for t in (question_title(b.question_text) for b in mentions) if t]
    reader = _QuestionContract(doc, max(titles, key=lambda t: len(t.split()), default=None))
    for block in blocks:
        follows = reader.contract is not None and (
            ASKS_VALUE.search(block.question_text) or ASKS_END.search(block.question_text)
        )
        if block in asked or follows:
            reader.read(block, title)
    if reader.contract is not None:
        services = _services_listed(blocks)
        if services:
            reader.contract.title = f"{reader.contract.title} ({'; '.join(services)})"
    return reader.contract


ASKS_SERVICES = re.compile(r"(?i)\b(?:list|details?|names?) of (?:the )?services\b|which services")


def _services_listed(blocks: list[Block]) -> list[str]:
    """Bullets answering 'a list of the services ... commissioned to provide'."""
    for block in blocks:
        if ASKS_SERVICES.search(block.question_text):
            items = [
                re.split(r"[,(]|\.\s*$", ln.content)[0].strip()
                for ln in block.answer
                if ln.bullet and ln.content
            ]
            if items:
                return items
    return []


SUBJECT_LABEL = re.compile(  # the field naming what a record is about
    r"(?i)^(?:scheme|service|site|home|care home|location|property|contract|project)(?: name)?$"
)
VALUE_LABEL = re.compile(r"(?i)\b(?:value|cost|worth|amount)\b")
RATE_LABEL = re.compile(r"(?i)\b(?:rate|hourly|weekly|daily|per)\b")
ASKS_PEOPLE = re.compile(
    r"(?i)\bhow many (?:people|service users|tenants|residents|clients|individuals|adults)\b"
)


def _users_at(blocks: list[Block], place: str) -> int | None:
    """'71 tenants at <place>' answering 'How many people receive care in each scheme?'."""
    at = re.compile(
        rf"(?<![\d.,])(?P<n>\d[\d,]*)(?![\d.])\s+(?:[a-z-]+\s+){{0,2}}(?:at|in)\s+"
        rf"{re.escape(place)}\b"
    )
    for block in blocks:
        if ASKS_PEOPLE.search(block.question_text):
            for line in block.answer:
                match = at.search(line.text)
                if match:
                    return int(match.group("n").replace(",", ""))
    return None


def _record_contract(
    doc: Document, blocks: list[Block], record: Record, heading: str
) -> Contract | None:
    """One "Scheme: / Care provider: / Contract value: / Contract start:" record."""
    provider = parse_name(record.first(PROVIDER_LABEL).value).name
    subject = record.first(SUBJECT_LABEL)
    place = parse_name(subject.value).name if subject else None
    title = f"{heading} - {place}" if place else f"{heading}: {provider}"
    evidence = span(doc, record.lines[0].content_start, record.lines[-1].end)
    contract = Contract(title, evidence, providers=[provider], service=service_of(heading))
    for item in record.fields:
        money = find_money(item.value)
        if money and VALUE_LABEL.search(item.key) and not RATE_LABEL.search(item.key):
            found, rest = money[0], item.value[money[0].stated_end :]
            period = found.period or (
                "total" if re.match(r"(?i)\s*(?:in\s+)?total\b", rest) else None
            )
            if period is None and re.search(r"(?i)annual|yearly", item.key):
                period = "annual"
            contract.value = contract.value or Money(found.amount, period, found.stated(item.value))
        dates = find_dates(item.value)
        if dates and END_COLUMN.search(item.key) and contract.end is None:
            contract.end = dates[0].iso
        elif dates and START_COLUMN.search(item.key) and contract.start is None:
            contract.start = dates[0].iso
    text = " ".join(item.value for item in record.fields)
    contract.term_months = term_months(text)
    contract.extension_months = extension_months(text)
    contract.service_users = _users_at(blocks, place) if place else None
    return contract if provider and (contract.value or contract.start or contract.end) else None


def _record_contracts(doc: Document, blocks: list[Block]) -> list[Contract]:
    """Contracts given as one "Label: value" record each, a repeated label starting the next.

    Only a record with a provider-type field ("Care provider:", "Contractor:") is a
    contract; "Landlord:" or "Scheme:" fields describe it, they are not its provider.
    """
    found: list[Contract] = []
    for block in blocks:
        items = [r for r in records(block.answer) if r.first(PROVIDER_LABEL)]
        if not items:
            continue
        before = [ln for ln in block.answer if not ln.blank and ln.end < items[0].lines[0].start]
        heading = (
            (intro_title(before[-1].text) if before else None)
            or question_title(block.question_text)
            or "contract"
        )
        for record in items:
            contract = _record_contract(doc, blocks, record, heading)
            if contract is not None:
                found.append(contract)
    return found


def extract_contracts(
    doc: Document,
    blocks: list[Block],
    providers: list[str] | None = None,
    title: str | None = None,
) -> list[Contract]:
    """Contracts from 'Contract for X' sections, records, tables or prose paragraphs naming
    a provider, else one contract told across the answers to several questions."""
    contracts = []
    for block in blocks:
        for heading, lines in _sections(block):
            contract = _read_section(doc, heading, lines)
            if contract.providers or contract.value:
                contracts.append(contract)
    if not contracts:
        contracts = _record_contracts(doc, blocks)
    if not contracts:
        contracts = table_contracts(doc, blocks, title)
    if not contracts:
        contracts = prose_contracts(doc, blocks, lambda b: question_topic(b.question_text))
    if not contracts:
        told = _from_questions(doc, blocks, title)
        if told is not None:
            told.providers = list(providers or [])
            contracts += _per_provider(doc, blocks, told)
    return contracts


PROVIDER_VALUE = re.compile(r"^\s*(?:A\d+[.:]\s*)?(?P<name>[^:£]{3,80}?)\s*[:–-]\s*£")


def _per_provider(doc: Document, blocks: list[Block], told: Contract) -> list[Contract]:
    """'What is the value of each contract?' answered 'A Ltd: £2.4m per annum' line by line:
    one contract per provider with its own value and the terms the letter gives them all.
    Without such lines, the one contract told across the answers stands."""
    named = {name.lower(): name for name in told.providers}
    found: list[Contract] = []
    for block in blocks:
        if not ASKS_VALUE.search(block.question_text):
            continue
        for line in block.answer:
            match = PROVIDER_VALUE.match(line.text)
            money = find_money(line.text)
            provider = named.get(match.group("name").strip().lower()) if match else None
            if provider is None or len(money) != 1:
                continue
            value = Money(money[0].amount, money[0].period, money[0].stated(line.text))
            found.append(
                Contract(
                    told.title, line_span(doc, line), [provider], value, told.term_months,
                    told.extension_months, told.start, told.end, None, told.service,
                )
            )  # fmt: skip
    return found if len(found) >= 2 else [told]
