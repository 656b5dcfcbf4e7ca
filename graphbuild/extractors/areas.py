"""Spend, contract counts and provider counts by service area and department.

Answers to "how many contracts" and "what is the value" questions come as
"Label – figure" lines: "Supported Living - 14 providers on framework (11
have active placements)", "Homecare - £21.6m". Each label is a service area;
a label that names a department ("Adult Social Care and Commissioning")
becomes the department of the lines under it. A one-word label ("City:")
under a sentence about a service ("Nursing care placements are ...")
is read as that service's sub-area. Figures for one area merge across answers.
Prose gives spend year by year ("Total supported living spend was £X in 2022/23
and £Y in 2021/22": one figure per year) and counts without a year ("We commission
supported living from five providers"), which belong with the latest year's spend.
"""

from __future__ import annotations

import re

from graphbuild.facts import AreaFigure, Money
from graphbuild.parsing.dates import financial_year
from graphbuild.parsing.measures import ASKS_AREAS, LABEL_LINE, department_of
from graphbuild.parsing.money import find_money
from graphbuild.parsing.numbers import words_to_int
from graphbuild.parsing.sections import Block, without_answer_label
from graphbuild.parsing.services import SERVICES, service_of
from graphbuild.parsing.spans import clean, line_span, sentences, span
from graphbuild.parsing.spend import (
    ASKS_SPEND,
    GENERIC_SUBJECT,
    RATE_WORDS,
    list_intro,
    spelled_out,
    spend_subject,
    yearly_list,
)
from graphbuild.readers.document import Document, Line

PROVIDERS_ON = re.compile(
    r"(?i)(?P<n>\d+)\s+providers?\s+(?:are\s+)?on\s+(?:the\s+)?[\w\s]*?framework"
)
ACTIVE_PROVIDERS = re.compile(
    r"(?i)\((?:all\s+)?(?P<n>\d+)\s+(?:of (?:these|them) )?(?:have|has|are)\s+(?:an?\s+)?active"
)
ACTIVE_CONTRACTS = re.compile(
    r"(?i)^(?P<n>\d[\d,]*)\s+(?:active|current|live|current live|on-?going)?\s*contracts?|"
    r"^\(?(?P<b>\d[\d,]*)\)?;?$|^(?P<t>\d[\d,]*)$"
)
_TOPIC_TRIM = re.compile(r"(?i)\s+(?:placements?|services?|contracts?|packages?|provision)$")


def _exact_money(figure: str) -> Money | None:
    """The figure's amount, preferring an exact bracketed one: '£3.4m (£3,412,650)'."""
    found = find_money(figure)
    if not found:
        return None
    chosen = found[0]
    if len(found) > 1 and figure[found[0].end : found[1].start].strip() == "(":
        rough, exact = found[0].amount, found[1].amount
        if rough and abs(rough - exact) / rough < 0.05:
            chosen = found[1]
    return Money(chosen.amount, chosen.period, figure[chosen.start : chosen.stated_end])


def _topic(sentence: str) -> str | None:
    """Subject of an introducing sentence, without a trailing generic noun.

    'Nursing care placements are made ...' -> 'Nursing care'.
    """
    match = re.match(r"^([A-Z][\w&' -]{2,50}?)\s+(?:is|are|was|were|has|have)\b", sentence.strip())
    return _TOPIC_TRIM.sub("", match.group(1)).strip() if match else None


