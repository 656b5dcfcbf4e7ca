"""Money as written in FOI letters: £2,340; £3.4m; £86.1M; "£250,000 over 4 years".

Returns Decimal pounds so that values survive into xsd:decimal exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_MULTIPLIERS = {
    "k": 1_000,
    "m": 1_000_000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
MONEY = re.compile(
    r"£\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<mult>million|billion|bn|mn|m|k)\b)?",
    re.IGNORECASE,
)
_PERIODS = [
    (
        re.compile(
            r"^\s*(?:per annum|p\.?\s?a\.?\b|per year|a year|each year|annually|per yr)", re.I
        ),
        "annual",
    ),
    (re.compile(r"^\s*(?:per week|a week|pw\b|p/w\b|weekly|each week)", re.I), "week"),
    (re.compile(r"^\s*(?:per hour|an hour|ph\b|p/h\b|hourly|each hour)", re.I), "hour"),
    (re.compile(r"^\s*(?:per night|a night|nightly|each night)", re.I), "night"),
    (re.compile(r"^\s*(?:per day|a day|daily)", re.I), "day"),
    (re.compile(r"^\s*(?:per month|a month|monthly)", re.I), "month"),
]
_OVER = re.compile(r"^\s*(?:in total\s+)?over (?:the )?(?:\w+ )?(\w+)[ -](years?|months?)", re.I)


@dataclass(frozen=True)
class MoneyMatch:
    amount: Decimal
    start: int
    end: int  # end of the amount itself
    period: str | None
    stated_end: int  # end of the amount plus its period words

    def stated(self, text: str) -> str:
        return text[self.start : self.stated_end]


def to_decimal(number: str) -> Decimal | None:
    try:
        return Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None


def _period_after(text: str, end: int) -> tuple[str | None, int]:
    tail = text[end : end + 40]
    for pattern, period in _PERIODS:
        match = pattern.match(tail)
        if match:
            return period, end + match.end()
    match = _OVER.match(tail)
    if match:
        return "total", end + match.end()
    return None, end


def find_money(text: str, start: int = 0, end: int | None = None) -> list[MoneyMatch]:
    """Every £ amount in text[start:end], with the period words that follow it."""
    found = []
    for match in MONEY.finditer(text, start, len(text) if end is None else end):
        amount = to_decimal(match.group("num"))
        if amount is None:
            continue
        mult = (match.group("mult") or "").lower()
        if mult:
            amount = (amount * _MULTIPLIERS[mult]).normalize()
            amount = amount.quantize(Decimal(1)) if amount == amount.to_integral() else amount
        period, stated_end = _period_after(text, match.end())
        found.append(MoneyMatch(amount, match.start(), match.end(), period, stated_end))
    return found


def parse_money(text: str) -> Decimal | None:
    """The first amount in a string, or None."""
    found = find_money(text)
    return found[0].amount if found else None
