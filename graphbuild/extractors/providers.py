"""Providers listed outside lots: plain name lists and provider columns of tables.

FOI answers list providers one per line, often without bullets ("Our current
providers are set out below:" then a name per line), or answer "Who are your
providers?" with a single name, or give a table with an "Organisation" or
"Provider" column whose cells may name several bodies ("X including Y").
A line counts as a listed provider only when the question asked for names or
the lines are introduced as providers, and when it reads as a name.
"""

from __future__ import annotations

import re

from graphbuild.facts import LotMembership
from graphbuild.parsing.layout import is_total_row, records
from graphbuild.parsing.names import (
    LOT_HEADING,
    ORG_END,
    PROVIDER_COLUMN,
    PROVIDER_LABEL,
    looks_like_organisation,
    parse_name,
    split_list,
)
from graphbuild.parsing.numbers import words_to_int
from graphbuild.parsing.requester import restates_request
from graphbuild.parsing.sections import Block
from graphbuild.parsing.spans import span
from graphbuild.readers.document import Document, Line, Table

ASKS_NAMES = re.compile(
    r"(?i)\b(?:names?|list|who)\b[^?.]{0,80}\b(?:providers?|organisations?|suppliers?|"
    r"contractors?|agencies|companies)\b|"
    r"\b(?:which|what) (?:providers?|organisations?|suppliers?)\b"
)
INTRODUCES = re.compile(
    r"(?i)\b(?:providers?|organisations?|suppliers?|contractors?|agencies)\b.{0,60}"
    r"(?:below|as follows|listed|are:|include:|:\s*$)"
)
_INCLUDING = re.compile(r"(?i)\s+(?:in[cl]{2}uding|incl\.?|and|&|with|plus)\s+")
_NOT_A_NAME = re.compile(r"(?i)^(?:yes|no|none|n/a|nil|not applicable|see (?:below|above)|total)\b")


def _name_lines(lines: list[Line]) -> list[Line]:
    return [
        ln
        for ln in lines
        if not ln.blank
        and looks_like_organisation(ln.content)
        and not _NOT_A_NAME.match(ln.content)
        and not ln.text.startswith("\t")
    ]


def _runs(lines: list[Line]) -> list[list[Line]]:
    """Consecutive name-like lines (blank lines between single names allowed)."""
    runs: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            continue
        in_table = "\t" in line.text.strip()  # table rows are read by the table readers
        if (
            not in_table
            and looks_like_organisation(line.content)
            and not _NOT_A_NAME.match(line.content)
        ):
            current.append(line)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _members(doc: Document, lines: list[Line]) -> list[LotMembership]:
    found = []
    for line in lines:
        parsed = parse_name(line.content)
        if parsed.name:
            found.append(
                LotMembership(parsed.name, span(doc, line.content_start, line.end), parsed.aliases)
            )
    return found


def _member(doc: Document, text: str, start: int) -> LotMembership | None:
    parsed = parse_name(text)
    if not parsed.name:
        return None
    return LotMembership(parsed.name, span(doc, start, start + len(text)), parsed.aliases)


def _in_records(doc: Document, block: Block) -> list[LotMembership]:
    """'Care provider: X Ltd t/a Y' in a record; 'Scheme:' or 'Landlord:' fields are no provider."""
    found = []
    for record in records(block.answer):
        for item in record.fields:
            name = parse_name(item.value).name
            if PROVIDER_LABEL.match(item.key) and looks_like_organisation(name):
                member = _member(doc, item.value, item.value_start)
                if member is not None:
                    found.append(member)
    return found


_LIST_END = r"(?P<list>[A-Z].+?)(?:\.(?=\s+[A-Z]|\s*$)|$)"
RUN_IN = re.compile(
    r"(?i)\b(?P<count>[a-z]+|\d+)?\s*(?:providers?|organisations?|suppliers?|contractors?|"
    rf"agencies)\s*:\s*{_LIST_END}"
)
RUN_IN_VERB = re.compile(
    rf"\b(?:are|were|include|includes|included|(?:delivered|provided)\s+by)\s+{_LIST_END}"
)


