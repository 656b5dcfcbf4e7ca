"""Reading lots: headings, the providers listed under them, lot prices, provider-by-lot grids.

A lot is introduced by a line that starts "Lot N" (a dynamic purchasing system may say
"Category N"); what follows it is either a list of providers (bulleted, one per line, or
"Admitted providers: A; B; C") or a title with a value. Price lines ("Minimum Weekly Price
for Lot 3: £512.40", "Hourly rate: £23.40") belong to the lot whose section they sit in;
when the line names another lot, the section wins and a warning records the conflict, as a
careful reader would do. The frameworks extractor decides which framework the lots are of.
"""

from __future__ import annotations

import re
from decimal import Decimal

from graphbuild.facts import Lot, LotMembership, Money, PriceRange, Warning
from graphbuild.parsing.money import MoneyMatch, find_money
from graphbuild.parsing.names import (
    LOT_ID,
    ORG_END,
    looks_like_organisation,
    parse_name,
    split_list,
)
from graphbuild.parsing.spans import clean, line_span, span
from graphbuild.readers.document import Document, Line, Table

LOT_LINE = re.compile(  # a DPS may call its lots categories
    rf"^\s*(?:•\s*)?(?:Lot|Category)\s+(?P<num>{LOT_ID})\s*[:.–—-]?\s*(?P<rest>.*)$", re.I
)
LISTED_MEMBERS = re.compile(
    r"(?i)^\s*(?:admitted|approved|appointed|successful|framework)?\s*"
    r"(?:providers?|suppliers?|members?)\s*:\s*(?P<names>\S.*)$"
)
RATE_LINE = re.compile(r"(?i)^\s*(?P<u>hourly|weekly|nightly|daily)\s+(?:rate|price|fee)\s*:?\s*£")
_RATE_UNITS = {"hourly": "hour", "weekly": "week", "nightly": "night", "daily": "day"}
PRICE_LINE = re.compile(
    r"(?i)\b(?P<kind>minimum|maximum|average|min|max|lowest|highest|mean)\b(?P<words>[^£:]*)"
    r":?\s*(?P<money>£\s?[\d,]+(?:\.\d+)?)"
)
LOT_PRICE_UNITS = {"hour", "week", "night", "day"}
_AMOUNT = r"£\s?[\d,]+(?:\.\d+)?"
RATE_RANGE = re.compile(  # "Hourly rates range from £a to £b": a price range, never a value
    r"(?i)\b(?P<u>hourly|weekly|nightly|daily)\s+(?:rates?|prices?|fees?)\s+"
    rf"(?:range|ranged|ranging|vary|varies|varied)\s+(?:from|between)\s+(?P<a>{_AMOUNT})"
    rf"\s+(?:to|and|-|–)\s+(?P<b>{_AMOUNT})"
)
RATE_IS = re.compile(  # "The hourly rate is £23.10 for all providers"
    rf"(?i)\b(?P<u>hourly|weekly|nightly|daily)\s+(?:rate|price|fee)\s+(?:is|was)\s+(?P<a>{_AMOUNT})"
)
UNIT_WORDS = [
    (r"week", "week"),
    (r"hour", "hour"),
    (r"night", "night"),
    (r"\bday|daily", "day"),
    (r"month", "month"),
    (r"annum|annual|year", "annual"),
]


def _unit(words: str) -> str | None:
    for pattern, unit in UNIT_WORDS:
        if re.search(pattern, words, re.I):
            return unit
    return None


def _is_member_line(line: Line) -> bool:
    return line.bullet or looks_like_organisation(line.text)


def _fill(price: PriceRange, kind: str, amount: Decimal) -> None:
    """Put an amount in the slot its word names: minimum, maximum, else the average."""
    word = kind.lower()
    if word in {"minimum", "min", "lowest"}:
        price.minimum = amount
    elif word in {"maximum", "max", "highest"}:
        price.maximum = amount
    else:
        price.average = amount


