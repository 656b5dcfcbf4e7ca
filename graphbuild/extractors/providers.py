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
from graphbuild.parsing.names import PROVIDER_COLUMN, looks_like_organisation, parse_name
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


def listed_in_answer(doc: Document, block: Block) -> list[LotMembership]:
    """Names answering 'which providers/organisations' or introduced as providers."""
    if any(re.match(r"(?i)\s*(?:•\s*)?lot\s+\d", ln.text) for ln in block.answer):
        return []
    asked = bool(ASKS_NAMES.search(block.question_text))
    found: list[LotMembership] = []
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
            if column >= len(row) or not row[column].text:
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
