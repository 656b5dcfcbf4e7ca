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
from graphbuild.parsing.counts import as_at_date, cites_the_law, hedged, not_a_count, threshold
from graphbuild.parsing.line_figures import (
    NUMBERED_ANSWER_LABEL,
    FigureContext,
    LineFigure,
    bare_answer,
    label_figure,
    label_run,
)
from graphbuild.parsing.measures import (
    ASKS_AREAS,
    LABEL_LINE,
    clean_measure,
    count_phrase,
    department_of,
    group_of,
)
from graphbuild.parsing.numbers import NumberMatch, find_numbers
from graphbuild.parsing.percentages import asked_percentage, percent_phrases
from graphbuild.parsing.prose_counts import (
    CLAUSE_END,
    antecedent,
    bracketed_owner,
    contract_context,
    duration,
    lead_context,
    name_bracketed_share,
    part_of_recent,
    place_before,
    restated,
    sentence_owner,
    undated,
    without_department,
)
from graphbuild.parsing.questions import (
    asked_periods,
    document_department,
    question_measure,
    request_as_at,
)
from graphbuild.parsing.sections import MARKER, Block
from graphbuild.parsing.spans import heading_like, sentences, span
from graphbuild.readers.document import Document, Line


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
        self.recent: list[Statistic] = []  # counts read from prose, for 'Of these, ...'
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
            if not area_block and self.label_run(line):
                continue
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

    def label_run(self, line: Line) -> bool:
        """'North: 214. South: 187.' on one line: a figure per label."""
        start = line.content_start
        label = NUMBERED_ANSWER_LABEL.match(self.doc.text, start, line.end)
        start = label.end() if label else start
        run = label_run(self.doc.text, start, line.end, self.block.question_text, self.ctx)
        for figure in run:
            self.line_figure(figure)
        return bool(run)

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
        if not_a_count(text, number, s_start) or threshold(text, number, s_start):
            return
        lead = text[max(s_start, number.start - 8) : number.start]
        if re.search(r"(?i)\b(?:these|those)\s+$", lead):
            return  # 'on these three contracts' points back at things already counted
        sentence = text[s_start:s_end]
        after = text[number.end : s_end]
        approx = hedged(text, number, s_start)
        if self.grouped(number, s_start, s_end, approx):
            return
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
        owned = bracketed_owner(text, s_start, number, phrase.noun_end)
        if owned:  # 'Ashcombe Lodge (22 beds), operated by ...': the beds at the named home
            self.add(owned[0], number.value, phrase.unit, owned[1:], sentence)
            return
        of_which = re.search(r"(?i)\bof (?:which|whom)\s*$", text[s_start : number.start])
        noun = text[number.end : phrase.noun_end]  # '58 discharge to assess (D2A) beds'
        noun = noun if "(" in noun else ""
        clause = noun + CLAUSE_END.split(text[number.end + len(noun) : s_end])[0]
        measure = undated(clause)
        lead = text[s_start : number.start].split(", ")[-1]
        named = re.search(r"(?i)\b(?:an?|the)\s+(?P<n>[a-z]+)\s+of\s*$", lead)
        if named and len(measure.split()) <= 1:  # 'an establishment of 148 FTE'
            measure = f"{measure} {named['n']}"
        verb = re.search(r"(?i)\s+(?:contains?|has|have|employs?|had|totals?|comprises?)\s*$", lead)
        subject = clean_measure(lead[: verb.start()]) if verb else ""
        subject = re.sub(r"(?i)^(?:and|but|while|whereas)\s+", "", subject)  # '..., and X has 80'
        at = "at" if re.match(r"(?!(?:The|This|It|Our|We|Each)\b)[A-Z]", subject) else "in"
        department = department_of(sentence) or self.ctx.department
        measure = without_department(measure, department)
        plain = undated(lead)  # 'As at 1 April 2024 the Trust had access to' -> its words
        relative = re.match(r"(?i)(?:which|that|who)\b", lead.strip())
        if relative and verb:  # '..., on the Approved Provider List, which currently has 34'
            subject = antecedent(text[s_start : number.start - len(lead)])
        if of_which and self.last:
            measure = f"{measure} in {self.last[1].split(' in ', 1)[-1]}"
        elif len(measure.split()) <= 1 and subject and relative:
            measure = f"{measure} {subject}"
        elif len(measure.split()) <= 2 and subject:
            measure = f"{measure} {at} {subject}"  # a named place: 'apartments at X'
        elif not subject and not of_which and place_before(lead):
            measure = f"{measure} {place_before(lead)}"
        elif not subject and not of_which and not re.search(r"\d", plain) and lead_context(plain):
            measure = f"{measure} ({lead_context(plain)})"
        elif not subject and not of_which and len(measure.split()) <= 2:
            # 'The reablement team had 22.6 FTE vacancies ... against an establishment of 148
            # FTE', '... service employed 312.5 FTE staff, with 38 vacancies': the sentence's
            # subject says whose count it is
            owner = sentence_owner(sentence, number.start - s_start)
            measure = f"{measure} in {owner}" if owner else measure
        context = contract_context(self.contracts, self.block.answer, line.start)
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
                undated(measure),
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
        self.recent.append(self.found[-1])

    def grouped(self, number: NumberMatch, s_start: int, s_end: int, approx: bool) -> bool:
        """'Of these, 803 were in care homes and 481 at home': parts of the count just given,
        each in its unit, named by that count's measure and the words after the number."""
        part = part_of_recent(self.doc.text, number, s_start, s_end, self.recent)
        if part is None:
            return False
        base, rest, group = part
        text = self.doc.text
        self.found.append(
            _stat(
                self.doc,
                clean_measure(f"{base.measure} {rest}"),
                number.value,
                base.unit,
                number.start,
                s_end,
                self.ctx,
                group=group,
                department=base.department,
                approximate=approx,
                date=as_at_date(text[s_start:s_end]) or base.date,
            )
        )
        name_bracketed_share(self.found, text, number.end, self.found[-1])
        return True

    def add(
        self, measure: str, value: Decimal, unit: str, where: tuple[int, int], sentence: str
    ) -> None:
        """A figure the words around it name, dated as its sentence is."""
        self.found.append(
            _stat(self.doc, measure, value, unit, *where, self.ctx, date=as_at_date(sentence))
        )

    def number_of(self, number: NumberMatch, s_start: int, sentence: str, approx: bool) -> None:
        """'The number of X was 2,350' -> a count of X; 'the average stay was 27 days'."""
        before = self.doc.text[s_start : number.start]
        stay = duration(before, self.doc.text[number.end : number.end + 10])
        if stay:  # 'The average length of stay in 2023/24 was 27 days'
            self.add(
                stay[0],
                number.value,
                stay[1],
                (s_start, s_start + len(sentence.rstrip())),
                sentence,
            )
            return
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
            # a change ('..., an increase of 9%') is dated by the year the sentence names
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


def extract_statistics(
    doc: Document, blocks: list[Block], facts: DocumentFacts, consumed: set[int]
) -> list[Statistic]:
    """Statistics in the answers, skipping `consumed` lines (lots, their members, tables)."""
    found: list[Statistic] = []
    as_at, department = request_as_at(blocks), document_department(blocks)
    for block, period in zip(blocks, asked_periods(blocks), strict=True):
        reader = _BlockReader(doc, block, consumed, facts.contracts, as_at, department, period)
        found += reader.read()
    kept: list[Statistic] = []
    for stat in found:
        if not restated(stat, kept):
            kept.append(stat)
    return kept
