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
_OF_THE = re.compile(
    r"(?i)^\s*(?:\d+[.)]\s*)?of (?:the|these|those) (?P<w>[a-z][a-z -]{1,30}?)\b"
    r"(?=\s+(?:given|stated|provided|reported|made|delivered|above|in\b)|,)"
)
_WEEK = re.compile(
    r"(?i)\bweek\s+(?:commencing|beginning|starting)\s+(?:on\s+)?"
    r"(?P<d>\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})"
)
_REFERS_TO = re.compile(
    r"(?i)\b(?:in|to|for|from|at)\s+(?:your\s+)?(?:answer|response|reply)\s+to\s+question\s+"
    r"(?P<n>\d+)|\b(?:given|stated|provided|reported)\s+(?:in|at|under|for)\s+question\s+(?P<m>\d+)"
)
_AS_AT = re.compile(r"(?i)\bas (?:at|of)\s+(?P<d>\d{1,2}(?:st|nd|rd|th)?\s+\w+(?:\s+\d{4})?)")
_STATED_AS_AT = re.compile(  # the reply's own note: "All counts are as of 31/03/2024 unless ..."
    r"(?i)\b(?:all|the|these|our)\s+(?:figures|counts|numbers|data|statistics)\s+"
    r"(?:\w+\s+){0,3}?(?:are|is)\s+(?:given\s+|correct\s+|shown\s+)?as (?:at|of)\s+"
)
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
        whole = _OF_THE.match(question)
        if whole and " of " not in phrase:  # "Of the visits made, ... the share (%) missed"
            head, _, rest = phrase.partition(" ")
            parenthesis = re.match(r"\([^)]*\)\s*", rest)
            lead = f"{head} {parenthesis.group(0).strip()}" if parenthesis else head
            rest = rest[parenthesis.end() :] if parenthesis else rest
            phrase = f"{lead} of the {whole.group('w')} {rest}".strip()
        return phrase, "percent", group_of(phrase)
    bare = re.sub(r"\s*\([^)]*\)", "", re.sub(r"(?i)^number of\s+", "", phrase))
    found = count_phrase(" " + bare, 0)
    if found is None:
        return None
    return phrase.replace("'live in'", "live-in"), found.unit, group_of(phrase)


def question_period(question: str) -> tuple[str, str] | None:
    """'between 1st April and 30 June 2019' -> (interval '2019-04-01/2019-06-30', words);
    'in the week commencing 6 May 2024' -> ('2024-05-06', words): a week is known by its
    first day."""
    week = _WEEK.search(question)
    if week:
        start = parse_date(week.group("d"))
        if start and len(start) == 10:
            return start, f"week commencing {week.group('d')}"
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


def referred_question(question: str) -> str | None:
    """'Of the hours given in answer to question 4, ...' -> '4': the question this one builds
    on, whose period its figures share."""
    match = _REFERS_TO.search(question)
    return (match.group("n") or match.group("m")) if match else None


def request_as_at(blocks: list[Block]) -> str | None:
    """A date the whole request asks figures 'as at' (a year given anywhere in that sentence),
    or, failing that, the date the reply's opening says all its figures are given as at."""
    for block in blocks:
        for line in block.question:
            match = _AS_AT.search(line.text)
            if not match:
                continue
            dates = find_dates(line.text, match.start("d"), match.end("d") + 6)
            if dates and len(dates[0].iso) == 10:
                return dates[0].iso
    for block in blocks:  # the opening, before the first numbered answer
        if block.number:
            break
        for line in block.answer:
            stated = _STATED_AS_AT.search(line.text)
            dates = find_dates(line.text, stated.end(), stated.end() + 20) if stated else []
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


def asked_periods(blocks: list[Block]) -> list[tuple[str, str] | None]:
    """The period each block's question asks about; a question that builds on another
    ("Of the hours given in answer to question 4, ...") shares that question's period."""
    periods: dict[str, tuple[str, str] | None] = {}
    found = []
    for block in blocks:
        period = question_period(block.question_text)
        referred = referred_question(block.question_text)
        if period is None and referred:
            period = periods.get(referred)
        if block.number:
            periods[block.number] = period
        found.append(period)
    return found
