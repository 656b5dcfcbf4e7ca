"""Unit prices reported outside lots: weekly, hourly or nightly rates and their ranges.

A price needs a unit: either the answer says it ("£299 per week", "hourly
rate of £21.27") or the question asked for it ("average weekly cost"). An
amount with no unit (a contract value, a spend total) is never a price.
Within one answer, "£15.08 - £22.00 Average £18.10" is one range with an
average; "£20.70 lowest" and "£27.80 highest" on two lines are one range.
"""

from __future__ import annotations

import re
from decimal import Decimal

from graphbuild.facts import PriceRange
from graphbuild.parsing.measures import ASKS_AREAS
from graphbuild.parsing.money import MoneyMatch, find_money
from graphbuild.parsing.sections import Block
from graphbuild.parsing.services import service_of
from graphbuild.parsing.spans import span
from graphbuild.readers.document import Document, Line

UNIT_WORDS = [
    (r"\bweekly\b|per week|a week|\bpw\b|p/w", "week"),
    (r"\bhourly\b|per hour|an hour|\bph\b|p/h", "hour"),
    (r"\bnightly\b|per night|a night|sleep-?ins?", "night"),
]
PRICE_WORDS = re.compile(r"(?i)\b(?:rates?|costs?|prices?|fees?|paid|pay|charges?)\b")
CEILING = {"hour": Decimal(500), "week": Decimal(20000), "night": Decimal(2000)}
_RANGE = re.compile(r"£\s?[\d,.]+\s*(?:-|–|to)\s*£\s?[\d,.]+")


def _unit(text: str) -> str | None:
    for pattern, unit in UNIT_WORDS:
        if re.search(pattern, text, re.IGNORECASE):
            return unit
    return None


def _kind(text: str, money: MoneyMatch, line_text: str, offset: int) -> str | None:
    around = line_text[max(0, money.start - offset - 25) : money.end - offset + 15].lower()
    if re.search(r"average|mean", around):
        return "average"
    if re.search(r"lowest|minimum|\bmin\b|from", around):
        return "minimum"
    if re.search(r"highest|maximum|\bmax\b|ceiling|up to", around):
        return "maximum"
    return None


def _basis(question: str, answer: str) -> str | None:
    text = f"{question} {answer}"
    for pattern, basis in (
        (r"\bspot\b", "spot"),
        (r"\bframework\b", "framework"),
        (r"\bblock\b", "block"),
    ):
        if re.search(pattern, text, re.IGNORECASE):
            return basis
    return None


class _PriceReader:
    def __init__(self, doc: Document, block: Block, title: str | None) -> None:
        self.doc, self.block = doc, block
        question = block.question_text
        self.question_unit = _unit(question) if PRICE_WORDS.search(question) else None
        self.asks_average = bool(re.search(r"(?i)average|mean", question))
        answer = " ".join(ln.text for ln in block.answer)
        self.service = service_of(question) or service_of(answer) or service_of(title)
        self.basis = _basis(question, answer)
        self.current: PriceRange | None = None
        self.found: list[PriceRange] = []

    def read(self, lines: list[Line]) -> list[PriceRange]:
        for line in lines:
            self.line(line)
        return self.found

    def line(self, line: Line) -> None:
        amounts = find_money(self.doc.text, line.start, line.end)
        if not amounts:
            return
        unit = _unit(line.text) or self.question_unit
        if unit is None or any(m.period in {"annual", "total"} for m in amounts):
            return
        if not (PRICE_WORDS.search(line.text) or self.question_unit):
            return
        if self.current is None or self.current.unit != unit:
            self.current = PriceRange(
                unit,
                span(self.doc, line.content_start, line.end),
                basis=self.basis,
                service=self.service,
            )
            self.found.append(self.current)
        else:
            self.current.evidence = span(self.doc, self.current.evidence.start, line.end)
        self.fill(self.current, amounts, line)

    def fill(self, price: PriceRange, amounts: list[MoneyMatch], line: Line) -> None:
        ranged = _RANGE.search(line.text)
        for index, money in enumerate(amounts):
            if money.amount > CEILING.get(price.unit, Decimal(10**6)):
                continue
            kind = _kind(self.doc.text, money, line.text, line.start)
            if ranged and kind is None and index < 2:
                kind = "minimum" if index == 0 else "maximum"
            if kind is None:
                kind = "average" if self.asks_average or len(amounts) == 1 else None
            if kind == "minimum":
                price.minimum = money.amount
            elif kind == "maximum":
                price.maximum = money.amount
            elif kind == "average":
                price.average = money.amount
        price.stated = (price.stated + "; " if price.stated else "") + line.content


def extract_prices(
    doc: Document, blocks: list[Block], title: str | None, consumed: set[int] | None = None
) -> list[PriceRange]:
    """Unit prices in answers, skipping lines already read as lot prices."""
    consumed = consumed or set()
    found: list[PriceRange] = []
    for block in blocks:
        if ASKS_AREAS.search(block.question_text):
            continue
        lines = [
            ln
            for ln in block.answer
            if not ln.blank
            and ln.number not in consumed
            and not re.match(r"(?i)\s*(?:•\s*)?lot\s+\d", ln.text)
        ]
        found += _PriceReader(doc, block, title).read(lines)
    return [p for p in found if any(v is not None for v in (p.minimum, p.maximum, p.average))]
