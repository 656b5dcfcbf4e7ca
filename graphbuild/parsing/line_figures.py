"""Figures that make up a whole answer line, named by the question they answer.

A question that asks "How many ...?" is often answered by a figure and little
else: "312 as at 01/06/21", "4 (older people)", "Four lead provider
contracts.", "None.", or one "Label – 17.5" line per team. Such a line names
nothing itself, so what it counts, and for when, comes from the question (its
measure, unit, group and period) and from the request's own date. Running prose,
where a count is read from the words beside it, is the statistics extractor's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from graphbuild.parsing.counts import as_at_date, not_a_count
from graphbuild.parsing.dates import find_dates
from graphbuild.parsing.measures import (
    LABEL_LINE,
    clean_measure,
    count_phrase,
    department_of,
    group_of,
)
from graphbuild.parsing.numbers import find_numbers
from graphbuild.parsing.sections import ANSWER_LABEL, MARKER, Block, without_answer_label
from graphbuild.parsing.spans import clean, first_paragraph
from graphbuild.readers.document import Document, Line

_NONE = re.compile(r"(?i)^\s*(?:none|nil|zero|no(?:ne)? at all)\s*\.?\s*$")


@dataclass
class FigureContext:
    """What a block tells about its numbers before any number is read."""

    measure: str | None
    unit: str | None
    group: str | None
    department: str | None
    date: str | None = None  # as stated by the request for all its figures
    period: tuple[str, str] | None = None  # (interval, words) the question asks about

    def asked_measure(self, answer_phrase: str = "") -> str | None:
        """The question's measure, with the period it asks about and the answer's own words."""
        if not self.measure:
            return None
        measure = self.measure
        if self.period:
            measure = f"{measure}, {self.period[1]}"
        extra = [w for w in answer_phrase.split() if w.lower() not in measure.lower()]
        return f"{measure} ({answer_phrase})" if extra and answer_phrase else measure

    def stated_date(self) -> str | None:
        """The date of a figure that gives none: the asked period's, else the request's."""
        return (self.period[0] if self.period else None) or self.date


@dataclass(frozen=True)
class LineFigure:
    """One figure read from a whole line; `department` None means the block's."""

    measure: str
    value: Decimal
    unit: str
    start: int
    end: int
    group: str | None
    date: str | None
    department: str | None = None


def bare_answer(
    doc: Document, block: Block, first: Line, ctx: FigureContext
) -> list[LineFigure] | None:
    """A figure alone answering 'How many ...?': '312 as at 01/06/21', '4 (older people)',
    '1,234 hours', 'Four lead provider contracts.', 'None.'.

    None when the answer is not one; an empty list when it is, but the question does
    not say what it counts (the answer is then read no further).
    """
    text = without_answer_label(MARKER.sub("", first.text, count=1)).strip()
    paragraph = first_paragraph(block.answer)
    if not ctx.measure or len(paragraph) > 2 or len(text) > 80:
        return None
    if _NONE.match(text):
        return _bare(first, Decimal(0), ctx.unit, ctx.asked_measure(), ctx.group, None, ctx)
    numbers = [
        n
        for n in find_numbers(doc.text, first.start, first.end)
        if not not_a_count(doc.text, n, first.start)
    ]
    lead = without_answer_label(doc.text[first.content_start : numbers[0].start] if numbers else "")
    if len(numbers) != 1 or lead.strip(" •-–:") not in ("", "approximately", "about", "around"):
        return None
    number = numbers[0]
    rest = doc.text[number.end : first.end]
    match = re.fullmatch(r"\s*(?:\((?P<group>[^)]+)\)|as (?:at|of) .+?)?\s*\.?\s*", rest)
    phrase = count_phrase(doc.text, number.end)
    if match:
        group = group_of(match.group("group") or "") or ctx.group
        dates = find_dates(rest)
        return _bare(
            first,
            number.value,
            ctx.unit,
            ctx.asked_measure(),
            group,
            dates[0].iso if dates else None,
            ctx,
        )
    tail = doc.text[phrase.noun_end : first.end] if phrase else ""
    dated = re.fullmatch(r"\s*as (?:at|of) .+?\s*\.?\s*", tail)
    if phrase and (len(tail.strip(" .;")) < 3 or dated):
        noun = clean(doc.text[number.end : phrase.noun_end])
        return _bare(
            first,
            number.value,
            phrase.unit,
            ctx.asked_measure(noun),
            phrase.group or ctx.group,
            find_dates(tail)[0].iso if dated and find_dates(tail) else None,
            ctx,
        )
    return None


def _bare(
    line: Line,
    value: Decimal,
    unit: str | None,
    measure: str | None,
    group: str | None,
    date: str | None,
    ctx: FigureContext,
) -> list[LineFigure]:
    if not unit or not measure:
        return []
    date = date or ctx.stated_date()
    return [LineFigure(measure, value, unit, line.content_start, line.end, group, date)]


