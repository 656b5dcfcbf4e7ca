"""What a request asks for, read from its wording.

An answer is often only a figure ("1,234 hours", "None.", "Spot purchase:
250 weekly hours"); what it counts, for which period and as at which date are
in the question or the request ("How many hours of care ... between 1st
April and 30 June 2019?", "Please answer as at 31st March 2023").
"""

from __future__ import annotations

import re

from graphbuild.parsing.dates import find_dates, parse_date
from graphbuild.parsing.measures import clean_measure, count_phrase, department_of, group_of
from graphbuild.parsing.sections import Block

_ASKED = re.compile(
    r"(?i)\bhow many\s+(?P<x>[^?]+)|\b(?:total )?number of\s+(?P<y>[^?:]+)|"
    r"\b(?:give|provide|state|tell (?:me|us)|confirm|supply)[:\s]+(?:me\s+|us\s+)?(?:with\s+)?"
    r"(?:[a-z]\.\s+)?(?:the|your)\s+(?P<z>(?:number|percentage|proportion|share|total)\b[^?]*)"
)
_CUT = re.compile(
    r"(?i)\s+(?:exist|are there|do you|does|is there|within the departments?)\b|"
    r"\s+and the number\b|\s+and under which\b|,\s*(?:and|if|please|for)\b|[?:]|\.\s|\.$|"
    r"\s+(?:for\s+)?\(?[a-h]\)\s"
)
_PERIOD = re.compile(
    r"(?i)\bbetween\s+(?P<a>[^,?]+?)\s+and\s+(?P<b>\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4})"
)
_AS_AT = re.compile(r"(?i)\bas (?:at|of)\s+(?P<d>\d{1,2}(?:st|nd|rd|th)?\s+\w+(?:\s+\d{4})?)")
_DEPARTMENT_NOTE = re.compile(
    r"(?i)(?:request (?:concerned|concerns|relates to|is about)|for the attention of|"
    r"directed to|passed to)\s+(?:the\s+)?(?P<d>[A-Z][\w&' ]+?)(?:\s+and\b|[.,*]|$)"
)


def question_measure(question: str) -> tuple[str, str, str | None] | None:
    """'How many FTE X exist within ...?' -> ('FTE X', 'FTE', group)."""
    match = _ASKED.search(question)
    if not match:
        return None
    asked = match.group("x") or match.group("y") or match.group("z")
    phrase = _CUT.split(asked)[0]
    phrase = re.sub(
        r"(?i)\s+(?:currently\s+)?(?:are|is|were|was|have|has)\s+(?=in receipt|on\b)", " ", phrase
    )
    phrase = re.sub(r"\*+", "", clean_measure(phrase))
    phrase = re.sub(r"(?i)^(?:the\s+)", "", phrase)
    if re.match(r"(?i)(?:percentage|proportion|share)\b", phrase):
        return phrase, "percent", group_of(phrase)
    bare = re.sub(r"\s*\([^)]*\)", "", re.sub(r"(?i)^number of\s+", "", phrase))
    found = count_phrase(" " + bare, 0)
    if found is None:
        return None
    return phrase.replace("'live in'", "live-in"), found.unit, group_of(phrase)


def question_period(question: str) -> tuple[str, str] | None:
    """'between 1st April and 30 June 2019' -> (interval '2019-04-01/2019-06-30', words)."""
    match = _PERIOD.search(question)
    if not match:
        return None
    end = parse_date(match.group("b"))
    if not end:
        return None
    start = parse_date(match.group("a")) or parse_date(f"{match.group('a')} {end[:4]}")
    if not start or len(start) != 10 or len(end) != 10:
        return None
    return f"{start}/{end}", f"{match.group('a')} to {match.group('b')}"


def request_as_at(blocks: list[Block]) -> str | None:
    """A date the whole request asks figures 'as at' (a year given anywhere in that sentence)."""
    for block in blocks:
        for line in block.question:
            match = _AS_AT.search(line.text)
            if not match:
                continue
            dates = find_dates(line.text, match.start("d"), match.end("d") + 6)
            if dates and len(dates[0].iso) == 10:
                return dates[0].iso
    return None


def document_department(blocks: list[Block]) -> str | None:
    """'This request concerns Children's Services', 'For the attention of Adult Social Care'."""
    for block in blocks:
        for line in [*block.question, *block.answer]:
            match = _DEPARTMENT_NOTE.search(line.text)
            if match and department_of(match.group("d")):
                return department_of(match.group("d"))
    return None
