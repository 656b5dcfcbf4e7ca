"""Tables typed as text (Markdown pipes, space-aligned columns) and rate tables.

Small invented letters: a pipe table and an aligned table become Tables whose
cells point exactly into the text; a rate table gives one price per row (and per
year column), with its unit from the header, label or cell, and no Total row.
"""

from __future__ import annotations

from decimal import Decimal

from graphbuild.extract import extract
from graphbuild.facts import DocumentFacts, PriceRange
from graphbuild.readers.document import Document
from graphbuild.readers.text import read_text_bytes


def read(text: str, name: str = "letter.txt") -> Document:
    return read_text_bytes(text.encode("utf-8"), name)


def cells_hold(doc: Document) -> None:
    for table in doc.tables:
        for row in table.rows:
            for cell in row:
                assert doc.text[cell.start : cell.end] == cell.text


def prices_hold(facts: DocumentFacts) -> None:
    for price in facts.prices:
        ev = price.evidence
        assert facts.text[ev.start : ev.end] == ev.quote


def by_service(prices: list[PriceRange]) -> dict[str, list[PriceRange]]:
    found: dict[str, list[PriceRange]] = {}
    for price in prices:
        found.setdefault(price.service or "", []).append(price)
    return found


PIPE_LETTER = (
    "Orrindale Borough Council\nFreedom of Information response\n\n"
    "1. Please give the lowest and highest weekly fees paid for care home placements "
    "in 2024/25.\n\n"
    "Response: the fees paid are set out below.\n\n"
    "| Care type | Lowest weekly fee | Highest weekly fee | Residents |\n"
    "|:---|---:|---:|---|\n"
    "| Residential | £701.25 | £1,040.00 | 55 |\n"
    "| Nursing (dementia) | £880.10 | £1,322.75 | 21 |\n"
    "| Grand total | | | 76 |\n\n"
    "Information Governance Team\n"
)

ALIGNED_LETTER = (
    "Brackenholt City Council\nFreedom of Information response\n\n"
    "1. What rates did you pay for commissioned care in 2023/24 and 2024/25?\n\n"
    "Response: our standard rates were:\n\n"
    "Service                      2023/24      2024/25\n"
    "Home support (per hour)      £20.15ph     £22.05ph\n"
    "Waking night (per night)     £131.00      £139.40\n"
    "Day centre place (per day)   £55.30\n\n"
    "Information Governance Team\n"
)


def test_a_markdown_pipe_table_is_a_table_without_its_separator_row() -> None:
    doc = read(PIPE_LETTER, "letter.md")
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert [c.text for c in table.header] == [
        "Care type",
        "Lowest weekly fee",
        "Highest weekly fee",
        "Residents",
    ]
    assert [row[0].text for row in table.rows[1:]] == [
        "Residential",
        "Nursing (dementia)",
        "Grand total",
    ]
    assert table.rows[3][1].text == ""  # an empty cell stays a (blank) cell
    cells_hold(doc)


def test_columns_aligned_with_spaces_are_a_table() -> None:
    doc = read(ALIGNED_LETTER)
    assert len(doc.tables) == 1
    rows = [[c.text for c in row] for row in doc.tables[0].rows]
    assert rows == [
        ["Service", "2023/24", "2024/25"],
        ["Home support (per hour)", "£20.15ph", "£22.05ph"],
        ["Waking night (per night)", "£131.00", "£139.40"],
        ["Day centre place (per day)", "£55.30", ""],
    ]
    cells_hold(doc)


def test_prose_with_double_spaces_is_no_table() -> None:
    doc = read(
        "Dear Ms Hale,\n\nThank you for your request.  We hold the information.\n"
        "It is set out below.  Please contact us with any query.\n"
        "We aim to reply within 20 working days.  This is our policy.\n"
    )
    assert doc.tables == []


def test_a_rate_table_by_year_gives_one_price_per_row_and_year() -> None:
    facts = extract(read(ALIGNED_LETTER))
    prices = by_service(facts.prices)
    home = sorted(prices["home support"], key=lambda p: p.basis or "")
    assert [(p.unit, p.average, p.basis) for p in home] == [
        ("hour", Decimal("20.15"), "2023/24"),
        ("hour", Decimal("22.05"), "2024/25"),
    ]
    nights = sorted(prices["waking night"], key=lambda p: p.basis or "")
    assert [(p.unit, p.average) for p in nights] == [
        ("night", Decimal("131.00")),
        ("night", Decimal("139.40")),
    ]
    day = prices["day centre place"]
    assert [(p.unit, p.average, p.basis) for p in day] == [("day", Decimal("55.30"), "2023/24")]
    assert len(facts.prices) == 5
    prices_hold(facts)


def test_a_rate_table_by_lowest_and_highest_gives_one_range_per_row() -> None:
    facts = extract(read(PIPE_LETTER, "letter.md"))
    prices = by_service(facts.prices)
    assert set(prices) == {"residential care", "nursing care (dementia)"}
    residential = prices["residential care"][0]
    assert (residential.unit, residential.minimum, residential.maximum) == (
        "week",
        Decimal("701.25"),
        Decimal("1040.00"),
    )
    assert residential.average is None
    assert residential.basis == "2024/25"
    nursing = prices["nursing care (dementia)"][0]
    assert (nursing.minimum, nursing.maximum) == (Decimal("880.10"), Decimal("1322.75"))
    prices_hold(facts)


def test_a_table_of_annual_values_gives_no_unit_price() -> None:
    facts = extract(
        read(
            "Haverleigh County Council\nFreedom of Information response\n\n"
            "1. What did you spend on each service?\n\n"
            "Answer:\n\n"
            "| Service | Annual value |\n"
            "|---|---|\n"
            "| Home support | £1,200,000 |\n"
            "| Day centres | £450,000 |\n"
        )
    )
    assert facts.prices == []
