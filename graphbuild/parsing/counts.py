"""Which numbers in an answer count something, and what the words beside one add.

Most numbers in a letter count nothing: "Lot 3", "question 4", "section 12",
"£1,200", "12.5%", "2021", the day of a date; and a sentence citing the law is
made of section numbers and years. Whether a number is a count, whether a hedge
("approximately", "over") makes it approximate, and the "as at" date it is
stated for, are read from the few words around it, the same for a count in
running prose as for a figure alone on a line.
"""

from __future__ import annotations

import re

from graphbuild.parsing.dates import find_dates
from graphbuild.parsing.numbers import NumberMatch

_REFERENCE_BEFORE = re.compile(
    r"(?i)(?:\blot|\bq|question|questions|section|s\.|principle|page|appendix|annex|item|part|"
    r"no\.|number|regulation|paragraph|article|qs|phase|tier|band|level|floor|grade|"
    r"step|request|ref|reference)\s*\(?$"
)
_APPROX = re.compile(
    r"(?i)(?:approximately|about|around|roughly|circa|c\.|some|nearly|almost|"
    r"over|more than|up to)\s*$"
)
_LEGAL = re.compile(r"(?i)exempt|regulations|appropriate (?:time )?limit|section \d|act \d{4}")


def not_a_count(text: str, number: NumberMatch, start: int) -> bool:
    """A reference ('Lot 3', 'question 4'), money, a percentage, a year or part of a date.

    `start` is where the sentence or line holding the number begins: words before it
    are not read.
    """
    before = text[max(start, number.start - 14) : number.start]
    after = text[number.end : number.end + 3]
    if _REFERENCE_BEFORE.search(before) or "£" in before[-2:] or after.startswith(("%", " %")):
        return True
    if not number.words and re.fullmatch(r"(?:19|20)\d\d", text[number.start : number.end]):
        return True
    return any(d.start <= number.start < d.end for d in find_dates(text, start, number.end + 20))


def hedged(text: str, number: NumberMatch, start: int) -> bool:
    """'approximately 40', 'over 300', 'some 12': the count is approximate."""
    return bool(_APPROX.search(text[max(start, number.start - 15) : number.start]))


def cites_the_law(sentence: str) -> bool:
    """An exemption, a regulation, a section or an Act: its numbers are references."""
    return bool(_LEGAL.search(sentence))


def as_at_date(sentence: str) -> str | None:
    """The ISO date a sentence states its figures 'as at' / 'as of', if any."""
    match = re.search(r"(?i)\bas (?:at|of)\s+", sentence)
    if not match:
        return None
    dates = find_dates(sentence, match.end(), match.end() + 40)
    return dates[0].iso if dates else None
