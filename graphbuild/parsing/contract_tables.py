"""Contracts listed as a table: one row per contract, a provider column and value or dates.

Registers of contracts (often CSV attachments) give "Provider | Service | Start
date | End date | Annual value (£)". The value column may hold bare numbers: its
header says they are pounds ("(£)", "value", "amount", "cost") and how often
("Annual value" is a yearly figure). A service or description column names each
contract better than the table's caption does.
"""

from __future__ import annotations

import re
from decimal import Decimal

from graphbuild.facts import Contract, Money
from graphbuild.parsing.dates import find_dates
from graphbuild.parsing.layout import is_total_row
from graphbuild.parsing.money import find_money
from graphbuild.parsing.names import PROVIDER_COLUMN, parse_name
from graphbuild.parsing.sections import Block
from graphbuild.parsing.services import service_of
from graphbuild.parsing.spans import span
from graphbuild.parsing.terms import COUNT, extension_months, months, shared_terms, term_months
from graphbuild.parsing.titles import intro_title
from graphbuild.readers.document import Cell, Document, Line, Table

ASKS_CONTRACT = re.compile(r"(?i)\bcontracts?\b")
VALUE_COLUMN = re.compile(r"(?i)\b(?:value|cost|spend|amount|price|worth)\b")
END_COLUMN = re.compile(r"(?i)\b(?:end|expiry|expires|expiration|until)\b")
START_COLUMN = re.compile(r"(?i)\b(?:start|commence\w*|from)\b")
SITE_COLUMN = re.compile(  # a column naming where the contract is delivered
    r"(?i)^(?:care\s+)?(?:home|scheme|site|location|property|setting|premises)(?:\s+name)?s?$"
)
SERVICE_COLUMN = re.compile(  # a column naming what each contract buys
    r"(?i)^(?:service|services|service description|description|service type|"
    r"contract(?: name| title| description)?|contract for)$"
)
TERM_COLUMN = re.compile(r"(?i)^(?:(?:initial|contract)\s+)?(?:term|duration|length)\b")
EXTENSION_COLUMN = re.compile(r"(?i)^(?:extensions?|extension options?|options? to extend)")
CELL_PERIOD = re.compile(rf"(?i)^\s*{COUNT}\s*(?P<unit>years?|months?)\s*$")
CELL_OPTIONS = re.compile(r"(?i)^\s*(?P<n>\d+(?:\s*\+\s*\d+)*)\s*(?P<unit>years?|months?)\s*$")
POUNDS_HEADER = re.compile(r"(?i)£|\bgbp\b|\b(?:value|amount|cost|spend|worth)\b")
BARE_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?")
COLUMNS_ASKED = re.compile(  # "... with the provider, service, value and end date."
    r"(?i)\b(?:with|giving|including|showing|stating|listing)\s+(?:the\s+|their\s+|its\s+)?"
    r"(?P<items>[a-z][a-z ]*(?:,\s*[a-z][a-z ]*)+,?\s+and\s+[a-z][a-z ]*?)\s*(?:[.;]|$)"
)
USERS = re.compile(
    r"(?i)\b(?:supports|serves|supported|served|supporting|serving)\s+"
    r"(?:approximately\s+|about\s+|around\s+|some\s+)?(?P<n>\d[\d,]*)\s+"
    r"(?:service users|people|clients|residents|individuals|adults|tenants)\b"
)
VALUES_ARE = re.compile(r"(?i)\bvalues?\s+(?:are|is|shown\s+are)\b[^.]*")


def column(header: list, pattern: re.Pattern) -> int | None:
    """The first header cell matching `pattern`, or None."""
    return next((i for i, cell in enumerate(header) if pattern.search(cell.text)), None)


def _header_period(text: str) -> str | None:
    if re.search(r"(?i)annual|per annum|\bp\.?a\.?\b|a year|yearly|per year", text):
        return "annual"
    if re.search(r"(?i)total|whole|lifetime|contract value over", text):
        return "total"
    return None


