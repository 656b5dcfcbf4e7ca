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
from graphbuild.parsing.dates import find_dates
from graphbuild.parsing.money import find_money
from graphbuild.parsing.names import parse_name
from graphbuild.parsing.numbers import words_to_int
from graphbuild.parsing.sections import Block
from graphbuild.parsing.services import service_of
from graphbuild.parsing.spans import clean, line_span
from graphbuild.readers.document import Document, Line

HEADING = re.compile(
    r"^\s*(?:•\s*)?(?:the\s+)?contract\s+(?:for|of)\s+(?P<title>[^.:;]{6,140})\s*:?\s*$", re.I
)
PROVIDER = re.compile(
    r"(?i)(?:(?:current |incumbent |contracted )?providers?(?:\(s\))?\s*(?:is|are|:)\s*|"
    r"(?:awarded|let|provided|delivered) (?:to|by)\s+)(?P<name>[A-Z][^.;,\n]{1,80})"
)
_COUNT = r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty-four)"
TERM = re.compile(
    rf"(?i)\b(?:is|runs?|term(?: of)?|lasts?|period of)\s+(?:for\s+)?{_COUNT}"
    rf"[ -](?P<unit>years?|months?)"
)
EXTENSION = re.compile(
    rf"(?i)(?:option|options|opportunity|ability|right) to extend(?: it| them)?\s+(?:for\s+)?"
    rf"(?:a further\s+|an additional\s+|up to\s+|a period of\s+)?{_COUNT}\s+(?:further\s+)?"
    rf"(?P<unit>years?|months?)"
)
SERVICE_USERS = re.compile(
    r"(?i)\bservice users\s*[:=-]\s*(?P<n>[\d,]+)|(?P<m>[\d,]+)\s+service users"
)
_END_WORDS = re.compile(r"(?i)(?:conclud|expir|ends?\b|ending|terminat|until|runs? to|due to end)")
_START_WORDS = re.compile(r"(?i)(?:commenc|start|began|from)")


def _months(count: str, unit: str) -> int | None:
    number = int(count) if count.isdigit() else words_to_int(count)
    if number is None:
        return None
    return number * (12 if unit.lower().startswith("year") else 1)


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


def extract_contracts(doc: Document, blocks: list[Block]) -> list[Contract]:
    contracts = []
    for block in blocks:
        for heading, lines in _sections(block):
            contract = _read_section(doc, heading, lines)
            if contract.providers or contract.value:
                contracts.append(contract)
    return contracts
