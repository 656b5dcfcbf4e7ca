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
from graphbuild.parsing.dates import find_dates, leading_range
from graphbuild.parsing.measures import ASKS_AREAS
from graphbuild.parsing.money import find_money
from graphbuild.parsing.names import PROVIDER_COLUMN, parse_name
from graphbuild.parsing.numbers import words_to_int
from graphbuild.parsing.sections import Block
from graphbuild.parsing.services import service_of
from graphbuild.parsing.spans import clean, line_span, span
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


ASKS_CONTRACT = re.compile(r"(?i)\bcontracts?\b")
_TITLE = re.compile(
    r"(?i)\b(?P<t>(?:(?!(?:of|the|and|for|to|in|on|with|by|dates?|many|has|have|your|our)\b)"
    r"[a-z&/()-]+\s+){1,5}contracts?)\b"
)
_TITLE_NOISE = re.compile(
    r"(?i)^(?:how many|what|when|which|the|your|does|do|is|are|of|has|have)\s+"
)
ASKS_END = re.compile(r"(?i)expir|come to an end|\bend\b|renewal|finish|run until")
ASKS_START = re.compile(r"(?i)\bstart|commence|\bbegin")
ASKS_VALUE = re.compile(r"(?i)\bvalue\b|\bcost\b|\bworth\b|\bspend\b")
PERIODS_EACH = re.compile(
    rf"(?i)\b{_COUNT}\s+(?:extension\s+)?(?:periods?|options?|extensions?)\s+of\s+"
    rf"(?P<m>\d+|one|two|three|six|twelve)\s+(?P<unit>years?|months?)(?:\s+each)?"
)
ASKS_RATE = re.compile(r"(?i)\brates?\b|weekly|hourly|nightly|per (?:week|hour|night)|average")


def _title(question: str) -> str | None:
    """The most descriptive 'X contract' phrase a question uses."""
    titles = []
    for match in _TITLE.finditer(question):
        title = match.group("t")
        while _TITLE_NOISE.match(title):
            title = _TITLE_NOISE.sub("", title)
        if len(title.split()) > 1:
            titles.append(clean(title))
    return max(titles, key=lambda t: len(t.split()), default=None)


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
        if money and ASKS_VALUE.search(question) and not ASKS_RATE.search(question):
            found["value"] = Money(money[0].amount, money[0].period, money[0].stated(text))
        return {k: v for k, v in found.items() if v is not None}


def _from_questions(doc: Document, blocks: list[Block], title: str | None) -> Contract | None:
    mentions = [b for b in blocks if ASKS_CONTRACT.search(b.question_text) and not _sections(b)]
    asked = [b for b in mentions if not ASKS_AREAS.search(b.question_text)]
    titles = [t for t in (_title(b.question_text) for b in mentions) if t]
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


VALUE_COLUMN = re.compile(r"(?i)\b(?:value|cost|spend|amount|price|worth)\b")
END_COLUMN = re.compile(r"(?i)\b(?:end|expiry|expires|expiration|until)\b")
START_COLUMN = re.compile(r"(?i)\b(?:start|commence\w*|from)\b")


def _column(header: list, pattern: re.Pattern) -> int | None:
    return next((i for i, cell in enumerate(header) if pattern.search(cell.text)), None)


def _holds(block: Block, offset: int) -> bool:
    lines = [ln for ln in block.answer if not ln.blank]
    return bool(lines) and lines[0].start <= offset <= lines[-1].end


def _table_contracts(doc: Document, blocks: list[Block], title: str | None) -> list[Contract]:
    """A table with a provider column and a value or date column: one contract per row."""
    found: list[Contract] = []
    spans = [(ln.start, ln.end) for b in blocks for ln in b.answer if not ln.blank]
    for table in doc.tables:
        if not any(a <= table.start <= b for a, b in spans):
            continue
        header = table.header
        who = next((i for i, c in enumerate(header) if PROVIDER_COLUMN.match(c.text)), None)
        value, end, start = (_column(header, p) for p in (VALUE_COLUMN, END_COLUMN, START_COLUMN))
        if who is None or (value, end, start) == (None, None, None):
            continue
        about = (
            " ".join(c.text for c in header)
            + " "
            + " ".join(b.question_text for b in blocks if _holds(b, table.start))
        )
        by_period = sum(bool(re.match(r"\s*(?:19|20)\d\d", r[0].text)) for r in table.rows[1:])
        if not ASKS_CONTRACT.search(about) or by_period > len(table.rows[1:]) // 2:
            continue  # spend per year with a provider column is not a list of contracts
        period = (
            (
                "annual"
                if re.search(r"(?i)annual|per annum|a year|yearly", header[value].text)
                else "total"
                if re.search(r"(?i)total|whole", header[value].text)
                else None
            )
            if value is not None
            else None
        )
        for row in table.rows[1:]:
            cells = {i: row[i].text for i in range(len(row))}
            provider = parse_name(cells.get(who, "")).name
            if not provider:
                continue
            contract = Contract(
                f"{title or 'contract'}: {provider}",
                span(doc, row[0].start, row[-1].end),
                providers=[provider],
                service=service_of(title),
            )
            money = find_money(cells.get(value, "")) if value is not None else []
            if money:
                contract.value = Money(money[0].amount, money[0].period or period, cells[value])
            for index, key in ((end, "end"), (start, "start")):
                dates = find_dates(cells.get(index, "")) if index is not None else []
                if dates:
                    setattr(contract, key, dates[0].iso)
            found.append(contract)
    return found


def extract_contracts(
    doc: Document,
    blocks: list[Block],
    providers: list[str] | None = None,
    title: str | None = None,
) -> list[Contract]:
    """Contracts from 'Contract for X' sections, else one contract told across the answers."""
    contracts = []
    for block in blocks:
        for heading, lines in _sections(block):
            contract = _read_section(doc, heading, lines)
            if contract.providers or contract.value:
                contracts.append(contract)
    if not contracts:
        contracts = _table_contracts(doc, blocks, title)
    if not contracts:
        told = _from_questions(doc, blocks, title)
        if told is not None:
            told.providers = list(providers or [])
            contracts.append(told)
    return contracts
