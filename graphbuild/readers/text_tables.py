"""Tables typed as text: Markdown pipe tables and columns aligned with spaces.

Plain-text and Markdown FOI answers lay tables out without tabs: a Markdown
table ("| Category | Weekly fee |" over a "|---|---|" separator) or columns
padded with spaces under a header. Both are read here into the same Table of
Cells (exact offsets into the document text) that tab-separated tables give,
so every table consumer works on them unchanged.
"""

from __future__ import annotations

import re

from graphbuild.readers.document import Cell, Line, Table

_SEPARATOR_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")
_GAP = re.compile(r" {2,}")
_SLACK = 2  # characters a cell may sit off its header's column (numbers align right)


def _pipe_cells(line: Line) -> list[Cell]:
    """The cells between unescaped pipes; outer pipes are edges, not empty cells."""
    text = line.text
    bounds = [m.start() for m in re.finditer(r"(?<!\\)\|", text)]
    stripped = text.strip()
    edges = [-1, *bounds, len(text)]
    pieces = list(zip(edges, edges[1:], strict=False))
    if stripped.startswith("|"):
        pieces = pieces[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        pieces = pieces[:-1]
    cells = []
    for left, right in pieces:
        part = text[left + 1 : right]
        lead = len(part) - len(part.lstrip())
        content = part.strip()
        begin = line.start + left + 1 + lead
        cells.append(Cell(content, begin, begin + len(content)))
    return cells


def _is_pipe_row(line: Line) -> bool:
    return "|" in line.text and "\t" not in line.text and len(_pipe_cells(line)) >= 2


def _is_separator(line: Line) -> bool:
    cells = _pipe_cells(line) if "|" in line.text else []
    return len(cells) >= 2 and all(_SEPARATOR_CELL.match(c.text) for c in cells)


def _ruled(line: Line) -> bool:
    """A row typed with its outer pipes: '| a | b |'."""
    text = line.text.strip()
    return text.startswith("|") and text.endswith("|") and _is_pipe_row(line)


def _unruled_run(lines: list[Line], index: int) -> int:
    """How many rows from `index` form a pipe table typed without a '|---|' rule: three or
    more '| a | b |' lines with the same number of cells (the first names the columns)."""
    width, count = len(_pipe_cells(lines[index])), 0
    while index + count < len(lines) and _ruled(lines[index + count]):
        if len(_pipe_cells(lines[index + count])) != width or _is_separator(lines[index + count]):
            break
        count += 1
    return count if count >= 3 else 0


def pipe_tables(lines: list[Line]) -> list[Table]:
    """Markdown tables: a header row, a '|---|' separator (not a row), then body rows; or,
    as e-mailed replies often type them, the same rows with outer pipes and no rule."""
    tables = []
    index = 0
    while index + 1 < len(lines):
        header, separator = lines[index], lines[index + 1]
        if not (_is_pipe_row(header) and _is_separator(separator)):
            run = _unruled_run(lines, index) if _ruled(header) else 0
            if run:
                rows = [_pipe_cells(line) for line in lines[index : index + run]]
                tables.append(Table(rows, header.start, lines[index + run - 1].end))
            index += run or 1
            continue
        rows = [_pipe_cells(header)]
        index += 2
        while index < len(lines) and _is_pipe_row(lines[index]) and not _is_separator(lines[index]):
            rows.append(_pipe_cells(lines[index]))
            index += 1
        if len(rows) >= 2:
            tables.append(Table(rows, header.start, lines[index - 1].end))
    return tables


def _space_cells(line: Line) -> list[Cell]:
    """Cells of a line split where two or more spaces run; leading indent is no cell."""
    cells, text = [], line.text
    for match in re.finditer(r"\S+(?: \S+)*", text):
        cells.append(Cell(match.group(), line.start + match.start(), line.start + match.end()))
    return cells


def _columns(cells: list[Cell], line: Line) -> list[tuple[int, int]]:
    return [(c.start - line.start, c.end - line.start) for c in cells]


def _aligned(columns: list[tuple[int, int]], header: list[tuple[int, int]]) -> list[int] | None:
    """For each cell, the header column it sits under (by its start or its end), or None
    when a cell sits under no column or two cells under one."""
    placed = []
    for start, end in columns:
        match = next(
            (
                i
                for i, (h_start, h_end) in enumerate(header)
                if abs(start - h_start) <= _SLACK or abs(end - h_end) <= _SLACK
            ),
            None,
        )
        if match is None or (placed and match <= placed[-1]):
            return None
        placed.append(match)
    return placed


def _eligible(line: Line) -> bool:
    return (
        not line.blank
        and not line.bullet
        and "\t" not in line.text
        and "|" not in line.text
        and _GAP.search(line.text.strip()) is not None
    )


def aligned_tables(lines: list[Line]) -> list[Table]:
    """A header and two or more rows whose cells start (or end) under the header's columns.

    Each row must fill the first column and at least one more; a cell left empty in a
    row becomes an empty Cell, so column positions stay those of the header.
    """
    tables = []
    index = 0
    while index < len(lines):
        header = lines[index]
        if not _eligible(header):
            index += 1
            continue
        head_cells = _space_cells(header)
        head_cols = _columns(head_cells, header)
        rows = [head_cells]
        last = header
        for line in lines[index + 1 :]:
            if not _eligible(line):
                break
            cells = _space_cells(line)
            placed = _aligned(_columns(cells, line), head_cols)
            if placed is None or len(cells) < 2 or placed[0] != 0:
                break
            row = [Cell("", line.end, line.end) for _ in head_cells]
            for cell, column in zip(cells, placed, strict=True):
                row[column] = cell
            rows.append(row)
            last = line
        if len(rows) >= 3 and len(head_cells) >= 2:
            tables.append(Table(rows, header.start, last.end))
            index += len(rows)
        else:
            index += 1
    return tables


_DASH_SEPARATOR = re.compile(r"(?:(?<=\s)|^)[-\u2013\u2014](?=\s|$)")
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.;:!?](?:\s|$)")
_MAX_CELL_WORDS = 10


