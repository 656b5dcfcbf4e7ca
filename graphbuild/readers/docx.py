"""Word .docx: paragraphs, bullet and numbered lists, and tables in body order.

In Word a provider list is a list paragraph whose bullet or number lives in the
numbering definitions, not in the text, so python-docx's `paragraph.text`
alone would lose the "• " the extractors look for and the question numbers.
This reader resolves each list paragraph's format and counter and writes the
marker back, so the text reads like the letter as printed.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from graphbuild.errors import DocumentError
from graphbuild.readers.compose import TextBuilder
from graphbuild.readers.document import Document

MAX_UNPACKED = 1024 * 1024 * 1024  # a zip bomb is refused before it is inflated


def check_package(path: Path, kind: str) -> None:
    """A clear error for a file that is not an Office package, or that inflates absurdly."""
    if not zipfile.is_zipfile(path):
        raise DocumentError(f"{path.name}: not a readable {kind} (not an Office zip package)")
    with zipfile.ZipFile(path) as package:
        if sum(info.file_size for info in package.infolist()) > MAX_UNPACKED:
            raise DocumentError(f"{path.name}: unpacks to more than 1 GB; refusing to read it")


def _num_pr(paragraph: Paragraph) -> tuple[str, int] | None:
    """(numId, level) from the paragraph, or else from its style chain."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    style = paragraph.style
    while num_pr is None and style is not None:
        style_p_pr = style.element.pPr
        num_pr = style_p_pr.numPr if style_p_pr is not None else None
        style = style.base_style
    if num_pr is None or num_pr.numId is None:
        return None
    level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    num_id = str(num_pr.numId.val)
    return (num_id, level) if num_id != "0" else None


class _Numbering:
    """Formats and counters of Word's list numbering, as Word would render them."""

    def __init__(self, document: Any) -> None:
        try:
            self._root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            self._root = None
        self._counters: dict[str, list[int]] = {}
        self._starts: dict[tuple[str, int], int] = {}  # a list restarted at its own number

    def _level(self, num_id: str, level: int) -> Any:
        if self._root is None:
            return None
        for num in self._root.findall(qn("w:num")):
            if num.get(qn("w:numId")) != num_id:
                continue
            for override in num.findall(qn("w:lvlOverride")):
                if override.get(qn("w:ilvl")) == str(level) and _val(override, "w:startOverride"):
                    self._starts[(num_id, level)] = int(_val(override, "w:startOverride") or 1)
            abstract = num.find(qn("w:abstractNumId"))
            abstract_id = abstract.get(qn("w:val")) if abstract is not None else None
            for definition in self._root.findall(qn("w:abstractNum")):
                if definition.get(qn("w:abstractNumId")) == abstract_id:
                    for lvl in definition.findall(qn("w:lvl")):
                        if lvl.get(qn("w:ilvl")) == str(level):
                            return lvl
        return None

    def marker(self, paragraph: Paragraph, num: tuple[str, int]) -> str | None:
        """The marker ("3.", "Q3.", "(b)") of a numbered item; None for a bullet."""
        num_id, level = num
        lvl = self._level(num_id, level)
        fmt = _val(lvl, "w:numFmt") if lvl is not None else None
        if fmt is None:
            name = (paragraph.style.name if paragraph.style is not None else "") or ""
            fmt = "decimal" if "number" in name.lower() else "bullet"
        if fmt in {"bullet", "none"}:
            return None
        counters = self._counters.setdefault(num_id, [0] * 9)
        start = int(_val(lvl, "w:start") or 1) if lvl is not None else 1
        start = self._starts.get(num, start)
        counters[level] = counters[level] + 1 if counters[level] else start
        counters[level + 1 :] = [0] * (8 - level)
        text = (_val(lvl, "w:lvlText") if lvl is not None else None) or f"%{level + 1}."
        for index in range(level + 1):
            text = text.replace(f"%{index + 1}", _format(counters[index] or 1, fmt))
        text = text.strip()
        return f"{text}." if text.isalnum() else text or None


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _format(number: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in {"lowerRoman", "upperRoman"}:
        roman = _roman(number)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(number)


def _roman(number: int) -> str:
    values = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in values:
        while number >= value:
            out, number = out + letters, number - value
    return out


_TEXT_TAGS = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}
# Text boxes and drawing fallbacks repeat text that is laid out elsewhere.
_SKIP = {
    qn("w:txbxContent"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}
_CONTAINERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}


def paragraph_text(p: Any) -> str:
    """All of a paragraph's text, including tracked insertions, fields and content controls.

    python-docx's `Paragraph.text` reads only direct runs and hyperlinks, so
    text inside <w:ins> (tracked changes left on) or content controls of an
    FOI template would be lost.
    """
    parts = []
    for element in p.iter(*_TEXT_TAGS):
        if any(ancestor.tag in _SKIP for ancestor in element.iterancestors()):
            continue
        parts.append(_TEXT_TAGS[element.tag] or element.text or "")
    return "".join(parts)


def body_blocks(element: Any, parent: Any) -> Any:
    """Paragraphs and tables in body order, looking inside content controls."""
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield DocxTable(child, parent)
        elif child.tag in _CONTAINERS:
            yield from body_blocks(child, parent)


def _cell_text(tc: Any) -> str:
    return "\n".join(paragraph_text(p) for p in tc.iter(qn("w:p")))


def _rows(table: DocxTable) -> list[list[str]]:
    """Cell texts; a cell merged across columns is written once, the rest left empty."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            cells.append("" if id(cell._tc) in seen else _cell_text(cell._tc))
            seen.add(id(cell._tc))
        rows.append(cells)
    return rows


def _write_paragraph(paragraph: Paragraph, numbering: _Numbering, out: TextBuilder) -> None:
    text = paragraph_text(paragraph._p)
    if not text.strip():
        return
    num = _num_pr(paragraph)
    if num is None:
        out.paragraph(text)
        return
    out.bullet(text, numbering.marker(paragraph, num))


def read_docx(path: Path) -> Document:
    """Read a .docx body (headers, footers and text boxes are page furniture)."""
    check_package(path, "Word document")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DocumentError(f"{path.name}: not a readable Word document ({exc})") from exc
    numbering, out = _Numbering(document), TextBuilder()
    previous_list = False
    for block in body_blocks(document.element.body, document._body):
        if isinstance(block, DocxTable):
            out.table(_rows(block))
            previous_list = False
            continue
        is_list = _num_pr(block) is not None
        if previous_list and not is_list:
            out.blank()
        _write_paragraph(block, numbering, out)
        previous_list = is_list
    return out.document(
        path.name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
