"""XLSX and CSV attachments: each sheet a titled block of tab-separated rows.

Councils answer "how much, how many, which providers" with spreadsheets. Laid
out as tab-separated rows under a "Sheet: <name>" line they read like a table
pasted into a letter, so the statistics, provider and rate extractors see
them. Numbers are written as the sheet displays them (its number format, no
binary-float noise such as 18.099999999999998), because the extractors and
the evidence quotes should show what a reader of the sheet sees.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from graphbuild.errors import DocumentError
from graphbuild.readers.compose import TextBuilder
from graphbuild.readers.document import Document
from graphbuild.readers.docx import check_package
from graphbuild.readers.text import decode

MAX_ROWS = 200_000
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plain(value: float | int | Decimal) -> Decimal:
    """The shortest decimal that is the same float: 12.7, not 12.699999999999999."""
    if isinstance(value, float):
        return Decimal(f"{value:.15g}")
    return Decimal(value)


def _currency(fmt: str) -> str:
    for symbol in ("£", "€", "$"):
        if symbol in fmt:
            return symbol
    return ""


def render_number(value: float | int | Decimal, fmt: str | None) -> str:
    """A number as its cell format shows it: decimals, thousands, %, currency symbol."""
    number = _plain(value)
    section = (fmt or "General").split(";")[0]
    currency = _currency(section)
    pattern = _QUOTED.sub("", section)
    if "0" not in pattern and "#" not in pattern:
        return _trim(number)
    percent = "%" in pattern
    if percent:
        number *= 100
    decimals = len(re.findall(r"[0#?]", pattern.split(".", 1)[1])) if "." in pattern else 0
    try:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return _trim(number)
    grouped = "," in pattern.split(".", 1)[0]
    text = f"{number:,.{decimals}f}" if grouped else f"{number:.{decimals}f}"
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    return f"{sign}{currency}{text}{'%' if percent else ''}"


def _trim(number: Decimal) -> str:
    """General format: no exponent, no trailing zeros."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def render_cell(value: object, fmt: str | None = None) -> str:
    """Any cell value as text; dates day-first as a UK sheet shows them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float, Decimal)):
        return render_number(value, fmt)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def _sheet_rows(sheet: object, name: str, budget: list[int]) -> list[list[str]]:
    rows = []
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        budget[0] -= 1
        if budget[0] < 0:
            raise DocumentError(f"{name}: more than {MAX_ROWS:,} rows; split the workbook")
        rows.append([render_cell(cell.value, getattr(cell, "number_format", None)) for cell in row])
    return rows


def _filled(row: list[str]) -> int:
    return sum(1 for cell in row if cell.strip())


def _write_sheet(rows: list[list[str]], out: TextBuilder) -> None:
    """Title rows above a table and note rows below it as lines of text, the grid as a table.

    A one-cell row such as "Domiciliary care hours 2014-2018" is a heading, not
    a table row; left in the grid it would add a column of its own.
    """
    rows = [row for row in rows if _filled(row)]
    first = next((i for i, row in enumerate(rows) if _filled(row) > 1), None)
    if first is None:
        out.table(rows)
        return
    last = max(i for i, row in enumerate(rows) if _filled(row) > 1)
    for row in rows[:first]:
        out.paragraph(" ".join(cell for cell in row if cell.strip()))
    out.table(rows[first : last + 1])
    for row in rows[last + 1 :]:
        out.paragraph(" ".join(cell for cell in row if cell.strip()))


def read_xlsx(path: Path) -> Document:
    """Read every visible worksheet of an .xlsx/.xlsm (values as last calculated)."""
    check_package(path, "Excel workbook")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError) as exc:
        raise DocumentError(f"{path.name}: not a readable Excel workbook ({exc})") from exc
    out, budget = TextBuilder(), [MAX_ROWS]
    try:
        for sheet in book.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            sheet.reset_dimensions()
            rows = _sheet_rows(sheet, path.name, budget)
            if any(any(cell.strip() for cell in row) for row in rows):
                out.paragraph(f"Sheet: {sheet.title}")
                _write_sheet(rows, out)
    finally:
        book.close()
    return out.document(path.name, _XLSX_TYPE)


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def read_csv(path: Path) -> Document:
    """Read a .csv (delimiter sniffed, decoded like the text reader) as one table."""
    text = decode(path.read_bytes(), path.name)
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text[:8192]))
    rows = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            raise DocumentError(f"{path.name}: more than {MAX_ROWS:,} rows; split the file")
        rows.append([_csv_cell(cell) for cell in row])
    out = TextBuilder()
    _write_sheet(rows, out)
    return out.document(path.name, "text/csv")


def _csv_cell(text: str) -> str:
    """Exported floats lose their noise too: '12.699999999999999' -> '12.7'."""
    if re.fullmatch(r"-?\d+\.\d{12,}", text.strip()):
        return _trim(_plain(float(text)))
    return text
