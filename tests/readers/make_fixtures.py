"""Write a plain-text FOI letter as HTML, DOCX, PDF, XLSX or CSV, at test time.

The readers are tested by round trip: the same letter in another format must
yield the same facts as its text version. A letter is first cut into blocks
(paragraphs, bullet lists, numbered lists, tables) using the text reader's own
layout, and each writer renders those blocks the way that format really holds
them: <ul>/<ol>, Word list numbering, ruled PDF tables, spreadsheet cells.
"""

from __future__ import annotations

import csv
import html
import re
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

from graphbuild.readers import read_document

_NUMBERED = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")


@dataclass
class Block:
    """One paragraph (lines), list (items) or table (rows) of a letter."""

    kind: str  # para | bullets | numbered | table
    items: list = field(default_factory=list)
    start: int = 1  # first number of a numbered list


def letter_blocks(path: Path) -> list[Block]:
    """Cut a text letter into blocks; blank lines end paragraphs, lists run across them."""
    doc = read_document(path)
    in_table = {
        ln.number: t for t in doc.tables for ln in doc.lines if t.start <= ln.start <= t.end
    }
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", list(para)))
            para.clear()

    for line in doc.lines:
        if line.number in in_table:
            flush()
            table = in_table[line.number]
            if not blocks or blocks[-1].items is not table.rows:
                blocks.append(Block("table", table.rows))
            continue
        numbered = _NUMBERED.match(line.text.strip())
        if line.blank:
            flush()
        elif line.bullet:
            flush()
            _add_item(blocks, "bullets", line.content)
        elif numbered and not para:
            _add_number(blocks, int(numbered.group(1)), numbered.group(2))
        else:
            para.append(line.text.strip())
    flush()
    return [_cell_text(b) for b in blocks]


def _add_item(blocks: list[Block], kind: str, text: str) -> None:
    if blocks and blocks[-1].kind == kind:
        blocks[-1].items.append(text)
    else:
        blocks.append(Block(kind, [text]))


def _add_number(blocks: list[Block], number: int, text: str) -> None:
    last = blocks[-1] if blocks else None
    if last and last.kind == "numbered" and last.start + len(last.items) == number:
        last.items.append(text)
    else:
        blocks.append(Block("numbered", [text], number))


def _cell_text(block: Block) -> Block:
    if block.kind == "table":
        return Block("table", [[cell.text for cell in row] for row in block.items])
    return block


