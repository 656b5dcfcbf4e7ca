"""Frameworks laid out over several answers (invented letter)."""

from __future__ import annotations

from decimal import Decimal

from tests.test_extractors import facts_of

ANSWER_1 = (
    "Response: The Westholm Care at Home Framework 2023 opened on 01/07/2023 and runs until "
    "30/06/2027. The framework was jointly procured with NHS Westholm Integrated Care Board."
)
LETTER = f"""Westholm County Council

1. Please confirm the name of your home care framework and its dates.

{ANSWER_1}

2. Which providers are on each lot?

Response: The framework has two lots.

Lot 1 - Town
 • Alder Care Ltd
 • Rowan Home Support Limited

Lot 2 - Villages
 • Alder Care Ltd
 • Sorrel Community Care CIC

3. What hourly rates do you pay under each lot?

Lot 1: minimum £21.40, maximum £23.90, average £22.35 per hour.
Lot 2: £24.10 per hour.
"""


def test_lots_listed_apart_from_the_name_belong_to_the_named_framework() -> None:
    (framework,) = facts_of(LETTER).frameworks
    assert framework.name == "Westholm Care at Home Framework 2023"
    assert (framework.start, framework.end) == ("2023-07-01", "2027-06-30")
    assert framework.partners == ["NHS Westholm Integrated Care Board"]
    assert [(lot.number, len(lot.members)) for lot in framework.lots] == [("1", 2), ("2", 2)]


def test_lot_prices_in_a_later_answer_price_the_lots_not_value_them() -> None:
    (framework,) = facts_of(LETTER).frameworks
    lots = {lot.number: lot for lot in framework.lots}
    assert lots["1"].value is None and lots["2"].value is None
    ((unit, low, high, mean),) = [
        (p.unit, p.minimum, p.maximum, p.average) for p in lots["1"].prices
    ]
    assert (unit, low, high, mean) == ("hour", Decimal("21.40"), Decimal("23.90"), Decimal("22.35"))
    assert [(p.unit, p.average) for p in lots["2"].prices] == [("hour", Decimal("24.10"))]


DPS = """Northam Borough Council

Subject: Supported living - Dynamic Purchasing System

1. How is supported living commissioned, and which providers are admitted?

Supported living is commissioned through the Northam Supported Living Dynamic Purchasing System,
which opened on 1 May 2023. The DPS is divided into two categories:

Category 1 - Shared tenancies
Admitted providers: Larch Support Ltd; Willow Lane Care Cyf
Hourly rate: £22.80

Category 2 - Complex needs
Admitted providers: Willow Lane Care Cyf
Hourly rate: £26.10
"""


def test_dps_categories_are_its_lots_with_listed_members_and_rates() -> None:
    (dps,) = facts_of(DPS).frameworks  # the subject line's bare 'Dynamic Purchasing System' is it
    assert dps.name == "Northam Supported Living Dynamic Purchasing System"
    lots = {lot.number: lot for lot in dps.lots}
    assert lots["1"].title == "Shared tenancies"
    assert [m.provider for m in lots["1"].members] == ["Larch Support Ltd", "Willow Lane Care Cyf"]
    assert [(p.unit, p.average) for p in lots["2"].prices] == [("hour", Decimal("26.10"))]


def test_a_grid_header_names_each_lot() -> None:
    facts = facts_of(
        "Northam Borough Council\n\n1. Which providers are on each lot of your framework?\n\n"
        "Providers on the Northam Home Care Framework are marked below.\n\n"
        "Provider\tLot 1 Town\tLot 2 Villages\nLarch Support Ltd\tX\t\nOak Care Ltd\tX\tX\n"
    )
    (framework,) = facts.frameworks
    assert [(lot.number, lot.title) for lot in framework.lots] == [("1", "Town"), ("2", "Villages")]
