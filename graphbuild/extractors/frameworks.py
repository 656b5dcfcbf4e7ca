"""Frameworks and their lots: providers on each lot, prices, values, dates, partners.

A lot is introduced by a line that starts "Lot N"; what follows it is either a
list of providers or a title with a value. Price lines ("Minimum Weekly Price
for Lot 3: £512.40") belong to the lot whose section they sit in; when the
line names another lot, the section wins and a warning records the conflict,
as a careful reader would do.
"""

from __future__ import annotations

import re

from graphbuild.facts import Framework, Lot, LotMembership, Money, PriceRange, Warning
from graphbuild.parsing.dates import find_dates, leading_range
from graphbuild.parsing.money import MoneyMatch, find_money
from graphbuild.parsing.names import looks_like_organisation, parse_name
from graphbuild.parsing.numbers import words_to_int
from graphbuild.parsing.sections import Block
from graphbuild.parsing.services import service_of
from graphbuild.parsing.spans import clean, line_span, sentences, span
from graphbuild.readers.document import Document, Line, Table

LOT_LINE = re.compile(
    r"^\s*(?:•\s*)?Lot\s+(?P<num>\d{1,2}[a-z]?)\b\s*[:.–—-]?\s*(?P<rest>.*)$", re.I
)
PRICE_LINE = re.compile(
    r"(?i)\b(?P<kind>minimum|maximum|average|min|max|lowest|highest|mean)\b(?P<words>[^£:]*)"
    r":?\s*(?P<money>£\s?[\d,]+(?:\.\d+)?)"
)
LOT_PRICE_UNITS = {"hour", "week", "night", "day"}
UNIT_WORDS = [
    (r"week", "week"),
    (r"hour", "hour"),
    (r"night", "night"),
    (r"\bday|daily", "day"),
    (r"month", "month"),
    (r"annum|annual|year", "annual"),
]
FRAMEWORK_NAME = re.compile(
    r"\b(?P<name>(?:(?:[A-Z][\w&'’-]*|and|of|for|the|at|&)[ \t]+){0,6}?"
    r"(?:Framework(?: Agreements?)?|Dynamic Purchasing System|DPS|Approved (?:Provider )?List)"
    r"(?:[ \t]+(?:19|20)\d\d(?:[/-]\d\d)?\b)?"
    r"(?:[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?(?:(?:[A-Z][\w&'’()-]*|and|&)[ \t]*)+)?)"
)
PARTNER = re.compile(
    r"(?i)(?:jointly commissioned|joint(?:ly)? commission(?:ed|ing)|co-commissioned|"
    r"commissioned jointly|jointly (?:procured|tendered|let)|procured jointly|"
    r"in partnership|partnership arrangements?)\s+with\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w&'’-]*(?:\s+(?:[A-Z][\w&'’()-]*|and|of|for|the|&))*)"
)
PERIOD = re.compile(
    r"(?i)\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten)[ -]year period"
)
_DATE_ROLES = [
    (
        re.compile(r"(?i)\b(?:commenc|start|began|begin|from|effective|opened|since|went live)"),
        "start",
    ),
    (re.compile(r"(?i)\b(?:expir|end|until|conclud|terminat|run to|runs to)"), "end"),
]


def _unit(words: str) -> str | None:
    for pattern, unit in UNIT_WORDS:
        if re.search(pattern, words, re.I):
            return unit
    return None


def _is_member_line(line: Line) -> bool:
    return line.bullet or looks_like_organisation(line.text)


