"""Dates as FOI letters write them: 3rd Feb 2019, 30th June 2025, 01/06/21, May 2023.

dateutil does the parsing; this module finds the candidate spans and says how
precise each is, so a month-only date stays YYYY-MM rather than gaining a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dateutil import parser as dateparser

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DAY_MONTH_YEAR = re.compile(
    rf"(?<![/\d.])\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}\b", re.IGNORECASE
)
MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", re.I)
NUMERIC = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b")
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+\d{{4}}\b", re.IGNORECASE)
DAY_MONTH = re.compile(
    rf"(?<![/\d.])\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b", re.IGNORECASE
)
FINANCIAL_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*(?:/|-|–|to)\s*((?:19|20)?\d\d)\b")


@dataclass(frozen=True)
class DateMatch:
    iso: str  # YYYY-MM-DD or YYYY-MM
    start: int
    end: int


def _parse(text: str) -> date | None:
    try:
        return dateparser.parse(text, dayfirst=True, fuzzy=False).date()
    except (ValueError, OverflowError):
        return None


def parse_date(text: str) -> str | None:
    """ISO form of one date phrase, keeping month precision when no day is given."""
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip()).replace(" of ", " ")
    if ISO.fullmatch(text):  # year first is ISO order: day-first parsing would swap 04-01
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    if not re.search(r"\d{4}|\d[/.]\d{1,2}[/.]\d{2}", text):
        return None  # no year stated: never let the parser fill in today's
    if MONTH_YEAR.fullmatch(text):
        parsed = _parse("1 " + text)
        return f"{parsed.year:04d}-{parsed.month:02d}" if parsed else None
    parsed = _parse(text)
    return parsed.isoformat() if parsed else None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Full dates and month-year dates in text[start:end], without overlaps."""
    stop = len(text) if end is None else end
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, NUMERIC, ISO, MONTH_YEAR):
        for match in pattern.finditer(text, start, stop):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            iso = parse_date(match.group(0))
            if iso:
                found.append(DateMatch(iso, match.start(), match.end()))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


_RANGE_JOIN = re.compile(r"\s*(?:-|–|to|until|till)\s*")


def leading_range(text: str, dates: list[DateMatch]) -> tuple[DateMatch, DateMatch] | None:
    """The first two dates when they form a range ('1 April 2021 - 31 March 2026')."""
    if len(dates) >= 2 and _RANGE_JOIN.fullmatch(text[dates[0].end : dates[1].start]):
        return dates[0], dates[1]
    return None


def _year_pair(match: re.Match) -> str | None:
    start, end = match.group(1), match.group(2)
    end = end if len(end) == 4 else start[:2] + end
    return f"{start}-{end}" if int(end) == int(start) + 1 else None


def financial_year(text: str, whole: bool = False) -> str | None:
    """The one financial year a phrase names ('2022/23', '2022 - 2023' -> '2022-2023');
    with `whole`, only if that is all the text says (a table's period cell)."""
    if whole:
        match = FINANCIAL_YEAR.fullmatch(text.strip())
        return _year_pair(match) if match else None
    found = {pair for m in FINANCIAL_YEAR.finditer(text) if (pair := _year_pair(m))}
    return found.pop() if len(found) == 1 else None


def day_month_in_year(text: str, year: int) -> str | None:
    """'1st April' as at a given year -> ISO date."""
    match = DAY_MONTH.search(text)
    if not match:
        return None
    return parse_date(f"{match.group(0)} {year}")
