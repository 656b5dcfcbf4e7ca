"""Statistics: counts of people, hours, FTE, posts, placements, and percentages.

Only answer text is read. A statistic is a number that counts something the
words name: "12.5 fte people employed in ...", "63 young people on ...", "The
number of service users ... was 2,350, as at 1st May 2020", a bare "312
as at 01/06/21" answering "How many adults ...?", a "Label – 17.5" line under
"How many FTE ...?", a row of a table with year columns, or "increased by
12.5%". Durations, years, money, section numbers and lot numbers are not
statistics. "… of which 2.5 posts", "three of these", "40 of whom" count the
thing just mentioned.

Here is the reading of counts in running prose, block by block. Figures that
are a whole line (the bare answer, the "Label – 17.5" line) are read by
graphbuild/parsing/line_figures.py, and which numbers count anything at all is
graphbuild/parsing/counts.py.
"""

from __future__ import annotations

import re
from decimal import Decimal

from graphbuild.facts import Contract, DocumentFacts, Statistic
from graphbuild.parsing.counts import as_at_date, cites_the_law, hedged, not_a_count
from graphbuild.parsing.line_figures import FigureContext, LineFigure, bare_answer, label_figure
from graphbuild.parsing.measures import (
    ASKS_AREAS,
    LABEL_LINE,
    clean_measure,
    count_phrase,
    department_of,
    group_of,
)
from graphbuild.parsing.numbers import WORD_NUMBER, NumberMatch, find_numbers
from graphbuild.parsing.percentages import asked_percentage, percent_phrases
from graphbuild.parsing.questions import (
    document_department,
    question_measure,
    question_period,
    referred_question,
    request_as_at,
)
from graphbuild.parsing.sections import MARKER, Block, heading_like
from graphbuild.parsing.spans import sentences, span
from graphbuild.readers.document import Document, Line

_FILLER = re.compile(
    r"(?i)^(?:(?:in addition|also|however|currently|at present|now|there (?:are|is|were|was)|"
    r"we (?:currently )?(?:have|run|employ|hold|support)|approximately|about|around|roughly|"
    r"some|a total of|in total)[\s,]*)+"
)
_CLAUSE_END = re.compile(
    rf",(?!\d{{3}}\b)|[;:(]|\.\s|\s+of which\b|\s+and\s+(?=\d|{WORD_NUMBER.pattern})|"
    r"\s+but\b|\s+although\b",
    re.IGNORECASE,
)


def _stat(
    doc: Document,
    measure: str,
    value: Decimal,
    unit: str,
    ev_start: int,
    ev_end: int,
    ctx: FigureContext,
    **extra,
) -> Statistic:
    if unit == "posts" and value != value.to_integral():
        unit = "FTE"  # a fractional number of posts is a whole-time-equivalent count
    measure = re.sub(r"(?i)^fte\b", "FTE", measure)
    return Statistic(
        measure=measure,
        value=value,
        unit=unit,
        evidence=span(doc, ev_start, ev_end),
        group=extra.get("group", ctx.group),
        date=extra.get("date"),
        department=extra.get("department", ctx.department),
        approximate=extra.get("approximate", False),
    )


