"""PDF: page text in reading order, ruled tables as tab-separated rows.

Councils mostly publish responses as PDFs printed from Word. pdfplumber gives
the text lines and the ruled tables with their positions, so each table is
written once, as rows in place of its text, and the gaps between lines tell
where paragraphs end. A scan has no text layer at all: reading it as an empty
document would silently lose the response, so it is refused with advice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from graphbuild.errors import DocumentError, one_line
from graphbuild.readers.compose import TextBuilder
from graphbuild.readers.document import Document

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
_PARAGRAPH_GAP = 0.45  # a gap above this fraction of the line height starts a paragraph
_MARGIN = 0.08  # top and bottom fraction of a page where headers and footers sit
_WRAP_TOLERANCE = 2.0  # points: the margin is estimated from the longest line
# A bullet glyph from a symbol font with no Unicode mapping comes out as "(cid:127)".
_UNMAPPED_BULLET = re.compile(r"^\s*\(cid:\d+\)\s*")
_ITEM_START = re.compile(
    r"^\s*(?:[\u2022\u00b7\u25aa\u25cf\uf0b7*\u2013-]\s|(?:Q|Lot\s*)?\(?\d{1,2}[a-z]?[.):]\s|"
    r"\(?[a-h][.)]\s|(?:answer|response)\s*:)",
    re.IGNORECASE,
)


def _overlaps(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _size(line: dict[str, Any]) -> float:
    sizes = [c.get("size", 0.0) for c in line.get("chars") or []]
    return max(sizes, default=0.0)


def _margin_note(line: dict[str, Any], page: Any, body_size: float) -> bool:
    """Small print in the top or bottom margin: a running header or footer, not the letter."""
    in_margin = line["bottom"] < _MARGIN * page.height or line["top"] > (1 - _MARGIN) * page.height
    return in_margin and _size(line) < body_size - 0.5


def _page_items(page: Any) -> list[tuple[float, str, Any]]:
    """The page's text lines and tables, each with its top, in reading order."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _overlaps(obj, boxes))
    lines = outside.extract_text_lines(return_chars=True)
    body = median(_size(line) for line in lines) if lines else 0.0
    items: list[tuple[float, str, Any]] = [
        (line["top"], "line", line) for line in lines if not _margin_note(line, page, body)
    ]
    items += [(table.bbox[1], "table", table) for table in tables]
    return sorted(items, key=lambda item: item[0])


def _first_word_width(line: dict[str, Any]) -> float:
    """Width of the line's first word; word gaps may be spacing, not space characters."""
    chars = [c for c in line.get("chars") or [] if c["text"].strip()]
    if not chars:
        return 0.0
    last = chars[0]
    for char in chars[1:]:
        if char["x0"] - last["x1"] > 0.15 * char.get("size", 10):
            break
        last = char
    return last["x1"] - chars[0]["x0"]


def _wrapped(previous: dict[str, Any], line: dict[str, Any], right: float) -> bool:
    """The line before ended only because this line's first word did not fit: a wrap.

    A break the author typed leaves room on the line; a bullet, number or
    "Answer:" starts an item of its own whatever the room.
    """
    if _ITEM_START.match(line["text"]):
        return False
    space = (previous["bottom"] - previous["top"]) * 0.3
    return previous["x1"] + space + _first_word_width(line) > right - _WRAP_TOLERANCE


@dataclass
class _Cursor:
    """The last text line written, carried across pages so a paragraph can run over a break."""

    previous: dict[str, Any] | None = None
    right: float = 0.0
    skip: set[str] = field(default_factory=set)


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def running_lines(pages: list[list[tuple[float, str, Any]]]) -> set[str]:
    """Headers and footers: lines at the top or bottom of every page ("Page 2 of 5", "OFFICIAL")."""
    if len(pages) < 2:
        return set()
    counts: dict[str, int] = {}
    for items in pages:
        lines = [item for _, kind, item in items if kind == "line"]
        for key in {_key(line["text"]) for line in lines[:2] + lines[-2:]}:
            counts[key] = counts.get(key, 0) + 1
    return {key for key, count in counts.items() if count >= max(2, 0.8 * len(pages))}


def _write_page(items: list[tuple[float, str, Any]], out: TextBuilder, cursor: _Cursor) -> None:
    lines = [
        item
        for _, kind, item in items
        if kind == "line"
        and not _PAGE_NUMBER.match(item["text"])
        and _key(item["text"]) not in cursor.skip
    ]
    right = max((line["x1"] for line in lines), default=0.0)  # the text's right margin
    first = True
    for _, kind, item in items:
        if kind == "table":
            out.table([[cell or "" for cell in row] for row in item.extract()])
            cursor.previous = None
            continue
        if _PAGE_NUMBER.match(item["text"]) or _key(item["text"]) in cursor.skip:
            continue
        item["text"] = _UNMAPPED_BULLET.sub("\u2022 ", item["text"])
        _write_line(item, out, cursor, right if not first else cursor.right, first)
        cursor.previous, cursor.right, first = item, right, False


def _write_line(
    item: dict[str, Any], out: TextBuilder, cursor: _Cursor, right: float, new_page: bool
) -> None:
    """Join a wrapped line, start a paragraph after a gap, else a line of its own."""
    previous = cursor.previous
    if previous is None:
        out.line(item["text"])
        return
    height = max(previous["bottom"] - previous["top"], 1.0)
    gap = new_page or item["top"] - previous["bottom"] > _PARAGRAPH_GAP * height
    if _wrapped(previous, item, right) and (new_page or not gap):
        out.extend(item["text"])
        return
    if gap:
        out.blank()
    out.line(item["text"])


def _open(path: Path) -> Any:
    try:
        return pdfplumber.open(path)
    except PdfminerException as exc:
        raise _error(path, exc.args[0] if exc.args else exc) from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise _error(path, exc) from exc


def _error(path: Path, exc: object) -> DocumentError:
    if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
        return DocumentError(f"{path.name}: the PDF is encrypted; save an unprotected copy first")
    detail = one_line(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__, 120)
    return DocumentError(f"{path.name}: not a readable PDF ({detail})")


def read_pdf(path: Path) -> Document:
    """Read a .pdf with a text layer; scans and broken files are refused by name."""
    out, cursor, pages = TextBuilder(), _Cursor(), []
    images = chars = 0
    with _open(path) as pdf:
        try:
            for page in pdf.pages:
                chars += len(page.chars)
                images += len(page.images)
                pages.append(_page_items(page))
            cursor.skip = running_lines(pages)
            for items in pages:
                _write_page(items, out, cursor)
        except PdfminerException as exc:
            raise _error(path, exc.args[0] if exc.args else exc) from exc
        except (PDFSyntaxError, PSException) as exc:
            raise _error(path, exc) from exc
    if not chars and images:
        raise DocumentError(f"{path.name}: no text layer (scanned image?); OCR it first")
    return out.document(path.name, "application/pdf")
