"""Figures laid out as tables: years across the top, periods or service areas down the side.

"2014 2015 2016 / Domiciliary Care Hours 457 555 523" gives one statistic per
year, dated by the answer's "as at 1st April" when it says so. "Financial Year
| Amount spent | Number of new cases" gives, per period, a spend figure for
the service the question names and a count for each numeric column. "Service
area | Gross spend 2021/22 | Active providers" gives one area per row, its spend
for the year the header (or else the question) names. A "Total" row sums the
others and is no area. Cells given only as "*" or left blank are not facts.
"""

from __future__ import annotations

import re
from decimal import Decimal

from graphbuild.facts import AreaFigure, Money, Statistic
from graphbuild.parsing.dates import day_month_in_year, financial_year, find_dates
from graphbuild.parsing.layout import is_total_row
from graphbuild.parsing.measures import count_phrase, group_of
from graphbuild.parsing.money import find_money
from graphbuild.parsing.names import PROVIDER_COLUMN
from graphbuild.parsing.sections import Block
from graphbuild.parsing.spans import span
from graphbuild.parsing.spend import spelled_out, year_column_spend
from graphbuild.readers.document import Cell, Document, Table

YEAR = re.compile(r"(?:19|20)\d\d")
PERIOD_HEADER = re.compile(
    r"(?i)^(?:financial |fiscal |calendar )?(?:year|period|quarter|month)s?$"
)
NUMBER = re.compile(r"[\d,]+(?:\.\d+)?")
SPENT_ON = re.compile(
    r"(?i)\bspen[dt]\s+on\s+(?:the\s+)?(?P<x>.+?)(?:\s+service)?\s+(?:in|for|during|over|each)\b"
)


def period_of(text: str) -> str | None:
    """'2015 - 2016' or '2015/16' in a cell -> '2015-2016'."""
    return financial_year(text, whole=True)


def _number(cell: Cell) -> Decimal | None:
    return Decimal(cell.text.replace(",", "")) if NUMBER.fullmatch(cell.text) else None


def _year_columns(doc: Document, table: Table, block: Block) -> list[Statistic]:
    years = {i: c.text for i, c in enumerate(table.header) if YEAR.fullmatch(c.text)}
    if len(years) < 2:
        return []
    answer = " ".join(ln.text for ln in block.answer)
    caption = re.search(r"(?i)number of ([^.;]+?)(?=\s+(?:has|have|is|are|was|were)\b)", answer)
    as_at = re.search(r"(?i)as at ([^.;]+?)(?: for each year|[.;])", answer)
    found = []
    for row in table.rows[1:]:
        label = row[0].text if row else ""
        phrase = count_phrase(" " + label.split()[-1], 0) if label else None
        if phrase is None:
            continue
        measure = f"{label}, {caption.group(1)}" if caption else label
        for index, year in years.items():
            value = _number(row[index]) if index < len(row) else None
            if value is None:
                continue
            date = day_month_in_year(as_at.group(1), int(year)) if as_at else None
            found.append(
                Statistic(
                    measure,
                    value,
                    phrase.unit,
                    span(doc, row[index].start, row[index].end),
                    date=date or year,
                    group=group_of(measure),
                )
            )
    return found