class _AreaReader:
    def __init__(self, doc: Document, areas: dict[str, AreaFigure], departments: set[str]) -> None:
        self.doc, self.areas, self.departments = doc, areas, departments
        self.department: str | None = None
        self.topic: str | None = None
        self.purchasing: str | None = None

    def area(self, name: str, line: Line) -> AreaFigure:
        if name not in self.areas:
            self.areas[name] = AreaFigure(name, line_span(self.doc, line))
        return self.areas[name]

    def read(self, lines: list[Line]) -> None:
        for line in lines:
            if line.blank:
                continue
            match = LABEL_LINE.match(_ANSWER_LABEL.sub("", line.text, count=1))
            if not match or not re.search(
                r"[\d£]", match.group("figure") or match.group("bracket")
            ):
                self.topic_line(line.text)
                continue
            self.figure_line(
                line,
                clean(match.group("label")),
                (match.group("figure") or match.group("bracket")).strip(),
            )

    def topic_line(self, text: str) -> None:
        topic = _topic(text)
        if topic:
            self.topic = topic
            self.purchasing = "spot" if re.search(r"(?i)\bspot\b", text) else None

    def figure_line(self, line: Line, label: str, figure: str) -> None:
        is_department = label in self.departments or (
            department_of(label) == label and len(label.split()) > 1
        )
        if label.lower() == "total":
            area, department = self.area("Total", line), None
        elif is_department:
            self.department, self.topic = label, None
            area, department = self.area(label, line), label
        else:
            name = f"{self.topic} - {label}" if self.topic and len(label.split()) == 1 else label
            if len(label.split()) > 1:
                self.topic = None
            area, department = self.area(name, line), self.department
            if name != label and self.purchasing:
                area.purchasing = self.purchasing
        area.department = area.department or department
        self.fill(area, figure)

    def fill(self, area: AreaFigure, figure: str) -> None:
        money = _exact_money(figure)
        if money and area.value is None:
            area.value = money
            return
        on = PROVIDERS_ON.search(figure)
        if on:
            area.providers_on_framework = int(on.group("n"))
            area.purchasing = area.purchasing or "framework"
        active = ACTIVE_PROVIDERS.search(figure)
        if active:
            area.active_providers = int(active.group("n"))
        contracts = ACTIVE_CONTRACTS.match(figure.strip())
        if contracts and not on:
            number = contracts.group("n") or contracts.group("b") or contracts.group("t")
            area.active_contracts = int(number.replace(",", ""))


def _departments(question: str) -> set[str]:
    """Departments a question lists: 'within the departments of A, B, and C'."""
    match = re.search(r"(?i)departments? of (?P<list>.+?)(?:[.?]|$)", question)
    if not match:
        return set()
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+(?=[A-Z])", match.group("list"))
    return {clean(p) for p in parts if clean(p)}


POOL = re.compile(
    r"(?i)\b(?:pool|panel|list|framework|approved list) of (?:roughly |around |about |some )?"
    r"(?P<n>\d[\d,]*|[a-z-]+(?: and [a-z-]+)?) providers\b"
)
ACTIVE = re.compile(
    r"(?i)\bnumber of providers (?:actively|currently) [^.]*?\b(?:is|hovers at|stands at|are|was)"
    r"\s+(?:around |about |roughly |some )?(?P<n>\d[\d,]*)\b|"
    r"\b(?P<m>\d[\d,]*|[a-z]+(?:-[a-z]+)?) (?:contracted|commissioned|active) providers of\b|"
    r"\bcommission(?:s|ed)? [\w ]{3,40}? from (?P<k>\d[\d,]*|[a-z]+(?:-[a-z]+)?) providers\b|"
    r"\b(?:used|uses|use) (?P<u>\d[\d,]*|[a-z]+(?:-[a-z]+)?) (?:[\w-]+ ){0,3}providers\b"
)
SPOT = re.compile(
    r"(?i)^(?P<x>[A-Z][\w&' -]{2,50}?) (?:is|are) (?:purchased|bought|commissioned) "
    r"(?:on|through|via) (?:a |the )?spot(?: purchase)? (?:basis|contracts?|arrangements?)"
)
BARE_COUNT = re.compile(r"^\s*(?P<n>\d[\d,]*)\b(?P<rest>.*)$")


def _count(text: str) -> int | None:
    if re.fullmatch(r"[\d,]+", text):
        return int(text.replace(",", ""))
    return words_to_int(text)


def _figure_line(text: str) -> bool:
    """'Homecare - £21.6m' (read by the label reader), not 'Answer: we use 23 providers'."""
    match = LABEL_LINE.match(without_answer_label(text))
    figure = (match.group("figure") or match.group("bracket")) if match else ""
    return bool(re.search(r"[\d£]", figure))


def _sentence_figures(
    doc: Document,
    block: Block,
    title: str | None,
    areas: dict[str, AreaFigure],
    department: str | None,
) -> None:
    """'a pool of around 90 providers', 'forty contracted providers of respite care'."""
    for line in block.answer:
        if line.blank or _figure_line(line.text):
            continue
        pool, active = POOL.search(line.text), ACTIVE.search(line.text)
        spot = SPOT.search(without_answer_label(line.text).strip())
        if spot and service_of(spot.group("x")):  # "CHC home care is purchased on a spot basis"
            service = service_of(spot.group("x"))
            area = areas.setdefault(service, AreaFigure(service, line_span(doc, line)))
            area.purchasing = area.purchasing or "spot"
        if not pool and not active:
            continue
        service = service_of(line.text) or service_of(block.question_text) or service_of(title)
        if not service:
            continue
        area = areas.setdefault(service, AreaFigure(service, line_span(doc, line)))
        area.department = area.department or department
        if pool and area.providers_on_framework is None:
            area.providers_on_framework = _count(pool.group("n"))
        if active and area.active_providers is None:
            area.active_providers = _count(next(g for g in active.groups() if g))


