"""How a count in running prose is named: the words before and after it, and what it
points back at.

"The reablement team had 22.6 FTE vacancies" is a count of the team's vacancies; "...
the Approved List, which currently has 34 providers" counts the providers on that list;
"Of these, 803 were in care homes and 481 at home" splits the count just given. The
date a sentence gives its figure ("at 30 June 2023") is the figure's date, not part of
what it counts. The statistics extractor reads each block; this module reads the words.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from graphbuild.facts import Contract, Statistic
from graphbuild.parsing.dates import find_dates
from graphbuild.parsing.measures import clean_measure, count_phrase, group_of
from graphbuild.parsing.numbers import WORD_NUMBER, NumberMatch
from graphbuild.parsing.spans import heading_like
from graphbuild.readers.document import Line

_FILLER = re.compile(
    r"(?i)^(?:(?:in addition|also|however|currently|at present|now|there (?:are|is|were|was)|"
    r"we (?:currently )?(?:have|run|employ|hold|support)|approximately|about|around|roughly|"
    r"some|a total of|in total)[\s,]*)+"
)
CLAUSE_END = re.compile(
    rf",(?!\d{{3}}\b)|[;:(]|\.\s|\s+of which\b|\s+and\s+(?=\d|{WORD_NUMBER.pattern})|"
    r"\s+and\s+(?=(?:an?|the)\s+[\w ]{1,40}?\s(?:of|at)\s+\d)|"
    r"\s+but\b|\s+although\b|\s+against\b",
    re.IGNORECASE,
)


_OF_THESE = re.compile(r"(?i)\s*of (?:these|those|them|whom|which)\b,?\s*")


SENTENCE_SUBJECT = re.compile(
    r"(?i)^\s*(?:the\s+)?(?P<s>[a-z][\w'’ -]{2,50}?)\s+(?:has|had|have|employs|employed|"
    r"holds|held)\b"
)
ANSWER_LABEL = re.compile(  # 'Answer 3:', 'A2.', '(c)': what labels an answer, not its subject
    r"^\s*(?:(?:(?i:answer|response|reply)\s*\d{0,2}[a-z]?|A\d{1,2}[a-z]?)\s*[:.)–-]|"
    r"\(?[a-z0-9]{1,3}\))\s*"
)


def sentence_owner(sentence: str, before: int) -> str:
    """The subject of a sentence that 'has', 'had' or 'employed' the count at `before`."""
    owner = SENTENCE_SUBJECT.match(ANSWER_LABEL.sub("", sentence, count=1))
    return clean_measure(owner["s"]) if owner and owner.end() <= before else ""


def without_department(measure: str, department: str | None) -> str:
    """'posts in the Adult Social Care ...' -> 'posts': the department is recorded apart."""
    if not department:
        return measure
    pattern = rf"(?i)\s*\b(?:in|within|across|for)\s+(?:the\s+)?{re.escape(department)}\b.*$"
    return clean_measure(re.sub(pattern, "", measure))


def lead_context(lead: str) -> str:
    """The words before a count that say what it is of, when they are enough to: three or
    more words, none of them a number word."""
    context = clean_measure(_FILLER.sub("", lead.strip()))
    return context if len(context.split()) >= 3 and not WORD_NUMBER.search(context) else ""


def antecedent(before: str) -> str:
    """What 'which' points back at: the place named last before the comma ('providers on
    the Approved Provider List, which has ...' -> 'on the Approved Provider List')."""
    match = re.search(r"(?i)^.*\b(?P<p>on|in|within|at)\s+(?P<x>[^,;:]{3,80}?)[\s,]*$", before)
    return clean_measure(f"{match['p']} {match['x']}") if match else ""


def undated(measure: str) -> str:
    """'people were eligible at 30 June 2023' -> 'people were eligible': the date is kept
    apart, as the figure's own date."""
    for found in reversed(find_dates(measure)):
        lead = re.search(r"(?i)\s*\b(?:as\s+)?(?:at|on|of)\s+(?:the\s+)?$", measure[: found.start])
        if lead:
            measure = measure[: lead.start()] + measure[found.end :]
    return clean_measure(measure)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def restated(stat: Statistic, earlier: list[Statistic]) -> bool:
    """A letter often repeats a figure ('each of the 2 contracts'); keep its first statement."""
    for other in earlier:
        if other.value == stat.value and other.unit == stat.unit and other.date == stat.date:
            a, b = _words(stat.measure), _words(other.measure)
            if len(a & b) / max(1, min(len(a), len(b))) >= 0.5:
                return True
    return False


def part_of_recent(
    text: str, number: NumberMatch, s_start: int, s_end: int, recent: list[Statistic]
) -> tuple[Statistic, str, str | None] | None:
    """'Of these, 803 were in care homes and 481 at home', '1,046 people ..., of whom 402
    were at home and 644 in care homes': the count each number is a part of (the latest
    one in the same unit), the words that say which part, and the part's client group."""
    lead = text[s_start : number.start]
    clause = lead.split(", ")[-1]
    phrase = count_phrase(text, number.end)
    first = _OF_THESE.fullmatch(lead) or phrase is None and _OF_THESE.fullmatch(clause)
    later = (_OF_THESE.match(lead) or _OF_THESE.match(clause)) and lead.endswith("and ")
    if not recent or not (first or later):
        return None
    same = [s for s in recent if phrase is None or s.unit == phrase.unit]
    if not same:
        return None
    after = re.sub(r"\([^)]*\)", "", text[phrase.noun_end if phrase else number.end : s_end])
    rest = re.split(rf"\s+and\s+(?=\d|{WORD_NUMBER.pattern})|[,;:]|\.(?:\s|$)", after)[0]
    rest = re.sub(r"(?i)^\s*(?:have been|has been|are|is|were|was)\s+", " ", rest).strip()
    if not rest:
        return None
    group = group_of(rest) or (rest if re.match(r"(?i)aged\b", rest) else same[-1].group)
    return same[-1], rest, group


def name_bracketed_share(found: list[Statistic], text: str, after: int, part: Statistic) -> None:
    """'1,598 (37.9%) were aged 18-64', '38 people (27%) also ...': the percentage in
    brackets straight after a part of a count is that part's share of the whole."""
    match = re.match(r"\s*(?:[a-z]+\s+){0,2}\((?P<p>\d+(?:\.\d+)?)\s?%\)", text[after : after + 40])
    if not match:
        return
    for index, stat in enumerate(found):
        inside = stat.evidence.start <= after <= stat.evidence.end
        if stat.unit == "percent" and stat.value == Decimal(match["p"]) and inside:
            date = stat.date or part.date
            found[index] = replace(
                stat, measure=f"share of {part.measure}", date=date, group=part.group
            )


_BRACKETED_NAME = re.compile(r"(?P<name>(?:[A-Z][\w'’&.-]*\s+)*[A-Z][\w'’&.-]*)\s*\(\s*$")


def bracketed_owner(
    text: str, s_start: int, number: NumberMatch, noun_end: int
) -> tuple[str, int, int] | None:
    """'Ashcombe Lodge (22 beds), operated by ...': the name before the bracket owns the
    count. Returns (measure, where the name starts, where the bracket closes) or None."""
    name = _BRACKETED_NAME.search(text[s_start : number.start])
    close = re.match(r"\s*\)", text[noun_end : noun_end + 3])
    if name is None or close is None:
        return None
    measure = f"{clean_measure(text[number.end : noun_end])} at {name['name']}"
    return measure, s_start + name.start(), noun_end + close.end()


_PLACE_THERE = re.compile(
    r"(?i)^\s*(?P<p>(?:across|in|at|within|among)\s+[^,;:]{3,60}?),?\s+there\s+"
    r"(?:are|is|were|was)\s*$"
)


def place_before(lead: str) -> str:
    """'Across the three schemes there were 176 tenants': where the count was made."""
    match = _PLACE_THERE.match(lead)
    return clean_measure(match["p"][0].lower() + match["p"][1:]) if match else ""


_DURATION = re.compile(
    r"(?i)\b(?P<x>(?:(?:average|mean|median|typical)\s+)?(?:length of stay|stay|wait(?:ing time)?|"
    r"waiting period|time waited|duration)\b[^.;:]{0,60}?)\s+(?:was|is|were|are|stood at)\s*$"
)
_IN_PERIOD = re.compile(
    r"(?i)\s*\b(?:in|during|for)\s+(?:the\s+)?(?:(?:19|20)\d\d\s*[/–-]\s*\d{2,4}|(?:19|20)\d\d)\b"
)


def duration(before: str, after: str) -> tuple[str, str] | None:
    """'The average length of stay in 2023/24 was 27 days': a stay or a wait measured in
    days or weeks is a statistic in that unit (elsewhere a duration is a term, not a count).
    Returns (measure, unit) or None."""
    match = _DURATION.search(before)
    unit = re.match(r"\s*(?P<u>days|weeks|months)\b", after, re.IGNORECASE)
    if match is None or unit is None:
        return None
    return clean_measure(_IN_PERIOD.sub("", match["x"])), unit["u"].lower()


def contract_context(contracts: list[Contract], answer: list[Line], start: int) -> str | None:
    """Inside a contract's section, its title and provider name the counts.

    A section is opened by a heading line ('Contract for Support to ...'); a contract
    read from a sentence ('Two providers hold block contracts:') opens none, so the
    counts after it keep their own words."""
    before = [
        c
        for c in contracts
        if c.evidence.end <= start
        and any(ln.start == c.evidence.start and heading_like(ln.text) for ln in answer)
    ]
    if not before:
        return None
    contract = max(before, key=lambda c: c.evidence.start)
    who = f" ({', '.join(contract.providers)})" if contract.providers else ""
    return f"{contract.title}{who} outputs"
