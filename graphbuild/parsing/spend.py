"""Spend given year by year: in a short list under a spend question, or in a table
with the years across the top and the service areas down the side.

FOI answers to "What was the total spend on X in 2021/22 and 2022/23?" often give
no sentence at all, only one line per year ("2021/22: £8.9m", "- 2022/23: £9.6m").
The service those lines belong to is the one the question (or the line introducing
the list, "Spend on X:") names; without such a name the figures are left unread,
as pairing them with a guessed service would invent a fact. A table "Service area |
2020/21 | 2021/22" with money in its cells gives one figure per row and year column;
"Total" rows sum the others and are no area.
"""

from __future__ import annotations

import re

from graphbuild.facts import AreaFigure, Money
from graphbuild.parsing.dates import financial_year
from graphbuild.parsing.layout import is_total_row
from graphbuild.parsing.money import find_money
from graphbuild.parsing.names import PROVIDER_COLUMN
from graphbuild.parsing.spans import line_span, span
from graphbuild.readers.document import Document, Line, Table

# '2021/22: £8,912,450', '• FY 2022-23 – £78.4m', '2023: £1.2m'
YEAR_LINE = re.compile(
    r"^\s*(?:[-•*·▪]\s*)?(?:(?:financial\s+)?year\s+|FY\s*)?"
    r"(?P<year>(?:19|20)\d\d(?:\s*[/-]\s*(?:19|20)?\d\d)?)\s*[:–—-]\s*(?P<figure>£.*?)\s*\.?$",
    re.I,
)
ASKS_SPEND = re.compile(r"(?i)\b(?:spen[dt]|expenditure)\b")
RATE_WORDS = re.compile(r"(?i)\b(?:per|rates?|hourly|weekly|daily|fees?|tariffs?)\b")
# 'Spend on supported living:' or 'Expenditure on day services was:' introducing the list
LIST_INTRO = re.compile(
    r"(?i)^\s*(?:\(?[a-z0-9]{1,3}[).]\s+)?(?:our\s+|the\s+|total\s+|gross\s+|net\s+)*"
    r"(?:spend|expenditure)\s+on\s+(?:the\s+)?(?P<x>[^:.;?]{3,60}?)\s*(?:was|were)?\s*:\s*$"
)
# 'spend on CHC packages?' where the question gives no year after the service
SPEND_ON = re.compile(
    r"(?i)\bspen[dt]\s+on\s+(?:the\s+)?(?P<x>[^?.;:,()]{3,60}?)\s*"
    r"(?:\?|$|\b(?:in|for|during|over|each|by|broken|across|between)\b)"
)


def spend_subject(question: str) -> str | None:
    """'What was the total spend on CHC packages?' -> 'CHC packages'."""
    match = SPEND_ON.search(question)
    if not match:
        return None
    phrase = match.group("x").strip()
    return phrase if 1 <= len(phrase.split()) <= 6 else None


def list_intro(lines: list[Line]) -> str | None:
    """The service a line like 'Spend on supported living:' introduces, if one does."""
    for line in lines:
        match = LIST_INTRO.match(line.text)
        if match:
            return match.group("x").strip()
    return None


def _year_line(text: str) -> tuple[str, int, int] | None:
    """The period of a '2021/22: £X' line and where its one figure sits in the line."""
    match = YEAR_LINE.match(text)
    if not match:
        return None
    period = financial_year(match.group("year"), whole=True)
    figure = match.group("figure")
    money = find_money(figure)
    if period is None or len(money) != 1 or money[0].start != 0:
        return None
    if money[0].period not in (None, "annual"):
        return None  # '£22.56 per hour' is a rate, not a year's spend
    rest = figure[money[0].stated_end :].strip(" .")
    if rest and not rest.startswith("("):
        return None  # '£1.2m, of which ...': the line says more than one year's total
    offset = match.start("figure")
    return period, offset + money[0].start, offset + money[0].stated_end


def yearly_list(doc: Document, lines: list[Line], name: str) -> list[AreaFigure]:
    """One figure per '2021/22: £X' line of an answer, all for the service `name`."""
    found: dict[str, AreaFigure] = {}
    for line in lines:
        if line.blank:
            continue
        read = _year_line(line.text)
        if read is None:
            continue
        period, start, end = read
        money = find_money(line.text[start:end])[0]
        if period in found:
            return []  # the same year twice: two series, not one service's spend
        found[period] = AreaFigure(
            name, line_span(doc, line), value=Money(money.amount, period, line.text[start:end])
        )
    return list(found.values())


def year_column_spend(
    doc: Document, table: Table, category: re.Pattern[str], asked: str
) -> list[AreaFigure]:
    """'Service area | 2020/21 | 2021/22' with money cells: a figure per area and year.

    Only when the question (or the text above the table) `asked` is about spend: the same
    layout also lists rates side by side ('Sleep-in (per night) | £98.00 | £112.50').
    """
    header = table.header
    if len(header) < 2 or not category.match(header[0].text):
        return []
    if not ASKS_SPEND.search(asked) or RATE_WORDS.search(asked):
        return []
    if any(PROVIDER_COLUMN.match(cell.text) for cell in header):
        return []  # a row per provider is payments to providers, not spend by service
    years = {
        i: financial_year(cell.text, whole=True)
        for i, cell in enumerate(header[1:], start=1)
        if financial_year(cell.text, whole=True)
    }
    if not years or len(set(years.values())) != len(years):
        return []
    found = []
    for row in table.rows[1:]:
        if not row or not row[0].text or is_total_row(row[0].text):
            continue
        if RATE_WORDS.search(row[0].text):
            continue  # 'Home care (per hour)': a rate, never a year's spend
        if financial_year(row[0].text, whole=True):
            return []  # periods down the side too: not a table of service areas
        for index, period in years.items():
            if index >= len(row):
                continue
            cell = row[index]
            money = find_money(cell.text)
            if len(money) != 1 or money[0].period not in (None, "annual"):
                continue
            found.append(
                AreaFigure(
                    row[0].text,
                    span(doc, row[0].start, row[-1].end),
                    value=Money(money[0].amount, period, money[0].stated(cell.text)),
                )
            )
    return found


GENERIC_SUBJECT = re.compile(
    r"(?i)(?:(?:the|our|your|its|their|this|that|council'?s?|trust'?s?|board'?s?|total|"
    r"overall|annual|gross|net|actual|planned|budgeted)\b\s*)+"
)


def spelled_out(text: str, subject: str) -> str:
    """An abbreviation the letter spells out once ('NHS Continuing Healthcare (CHC)') is
    named in full; any other subject is kept as written."""
    subject = GENERIC_SUBJECT.sub("", subject).strip() or subject
    if not re.fullmatch(r"[A-Z]{2,6}", subject):
        return subject
    match = re.search(rf"((?:[A-Z][\w&'-]*\s+){{1,5}})\({re.escape(subject)}\)", text)
    return match.group(1).strip() if match else subject