class _LotReader:
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
            if match:
                self.lot_line(line, match, value_period)
            elif self.in_list and _is_member_line(line) and not PRICE_LINE.search(line.text):
                self.member(line)
            elif PRICE_LINE.search(line.text) and self.section is not None:
                self.in_list = False
                self.price(line)
            else:
                self.in_list = False

    def lot_line(self, line: Line, match: re.Match, value_period: str | None) -> None:
        lot = self.lot(match.group("num"), line)
        rest = match.group("rest")
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
                amount = find_money(kind.group("money"))[0].amount
                word = kind.group("kind").lower()
                if word in {"minimum", "min", "lowest"}:
                    price.minimum = amount
                elif word in {"maximum", "max", "highest"}:
                    price.maximum = amount
                else:
                    price.average = amount
        elif len(money) == 1:
            price.average = money[0].amount
        else:
            return True  # a price line, but which amount is what is not said
        lot.prices.append(price)
        return True

    def member(self, line: Line) -> None:
        parsed = parse_name(line.content)
        if parsed.name and self.section is not None:
            self.section.members.append(
                LotMembership(parsed.name, line_span(self.doc, line), parsed.aliases)
            )

    def price(self, line: Line) -> None:
        match = PRICE_LINE.search(line.text)
        named = re.search(r"(?i)\blot\s+(\d{1,2}[a-z]?)", line.text)
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
        amount = find_money(line.text)[0].amount
        kind = match.group("kind").lower()
        if kind in {"minimum", "min", "lowest"}:
            price.minimum = amount
        elif kind in {"maximum", "max", "highest"}:
            price.maximum = amount
        else:
            price.average = amount
        price.stated = (price.stated + "; " if price.stated else "") + line.content


def _framework_name(doc: Document, start: int, end: int) -> tuple[str, int, int] | None:
    for match in FRAMEWORK_NAME.finditer(doc.text, start, end):
        name = clean(match.group("name"))
        name = re.sub(
            r"^(?:(?:Under|On|In|Within|Via|Through|Using|[Tt]he|This|These|[Oo]ur|Their|"
            r"Above|A|An)\s+)+(?:above\s+)?",
            "",
            name,
        )
        if len(name.split()) >= 2 and name[0].isupper():
            return name, match.start("name") + match.group("name").find(name), match.end("name")
    return None


LOT_HEADER = re.compile(r"(?i)^lot\s*(?P<num>\d{1,2}[a-z]?)\b")
MARKED = re.compile(r"(?i)^(?:yes|y|x|✓|✔|☑|tick|ticked|true|•|\*)$")


def _lot_table(doc: Document, table: Table, lots: dict[str, Lot]) -> None:
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
                lot = lots.setdefault(
                    number,
                    Lot(number, span(doc, table.header[index].start, table.header[index].end)),
                )
                lot.members.append(
                    LotMembership(
                        parsed.name, span(doc, row[0].start, row[index].end), parsed.aliases
                    )
                )


def _dates(doc: Document, framework: Framework, start: int, end: int) -> None:
    """Start, end and latest end from the sentences about the framework's term."""
    text = doc.text
    for offset, stop in sentences(text, start, end):
        sentence = text[offset:stop]
        dates = find_dates(text, offset, offset + len(sentence))
        ranged = leading_range(text, dates)
        if ranged and re.search(
            r"(?i)\b(?:from|runs?|between|period|term)\b", text[offset : ranged[0].start]
        ):
            framework.start = framework.start or ranged[0].iso  # "from 1 April 2020 to 31 March"
            framework.end = framework.end or ranged[1].iso
            dates = dates[2:]
        for date in dates:
            before = text[max(offset, date.start - 60) : date.start]
            if re.search(r"(?i)extend|extension", before) and re.search(r"(?i)\bto\s*$", before):
                framework.max_end = framework.max_end or date.iso
                continue
            role = next((r for p, r in _DATE_ROLES if p.search(before[-35:])), None)
            if role == "start":
                framework.start = framework.start or date.iso
            elif role == "end":
                framework.end = framework.end or date.iso
        extension = re.search(
            r"(?i)extended,?\s+(?:for\s+)?(?:period\(s\)\s+|a period\s+)?"
            r"(?P<ext>(?:of\s+)?up to\s+\d+\s+(?:months|years))",
            sentence,
        )
        if extension and framework.extension is None:
            framework.extension = extension.group("ext")


