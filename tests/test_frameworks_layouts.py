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