class LotReader:
    """Walks one answer's lines, filling lots in the order the letter gives them."""

    def __init__(self, doc: Document, lots: dict[str, Lot], warnings: list[Warning]) -> None:
        self.doc, self.lots, self.warnings = doc, lots, warnings
        self.section: Lot | None = None
        self.in_list = False

    def lot(self, number: str, line: Line) -> Lot:
        if number not in self.lots:
            self.lots[number] = Lot(number, line_span(self.doc, line))
        return self.lots[number]

    def read(self, lines: list[Line], value_period: str | None) -> None:
        for line in lines:
            if line.blank:
                continue
            match = LOT_LINE.match(line.text)
            listed = LISTED_MEMBERS.match(line.text)
            rate = RATE_LINE.match(line.text)
            if match:
                self.lot_line(line, match, value_period)
            elif listed and self.section is not None:
                self.listed(line, listed)
            elif rate and self.section is not None:
                self.rate(line, _RATE_UNITS[rate.group("u").lower()])
            elif self.in_list and _is_member_line(line) and not PRICE_LINE.search(line.text):
                self.member(line)
            elif PRICE_LINE.search(line.text) and self.section is not None:
                self.in_list = False
                self.price(line)
            else:
                self.in_list = False

    def titled_members(self, lot: Lot, line: Line, match: re.Match) -> bool:
        """'Lot 1 - Title: A Ltd, B (trading as C), and D CIC. Hourly rates range from £a
        to £b': the title before the first colon, the providers after it, then its rates.

        Taken only when every listed item reads as a name and at least half end in a legal
        or organisation word; the rates are the lot's prices, not its value.
        """
        rest, base = match.group("rest"), match.start("rest")
        colon = rest.find(":")
        if colon < 3:
            return False
        after = rest[colon + 1 :]
        stop = re.search(r"\.(?=\s+[A-Z])|\.?\s*$", after)
        listed = after[: stop.start()] if stop else after
        items = []
        for begin, end in split_list(listed):
            parsed = parse_name(listed[begin:end])
            if not parsed.name or not looks_like_organisation(parsed.name):
                return False
            items.append((parsed, begin, end))
        if len(items) < 2 or 2 * sum(bool(ORG_END.search(p.name)) for p, _, _ in items) < len(
            items
        ):
            return False
        lot.title = lot.title or clean(rest[:colon]) or None
        at = line.start + base + colon + 1
        for parsed, begin, end in items:
            member_span = span(self.doc, at + begin, at + end)
            lot.members.append(LotMembership(parsed.name, member_span, parsed.aliases))
        for pattern in (RATE_RANGE, RATE_IS):
            rate = pattern.search(line.text)
            if rate is None:
                continue
            unit = _RATE_UNITS[rate.group("u").lower()]
            price = PriceRange(unit, line_span(self.doc, line), stated=line.content)
            if pattern is RATE_RANGE:
                price.minimum = find_money(rate.group("a"))[0].amount
                price.maximum = find_money(rate.group("b"))[0].amount
            else:
                price.average = find_money(rate.group("a"))[0].amount
            lot.prices.append(price)
            break
        self.section = lot
        self.in_list = False
        return True

    def lot_line(self, line: Line, match: re.Match, value_period: str | None) -> None:
        lot = self.lot(match.group("num"), line)
        rest = match.group("rest")
        if self.titled_members(lot, line, match):
            return
        money = find_money(line.text)
        if money and self.unit_prices(lot, line, money):
            self.in_list = False
            return
        if money:
            title = clean(line.text[match.start("rest") : money[0].start])
            lot.title = lot.title or title or None
            found = money[0]
            lot.value = Money(found.amount, found.period or value_period, found.stated(line.text))
            lot.evidence = line_span(self.doc, line)
            self.in_list = False
            return
        self.section = lot
        introduces = bool(re.search(r"(?i)provider|supplier|organisation|members?", rest))
        if rest.strip() and not introduces and len(rest) <= 80:
            lot.title = lot.title or clean(rest) or None  # "Lot 2 - Older People"
        self.in_list = True  # what follows a lot heading is its providers, if it reads as names

    def unit_prices(self, lot: Lot, line: Line, money: list[MoneyMatch]) -> bool:
        """'Lot 1: minimum £22.10, maximum £24.60, average £23.15 per hour' prices the lot;
        it is not its value. False when the line is not a price line. Several amounts with
        nothing saying which is which are left alone rather than guessed."""
        unit = next((m.period for m in money if m.period in LOT_PRICE_UNITS), None)
        kinds = list(PRICE_LINE.finditer(line.text))
        if unit is None and not kinds:
            return False
        unit = unit or _unit(" ".join(k.group("words") for k in kinds)) or _unit(line.text)
        if unit not in LOT_PRICE_UNITS:
            return False
        price = PriceRange(unit, line_span(self.doc, line), stated=line.content)
        if kinds:
            for kind in kinds:
                _fill(price, kind.group("kind"), find_money(kind.group("money"))[0].amount)
        elif len(money) == 1:
            price.average = money[0].amount
        else:
            return True  # a price line, but which amount is what is not said
        lot.prices.append(price)
        return True

    def listed(self, line: Line, match: re.Match) -> None:
        """'Admitted providers: A Ltd; B Ltd; C Cyf': one membership per name, each its own span."""
        names = match.group("names")
        parts = re.split(r"\s*;\s*", names) if ";" in names else re.split(r"\s*,\s*", names)
        at = line.start + match.start("names")
        for part in parts:
            offset = self.doc.text.find(part, at, line.end)
            parsed = parse_name(part.strip(" ."))
            if parsed.name and offset >= 0 and self.section is not None:
                member_span = span(self.doc, offset, offset + len(part))
                self.section.members.append(LotMembership(parsed.name, member_span, parsed.aliases))
                at = offset + len(part)
        self.in_list = False

    def rate(self, line: Line, unit: str) -> None:
        """'Hourly rate: £23.40' under a lot heading is that lot's price."""
        money = find_money(line.text)
        if len(money) == 1 and self.section is not None:
            price = PriceRange(unit, line_span(self.doc, line), stated=line.content)
            price.average = money[0].amount
            self.section.prices.append(price)
        self.in_list = False

    def member(self, line: Line) -> None:
        parsed = parse_name(line.content)
        if parsed.name and self.section is not None:
            self.section.members.append(
                LotMembership(parsed.name, line_span(self.doc, line), parsed.aliases)
            )

    def price(self, line: Line) -> None:
        match = PRICE_LINE.search(line.text)
        named = re.search(rf"(?i)\blot\s+({LOT_ID})", line.text)
        lot = self.section
        if named and lot is not None and named.group(1) != lot.number:
            self.warnings.append(
                Warning(
                    f"Price line names Lot {named.group(1)} but sits in the Lot {lot.number} "
                    f"section; recorded for Lot {lot.number}.",
                    line_span(self.doc, line),
                )
            )
        unit = _unit(match.group("words")) or "week"
        basis = "pro rata" if re.search(r"(?i)pro[- ]rat", line.text) else None
        price = next((p for p in lot.prices if p.unit == unit), None)
        if price is None:
            price = PriceRange(unit, line_span(self.doc, line), basis=basis)
            lot.prices.append(price)
        else:
            price.evidence = span(self.doc, price.evidence.start, line.end)
        _fill(price, match.group("kind"), find_money(line.text)[0].amount)
        price.stated = (price.stated + "; " if price.stated else "") + line.content