def _label_counts(label: str) -> tuple[str, str] | None:
    """'Number of people in supported living funded by the council' -> (that, 'people')."""
    match = re.match(r"(?i)^(?:total\s+)?number of\s+(?P<what>.+)$", label)
    if not match:
        return None
    found = count_phrase(" " + match.group("what"), 0)
    return (clean_measure(match.group("what")), found.unit) if found else None


def label_figure(line: Line, question: str, ctx: FigureContext) -> LineFigure | None:
    """'Public Health – 7.6' under 'How many FTE ...?'; 'Residential = 310'; 'Block: 250 h'."""
    match = LABEL_LINE.match(line.text)
    if not match or ANSWER_LABEL.match(line.text) or _NUMBERED_ANSWER.fullmatch(match["label"]):
        return None
    figure = (match.group("figure") or match.group("bracket") or "").strip(" ;.")
    label = clean(match.group("label"))
    numbers = find_numbers(figure)
    if not numbers or "£" in figure or "%" in figure:
        return None
    number = numbers[0]
    bare = re.fullmatch(r"\d[\d,]*(?:\.\d+)?", figure)
    phrase = None if bare else count_phrase(figure, number.end)
    if not bare and (phrase is None or number.start > 40):
        return None
    unit = phrase.unit if phrase else ctx.unit
    named = _label_counts(label) if bare and not unit else None
    if named:  # 'Number of people in supported living: 214' names its own measure
        measure, unit = named
        return LineFigure(
            measure, number.value, unit, line.content_start, line.end,
            group_of(label) or ctx.group, ctx.stated_date(),
        )  # fmt: skip
    if not unit:
        return None
    total = label.lower() == "total"
    department = None
    asked = ctx.asked_measure()
    if total:
        measure = f"{asked}, total" if asked else None
    elif asked and (department_of(label) == label or label in question and department_of(label)):
        measure, department = asked, label
    elif asked:
        measure = f"{asked} - {label}"
    else:
        measure = f"{label}: {clean_measure(figure[: number.start] + figure[number.end :])}"
    if not measure:
        return None
    group = group_of(label) or (phrase.group if phrase else None) or ctx.group
    return LineFigure(
        measure,
        number.value,
        unit,
        line.content_start,
        line.end,
        group,
        ctx.stated_date(),
        department,
    )


# 'Answer 1', 'Response 3a': the label of an answer, not of a figure
_NUMBERED_ANSWER = re.compile(r"(?i)\s*(?:answer|response|reply|a)\s*\d{1,2}[a-z]?\s*")
NUMBERED_ANSWER_LABEL = re.compile(
    r"\s*(?:(?i:answer|response|reply)\s*\d{0,2}[a-z]?|A\d{1,2}[a-z]?)\s*[:.)–-]\s*"
)
# One 'Label: figure.' of a run such as 'North: 214. South: 187. Coastal: fewer than 5.'
_LABELLED = re.compile(
    r"\s*(?P<label>[A-Z][^:.;|]{0,60}?)\s*:\s*(?P<figure>(?:[^.;|]|\.(?=\d))*?)\s*(?:[.;]|$)"
)
_PLAIN = re.compile(r"\d[\d,]*(?:\.\d+)?")
# A number withheld because it is small: 'fewer than 5', '<5', '*', 'suppressed'
SUPPRESSED = re.compile(
    r"(?i)(?:fewer|less) than \d+|under \d+|<\s*\d+|\*+|suppressed|redacted|withheld|n/?a"
)
_SPLIT_BY = re.compile(r"(?i),?\s*\b(?:split|broken down|analysed|by)\b.*$")


def label_run(
    text: str, start: int, end: int, question: str, ctx: FigureContext
) -> list[LineFigure]:
    """'North locality: 214. South locality: 187. Coastal locality: fewer than 5.' answering
    'Number of patients ..., by locality': a count of the question's measure per label.

    Every part of the text must be such a 'Label: N.'; suppressed small numbers are
    skipped, never guessed; anything else means the text is not such a run."""
    asked = ctx.asked_measure()
    if not asked or not ctx.unit:
        return []
    asked = _SPLIT_BY.sub("", asked) or asked
    date = ctx.stated_date() or as_at_date(question)
    found: list[LineFigure] = []
    pos, parts = start, 0
    while pos < end and text[pos:end].strip():
        match = _LABELLED.match(text, pos, end)
        if not match or match.end() == pos:
            return []
        label, figure = clean(match["label"]), match["figure"].strip()
        parts += 1
        if _PLAIN.fullmatch(figure):
            number = find_numbers(figure)[0]
            at = match.start("label")
            found.append(
                LineFigure(
                    f"{asked}, {label}", number.value, ctx.unit, at, match.end(), label, date
                )
            )
        elif not SUPPRESSED.fullmatch(figure):
            return []
        pos = match.end()
    return found if parts >= 2 else []
