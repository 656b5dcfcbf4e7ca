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


_CHANGE_NOUN = re.compile(
    r"(?i)\b(?:an?\s+)?(?P<c>increase|rise|growth|uplift|fall|decrease|reduction|drop|decline)"
    r"\s+of\s*$"
)
# 'down 3.1%', 'rose 4%' before the figure; 'a 6.4% increase', '5% higher than' after it
_CHANGE_BEFORE = re.compile(
    r"(?i)\b(?P<c>down|up|fell|rose|fallen|risen|falling|rising)(?:\s+by)?\s*$|"
    r"\ban?\s*$"
)
_CHANGE_AFTER = re.compile(
    r"(?i)^\s*(?P<c>increase|rise|growth|uplift|fall|decrease|reduction|drop|decline|"
    r"higher|lower|more|less|up|down)\b"
)
_CHANGE_SUBJECT = re.compile(
    r"(?i)^\s*(?:the\s+)?(?P<s>(?:total\s+|gross\s+|net\s+)?(?:spend|expenditure|cost|number"
    r"|hours|budget)\b[^,;]{0,60}?)\s+(?:was|were|is|are|came to|totalled)\b"
)
_LEAD_PERIOD = re.compile(
    r"(?i)^\s*(?:in|during|for|over)\s+(?:the\s+)?(?:financial\s+year\s+)?"
    r"(?:19|20)\d\d(?:\s*[/-]\s*(?:19|20)?\d\d)?\s*,?\s*$"
)
_BENCHMARK = re.compile(
    r"(?i)\b(?:against|compared (?:with|to)|versus|vs\.?|above|below)\s+(?:a|an|the)\s+"
    r"(?:national|regional|england|local|statutory|government)?\s*"
    r"(?:standard|target|benchmark|average|expectation)\s+(?:of\s+)?$"
)
_ANSWER_LABEL = re.compile(r"(?i)^\s*(?:our\s+)?(?:answer|response|reply|a\d+)\s*[:.–-]\s*")
_POINTER = re.compile(  # words that point back at a figure rather than name a measure
    r"(?i)^\s*(?:this|that|which|it)\s+(?:represents?|is|was|equates to|amounts to)\s*$|"
    r"^\s*(?:representing|or|i\.e\.?)\s*$"
)
_AFTER = re.compile(
    r"(?i)^\s*(?:of|at|in|for)\s+(?P<x>[^.;()]{3,80}?)(?=\s+and\b|\s*[.;(),]|\s*$|"
    r"\s+\d(?![\d,.]*\s+(?:days?|weeks?|months?|hours?|minutes?)\b))"
)
_ASKED_SHARE = re.compile(r"(?i)\bwhat\s+(?:percentage|proportion|share|%)\s+of\s+(?P<x>[^?]+)")


def asked_percentage(question: str) -> str | None:
    """'What percentage of visits were late?' -> 'percentage of visits were late'."""
    match = _ASKED_SHARE.search(question)
    return clean_measure(f"percentage of {match.group('x')}") if match else None


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


def _change_word(before: str, after: str) -> str | None:
    """The word saying a percentage is a change ('down 3.1%', 'a 6.4% increase', '5% higher
    than'), or None when it is a level."""
    lead = _CHANGE_BEFORE.search(before)
    if lead and lead.group("c"):
        return lead.group("c")
    follow = _CHANGE_AFTER.match(after)
    if follow and (lead or re.match(r"(?i)\s*\w+\s+(?:than|compared|on|from)\b", after)):
        return follow.group("c")
    return None


_OWNER = re.compile(
    r"(?:^|[,;]\s*|\band\s+)(?!(?:The|This|That|It|We|Our|Each|There)\b)"
    r"(?P<name>[A-Z][^,;]{2,60}?)\s+(?:has|have|had)\s+[^,;]*$"
)


_ARTICLE = re.compile(r"(?i)^(?:an?|the)\s+")


def named_owner(before: str) -> str:
    """'..., Y has 48 apartments and an occupancy rate of': a sentence listing figures for
    several named places is split at each name, and the name goes with its own figures."""
    match = _OWNER.search(before)
    return clean_measure(match["name"]) if match else ""


def percent_phrases(
    text: str, start: int, end: int, answer: str, asked: str | None
) -> list[PercentPhrase]:
    """Each percentage in text[start:end] with its measure; `asked` is the question's measure
    when the question asked for a percentage."""
    found = []
    since = start
    for match in PERCENT.finditer(text, start, end):
        # only the words since the previous percentage: '93% at A and 88% at B'
        before = _ANSWER_LABEL.sub("", text[since : match.start()])
        if since > start:  # '... at A and': the words up to 'and' were the previous figure's
            before = re.split(r"\band\b|[,;]", before)[-1]
        since = match.end()
        following = _AFTER.match(text[match.end() : end])
        before = _LEAD_PERIOD.sub("", before)  # 'In 2022/23, 74% of ...': a date, no measure
        if _POINTER.match(before) or re.search(r"\d[\d,.]*\s*\($", before) or not before.strip():
            before = ""  # '402 (34% of ...)', 'This represents 78% of ...': the after-words name it
            if not asked and following:
                before = f"share of {following.group('x')}"
        if _BENCHMARK.search(before):
            continue  # 'against a national standard of 80%': someone else's figure
        noun = _CHANGE_NOUN.search(before)
        noun_change = noun["c"] if noun else _change_word(before, text[match.end() : end])
        if noun_change:  # '..., a fall of 35%': a change in what the sentence is about
            subject = _CHANGE_SUBJECT.match(_ANSWER_LABEL.sub("", text[start : match.start()]))
            if subject:
                rising = re.match(r"(?i)increas|ris|rose|growth|uplift|up|higher|more", noun_change)
                word = "increase" if rising else "decrease"
                measure = f"{word} in {clean_measure(subject.group('s'))}"
                found.append(PercentPhrase(measure, Decimal(match.group("n")), start, end))
            continue  # a change in something the sentence does not name is not a statistic
        change = _CHANGE.search(before)
        subject = resolve_subject(before, answer)
        if asked:
            qualifier = _READING.sub("", clean_measure(_TRAILING_VERB.sub("", before)))
            if not qualifier and following and text[match.end() : end].lstrip()[:2] != "of":
                qualifier = f"{text[match.end() : end].split()[0]} {following.group('x')}"
            measure = f"{asked} ({qualifier})" if qualifier else asked
        elif change and subject:
            word = (
                "increase" if re.match(r"(?i)increas|risen|grown", change.group(1)) else "decrease"
            )
            measure = f"{word} in {subject}"
        else:
            owner = named_owner(text[start : match.start()])
            if owner:  # 'X has 64 flats and an occupancy rate of 92%': the words after 'and'
                before = re.split(r"\band\b|[,;]", before)[-1]
            measure = clean_measure(_TRAILING_VERB.sub("", before)) or clean_measure(
                text[match.end() : end]
            )
            if owner and measure:
                measure = f"{_ARTICLE.sub('', measure)} - {owner}"
        if measure:
            found.append(PercentPhrase(measure, Decimal(match.group("n")), start, end))
    return found