LOT_HEADER = re.compile(rf"(?i)^lot\s*(?P<num>{LOT_ID})")
MARKED = re.compile(r"(?i)^(?:yes|y|x|✓|✔|☑|tick|ticked|true|•|\*)$")


def lot_table(doc: Document, table: Table, lots: dict[str, Lot]) -> None:
    """A provider-by-lot grid: a 'Lot N' column per lot, a mark where the provider is on it."""
    columns = {
        i: m.group("num")
        for i, cell in enumerate(table.header)
        if (m := LOT_HEADER.match(cell.text))
    }
    if not columns or 0 in columns:
        return
    for row in table.rows[1:]:
        if not row or not looks_like_organisation(row[0].text):
            continue
        parsed = parse_name(row[0].text)
        for index, number in columns.items():
            if index < len(row) and MARKED.match(row[index].text):
                cell = table.header[index]
                lot = lots.setdefault(number, Lot(number, span(doc, cell.start, cell.end)))
                title = clean(LOT_HEADER.sub("", cell.text).strip(" :-–"))
                lot.title = lot.title or title or None  # 'Lot 2 Rural' -> 'Rural'
                lot.members.append(
                    LotMembership(
                        parsed.name, span(doc, row[0].start, row[index].end), parsed.aliases
                    )
                )