class _BlockReader:
    """Reads the statistics of one question/answer block."""

    def __init__(
        self,
        doc: Document,
        block: Block,
        consumed: set[int],
        contracts: list[Contract],
        as_at: str | None,
        department: str | None,
        period: tuple[str, str] | None,
    ) -> None:
        self.doc, self.block, self.consumed, self.contracts = doc, block, consumed, contracts
        asked = question_measure(block.question_text)
        self.ctx = FigureContext(
            asked[0] if asked else None,
            asked[1] if asked else None,
            asked[2] if asked else None,
            department,
            as_at,
            period,
        )
        self.document_department = department
        self.found: list[Statistic] = []
        self.last: tuple[str, str, str | None, str | None] | None = None

    def lines(self) -> list[Line]:
        return [ln for ln in self.block.answer if not ln.blank and ln.number not in self.consumed]

    def read(self) -> list[Statistic]:
        lines = self.lines()
        if not lines:
            return []
        bare = bare_answer(self.doc, self.block, lines[0], self.ctx)
        if bare is not None:
            for figure in bare:
                self.line_figure(figure)
            return self.found
        area_block = bool(ASKS_AREAS.search(self.block.question_text))
        heading_dept = self.document_department
        for line in lines:
            figure = None if area_block else label_figure(line, self.block.question_text, self.ctx)
            if figure:
                self.line_figure(figure)
                continue
            if area_block and LABEL_LINE.match(line.text):
                continue
            if heading_like(line.text) and department_of(line.text):
                heading_dept = department_of(line.text)
            self.ctx.department = heading_dept
            self.sentence_line(line)
        return self.found

    def line_figure(self, figure: LineFigure) -> None:
        """Record a whole-line figure; without a department of its own, it is the block's."""
        self.found.append(
            _stat(
                self.doc,
                figure.measure,
                figure.value,
                figure.unit,
                figure.start,
                figure.end,
                self.ctx,
                department=figure.department or self.ctx.department,
                group=figure.group,
                date=figure.date,
            )
        )

    def contract_context(self, line: Line) -> str | None:
        """Inside a contract's section, its title and provider name the counts."""
        before = [
            c
            for c in self.contracts
            if c.evidence.end <= line.start
            and any(ln.start == c.evidence.start for ln in self.block.answer)
        ]
        if not before:
            return None
        contract = max(before, key=lambda c: c.evidence.start)
        who = f" ({', '.join(contract.providers)})" if contract.providers else ""
        return f"{contract.title}{who} outputs"

    def sentence_line(self, line: Line) -> None:
        text = self.doc.text
        start = line.content_start
        marker = MARKER.match(line.text)
        if marker:
            start = line.start + marker.end()
        for s_start, s_end in sentences(text, start, line.end):
            if cites_the_law(text[s_start:s_end]):
                continue
            self.percentages(s_start, s_end)
            for number in find_numbers(text, s_start, s_end):
                self.number(number, s_start, s_end, line)

    def number(self, number: NumberMatch, s_start: int, s_end: int, line: Line) -> None:
        text = self.doc.text
        if not_a_count(text, number, s_start):
            return
        lead = text[max(s_start, number.start - 8) : number.start]
        if re.search(r"(?i)\b(?:these|those)\s+$", lead):
            return  # 'on these three contracts' points back at things already counted
        sentence = text[s_start:s_end]
        after = text[number.end : s_end]
        approx = hedged(text, number, s_start)
        anaphor = re.match(r"\s+of (?:these|those|them|whom|which)\b", after)
        if anaphor and self.last:
            noun, measure, group, department = self.last
            rest = re.split(r"[,;.()]", after[anaphor.end() :])[0]
            rest = re.sub(r"(?i)^\s*(?:have been|has been|are|is|were|was)\s+", " ", rest)
            self.found.append(
                _stat(
                    self.doc,
                    clean_measure(f"{measure}{rest}"),
                    number.value,
                    noun,
                    number.start,
                    s_end,
                    self.ctx,
                    group=group,
                    department=department,
                    approximate=approx,
                    date=as_at_date(sentence),
                )
            )
            return
        phrase = count_phrase(text, number.end)
        if phrase is None:
            self.number_of(number, s_start, sentence, approx)
            return
        of_which = re.search(r"(?i)\bof (?:which|whom)\s*$", text[s_start : number.start])
        clause = _CLAUSE_END.split(text[number.end : s_end])[0]
        measure = clean_measure(clause)
        lead = text[s_start : number.start].split(", ")[-1]
        verb = re.search(r"(?i)\s+(?:contains?|has|have|employs?|had|totals?|comprises?)\s*$", lead)
        subject = clean_measure(lead[: verb.start()]) if verb else ""
        department = department_of(sentence) or self.ctx.department
        if department:
            measure = clean_measure(
                re.sub(
                    rf"(?i)\s*\b(?:in|within|across|for)\s+(?:the\s+)?{re.escape(department)}\b.*$",
                    "",
                    measure,
                )
            )
        if of_which and self.last:
            measure = f"{measure} in {self.last[1].split(' in ', 1)[-1]}"
        elif len(measure.split()) <= 1 and subject:
            measure = f"{measure} in {subject}"
        elif not subject and not of_which and not re.search(r"\d", lead):
            context = clean_measure(_FILLER.sub("", lead.strip()))
            if len(context.split()) >= 3 and not WORD_NUMBER.search(context):
                measure = f"{measure} ({context})"
        context = self.contract_context(line)
        if context:
            measure = f"{context}: {measure}"
        group = phrase.group or group_of(clause) or group_of(sentence)
        noun = re.sub(r"(?i)^fte\b", "FTE", text[number.end : phrase.noun_end].strip().split()[-1])
        self.last = (
            phrase.unit if phrase.unit != "FTE" else noun if noun != "FTE" else "FTE",
            measure,
            group,
            department,
        )
        self.found.append(
            _stat(
                self.doc,
                measure,
                number.value,
                phrase.unit,
                number.start,
                min(s_end, phrase.noun_end + len(clause)),
                self.ctx,
                group=group,
                department=department,
                approximate=approx,
                date=as_at_date(sentence),
            )
        )

    def number_of(self, number: NumberMatch, s_start: int, sentence: str, approx: bool) -> None:
        """'The number of X was 2,350' -> a count of X."""
        before = self.doc.text[s_start : number.start]
        match = re.search(
            r"(?i)\bnumber of (?P<x>.+?)\s+(?:was|is|were|are|stood at|totall?ed|"
            r"came to|reached)\s*$",
            before,
        )
        if not match:
            return
        phrase = count_phrase(" " + match.group("x"), 0)
        if phrase is None:
            return
        measure = clean_measure(match.group("x"))
        self.found.append(
            _stat(
                self.doc,
                measure,
                number.value,
                phrase.unit,
                s_start,
                s_start + len(sentence.rstrip()),
                self.ctx,
                group=phrase.group or group_of(sentence),
                department=department_of(sentence) or self.ctx.department,
                approximate=approx,
                date=as_at_date(sentence),
            )
        )

    def percentages(self, s_start: int, s_end: int) -> None:
        answer = " ".join(ln.text for ln in self.block.answer)
        asked = self.ctx.asked_measure() if self.ctx.unit == "percent" else None
        asked = asked or asked_percentage(self.block.question_text)
        sentence = self.doc.text[s_start:s_end]
        for phrase in percent_phrases(self.doc.text, s_start, s_end, answer, asked):
            self.found.append(
                _stat(
                    self.doc,
                    phrase.measure,
                    phrase.value,
                    "percent",
                    phrase.start,
                    phrase.end,
                    self.ctx,
                    group=group_of(phrase.measure),
                    date=as_at_date(sentence) or (self.ctx.stated_date() if asked else None),
                )
            )


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def _restated(stat: Statistic, earlier: list[Statistic]) -> bool:
    """A letter often repeats a figure ('each of the 2 contracts'); keep its first statement."""
    for other in earlier:
        if other.value == stat.value and other.unit == stat.unit and other.date == stat.date:
            a, b = _words(stat.measure), _words(other.measure)
            if len(a & b) / max(1, min(len(a), len(b))) >= 0.5:
                return True
    return False


def extract_statistics(
    doc: Document, blocks: list[Block], facts: DocumentFacts, consumed: set[int]
) -> list[Statistic]:
    """Statistics in the answers, skipping `consumed` lines (lots, their members, tables)."""
    found: list[Statistic] = []
    as_at, department = request_as_at(blocks), document_department(blocks)
    periods: dict[str, tuple[str, str] | None] = {}
    for block in blocks:
        period = question_period(block.question_text)
        referred = referred_question(block.question_text)
        if period is None and referred:
            period = periods.get(referred)  # "Of the hours given in answer to question 4, ..."
        if block.number:
            periods[block.number] = period
        reader = _BlockReader(doc, block, consumed, facts.contracts, as_at, department, period)
        found += reader.read()
    kept: list[Statistic] = []
    for stat in found:
        if not _restated(stat, kept):
            kept.append(stat)
    return kept
