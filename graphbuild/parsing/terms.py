"""A contract's length, its extension options and when it starts and ends, as letters say them.

"is for 3 years", "runs for three years", "over the five-year term"; "option to
extend for a further two years", "option to extend by a further 12 months",
"two extension periods of 12 months each", "3 years + 1 + 1" (36 months and two
one-year options), "£2m over four years"; "commenced on ...", "expires ...".
Each reads words only, so contracts told in prose, tables or label records share them.
"""

from __future__ import annotations

import re

from graphbuild.parsing.dates import find_dates
from graphbuild.parsing.money import find_money
from graphbuild.parsing.numbers import words_to_int
from graphbuild.readers.document import Line

COUNT = r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty-four)"
TERM = re.compile(
    rf"(?i)\b(?:is|runs?|term(?: of)?|lasts?|period of)\s+(?:for\s+)?{COUNT}"
    rf"[ -](?P<unit>years?|months?)"
)
TERM_BEFORE = re.compile(  # "the five-year term", "a 36 month contract period"
    rf"(?i)\b{COUNT}[ -](?P<unit>years?|months?)\s+(?:initial\s+)?(?:term|contract|period)\b"
)
EXTENSION = re.compile(
    rf"(?i)(?:option|options|opportunity|ability|right) to extend(?: it| them)?\s+"
    rf"(?:for\s+|by\s+)?(?:a further\s+|an additional\s+|up to\s+|a period of\s+)?{COUNT}\s+"
    rf"(?:further\s+)?(?P<unit>years?|months?)"
)
OPTIONAL = re.compile(  # "an optional 1-year extension", "a 12-month extension option"
    rf"(?i)\b(?:an?\s+)?(?:optional\s+|possible\s+|further\s+)?{COUNT}[ -](?P<unit>years?|months?)"
    r"\s+(?:optional\s+)?extension\b"
)
OVER = re.compile(  # "£3.2 million over four years": the value's period is the term
    rf"(?i)\bover\s+(?:a\s+|the\s+)?(?:period of\s+)?{COUNT}[ -](?P<unit>years?|months?)\b"
)
PLUS = re.compile(  # "3 years + 1 + 1": an initial term, then yearly extension options
    rf"(?i)\b{COUNT}\s+(?P<unit>years?|months?)\s*(?P<plus>(?:\+\s*\d+\s*){{1,4}})"
    r"(?:years?|months?)?(?![\d%])"
)
PERIODS_EACH = re.compile(
    rf"(?i)\b{COUNT}\s+(?:extension\s+)?(?:periods?|options?|extensions?)\s+of\s+"
    rf"(?P<m>\d+|one|two|three|six|twelve)\s+(?P<unit>years?|months?)(?:\s+each)?"
)
END_WORDS = re.compile(r"(?i)(?:conclud|expir|ends?\b|ending|terminat|until|runs? to|due to end)")
START_WORDS = re.compile(r"(?i)(?:commenc|start|began|from)")


def months(count: str, unit: str) -> int | None:
    """'three', 'years' -> 36."""
    number = int(count) if count.isdigit() else words_to_int(count)
    if number is None:
        return None
    return number * (12 if unit.lower().startswith("year") else 1)


def term_months(text: str) -> int | None:
    """The contract's length in months, as the text states it, or None."""
    term = TERM.search(text) or TERM_BEFORE.search(text) or PLUS.search(text)
    if term is None and find_money(text):
        term = OVER.search(text)  # only a value "over four years" states the term so
    return months(term.group("n"), term.group("unit")) if term else None


def extension_months(text: str) -> int | None:
    """How long the contract may be extended by, in months, or None."""
    plus = PLUS.search(text)
    if plus:
        steps = [int(n) for n in re.findall(r"\d+", plus.group("plus"))]
        return months(str(sum(steps)), plus.group("unit"))
    each = PERIODS_EACH.search(text)
    if each:
        count = months(each.group("n"), "months")
        length = months(each.group("m"), each.group("unit"))
        return count * length if count and length else None
    extension = EXTENSION.search(text) or OPTIONAL.search(text)
    return months(extension.group("n"), extension.group("unit")) if extension else None


def shared_terms(lines: list[Line]) -> dict:
    """'The contracts began in April 2021 and run for three years' under a table of contracts."""
    found: dict = {}
    for line in lines[:2]:
        text = line.text
        if not re.search(r"(?i)\b(?:the|these|all|each|both) contracts?\b", text):
            continue
        found["term_months"] = term_months(text)
        found["extension_months"] = extension_months(text)
        for date in find_dates(text):
            before = text[max(0, date.start - 40) : date.start]
            key = "end" if END_WORDS.search(before) else "start"
            if key == "end" or START_WORDS.search(before):
                found.setdefault(key, date.iso)
    return {k: v for k, v in found.items() if v is not None}
