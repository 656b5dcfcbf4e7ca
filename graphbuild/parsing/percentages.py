"""Percentages in answers, and what each is a percentage of.

"The number of hours have increased by 12.5%" is an increase in the hours the
answer described earlier ("the number of hours commissioned for ... has
increased"); "We have interpreted this as personal care - 3.2%" answers a
question that asked for a percentage, so the question names the measure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from graphbuild.parsing.measures import clean_measure

PERCENT = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s?(?:%|per ?cent\b)")
_CHANGE = re.compile(r"(?i)\b(increased|decreased|reduced|risen|fallen|grown|dropped)(?: by)?\s*$")
_TRAILING_VERB = re.compile(r"(?i)\b(?:is|are|was|were|of|by)\s*$")
_READING = (
    re.compile(  # "we have taken this to mean ...", "the council has interpreted this as ..."
        r"(?i)^(?:we|the council)\s+(?:have\s+|has\s+)?(?:taken|interpreted|read|understood)\s+"
        r"(?:this|the question|your request|it)\s+(?:to mean|as)\s*"
    )
)


@dataclass(frozen=True)
class PercentPhrase:
    measure: str
    value: Decimal
    start: int
    end: int


def resolve_subject(before: str, answer: str) -> str | None:
    """'The number of hours have increased by' -> the fullest 'hours ...' phrase in the answer."""
    head = re.search(r"(?i)number of (\w+)", before)
    if not head:
        return None
    best = head.group(1)
    for match in re.finditer(
        rf"(?i)number of ({re.escape(head.group(1))}\b[^.;]*?)"
        r"(?=\s+(?:has|have|is|are|was|were|increased|decreased)\b)",
        answer,
    ):
        if len(match.group(1)) > len(best):
            best = match.group(1)
    return clean_measure(best)


def percent_phrases(
    text: str, start: int, end: int, answer: str, asked: str | None
) -> list[PercentPhrase]:
    """Each percentage in text[start:end] with its measure; `asked` is the question's measure
    when the question asked for a percentage."""
    found = []
    for match in PERCENT.finditer(text, start, end):
        before = text[start : match.start()]
        change = _CHANGE.search(before)
        subject = resolve_subject(before, answer)
        if asked:
            qualifier = _READING.sub("", clean_measure(_TRAILING_VERB.sub("", before)))
            measure = f"{asked} ({qualifier})" if qualifier else asked
        elif change and subject:
            word = (
                "increase" if re.match(r"(?i)increas|risen|grown", change.group(1)) else "decrease"
            )
            measure = f"{word} in {subject}"
        else:
            measure = clean_measure(_TRAILING_VERB.sub("", before)) or clean_measure(
                text[match.end() : end]
            )
        if measure:
            found.append(PercentPhrase(measure, Decimal(match.group("n")), start, end))
    return found
