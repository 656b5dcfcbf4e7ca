"""Plain text and Markdown: decode, normalise, and lay out into lines and tables.

FOI responses arrive as exports from word processors and web pages, so the
same bullet appears as "•", "·", "", "o " or "- ", bold as "**", and the
encoding may be UTF-8, Windows-1252 or UTF-16. Normalising once here means
every extractor sees one form and every offset points into one string.
"""

from __future__ import annotations

import re
from pathlib import Path

from graphbuild.errors import DocumentError
from graphbuild.readers.document import Cell, Document, Line, Table
from graphbuild.readers.text_tables import aligned_tables, dash_tables, pipe_tables

MAX_BYTES = 20 * 1024 * 1024
_BULLET = re.compile(
    "^([ \t]*)(?:[\u2022\u00b7\u25aa\u25e6\u25cf\u25a0\u25ba\u2023\u2043\uf0b7\uf0a7]"
    "|o(?= )|-(?= )|\\*(?= )|\u2013(?= ))[ \t]*"
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)


def decode(raw: bytes, name: str) -> str:
    """Decode bytes that may be UTF-8, UTF-16 (with BOM) or Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:4096]:
        raise DocumentError(f"{name}: looks like a binary file, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{name}: text is neither UTF-8, UTF-16 nor Windows-1252") from exc


def normalise(text: str) -> str:
    """One form for line endings, spaces, bullets and bold markers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = text.replace("\u00a0", " ").replace("\u2028", "\n")
    text = text.replace("**", "")
    lines = []
    for line in text.split("\n"):
        match = _BULLET.match(line)
        if match and line[match.end() :].strip():
            line = f"{match.group(1)}• {line[match.end() :]}"
        lines.append(line.rstrip(" "))
    return "\n".join(lines)


def layout_lines(text: str) -> list[Line]:
    lines, offset = [], 0
    for number, raw in enumerate(text.split("\n")):
        bullet = raw.lstrip(" \t").startswith("• ")
        lines.append(Line(number, offset, offset + len(raw), raw, bullet))
        offset += len(raw) + 1
    return lines


def _cells(line: Line) -> list[Cell]:
    cells, offset = [], line.start
    for part in line.text.split("\t"):
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(part.strip(), offset + lead, offset + lead + len(part.strip())))
        offset += len(part) + 1
    return cells


def find_tables(lines: list[Line]) -> list[Table]:
    """Tab-separated rows, and the 'one cell per tab-led line' layout of pasted tables."""
    tables: list[Table] = []
    tables += _tab_row_tables(lines)
    tables += _tab_cell_tables(lines)
    return sorted(tables, key=lambda t: t.start)


def find_text_tables(lines: list[Line]) -> list[Table]:
    """Tables of a .txt or .md file: tab-laid ones, Markdown pipe tables and columns aligned
    with spaces or spaced dashes. Only typed text lays tables out with pipes, padding or
    dashes; text composed from HTML, Word or PDF has its real tables already, so those
    readers keep `find_tables`."""
    tables = find_tables(lines)
    for table in pipe_tables(lines) + aligned_tables(lines) + dash_tables(lines):
        if not any(t.start <= table.end and table.start <= t.end for t in tables):
            tables.append(table)
    return sorted(tables, key=lambda t: t.start)


def _tab_row_tables(lines: list[Line]) -> list[Table]:
    tables, run = [], []
    for line in lines + [Line(-1, 0, 0, "")]:
        if "\t" in line.text.strip("\t ") and len(_cells(line)) >= 2:
            run.append(line)
            continue
        if len(run) >= 2:
            rows = [_cells(row) for row in run]
            tables.append(Table(rows, run[0].start, run[-1].end))
        run = []
    return tables


def _tab_cell_tables(lines: list[Line]) -> list[Table]:
    """Rows whose cells each sit on their own line starting with a tab; blank lines end rows."""
    tables, rows, row = [], [], []
    for line in lines + [Line(-1, 0, 0, "x")]:
        if line.text.startswith("\t") and "\t" not in line.text.strip("\t "):
            cell_text = line.text.strip()
            lead = len(line.text) - len(line.text.lstrip())
            row.append(Cell(cell_text, line.start + lead, line.start + lead + len(cell_text)))
            continue
        if row:
            rows.append(row)
            row = []
        if line.blank and rows:
            continue
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            tables.append(Table(rows, rows[0][0].start, rows[-1][-1].end))
        rows = []
    return tables


def read_text_bytes(raw: bytes, name: str, media_type: str = "text/plain") -> Document:
    text = normalise(decode(raw, name))
    if not text.strip():
        raise DocumentError(f"{name}: the document has no text")
    lines = layout_lines(text)
    return Document(name, text, media_type, lines, find_text_tables(lines))


def read_text(path: Path) -> Document:
    """Read a .txt or .md file into a Document."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DocumentError(f"{path.name}: {size / 1e6:.0f} MB is larger than the 20 MB limit")
    media = "text/markdown" if path.suffix.lower() in {".md", ".markdown"} else "text/plain"
    return read_text_bytes(path.read_bytes(), path.name, media)
