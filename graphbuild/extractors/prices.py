"""Unit prices reported outside lots: weekly, hourly or nightly rates and their ranges.

A price needs a unit: either the answer says it ("£410 per week", "hourly
rate of £19.40") or the question asked for it ("average weekly cost"). An
amount with no unit (a contract value, a spend total) is never a price.
Within one answer, "£14.20 - £21.50 Average £17.35" is one range with an
average; "£20.70 lowest" and "£27.80 highest" on two lines are one range.
"""

from __future__ import annotations

import re
from decimal import Decimal

from graphbuild.facts import PriceRange
from graphbuild.parsing.measures import ASKS_AREAS
from graphbuild.parsing.money import MoneyMatch, find_money
from graphbuild.parsing.price_lists import labelled_amounts
from graphbuild.parsing.price_tables import CEILING, table_prices
from graphbuild.parsing.sections import Block
from graphbuild.parsing.services import service_of
from graphbuild.parsing.spans import sentences, span
from graphbuild.readers.document import Document, Line

UNIT_WORDS = [
    (r"\bweekly\b|per week|a week|\bpw\b|p/w", "week"),
    (r"\bhourly\b|per hour|an hour|\bph\b|p/h", "hour"),
    (r"\bnightly\b|per night|a night|sleep-?ins?", "night"),
    (r"\bdaily\b|per day|a day|per diem", "day"),
]
PRICE_UNITS = {unit for _, unit in UNIT_WORDS}
PRICE_WORDS = re.compile(r"(?i)\b(?:rates?|costs?|prices?|fees?|paid|pay|charges?)\b")
_RANGE = re.compile(r"£\s?[\d,.]+\s*(?:-|–|to)\s*£\s?[\d,.]+")


def _unit(text: str) -> str | None:
    for pattern, unit in UNIT_WORDS:
        if re.search(pattern, text, re.IGNORECASE):
            return unit
    return None


_FROM_A_DATE = re.compile(
    r"\bfrom\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\b|\bfrom\s+\d{1,2}/\d{1,2}/\d{2,4}|\bfrom\s+(?:19|20)\d\d\b"
)


def _kind(text: str, money: MoneyMatch, line_text: str, offset: int, since: int = 0) -> str | None:
    """Minimum, maximum or average, from the words just before the amount (only those since
    the previous amount: in 'from £X to £Y' the 'from' is X's) or just after it ('£X lowest').
    'from April 2023' dates a rate; it does not start a range."""
    begin = max(since - offset, money.start - offset - 30, 0)
    around = line_text[begin : money.start - offset].lower()
    around = re.split(r"\band\b|[,;]", around)[-1]  # only the words of this amount's clause
    around = _FROM_A_DATE.sub(" ", around)
    if re.search(r"^\s*(?:lowest|minimum|min)\b", line_text[money.end - offset :].lower()):
        return "minimum"
    if re.search(r"^\s*(?:highest|maximum|max)\b", line_text[money.end - offset :].lower()):
        return "maximum"
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


PERIOD_LABEL = re.compile(
    r"^\s*(?:•\s*)?(?:FY\s*)?(?P<p>(?:19|20)\d\d\s?/\s?(?:19|20)?\d\d)\s*[-–:=]"
)
PERIOD_AFTER = re.compile(
    r"^[^£.;]{0,25}?\bin\s+(?:FY\s*)?(?P<p>(?:19|20)\d\d\s?/\s?(?:19|20)?\d\d)"
)
LABEL_PRICE = re.compile(r"^\s*(?:•\s*)?(?P<label>[A-Z][\w' &()/-]{1,40}?)\s*(?:=|:|–|-)\s*£")
QUALIFIER = re.compile(r"\s[-–]\s(?P<q>[a-z][\w' ()-]{3,60})\s*[?.]?\s*$")


def _service_phrase(question: str) -> str | None:
    """'Average rate per hour ... - weekend personal care' -> 'weekend personal care'."""
    match = QUALIFIER.search(question)
    return match.group("q").strip() if match else None


ENUMERATED = re.compile(
    r"(?i)\(?\b[a-h]\)\s*(?P<item>[^()?;*]+?)(?=\s+(?:and\s+)?\(?\b[a-h]\)|[?;*]|$)"
)
SUBJECT = re.compile(r"(?i)\b(?:support|supporting)\s+(?P<who>[^?]+?)\s+(?:in|for)\s*\(?\b[a-h]\)")


RATE_FOR = re.compile(
    r"\b(?:rates?|costs?|prices?|fees?)\s+(?:paid\s+)?for\s+(?P<q>[A-Z][\w'’ -]{2,60}?)"
    r"\s+(?:stood|was|were|is|are|in|during|at|of|from|per|has|have|will)\b"
)
UNDER_CONTRACT = re.compile(
    r"(?i)\bunder\s+(?:our|the|its|their)\s+"
    r"(?P<q>[\w'’ -]{2,60}?\s(?:contract|framework|agreement))\b"
)


