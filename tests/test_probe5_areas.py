"""Round-5 spend layouts: a year-per-line list under a spend question, and a table with
service areas down the side and years across the top.

Small invented responses, one per rule, so each layout is guarded on its own.
"""

from __future__ import annotations

from decimal import Decimal

from graphbuild.extract import extract
from graphbuild.readers.text import read_text_bytes

YEAR_LIST = b"""Tollerby Borough Council
Freedom of Information Act 2000 - Response

Request
(a) What was the council's total spend on extra care housing in 2020/21 and 2021/22?
(b) How many extra care schemes are there?

Response
(a) Spend on extra care housing:
2020/21: \xc2\xa33,104,220
2021/22: \xc2\xa33,377,910

(b) There are 6 extra care schemes.
"""

ABBREVIATED = b"""# Fennick Valley Integrated Care Board
## Freedom of Information Response

Title: Funded Nursing Care (FNC) payments

**Q1. What was the total spend on FNC payments?**

- 2021/22: \xc2\xa34.2m
- 2022/23: \xc2\xa34,655,100

**Q2. How many homes receive FNC?**

We pay FNC to 83 nursing homes.
"""

NO_SERVICE = b"""Tollerby Borough Council
Freedom of Information Act 2000 - Response

Request
1. Please give the figures for each year.

Response
1. The figures are:
2020/21: \xc2\xa3120,000
2021/22: \xc2\xa3135,000
"""

YEAR_TABLE = b"""Quarrington County Council
Freedom of Information response

Request 2: How much was spent on respite care in each of the last three years, by service area?

Service area                    2019/20       2020/21       2021/22
Physical disability           \xc2\xa3712,300      \xc2\xa3745,900      \xc2\xa3801,450
Autism                        \xc2\xa3208,100      \xc2\xa3219,600      \xc2\xa3230,050
Total                         \xc2\xa3920,400      \xc2\xa3965,500    \xc2\xa31,031,500

Request 3: What daily rates are paid?

Respite is paid at \xc2\xa3141.00 per night.
"""

RATE_TABLE = b"""Quarrington County Council
Freedom of Information response

Request 4: What did you spend on respite, and what rates were paid in each year?

Service area                    2022/23       2023/24
Overnight respite (per night) \xc2\xa3131.00      \xc2\xa3139.50
Day respite (per day)          \xc2\xa352.10       \xc2\xa355.75
"""


def _areas(raw: bytes, name: str) -> set[tuple[str, Decimal, str | None]]:
    doc = read_text_bytes(raw, name)
    facts = extract(doc)
    for area in facts.areas:
        assert area.evidence.quote in doc.text
    return {(a.area, a.value.amount, a.value.period) for a in facts.areas if a.value is not None}


def test_year_list_under_spend_question_names_the_service() -> None:
    assert _areas(YEAR_LIST, "tollerby.txt") == {
        ("Extra care housing", Decimal("3104220"), "2020-2021"),
        ("Extra care housing", Decimal("3377910"), "2021-2022"),
    }


def test_year_list_spells_out_an_abbreviated_service() -> None:
    got = _areas(ABBREVIATED, "fennick.md")
    assert ("Funded Nursing Care payments", Decimal("4655100"), "2022-2023") in got
    assert ("Funded Nursing Care payments", Decimal("4200000"), "2021-2022") in got


def test_year_list_without_a_named_service_is_left_unread() -> None:
    assert _areas(NO_SERVICE, "tollerby2.txt") == set()


def test_year_columns_give_a_figure_per_area_and_year_without_totals() -> None:
    got = _areas(YEAR_TABLE, "quarrington.txt")
    assert ("Physical disability", Decimal("712300"), "2019-2020") in got
    assert ("Physical disability", Decimal("801450"), "2021-2022") in got
    assert ("Autism", Decimal("219600"), "2020-2021") in got
    assert not any(a.lower().startswith("total") for a, _, _ in got)
    assert len([1 for a, _, _ in got if a in ("Physical disability", "Autism")]) == 6


def test_year_columns_of_rates_are_no_spend() -> None:
    assert _areas(RATE_TABLE, "quarrington2.txt") == set()