def _period_rows(
    doc: Document, table: Table, block: Block
) -> tuple[list[Statistic], list[AreaFigure]]:
    rows = [r for r in table.rows[1:] if r and period_of(r[0].text)]
    if not rows or not (PERIOD_HEADER.match(table.header[0].text) or len(rows) >= 2):
        return [], []
    spent = SPENT_ON.search(block.question_text)
    asked_area = spent.group("x").strip() if spent else None
    money_columns = [
        c
        for c in range(1, len(table.header))
        if any(c < len(r) and find_money(r[c].text) for r in rows)
    ]
    stats: list[Statistic] = []
    areas: list[AreaFigure] = []
    for column, head in enumerate(table.header[1:], start=1):
        area = asked_area
        if len(money_columns) > 1 and column in money_columns:
            # 'CHC spend | FNC spend': each money column is its own area, named by its header
            label = _SPEND_WORDS.sub(" ", head.text).strip(" :-–()")
            area = spelled_out(doc.text, label) if label else None
        measure_head = re.sub(r"(?i)^(?:the\s+)?(?:number|no\.?|count) of\s+", "", head.text)
        phrase = count_phrase(" " + measure_head, 0)
        for row in rows:
            if column >= len(row):
                continue
            cell, period = row[column], period_of(row[0].text)
            money = find_money(cell.text)
            evidence = span(doc, row[0].start, cell.end)
            if money and area:
                value = Money(money[0].amount, period, cell.text)
                areas.append(AreaFigure(area, evidence, value=value))
            elif phrase and _number(cell) is not None:
                measure = f"{measure_head} - {area}" if area else measure_head
                stats.append(
                    Statistic(
                        measure,
                        _number(cell),
                        phrase.unit,
                        evidence,
                        date=period,
                        group=group_of(measure),
                    )
                )
    return stats, areas


_SPEND_WORDS = re.compile(r"(?i)\b(?:spend|spent|expenditure|amount|costs?|total|gross|net)\b|£")
CATEGORY_HEADER = re.compile(
    r"(?i)^(?:service(?: area| type| line| category)?|area|category|client group|care group|"
    r"(?:service )?user group|primary support reason|client type|care type|budget (?:line|heading)|"
    r"type of (?:care|service|support)|support type)s?$"
)
GROUP_HEADER = re.compile(r"(?i)client|user group|care group|support reason")
SPEND_HEADER = re.compile(r"(?i)\b(?:spend|spent|expenditure|value|costs?|amount)\b")
RATE_HEADER = re.compile(r"(?i)\b(?:rates?|hourly|weekly|daily|per|unit|average)\b")
COUNT_HEADERS = (
    ("providers_on_framework", re.compile(r"(?i)providers? on (?:the )?framework")),
    ("active_providers", re.compile(r"(?i)^(?:active |current |number of |no\.? of )?providers?$")),
    ("active_contracts", re.compile(r"(?i)^(?:active |current |live |number of )?contracts?$")),
)
PURCHASING_HEADER = re.compile(r"(?i)purchasing|procurement|route to market|buying route")
_NONE = re.compile(r"(?i)^(?:n/?a|-|–|none|nil|\*|not applicable)?$")


def _category_rows(doc: Document, table: Table, block: Block) -> list[AreaFigure]:
    """One area per row of a 'Service area | Spend 2022/23' table; 'Total' rows skipped."""
    header = table.header
    if len(header) < 2 or not CATEGORY_HEADER.match(header[0].text):
        return []
    if any(PROVIDER_COLUMN.match(cell.text) for cell in header):
        return []  # a row per provider is a list of contracts, not of service areas
    spend = next(
        (
            i
            for i, cell in enumerate(header[1:], start=1)
            if SPEND_HEADER.search(cell.text) and not RATE_HEADER.search(cell.text)
        ),
        None,
    )
    rows = [r for r in table.rows[1:] if r and r[0].text and not is_total_row(r[0].text)]
    if spend is None or any(period_of(r[0].text) for r in rows):
        return []
    period = financial_year(header[spend].text) or financial_year(block.question_text)
    spent = SPENT_ON.search(block.question_text)
    service = spent.group("x").strip() if spent else None
    counts = {
        key: i
        for key, pattern in COUNT_HEADERS
        for i, cell in enumerate(header)
        if pattern.search(cell.text)
    }
    bought = next((i for i, c in enumerate(header) if PURCHASING_HEADER.search(c.text)), None)
    found = []
    for row in rows:
        money = find_money(row[spend].text) if spend < len(row) else []
        if not money:
            continue
        label = row[0].text
        if service and GROUP_HEADER.search(header[0].text):  # a client group of the service asked
            label = f"{service[0].upper()}{service[1:]} - {label[0].lower()}{label[1:]}"
        area = AreaFigure(
            label,
            span(doc, row[0].start, row[-1].end),
            value=Money(money[0].amount, period, row[spend].text),
        )
        for key, index in counts.items():
            if index < len(row) and re.fullmatch(r"\d[\d,]*", row[index].text):
                setattr(area, key, int(row[index].text.replace(",", "")))
        if bought is not None and bought < len(row) and not _NONE.match(row[bought].text):
            area.purchasing = row[bought].text.lower()
        found.append(area)
    return found