def extract_frameworks(
    doc: Document, blocks: list[Block], title: str | None = None
) -> tuple[list[Framework], list[Warning]]:
    frameworks: list[Framework] = []
    unnamed: list[Framework] = []
    priced_later: list[Lot] = []  # 'Lot 1: minimum £.. per hour' answering another question
    warnings: list[Warning] = []
    for block in blocks:
        lines = [ln for ln in block.answer if not ln.blank]
        if not lines:
            continue
        start, end = lines[0].start, lines[-1].end
        period = PERIOD.search(doc.text, start, end)
        value_period = None
        if period:
            count = words_to_int(period.group("n")) or int(period.group("n"))
            value_period = f"{count} years"
        lots: dict[str, Lot] = {}
        _LotReader(doc, lots, warnings).read(block.answer, value_period)
        for table in doc.tables:
            if start <= table.start <= end:
                _lot_table(doc, table, lots)
        named = _framework_name(doc, start, end)
        if not lots and not named:
            continue
        if named is None:
            if not any(lot.members for lot in lots.values()):
                priced_later += [lot for lot in lots.values() if lot.prices]
                continue
            service, name = _unnamed(block, title)
            n_start, n_end = lines[0].start, lines[0].end
        else:
            name, n_start, n_end = named
        framework = Framework(name, span(doc, n_start, n_end), lots=list(lots.values()))
        framework.service = service_of(name) or service_of(block.question_text)
        _dates(doc, framework, start, end)
        (frameworks if named else unnamed).append(framework)
    frameworks += _lots_of_the_named(frameworks, unnamed)
    _add_prices(frameworks, priced_later)
    if not frameworks:
        frameworks += _unnamed_framework(doc, blocks, title)
    _attach_partners(doc, blocks, frameworks)
    return frameworks, warnings


def _lots_of_the_named(named: list[Framework], unnamed: list[Framework]) -> list[Framework]:
    """Lots listed under 'The framework has three lots' belong to the one framework the
    letter names elsewhere; only when it names none (or several) do they stand alone."""
    if len(named) != 1:
        return unnamed
    framework = named[0]
    alone = []
    for other in unnamed:
        numbers = {lot.number for lot in framework.lots}
        if any(lot.number in numbers for lot in other.lots):
            alone.append(other)  # lots of the same number: another framework after all
            continue
        framework.lots += other.lots
    return alone


def _add_prices(frameworks: list[Framework], priced: list[Lot]) -> None:
    """Prices given lot by lot in a later answer join the lot of that number, when exactly
    one framework has it (two frameworks with a Lot 1 leave the price unplaced)."""
    for lot in priced:
        same = [x for f in frameworks for x in f.lots if x.number == lot.number]
        if len(same) == 1:
            same[0].prices += lot.prices


def _unnamed(block: Block, title: str | None) -> tuple[str | None, str]:
    """A framework the letter does not name is called after its service."""
    service = service_of(block.question_text) or service_of(title)
    return service, f"{service.capitalize()} framework" if service else "Framework"


UNDER_FRAMEWORK = re.compile(r"(?i)\b(?:under|on|via|through) (?:a |the |our )?framework\b")
ASKS_EXPIRY = re.compile(r"(?i)\bexpir|\bcome to an end|\bend date|\bwhen do(?:es)? .* end\b")


def _unnamed_framework(doc: Document, blocks: list[Block], title: str | None) -> list[Framework]:
    """'9, under framework.' plus 'When do these arrangements expire? 31 May 2027'."""
    said = [
        (b, ln, m)
        for b in blocks
        for ln in b.answer
        if len([x for x in b.answer if not x.blank]) <= 2 and (m := UNDER_FRAMEWORK.search(ln.text))
    ]
    if not said:
        return []
    block, line, match = said[0]
    service, name = _unnamed(block, title)
    framework = Framework(
        name, span(doc, line.start + match.start(), line.start + match.end()), service=service
    )
    for other in blocks:
        answer = [ln for ln in other.answer if not ln.blank]
        if ASKS_EXPIRY.search(other.question_text) and answer:
            dates = find_dates(doc.text, answer[0].start, answer[0].end)
            if len(dates) == 1:
                framework.end = dates[0].iso
                break
    return [framework] if framework.end else []


def _attach_partners(doc: Document, blocks: list[Block], frameworks: list[Framework]) -> None:
    """Co-commissioners named anywhere in the answers join the frameworks of that service."""
    for block in blocks:
        for line in block.answer:
            for match in PARTNER.finditer(line.text):
                org = clean(re.split(r"\s+(?:for|to|in|on|under)\s+", match.group("org"))[0])
                service = service_of(line.text)
                for framework in frameworks:
                    if org not in framework.partners and (
                        service is None
                        or framework.service in (None, service)
                        or service_of(framework.name) == service
                    ):
                        framework.partners.append(org)