def _qualified(service: str | None, sentence: str) -> str | None:
    """The service named more closely when the sentence does: 'the hourly rate for Evening
    Calls stood at £19.10' -> 'domiciliary care - Evening Calls'; 'rates agreed under our
    Better Days contract are ...' -> '... - Better Days contract'. A phrase that only repeats
    the service, or carries figures, adds nothing."""
    match = RATE_FOR.search(sentence) or UNDER_CONTRACT.search(sentence)
    if not match:
        return service
    qualifier = " ".join(match.group("q").split())
    words = set(re.findall(r"[a-z]+", qualifier.lower()))
    if re.search(r"\d", qualifier) or not 1 <= len(qualifier.split()) <= 8:
        return service
    if service is None:
        return qualifier
    if words <= set(re.findall(r"[a-z]+", service.lower())):
        return service
    return f"{service} - {qualifier}"


_FOR_WHAT = re.compile(
    r"^\s*(?:\([^)]{1,30}\)\s*)?(?:for|at|in)\s+"
    r"(?P<q>(?!the year|each year|\d)[A-Za-z][\w' -]{2,50}?)"
    r"(?=\s+(?:and|or|with|but|while|whereas)\b|\s*[,;.(]|\s*$)"
)
_BETWEEN_RANGE = re.compile(r"^\s*(?:-|–|to|and)\s*$")


def _each_priced(
    text: str, amounts: list[MoneyMatch], start: int, end: int, line_unit: str | None
) -> list[tuple[MoneyMatch, str, str | None]] | None:
    """'£712 per week for residential care and £845 per week for nursing care', or '£118 per
    night and £16.20 per hour': two prices, not a range. Each amount then has its own unit
    and what it is for; None unless every amount has a unit and they differ in unit or in
    what they price."""
    if len(amounts) < 2:
        return None
    priced = []
    for index, money in enumerate(amounts):
        following = amounts[index + 1].start if index + 1 < len(amounts) else end
        if index and _BETWEEN_RANGE.match(text[amounts[index - 1].stated_end : money.start]):
            return None  # '£9 - £15', '£9 to £15': one range
        unit = money.period if money.period in PRICE_UNITS else line_unit
        if unit is None:
            return None
        what = _FOR_WHAT.match(text[money.stated_end : following])
        if what:
            purpose: str | None = " ".join(what.group("q").split())
        else:  # 'Sleep-in nights are paid at £X': the clause before names what
            lead = text[amounts[index - 1].stated_end if index else start : money.start]
            purpose = service_of(re.split(r"[.;?]", lead)[-1])
        priced.append((money, unit, purpose))
    units = {unit for _, unit, _ in priced}
    purposes = [what for _, _, what in priced]
    if len(units) > 1 or (all(purposes) and len(set(purposes)) == len(purposes)):
        return priced
    return None


def _labelled_service(label: str, question: str, fallback: str | None) -> str:
    """'Nursing = £603' under '... support residents of care homes in a) residential care and
    b) nursing care?' -> 'nursing care, residents of care homes'."""
    items = [m.group("item").strip(" ,") for m in ENUMERATED.finditer(question)]
    item = next((i for i in items if label.lower() in i.lower()), None)
    subject = SUBJECT.search(question)
    if item:
        return f"{item}, {subject.group('who')}" if subject else item
    return f"{label} - {fallback}" if fallback else label