COUNT_COLUMN = re.compile(
    r"(?i)^(?:(?:the\s+)?(?:total\s+)?(?:number|no\.?|count) of\s+\w.*|"
    r"(?:\w+\s+)?(?:people|clients|service users|individuals|residents|adults|children)"
    r"(?:\s+(?:supported|receiving\b.*|placed|in receipt\b.*))?)$"
)
COUNT_CAPTION = re.compile(
    r"(?i)\bnumbers? of (?P<x>[^.;:]+?)(?=\s+(?:as at|at|on|in|during|were|was|is|are)\b|[.;:])"
)
AS_AT = re.compile(r"(?i)\bas (?:at|of) ([^.;:?]+)")


def _count_rows(doc: Document, table: Table, block: Block) -> list[Statistic]:
    """'Setting | Number of people': a count per category row, the category named by the
    row's label and the thing counted by the header (or the sentence above the table),
    dated by an "as at" in the answer or the question. 'Total' rows sum the others."""
    header = table.header
    if len(header) < 2 or PERIOD_HEADER.match(header[0].text) or _number(header[0]):
        return []
    if any(PROVIDER_COLUMN.match(c.text) for c in header) or YEAR.search(header[0].text):
        return []
    counts = [i for i, c in enumerate(header[1:], start=1) if COUNT_COLUMN.match(c.text)]
    if len(counts) != 1:
        return []  # two count columns would need their own measures; leave them unread
    index = counts[0]
    counted = re.sub(
        r"(?i)^(?:the\s+)?(?:total\s+)?(?:number|no\.?|count) of\s+", "", header[index].text
    )
    phrase = count_phrase(" " + counted, 0)
    if phrase is None:
        return []
    before = " ".join(ln.text for ln in block.answer if ln.end <= table.start)
    caption = COUNT_CAPTION.search(before)
    as_at = AS_AT.search(before) or AS_AT.search(block.question_text)
    dates = find_dates(as_at.group(1)) if as_at else []
    subject = caption.group("x").strip() if caption else counted
    found = []
    for row in table.rows[1:]:
        if len(row) <= index or not row[0].text or is_total_row(row[0].text):
            continue
        if period_of(row[0].text) or _number(row[0]) is not None:
            return []  # periods or numbers down the side: not a table of categories
        value = _number(row[index])
        if value is None:
            continue
        label = row[0].text
        measure = f"{subject} - {label[0].lower()}{label[1:]}"
        found.append(
            Statistic(
                measure,
                value,
                phrase.unit,
                span(doc, row[0].start, row[-1].end),
                date=dates[0].iso if dates else None,
                group=group_of(subject) or group_of(label),
            )
        )
    return found


def extract_table_figures(
    doc: Document, blocks: list[Block]
) -> tuple[list[Statistic], list[AreaFigure]]:
    """Statistics and per-period spend from the tables inside each answer."""
    stats: list[Statistic] = []
    areas: list[AreaFigure] = []
    for block in blocks:
        lines = [ln for ln in block.answer if not ln.blank]
        if not lines:
            continue
        for table in doc.tables:
            if lines[0].start <= table.start <= lines[-1].end:
                by_year = _year_columns(doc, table, block)
                more_stats, more_areas = _period_rows(doc, table, block)
                stats += by_year + more_stats
                if not by_year and not more_stats and not more_areas:
                    stats += _count_rows(doc, table, block)
                by_area = _category_rows(doc, table, block)
                if not by_area:
                    above = " ".join(ln.text for ln in lines if ln.end <= table.start)
                    asked = f"{block.question_text} {above}"
                    by_area = year_column_spend(doc, table, CATEGORY_HEADER, asked)
                areas += more_areas + by_area
    return stats, areas
