"""Money, dates, numbers and organisation names as FOI letters write them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graphbuild.parsing.dates import day_month_in_year, find_dates, parse_date
from graphbuild.parsing.money import find_money
from graphbuild.parsing.names import looks_like_organisation, parse_name
from graphbuild.parsing.numbers import find_numbers
from graphbuild.parsing.services import service_of


@pytest.mark.parametrize(
    ("text", "amount", "period"),
    [
        ("£1,017", "1017", None),
        ("£19.9m", "19900000", None),
        ("£124.4M", "124400000", None),
        ("£576,000 over 3 years", "576000", "total"),
        ("£33,536 per annum", "33536", "annual"),
        ("roughly £38 million per annum", "38000000", "annual"),
        ("£870.89 pro rata", "870.89", None),
        ("£299 per week", "299", "week"),
        ("£21.27 per hour", "21.27", "hour"),
        ("£2.5bn", "2500000000", None),
    ],
)
def test_money(text: str, amount: str, period: str | None) -> None:
    (found,) = find_money(text)
    assert found.amount == Decimal(amount) and found.period == period


def test_money_keeps_the_words_as_stated() -> None:
    text = "The Contract Value is £576,000 over 3 years."
    (found,) = find_money(text)
    assert found.stated(text) == "£576,000 over 3 years"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("9th Oct 2017", "2017-10-09"),
        ("31st March 2012", "2012-03-31"),
        ("09/04/18", "2018-04-09"),
        ("19/12/17", "2017-12-19"),
        ("2 August 2022", "2022-08-02"),
        ("July 2021", "2021-07"),
        ("1st of April 2014", "2014-04-01"),
        ("2023-04-01", "2023-04-01"),  # ISO is year-month-day, never day-first
        ("2022-10-05", "2022-10-05"),
    ],
)
def test_dates(text: str, iso: str) -> None:
    assert parse_date(text) == iso
    assert [d.iso for d in find_dates(f"as at {text}.")] == [iso]


def test_as_at_a_day_over_a_row_of_years() -> None:
    assert [day_month_in_year("as at 1st April", y) for y in (2014, 2018)] == [
        "2014-04-01",
        "2018-04-01",
    ]


def test_numbers_in_digits_and_words() -> None:
    found = find_numbers("27.8 fte, seventy-two providers, two hundred and fifty-six people, 1,468")
    assert [n.value for n in found] == [Decimal("27.8"), 72, 256, 1468]


@pytest.mark.parametrize(
    ("listed", "name", "aliases"),
    [
        (
            "City & County Care Services (UK) (trading as Aspire UK)",
            "City & County Care Services (UK)",
            ["Aspire UK"],
        ),
        (
            "Meridian Health and Social Care (Seva care)",
            "Meridian Health and Social Care",
            ["Seva care"],
        ),
        ("Care 4U (Leicestershire) Limited", "Care 4U (Leicestershire) Limited", []),
        ("HH Care Limited - Meadows", "HH Care Limited - Meadows", ["HH Care Limited"]),
        ("Selbourne t/a Dove", "Selbourne", ["Dove"]),
        ("Direct Health (UK) Limited", "Direct Health (UK) Limited", []),
    ],
)
def test_listed_names(listed: str, name: str, aliases: list[str]) -> None:
    parsed = parse_name(listed)
    assert (parsed.name, parsed.aliases) == (name, aliases)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Brandon Trust", True),
        ("Help at Home (Egerton Lodge) Ltd", True),
        ("The Council does not outsource direct payments.", False),
        ("Minimum Weekly Price for Lot 1: £870.89", False),
    ],
)
def test_organisation_lines(line: str, expected: bool) -> None:
    assert looks_like_organisation(line) is expected


def test_service_vocabulary() -> None:
    assert service_of("Framework Agreements for Domiciliary Care Support Services") == (
        "domiciliary care"
    )
    assert service_of("Live in care") == "live-in care"
    assert service_of("office furniture") is None