def _cell_money(text: str, header: str, period: str | None) -> Money | None:
    """A £ amount in the cell, or a bare number under a header that says it is pounds."""
    money = find_money(text)
    if money:
        total = re.match(r"(?i)\s*(?:in\s+)?total\b", text[money[0].stated_end :])
        return Money(money[0].amount, money[0].period or period or (total and "total"), text)
    bare = text.strip()
    if POUNDS_HEADER.search(header) and BARE_NUMBER.fullmatch(bare) and bare != "0":
        return Money(Decimal(bare.replace(",", "")), period, text)
    return None


def _asked_header(doc: Document, table: Table) -> tuple[Table, str]:
    """A table typed without a header row (its first row already names a provider and a
    £ value) takes its column names from the request when the request lists exactly as
    many items as the table has columns: "with the provider, service, value and end date".
    The named columns must hold what they say (£ amounts, dates), or the table is left as
    it is, so no figure is read under the wrong column. Also returns the request sentence,
    which says what the rows are ("a list of every contract ...")."""
    first = table.header
    if any(PROVIDER_COLUMN.match(c.text) for c in first) or not any(
        find_money(c.text) for c in first
    ):
        return table, ""
    asked = None
    for match in COLUMNS_ASKED.finditer(doc.text[: table.start]):
        asked = match
    if asked is None:
        return table, ""
    items = [i.strip() for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", asked["items"])]
    if len(items) != len(first) or not PROVIDER_COLUMN.match(items[0]):
        return table, ""
    body = [row for row in table.rows if not is_total_row(row[0].text)]
    for index, item in enumerate(items):
        cells = [row[index].text for row in body]
        if VALUE_COLUMN.search(item) and not all(find_money(c) for c in cells):
            return table, ""
        if re.search(r"(?i)\bdate\b", item) and not all(find_dates(c) for c in cells):
            return table, ""
    names = [Cell(item, asked.start("items"), asked.end("items")) for item in items]
    sentence_start = doc.text.rfind(".", 0, asked.start()) + 1
    request = doc.text[sentence_start : asked.end()]
    return Table([names, *table.rows], table.start, table.end), request


def _cell_months(text: str, header: str) -> tuple[str, int] | None:
    """A term column's "3 years" or an extension column's "1 + 1 years" / "12 months": the
    cell alone says how long, so it is read only under a header saying which it is."""
    if TERM_COLUMN.search(header):
        cell = CELL_PERIOD.match(text)
        return ("term_months", months(cell["n"], cell["unit"])) if cell else None
    if EXTENSION_COLUMN.search(header):
        cell = CELL_OPTIONS.match(text)
        if cell:
            count = sum(int(n) for n in re.findall(r"\d+", cell["n"]))
            return ("extension_months", months(str(count), cell["unit"]))
    return None


def _stated_period(lines: list[Line]) -> str | None:
    """'Values are the total contract value over the life of the contract' above a table."""
    for line in reversed(lines):
        stated = VALUES_ARE.search(line.text)
        if stated and _header_period(stated.group()):
            return _header_period(stated.group())
    return None


def _users_named(contract: Contract, service: str, after: list[Line]) -> None:
    """'The Cluster A contract currently supports 38 service users and the Transitions
    Service supports 14': a row is named by its full service, the part after its " - "
    or the part before its "(...)"; the count is read only within the clause naming it,
    which runs to the next "and the" or the sentence's end, so counts are not swapped."""
    variants = {service, service.rsplit(" - ", 1)[-1], service.split(" (", 1)[0]}
    for variant in sorted((v.strip() for v in variants if len(v.strip()) > 3), key=len):
        clause = re.compile(
            rf"(?i)\bthe\s+{re.escape(variant)}(?![\w(-])(?:(?!\band\s+the\b)[^.;])*"
        )
        for line in after:
            for match in clause.finditer(line.text):
                users = USERS.search(match.group())
                if users and contract.service_users is None:
                    contract.service_users = int(users["n"].replace(",", ""))


def _own_terms(contract: Contract, service: str, after: list[Line]) -> None:
    """'The <service> contract supports approximately 310 service users and has an option to
    extend for 12 months' under the table: terms of the one contract the sentence names."""
    if not service:
        return
    _users_named(contract, service, after)
    named = re.compile(rf"(?i)\bthe\s+{re.escape(service)}\s+contract\b[^.]*")
    for line in after:
        sentence = named.search(line.text)
        if not sentence:
            continue
        text = sentence.group()
        users = USERS.search(text)
        if users and contract.service_users is None:
            contract.service_users = int(users["n"].replace(",", ""))
        if contract.extension_months is None:
            contract.extension_months = extension_months(text)
        if contract.term_months is None:
            contract.term_months = term_months(text)


def table_contracts(doc: Document, blocks: list[Block], title: str | None) -> list[Contract]:
    """A table with a provider column and a value or date column: one contract per row.

    A "Total" row sums the others and is no contract. The sentence introducing the
    table names the contracts ("the following block contracts for X"), a service
    column or a home or scheme column tells them apart, and a sentence under it about
    "the contracts" gives the term, extension and dates they share.
    """
    found: list[Contract] = []
    for block in blocks:
        lines = [ln for ln in block.answer if not ln.blank]
        for table in doc.tables:
            if lines and lines[0].start <= table.start <= lines[-1].end:
                named, request = _asked_header(doc, table)
                found += _table_rows(doc, block, lines, named, title, request)
    return found


def _table_rows(
    doc: Document,
    block: Block,
    lines: list[Line],
    table: Table,
    title: str | None,
    request: str = "",
) -> list[Contract]:
    header = table.header
    who = next((i for i, c in enumerate(header) if PROVIDER_COLUMN.match(c.text)), None)
    value, end, start = (column(header, p) for p in (VALUE_COLUMN, END_COLUMN, START_COLUMN))
    if who is None or (value, end, start) == (None, None, None):
        return []
    about = " ".join(c.text for c in header) + " " + block.question_text + " " + request
    before = [ln for ln in lines if ln.end < table.start]
    after = [ln for ln in lines if ln.start > table.end]
    intro = intro_title(before[-1].text) if before else None
    by_period = sum(bool(re.match(r"\s*(?:19|20)\d\d", r[0].text)) for r in table.rows[1:])
    if (
        not ASKS_CONTRACT.search(about + " " + (intro or ""))
        or by_period > len(table.rows[1:]) // 2
    ):
        return []  # spend per year with a provider column is not a list of contracts
    period = _header_period(header[value].text) if value is not None else None
    period = period or (_stated_period(before) if value is not None else None)
    site = column(header, SITE_COLUMN)
    what = next((i for i, c in enumerate(header) if SERVICE_COLUMN.match(c.text)), None)
    shared = shared_terms(after)
    found = []
    for row in table.rows[1:]:
        cells = {i: row[i].text for i in range(len(row))}
        provider = parse_name(cells.get(who, "")).name
        if not provider or any(is_total_row(cell) for cell in cells.values() if cell):
            continue
        place = cells.get(site, "") if site is not None else ""
        service = cells.get(what, "").strip() if what is not None else ""
        name = service or f"{intro or title or 'contract'}: {provider}"
        if intro and place and not service:
            name = f"{intro} - {place}"
        contract = Contract(
            name,
            span(doc, row[0].start, row[-1].end),
            providers=[provider],
            service=service_of(service or intro or title),
        )
        if value is not None and cells.get(value):
            contract.value = _cell_money(cells[value], header[value].text, period)
        for index, cell in enumerate(row):
            read = _cell_months(cell.text, header[index].text) if index < len(header) else None
            if read and read[1] and getattr(contract, read[0]) is None:
                setattr(contract, read[0], read[1])
        for index, key in ((end, "end"), (start, "start")):
            dates = find_dates(cells.get(index, "")) if index is not None else []
            if dates:
                setattr(contract, key, dates[0].iso)
        _own_terms(contract, service, after)
        for key, shared_value in shared.items():
            if getattr(contract, key) is None:
                setattr(contract, key, shared_value)
        found.append(contract)
    return found