# --- HTML -------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}"><title>FOI response</title>
<style>body {{ font-family: sans-serif; }}</style>
<script>window.dataLayer = [{{"page": "foi", "budget": "£9,999,999"}}];</script></head>
<body><a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li>
<li><a href="/social-care">Adult social care</a></li><li>1. Council tax</li></ul></nav></header>
<div id="cookie-banner"><p>We use cookies. Lot 9 Providers: Banner Care Ltd £1,000,000</p></div>
<div class="breadcrumbs"><ol><li>Home</li><li>FOI disclosure log</li></ol></div>
<main id="main">{body}</main>
<aside class="sidebar"><h2>Related</h2><ul><li>Sidebar Homecare Ltd – £2,500 per week</li></ul>
</aside><footer><p>© Council. Telephone: 0116 000 0000. Section 43(2) cookie statement.</p>
</footer></body></html>"""


def blocks_html(blocks: list[Block]) -> str:
    """The main content's markup: p with br, ul, ol with start, table."""
    esc = html.escape
    parts = []
    for block in blocks:
        if block.kind == "para":
            parts.append("<p>" + "<br>\n".join(esc(line) for line in block.items) + "</p>")
        elif block.kind == "bullets":
            parts.append("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + "</ul>")
        elif block.kind == "numbered":
            items = "".join(f"<li>{esc(i)}</li>" for i in block.items)
            parts.append(f'<ol start="{block.start}">{items}</ol>')
        else:
            rows = "".join(
                "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in block.items
            )
            parts.append(f"<table><tbody>{rows}</tbody></table>")
    return "\n".join(parts)


def write_html(blocks: list[Block], path: Path, charset: str = "utf-8") -> Path:
    page = _PAGE.format(charset=charset, body=blocks_html(blocks))
    path.write_bytes(page.encode(charset, errors="xmlcharrefreplace"))
    return path


# --- DOCX -------------------------------------------------------------------


def _restart_numbering(document, paragraph, start: int) -> None:  # type: ignore[no-untyped-def]
    """Give a numbered list its own w:num starting at `start`, as Word does on restart."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"].element.pPr.numPr.numId.val
    template = next(n for n in numbering.findall(qn("w:num")) if n.numId == style_num)
    num = deepcopy(template)
    num_id = max(n.numId for n in numbering.findall(qn("w:num"))) + 1
    num.set(qn("w:numId"), str(num_id))
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start_el = OxmlElement("w:startOverride")
    start_el.set(qn("w:val"), str(start))
    override.append(start_el)
    num.append(override)
    numbering.append(num)
    return num_id


def write_docx(blocks: list[Block], path: Path) -> Path:
    """Paragraphs with line breaks, List Bullet / List Number paragraphs, grid tables."""
    import docx

    document = docx.Document()
    for block in blocks:
        if block.kind == "para":
            run = document.add_paragraph().add_run()
            for index, line in enumerate(block.items):
                if index:
                    run.add_break()
                run.add_text(line)
        elif block.kind == "bullets":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif block.kind == "numbered":
            num_id = None
            for item in block.items:
                paragraph = document.add_paragraph(item, style="List Number")
                num_id = num_id or _restart_numbering(document, paragraph, block.start)
                paragraph.paragraph_format.element.get_or_add_pPr().get_or_add_numPr()
                paragraph._p.pPr.numPr.get_or_add_numId().val = num_id
                paragraph._p.pPr.numPr.get_or_add_ilvl().val = 0
        else:
            table = document.add_table(rows=0, cols=max(len(r) for r in block.items))
            table.style = "Table Grid"
            for row in block.items:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=False):
                    cell.text = text
    document.save(str(path))
    return path


# --- PDF --------------------------------------------------------------------


def write_pdf(blocks: list[Block], path: Path) -> Path:
    """A4 pages from reportlab: wrapped paragraphs, bullets, numbered items, ruled tables."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body, bullet = styles["BodyText"], deepcopy(styles["BodyText"])
    bullet.leftIndent, bullet.bulletIndent, bullet.spaceBefore = 18, 6, 0
    story: list = []
    for block in blocks:
        if block.kind == "para":
            text = "<br/>".join(html.escape(line) for line in block.items)
            story.append(Paragraph(text, body))
        elif block.kind == "bullets":
            story += [Paragraph(html.escape(i), bullet, bulletText="•") for i in block.items]
            story.append(Spacer(1, 8))
        elif block.kind == "numbered":
            for offset, item in enumerate(block.items):
                story.append(Paragraph(f"{block.start + offset}. {html.escape(item)}", body))
        else:
            table = Table(block.items)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story += [table, Spacer(1, 8)]
    SimpleDocTemplate(str(path), pagesize=A4).build(
        story, onFirstPage=_page_furniture, onLaterPages=_page_furniture
    )
    return path


def _page_furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
    """A running header and page number on every page, as council letters have."""
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawString(72, 810, "OFFICIAL - Information Governance")
    canvas.drawRightString(523, 30, f"Page {doc.page}")
    canvas.restoreState()


def write_scanned_pdf(path: Path) -> Path:
    """A page that is only a picture of text, like a scan: an image and no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("RGB", (600, 300), "white")
    ImageDraw.Draw(image).text((20, 20), "Lot 1 Providers: Scanned Care Ltd", fill="black")
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawImage(ImageReader(image), 50, 400, width=500, height=250)
    pdf.showPage()
    pdf.save()
    return path


def write_encrypted_pdf(path: Path, user: str, owner: str) -> Path:
    """One line of text, protected: an owner password only restricts, a user password locks."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), encrypt=StandardEncryption(user, ownerPassword=owner))
    pdf.drawString(100, 700, "Lot 1 Providers")
    pdf.showPage()
    pdf.save()
    return path


# --- spreadsheets -----------------------------------------------------------


def write_xlsx(  # type: ignore[no-untyped-def]
    sheets: dict[str, list[list[object]]], path: Path, formats=None, hidden=frozenset()
) -> Path:
    """One worksheet per entry; `formats` maps (sheet, row, col) to a number format."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    for (name, row, col), fmt in (formats or {}).items():
        book[name].cell(row=row, column=col).number_format = fmt
    for name in hidden:
        book[name].sheet_state = "hidden"
    book.save(path)
    return path


def write_csv(rows: list[list[object]], path: Path, delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path