def _names_providers(lead: str) -> bool:
    """'The three largest providers in 2023-24 were ...': the sentence's subject is providers."""
    sentence = re.split(r"[.!?]\s+", lead)[-1]
    return bool(
        re.search(r"(?i)\b(?:providers?|suppliers?|contractors?)\b", sentence)
        and not restates_request(sentence)
    )


def _run_in(doc: Document, block: Block, asked: bool) -> list[LotMembership]:
    """'... from five providers: A Ltd, B (a trading name of C Ltd), D CIC and E Trust.'

    Taken only when every item reads as a name, most end in a legal or organisation
    word, and a stated count agrees with the items found.
    """
    found: list[LotMembership] = []
    for line in block.answer:
        match = RUN_IN.search(line.text)
        verb = None if match else RUN_IN_VERB.search(line.text)
        if verb and not (asked or _names_providers(line.text[: verb.start()])):
            verb = None
        if verb:  # "... were A Ltd, B Limited and C Trust": every item must end as a name
            match = verb
        elif not match or not (asked or INTRODUCES.search(line.text[: match.start("list")])):
            continue
        listed, base = match.group("list"), line.start + match.start("list")
        items = split_list(listed)
        names = [listed[a:b] for a, b in items]
        ending = sum(bool(ORG_END.search(parse_name(n).name)) for n in names)
        count = None if verb else match.group("count")
        stated = int(count) if count and count.isdigit() else words_to_int(count or "")
        if (
            len(names) < 2
            or not all(looks_like_organisation(parse_name(n).name) for n in names)
            or ending * 2 < len(names)
            or (verb and ending < len(names))
            or (stated is not None and stated != len(names))
        ):
            continue
        for (a, _), name in zip(items, names, strict=True):
            member = _member(doc, name, base + a)
            if member is not None:
                found.append(member)
    return found


def listed_in_answer(doc: Document, block: Block) -> list[LotMembership]:
    """Names answering 'which providers/organisations' or introduced as providers."""
    if any(LOT_HEADING.match(ln.text) for ln in block.answer):
        return []
    asked = bool(ASKS_NAMES.search(block.question_text))
    found: list[LotMembership] = _in_records(doc, block) + _run_in(doc, block, asked)
    lines = [ln for ln in block.answer if not ln.blank]
    for index, run in enumerate(_runs(block.answer)):
        position = lines.index(run[0])
        lead = lines[position - 1].text if position else ""
        introduced = bool(INTRODUCES.search(lead))
        if (asked and (len(run) >= 2 or len(lines) <= 3)) or (introduced and len(run) >= 2):
            found += _members(doc, run)
        del index
    return found


def _column_names(doc: Document, table: Table) -> list[LotMembership]:
    header = table.header
    columns = [i for i, cell in enumerate(header) if PROVIDER_COLUMN.match(cell.text)]
    found: list[LotMembership] = []
    for column in columns:
        for row in table.rows[1:]:
            if column >= len(row) or not row[column].text or is_total_row(row[0].text):
                continue
            cell = row[column]
            offset = cell.start
            for part in _INCLUDING.split(cell.text):
                start = doc.text.find(part, offset, cell.end + 1)
                parsed = parse_name(part)
                if start >= 0 and parsed.name and _plausible_cell_name(parsed.name):
                    found.append(
                        LotMembership(
                            parsed.name, span(doc, start, start + len(part)), parsed.aliases
                        )
                    )
                    offset = start + len(part)
    return found


def _plausible_cell_name(text: str) -> bool:
    """In a provider column any short non-numeric text is a name, even 'abCare'."""
    return bool(re.search(r"[A-Za-z]{2}", text)) and len(text) <= 90 and not _NOT_A_NAME.match(text)


def extract_listed_providers(doc: Document, blocks: list[Block]) -> list[LotMembership]:
    """Providers named in answer lists and provider columns, in document order."""
    found: list[LotMembership] = []
    for block in blocks:
        found += listed_in_answer(doc, block)
    for table in doc.tables:
        found += _column_names(doc, table)
    return found