def _bare_count(
    doc: Document, block: Block, title: str | None, areas: dict[str, AreaFigure]
) -> bool:
    """'9, under framework.' answering 'How many providers do you contract with?'."""
    lines = [ln for ln in block.answer if not ln.blank]
    match = BARE_COUNT.match(lines[0].text) if len(lines) == 1 else None
    if not match or not re.search(r"(?i)how many providers", block.question_text):
        return False
    service = service_of(block.question_text) or service_of(title)
    if not service:
        return False
    area = areas.setdefault(service, AreaFigure(service, line_span(doc, lines[0])))
    count = int(match.group("n").replace(",", ""))
    if re.search(r"(?i)framework", match.group("rest")):
        area.providers_on_framework, area.purchasing = count, "framework"
    else:
        area.active_providers = count
    return True


def _bare_spend(
    doc: Document, block: Block, title: str | None, areas: dict[str, AreaFigure]
) -> bool:
    """'£12.4m' alone, answering 'How much did you spend on home care in 2022/23?'."""
    lines = [ln for ln in block.answer if not ln.blank]
    if len(lines) != 1 or not re.search(r"(?i)\bspen[dt]\b", block.question_text):
        return False
    text = without_answer_label(lines[0].text).strip(" .")
    money = find_money(text)
    after = text[money[0].stated_end :].strip() if money else ""
    if len(money) != 1 or money[0].start != 0 or (len(after) > 3 and after[0] not in ",;("):
        return False  # '£850k' or '£850k, a fall of ...': the amount is the answer
    service = _spent_on(block.question_text) or _spend_named(block.question_text)
    service = service or service_of(title)
    if not service:
        return False
    period = money[0].period or financial_year(block.question_text)
    key = f"{service}-{period}" if period else service
    area = areas.setdefault(key, AreaFigure(service, line_span(doc, lines[0])))
    area.value = Money(money[0].amount, period, money[0].stated(text))
    return True


SPENT_ON = re.compile(
    r"(?i)\bspen[dt]\s+on\s+(?:the\s+)?(?P<x>.+?)(?:\s+services?)?\s+(?:in|for|during|over|each)\b"
)
SPEND_SUBJECT = re.compile(
    r"(?i)\b(?:total\s+|gross\s+|net\s+)?(?P<x>[a-z][\w&' -]{2,50}?)\s+"
    r"(?:spend|expenditure)\s+(?:was|is|were|totalled|came to)\b"
)
IN_YEAR = re.compile(r"(?i)^\s*(?:in|for|during)\s+(?:the\s+)?(?:financial\s+year\s+)?")


NAMED_SPEND = re.compile(
    r"(?i)\b(?:the|your|its|our)\s+(?:[\w-]+['’]s\s+)?(?P<x>[a-z][a-z -]{2,40}?)\s+"
    r"(?:spend|expenditure)\b"
)


def _spend_named(question: str) -> str | None:
    """'What was the Trust's agency nursing spend in 2023/24?' -> 'agency nursing'."""
    match = NAMED_SPEND.search(question)
    if not match or not 1 <= len(match.group("x").split()) <= 4:
        return None
    phrase = match.group("x").strip()
    return None if phrase.lower() in {"total", "overall", "annual", "gross", "net"} else phrase


def _spent_on(question: str) -> str | None:
    """'How much did you spend on CHC home care in 2022/23?' -> 'CHC home care'.

    A plain service word keeps its one label ('home care' -> 'domiciliary care'); a
    qualified one ('CHC home care') is a narrower area and keeps the question's words.
    """
    match = SPENT_ON.search(question)
    phrase = clean(match.group("x")) if match else ""
    label = service_of(phrase) if phrase and len(phrase.split()) <= 6 else None
    if label is None:
        return service_of(question)
    plain = any(
        re.fullmatch(rf"(?:{pattern})(?:\s+(?:care|services?|support))?", phrase, re.I)
        for pattern, name in SERVICES
        if name == label
    )
    return label if plain else phrase


