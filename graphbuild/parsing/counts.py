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

from graphbuild.parsing.dates import financial_year, find_dates
from graphbuild.parsing.numbers import WORD_NUMBER, NumberMatch

_REFERENCE_BEFORE = re.compile(
    r"(?i)(?:\blot|\bq|question|questions|section|s\.|principle|page|appendix|annex|item|part|"
    r"no\.|number|regulation|paragraph|article|qs|phase|tier|band|level|floor|grade|"
    r"step|request|ref|reference)\s*\(?$"
)
_APPROX = re.compile(
    r"(?i)(?:approximately|about|around|roughly|circa|c\.|some|nearly|almost|"
    r"over|more than|up to)\s*$"
)
_SUPPRESSED_BEFORE = re.compile(r"(?i)(?:\b(?:fewer|less) than|<)\s*$")
# 'the three schemes', 'at all three schemes': a spelled-out number after an article points
# at things already named, as a determiner, and counts nothing new.
_DETERMINER_BEFORE = re.compile(r"(?i)\b(?:the|these|those|all)\s+$")
_THRESHOLD_BEFORE = re.compile(
    r"(?i)\b(?:more than|over|at least|fewer than|less than|up to|under)\s+$"
)
_DESCRIBING = re.compile(
    r"(?i)\b(?:were|are|was|is|receiv\w*|gets?|getting|using|uses?|with|having|need\w*|"
    r"wait\w*|aged)\s+(?:\w+\s+)?$"
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
    if re.search(r"[A-Za-z\d][-/]$", before) or re.match(r"[-/][A-Za-z\d]", after):
        return True  # part of a code: "FOI 2024-0193", "ref 23/1187"
    if number.words and _DETERMINER_BEFORE.search(before):
        return True
    if _SUPPRESSED_BEFORE.search(before):
        return True  # 'fewer than 5': a small number withheld, not the count
    if not number.words and re.fullmatch(r"(?:19|20)\d\d", text[number.start : number.end]):
        return True
    return any(d.start <= number.start < d.end for d in find_dates(text, start, number.end + 20))


def threshold(text: str, number: NumberMatch, start: int) -> bool:
    """'of whom 41 were receiving more than ten hours', 'people who receive over 20 hours':
    a bound in a clause that describes other counted people (a number or 'who' before it in
    the same clause) says which of them are counted; it is not a figure of its own."""
    clause = re.split(r"[,;:]", text[start : number.start])[-1]
    bound = _THRESHOLD_BEFORE.search(clause)
    if bound is None:
        return False
    described = clause[: bound.start()]
    if re.search(r"(?i)\b(?:who|whom)\b", described):
        return True
    counted = re.search(r"\d", described) or WORD_NUMBER.search(described)
    # '41 were receiving more than ...' describes the 41; '12 contracts and over 300 hours'
    # is two figures
    return bool(counted and _DESCRIBING.search(described[counted.end() :]))


def hedged(text: str, number: NumberMatch, start: int) -> bool:
    """'approximately 40', 'over 300', 'some 12': the count is approximate."""
    return bool(_APPROX.search(text[max(start, number.start - 15) : number.start]))


def cites_the_law(sentence: str) -> bool:
    """An exemption, a regulation, a section or an Act: its numbers are references."""
    return bool(_LEGAL.search(sentence))


_AS_AT = re.compile(r"(?i)\bas (?:at|of)\s+")
# 'at 31 March 2023', 'on 30 June 2023': a figure's own date, unless a contract event
# ('started on', 'ends on') or a range ('from ... to') owns it.
_AT_ON = re.compile(r"(?i)(?<!\bfrom )(?<!\buntil )\b(?:at|on)\s+(?:the\s+)?$")
_EVENT_BEFORE = re.compile(
    r"(?i)\b(?:start\w*|commenc\w*|began|begins?|end\w*|expir\w*|conclud\w*|sign\w*|"
    r"award\w*|publish\w*|receiv\w*|dated|wrote|written|sent|email\w*|letter)\s+(?:at|on)\s+"
    r"(?:the\s+)?$"
)
# 'in 2022/23', 'during 2021-22', 'in the 2022/23 financial year'
_IN_YEAR = re.compile(
    r"(?i)\b(?:in|during|for|over)\s+(?:the\s+)?(?:financial\s+year\s+)?"
    r"(?P<fy>(?:19|20)\d\d\s*(?:/|-|–)\s*(?:(?:19|20)?\d\d))\b"
)


def as_at_date(sentence: str) -> str | None:
    """The date a sentence states its figures for: 'as at' / 'as of' a date, 'at' or 'on' a
    full date ('at 31 March 2023'), else the financial year it is 'in' ('in 2022/23' ->
    '2022-2023', the period form used for every financial year)."""
    match = _AS_AT.search(sentence)
    if match:
        dates = find_dates(sentence, match.end(), match.end() + 40)
        return dates[0].iso if dates else None
    for found in find_dates(sentence):
        lead = sentence[max(0, found.start - 30) : found.start]
        if len(found.iso) == 10 and _AT_ON.search(lead) and not _EVENT_BEFORE.search(lead):
            return found.iso
    years = {financial_year(m.group("fy"), whole=True) for m in _IN_YEAR.finditer(sentence)}
    years.discard(None)
    return years.pop() if len(years) == 1 else None
