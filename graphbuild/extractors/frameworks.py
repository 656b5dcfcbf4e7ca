"""Frameworks and their lots: which framework, its dates, value period and partners.

How lots are read (headings, member lists, lot prices, grids) is parsing.lots; this module
names the framework each answer's lots belong to, including lots listed apart from the
name, and the framework's dates and co-commissioners.
"""

from __future__ import annotations

import re

from graphbuild.facts import Framework, Lot, Warning
from graphbuild.parsing.dates import find_dates, leading_range
from graphbuild.parsing.lots import LotReader, lot_table
from graphbuild.parsing.numbers import words_to_int
from graphbuild.parsing.sections import Block
from graphbuild.parsing.services import service_of
from graphbuild.parsing.spans import clean, sentences, span
from graphbuild.readers.document import Document

FRAMEWORK_NAME = re.compile(
    r"\b(?P<name>(?:(?:[A-Z][\w&'’-]*|and|of|for|the|at|&)[ \t]+){0,6}?"
    r"(?:Framework(?: Agreements?)?|Dynamic Purchasing System|DPS|Approved (?:Provider )?List)"
    r"(?:[ \t]+(?:19|20)\d\d(?:[/-](?:(?:19|20)\d\d|\d\d))?\b)?"
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
    if framework.start and framework.end and framework.end < framework.start:
        framework.end = None  # an end before the start is another framework's (one it replaced)


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
        LotReader(doc, lots, warnings).read(block.answer, value_period)
        for table in doc.tables:
            if start <= table.start <= end:
                lot_table(doc, table, lots)
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
    frameworks = _merge_short_names(frameworks)
    frameworks += _lots_of_the_named(frameworks, unnamed)
    _add_prices(frameworks, priced_later)
    if not frameworks:
        frameworks += _unnamed_framework(doc, blocks, title)
    _attach_partners(doc, blocks, frameworks)
    return frameworks, warnings


def _words(name: str) -> list[str]:
    return re.findall(r"[\w&'’-]+", name.lower())


def _within(short: str, long: str) -> bool:
    """Every word of the short name appears, in order, in the longer one ('Supported Living
    Framework' in 'Eastby Supported Living Flexible Framework'), ending on the same word."""
    words, rest = _words(short), iter(_words(long))
    return bool(words) and words[-1] == _words(long)[-1] and all(w in rest for w in words)


def _merge_short_names(frameworks: list[Framework]) -> list[Framework]:
    """'Home Support Framework' in a subject line and 'the Eastley Home Support Framework' in
    an answer are one framework: the shorter name, a tail of the longer, joins it.

    A generic name whose words all sit, in order, in a fuller name ('Supported Living
    Framework' beside 'Eastby Supported Living Flexible Framework') joins it too, but only
    when it has no lots of its own and exactly one fuller name fits: with two candidates the
    letter may be speaking of either, and a name with lots is a framework in its own right.
    """
    kept: list[Framework] = []
    for framework in frameworks:
        longer = next(
            (
                other
                for other in frameworks
                if other is not framework
                and len(other.name) > len(framework.name)
                and other.name.lower().endswith(" " + framework.name.lower())
            ),
            None,
        )
        fuller = [
            other
            for other in frameworks
            if other is not framework
            and len(other.name) > len(framework.name)
            and _within(framework.name, other.name)
        ]
        if longer is None and len(fuller) == 1 and not framework.lots:
            longer = fuller[0]
        if longer is None:
            kept.append(framework)
            continue
        longer.lots += [
            lot for lot in framework.lots if lot.number not in {x.number for x in longer.lots}
        ]
        longer.start, longer.end = longer.start or framework.start, longer.end or framework.end
    return kept


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
