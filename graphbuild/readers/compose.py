"""Lay out structured content (paragraphs, lists, tables) as the plain text of the letter.

The extractors were written against plain-text FOI letters: paragraphs apart,
"• " bullets, numbered items, tab-separated table rows. Readers for HTML, PDF,
DOCX and spreadsheets therefore write their content through this builder, so
the text they produce reads like the text version of the same letter and the
table cells they found keep offsets into that text.
"""

from __future__ import annotations

import re

from graphbuild.errors import DocumentError
from graphbuild.readers.document import Cell, Document, Line, Table
from graphbuild.readers.text import find_tables, layout_lines, normalise

_SPACES = re.compile(r"[ \t\u00a0]+")
_CELL_SPACE = re.compile(r"\s+")


def clean_line(text: str) -> str:
    """One normalised line: runs of spaces collapsed, no newline left inside."""
    return normalise(_SPACES.sub(" ", text.replace("\n", " ")).strip())


def clean_cell(text: str) -> str:
    """Cell text on one line: a tab or newline inside a cell would split the row."""
    return normalise(_CELL_SPACE.sub(" ", text).strip())


class TextBuilder:
    """Collects lines and tables; `document()` turns them into a Document."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._offset = 0
        self.tables: list[Table] = []

    def _append(self, text: str) -> int:
        start = self._offset
        self._lines.append(text)
        self._offset += len(text) + 1
        return start

    def blank(self) -> None:
        """A paragraph break; never two in a row, never at the start."""
        if self._lines and self._lines[-1] != "":
            self._append("")

    def line(self, text: str) -> None:
        """One line of text (newlines inside become separate lines); blank lines dropped."""
        for part in text.split("\n"):
            cleaned = clean_line(part)
            if cleaned:
                self._append(cleaned)

    def extend(self, text: str) -> None:
        """Join a line that only wrapped (PDF) to the line before it, as the typist wrote it."""
        cleaned = clean_line(text)
        if not self._lines or not self._lines[-1] or not cleaned:
            self.line(text)
            return
        joined = f"{self._lines[-1]} {cleaned}"
        self._offset += len(joined) - len(self._lines[-1])
        self._lines[-1] = joined

    def paragraph(self, text: str) -> None:
        """A block of text with a blank line before and after, as letters are typed."""
        self.blank()
        self.line(text)
        self.blank()

    def bullet(self, text: str, marker: str | None = None) -> None:
        """A list item: '• item', or 'N. item' (marker 'N.') so questions keep their numbers."""
        parts = [clean_line(p) for p in text.split("\n")]
        parts = [p for p in parts if p]
        if not parts:
            return
        first = parts[0].removeprefix("• ")
        self._append(f"{marker} {first}" if marker else f"• {first}")
        for part in parts[1:]:
            self._append(part)

    def table(self, rows: list[list[str]]) -> None:
        """Rows as tab-separated lines, recorded as a Table with each cell's offsets."""
        rows = drop_empty(rows)
        if not rows:
            return
        self.blank()
        table_rows = [self._row(row) for row in rows]
        if len(table_rows) >= 2 or len(table_rows[0]) >= 2:
            end = table_rows[-1][-1].end
            self.tables.append(Table(table_rows, table_rows[0][0].start, end))
        self.blank()

    def _row(self, row: list[str]) -> list[Cell]:
        texts = [clean_cell(cell) for cell in row]
        start = self._append("\t".join(texts))
        cells, offset = [], start
        for text in texts:
            cells.append(Cell(text, offset, offset + len(text)))
            offset += len(text) + 1
        return cells

    def document(self, name: str, media_type: str) -> Document:
        """The Document; a DocumentError if nothing readable was found."""
        while self._lines and self._lines[-1] == "":
            self._lines.pop()
        text = "\n".join(self._lines)
        if not text.strip():
            raise DocumentError(f"{name}: the document has no text")
        lines = layout_lines(text)
        return Document(name, text, media_type, lines, self._all_tables(lines))

    def _all_tables(self, lines: list[Line]) -> list[Table]:
        """The real tables, plus any tab-laid grid in the text that is not one of them."""
        found = list(self.tables)
        for table in find_tables(lines):
            if not any(t.start <= table.end and table.start <= t.end for t in self.tables):
                found.append(table)
        return sorted(found, key=lambda t: t.start)


def drop_empty(rows: list[list[str]]) -> list[list[str]]:
    """Without fully empty rows and columns (spreadsheets and Word tables are full of them)."""
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    keep = [i for i in range(width) if any(row[i].strip() for row in rows)]
    return [[row[i] for i in keep] for row in rows]