class _PriceReader:
    def __init__(self, doc: Document, block: Block, title: str | None) -> None:
        self.doc, self.block = doc, block
        question = block.question_text
        self.question_unit = _unit(question) if PRICE_WORDS.search(question) else None
        self.asks_average = bool(re.search(r"(?i)average|mean", question))
        answer = " ".join(ln.text for ln in block.answer)
        self.service = (
            _service_phrase(question)
            or service_of(question)
            or service_of(answer)
            or service_of(title)
        )
        self.basis = _basis(f"{question} {title or ''}", answer)
        self.fy = bool(re.search(r"\bFY\s*(?:19|20)\d\d", f"{title or ''} {question} {answer}"))
        years = set(re.findall(r"\b((?:19|20)\d\d\s?/\s?(?:19|20)?\d\d)\b", question))
        self.question_period = years.pop() if len(years) == 1 else None
        self.header: str | None = None  # a figure-free line naming what the prices are
        self.split_services: set[int] = set()  # sentence starts that price another service
        self.current: PriceRange | None = None
        self.found: list[PriceRange] = []

    def read(self, lines: list[Line]) -> list[PriceRange]:
        for line in lines:
            for part in self._sentences(line):
                self.line(part)
        return self.found

    def _sentences(self, line: Line) -> list[Line]:
        """A line's sentences, when a later one prices another service."""
        parts = [
            Line(line.number, a, b, self.doc.text[a:b], line.bullet)
            for a, b in sentences(self.doc.text, line.start, line.end)
        ]
        priced = [p for p in parts if "£" in p.text]
        if len(priced) < 2:
            return [line]
        for part in priced[1:]:
            named = service_of(part.text)
            if named and named != self.service and re.match(r"\s*[A-Z]", part.text):
                self.split_services.add(part.start)
        return parts

    def _period(self, raw: str) -> str:
        period = re.sub(r"\s", "", raw)
        return f"FY {period}" if self.fy else period

    def _basis_for(self, period: str | None) -> str | None:
        period = period or (self._period(self.question_period) if self.question_period else None)
        parts = [p for p in (self.header, self.basis, period) if p]
        return "; ".join(parts) if parts else None

    def line(self, line: Line) -> None:
        amounts = find_money(self.doc.text, line.start, line.end)
        if not amounts:
            if len(line.content) < 60 and not line.content.endswith((".", "?", ":")):
                self.header = line.content.lower()
            return
        unit = _unit(line.text) or self.question_unit
        if unit is None or any(m.period in {"annual", "total"} for m in amounts):
            return
        if not (PRICE_WORDS.search(line.text) or self.question_unit):
            return
        listed = labelled_amounts(self.doc.text, amounts, line.start)
        if listed and _unit(line.text):  # the lead-in's unit carries to every item
            for money, label in listed:
                service = f"{self.service} - {label}" if self.service else label
                self._new(line, unit, self._basis_for(None), service)
                self.fill(self.current, [money], line)
            self.current = None
            return
        each = _each_priced(self.doc.text, amounts, line.start, line.end, _unit(line.text))
        if each:
            for money, money_unit, what in each:
                self._new(line, money_unit, self._basis_for(None), self._service_for(what))
                self.fill(self.current, [money], line)
            self.current = None
            return
        label = PERIOD_LABEL.match(line.text)
        named = LABEL_PRICE.match(line.text)
        periods = [PERIOD_AFTER.match(self.doc.text[m.end : line.end]) for m in amounts]
        if label or named:
            service = self.service
            if named and not label:
                service = _labelled_service(
                    named.group("label"), self.block.question_text, self.service
                )
            period = self._period(label.group("p")) if label else None
            self._new(line, unit, self._basis_for(period), service)
        elif len(amounts) > 1 and all(periods):
            for money, period in zip(amounts, periods, strict=True):
                self._new(
                    line, unit, self._basis_for(self._period(period.group("p"))), self.service
                )
                self.fill(self.current, [money], line)
            return
        elif line.start in self.split_services:
            self._new(line, unit, None, _qualified(service_of(line.text), line.text))
        elif self.current is None or self.current.unit != unit:
            self._new(line, unit, self._basis_for(None), _qualified(self.service, line.text))
        else:
            self.current.evidence = span(self.doc, self.current.evidence.start, line.end)
        self.fill(self.current, amounts, line)

    def _service_for(self, what: str | None) -> str | None:
        """'for nursing care' names a service itself; 'at Ashgrove Court' narrows the block's."""
        if not what:
            return self.service
        named = service_of(what)
        if named and len(what.split()) <= 3:
            return named
        return f"{self.service} - {what}" if self.service else None

    def _new(self, line: Line, unit: str, basis: str | None, service: str | None) -> None:
        self.current = PriceRange(
            unit, span(self.doc, line.content_start, line.end), basis=basis, service=service
        )
        self.found.append(self.current)

    def fill(self, price: PriceRange, amounts: list[MoneyMatch], line: Line) -> None:
        ranged = _RANGE.search(line.text)
        since = 0
        for index, money in enumerate(amounts):
            previous_end, since = since, money.stated_end
            if money.amount > CEILING.get(price.unit, Decimal(10**6)):
                continue
            kind = _kind(self.doc.text, money, line.text, line.start, previous_end)
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


def _table_prices(
    doc: Document, block: Block, title: str | None, consumed: set[int]
) -> list[tuple[PriceRange, set[int]]]:
    """Prices from the rate tables inside the answer, each with the table's line numbers:
    a table read as prices is not read again line by line (a row would price twice)."""
    lines = [ln for ln in block.answer if not ln.blank]
    if not lines:
        return []
    reader = _PriceReader(doc, block, title)

    def basis_for(period: str | None) -> str | None:
        return reader._basis_for(reader._period(period) if period else None)

    found = []
    for table in doc.tables:
        if not lines[0].start <= table.start <= lines[-1].end:
            continue
        numbers = {ln.number for ln in doc.lines if table.start <= ln.end and ln.start <= table.end}
        if numbers & consumed:
            continue  # a lot table: its prices belong to the lots
        prices = table_prices(doc, table, _unit, reader.question_unit, basis_for)
        found += [(price, numbers) for price in prices]
    return found


def extract_prices(
    doc: Document, blocks: list[Block], title: str | None, consumed: set[int] | None = None
) -> list[PriceRange]:
    """Unit prices in answers, skipping lines already read as lot prices."""
    consumed = consumed or set()
    found: list[PriceRange] = []
    for block in blocks:
        if ASKS_AREAS.search(block.question_text):
            continue
        tabled = _table_prices(doc, block, title, consumed)
        found += [price for price, _ in tabled]
        read = {number for _, numbers in tabled for number in numbers}
        lines = [
            ln
            for ln in block.answer
            if not ln.blank
            and ln.number not in consumed | read
            and not re.match(r"(?i)\s*(?:•\s*)?lot\s+\d", ln.text)
        ]
        found += _PriceReader(doc, block, title).read(lines)
    return [p for p in found if any(v is not None for v in (p.minimum, p.maximum, p.average))]
