"""HTML, PDF, DOCX, XLSX and CSV readers: the same letter gives the same facts as its text.

Every file is generated at test time from the bundled plain-text samples (see
make_fixtures), so the comparison is between two renderings of one letter.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from graphbuild.errors import DocumentError
from graphbuild.extract import extract
from graphbuild.readers import READERS, read_document
from graphbuild.readers.document import Document
from graphbuild.resources import examples_dir
from tests.readers import make_fixtures as fx

LOTS = "004_178006b32a6c2739.txt"  # lots, bullet provider lists, prices, a refusal
CONTRACTS = "001_598f19eb4d792821.txt"  # sub-bullets, numbered appendix, two contracts
TABLE = "002_be949839741d4e91.txt"  # a year-by-year table of hours
WRITERS: dict[str, Callable[[list[fx.Block], Path], Path]] = {
    "html": fx.write_html,
    "docx": fx.write_docx,
    "pdf": fx.write_pdf,
}


def sample(name: str) -> Path:
    return examples_dir() / name


def summary(doc: Document) -> dict[str, object]:
    """The facts that must survive a change of format."""
    facts = extract(doc)
    return {
        "memberships": sorted(
            (lot.number, m.provider)
            for fw in facts.frameworks
            for lot in fw.lots
            for m in lot.members
        ),
        "frameworks": sorted((fw.name, fw.start, fw.end) for fw in facts.frameworks),
        "contracts": sorted(
            (tuple(c.providers), c.value.amount if c.value else None, c.value and c.value.period)
            for c in facts.contracts
        ),
        "refusals": sorted((r.question, r.basis) for r in facts.refusals),
        "statistics": sorted((s.value, s.unit, s.date or "") for s in facts.statistics),
        "prices": sorted(
            (p.unit, p.minimum or 0, p.maximum or 0, p.average or 0) for p in facts.prices
        ),
        "questions": [q.number for q in facts.questions],
    }


def assert_offsets(doc: Document) -> None:
    for line in doc.lines:
        assert doc.text[line.start : line.end] == line.text
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                assert doc.text[cell.start : cell.end] == cell.text


@pytest.mark.parametrize("kind", sorted(WRITERS))
@pytest.mark.parametrize("name", [LOTS, CONTRACTS, TABLE])
def test_same_facts_as_the_text_version(tmp_path: Path, name: str, kind: str) -> None:
    path = WRITERS[kind](fx.letter_blocks(sample(name)), tmp_path / f"{Path(name).stem}.{kind}")
    doc = read_document(path)
    assert_offsets(doc)
    expected = summary(read_document(sample(name)))
    assert summary(doc) == expected
    assert any(expected.values())


def test_the_lot_sample_really_has_lots_contracts_and_refusals() -> None:
    """Guards the comparison above against comparing two empty sets."""
    lots, contracts = (
        summary(read_document(sample(LOTS))),
        summary(read_document(sample(CONTRACTS))),
    )
    assert len(lots["memberships"]) == 28 and lots["refusals"]
    assert len(contracts["contracts"]) == 2


# --- HTML -------------------------------------------------------------------


def test_html_keeps_the_main_content_only(tmp_path: Path) -> None:
    doc = read_document(fx.write_html(fx.letter_blocks(sample(LOTS)), tmp_path / "page.html"))
    for noise in ("Banner Care", "Sidebar Homecare", "cookies", "Skip to", "dataLayer", "0116"):
        assert noise not in doc.text
    assert doc.text.startswith("Freedom of Information Act 2000")
    assert "• Adaptus Care Limited" in doc.text and doc.media_type == "text/html"


def test_html_uses_the_declared_charset(tmp_path: Path) -> None:
    blocks = fx.letter_blocks(sample(LOTS))
    doc = read_document(fx.write_html(blocks, tmp_path / "page.htm", charset="windows-1252"))
    assert "Lot 1 – Provision of General Domiciliary Support Service £166,600,000" in doc.text
    assert "Council’s response" in doc.text


def test_html_lists_tables_and_breaks(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text(
        "<html><body><div id='content'><h1>Response</h1><p>1)<br>How many?</p>"
        "<ol start='3'><li>Third <b>item</b><ul><li>nested</li></ul></li><li>Fourth</li></ol>"
        "<table><tr><th>Year</th><th colspan='2'>Spend</th></tr>"
        "<tr><td>2015</td><td>£45,000</td><td>150</td></tr></table></div></body></html>",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "Response", "", "1)", "How many?", "", "3. Third item", "• nested", "4. Fourth", "",
        "Year\tSpend\t", "2015\t£45,000\t150",
    ]  # fmt: skip
    (table,) = doc.tables
    assert [c.text for c in table.rows[1]] == ["2015", "£45,000", "150"]
    assert_offsets(doc)


def test_page_without_main_falls_back_to_the_body_without_furniture(tmp_path: Path) -> None:
    path = tmp_path / "aspx.html"
    path.write_text(
        "<html><body><form id='aspnetForm'><div id='nav-menu'><a>Home</a></div>"
        "<div class='wrapper'><h2>FOI 1234</h2><p>Lot 1 Providers:</p><ul><li>Care Ltd</li></ul>"
        "</div><div class='site-footer'>Contact us</div></form></body></html>",
        encoding="utf-8",
    )
    assert read_document(path).text == "FOI 1234\n\nLot 1 Providers:\n\n• Care Ltd"


def test_a_layout_table_is_read_as_text_not_as_one_row(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    path.write_text(
        "<html><body><table><tr><td><p>Lot 2 Providers:</p><ul><li>Care Ltd</li>"
        "<li>Home Ltd</li></ul></td></tr></table></body></html>",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.text == "Lot 2 Providers:\n\n• Care Ltd\n• Home Ltd" and not doc.tables


def test_whatdotheyknow_page_reads_the_correspondence(tmp_path: Path) -> None:
    path = tmp_path / "request.html"
    path.write_text(
        "<html><body><div id='banner'>WhatDoTheyKnow</div><div class='sidebar'>Follow</div>"
        "<div class='correspondence' id='outgoing-1'><div class='correspondence__header'>"
        "Dear Council,</div><div class='correspondence_text'><p>1. How many providers?</p>"
        "</div></div><div class='correspondence' id='incoming-2'><div class='correspondence_text'>"
        "<p>Answer: 12 providers.</p></div></div><footer>Privacy</footer></body></html>",
        encoding="utf-8",
    )
    text = read_document(
        path
    ).text  # the requester's messages are the request, replies the response
    assert text == "Request\n\n1. How many providers?\n\nResponse\n\nAnswer: 12 providers."


# --- DOCX -------------------------------------------------------------------


def test_docx_lists_keep_bullets_and_restarted_numbers(tmp_path: Path) -> None:
    doc = read_document(fx.write_docx(fx.letter_blocks(sample(CONTRACTS)), tmp_path / "l.docx"))
    assert "• What is/are the current contract value(s)?" in doc.text
    assert "1. The Contract Value is £576,000 over 3 years." in doc.text
    assert "1. The Contract Value is £33,536 per annum" in doc.text
    assert "4. How many service users currently have a direct payment" in doc.text


def test_docx_reads_tracked_insertions_and_content_controls(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document.element.body.insert(
        0,
        parse_xml(
            f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>Answer: Yes</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        ),
    )
    paragraph = document.add_paragraph("Lot 1 – ")
    paragraph._p.append(
        parse_xml(f'<w:ins {w} w:id="1" w:author="FOI"><w:r><w:t>£1,017 a week</w:t></w:r></w:ins>')
    )
    document.save(str(tmp_path / "tracked.docx"))
    assert read_document(tmp_path / "tracked.docx").text == "Answer: Yes\n\nLot 1 – £1,017 a week"


def test_docx_tables_keep_their_cells(tmp_path: Path) -> None:
    doc = read_document(fx.write_docx(fx.letter_blocks(sample(TABLE)), tmp_path / "t.docx"))
    (table,) = doc.tables
    assert [c.text for c in table.rows[1]] == [
        "Domiciliary Care Hours",
        "457",
        "555",
        "523",
        "477",
        "689",
    ]
    assert "\tDomiciliary Care Hours" not in doc.text  # one row per line, not one cell per line
    assert_offsets(doc)


# --- PDF --------------------------------------------------------------------


def test_pdf_tables_are_written_once_as_rows(tmp_path: Path) -> None:
    doc = read_document(fx.write_pdf(fx.letter_blocks(sample(TABLE)), tmp_path / "t.pdf"))
    (table,) = doc.tables
    assert [c.text for c in table.rows[0]] == ["", "2014", "2015", "2016", "2017", "2018"]
    assert doc.text.count("Domiciliary Care Hours") == 1
    assert "Domiciliary Care Hours\t457\t555\t523\t477\t689" in doc.text


def test_pdf_wrapped_lines_are_joined_but_typed_breaks_kept(tmp_path: Path) -> None:
    doc = read_document(fx.write_pdf(fx.letter_blocks(sample(LOTS)), tmp_path / "l.pdf"))
    lines = doc.text.split("\n")
    assert "3)" in lines and "Lot 1 Providers commissioned to provide live-in care:" in lines
    assert any(
        ln.startswith("The current placement numbers and names") and ln.endswith("?")
        for ln in lines
    )


def test_pdf_running_headers_footers_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    for name in (LOTS, TABLE):
        doc = read_document(fx.write_pdf(fx.letter_blocks(sample(name)), tmp_path / "l.pdf"))
        assert "OFFICIAL" not in doc.text and "Page 1" not in doc.text


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    path = fx.write_encrypted_pdf(tmp_path / "owner.pdf", user="", owner="owner")
    assert "Lot 1 Providers" in read_document(path).text


# --- spreadsheets -----------------------------------------------------------


def _table_rows() -> list[list[object]]:
    """The sample's table with numbers as numbers, as a council's sheet holds them."""
    (rows,) = [b.items for b in fx.letter_blocks(sample(TABLE)) if b.kind == "table"]
    return [[int(c) if c.isdigit() else (c or None) for c in row] for row in rows]


def table_hours(doc: Document | None = None) -> list[tuple]:
    """(value, unit, year) of the hours table; the year only, since the letter's question
    tells the text version they are financial years (2014 -> 2014-04-01), and a sheet
    on its own does not."""
    facts = extract(doc or read_document(sample(TABLE)))
    return sorted(
        (s.value, s.unit, (s.date or "")[:4]) for s in facts.statistics if s.unit == "hours"
    )


def test_xlsx_table_gives_the_text_tables_statistics(tmp_path: Path) -> None:
    sheet = [["Total hours commissioned"], [], *[[None, *row] for row in _table_rows()]]
    doc = read_document(fx.write_xlsx({"Hours": sheet}, tmp_path / "hours.xlsx"))
    assert len(table_hours()) == 5 and table_hours(doc) == table_hours()
    assert doc.text.startswith("Sheet: Hours\n\nTotal hours commissioned\n\n\t2014\t2015")
    assert_offsets(doc)


def test_csv_gives_the_same_statistics(tmp_path: Path) -> None:
    rows = [["" if c is None else str(c) for c in row] for row in _table_rows()]
    doc = read_document(fx.write_csv(rows, tmp_path / "hours.csv", delimiter=";"))
    assert table_hours(doc) == table_hours()


def test_xlsx_numbers_read_as_the_sheet_shows_them(tmp_path: Path) -> None:
    sheets = {
        "Rates": [
            ["Service", "Rate", "Uplift", "Budget", "From", None],
            [None, None, None, None, None, None],
            ["Home care", 18.099999999999998, 0.0315, 45000, datetime(2017, 4, 1), None],
        ],
        "Workings": [["hidden", 1]],
    }
    formats = {("Rates", 3, 3): "0.00%", ("Rates", 3, 4): '"£"#,##0'}
    path = fx.write_xlsx(sheets, tmp_path / "rates.xlsm", formats, hidden={"Workings"})
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "Sheet: Rates",
        "",
        "Service\tRate\tUplift\tBudget\tFrom",
        "Home care\t18.1\t3.15%\t£45,000\t01/04/2017",
    ]
    (table,) = doc.tables
    assert len(table.rows) == 2 and len(table.rows[0]) == 5


def test_csv_in_windows_1252_with_float_noise(tmp_path: Path) -> None:
    path = tmp_path / "rates.csv"
    path.write_bytes(
        "Provider,Rate\r\nCare – Ltd,18.099999999999998\r\nOther Ltd,£20.70\r\n".encode("cp1252")
    )
    assert read_document(path).text == "Provider\tRate\nCare – Ltd\t18.1\nOther Ltd\t£20.70"


# --- errors -----------------------------------------------------------------


def assert_one_line_error(path: Path, *words: str) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    message = str(caught.value)
    assert message.startswith(f"{path.name}: ") and "\n" not in message
    for word in words:
        assert word in message
    return message


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".xlsx", ".xlsm", ".html", ".htm", ".csv"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    assert_one_line_error(path)


@pytest.mark.parametrize(
    ("suffix", "says"),
    [
        (".pdf", "not a readable PDF"),
        (".docx", "not a readable Word"),
        (".xlsx", "not a readable Ex"),
    ]
    + [(".html", "binary"), (".csv", "binary")],
)
def test_binary_junk(tmp_path: Path, suffix: str, says: str) -> None:
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(b"\x00\x01junk" + os.urandom(4000))
    assert_one_line_error(path, says)


def test_truncated_pdf(tmp_path: Path) -> None:
    whole = fx.write_pdf(fx.letter_blocks(sample(LOTS)), tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    assert_one_line_error(path, "not a readable PDF")


def test_scanned_pdf_asks_for_ocr(tmp_path: Path) -> None:
    path = fx.write_scanned_pdf(tmp_path / "scan.pdf")
    assert_one_line_error(path, "no text layer (scanned image?); OCR it first")


def test_password_protected_pdf(tmp_path: Path) -> None:
    path = fx.write_encrypted_pdf(tmp_path / "locked.pdf", user="secret", owner="secret")
    assert_one_line_error(path, "encrypted")


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_zip_that_is_not_an_office_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"other{suffix}"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("readme.txt", "not office")
    assert_one_line_error(path, "not a readable")


@pytest.mark.parametrize(
    ("suffix", "limit"), [(".pdf", 50), (".docx", 50), (".xlsx", 50), (".html", 20), (".csv", 20)]
)
def test_files_over_the_size_limit_are_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, limit: int
) -> None:
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as handle:
        handle.truncate(limit * 1024 * 1024 + 1)  # sparse: no 50 MB written
    monkeypatch.setitem(READERS, suffix, _must_not_read)
    assert_one_line_error(path, f"{limit} MB limit")


def _must_not_read(path: Path) -> Document:
    raise AssertionError(f"{path.name} was read despite its size")


def test_a_library_crash_becomes_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(path: Path) -> Document:
        raise RuntimeError("deep inside\nthe library")

    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.4")
    monkeypatch.setitem(READERS, ".pdf", crash)
    assert_one_line_error(path, "could not be read (RuntimeError: deep inside the library)")
