"""Unit prices laid out as a table: one row per service or care type.

FOI answers often give rates as a grid: "Category | Minimum weekly fee |
Maximum weekly fee" or "Service | 2022/23 | 2023/24" with "£19.50ph" cells.
Each row gives one price per column group: the minimum, maximum and average
columns of one period join into one range; each year column is its own price,
based on that year. The unit comes from the cell ("£19.50ph"), the row label
("Homecare (per hour)"), the column header ("weekly fee") or else from what
the question asked, and a price with no unit is never made. A "Total" row sums
the others and prices nothing; a figure is only ever read with its own row's
label and its own column's header.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from graphbuild.facts import PriceRange
from graphbuild.parsing.layout import is_total_row
from graphbuild.parsing.money import MoneyMatch, find_money
from graphbuild.parsing.services import service_of
from graphbuild.parsing.spans import span
from graphbuild.readers.document import Cell, Document, Table

CEILING = {  # above these an amount is no unit price (a weekly £50,000 is a total)
    "hour": Decimal(500),
    "week": Decimal(20000),
    "night": Decimal(2000),
    "day": Decimal(5000),
}
UnitOf = Callable[[str], str | None]
BasisFor = Callable[[str | None], str | None]

PERIOD = re.compile(r"(?:FY\s*)?(?P<p>(?:19|20)\d\d(?:\s?[/-]\s?(?:19|20)?\d\d)?)")
MINIMUM = re.compile(r"(?i)\b(?:min(?:imum)?|lowest)\b")
MAXIMUM = re.compile(r"(?i)\b(?:max(?:imum)?|highest|up to)\b")
AVERAGE = re.compile(r"(?i)\b(?:average|mean|median)\b")
PRICE_HEADER = re.compile(r"(?i)\b(?:rates?|fees?|costs?|prices?|charges?|paid|tariffs?)\b")
NOT_A_PRICE = re.compile(
    r"(?i)\b(?:annual|per annum|total|spend|expenditure|value|budget|income|number|no\.)"
)
UNIT_NOTE = re.compile(r"\s*\((?:per|an?|each)\s+\w+\)|\s*[-–,]\s*(?:per|an?)\s+\w+\s*$")
BLANK = re.compile(r"(?i)^(?:[-–—*]|n/?a|nil|none)?$")  # a dash or 'n/a': no rate here
_RANGE_GAP = re.compile(r"^\s*(?:-|–|to)\s*$")


@dataclass(frozen=True)
class Column:
    """A price column: where it is, the period it is for and which figure it gives."""

    index: int
    header: str
    period: str | None
    kind: str | None  # minimum | maximum | average | None (the one rate)
    unit: str | None


def _column(index: int, header: str, unit_of: UnitOf) -> Column | None:
    """The header as a price column; None when it names a total, a count or no price."""
    if NOT_A_PRICE.search(header):
        return None
    period = PERIOD.search(header)
    kind = (
        "minimum"
        if MINIMUM.search(header)
        else "maximum"
        if MAXIMUM.search(header)
        else "average"
        if AVERAGE.search(header)
        else None
    )
    unit = unit_of(header)
    if not (period or kind or unit or PRICE_HEADER.search(header)):
        return None
    return Column(index, header, period.group("p").replace(" ", "") if period else None, kind, unit)


def _amounts(doc: Document, cell: Cell) -> list[MoneyMatch] | None:
    """The cell's one amount, or the two ends of a range ('£15.00 - £18.50'); None otherwise."""
    found = find_money(doc.text, cell.start, cell.end)
    if len(found) == 1:
        return found
    if len(found) == 2 and _RANGE_GAP.match(doc.text[found[0].stated_end : found[1].start]):
        return found
    return None


def row_service(label: str) -> str:
    """'Homecare (per hour)' -> 'homecare'; a bare care type ('Nursing (dementia)') is
    named as the care it is ('nursing care (dementia)') so it reads as a service."""
    text = " ".join(UNIT_NOTE.sub("", label).split()).strip(" :-–")
    if not re.match(r"[A-Z]{2}", text):
        text = text[:1].lower() + text[1:]
    first, _, rest = text.partition(" ")
    if service_of(text) is None and service_of(f"{first} care"):
        text = f"{first} care {rest}".strip()
    return text


def _priced_columns(doc: Document, table: Table, unit_of: UnitOf) -> list[Column]:
    """Columns whose header names a price and whose body cells are mostly £ amounts."""
    body = [r for r in table.rows[1:] if r and not is_total_row(r[0].text)]
    columns = []
    for index, cell in enumerate(table.header[1:], start=1):
        column = _column(index, cell.text, unit_of)
        if column is None:
            continue
        filled = [r[index] for r in body if index < len(r) and not BLANK.match(r[index].text)]
        priced = [c for c in filled if _amounts(doc, c)]
        if filled and len(priced) * 2 >= len(filled) and "£" in "".join(c.text for c in priced):
            columns.append(column)
    return columns


def table_prices(
    doc: Document,
    table: Table,
    unit_of: UnitOf,
    asked_unit: str | None,
    basis_for: BasisFor,
) -> list[PriceRange]:
    """One price per row and column group of a rate table; [] when it is not one."""
    if len(table.rows) < 2 or not table.header or find_money(doc.text, *_bounds(table.header[0])):
        return []
    columns = _priced_columns(doc, table, unit_of)
    plain = [c for c in columns if c.kind is None and c.period is None]
    found: list[PriceRange] = []
    for row in table.rows[1:]:
        label = row[0].text if row else ""
        if not label or is_total_row(label) or find_money(doc.text, row[0].start, row[0].end):
            continue
        groups: dict[tuple[str | None, str, str | None], PriceRange] = {}
        for column in columns:
            if column.index >= len(row):
                continue
            cell = row[column.index]
            amounts = _amounts(doc, cell)
            if not amounts or any(m.period in {"annual", "total", "month"} for m in amounts):
                continue
            unit = amounts[0].period or unit_of(label) or column.unit or asked_unit
            if unit is None or any(m.amount > _ceiling(unit) for m in amounts):
                continue
            own = column.header if column in plain and len(plain) > 1 else None
            key = (column.period, unit, own)
            price = groups.get(key)
            if price is None:
                basis = basis_for(column.period)
                basis = "; ".join(p for p in (own, basis) if p) or None
                evidence = span(doc, row[0].start, cell.end)
                price = PriceRange(unit, evidence, basis=basis, service=row_service(label))
                price.stated = doc.text[row[0].start : cell.end]
                groups[key] = price
                found.append(price)
            elif cell.end > price.evidence.end:
                price.evidence = span(doc, row[0].start, cell.end)
                price.stated = price.evidence.quote
            _fill(price, column.kind, amounts)
    return found


def _fill(price: PriceRange, kind: str | None, amounts: list[MoneyMatch]) -> None:
    if len(amounts) == 2:
        price.minimum, price.maximum = amounts[0].amount, amounts[1].amount
    elif kind == "minimum":
        price.minimum = amounts[0].amount
    elif kind == "maximum":
        price.maximum = amounts[0].amount
    else:
        price.average = amounts[0].amount


def _ceiling(unit: str) -> Decimal:
    return CEILING.get(unit, Decimal(10**6))


def _bounds(cell: Cell) -> tuple[int, int]:
    return cell.start, cell.end