# 'Answer 3:', 'Response 2 -', 'A4.': the label of an answer, never the name of an area
_ANSWER_LABEL = re.compile(
    r"^\s*(?:(?i:answer|response|reply)\s*\d{0,2}[a-z]?\s*[:.)–-]|A\d{1,2}[a-z]?\s*[:.)–-])\s*"
)


def _yearly_spend(doc: Document, block: Block, areas: dict[str, AreaFigure]) -> None:
    """'Total supported living spend was £X in 2022/23 and £Y in 2021/22': a figure a year."""
    for line in block.answer:
        for start, end in sentences(doc.text, line.start, line.end):
            text = doc.text[start:end]
            if not re.search(r"(?i)\b(?:spend|spent|expenditure)\b", text):
                continue
            subject = SPEND_SUBJECT.search(text)
            told = clean(subject.group("x")) if subject else ""
            asked = _spent_on(block.question_text)
            # The sentence's own subject wins when it names another service than the question,
            # or when the question names no service it knows ('Total CHC spend was ...').
            name = told if service_of(told) and service_of(told) != service_of(asked) else asked
            if not name and told and not GENERIC_SUBJECT.fullmatch(told):
                name = spelled_out(doc.text, told)
            if not name:
                continue
            for money in find_money(text):
                after = text[money.stated_end :]
                lead = IN_YEAR.match(after)
                period = financial_year(after[lead.end() : lead.end() + 9]) if lead else None
                if period is None or money.period not in (None, "annual"):
                    continue
                name = name[0].upper() + name[1:]
                area = areas.setdefault(f"{name}-{period}", AreaFigure(name, span(doc, start, end)))
                area.value = area.value or Money(money.amount, period, money.stated(text))


def _listed_spend(doc: Document, block: Block, areas: dict[str, AreaFigure]) -> bool:
    """'2021/22: £X' lines answering 'What was the spend on X?', named by the list's own
    'Spend on X:' line or else the question; with no service named they stay unread."""
    intro = list_intro(block.answer)
    if not intro and (
        not ASKS_SPEND.search(block.question_text) or RATE_WORDS.search(block.question_text)
    ):
        return False  # a question about rates and spend could be answered with rates
    phrase = intro or spend_subject(block.question_text) or _spend_named(block.question_text)
    if not phrase:
        return False
    name = _spent_on(f"spend on {phrase} in") or phrase
    name = " ".join(spelled_out(doc.text, word) for word in name.split())
    found = yearly_list(doc, block.answer, name[0].upper() + name[1:])
    for area in found:
        areas.setdefault(f"{area.area}-{area.value.period}", area)
    return bool(found)


def _merge_counts(areas: dict[str, AreaFigure]) -> None:
    """A count with no year ('from five providers') joins the latest year's spend on that area."""
    for key, area in list(areas.items()):
        label = service_of(area.area)
        if area.value is not None or (label != area.area and " - " in area.area):
            continue  # a sub-area ('Residential care - City') is an area of its own
        label = label or area.area.lower()
        spent = [
            a
            for a in areas.values()
            if a.value is not None
            and a.value.period
            and (a.area.lower() == area.area.lower() or service_of(a.area) == label)
        ]
        if not spent:
            continue
        latest = max(spent, key=lambda a: a.value.period)
        for field in ("active_contracts", "providers_on_framework", "active_providers"):
            if getattr(latest, field) is None:
                setattr(latest, field, getattr(area, field))
        latest.purchasing = latest.purchasing or area.purchasing
        del areas[key]


def extract_areas(
    doc: Document, blocks: list[Block], title: str | None = None, department: str | None = None
) -> list[AreaFigure]:
    areas: dict[str, AreaFigure] = {}
    departments: set[str] = set()
    for block in blocks:
        departments |= _departments(block.question_text)
        if not [ln for ln in block.answer if not ln.blank]:
            continue
        if _bare_spend(doc, block, title, areas) or _listed_spend(doc, block, areas):
            continue
        _yearly_spend(doc, block, areas)
        if ASKS_AREAS.search(block.question_text) and not _bare_count(doc, block, title, areas):
            _AreaReader(doc, areas, departments).read(block.answer)
        _sentence_figures(doc, block, title, areas, department)
    _merge_counts(areas)
    return [a for a in areas.values() if _has_figure(a)]


def _has_figure(area: AreaFigure) -> bool:
    return any(
        v is not None
        for v in (
            area.value,
            area.active_contracts,
            area.providers_on_framework,
            area.active_providers,
        )
    )