def _dash_cells(line: Line) -> list[Cell] | None:
    """Cells of a line split on spaced dashes ("A – B – £1 – 31/03/2026"), or None when the
    line is prose: a sentence break, a cell too long to be a table cell, or a lone cell."""
    text = line.text
    if line.blank or line.bullet or "\t" in text or "|" in text or _SENTENCE_BREAK.search(text):
        return None
    edges = [-1, *(m.start() for m in _DASH_SEPARATOR.finditer(text)), len(text)]
    cells = []
    for left, right in zip(edges, edges[1:], strict=False):
        part = text[left + 1 : right]
        content = part.strip()
        begin = line.start + left + 1 + len(part) - len(part.lstrip())
        if len(content.split()) > _MAX_CELL_WORDS:
            return None
        cells.append(Cell(content, begin, begin + len(content)))
    if len(cells) < 3 or not cells[0].text:
        return None
    return cells


def dash_tables(lines: list[Line]) -> list[Table]:
    """A run of three or more lines that each split into the same number (three or more) of
    cells on spaced dashes: typed schedules written "Provider – Service – Value – End date".
    A line of one width among lines of another is not the same table, so widths must agree."""
    tables = []
    index = 0
    while index < len(lines):
        first = _dash_cells(lines[index])
        if first is None:
            index += 1
            continue
        rows = [first]
        for line in lines[index + 1 :]:
            cells = _dash_cells(line)
            if cells is None or len(cells) != len(first):
                break
            rows.append(cells)
        if len(rows) >= 3:
            tables.append(Table(rows, lines[index].start, lines[index + len(rows) - 1].end))
            index += len(rows)
        else:
            index += 1
    return tables
