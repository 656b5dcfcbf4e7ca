"""The text reader: encodings, normalisation, offsets and layout, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.errors import DocumentError
from graphbuild.readers import read_document
from graphbuild.readers.text import MAX_BYTES, normalise

LETTER = "Lot 1 Providers:\n• Care Ltd\nValue £1,017 – “weekly”\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_encodings_decode_to_the_same_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"letter-{encoding}.txt"
    path.write_bytes(LETTER.encode(encoding))
    assert read_document(path).text == LETTER


@pytest.mark.parametrize("marker", ["\u2022", "\u00b7", "\uf0b7", "o", "-", "*", "\u2013"])
def test_bullets_become_one_form(marker: str) -> None:
    assert normalise(f"{marker} Adaptus Care Limited") == "• Adaptus Care Limited"


def test_bold_markers_and_line_endings_are_normalised() -> None:
    assert normalise("**Q1. Commissioners**\r\nAnswer:\rYes\u00a0now") == (
        "Q1. Commissioners\nAnswer:\nYes now"
    )


def test_hyphenated_words_and_negative_lines_are_not_bullets() -> None:
    assert normalise("-5 degrees\nover-65s") == "-5 degrees\nover-65s"
    assert normalise("o'clock") == "o'clock"


def test_line_offsets_index_the_text(tmp_path: Path) -> None:
    path = tmp_path / "l.txt"
    path.write_text("first\r\n\r\n• second line\nthird", encoding="utf-8")
    doc = read_document(path)
    for line in doc.lines:
        assert doc.text[line.start : line.end] == line.text
    bullet = doc.lines[2]
    assert bullet.bullet and bullet.content == "second line"
    assert doc.text[bullet.content_start : bullet.end] == "second line"


def test_tab_separated_rows_become_a_table(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Year\tSpend\tCases\n2015\t£45,000\t150\n2016\t£43,000\t140\n", "utf-8")
    (table,) = read_document(path).tables
    assert [[c.text for c in row] for row in table.rows][1] == ["2015", "£45,000", "150"]
    cell = table.rows[2][2]
    assert read_document(path).text[cell.start : cell.end] == "140"


def test_one_cell_per_tabbed_line_becomes_a_table(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("\t\n\t2014\n\t2015\n\n\tHours\n\t457\n\t555\n\nAfter\n", "utf-8")
    (table,) = read_document(path).tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["", "2014", "2015"],
        ["Hours", "457", "555"],
    ]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "no text"),
        (b"   \n\n  ", "no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\x81\x8d\x8f\x90\x9d", "neither UTF-8"),
    ],
)
def test_bad_files_give_one_line_naming_the_file(tmp_path: Path, content: bytes, problem: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as raised:
        read_document(path)
    message = str(raised.value)
    assert message.startswith("bad.txt: ") and problem in message and "\n" not in message


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(DocumentError, match=r"huge.txt: .*larger than"):
        read_document(path)


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "letter.odt"
    path.write_bytes(b"PK")
    with pytest.raises(DocumentError, match="letter.odt: no reader"):
        read_document(path)
